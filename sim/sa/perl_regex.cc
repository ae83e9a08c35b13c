#include "sim/sa/perl_regex.h"

#include <string>

#include "sim/core/text.h"

namespace inboxsim::sa::detail {
namespace {

// The closing delimiter for an opening one: brackets pair up, anything
// else closes itself.
char ClosingDelimiter(char open) {
  switch (open) {
    case '{':
      return '}';
    case '(':
      return ')';
    case '<':
      return '>';
    case '[':
      return ']';
    default:
      return open;
  }
}

// compile_regexp accepts any of [a-df-z] after the closing delimiter ("e"
// is refused as it would run code).
bool IsModifierLetter(char c) { return c >= 'a' && c <= 'z' && c != 'e'; }

// True when `pattern` holds `delimiter` without a backslash before it,
// after `\\` pairs are set aside, as compile_regexp checks.
bool HasUnescaped(std::string_view pattern, char delimiter) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      ++i;  // skips the escaped character, whatever it is
    } else if (pattern[i] == delimiter) {
      return true;
    }
  }
  return false;
}

// Sorts the written flags into kept ones and a reason to refuse.
Result<std::string> KeepFlags(std::string_view written) {
  std::string kept;
  for (char flag : written) {
    switch (flag) {
      case 'i':
      case 'm':
      case 's':
      case 'x':
        if (kept.find(flag) != std::string::npos) {
          // /xx changes what x means (blanks in classes); others are
          // harmless repeats in Perl but rare enough to refuse plainly.
          return BadInput(std::string("regex flag '") + flag + flag +
                     "' has no PCRE equivalent here");
        }
        kept += flag;
        break;
      // Matching-irrelevant: g (global), o (compile once), c (keep pos),
      // p (keep ${^MATCH}); a is SpamAssassin's default already (it
      // compiles with /aa).
      case 'g':
      case 'o':
      case 'c':
      case 'p':
      case 'a':
        break;
      default:
        // d, l, u (character-set rules) and n (no captures, which changes
        // what \1 means) alter matching in ways we do not model.
        return BadInput(std::string("regex flag '") + flag +
                   "' changes matching in a way not supported here");
    }
  }
  return kept;
}

}  // namespace

Result<PerlRegex> ParsePerlRegex(std::string_view text) {
  size_t body_start = 0;
  if (!text.empty() && text[0] == '/') {
    body_start = 1;
  } else {
    const size_t prefix = text.rfind("qr", 0) == 0  ? 2
                          : text.rfind("m", 0) == 0 ? 1
                                                    : 0;
    if (prefix == 0 || text.size() <= prefix || IsWordAscii(text[prefix])) {
      return BadInput("missing regexp delimiters (expected /re/ or m{re})");
    }
    if (text[prefix] == '\\') return BadInput("backslash delimiter not allowed");
    body_start = prefix + 1;
  }
  const char open = text[body_start - 1];
  const char close = ClosingDelimiter(open);

  // The closing delimiter is the one followed only by modifier letters up
  // to the end; an escaped delimiter inside therefore needs no special
  // case (a delimiter is never a letter).
  size_t end = text.size();
  while (end > body_start && IsModifierLetter(text[end - 1])) --end;
  if (end == body_start || text[end - 1] != close) {
    return BadInput(std::string("no closing '") + close + "' delimiter");
  }
  std::string_view pattern = text.substr(body_start, end - 1 - body_start);
  std::string_view written_flags = text.substr(end);

  if (pattern.find("(?{") != std::string_view::npos ||
      pattern.find("(??{") != std::string_view::npos) {
    return BadInput("embedded Perl code (?{...}) not allowed");
  }
  // Bracket delimiters nest ({2,3} inside m{...}), so only the
  // self-closing ones (and '>', as SpamAssassin does) are checked.
  if (close != '}' && close != ')' && close != ']' &&
      HasUnescaped(pattern, close)) {
    return BadInput(std::string("unescaped delimiter '") + close +
               "' inside the regex");
  }
  Result<std::string> flags = KeepFlags(written_flags);
  if (!flags) return flags.error();
  return PerlRegex{std::string(pattern), std::move(*flags)};
}

}  // namespace inboxsim::sa::detail
