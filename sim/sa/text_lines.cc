#include "sim/sa/text_lines.h"

#include <cstdint>

namespace inboxsim::sa::detail {
namespace {

// Byte length of the Perl Unicode white space character at `text[i]`, or 0:
// \t \n \v \f \r space, U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028,
// U+2029, U+202F, U+205F, U+3000.
size_t WhitespaceLength(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) {
    return k < text.size() ? static_cast<uint8_t>(text[k]) : 0;
  };
  const uint8_t b0 = byte(i);
  if (b0 == ' ' || (b0 >= '\t' && b0 <= '\r')) return 1;
  if (b0 == 0xC2) return byte(i + 1) == 0x85 || byte(i + 1) == 0xA0 ? 2 : 0;
  if (b0 == 0xE1) return byte(i + 1) == 0x9A && byte(i + 2) == 0x80 ? 3 : 0;
  if (b0 == 0xE3) return byte(i + 1) == 0x80 && byte(i + 2) == 0x80 ? 3 : 0;
  if (b0 == 0xE2) {
    const uint8_t b1 = byte(i + 1);
    const uint8_t b2 = byte(i + 2);
    if (b1 == 0x80 && ((b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 ||
                       b2 == 0xAF)) {
      return 3;
    }
    if (b1 == 0x81 && b2 == 0x9F) return 3;
  }
  return 0;
}

}  // namespace

void CutForScan(size_t limit, std::string_view delimiters, ScanUnit unit,
                std::string* text) {
  const auto is_start = [&](size_t i) {
    return unit == ScanUnit::kBytes ||
           (static_cast<uint8_t>((*text)[i]) & 0xC0) != 0x80;
  };
  // Byte offset of unit number `limit`, if the text is longer.
  size_t start = 0;
  size_t units = 0;
  while (start < text->size() && units < limit) {
    ++start;
    if (start == text->size() || is_start(start)) ++units;
  }
  if (start >= text->size()) return;
  for (const char delimiter : delimiters) {
    const size_t found = text->find(delimiter, start);
    if (found == std::string::npos) continue;
    size_t distance = 0;
    for (size_t i = start; i < found && distance <= kCutSlackBytes; ++i) {
      if (is_start(i)) ++distance;
    }
    if (distance <= kCutSlackBytes) {
      text->resize(found + 1);
      return;
    }
  }
  text->resize(start);
}

void AppendSaCollapsedWhitespace(std::string_view text, std::string* out) {
  size_t i = 0;
  while (i < text.size()) {
    size_t length = WhitespaceLength(text, i);
    if (length == 0) {
      out->push_back(text[i++]);
      continue;
    }
    // A maximal run of white space: where its first and last "\n" are.
    const size_t start = i;
    size_t first_newline = std::string_view::npos;
    size_t last_newline = 0;
    size_t newlines = 0;
    while (length != 0) {
      if (text[i] == '\n') {
        if (newlines++ == 0) first_newline = i;
        last_newline = i;
      }
      i += length;
      length = WhitespaceLength(text, i);
    }
    if (newlines < 2) {
      out->push_back(' ');
      continue;
    }
    // Perl: s/\n+\s*\n+/\0/ then s/\s+/ / leaves a space for what stood
    // outside the first and last line feed.
    if (first_newline > start) out->push_back(' ');
    out->push_back('\n');
    if (last_newline + 1 < i) out->push_back(' ');
  }
}

void SplitShortLines(std::string_view text,
                     std::vector<std::string_view>* lines) {
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t newline = text.find('\n', pos);
    const size_t end =
        newline == std::string_view::npos ? text.size() : newline + 1;
    std::string_view line = text.substr(pos, end - pos);
    while (line.size() > kMaxBodyLineBytes) {
      // Split "nicely", after a space, so a URL is not cut in half.
      const size_t space = line.rfind(' ', kMaxBodyLineBytes);
      const size_t length =
          space == std::string_view::npos ? kMaxBodyLineBytes : space + 1;
      lines->push_back(line.substr(0, length));
      line.remove_prefix(length);
    }
    lines->push_back(line);
    pos = end;
  }
}

void SplitShortParagraphs(std::string_view text,
                          std::vector<std::string_view>* chunks) {
  if (text.size() <= kMaxBodyLineBytes) {
    chunks->push_back(text);
    return;
  }
  const auto fits = [](size_t found, size_t offset) {
    return found != std::string_view::npos &&
           found - offset + 1 <= 2 * kMaxBodyLineBytes;
  };
  size_t offset = 0;
  while (text.size() - offset > 2 * kMaxBodyLineBytes) {
    const size_t from = offset + kMaxBodyLineBytes;
    size_t end = text.find('\n', from);
    if (!fits(end, offset)) end = text.find('>', from);
    if (!fits(end, offset)) end = text.find(' ', from);
    if (!fits(end, offset)) end = from;
    chunks->push_back(text.substr(offset, end - offset + 1));
    offset = end + 1;
  }
  if (offset < text.size()) chunks->push_back(text.substr(offset));
}

void AppendJoined(const std::vector<std::string_view>& lines,
                  std::string* out) {
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    if (i != 0) out->push_back('\n');
    out->append(line);
  }
}

}  // namespace inboxsim::sa::detail
