#include "sim/profile/profile.h"

namespace inboxsim::profile {

std::string_view FamilyName(Family family) {
  switch (family) {
    case Family::kTrigger:
      return "trigger";
  }
  return "trigger";
}

}  // namespace inboxsim::profile
