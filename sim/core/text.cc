#include "sim/core/text.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace inboxsim {

bool IsAscii(std::string_view bytes) {
  const char* p = bytes.data();
  const char* end = p + bytes.size();
  // Eight bytes at a time: the high bit of any byte marks non-ASCII.
  for (; end - p >= 8; p += 8) {
    uint64_t word;
    std::memcpy(&word, p, sizeof word);
    if (word & 0x8080808080808080ULL) return false;
  }
  for (; p < end; ++p) {
    if (static_cast<unsigned char>(*p) & 0x80) return false;
  }
  return true;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ToLowerAscii(a[i]) != ToLowerAscii(b[i])) return false;
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

bool EndsWithIgnoreCase(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         EqualsIgnoreCase(text.substr(text.size() - suffix.size()), suffix);
}

size_t FindIgnoreCase(std::string_view haystack, std::string_view needle,
                      size_t from) {
  if (needle.empty())
    return from <= haystack.size() ? from : std::string_view::npos;
  if (haystack.size() < needle.size()) return std::string_view::npos;
  const char first = ToLowerAscii(needle[0]);
  const size_t last_start = haystack.size() - needle.size();
  for (size_t i = from; i <= last_start; ++i) {
    if (ToLowerAscii(haystack[i]) != first) continue;
    if (EqualsIgnoreCase(haystack.substr(i, needle.size()), needle)) return i;
  }
  return std::string_view::npos;
}

std::string ToLowerAscii(std::string_view text) {
  std::string out(text);
  ToLowerAsciiInPlace(out);
  return out;
}

std::string ToUpperAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - ('a' - 'A'));
  }
  return out;
}

void ToLowerAsciiInPlace(std::string& text) {
  for (char& c : text) c = ToLowerAscii(c);
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = HexDigitValue(text[i + 1]);
      const int low = HexDigitValue(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

std::string_view TrimAscii(std::string_view text) {
  size_t begin = 0;
  while (begin < text.size() && IsSpaceAscii(text[begin])) ++begin;
  size_t end = text.size();
  while (end > begin && IsSpaceAscii(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

void AppendCollapsedWhitespace(std::string_view text, std::string* out) {
  out->reserve(out->size() + text.size());
  size_t i = 0;
  while (i < text.size() && IsSpaceAscii(text[i])) ++i;
  while (i < text.size()) {
    // A run of other characters, appended at once.
    size_t end = i;
    while (end < text.size() && !IsSpaceAscii(text[end])) ++end;
    out->append(text.data() + i, end - i);
    int line_feeds = 0;
    for (i = end; i < text.size() && IsSpaceAscii(text[i]); ++i)
      line_feeds += text[i] == '\n';
    if (i < text.size()) out->push_back(line_feeds >= 2 ? '\n' : ' ');
  }
}

std::string FormatFixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

}  // namespace inboxsim
