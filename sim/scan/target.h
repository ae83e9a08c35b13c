// Scan targets: which text of a message a rule's pattern is matched against.
//
//   std::optional<Target> target = ParseTarget("header:Subject");
//   std::string buffer;
//   std::string_view text = TargetText(message, *target, &buffer);  // Subject
//
// headers      every header field as "Name: value" lines, values decoded
// header:NAME  the decoded values of the fields named NAME, one per line
// body         the decoded text a reader sees (plain parts, HTML rendered)
// rawbody      the decoded text parts, HTML tags still in
// html         the HTML source of the HTML parts
// uri          every URL found in text and HTML, one per line
#ifndef INBOXSIM_SCAN_TARGET_H_
#define INBOXSIM_SCAN_TARGET_H_

#include <optional>
#include <string>
#include <string_view>

#include "sim/mime/message.h"

namespace inboxsim::scan {

enum class TargetKind : unsigned char {
  kHeaders,
  kHeader,
  kBody,
  kRawBody,
  kHtml,
  kUri
};

struct Target {
  TargetKind kind = TargetKind::kBody;
  std::string header_name;  // for kHeader, lower case

  // "headers", "header:subject", "body", ...: the spelling ParseTarget reads.
  std::string ToString() const;
  friend bool operator==(const Target&, const Target&) = default;
  friend auto operator<=>(const Target&, const Target&) = default;
};

// Parses a target as profiles write it ("header:Subject" keeps the name's
// case-insensitivity); nullopt for anything else.
std::optional<Target> ParseTarget(std::string_view text);

// The text of `target` in `message`. When the message holds it in one
// piece (the body, a single header field, a single text part) the view
// points into the message and nothing is copied; else it is assembled in
// `buffer` (cleared first), which the view then points into.
std::string_view TargetText(const mime::Message& message, const Target& target,
                            std::string* buffer);

}  // namespace inboxsim::scan

#endif  // INBOXSIM_SCAN_TARGET_H_
