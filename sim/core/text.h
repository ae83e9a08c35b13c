// ASCII text helpers shared by every stage. Mail syntax (header names, MIME
// tokens, HTML tag names) is case-insensitive ASCII, so these never consult
// the locale: they are fast and give the same answer on every machine.
#ifndef INBOXSIM_CORE_TEXT_H_
#define INBOXSIM_CORE_TEXT_H_

#include <cstdio>
#include <string>
#include <string_view>

namespace inboxsim {

constexpr char ToLowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
}
constexpr bool IsSpaceAscii(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
         c == '\v';
}
constexpr bool IsDigitAscii(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAlphaAscii(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool IsAlnumAscii(char c) {
  return IsAlphaAscii(c) || IsDigitAscii(c);
}
// The value of hexadecimal digit `c` (either case), or -1.
// Perl's \w in ASCII: a letter, a digit or '_'.
constexpr bool IsWordAscii(char c) { return IsAlnumAscii(c) || c == '_'; }
constexpr int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Whether every byte of `bytes` is below 0x80.
bool IsAscii(std::string_view bytes);

bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix);
bool EndsWithIgnoreCase(std::string_view text, std::string_view suffix);

// Position of the first case-insensitive occurrence of `needle` (which should
// be lower case) in `haystack` at or after `from`, or npos.
size_t FindIgnoreCase(std::string_view haystack, std::string_view needle,
                      size_t from = 0);

std::string ToLowerAscii(std::string_view text);
std::string ToUpperAscii(std::string_view text);
void ToLowerAsciiInPlace(std::string& text);

// `text` without leading and trailing ASCII white space.
std::string_view TrimAscii(std::string_view text);

// Appends `text` to `*out` with every run of ASCII white space made one
// character: a line feed where the run holds a paragraph break (two or more
// line feeds), else a space; none at either end. This is how SpamAssassin
// renders body text, so a phrase wrapped across lines reads as one line, and
// `\s+` in a body rule can never meet more than one white-space character.
void AppendCollapsedWhitespace(std::string_view text, std::string* out);

// `value` with exactly `decimals` digits after the point: "0.97", "2.50".
std::string FormatFixed(double value, int decimals);

// `text` with "%XX" escapes decoded; malformed escapes stay as written.
std::string PercentDecode(std::string_view text);

// printf into a string (up to 511 bytes): for report columns.
template <typename... Args>
std::string Printf(const char* format, Args... args) {
  char buffer[512];
  std::snprintf(buffer, sizeof buffer, format, args...);
  return buffer;
}

}  // namespace inboxsim

#endif  // INBOXSIM_CORE_TEXT_H_
