#include "sim/mime/message.h"

#include <cstring>
#include <unordered_set>

#include "sim/core/clock.h"
#include "sim/core/text.h"
#include "sim/mime/archive_members.h"
#include "sim/mime/charset.h"
#include "sim/mime/header_params.h"
#include "sim/mime/transfer_decoding.h"

namespace inboxsim::mime {
namespace {

constexpr size_t kMaxBoundaryLength = 200;

// A part waiting to be parsed: its bytes start with its header section.
struct PendingPart {
  int parent = -1;
  int depth = 0;
  std::string_view bytes;
  std::string_view
      default_type;  // "text/plain", or "message/rfc822" in a digest
};

TransferEncoding ParseTransferEncoding(std::string_view value, bool* unknown) {
  const std::string_view token = TrimAscii(value);
  *unknown = false;
  if (token.empty() || EqualsIgnoreCase(token, "7bit"))
    return TransferEncoding::k7Bit;
  if (EqualsIgnoreCase(token, "8bit")) return TransferEncoding::k8Bit;
  if (EqualsIgnoreCase(token, "binary")) return TransferEncoding::kBinary;
  if (EqualsIgnoreCase(token, "base64")) return TransferEncoding::kBase64;
  if (EqualsIgnoreCase(token, "quoted-printable"))
    return TransferEncoding::kQuotedPrintable;
  *unknown = true;
  return TransferEncoding::kUnknown;
}

// Finds the next delimiter line "--boundary" at or after `from`: at a line
// start, followed by "--" (the close delimiter) or only white space. Sets
// `line_start`, `next_line` (start of the line after it) and `is_close`.
bool FindDelimiter(std::string_view body, std::string_view dash_boundary,
                   size_t from, size_t* line_start, size_t* next_line,
                   bool* is_close) {
  size_t pos = from;
  while ((pos = body.find(dash_boundary, pos)) != std::string_view::npos) {
    const bool at_line_start = pos == 0 || body[pos - 1] == '\n';
    size_t after = pos + dash_boundary.size();
    if (at_line_start) {
      bool close = false;
      if (body.substr(after, 2) == "--") {
        close = true;
        after += 2;
      }
      size_t end = after;
      while (end < body.size() && body[end] != '\n' && IsSpaceAscii(body[end]))
        ++end;
      if (end == body.size() || body[end] == '\n') {
        *line_start = pos;
        *next_line = end == body.size() ? end : end + 1;
        *is_close = close;
        return true;
      }
    }
    pos += 1;
  }
  return false;
}

// The part's bytes end before the line break that precedes its delimiter.
std::string_view PartBefore(std::string_view body, size_t begin,
                            size_t delimiter_start) {
  size_t end = delimiter_start;
  if (end > begin && body[end - 1] == '\n') --end;
  if (end > begin && body[end - 1] == '\r') --end;
  return body.substr(begin, end - begin);
}

class MessageParser {
 public:
  MessageParser(const ParseLimits& limits, Message* message,
                double* html_seconds)
      : limits_(limits), message_(message), html_seconds_(html_seconds) {}

  void Parse(std::string_view bytes) {
    std::vector<PendingPart> stack;
    stack.push_back({-1, 0, bytes, "text/plain"});
    while (!stack.empty()) {
      PendingPart pending = stack.back();
      stack.pop_back();
      const size_t first_child = children_.size();
      ParsePart(pending);
      // Children were queued in document order; the stack pops the last
      // first, so push them reversed to keep text parts in order.
      for (size_t i = children_.size(); i > first_child; --i)
        stack.push_back(children_[i - 1]);
      children_.resize(first_child);
    }
  }

 private:
  void Flag(Defect defect) {
    message_->defects.set(static_cast<size_t>(defect));
  }

  void ParsePart(const PendingPart& pending) {
    HeaderLimits header_limits;
    header_limits.max_fields = limits_.max_header_fields;
    header_limits.max_field_bytes = limits_.max_header_field_bytes;
    HeaderSection section = ParseHeaderSection(pending.bytes, header_limits);
    if (!section.had_separator) Flag(Defect::kNoHeaderSeparator);
    if (section.had_invalid_line && !section.headers.empty())
      Flag(Defect::kInvalidHeaderLine);
    if (section.hit_field_limit) Flag(Defect::kHeaderFieldLimit);
    if (section.hit_length_limit) Flag(Defect::kHeaderLengthLimit);
    if (section.had_8bit) Flag(Defect::kRaw8bitHeader);
    if (section.had_encoding_error) Flag(Defect::kHeaderEncodingError);

    const int index = static_cast<int>(message_->parts.size());
    message_->parts.emplace_back();
    MimePart& part = message_->parts.back();
    part.parent = pending.parent;
    part.depth = pending.depth;
    part.headers = std::move(section.headers);
    part.body = section.body;

    const HeaderField* content_type = part.headers.Find("content-type");
    HeaderParams type_params;
    if (content_type != nullptr)
      type_params = ParseHeaderParams(content_type->raw_value);
    part.content_type = type_params.value.find('/') != std::string::npos
                            ? type_params.value
                            : std::string(pending.default_type);
    part.charset = ToLowerAscii(TrimAscii(type_params.Param("charset")));
    bool unknown_encoding = false;
    part.encoding = ParseTransferEncoding(
        part.headers.Value("content-transfer-encoding"), &unknown_encoding);
    if (unknown_encoding) Flag(Defect::kUnknownTransferEncoding);
    if (const HeaderField* disposition =
            part.headers.Find("content-disposition")) {
      HeaderParams disposition_params =
          ParseHeaderParams(disposition->raw_value);
      part.attachment_disposition = disposition_params.value == "attachment";
      part.filename = std::string(disposition_params.Param("filename"));
    }
    if (part.filename.empty())
      part.filename = std::string(type_params.Param("name"));

    if (StartsWithIgnoreCase(part.content_type, "multipart/")) {
      std::string boundary(type_params.Param("boundary"));
      // RFC 2046 allows 70 characters; far longer ones are abuse that would
      // make the delimiter search O(body x boundary).
      if (boundary.empty() || boundary.size() > kMaxBoundaryLength) {
        Flag(Defect::kMissingBoundary);
        AddLeafAsText(index);
        return;
      }
      SplitMultipart(index, boundary);
      return;
    }
    if (IsEmbeddedMessage(part)) {
      if (part.depth + 1 > limits_.max_mime_depth) {
        Flag(Defect::kMimeDepthLimit);
        AddAttachment(index);
        return;
      }
      QueueChild(index, part.body, "text/plain");
      return;
    }
    AddLeaf(index);
  }

  static bool IsEmbeddedMessage(const MimePart& part) {
    // An encoded message/rfc822 is not allowed (RFC 2046 5.2.1); keep it
    // opaque.
    const bool identity = part.encoding == TransferEncoding::k7Bit ||
                          part.encoding == TransferEncoding::k8Bit ||
                          part.encoding == TransferEncoding::kBinary;
    return identity && (part.content_type == "message/rfc822" ||
                        part.content_type == "message/global" ||
                        part.content_type == "message/news");
  }

  bool QueueChild(int parent, std::string_view bytes,
                  std::string_view default_type) {
    if (static_cast<int>(message_->parts.size() + children_.size()) >=
        limits_.max_parts) {
      Flag(Defect::kMimePartLimit);
      return false;
    }
    children_.push_back(
        {parent, message_->parts[parent].depth + 1, bytes, default_type});
    return true;
  }

  void SplitMultipart(int index, const std::string& boundary) {
    const MimePart& part = message_->parts[index];
    const std::string_view body = part.body;
    const std::string dash_boundary = "--" + boundary;
    const std::string_view child_default =
        part.content_type == "multipart/digest" ? "message/rfc822"
                                                : "text/plain";

    size_t line_start = 0;
    size_t next_line = 0;
    bool is_close = false;
    if (!FindDelimiter(body, dash_boundary, 0, &line_start, &next_line,
                       &is_close)) {
      // The boundary never appears: the body is still text a reader sees.
      Flag(Defect::kBoundaryNotFound);
      AddLeafAsText(index);
      return;
    }
    if (part.depth + 1 > limits_.max_mime_depth) {
      Flag(Defect::kMimeDepthLimit);
      return;
    }
    while (!is_close) {
      const size_t child_begin = next_line;
      size_t child_line_start = 0;
      if (!FindDelimiter(body, dash_boundary, child_begin, &child_line_start,
                         &next_line, &is_close)) {
        Flag(Defect::kUnterminatedMultipart);
        QueueChild(index, body.substr(child_begin), child_default);
        return;
      }
      if (!QueueChild(index, PartBefore(body, child_begin, child_line_start),
                      child_default)) {
        return;
      }
    }
  }

  // A multipart we cannot split: its body is still text a reader sees.
  void AddLeafAsText(int index) {
    MimePart& part = message_->parts[index];
    part.content_type = "text/plain";
    AddLeaf(index);
  }

  void AddLeaf(int index) {
    const MimePart& part = message_->parts[index];
    const bool is_plain = part.content_type == "text/plain" ||
                          part.content_type == "text" ||
                          part.content_type == "text/enriched";
    const bool is_html = part.content_type == "text/html";
    if ((is_plain || is_html) && !part.attachment_disposition) {
      AddText(index, is_html);
    } else {
      AddAttachment(index);
    }
  }

  // Appends the decoded bytes of `part` to `out` and records damage.
  void DecodeBody(const MimePart& part, std::string* out) {
    DecodeResult result;
    switch (part.encoding) {
      case TransferEncoding::kBase64:
        result = DecodeBase64(part.body, out);
        if (result.truncated) Flag(Defect::kTruncatedBase64);
        if (result.invalid) Flag(Defect::kInvalidBase64);
        return;
      case TransferEncoding::kQuotedPrintable:
        result = DecodeQuotedPrintable(part.body, out);
        if (result.truncated || result.invalid)
          Flag(Defect::kInvalidQuotedPrintable);
        return;
      default:
        out->append(part.body);
        return;
    }
  }

  void AddText(int index, bool is_html) {
    const MimePart& part = message_->parts[index];
    std::string decoded;
    DecodeBody(part, &decoded);
    if (text_bytes_ + decoded.size() > limits_.max_text_bytes) {
      Flag(Defect::kTextSizeLimit);
      decoded.resize(limits_.max_text_bytes > text_bytes_
                         ? limits_.max_text_bytes - text_bytes_
                         : 0);
    }
    text_bytes_ += decoded.size();

    TextPart text_part;
    text_part.part = index;
    text_part.is_html = is_html;
    const CharsetResult converted =
        ConvertToUtf8(part.charset, decoded, &text_part.text);
    if (converted.unknown_charset) Flag(Defect::kUnknownCharset);
    if (converted.invalid_bytes) Flag(Defect::kInvalidCharsetBytes);

    if (is_html) {
      // ExtractHtml appends to the visible text of all HTML parts; this
      // part's share is what it added.
      const size_t before = message_->html.visible_text.size();
      LapClock clock(html_seconds_ != nullptr);
      ExtractHtml(text_part.text, &message_->html);
      clock.Lap(html_seconds_);
      AppendBodyText(
          std::string_view(message_->html.visible_text).substr(before));
    } else {
      AppendBodyText(text_part.text);
    }
    message_->text_parts.push_back(std::move(text_part));
  }

  void AppendBodyText(std::string_view text) {
    std::string& body = message_->body_text;
    const size_t before = body.size();
    if (before != 0) body.push_back('\n');  // parts are paragraphs
    AppendCollapsedWhitespace(text, &body);
    if (body.size() == before + 1) body.pop_back();  // all white space
  }

  void AddAttachment(int index) {
    const MimePart& part = message_->parts[index];
    Attachment attachment;
    attachment.part = index;
    attachment.content_type = part.content_type;
    attachment.filename = part.filename;
    if (LooksLikeArchive(part.filename, part.content_type)) {
      // The one kind of attachment whose bytes a filter reads: the
      // archive's directory, for the names of what it holds.
      std::string decoded;
      DecodeBody(part, &decoded);
      attachment.size_bytes = decoded.size();
      ArchiveListing listing =
          ListArchiveMembers(decoded, limits_.max_archive_members);
      if (listing.damaged) Flag(Defect::kDamagedArchive);
      if (listing.truncated) Flag(Defect::kArchiveMemberLimit);
      attachment.archive_members = std::move(listing.names);
    } else if (part.encoding == TransferEncoding::kBase64) {
      attachment.size_bytes =
          Base64DecodedSize(part.body);  // no filter reads the bytes
    } else if (part.encoding == TransferEncoding::kQuotedPrintable) {
      std::string decoded;
      DecodeBody(part, &decoded);
      attachment.size_bytes = decoded.size();
    } else {
      attachment.size_bytes = part.body.size();
    }
    const bool in_related =
        part.parent >= 0 &&
        message_->parts[part.parent].content_type == "multipart/related";
    attachment.is_inline =
        !part.attachment_disposition &&
        (in_related || part.headers.Find("content-id") != nullptr ||
         EqualsIgnoreCase(
             TrimAscii(part.headers.Value("content-disposition")).substr(0, 6),
             "inline"));
    message_->attachments.push_back(std::move(attachment));
  }

  const ParseLimits& limits_;
  Message* message_;
  double* html_seconds_;  // nullptr: not timed
  std::vector<PendingPart> children_;
  size_t text_bytes_ = 0;
};

class UrlCollector {
 public:
  UrlCollector(size_t max_urls, Message* message)
      : max_urls_(max_urls), message_(message) {}

  void Add(std::string_view raw, UrlSource source) {
    if (message_->urls.size() >= max_urls_) {
      message_->defects.set(static_cast<size_t>(Defect::kUrlLimit));
      return;
    }
    std::optional<Url> url = ParseUrl(raw, source);
    if (!url) return;
    if (!seen_.insert(url->url).second) return;
    message_->urls.push_back(std::move(*url));
  }

  void AddFoundInText(std::string_view text) {
    found_.clear();
    FindUrlsInText(text, &found_);
    for (const std::string& raw : found_) Add(raw, UrlSource::kText);
  }

 private:
  size_t max_urls_;
  Message* message_;
  std::unordered_set<std::string> seen_;
  std::vector<std::string> found_;
};

void CollectUrls(const ParseLimits& limits, Message* message) {
  UrlCollector collector(limits.max_urls, message);
  for (const TextPart& part : message->text_parts) {
    if (!part.is_html) collector.AddFoundInText(part.text);
  }
  const HtmlFacts& html = message->html;
  for (const HtmlLink& link : html.links)
    collector.Add(link.href, UrlSource::kHtmlHref);
  for (const std::string& source : html.image_sources)
    collector.Add(source, UrlSource::kHtmlImage);
  for (const std::string& other : html.other_urls)
    collector.Add(other, UrlSource::kHtmlOther);
  collector.AddFoundInText(html.visible_text);
}

// Length of a leading mbox envelope line ("From sender date\n", or a bare
// "From\n"), or 0.
size_t EnvelopeLineLength(std::string_view raw) {
  const bool bare =
      raw.substr(0, 5) == "From\n" || raw.substr(0, 6) == "From\r\n";
  if (raw.substr(0, 5) != "From " && !bare) return 0;
  const size_t newline = raw.find('\n');
  return newline == std::string_view::npos ? raw.size() : newline + 1;
}

}  // namespace

Result<Message> ParseMessage(std::string_view raw, const ParseLimits& limits,
                             double* html_seconds) {
  if (raw.size() > limits.max_message_bytes) {
    return Error{ErrorCode::kMessageTooLarge, "",
                 "message of " + std::to_string(raw.size()) +
                     " bytes exceeds the limit of " +
                     std::to_string(limits.max_message_bytes)};
  }
  std::string_view content = raw.substr(EnvelopeLineLength(raw));
  if (TrimAscii(content).empty()) {
    return Error{ErrorCode::kEmptyMessage, "", "message has no content"};
  }
  // Leading blank lines occur in hand-made files; what follows must be a field.
  while (!content.empty() &&
         (content.front() == '\n' || content.front() == '\r')) {
    content.remove_prefix(1);
  }
  HeaderSection probe =
      ParseHeaderSection(content.substr(0, content.find('\n')), {});
  if (probe.headers.empty()) {
    return Error{ErrorCode::kNotAMessage, "",
                 "first line is not a header field"};
  }

  Message message;
  message.raw = raw;
  if (std::memchr(raw.data(), '\0', raw.size()) != nullptr) {
    message.defects.set(static_cast<size_t>(Defect::kNulBytes));
  }
  MessageParser(limits, &message, html_seconds).Parse(content);
  CollectUrls(limits, &message);
  message.sender = ExtractSenderFacts(message.headers());
  return message;
}

}  // namespace inboxsim::mime
