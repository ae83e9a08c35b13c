// Evaluation: a profile's verdict on one message is a pure function of the
// message's hit set: the sum of the scores of its rules that hit, against
// its thresholds.
//
//   Verdict verdict = Evaluate(profile, hits);   // verdict.action,
//   verdict.score
#ifndef INBOXSIM_PROFILE_EVALUATE_H_
#define INBOXSIM_PROFILE_EVALUATE_H_

#include <vector>

#include "sim/core/action.h"
#include "sim/profile/profile.h"
#include "sim/scan/pattern_set.h"

namespace inboxsim::profile {

struct Verdict {
  Action action = Action::kInbox;
  double score = 0;
  bool allowed = false;  // an allow-list rule fired: inbox, whatever the rest
};

// Reject when score >= reject threshold, else junk when score >= junk
// threshold, else inbox.
Action ActionForScore(const Profile& profile, double score);

// The stricter of two actions (inbox < junk < reject).
Action Stricter(Action a, Action b);

// The score against the thresholds, made stricter by any rule that fired
// with a forced action (a content ban set to "reject" rejects whatever the
// score).
Verdict Evaluate(const Profile& profile, const scan::HitSet& hits);

// The profile's rules that hit, in the profile's order (indices into
// profile.rules).
std::vector<size_t> FiredRules(const Profile& profile,
                               const scan::HitSet& hits);

}  // namespace inboxsim::profile

#endif  // INBOXSIM_PROFILE_EVALUATE_H_
