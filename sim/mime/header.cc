#include "sim/mime/header.h"

#include <cstring>

#include "sim/core/text.h"
#include "sim/mime/rfc2047.h"

namespace inboxsim::mime {
namespace {

// RFC 5322 field names are printable ASCII except ':'; obsolete syntax lets
// white space stand between the name and the colon.
bool IsFieldNameChar(char c) { return c > 32 && c < 127 && c != ':'; }

// Length of the field name if `line` starts a field ("Name:" or "Name :"),
// else 0. Sets `colon` to the colon's position.
size_t FieldNameLength(std::string_view line, size_t* colon) {
  size_t i = 0;
  while (i < line.size() && IsFieldNameChar(line[i])) ++i;
  if (i == 0) return 0;
  size_t j = i;
  while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
  if (j >= line.size() || line[j] != ':') return 0;
  *colon = j;
  return i;
}

// End of the line starting at `pos` (index of '\n', or raw.size()).
size_t LineEnd(std::string_view raw, size_t pos) {
  const void* newline = std::memchr(raw.data() + pos, '\n', raw.size() - pos);
  return newline == nullptr ? raw.size()
                            : static_cast<const char*>(newline) - raw.data();
}

bool IsBlankLine(std::string_view line) {
  return line.empty() || (line.size() == 1 && line[0] == '\r');
}

}  // namespace

const HeaderField* HeaderList::Find(std::string_view name) const {
  for (const HeaderField& field : fields_) {
    if (EqualsIgnoreCase(field.name, name)) return &field;
  }
  return nullptr;
}

std::string_view HeaderList::Value(std::string_view name) const {
  const HeaderField* field = Find(name);
  return field == nullptr ? std::string_view() : std::string_view(field->value);
}

size_t HeaderList::Count(std::string_view name) const {
  size_t count = 0;
  ForEach(name, [&count](const HeaderField&) { ++count; });
  return count;
}

std::string Unfold(std::string_view raw_value) {
  std::string out;
  out.reserve(raw_value.size());
  for (size_t i = 0; i < raw_value.size(); ++i) {
    const char c = raw_value[i];
    if (c == '\r' || c == '\n') continue;  // the white space that follows stays
    out.push_back(c);
  }
  return out;
}

HeaderSection ParseHeaderSection(std::string_view raw,
                                 const HeaderLimits& limits) {
  HeaderSection section;
  size_t pos = 0;
  std::vector<HeaderField>& fields = section.headers.mutable_fields();
  size_t dropped_fields = 0;
  while (pos < raw.size()) {
    const size_t line_end = LineEnd(raw, pos);
    std::string_view line = raw.substr(pos, line_end - pos);
    if (IsBlankLine(line)) {
      section.had_separator = true;
      pos = std::min(line_end + 1, raw.size());
      break;
    }
    size_t colon = 0;
    const size_t name_length = FieldNameLength(line, &colon);
    if (name_length == 0) {
      // A continuation line with no field to continue, or text: the header
      // section ended without a blank line. Readers treat the rest as body.
      section.had_invalid_line = true;
      break;
    }
    // The field runs on over continuation lines (starting with white space).
    size_t field_end = line_end;
    while (field_end + 1 < raw.size() &&
           (raw[field_end + 1] == ' ' || raw[field_end + 1] == '\t')) {
      field_end = LineEnd(raw, field_end + 1);
    }
    if (fields.size() < limits.max_fields) {
      HeaderField field;
      field.name = raw.substr(pos, name_length);
      field.untrimmed_value =
          raw.substr(pos + colon + 1,
                     std::min(field_end + 1, raw.size()) - pos - colon - 1);
      if (field.untrimmed_value.size() > limits.max_field_bytes) {
        field.untrimmed_value =
            field.untrimmed_value.substr(0, limits.max_field_bytes);
        section.hit_length_limit = true;
      }
      field.raw_value = TrimAscii(field.untrimmed_value);
      // Most fields are one line: unfold (and allocate) only folded ones.
      const bool folded = field.raw_value.find('\n') != std::string_view::npos;
      const std::string unfolded =
          folded ? Unfold(field.raw_value) : std::string();
      const HeaderDecodeResult decoded = DecodeHeaderText(
          folded ? TrimAscii(unfolded) : field.raw_value, &field.value);
      if (decoded.raw_8bit) section.had_8bit = true;
      if (decoded.invalid || decoded.unknown_charset)
        section.had_encoding_error = true;
      fields.push_back(std::move(field));
    } else {
      ++dropped_fields;
    }
    pos = std::min(field_end + 1, raw.size());
  }
  section.hit_field_limit = dropped_fields > 0;
  section.header_bytes = pos;
  section.body = raw.substr(pos);
  return section;
}

}  // namespace inboxsim::mime
