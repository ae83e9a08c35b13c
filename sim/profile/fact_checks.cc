#include "sim/profile/fact_checks.h"

#include "sim/profile/content_checks.h"
#include "sim/profile/lists.h"
#include "sim/profile/reputation_checks.h"
#include "sim/profile/reputation_table.h"

namespace inboxsim::profile {
namespace {

// The reason of a fact rule that fired, nullopt when it did not; for the
// recorded verdicts (no reason beyond the rule itself), its description.
std::optional<std::string> FactReason(const Rule& rule,
                                      const mime::Message& message,
                                      const RecordedAuth& auth) {
  switch (rule.check) {
    case CheckKind::kPattern:
      return std::nullopt;
    case CheckKind::kList:
      return rule.list ? MatchList(*rule.list, message) : std::nullopt;
    case CheckKind::kRecordedAuth:
      if (auth.Get(rule.auth_method) != rule.auth_result) return std::nullopt;
      return rule.description;
    case CheckKind::kReputationTable:
      return rule.reputation ? MatchReputation(*rule.reputation,
                                               rule.reputation_class, message)
                             : std::nullopt;
    case CheckKind::kImages:
    case CheckKind::kMultimedia:
    case CheckKind::kActiveScript:
    case CheckKind::kHiddenText:
      if (!ContentCheckFires(rule.check, message)) return std::nullopt;
      return ContentCheckReason(rule.check, message);
    default:
      return ReputationSignalReason(rule.check, message);
  }
}

}  // namespace

bool FactCheckFires(const Rule& rule, const mime::Message& message,
                    const RecordedAuth& auth) {
  switch (rule.check) {
    case CheckKind::kRecordedAuth:
      return auth.Get(rule.auth_method) == rule.auth_result;
    case CheckKind::kImages:
    case CheckKind::kMultimedia:
    case CheckKind::kActiveScript:
    case CheckKind::kHiddenText:
      return ContentCheckFires(rule.check, message);
    default:
      return FactReason(rule, message, auth).has_value();
  }
}

std::string RuleReason(const Rule& rule, const mime::Message& message) {
  if (rule.check != CheckKind::kPattern) {
    const RecordedAuth auth = rule.check == CheckKind::kRecordedAuth
                                  ? ReadRecordedAuth(message.headers())
                                  : RecordedAuth{};
    if (auto reason = FactReason(rule, message, auth)) return *reason;
  }
  if (!rule.description.empty()) return rule.description;
  return "pattern /" + rule.pattern + "/" + rule.flags + " matched " +
         rule.target.ToString();
}

}  // namespace inboxsim::profile
