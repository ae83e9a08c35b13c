// AppendBodyText and AppendRawBodyText: the body and rawbody texts
// (Mail::SpamAssassin::Message get_rendered_body_text_array and
// get_decoded_body_text_array).
#include <string>
#include <vector>

#include "sim/core/text.h"
#include "sim/mime/charset.h"
#include "sim/mime/transfer_decoding.h"
#include "sim/sa/header_values.h"
#include "sim/sa/html_parts.h"
#include "sim/sa/html_render.h"
#include "sim/sa/message_text.h"
#include "sim/sa/message_views.h"
#include "sim/sa/text_lines.h"

namespace inboxsim::sa {
namespace {

// The leaf parts (no child parts), in document order: SpamAssassin's
// find_parts(qr/./, 1). Message::parts is in document order.
std::vector<int> LeafParts(const mime::Message& message) {
  std::vector<bool> has_child(message.parts.size(), false);
  for (const mime::MimePart& part : message.parts) {
    if (part.parent >= 0) has_child[part.parent] = true;
  }
  std::vector<int> leaves;
  for (size_t i = 0; i < message.parts.size(); ++i) {
    if (!has_child[i]) leaves.push_back(static_cast<int>(i));
  }
  return leaves;
}

// Node::effective_type: a part named *.htm(l) or *.shtml is HTML whatever
// its declared type.
std::string EffectiveType(const mime::MimePart& part) {
  const std::string name = ToLowerAscii(part.filename);
  for (std::string_view suffix : {".html", ".htm", ".shtml", ".shtm"}) {
    if (name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      return "text/html";
  }
  return part.content_type;
}

// Node::decode: the transfer encoding undone, bytes as they were; CR LF is
// LF after base64 and quoted-printable.
std::string DecodedBytes(const mime::MimePart& part) {
  std::string out;
  switch (part.encoding) {
    case mime::TransferEncoding::kBase64:
      (void)mime::DecodeBase64(part.body, &out);
      break;
    case mime::TransferEncoding::kQuotedPrintable:
      (void)mime::DecodeQuotedPrintable(part.body, &out);
      break;
    default:
      return std::string(part.body);
  }
  std::string lf;
  lf.reserve(out.size());
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\r' && i + 1 < out.size() && out[i + 1] == '\n') continue;
    lf.push_back(out[i]);
  }
  return lf;
}

// Node::_normalize with normalize_charset on: valid UTF-8 is taken as
// UTF-8 whatever the label; else the declared charset (ISO-8859-1 read as
// windows-1252, no label as windows-1252 too).
std::string ToUtf8(const mime::MimePart& part, std::string bytes) {
  if (IsAscii(bytes) || mime::IsValidUtf8(bytes)) return bytes;
  std::string out;
  const std::string_view charset = part.charset;
  const bool latin1 = charset.empty() || charset == "us-ascii" ||
                      charset == "iso-8859-1" || charset == "iso8859-1";
  (void)mime::ConvertToUtf8(latin1 ? "windows-1252" : charset, bytes, &out);
  return out;
}

// Node::rendered for one leaf, adding an HTML part's links to
// `html_uris`; false for parts that are not rendered.
bool RenderPart(const mime::MimePart& part, std::string* rendered,
                std::vector<std::string>* html_uris) {
  const std::string type = EffectiveType(part);
  if (type != "text/plain" && type != "text/html") return false;
  std::string text = ToUtf8(part, DecodedBytes(part));
  if (type == "text/html" && !text.empty()) {
    detail::SaHtml html = detail::RenderHtmlAsSa(text);
    *rendered = std::move(html.text);
    for (std::string& uri : html.uris) html_uris->push_back(std::move(uri));
  } else {
    *rendered = std::move(text);
  }
  return true;
}

// The last Subject, as Message::get_header('subject') gives it, or "\n".
std::string SubjectLine(const mime::Message& message) {
  std::string subject = "\n";
  message.headers().ForEach("subject", [&](const mime::HeaderField& field) {
    subject = detail::SaDecodedValue(field);
  });
  return subject;
}

}  // namespace

void AppendBodyText(const mime::Message& message, bool with_subject,
                    std::string* out) {
  out->append(MessageViews(message).Body(with_subject));
}

void AppendRawBodyText(const mime::Message& message, std::string* out) {
  std::vector<std::string> decoded;
  for (const int leaf : LeafParts(message)) {
    const mime::MimePart& part = message.parts[leaf];
    const std::string type = EffectiveType(part);
    const bool textual = StartsWithIgnoreCase(type, "text") ||
                         StartsWithIgnoreCase(type, "message");
    // Bug 4843: calendar parts are attachments nobody reads as text.
    if (!textual || part.content_type == "text/calendar") continue;
    decoded.push_back(DecodedBytes(part));
    detail::CutForScan(detail::kRawBodyPartScanBytes, "\n> ",
                       detail::ScanUnit::kBytes, &decoded.back());
  }
  std::vector<std::string_view> chunks;
  for (const std::string& text : decoded)
    detail::SplitShortParagraphs(text, &chunks);
  detail::AppendJoined(chunks, out);
}

}  // namespace inboxsim::sa

namespace inboxsim::sa::detail {

void RenderBody(const mime::Message& message, std::string* body,
                std::vector<std::string>* html_uris) {
  std::string text;
  std::string rendered;
  for (const int leaf : LeafParts(message)) {
    if (!text.empty()) text.push_back('\n');  // parts are paragraphs
    if (!RenderPart(message.parts[leaf], &rendered, html_uris)) continue;
    CutForScan(kBodyPartScanBytes, "\n ", ScanUnit::kCharacters, &rendered);
    text += rendered;
  }
  std::string collapsed = SubjectLine(message);
  AppendSaCollapsedWhitespace(text, &collapsed);
  std::vector<std::string_view> lines;
  SplitShortLines(collapsed, &lines);
  // Lines hold no "\n", so tflags nosubject (SpamAssassin skips the first
  // line) is what follows the first "\n" (MessageViews::Body).
  AppendJoined(lines, body);
}

}  // namespace inboxsim::sa::detail
