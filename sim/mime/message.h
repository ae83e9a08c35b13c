// Message: the parsed view of one email, the library's core type. Every
// filter reads a Message; nothing downstream touches raw MIME again.
//
//   ParseLimits limits;
//   Result<Message> message = ParseMessage(bytes, limits);
//   if (!message) return message.error();           // empty / not a message /
//   too large message->headers().Value("subject");            // decoded, UTF-8
//   message->body_text;                             // what a reader sees
//   message->html.image_count, message->urls, message->sender.connecting_ip ...
//
// Lifetime: string_views (raw, names, raw values, part bodies) point into the
// bytes given to ParseMessage, which must outlive the Message. Decoded text
// is owned. A Message is immutable after parsing and may be read by many
// threads at once.
#ifndef INBOXSIM_MIME_MESSAGE_H_
#define INBOXSIM_MIME_MESSAGE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.h"
#include "sim/mime/defect.h"
#include "sim/mime/header.h"
#include "sim/mime/html.h"
#include "sim/mime/sender.h"
#include "sim/mime/url.h"

namespace inboxsim::mime {

// Bounds on the work one message may cause. Each is hit by real abuse (MIME
// bombs, megabyte header lines) long before honest mail gets near it; hitting
// one is recorded as a limit defect, and parsing goes on with what fits.
struct ParseLimits {
  size_t max_message_bytes = 64u << 20;  // larger: kMessageTooLarge, not parsed
  int max_mime_depth = 32;          // deeper parts are kept as opaque bodies
  int max_parts = 1000;             // more parts are not split out
  size_t max_header_fields = 1000;  // per header section
  size_t max_header_field_bytes = 1u << 20;  // per field; longer ones are cut
  size_t max_urls = 10000;                   // per message
  size_t max_text_bytes = 16u << 20;         // decoded text kept per message
  size_t max_archive_members = 1000;  // names listed per attached archive
};

enum class TransferEncoding : unsigned char {
  k7Bit,
  k8Bit,
  kBinary,
  kBase64,
  kQuotedPrintable,
  kUnknown
};

struct MimePart {
  int parent = -1;     // index in Message::parts, -1 for the root
  int depth = 0;       // 0 for the root, +1 per multipart or message/rfc822
  HeaderList headers;  // the part's own header section
  std::string content_type;  // lower case, defaulted per RFC 2045/2046
  std::string charset;       // lower case, may be empty
  std::string filename;  // Content-Disposition filename or Content-Type name
  bool attachment_disposition = false;  // Content-Disposition: attachment
  TransferEncoding encoding = TransferEncoding::k7Bit;
  std::string_view body;  // the part's body as written (still encoded)
};

// A text/plain or text/html leaf, decoded to UTF-8.
struct TextPart {
  int part = 0;  // index in Message::parts
  bool is_html = false;
  std::string text;  // decoded UTF-8; for HTML the source
};

struct Attachment {
  int part = 0;
  std::string content_type;
  std::string filename;    // may be empty
  size_t size_bytes = 0;   // decoded size
  bool is_inline = false;  // Content-Disposition: inline or a related part
  // For an archive (zip, rar, 7z, tar ...): the names of its members, at
  // most ParseLimits::max_archive_members.
  std::vector<std::string> archive_members;
};

struct Message {
  std::string_view raw;              // the whole message as given
  std::vector<MimePart> parts;       // parts[0] is the message itself
  std::vector<TextPart> text_parts;  // in document order
  std::vector<Attachment> attachments;
  HtmlFacts html;  // accumulated over every HTML text part
  // Plain parts and HTML visible text, in order, rendered as SpamAssassin
  // renders body text: each run of white space is one space, or one line
  // feed where it held a paragraph break; parts are paragraphs. Never two
  // white-space characters in a row (body rules rely on it).
  std::string body_text;
  std::vector<Url> urls;  // from text and HTML, first occurrence each
  SenderFacts sender;
  DefectSet defects;

  const HeaderList& headers() const { return parts.front().headers; }
  bool has(Defect defect) const {
    return defects.test(static_cast<size_t>(defect));
  }
};

// Parses `raw` (one RFC 5322 message; a leading mbox "From " line is
// skipped). Fails only when there is nothing to parse: kEmptyMessage,
// kNotAMessage (no header field at the start), kMessageTooLarge. Damage
// inside a message is a defect, not a failure: the best-effort parse is kept.
//
// With `html_seconds`, the time spent extracting HTML (ExtractHtml) is added
// to it: the benchmark reports that stage apart from the rest of parsing.
Result<Message> ParseMessage(std::string_view raw, const ParseLimits& limits,
                             double* html_seconds = nullptr);

}  // namespace inboxsim::mime

#endif  // INBOXSIM_MIME_MESSAGE_H_
