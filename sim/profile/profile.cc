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

}  // namespace inboxsim::profile
