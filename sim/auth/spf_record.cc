#include "sim/auth/spf_record.h"

#include "sim/auth/spf_macro.h"
#include "sim/core/text.h"

namespace inboxsim::auth {
namespace {

Error SyntaxError(std::string message) {
  return Error{ErrorCode::kBadInput, "", std::move(message)};
}

// name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." )  (RFC 7208 12)
bool IsModifierName(std::string_view name) {
  if (name.empty() || !IsAlphaAscii(name[0])) return false;
  for (char c : name) {
    if (!IsAlnumAscii(c) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

// "/" ("0" / %x31-39 0*N DIGIT) with a value of at most `max`; the digits
// after the slash, or nullopt.
std::optional<int> ParseCidrLength(std::string_view digits, int max) {
  const size_t max_digits = max >= 100 ? 3 : 2;
  if (digits.empty() || digits.size() > max_digits ||
      (digits.size() > 1 && digits[0] == '0')) {
    return std::nullopt;
  }
  int value = 0;
  for (char c : digits) {
    if (!IsDigitAscii(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > max) return std::nullopt;
  return value;
}

// Splits a trailing dual-cidr-length ("/24", "//64", "/24//64") off
// `*argument`; false when one is present but malformed.
bool TakeDualCidr(std::string_view* argument, Mechanism* mechanism) {
  std::string_view text = *argument;
  auto take_suffix = [&](std::string_view separator, int max, int* out) {
    const size_t slash = text.rfind(separator);
    if (slash == std::string_view::npos) return true;
    const std::string_view digits = text.substr(slash + separator.size());
    // Only digits make a CIDR length; a '/' inside a macro-string is literal
    // text (it is a valid macro-literal) and is left to the domain check.
    if (digits.find_first_not_of("0123456789") != std::string_view::npos) {
      return true;
    }
    if (separator == "/" && slash > 0 && text[slash - 1] == '/') return true;
    const std::optional<int> length = ParseCidrLength(digits, max);
    if (!length) return false;
    *out = *length;
    text = text.substr(0, slash);
    return true;
  };
  if (!take_suffix("//", 128, &mechanism->prefix_v6)) return false;
  if (!take_suffix("/", 32, &mechanism->prefix_v4)) return false;
  *argument = text;
  return true;
}

Status ParseMechanism(std::string_view term, Mechanism* mechanism) {
  mechanism->text = std::string(term);
  std::string_view rest = term;
  switch (rest.empty() ? '\0' : rest[0]) {
    case '+':
      mechanism->qualifier = Qualifier::kPass;
      rest.remove_prefix(1);
      break;
    case '-':
      mechanism->qualifier = Qualifier::kFail;
      rest.remove_prefix(1);
      break;
    case '~':
      mechanism->qualifier = Qualifier::kSoftfail;
      rest.remove_prefix(1);
      break;
    case '?':
      mechanism->qualifier = Qualifier::kNeutral;
      rest.remove_prefix(1);
      break;
    default:
      break;
  }
  const size_t name_end = std::min(rest.find_first_of(":/"), rest.size());
  const std::string name = ToLowerAscii(rest.substr(0, name_end));
  std::string_view argument = rest.substr(name_end);
  // Appended, not "'" + term + "'": GCC 12 warns falsely (-Wrestrict) on
  // that operator+ chain.
  std::string quoted = "'";
  quoted.append(term).append("'");
  const bool has_domain = argument.starts_with(':');

  if (name == "all") {
    if (!argument.empty())
      return SyntaxError("'all' takes no argument in " + quoted);
    mechanism->kind = MechanismKind::kAll;
    return Ok{};
  }
  if (name == "ip4" || name == "ip6") {
    const bool v4 = name == "ip4";
    mechanism->kind = v4 ? MechanismKind::kIp4 : MechanismKind::kIp6;
    if (!has_domain) return SyntaxError(quoted + " needs an address");
    argument.remove_prefix(1);
    const size_t slash = argument.find('/');
    const std::optional<IpAddress> network =
        IpAddress::Parse(argument.substr(0, slash));
    if (!network || network->is_v4() != v4) {
      return SyntaxError("bad " + std::string(v4 ? "IPv4" : "IPv6") +
                         " network in " + quoted);
    }
    mechanism->network = *network;
    if (slash != std::string_view::npos) {
      const std::optional<int> length =
          ParseCidrLength(argument.substr(slash + 1), v4 ? 32 : 128);
      if (!length) return SyntaxError("bad CIDR length in " + quoted);
      (v4 ? mechanism->prefix_v4 : mechanism->prefix_v6) = *length;
    }
    return Ok{};
  }
  if (name == "a" || name == "mx") {
    mechanism->kind = name == "a" ? MechanismKind::kA : MechanismKind::kMx;
    if (!TakeDualCidr(&argument, mechanism)) {
      return SyntaxError("bad CIDR length in " + quoted);
    }
  } else if (name == "include") {
    mechanism->kind = MechanismKind::kInclude;
  } else if (name == "exists") {
    mechanism->kind = MechanismKind::kExists;
  } else if (name == "ptr") {
    mechanism->kind = MechanismKind::kPtr;
  } else {
    return SyntaxError("unknown mechanism " + quoted);
  }
  const bool needs_domain = mechanism->kind == MechanismKind::kInclude ||
                            mechanism->kind == MechanismKind::kExists;
  if (argument.empty()) {
    if (needs_domain) return SyntaxError(quoted + " needs a domain");
    return Ok{};
  }
  if (!argument.starts_with(':')) {
    return SyntaxError("unexpected text after '" + name + "' in " + quoted);
  }
  argument.remove_prefix(1);
  if (std::string reason = CheckDomainSpec(argument); !reason.empty()) {
    return SyntaxError(reason + " in " + quoted);
  }
  mechanism->domain_spec = std::string(argument);
  return Ok{};
}

}  // namespace

std::optional<VersionTag> ReadVersionTag(std::string_view txt) {
  const size_t end = std::min(txt.find(' '), txt.size());
  const std::string_view tag = txt.substr(0, end);
  VersionTag result;
  result.length = end;
  if (EqualsIgnoreCase(tag, "v=spf1")) {
    result.spf1 = true;
    return result;
  }
  constexpr std::string_view kSenderId = "spf2.0/";
  if (!StartsWithIgnoreCase(tag, kSenderId)) return std::nullopt;
  std::string_view scopes = tag.substr(kSenderId.size());
  // scope-id *( "," scope-id ); an empty scope-id is a malformed tag.
  while (true) {
    const size_t comma = std::min(scopes.find(','), scopes.size());
    const std::string_view scope = scopes.substr(0, comma);
    if (scope.empty()) return std::nullopt;
    result.mfrom |= EqualsIgnoreCase(scope, "mfrom");
    result.pra |= EqualsIgnoreCase(scope, "pra");
    if (comma == scopes.size()) break;
    scopes.remove_prefix(comma + 1);
  }
  return result;
}

Result<SpfRecord> ParseSpfTerms(std::string_view terms) {
  SpfRecord record;
  size_t start = 0;
  while (start < terms.size()) {
    size_t end = std::min(terms.find(' ', start), terms.size());
    const std::string_view term = terms.substr(start, end - start);
    start = end + 1;
    if (term.empty()) continue;  // terms are separated by 1*SP
    const size_t equals = term.find('=');
    if (equals != std::string_view::npos &&
        IsModifierName(term.substr(0, equals))) {
      const std::string name = ToLowerAscii(term.substr(0, equals));
      const std::string_view value = term.substr(equals + 1);
      if (name == "redirect" || name == "exp") {
        std::string& slot =
            name == "redirect" ? record.redirect : record.explanation;
        if (!slot.empty()) return SyntaxError(name + "= appears twice");
        if (std::string reason = CheckDomainSpec(value); !reason.empty()) {
          return SyntaxError(reason + " in '" + std::string(term) + "'");
        }
        slot = std::string(value);
      } else if (std::string reason =
                     CheckMacroString(value, MacroUse::kDomainSpec);
                 !reason.empty()) {
        // Unknown modifiers are ignored, but only when well-formed.
        return SyntaxError(reason + " in '" + std::string(term) + "'");
      }
      continue;
    }
    Mechanism mechanism;
    if (Status parsed = ParseMechanism(term, &mechanism); !parsed) {
      return parsed.error();
    }
    record.mechanisms.push_back(std::move(mechanism));
  }
  return record;
}

}  // namespace inboxsim::auth
