#include "sim/scan/target.h"

#include "sim/core/text.h"

namespace inboxsim::scan {
namespace {

constexpr std::string_view kHeaderPrefix = "header:";

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
  switch (kind) {
    case TargetKind::kHeaders:
      return "headers";
    case TargetKind::kHeader:
      return std::string(kHeaderPrefix) + header_name;
    case TargetKind::kBody:
      return "body";
    case TargetKind::kRawBody:
      return "rawbody";
    case TargetKind::kHtml:
      return "html";
    case TargetKind::kUri:
      return "uri";
  }
  return "body";
}

std::optional<Target> ParseTarget(std::string_view text) {
  if (text == "headers") return Target{TargetKind::kHeaders, {}};
  if (text == "body") return Target{TargetKind::kBody, {}};
  if (text == "rawbody") return Target{TargetKind::kRawBody, {}};
  if (text == "html") return Target{TargetKind::kHtml, {}};
  if (text == "uri") return Target{TargetKind::kUri, {}};
  if (StartsWithIgnoreCase(text, kHeaderPrefix)) {
    const std::string_view name = TrimAscii(text.substr(kHeaderPrefix.size()));
    if (name.empty()) return std::nullopt;
    for (char c : name) {
      if (c <= 32 || c >= 127 || c == ':') return std::nullopt;
    }
    return Target{TargetKind::kHeader, ToLowerAscii(name)};
  }
  return std::nullopt;
}

std::string_view TargetText(const mime::Message& message, const Target& target,
                            std::string* buffer) {
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
  }
  return {};
}

}  // namespace inboxsim::scan
