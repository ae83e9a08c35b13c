#include "sim/sa/header_values.h"

#include "sim/core/text.h"
#include "sim/mime/charset.h"
#include "sim/mime/rfc2047.h"

namespace inboxsim::sa::detail {
namespace {

// Bug 6945 / 7249 in SpamAssassin: these fields are never MIME-decoded.
bool KeptUndecoded(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "received",    "message-id",   "resent-message-id", "date",
      "resent-date", "mime-version", "references",        "in-reply-to"};
  for (const std::string_view kept : kNames) {
    if (EqualsIgnoreCase(name, kept)) return true;
  }
  return StartsWithIgnoreCase(name, "list-");
}

bool IsPerlSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

}  // namespace

std::string SaDecodedValue(const mime::HeaderField& field) {
  // s/\n[ \t]+/ /g; s/\s+$//; s/^\s+//; then CR LF pairs removed.
  const std::string_view raw = field.untrimmed_value;
  std::string unfolded;
  unfolded.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\n' && i + 1 < raw.size() &&
        (raw[i + 1] == ' ' || raw[i + 1] == '\t')) {
      while (i + 1 < raw.size() && (raw[i + 1] == ' ' || raw[i + 1] == '\t'))
        ++i;
      unfolded.push_back(' ');
    } else {
      unfolded.push_back(raw[i]);
    }
  }
  size_t begin = 0;
  size_t end = unfolded.size();
  while (begin < end && IsPerlSpace(unfolded[begin])) ++begin;
  while (end > begin && IsPerlSpace(unfolded[end - 1])) --end;
  std::string value;
  for (size_t i = begin; i < end; ++i) {
    if (unfolded[i] == '\r' && i + 1 < end && unfolded[i + 1] == '\n') {
      ++i;
    } else if (unfolded[i] != '\n') {
      value.push_back(unfolded[i]);
    }
  }
  std::string decoded;
  if (!KeptUndecoded(field.name)) {
    mime::DecodeHeaderText(value, &decoded);
  } else if (mime::IsValidUtf8(value)) {
    decoded = std::move(value);
  } else {
    mime::ConvertToUtf8("windows-1252", value, &decoded);
  }
  decoded.push_back('\n');
  return decoded;
}

std::string SaRawValue(const mime::HeaderField& field) {
  // PerMsgStatus::_get reads raw_header(): folds and all, as written.
  return std::string(field.untrimmed_value);
}

}  // namespace inboxsim::sa::detail
