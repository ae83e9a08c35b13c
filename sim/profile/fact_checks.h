// Rules that are facts of the parsed message rather than patterns: content
// bans, lists, recorded authentication verdicts, reputation signals and
// tables. One place decides whether such a rule fires and says why, for the
// engine and for explanations alike.
//
//   RecordedAuth auth = ReadRecordedAuth(message.headers());
//   if (FactCheckFires(rule, message, auth)) ...
//   RuleReason(rule, message) -> "executable attachment invoice.exe"
#ifndef INBOXSIM_PROFILE_FACT_CHECKS_H_
#define INBOXSIM_PROFILE_FACT_CHECKS_H_

#include <string>

#include "sim/mime/message.h"
#include "sim/profile/auth_results.h"
#include "sim/profile/profile.h"

namespace inboxsim::profile {

// True when fact rule `rule` fires on `message`; false for pattern rules.
// `auth` is the message's recorded verdicts, read once by the caller.
bool FactCheckFires(const Rule& rule, const mime::Message& message,
                    const RecordedAuth& auth);

// Why `rule` fired on `message`, in words a person understands: what a fact
// check found, else the rule's description, else what it looked for where.
std::string RuleReason(const Rule& rule, const mime::Message& message);

}  // namespace inboxsim::profile

#endif  // INBOXSIM_PROFILE_FACT_CHECKS_H_
