#include "sim/scan/target.h"

#include "sim/core/text.h"
#include "sim/sa/message_text.h"

namespace inboxsim::scan {
namespace {

constexpr std::string_view kHeaderPrefix = "header:";
constexpr std::string_view kSaHeaderPrefix = "sa-header:";
constexpr std::string_view kIfUnsetPrefix = " [if-unset: ";

// The fixed-spelling kinds, as ToString writes them.
constexpr std::pair<TargetKind, std::string_view> kKindNames[] = {
    {TargetKind::kHeaders, "headers"},
    {TargetKind::kBody, "body"},
    {TargetKind::kRawBody, "rawbody"},
    {TargetKind::kHtml, "html"},
    {TargetKind::kUri, "uri"},
    {TargetKind::kSaBody, "sa-body"},
    {TargetKind::kSaBodyNoSubject, "sa-body-nosubject"},
    {TargetKind::kSaRawBody, "sa-rawbody"},
    {TargetKind::kSaFull, "sa-full"},
    {TargetKind::kSaUri, "sa-uri"},
};

// "From:addr [if-unset: x]" -> request; nullopt unless it is one request as
// a SpamAssassin header rule writes it (known modifiers only).
std::optional<sa::HeaderRequest> ParseSaHeaderRequest(std::string_view text) {
  sa::HeaderRequest request;
  if (const size_t unset = text.find(kIfUnsetPrefix);
      unset != std::string_view::npos && !text.empty() && text.back() == ']') {
    const size_t start = unset + kIfUnsetPrefix.size();
    request.if_unset = std::string(text.substr(start, text.size() - 1 - start));
    text = text.substr(0, unset);
  }
  const Result<size_t> read = sa::ReadHeaderRequest(text, &request);
  if (!read || *read != text.size()) return std::nullopt;
  return request;
}

// Joins pieces with `separator` between them.
template <typename Pieces, typename Text>
void AppendJoined(const Pieces& pieces, std::string_view separator, Text&& text,
                  std::string* out) {
  bool first = true;
  for (const auto& piece : pieces) {
    const std::string_view piece_text = text(piece);
    if (piece_text.empty()) continue;
    if (!first) out->append(separator);
    out->append(piece_text);
    first = false;
  }
}

}  // namespace

std::string Target::ToString() const {
  if (kind == TargetKind::kHeader)
    return std::string(kHeaderPrefix) + header_name;
  if (kind == TargetKind::kSaHeader)
    return std::string(kSaHeaderPrefix) + header_name;
  for (const auto& [known, name] : kKindNames) {
    if (known == kind) return std::string(name);
  }
  return "body";
}

Target SaHeaderTarget(const sa::HeaderRequest& request) {
  auto parsed = std::make_shared<sa::HeaderRequest>(request);
  parsed->exists = false;  // the rule's, not the text's
  parsed->negated = false;
  // SpamAssassin looks up conventional headers without case; ALL and
  // MESSAGEID (and ALL-TRUSTED ...) are pseudo-headers spelt exactly.
  const bool exact =
      parsed->name == "MESSAGEID" || parsed->name.rfind("ALL", 0) == 0;
  std::string key = exact ? parsed->name : ToLowerAscii(parsed->name);
  for (const std::string& modifier : parsed->modifiers) key += ":" + modifier;
  if (parsed->if_unset)
    key += std::string(kIfUnsetPrefix) + *parsed->if_unset + "]";
  return Target{TargetKind::kSaHeader, std::move(key), std::move(parsed)};
}

std::optional<Target> ParseTarget(std::string_view text) {
  for (const auto& [kind, name] : kKindNames) {
    if (text == name) return Target{kind, {}, nullptr};
  }
  if (StartsWithIgnoreCase(text, kSaHeaderPrefix)) {
    const std::optional<sa::HeaderRequest> request =
        ParseSaHeaderRequest(text.substr(kSaHeaderPrefix.size()));
    if (!request) return std::nullopt;
    return SaHeaderTarget(*request);
  }
  if (StartsWithIgnoreCase(text, kHeaderPrefix)) {
    const std::string_view name = TrimAscii(text.substr(kHeaderPrefix.size()));
    if (name.empty()) return std::nullopt;
    for (char c : name) {
      if (c <= 32 || c >= 127 || c == ':') return std::nullopt;
    }
    return Target{TargetKind::kHeader, ToLowerAscii(name), nullptr};
  }
  return std::nullopt;
}

std::string_view TargetText(const mime::Message& message, const Target& target,
                            std::string* buffer) {
  sa::MessageViews views(message);
  const std::string_view text = TargetText(target, views, buffer);
  // Views into `views` die with it.
  if (target.kind == TargetKind::kSaBody ||
      target.kind == TargetKind::kSaBodyNoSubject) {
    buffer->assign(text);
    return *buffer;
  }
  return text;
}

std::string_view TargetText(const Target& target, sa::MessageViews& views,
                            std::string* buffer) {
  const mime::Message& message = views.message();
  buffer->clear();
  switch (target.kind) {
    case TargetKind::kHeaders:
      for (const mime::HeaderField& field : message.headers().fields()) {
        buffer->append(field.name);
        buffer->append(": ");
        buffer->append(field.value);
        buffer->push_back('\n');
      }
      return *buffer;
    case TargetKind::kHeader: {
      // Most named fields occur once: their value is the text, uncopied.
      // One pass: the first field is kept as a view until a second appears.
      const mime::HeaderField* first = nullptr;
      bool several = false;
      message.headers().ForEach(target.header_name,
                                [&](const mime::HeaderField& field) {
                                  if (first == nullptr) {
                                    first = &field;
                                    return;
                                  }
                                  if (!several) buffer->append(first->value);
                                  several = true;
                                  buffer->push_back('\n');
                                  buffer->append(field.value);
                                });
      if (first == nullptr) return {};
      return several ? std::string_view(*buffer)
                     : std::string_view(first->value);
    }
    case TargetKind::kBody:
      return message.body_text;
    case TargetKind::kRawBody:
      if (message.text_parts.size() == 1)
        return message.text_parts.front().text;
      AppendJoined(
          message.text_parts, "\n\n",
          [](const mime::TextPart& part) {
            return std::string_view(part.text);
          },
          buffer);
      return *buffer;
    case TargetKind::kHtml:
      AppendJoined(
          message.text_parts, "\n\n",
          [](const mime::TextPart& part) {
            return part.is_html ? std::string_view(part.text)
                                : std::string_view();
          },
          buffer);
      return *buffer;
    case TargetKind::kUri:
      AppendJoined(
          message.urls, "\n",
          [](const mime::Url& url) { return std::string_view(url.url); },
          buffer);
      return *buffer;
    case TargetKind::kSaBody:
    case TargetKind::kSaBodyNoSubject:
      return views.Body(target.kind == TargetKind::kSaBody);
    case TargetKind::kSaRawBody:
      sa::AppendRawBodyText(message, buffer);
      return *buffer;
    case TargetKind::kSaFull:
      return sa::FullText(message);
    case TargetKind::kSaUri:
      sa::AppendUriText(views, buffer);
      return *buffer;
    case TargetKind::kSaHeader:
      if (!target.sa_header) return {};
      if (!sa::AppendHeaderText(views, *target.sa_header, buffer) &&
          target.sa_header->if_unset) {
        buffer->assign(*target.sa_header->if_unset);
      }
      return *buffer;
  }
  return {};
}

}  // namespace inboxsim::scan
