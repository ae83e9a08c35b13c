// The header section of a message or MIME part: fields in order, each raw
// (folded, as written) and decoded (unfolded, RFC 2047, UTF-8).
//
//   HeaderSection section = ParseHeaderSection(raw_message, limits);
//   section.headers.Value("subject")      -> decoded subject, "" if absent
//   section.body                          -> bytes after the blank line
//
// Views point into the parsed bytes, which must outlive the section.
#ifndef INBOXSIM_MIME_HEADER_H_
#define INBOXSIM_MIME_HEADER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/text.h"

namespace inboxsim::mime {

struct HeaderField {
  std::string_view name;       // as written, without the colon
  std::string_view raw_value;  // after the colon, folded as written, trimmed
  std::string value;           // unfolded, RFC 2047-decoded, UTF-8, trimmed
  // After the colon through the field's last line break, untrimmed, as
  // written (what SpamAssassin's :raw header requests read).
  std::string_view untrimmed_value;
};

// Fields in message order; repeated fields are all kept. Lookups ignore case.
class HeaderList {
 public:
  const HeaderField* Find(std::string_view name) const;  // first, or nullptr
  std::string_view Value(std::string_view name) const;   // first's value, or ""
  size_t Count(std::string_view name) const;

  // Calls `visit(field)` for every field named `name`, in order.
  template <typename Visit>
  void ForEach(std::string_view name, Visit&& visit) const;

  const std::vector<HeaderField>& fields() const { return fields_; }
  std::vector<HeaderField>& mutable_fields() { return fields_; }
  bool empty() const { return fields_.empty(); }
  size_t size() const { return fields_.size(); }

 private:
  std::vector<HeaderField> fields_;
};

struct HeaderLimits {
  size_t max_fields = 1000;  // more is abuse; the rest are counted, not kept
  // A field's value beyond this is cut (and counted): a long recipient list
  // is tens of kilobytes, a megabyte line is an attack on whatever reads it.
  size_t max_field_bytes = 1u << 20;
};

struct HeaderSection {
  HeaderList headers;
  std::string_view body;  // after the separating blank line
  bool had_separator =
      false;  // false: no blank line, body began at a non-field line
  bool had_invalid_line =
      false;  // a line that was neither a field nor a continuation
  bool hit_field_limit = false;
  bool hit_length_limit = false;    // some field was cut at max_field_bytes
  bool had_8bit = false;            // raw bytes >= 0x80 in some field
  bool had_encoding_error = false;  // a bad encoded word or unknown charset
  size_t header_bytes = 0;  // length of the header section incl. separator
};

// Parses the header section at the start of `raw`. Never fails: with no field
// at all, `headers` is empty and the caller decides whether that is a message.
HeaderSection ParseHeaderSection(std::string_view raw,
                                 const HeaderLimits& limits);

// `raw_value` unfolded: line breaks before white space removed.
std::string Unfold(std::string_view raw_value);

template <typename Visit>
void HeaderList::ForEach(std::string_view name, Visit&& visit) const {
  for (const HeaderField& field : fields_) {
    if (EqualsIgnoreCase(field.name, name)) {
      visit(field);
    }
  }
}

}  // namespace inboxsim::mime

#endif  // INBOXSIM_MIME_HEADER_H_
