#include "sim/core/action.h"

namespace inboxsim {

std::string_view ActionName(Action action) {
  switch (action) {
    case Action::kInbox:
      return "inbox";
    case Action::kJunk:
      return "junk";
    case Action::kReject:
      return "reject";
  }
  return "inbox";
}

}  // namespace inboxsim
