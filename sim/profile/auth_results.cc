#include "sim/profile/auth_results.h"

#include "sim/core/text.h"

namespace inboxsim::profile {
namespace {

// The first word of `text` (letters only), lower case.
std::string FirstWord(std::string_view text) {
  text = TrimAscii(text);
  size_t end = 0;
  while (end < text.size() && IsAlphaAscii(text[end])) ++end;
  return ToLowerAscii(text.substr(0, end));
}

// The result of "method=result" in an Authentication-Results value, for any
// of `names` as the method. Only whole method names count ("spf" must not
// match "dkim-spf").
std::optional<AuthResult> MethodResult(
    std::string_view value, std::initializer_list<std::string_view> names) {
  const std::string lowered = ToLowerAscii(value);
  for (std::string_view name : names) {
    size_t pos = 0;
    while ((pos = lowered.find(name, pos)) != std::string::npos) {
      const bool starts_word = pos == 0 || !(IsAlnumAscii(lowered[pos - 1]) ||
                                             lowered[pos - 1] == '-');
      size_t after = pos + name.size();
      while (after < lowered.size() &&
             (lowered[after] == ' ' || lowered[after] == '\t'))
        ++after;
      if (starts_word && after < lowered.size() && lowered[after] == '=') {
        return ParseAuthResult(
            FirstWord(std::string_view(lowered).substr(after + 1)));
      }
      pos += name.size();
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view AuthResultName(AuthResult result) {
  switch (result) {
    case AuthResult::kPass:
      return "pass";
    case AuthResult::kFail:
      return "fail";
    case AuthResult::kSoftfail:
      return "softfail";
    case AuthResult::kNeutral:
      return "neutral";
    case AuthResult::kNone:
      return "none";
    case AuthResult::kTemperror:
      return "temperror";
    case AuthResult::kPermerror:
      return "permerror";
  }
  return "none";
}

std::optional<AuthResult> ParseAuthResult(std::string_view text) {
  const std::string word = ToLowerAscii(TrimAscii(text));
  for (AuthResult result : kAuthResults) {
    if (word == AuthResultName(result)) return result;
  }
  if (word == "error") return AuthResult::kTemperror;    // RFC 4408
  if (word == "unknown") return AuthResult::kPermerror;  // RFC 4408
  if (word == "hardfail") return AuthResult::kFail;
  if (word == "policy") return AuthResult::kNeutral;  // RFC 8601 2.7.1
  return std::nullopt;
}

std::string_view AuthMethodName(AuthMethod method) {
  return method == AuthMethod::kSpf ? "spf" : "senderid";
}

RecordedAuth ReadRecordedAuth(const mime::HeaderList& headers) {
  RecordedAuth auth;
  if (const mime::HeaderField* spf = headers.Find("received-spf")) {
    auth.spf = ParseAuthResult(FirstWord(spf->value));
  }
  if (const mime::HeaderField* results =
          headers.Find("authentication-results")) {
    if (!auth.spf) auth.spf = MethodResult(results->value, {"spf"});
    auth.sender_id = MethodResult(results->value, {"sender-id", "senderid"});
  }
  return auth;
}

}  // namespace inboxsim::profile
