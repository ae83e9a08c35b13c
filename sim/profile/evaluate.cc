#include "sim/profile/evaluate.h"

namespace inboxsim::profile {

Action ActionForScore(const Profile& profile, double score) {
  if (score >= profile.reject_threshold) return Action::kReject;
  if (score >= profile.junk_threshold) return Action::kJunk;
  return Action::kInbox;
}

Action Stricter(Action a, Action b) { return a > b ? a : b; }

Verdict Evaluate(const Profile& profile, const scan::HitSet& hits) {
  Verdict verdict;
  Action forced = Action::kInbox;
  bool allowed = false;
  for (const ProfileRule& rule : profile.rules) {
    if (!hits.test(rule.rule)) continue;
    verdict.score += rule.score;
    forced = Stricter(forced, rule.forced);
    allowed = allowed || rule.allow;
  }
  verdict.allowed = allowed;
  verdict.action =
      allowed ? Action::kInbox
              : Stricter(ActionForScore(profile, verdict.score), forced);
  return verdict;
}

std::vector<size_t> FiredRules(const Profile& profile,
                               const scan::HitSet& hits) {
  std::vector<size_t> fired;
  for (size_t i = 0; i < profile.rules.size(); ++i) {
    if (hits.test(profile.rules[i].rule)) fired.push_back(i);
  }
  return fired;
}

}  // namespace inboxsim::profile
