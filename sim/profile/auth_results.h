// Authentication verdicts already recorded in a message by the receiving
// MTA: Received-SPF (RFC 7208 9.1) and Authentication-Results (RFC 8601),
// for SPF and Sender ID. The newest (topmost) header of each kind is the one
// the receiver added; older ones may have been forged by the sender.
//
//   RecordedAuth auth = ReadRecordedAuth(message.headers());
//   if (auth.spf == AuthResult::kFail) ...
#ifndef INBOXSIM_PROFILE_AUTH_RESULTS_H_
#define INBOXSIM_PROFILE_AUTH_RESULTS_H_

#include <optional>
#include <string>
#include <string_view>

#include "sim/mime/header.h"

namespace inboxsim::profile {

enum class AuthResult : unsigned char {
  kPass,
  kFail,
  kSoftfail,
  kNeutral,
  kNone,
  kTemperror,
  kPermerror
};
inline constexpr AuthResult kAuthResults[] = {
    AuthResult::kPass,     AuthResult::kFail, AuthResult::kSoftfail,
    AuthResult::kNeutral,  AuthResult::kNone, AuthResult::kTemperror,
    AuthResult::kPermerror};
// "pass", "fail", "softfail", "neutral", "none", "temperror", "permerror".
std::string_view AuthResultName(AuthResult result);
// Also reads RFC 4408's "error"/"unknown" spellings and RFC 8601's "policy".
std::optional<AuthResult> ParseAuthResult(std::string_view text);

enum class AuthMethod : unsigned char { kSpf, kSenderId };
std::string_view AuthMethodName(AuthMethod method);  // "spf", "senderid"

struct RecordedAuth {
  std::optional<AuthResult> spf;        // topmost Received-SPF, else "spf=" in
                                        // the topmost Authentication-Results
  std::optional<AuthResult> sender_id;  // "sender-id=" / "senderid=" there
  std::optional<AuthResult> Get(AuthMethod method) const {
    return method == AuthMethod::kSpf ? spf : sender_id;
  }
};

RecordedAuth ReadRecordedAuth(const mime::HeaderList& headers);

}  // namespace inboxsim::profile

#endif  // INBOXSIM_PROFILE_AUTH_RESULTS_H_
