#include "sim/model/tokenizer.h"

#include <algorithm>
#include <unordered_set>

#include "sim/core/text.h"
#include "sim/mime/url.h"

namespace inboxsim::model {
namespace {

// Attachment extensions longer than this are not a file type ("tar.gz" is
// "gz"; a 30-letter tail is a name).
constexpr size_t kMaxExtensionBytes = 8;

using Visit = std::function<void(std::string_view)>;

constexpr bool IsWordByte(char c) {
  return static_cast<unsigned char>(c) >= 0x80 || IsAlnumAscii(c);
}
constexpr bool IsUtf8Continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// `text` cut to at most `max_bytes`, never inside a UTF-8 sequence.
std::string_view CutAtCharacter(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && IsUtf8Continuation(text[end])) --end;
  return text.substr(0, end);
}

// Builds tokens in one reused buffer: no allocation per token.
class TokenWriter {
 public:
  explicit TokenWriter(const Visit& visit) : visit_(visit) {}

  // "prefix" + `value` as it is (already normalised by the parser).
  void Emit(std::string_view prefix, std::string_view value) {
    if (value.empty()) return;
    buffer_.assign(prefix);
    buffer_.append(value);
    visit_(buffer_);
  }

  // Every word of `text`, behind `prefix`, by the rules in the header.
  void EmitWords(std::string_view prefix, std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && !IsWordByte(text[i])) ++i;
      const size_t start = i;
      while (i < text.size() && IsWordByte(text[i])) ++i;
      if (i > start) EmitWord(prefix, text.substr(start, i - start));
    }
  }

 private:
  void EmitWord(std::string_view prefix, std::string_view word) {
    if (std::all_of(word.begin(), word.end(), IsDigitAscii)) {
      buffer_.assign(prefix);
      buffer_.append("num:");
      buffer_.append(std::to_string(word.size()));
      visit_(buffer_);
      return;
    }
    if (word.size() < kMinWordBytes) return;
    if (word.size() > kMaxWordBytes) {
      const bool ascii = std::none_of(word.begin(), word.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x80;
      });
      if (ascii) return;
      word = CutAtCharacter(word, kMaxWordBytes);
    }
    buffer_.assign(prefix);
    for (char c : word) buffer_.push_back(ToLowerAscii(c));
    visit_(buffer_);
  }

  const Visit& visit_;
  std::string buffer_;
};

std::string_view Extension(std::string_view filename) {
  const size_t dot = filename.rfind('.');
  if (dot == std::string_view::npos || dot + 1 == filename.size()) return {};
  const std::string_view extension = filename.substr(dot + 1);
  return extension.size() <= kMaxExtensionBytes ? extension
                                                : std::string_view();
}

}  // namespace

FeatureId HashToken(std::string_view token) {
  uint64_t hash = 14695981039346656037ull;  // FNV-1a 64 offset basis
  for (char c : token) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;  // FNV-1a 64 prime
  }
  return hash;
}

void ForEachToken(const mime::Message& message, const Visit& visit) {
  TokenWriter writer(visit);
  const mime::HeaderList& headers = message.headers();
  writer.EmitWords("subject:", headers.Value("subject"));
  if (message.sender.from && !message.sender.from->domain.empty()) {
    writer.Emit("from:", mime::RegistrableDomain(message.sender.from->domain));
  }
  // The mailer names software, a strong hint in both directions (bulk
  // mailers, ratware, one's own colleagues' clients).
  writer.EmitWords("mailer:", headers.Value("x-mailer"));
  writer.EmitWords("mailer:", headers.Value("user-agent"));
  for (const mime::MimePart& part : message.parts) {
    writer.Emit("type:", part.content_type);
  }
  for (const mime::Attachment& attachment : message.attachments) {
    writer.Emit("ext:", ToLowerAscii(Extension(attachment.filename)));
  }
  for (const mime::Url& url : message.urls) {
    writer.Emit("url:", url.registrable_domain);
  }
  writer.EmitWords("", CutAtCharacter(message.body_text, kMaxBodyBytes));
}

std::vector<Token> Tokenize(const mime::Message& message) {
  std::vector<Token> tokens;
  std::unordered_set<FeatureId> seen;
  ForEachToken(message, [&](std::string_view text) {
    const FeatureId id = HashToken(text);
    if (seen.insert(id).second) tokens.push_back({id, std::string(text)});
  });
  return tokens;
}

void FeatureIds(const mime::Message& message, std::vector<FeatureId>* ids) {
  ids->clear();
  ForEachToken(message,
               [&](std::string_view text) { ids->push_back(HashToken(text)); });
  std::sort(ids->begin(), ids->end());
  ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
}

}  // namespace inboxsim::model
