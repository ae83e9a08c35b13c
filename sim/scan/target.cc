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

void AppendTargetText(const mime::Message& message, const Target& target,
                      std::string* out) {
  switch (target.kind) {
    case TargetKind::kHeaders:
      for (const mime::HeaderField& field : message.headers().fields()) {
        out->append(field.name);
        out->append(": ");
        out->append(field.value);
        out->push_back('\n');
      }
      return;
    case TargetKind::kHeader: {
      bool first = true;
      message.headers().ForEach(target.header_name,
                                [&](const mime::HeaderField& field) {
                                  if (!first) out->push_back('\n');
                                  out->append(field.value);
                                  first = false;
                                });
      return;
    }
    case TargetKind::kBody:
      out->append(message.body_text);
      return;
    case TargetKind::kRawBody:
      AppendJoined(
          message.text_parts, "\n\n",
          [](const mime::TextPart& part) {
            return std::string_view(part.text);
          },
          out);
      return;
    case TargetKind::kHtml:
      AppendJoined(
          message.text_parts, "\n\n",
          [](const mime::TextPart& part) {
            return part.is_html ? std::string_view(part.text)
                                : std::string_view();
          },
          out);
      return;
    case TargetKind::kUri:
      AppendJoined(
          message.urls, "\n",
          [](const mime::Url& url) { return std::string_view(url.url); }, out);
      return;
  }
}

}  // namespace inboxsim::scan
