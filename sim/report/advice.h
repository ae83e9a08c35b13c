// Advice for a sender: what to change in a message, each piece tied to the
// rules and signals that fired on it, so it appears exactly when its cause
// is present and goes away once fixed.
//
//   std::vector<Advice> advice = AdviseOn(profiles, verdicts, message);
//   advice[0].id -> "add_unsubscribe", .because -> {"REP_NO_UNSUBSCRIBE"}
#ifndef INBOXSIM_REPORT_ADVICE_H_
#define INBOXSIM_REPORT_ADVICE_H_

#include <string>
#include <vector>

#include "sim/mime/message.h"
#include "sim/profile/judge.h"

namespace inboxsim::report {

struct Advice {
  std::string id;    // stable: "add_unsubscribe", "fix_spf", ...
  std::string text;  // what to do, naming what was found
  std::vector<std::string> because;  // the rule and signal ids behind it
};

// The advice for `message`, given every profile's verdict on it (one per
// profile of `profiles`, in order), most consequential first: by the score
// its causes added in the profiles that did not inbox the message (a forced
// junk or reject counting as that threshold).
std::vector<Advice> AdviseOn(
    const profile::ProfileSet& profiles,
    const std::vector<profile::ProfileVerdict>& verdicts,
    const mime::Message& message);

}  // namespace inboxsim::report

#endif  // INBOXSIM_REPORT_ADVICE_H_
