// SPF macro strings (RFC 7208 section 7): the "%{ir}.%{v}._spf.%{d2}"
// patterns that stand for domain names in mechanisms and modifiers, and the
// text of explanations.
//
//   MacroContext context{.sender = "strong-bad@email.example.com", ...};
//   CheckMacroString("%{l1r-}.lp._spf.%{d2}", MacroUse::kDomainSpec) -> ""
//   ExpandMacros("%{l1r-}.lp._spf.%{d2}", context)
//       -> "strong.lp._spf.example.com"
//
// Check first: ExpandMacros() assumes valid syntax. Both are pure functions,
// safe on any number of threads.
#ifndef INBOXSIM_AUTH_SPF_MACRO_H_
#define INBOXSIM_AUTH_SPF_MACRO_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "sim/core/ip_address.h"

namespace inboxsim::auth {

// The longest domain name DNS carries, in text form (RFC 1035 2.3.4).
inline constexpr size_t kMaxDomainBytes = 253;

// Where a macro string appears: the letters c, r and t, and spaces, are
// allowed only in explanation text (RFC 7208 7.1, 7.2).
enum class MacroUse : unsigned char { kDomainSpec, kExplanation };

// What the macro letters expand to. Views must outlive the expansion.
struct MacroContext {
  std::string_view sender;                // s: <sender>, "local@domain"
  std::string_view local_part;            // l
  std::string_view sender_domain;         // o
  std::string_view domain;                // d: the domain being checked
  IpAddress ip;                           // i, c and v
  std::string_view helo;                  // h
  std::string_view receiver = "unknown";  // r: the checking host's name
  int64_t now_seconds = 0;                // t
  // p: called only when a string uses %{p}, as it costs DNS lookups; when
  // empty, p is "unknown".
  std::function<std::string()> validated_name;
};

// "" when `text` is a valid macro-string for `use`, else why not, e.g.
// "unknown macro letter 'x' in '%{x}'".
std::string CheckMacroString(std::string_view text, MacroUse use);

// "" when `text` is a valid domain-spec (a macro-string that ends in a macro
// or in "." and a top label that is not all digits), else why not.
std::string CheckDomainSpec(std::string_view text);

// `text` with every macro expanded; uppercase macro letters URL-escape
// their value (RFC 7208 7.3).
std::string ExpandMacros(std::string_view text, const MacroContext& context);

// `name` shortened from the left, a label at a time, to at most 253 bytes
// (RFC 7208 7.3, for expanded domain-specs).
std::string_view TruncateDomainName(std::string_view name);

}  // namespace inboxsim::auth

#endif  // INBOXSIM_AUTH_SPF_MACRO_H_
