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
//
// SpamAssassin's own views, for imported SpamAssassin rules (sim/sa/
// message_text.h says exactly what each holds):
// sa-body            rendered body, the subject as its first line
// sa-body-nosubject  the same without the subject (tflags nosubject)
// sa-rawbody         decoded text parts, tags kept
// sa-full            the whole message
// sa-uri             SpamAssassin's URI list, one per line
// sa-header:REQUEST  what `header RULE REQUEST =~ /re/` reads, e.g.
//                    "sa-header:From:addr"; REQUEST is SpamAssassin's,
//                    modifiers included
#ifndef INBOXSIM_SCAN_TARGET_H_
#define INBOXSIM_SCAN_TARGET_H_

#include <compare>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sim/mime/message.h"
#include "sim/sa/config.h"
#include "sim/sa/message_views.h"

namespace inboxsim::scan {

enum class TargetKind : unsigned char {
  kHeaders,
  kHeader,
  kBody,
  kRawBody,
  kHtml,
  kUri,
  kSaBody,
  kSaBodyNoSubject,
  kSaRawBody,
  kSaFull,
  kSaUri,
  kSaHeader,
};

struct Target {
  TargetKind kind = TargetKind::kBody;
  // For kHeader: the field name, lower case. For kSaHeader: the request as
  // SpamAssassin writes it ("From:addr"), then, when the rule has one,
  // " [if-unset: TEXT]"; `sa_header` holds it parsed.
  std::string header_name;
  std::shared_ptr<const sa::HeaderRequest> sa_header;

  // "headers", "header:subject", "body", ...: the spelling ParseTarget reads.
  std::string ToString() const;
  // By kind and header_name (sa_header is header_name parsed).
  friend bool operator==(const Target& a, const Target& b) {
    return a.kind == b.kind && a.header_name == b.header_name;
  }
  friend auto operator<=>(const Target& a, const Target& b) {
    if (auto order = a.kind <=> b.kind; order != 0) return order;
    return a.header_name <=> b.header_name;
  }
};

// Parses a target as profiles write it ("header:Subject" keeps the name's
// case-insensitivity); nullopt for anything else.
std::optional<Target> ParseTarget(std::string_view text);

// The target of a SpamAssassin header rule reading `request` (its name,
// modifiers and if-unset text; exists and negation are the rule's).
Target SaHeaderTarget(const sa::HeaderRequest& request);

// The text of `target` in `message`. When the message holds it in one
// piece (the body, a single header field, a single text part) the view
// points into the message and nothing is copied; else it is assembled in
// `buffer` (cleared first), which the view then points into.
std::string_view TargetText(const mime::Message& message, const Target& target,
                            std::string* buffer);
// The same, SpamAssassin's views (sa-*) built through `views`, which the
// caller has Reset() for `message`: each is built once per message however
// many targets read it, and the view may point into `views`.
std::string_view TargetText(const Target& target, sa::MessageViews& views,
                            std::string* buffer);

}  // namespace inboxsim::scan

#endif  // INBOXSIM_SCAN_TARGET_H_
