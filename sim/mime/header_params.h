// Structured header values with parameters: Content-Type and
// Content-Disposition (RFC 2045, RFC 2183), including RFC 2231 continuations
// and charset-tagged values, and the RFC 2047 words senders put in file names.
//
//   HeaderParams ct = ParseHeaderParams("multipart/mixed; boundary=\"=_a b\"");
//   ct.value -> "multipart/mixed", ct.Param("boundary") -> "=_a b"
#ifndef INBOXSIM_MIME_HEADER_PARAMS_H_
#define INBOXSIM_MIME_HEADER_PARAMS_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace inboxsim::mime {

struct HeaderParams {
  std::string value;  // lower case, trimmed, comments removed: "text/plain"
  // Names lower case; values unquoted, RFC 2231 pieces joined and decoded.
  std::vector<std::pair<std::string, std::string>> params;

  // The value of parameter `name` (lower case), or "" when absent.
  std::string_view Param(std::string_view name) const;
  bool HasParam(std::string_view name) const;
};

// Parses a header value (raw, may still be folded). Never fails: garbage
// yields whatever could be read, possibly an empty value.
HeaderParams ParseHeaderParams(std::string_view raw_value);

}  // namespace inboxsim::mime

#endif  // INBOXSIM_MIME_HEADER_PARAMS_H_
