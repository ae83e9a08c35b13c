// Content-type bans: facts of the parsed message that IT departments block
// on (images, multimedia, active script, hidden text), each with a reason a
// person understands.
//
//   if (ContentCheckFires(CheckKind::kActiveScript, message))
//     ContentCheckReason(CheckKind::kActiveScript, message)
//         -> "executable attachment invoice.exe"
#ifndef INBOXSIM_PROFILE_CONTENT_CHECKS_H_
#define INBOXSIM_PROFILE_CONTENT_CHECKS_H_

#include <optional>
#include <string>
#include <string_view>

#include "sim/mime/message.h"
#include "sim/profile/profile.h"

namespace inboxsim::profile {

// The content check a profile's [content] key names ("images",
// "multimedia", "active_script", "hidden_text"); nullopt for others.
std::optional<CheckKind> ParseContentCheck(std::string_view key);
// The rule id a content check reports under: "CONTENT_IMAGES", ...
std::string ContentCheckId(CheckKind check);
std::string ContentCheckDescription(CheckKind check);

// True when `check` finds its content in `message`. kPattern never fires.
bool ContentCheckFires(CheckKind check, const mime::Message& message);

// Why it fired, naming what was found: "2 <img> in HTML", "executable
// attachment invoice.exe", "hidden text: 3 elements, 120 bytes". Empty when
// it does not fire.
std::string ContentCheckReason(CheckKind check, const mime::Message& message);

// True for a file name whose extension runs code or macros when opened
// (.exe .scr .js .vbs .bat .docm .xlsm ...).
bool IsExecutableFileName(std::string_view filename);

}  // namespace inboxsim::profile

#endif  // INBOXSIM_PROFILE_CONTENT_CHECKS_H_
