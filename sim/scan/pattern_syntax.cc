#include "sim/scan/pattern_syntax.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "sim/core/text.h"

namespace inboxsim::scan::detail {
std::optional<size_t> ClassEnd(std::string_view e, size_t start) {
  size_t i = start + 1;
  if (i < e.size() && e[i] == '^') ++i;
  if (i < e.size() && e[i] == ']') ++i;  // a leading ] is a literal
  while (i < e.size() && e[i] != ']') {
    if (e[i] == '\\') {
      i += 2;
    } else if (e[i] == '[' && i + 1 < e.size() && e[i + 1] == ':') {
      size_t end = e.find(":]", i + 2);
      i = end == std::string_view::npos ? i + 1 : end + 2;
    } else {
      ++i;
    }
  }
  if (i >= e.size()) return std::nullopt;
  return i + 1;
}

std::optional<size_t> GroupEnd(std::string_view e, size_t start) {
  int depth = 0;
  size_t i = start;
  while (i < e.size()) {
    const char c = e[i];
    if (c == '\\') {
      if (e.substr(i, 2) == "\\Q") return std::nullopt;
      i += 2;
    } else if (c == '[') {
      std::optional<size_t> end = ClassEnd(e, i);
      if (!end) return std::nullopt;
      i = *end;
    } else if (c == '(') {
      ++depth;
      ++i;
    } else if (c == ')') {
      ++i;
      if (--depth == 0) return i;
    } else {
      ++i;
    }
  }
  return std::nullopt;
}

namespace {

enum class Dialect { kRe2, kStd };

bool IsQuantifierStart(char c) {
  return c == '*' || c == '+' || c == '?' || c == '{';
}

// ClassEnd, or e.size() when the class is unterminated (the engine's
// parser reports that).
size_t SkipClass(std::string_view e, size_t start) {
  return ClassEnd(e, start).value_or(e.size());
}

// True when nothing can follow the $ at `e[dollar]` in a match: only closing
// parentheses (unquantified) and other alternatives until the end. Then
// consuming the final newline the $ may sit before changes no outcome.
bool IsTerminalDollar(std::string_view e, size_t dollar) {
  size_t j = dollar + 1;
  while (j < e.size()) {
    if (e[j] == ')') {
      ++j;
      if (j < e.size() && IsQuantifierStart(e[j])) return false;
    } else if (e[j] == '|') {
      // Skip the remaining alternatives of this group to its ')' or the end.
      int depth = 0;
      ++j;
      while (j < e.size()) {
        if (e[j] == '\\') {
          j += 2;
        } else if (e[j] == '[') {
          j = SkipClass(e, j);
        } else if (e[j] == '(') {
          ++depth;
          ++j;
        } else if (e[j] == ')') {
          if (depth == 0) break;
          --depth;
          ++j;
        } else {
          ++j;
        }
      }
    } else {
      return false;
    }
  }
  return true;
}

// True when `(?` at e[i] opens an inline option setting that turns on m,
// such as (?m) or (?im:...).
bool IsInlineMultiline(std::string_view e, size_t i) {
  bool negated = false;
  for (size_t j = i + 2; j < e.size(); ++j) {
    char c = e[j];
    if (c == ')' || c == ':') return false;
    if (c == '-') {
      negated = true;
    } else if (c == 'm') {
      if (!negated) return true;
    } else if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && c != '^') {
      return false;
    }
  }
  return false;
}

// The rewrite of one escape `\d` for `dialect`, appended to `*out`; returns
// the reason when the dialect cannot express it.
std::optional<std::string> RewriteEscape(char d, bool in_class,
                                         const Flags& flags, Dialect dialect,
                                         std::string* out) {
  const bool unicode_sensitive = d == 'w' || d == 'W' || d == 'd' || d == 'D' ||
                                 d == 's' || d == 'S' || d == 'b' || d == 'B';
  if (d == 'v') {
    return "\\v is any vertical space in PCRE2 but only VT in RE2 and "
           "ECMAScript";
  }
  if (dialect == Dialect::kRe2) {
    if (flags.utf && unicode_sensitive) {
      return std::string("\\") + d +
             " is Unicode-aware with PCRE2_UCP but ASCII-only in RE2";
    }
    if (d == 's') {
      out->append(in_class ? "[:space:]" : "[[:space:]]");
      return std::nullopt;
    }
    if (d == 'S') {
      out->append(in_class ? "[:^space:]" : "[^[:space:]]");
      return std::nullopt;
    }
    out->push_back('\\');
    out->push_back(d);
    return std::nullopt;
  }
  // ECMAScript: escapes with PCRE2's meaning; any other letter or digit
  // would silently become a literal in libstdc++ or mean something else.
  static constexpr std::string_view kSameMeaning = "dDwWsSbBfnrtc123456789";
  bool alnum = (d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z') ||
               (d >= '0' && d <= '9');
  if (alnum && d != 'x' && kSameMeaning.find(d) == std::string_view::npos) {
    return std::string("std::regex reads \\") + d + " differently from PCRE2";
  }
  out->push_back('\\');
  out->push_back(d);
  return std::nullopt;
}

Translation Translate(std::string_view e, const Flags& flags, Dialect dialect) {
  Translation t;
  const char* engine = dialect == Dialect::kRe2 ? "RE2" : "std::regex";
  if (flags.extended) {
    t.error = std::string(engine) + " has no extended (x) syntax";
    return t;
  }
  if (dialect == Dialect::kStd && flags.utf) {
    t.error = "std::regex matches bytes: no UTF-8 or Unicode properties (u)";
    return t;
  }
  if (dialect == Dialect::kRe2) {
    if (flags.caseless) t.expression += "(?i)";
    if (flags.multiline) t.expression += "(?m)";
    if (flags.dotall) t.expression += "(?s)";
  }
  bool saw_dollar = false;
  bool saw_inline_multiline = false;
  size_t i = 0;
  while (i < e.size()) {
    char c = e[i];
    if (c == '\\') {
      if (i + 1 >= e.size()) {  // a trailing backslash: the engine rejects it
        t.expression.push_back(c);
        break;
      }
      char d = e[i + 1];
      if (d == 'Q' && dialect == Dialect::kRe2) {
        // Quoted text passes through untouched, \E included.
        size_t end = e.find("\\E", i + 2);
        end = end == std::string_view::npos ? e.size() : end + 2;
        t.expression.append(e.substr(i, end - i));
        i = end;
        continue;
      }
      if (d == 'x' && dialect == Dialect::kStd && i + 2 < e.size() &&
          e[i + 2] == '{') {
        t.error = "std::regex has no \\x{...}";
        return t;
      }
      if (auto bad = RewriteEscape(d, /*in_class=*/false, flags, dialect,
                                   &t.expression)) {
        t.error = *std::move(bad);
        return t;
      }
      i += 2;
      continue;
    }
    if (c == '[') {
      size_t end = SkipClass(e, i);
      // Copy the class, rewriting its escapes; . ^ $ are literal inside.
      size_t j = i;
      while (j < end) {
        if (e[j] == '\\' && j + 1 < end) {
          if (dialect == Dialect::kStd && e[j + 1] == 'x' && j + 2 < end &&
              e[j + 2] == '{') {
            t.error = "std::regex has no \\x{...}";
            return t;
          }
          if (auto bad = RewriteEscape(e[j + 1], /*in_class=*/true, flags,
                                       dialect, &t.expression)) {
            t.error = *std::move(bad);
            return t;
          }
          j += 2;
        } else {
          if (dialect == Dialect::kRe2 && flags.utf && e[j] == '[' &&
              j + 1 < end && e[j + 1] == ':') {
            t.error =
                "POSIX classes are Unicode-aware with PCRE2_UCP but "
                "ASCII-only in RE2";
            return t;
          }
          t.expression.push_back(e[j]);
          ++j;
        }
      }
      i = end;
      continue;
    }
    if (c == '(' && i + 1 < e.size() && e[i + 1] == '?' &&
        IsInlineMultiline(e, i)) {
      saw_inline_multiline = true;
    }
    if (c == '.' && dialect == Dialect::kStd) {
      t.expression += flags.dotall ? "[\\s\\S]" : "[^\\n]";
      ++i;
      continue;
    }
    if ((c == '^' || c == '$') && flags.multiline && dialect == Dialect::kStd) {
      t.error =
          "std::regex multiline also ends lines at \\r; PCRE2 only at \\n";
      return t;
    }
    if (c == '$' && !flags.multiline) {
      saw_dollar = true;
      if (!IsTerminalDollar(e, i)) {
        t.error = std::string(engine) +
                  " cannot express PCRE2's $ (end or before a final "
                  "newline) with more pattern after it";
        return t;
      }
      t.expression += dialect == Dialect::kRe2 ? "(?:\\n?\\z)" : "(?:\\n?$)";
      ++i;
      continue;
    }
    t.expression.push_back(c);
    ++i;
  }
  if (saw_dollar && saw_inline_multiline) {
    t.error = std::string(engine) +
              ": an inline (?m) changes what $ means; not rewritten";
  }
  return t;
}

// True when an inline option group ("(?x)", "(?i-u:") turns on x or u.
bool HasInlineXOrU(std::string_view e) {
  for (size_t i = e.find("(?"); i != std::string_view::npos;
       i = e.find("(?", i + 2)) {
    // "(?" is an option group unless an odd run of backslashes escapes
    // its "(".
    size_t backslashes = 0;
    while (backslashes < i && e[i - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 1) continue;
    for (size_t j = i + 2; j < e.size() && e[j] != ')' && e[j] != ':'; ++j) {
      if (e[j] == '-') break;  // what follows turns options off
      if (e[j] == 'x' || e[j] == 'u') return true;
      if (!IsAlphaAscii(e[j]) && e[j] != '^') break;
    }
  }
  return false;
}

// Index just past the opening of the group at `e[start] == '('`: "(", "(?:",
// "(?=", "(?<!", "(?>", "(?|", "(?i-s:", "(?<name>", "(?P<name>", "(?'name'".
size_t SkipGroupOpening(std::string_view e, size_t start) {
  size_t i = start + 1;
  if (i >= e.size() || e[i] != '?') return i;
  ++i;
  if (i < e.size() && std::strchr(":=!>|", e[i]) != nullptr) return i + 1;
  if (e.substr(i, 2) == "<=" || e.substr(i, 2) == "<!") return i + 2;
  if (i < e.size() && e[i] == 'P') ++i;
  if (i < e.size() && (e[i] == '<' || e[i] == '\'')) {
    size_t end = e.find(e[i] == '<' ? '>' : '\'', i + 1);
    return end == std::string_view::npos ? e.size() : end + 1;
  }
  while (i < e.size() && e[i] != ':' && e[i] != ')') ++i;  // (?i-s:
  return std::min(i + 1, e.size());
}

}  // namespace

std::optional<CountedRepeat> ReadCountedRepeat(std::string_view e, size_t at) {
  // PCRE2 caps bounds at 65535; larger ones are its error to report.
  constexpr uint64_t kCap = uint64_t{1} << 20;
  auto read_number = [&](size_t* j) {
    uint64_t value = 0;
    while (*j < e.size() && IsDigitAscii(e[*j]))
      value = std::min<uint64_t>(value * 10 + (e[(*j)++] - '0'), kCap);
    return value;
  };
  if (at + 1 >= e.size() || e[at] != '{' || !IsDigitAscii(e[at + 1]))
    return std::nullopt;
  size_t j = at + 1;
  CountedRepeat repeat;
  repeat.low = read_number(&j);
  repeat.high = repeat.low;
  if (j < e.size() && e[j] == ',') {
    ++j;
    repeat.high = j < e.size() && IsDigitAscii(e[j])
                      ? std::optional<uint64_t>(read_number(&j))
                      : std::nullopt;
  }
  if (j >= e.size() || e[j] != '}') return std::nullopt;
  repeat.end = j + 1;
  return repeat;
}

std::optional<std::string> WidenRepeats(std::string_view e, const Flags& flags,
                                        uint64_t keep_up_to) {
  // White space and # comments are not literal under x; \Q..\E quotes
  // braces. Neither is worth the parsing here.
  if (flags.extended || HasInlineXOrU(e) ||
      e.find("\\Q") != std::string_view::npos) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(e.size());
  bool widened = false;
  size_t i = 0;
  while (i < e.size()) {
    const char c = e[i];
    if (c == '\\') {
      size_t end = std::min(i + 2, e.size());
      // \x{..} \o{..} \p{..} \g{..} \k<..> \N{..}: braces of an escape.
      if (end < e.size() && (e[end] == '{' || e[end] == '<')) {
        const size_t close = e.find(e[end] == '{' ? '}' : '>', end);
        end = close == std::string_view::npos ? e.size() : close + 1;
      }
      out.append(e.substr(i, end - i));
      i = end;
    } else if (c == '[') {
      const size_t end = SkipClass(e, i);
      out.append(e.substr(i, end - i));
      i = end;
    } else if (e.substr(i, 3) == "(?#") {
      const size_t close = e.find(')', i);
      const size_t end = close == std::string_view::npos ? e.size() : close + 1;
      out.append(e.substr(i, end - i));
      i = end;
    } else if (const std::optional<CountedRepeat> repeat =
                   c == '{' ? ReadCountedRepeat(e, i) : std::nullopt;
               repeat && (!repeat->high || *repeat->high > keep_up_to)) {
      if (keep_up_to == 0) {
        out.push_back(repeat->low == 0 ? '*' : '+');
      } else if (repeat->high) {
        out.push_back('{');
        out += std::to_string(repeat->low);
        out += ",}";
      } else {
        out.append(e.substr(i, repeat->end - i));  // already unbounded
      }
      widened = widened || keep_up_to == 0 || repeat->high.has_value();
      i = repeat->end;
      // A possessive repeat can fail where the greedy one matches.
      if (i < e.size() && e[i] == '+') ++i;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  if (!widened) return std::nullopt;
  return out;
}

uint64_t ExpandedPositions(std::string_view e) {
  // Far above any useful threshold, far below overflow when multiplied by a
  // repeat bound (PCRE2 caps bounds at 65535).
  constexpr uint64_t kSaturated = uint64_t{1} << 40;
  struct Group {
    uint64_t done = 0;    // the finished alternatives
    uint64_t branch = 0;  // the alternative being read
  };
  std::vector<Group> groups(1);
  uint64_t last = 0;  // the atom a quantifier applies to
  auto add = [&](uint64_t positions) {
    groups.back().branch =
        std::min(groups.back().branch + positions, kSaturated);
    last = positions;
  };
  size_t i = 0;
  while (i < e.size()) {
    const char c = e[i];
    if (c == '\\') {
      if (e.substr(i, 2) == "\\Q") {  // quoted: every character a position
        size_t end = e.find("\\E", i + 2);
        if (end == std::string_view::npos) end = e.size();
        add(end - (i + 2));
        i = std::min(end + 2, e.size());
        continue;
      }
      i += 2;
      // \x{..} \o{..} \p{..} \g{..} \k<..> \N{..}: one item with a body.
      if (i < e.size() && (e[i] == '{' || e[i] == '<' || e[i] == '\'')) {
        const char close = e[i] == '{' ? '}' : e[i] == '<' ? '>' : '\'';
        size_t end = e.find(close, i);
        i = end == std::string_view::npos ? e.size() : end + 1;
      }
      add(1);
    } else if (c == '[') {
      i = SkipClass(e, i);
      add(1);
    } else if (c == '(') {
      size_t close = e.find(')', i);
      bool options_only =
          e.substr(i, 2) == "(?" && close != e.npos && close > i + 2 &&
          std::all_of(e.begin() + i + 2, e.begin() + close, [](char o) {
            return IsAlphaAscii(o) || o == '-' || o == '^';
          });
      if (e.substr(i, 3) == "(?#" || e.substr(i, 2) == "(*" || options_only) {
        i = close == e.npos ? e.size() : close + 1;  // no positions
        last = 0;
        continue;
      }
      groups.emplace_back();
      i = SkipGroupOpening(e, i);
      last = 0;
    } else if (c == ')') {
      ++i;
      if (groups.size() == 1) continue;  // unbalanced: PCRE2 says so
      Group g = groups.back();
      groups.pop_back();
      add(std::min(g.done + g.branch, kSaturated));
    } else if (c == '|') {
      groups.back().done =
          std::min(groups.back().done + groups.back().branch, kSaturated);
      groups.back().branch = 0;
      ++i;
      last = 0;
    } else if (c == '*' || c == '+' || c == '?') {
      ++i;  // the operand once (a lazy or possessive mark adds nothing)
      last = 0;
    } else if (c == '{') {
      const std::optional<CountedRepeat> repeat = ReadCountedRepeat(e, i);
      if (!repeat) {  // a literal {
        ++i;
        add(1);
        continue;
      }
      i = repeat->end;
      // X{4,} is X{4}X*.
      const uint64_t high = repeat->high.value_or(repeat->low + 1);
      const uint64_t copies = std::max<uint64_t>(high, 1);
      groups.back().branch =
          std::min(groups.back().branch + last * (copies - 1), kSaturated);
      last = 0;
    } else {
      ++i;
      add(1);
    }
  }
  while (groups.size() > 1) {  // unclosed groups: PCRE2 says so
    Group g = groups.back();
    groups.pop_back();
    groups.back().branch += g.done + g.branch;
  }
  return std::min(groups[0].done + groups[0].branch, kSaturated);
}

std::string BoundWhitespaceRepeats(std::string_view e, const Flags& flags) {
  if (flags.utf || flags.extended || e.find("\\Q") != std::string_view::npos ||
      e.starts_with("(*") || HasInlineXOrU(e)) {
    return std::string(e);
  }
  std::string out;
  out.reserve(e.size());
  size_t i = 0;
  while (i < e.size()) {
    if (e[i] == '[') {
      size_t end = SkipClass(e, i);
      out.append(e.substr(i, end - i));
      i = end;
      continue;
    }
    if (e[i] != '\\' || i + 1 >= e.size()) {
      out.push_back(e[i++]);
      continue;
    }
    if (e[i + 1] == 'c' && i + 2 < e.size()) {
      // \cX is one control character, whatever X is (even a backslash).
      out.append(e.substr(i, 3));
      i += 3;
      continue;
    }
    out.append(e.substr(i, 2));
    i += 2;
    if (e[i - 1] != 's' || i >= e.size()) continue;
    const char repeat = e[i];
    if (repeat != '+' && repeat != '*') continue;
    ++i;
    const bool modified = i < e.size() && (e[i] == '?' || e[i] == '+');
    if (repeat == '*') {
      out.push_back('?');
      if (modified) out.push_back(e[i]);  // lazy or possessive optional
    }
    if (modified) ++i;
  }
  return out;
}

std::optional<std::string> ParseFlags(std::string_view letters, Flags* flags) {
  *flags = Flags{};
  for (char c : letters) {
    switch (c) {
      case 'i':
        flags->caseless = true;
        break;
      case 'm':
        flags->multiline = true;
        break;
      case 's':
        flags->dotall = true;
        break;
      case 'u':
        flags->utf = true;
        break;
      case 'x':
        flags->extended = true;
        break;
      default:
        return std::string("unknown flag '") + c + "' (flags are imsux)";
    }
  }
  return std::nullopt;
}

Translation TranslateForRe2(std::string_view expression, const Flags& flags) {
  return Translate(expression, flags, Dialect::kRe2);
}

Translation TranslateForStd(std::string_view expression, const Flags& flags) {
  return Translate(expression, flags, Dialect::kStd);
}

}  // namespace inboxsim::scan::detail
