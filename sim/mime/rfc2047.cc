#include "sim/mime/rfc2047.h"

#include "sim/core/text.h"
#include "sim/mime/charset.h"
#include "sim/mime/transfer_decoding.h"

namespace inboxsim::mime {
namespace {

// An encoded word "=?charset?enc?text?=" starting at `begin` (which points at
// "=?"). On success sets the parts and `end` (one past "?=").
struct EncodedWord {
  std::string_view charset;
  char encoding = 0;  // 'b' or 'q'
  std::string_view text;
  size_t end = 0;
};

// Charset names are short (RFC 2047 caps a whole word at 75 bytes); a
// longer run before the '?' is not a charset.
constexpr size_t kMaxCharsetLength = 64;

bool MatchEncodedWord(std::string_view value, size_t begin, EncodedWord* word) {
  const std::string_view charset_area =
      value.substr(begin + 2, kMaxCharsetLength + 1);
  const size_t charset_length = charset_area.find('?');
  if (charset_length == std::string_view::npos || charset_length == 0)
    return false;
  const size_t charset_end = begin + 2 + charset_length;
  if (charset_end + 2 >= value.size() || value[charset_end + 2] != '?')
    return false;
  const char encoding = ToLowerAscii(value[charset_end + 1]);
  if (encoding != 'b' && encoding != 'q') return false;
  const size_t text_begin = charset_end + 3;
  // Encoded text holds no '?' (RFC 2047 5), so the word ends at the next
  // one, which must be followed by '='. Stopping there also keeps the scan
  // of a value full of broken words linear.
  const size_t text_end = value.find('?', text_begin);
  if (text_end == std::string_view::npos || text_end + 1 >= value.size() ||
      value[text_end + 1] != '=') {
    return false;
  }
  word->charset = value.substr(begin + 2, charset_length);
  // A charset never holds white space; if it does we matched across words.
  for (char c : word->charset) {
    if (IsSpaceAscii(c)) return false;
  }
  word->encoding = encoding;
  word->text = value.substr(text_begin, text_end - text_begin);
  word->end = text_end + 2;
  return true;
}

bool HasHighBit(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) & 0x80) return true;
  }
  return false;
}

void AppendPlain(std::string_view text, HeaderDecodeResult* result,
                 std::string* out) {
  if (!HasHighBit(text)) {
    out->append(text);
    return;
  }
  result->raw_8bit = true;
  const CharsetResult converted = ConvertToUtf8("", text, out);
  if (converted.invalid_bytes) result->invalid = true;
}

}  // namespace

HeaderDecodeResult DecodeHeaderText(std::string_view value, std::string* out) {
  HeaderDecodeResult result;
  size_t start = value.find("=?");
  if (start == std::string_view::npos) {
    AppendPlain(value, &result, out);
    return result;
  }
  size_t plain_begin = 0;
  bool previous_was_word = false;
  std::string decoded_bytes;
  while (start != std::string_view::npos) {
    EncodedWord word;
    if (!MatchEncodedWord(value, start, &word)) {
      start = value.find("=?", start + 2);
      continue;
    }
    std::string_view between = value.substr(plain_begin, start - plain_begin);
    const bool only_space = TrimAscii(between).empty();
    if (!(previous_was_word && only_space)) AppendPlain(between, &result, out);

    decoded_bytes.clear();
    DecodeResult decoded =
        word.encoding == 'b'
            ? DecodeBase64(word.text, &decoded_bytes)
            : DecodeQuotedPrintable(word.text, &decoded_bytes, true);
    if (decoded.invalid || decoded.truncated) result.invalid = true;
    const CharsetResult converted =
        ConvertToUtf8(word.charset, decoded_bytes, out);
    if (converted.unknown_charset) result.unknown_charset = true;
    if (converted.invalid_bytes) result.invalid = true;
    result.had_encoded_words = true;

    previous_was_word = true;
    plain_begin = word.end;
    start = value.find("=?", plain_begin);
  }
  AppendPlain(value.substr(plain_begin), &result, out);
  return result;
}

}  // namespace inboxsim::mime
