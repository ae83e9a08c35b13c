// Action: where a receiving filter puts a message.
#ifndef INBOXSIM_CORE_ACTION_H_
#define INBOXSIM_CORE_ACTION_H_

#include <string_view>

namespace inboxsim {

enum class Action : unsigned char { kInbox, kJunk, kReject };
inline constexpr int kActionCount = 3;
inline constexpr Action kActions[] = {Action::kInbox, Action::kJunk,
                                      Action::kReject};

// "inbox", "junk", "reject": the spelling used in reports.
std::string_view ActionName(Action action);

}  // namespace inboxsim

#endif  // INBOXSIM_CORE_ACTION_H_
