#include "sim/auth/spf_macro.h"

#include <algorithm>
#include <vector>

#include "sim/core/text.h"

namespace inboxsim::auth {
namespace {

constexpr std::string_view kDelimiters = ".-+,/_=";

// One "%{...}" after its syntax was checked.
struct MacroExpand {
  char letter = 0;      // lower case
  bool escape = false;  // the letter was upper case: URL-escape the value
  size_t keep = 0;      // rightmost parts to keep; 0 = all
  bool reverse = false;
  std::string_view delimiters;  // empty = "."
};

// Parses the inside of "%{...}" (between the braces); "" or the reason.
std::string ParseExpand(std::string_view body, MacroUse use, MacroExpand* out) {
  const std::string quoted = "'%{" + std::string(body) + "}'";
  if (body.empty()) return "empty macro " + quoted;
  const char letter = ToLowerAscii(body[0]);
  if (std::string_view("slodiphcrtv").find(letter) == std::string_view::npos) {
    return "unknown macro letter '" + std::string(1, body[0]) + "' in " +
           quoted;
  }
  if (use == MacroUse::kDomainSpec &&
      (letter == 'c' || letter == 'r' || letter == 't')) {
    return "macro " + quoted + " is allowed only in explanations";
  }
  out->letter = letter;
  out->escape = body[0] != letter;
  size_t i = 1;
  size_t digits_end = i;
  while (digits_end < body.size() && IsDigitAscii(body[digits_end])) {
    ++digits_end;
  }
  if (digits_end > i) {
    // More parts than a name can hold (127 labels) all mean "all of them".
    const std::string_view digits = body.substr(i, digits_end - i);
    out->keep = digits.size() > 3 ? 1000 : std::stoul(std::string(digits));
    if (out->keep == 0 &&
        digits.find_first_not_of('0') == std::string_view::npos) {
      return "macro " + quoted + " keeps zero parts";
    }
    i = digits_end;
  }
  if (i < body.size() && ToLowerAscii(body[i]) == 'r') {
    out->reverse = true;
    ++i;
  }
  const size_t delimiters_start = i;
  while (i < body.size() && kDelimiters.find(body[i]) != std::string::npos) {
    ++i;
  }
  out->delimiters = body.substr(delimiters_start, i - delimiters_start);
  if (i != body.size()) {
    return "unexpected '" + std::string(1, body[i]) + "' in macro " + quoted;
  }
  return "";
}

// RFC 3986 unreserved characters stay; every other byte becomes %XX.
std::string UrlEscape(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : value) {
    if (IsAlnumAscii(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

// "i": dotted quad, or the 32 nibbles of an IPv6 address dot-separated
// (RFC 7208 7.3).
std::string DottedIp(const IpAddress& ip) {
  if (ip.is_v4()) return ip.ToString();
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char byte : ip.bytes()) {
    if (!out.empty()) out += '.';
    out += kHex[byte >> 4];
    out += '.';
    out += kHex[byte & 0xF];
  }
  return out;
}

std::string LetterValue(char letter, const MacroContext& context) {
  switch (letter) {
    case 's':
      return std::string(context.sender);
    case 'l':
      return std::string(context.local_part);
    case 'o':
      return std::string(context.sender_domain);
    case 'd':
      return std::string(context.domain);
    case 'i':
      return DottedIp(context.ip);
    case 'p':
      return context.validated_name ? context.validated_name() : "unknown";
    case 'v':
      return context.ip.is_v4() ? "in-addr" : "ip6";
    case 'h':
      return std::string(context.helo);
    case 'c':
      return context.ip.ToString();
    case 'r':
      return std::string(context.receiver);
    case 't':
      return std::to_string(context.now_seconds);
  }
  return "";
}

// Splits on the delimiters, reverses, keeps the rightmost parts and joins
// them with dots (RFC 7208 7.3).
std::string Transform(std::string_view value, const MacroExpand& expand) {
  if (expand.keep == 0 && !expand.reverse && expand.delimiters.empty()) {
    return std::string(value);
  }
  const std::string_view delimiters =
      expand.delimiters.empty() ? "." : expand.delimiters;
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= value.size(); ++i) {
    if (i == value.size() || delimiters.find(value[i]) != std::string::npos) {
      parts.push_back(value.substr(start, i - start));
      start = i + 1;
    }
  }
  if (expand.reverse) std::reverse(parts.begin(), parts.end());
  const size_t first = expand.keep == 0 || expand.keep >= parts.size()
                           ? 0
                           : parts.size() - expand.keep;
  std::string out;
  for (size_t i = first; i < parts.size(); ++i) {
    if (i > first) out += '.';
    out += parts[i];
  }
  return out;
}

// Calls on_literal(text) and on_macro(body) in order; "" or the reason the
// string is malformed.
template <typename Literal, typename Macro>
std::string Walk(std::string_view text, Literal on_literal, Macro on_macro) {
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '%') {
      const size_t next = std::min(text.find('%', i), text.size());
      on_literal(text.substr(i, next - i));
      i = next;
      continue;
    }
    if (i + 1 >= text.size())
      return "'%' at the end of '" + std::string(text) + "'";
    const char next = text[i + 1];
    if (next == '%' || next == '_' || next == '-') {
      on_macro(text.substr(i + 1, 1));
      i += 2;
      continue;
    }
    if (next != '{') {
      return "'%" + std::string(1, next) + "' is not a macro (use %% for '%')";
    }
    const size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      return "unterminated macro in '" + std::string(text) + "'";
    }
    if (std::string reason = on_macro(text.substr(i + 2, close - i - 2));
        !reason.empty()) {
      return reason;
    }
    i = close + 1;
  }
  return "";
}

bool IsTopLabel(std::string_view label) {
  if (label.empty() || !IsAlnumAscii(label.front()) ||
      !IsAlnumAscii(label.back())) {
    return false;
  }
  bool has_alpha_or_hyphen = false;
  for (char c : label) {
    if (!IsAlnumAscii(c) && c != '-') return false;
    has_alpha_or_hyphen |= IsAlphaAscii(c) || c == '-';
  }
  return has_alpha_or_hyphen;
}

}  // namespace

std::string CheckMacroString(std::string_view text, MacroUse use) {
  std::string bad_literal;
  std::string reason = Walk(
      text,
      [&](std::string_view literal) {
        for (char c : literal) {
          const bool visible = c >= 0x21 && c <= 0x7E;
          if (!visible && !(c == ' ' && use == MacroUse::kExplanation) &&
              bad_literal.empty()) {
            bad_literal = "character 0x" +
                          std::string(1, "0123456789abcdef"[(c >> 4) & 0xF]) +
                          std::string(1, "0123456789abcdef"[c & 0xF]) +
                          " not allowed in '" + std::string(text) + "'";
          }
        }
      },
      [&](std::string_view body) -> std::string {
        if (body.size() == 1 &&
            std::string_view("%_-").find(body[0]) != std::string_view::npos) {
          return "";
        }
        MacroExpand expand;
        return ParseExpand(body, use, &expand);
      });
  return reason.empty() ? bad_literal : reason;
}

std::string CheckDomainSpec(std::string_view text) {
  if (text.empty()) return "empty domain name";
  if (std::string reason = CheckMacroString(text, MacroUse::kDomainSpec);
      !reason.empty()) {
    return reason;
  }
  // domain-end = ( "." toplabel [ "." ] ) / macro-expand: look at what
  // follows the last macro.
  size_t tail_start = 0;
  bool ends_in_macro = false;
  Walk(
      text, [&](std::string_view) { ends_in_macro = false; },
      [&](std::string_view body) -> std::string {
        ends_in_macro = true;
        // Past the closing brace of "%{...}", or past "%%", "%_", "%-".
        const size_t begin = static_cast<size_t>(body.data() - text.data());
        const bool braced = text[begin - 1] == '{';
        tail_start = begin + body.size() + (braced ? 1 : 0);
        return "";
      });
  if (ends_in_macro) return "";
  std::string_view tail = text.substr(tail_start);
  if (tail.ends_with('.')) tail.remove_suffix(1);
  const size_t dot = tail.rfind('.');
  if (dot == std::string_view::npos || !IsTopLabel(tail.substr(dot + 1))) {
    // Appended: GCC 12 warns falsely (-Wrestrict) on "'" + std::string.
    std::string reason = "'";
    return reason.append(text).append(
        "' does not end in a top-level domain name or a macro");
  }
  return "";
}

std::string ExpandMacros(std::string_view text, const MacroContext& context) {
  std::string out;
  Walk(
      text, [&](std::string_view literal) { out += literal; },
      [&](std::string_view body) -> std::string {
        if (body == "%") {
          out += '%';
        } else if (body == "_") {
          out += ' ';
        } else if (body == "-") {
          out += "%20";
        } else {
          MacroExpand expand;
          if (ParseExpand(body, MacroUse::kExplanation, &expand).empty()) {
            const std::string value =
                Transform(LetterValue(expand.letter, context), expand);
            out += expand.escape ? UrlEscape(value) : value;
          }
        }
        return "";
      });
  return out;
}

std::string_view TruncateDomainName(std::string_view name) {
  while (name.size() > kMaxDomainBytes) {
    const size_t dot = name.find('.');
    if (dot == std::string_view::npos)
      return name.substr(name.size() - kMaxDomainBytes);
    name.remove_prefix(dot + 1);
  }
  return name;
}

}  // namespace inboxsim::auth
