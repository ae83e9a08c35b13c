#include "sim/io/mbox.h"

#include <algorithm>
#include <cstring>

#include "sim/core/text.h"

namespace inboxsim::io {
namespace {

// "hh:mm" somewhere in the line.
bool HasClockTime(std::string_view text) {
  for (size_t i = 1; i + 2 < text.size(); ++i) {
    if (text[i] == ':' && IsDigitAscii(text[i - 1]) &&
        IsDigitAscii(text[i + 1]) && IsDigitAscii(text[i + 2])) {
      return true;
    }
  }
  return false;
}

// A four-digit year 1970-2099 standing alone as a word.
bool HasYear(std::string_view text) {
  for (size_t i = 0; i + 4 <= text.size(); ++i) {
    const bool starts_word = i == 0 || !IsAlnumAscii(text[i - 1]);
    const bool ends_word = i + 4 == text.size() || !IsAlnumAscii(text[i + 4]);
    if (!starts_word || !ends_word) continue;
    if ((text.substr(i, 2) == "19" || text.substr(i, 2) == "20") &&
        IsDigitAscii(text[i + 2]) && IsDigitAscii(text[i + 3])) {
      return true;
    }
  }
  return false;
}

// "Name:" at the start of `line`, as a header field begins.
bool StartsWithHeaderField(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && line[i] > 32 && line[i] < 127 && line[i] != ':')
    ++i;
  return i > 0 && i < line.size() && line[i] == ':';
}

}  // namespace

bool IsFromLine(std::string_view line, FromLineRule rule) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  // A bare "From" line is an envelope with nothing recorded in it.
  if (line != "From" && line.substr(0, 5) != "From ") return false;
  if (rule == FromLineRule::kLoose) return true;
  const std::string_view rest = line.substr(std::min<size_t>(5, line.size()));
  // The sender is one word (quoted ones with spaces are rare enough to accept
  // via the date check alone); the date follows it.
  return HasClockTime(rest) && HasYear(rest);
}

size_t FindFromLine(std::string_view bytes, size_t from, FromLineRule rule) {
  size_t pos = from;
  while (pos < bytes.size()) {
    // Candidates are "From" at a line start ("From " or a bare "From"
    // line); memmem finds "\nFrom" quickly and IsFromLine judges the line.
    size_t candidate;
    if (pos == 0 && bytes.substr(0, 4) == "From") {
      candidate = 0;
    } else {
      const void* hit =
          memmem(bytes.data() + pos - (pos > 0 ? 1 : 0),
                 bytes.size() - pos + (pos > 0 ? 1 : 0), "\nFrom", 5);
      if (hit == nullptr) return std::string_view::npos;
      candidate = static_cast<const char*>(hit) - bytes.data() + 1;
    }
    const size_t line_end = bytes.find('\n', candidate);
    if (line_end == std::string_view::npos) return std::string_view::npos;
    if (IsFromLine(bytes.substr(candidate, line_end - candidate), rule)) {
      if (rule == FromLineRule::kStrict) return candidate;
      // Without a date to go by, an envelope line is one followed by a
      // header field; "From Russia with love" in a body is not.
      const size_t next_end = bytes.find('\n', line_end + 1);
      if (next_end == std::string_view::npos) return std::string_view::npos;
      if (StartsWithHeaderField(
              bytes.substr(line_end + 1, next_end - line_end - 1))) {
        return candidate;
      }
    }
    pos = candidate + 1;
  }
  return std::string_view::npos;
}

MboxLayout ProbeMbox(std::string_view first_bytes, FromLineRule configured) {
  constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
  MboxLayout layout;
  if (first_bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    layout.start = kUtf8Bom.size();  // editors add it; no mail reader wants it
    first_bytes.remove_prefix(kUtf8Bom.size());
  }
  const std::string_view first_line =
      first_bytes.substr(0, first_bytes.find('\n'));
  layout.is_mbox = IsFromLine(first_line, FromLineRule::kLoose);
  layout.rule = layout.is_mbox && !IsFromLine(first_line, configured)
                    ? FromLineRule::kLoose
                    : configured;
  return layout;
}

bool NeedsUnescape(std::string_view message) {
  size_t pos = 0;
  while ((pos = message.find(">From ", pos)) != std::string_view::npos) {
    size_t start = pos;
    while (start > 0 && message[start - 1] == '>') --start;
    if (start == 0 || message[start - 1] == '\n') return true;
    pos += 6;
  }
  return false;
}

void UnescapeFromLines(std::string_view message, MboxVariant variant,
                       std::string* out) {
  out->clear();
  out->reserve(message.size());
  size_t line_start = 0;
  while (line_start < message.size()) {
    size_t line_end = message.find('\n', line_start);
    line_end =
        line_end == std::string_view::npos ? message.size() : line_end + 1;
    std::string_view line = message.substr(line_start, line_end - line_start);
    size_t quotes = 0;
    while (quotes < line.size() && line[quotes] == '>') ++quotes;
    const bool escaped = quotes > 0 && line.substr(quotes, 5) == "From " &&
                         (variant == MboxVariant::kMboxrd || quotes == 1);
    out->append(escaped ? line.substr(1) : line);
    line_start = line_end;
  }
}

}  // namespace inboxsim::io
