#include "sim/profile/profile.h"

namespace inboxsim::profile {

std::string_view FamilyName(Family family) {
  switch (family) {
    case Family::kTrigger:
      return "trigger";
    case Family::kList:
      return "list";
    case Family::kContent:
      return "content";
    case Family::kAuth:
      return "auth";
    case Family::kReputation:
      return "reputation";
  }
  return "trigger";
}

std::string CheckName(const Rule& rule) {
  switch (rule.check) {
    case CheckKind::kPattern:
      return rule.target.ToString();
    case CheckKind::kMeta:
      return "meta";
    case CheckKind::kHeaderExists:
      return "sa-exists";
    default:
      return std::string(FamilyName(rule.family));
  }
}

}  // namespace inboxsim::profile
