#include "sim/mime/transfer_decoding.h"

#include <array>
#include <cstdint>

#include "sim/core/text.h"

namespace inboxsim::mime {
namespace {

constexpr uint8_t kNotBase64 = 0xFF;
constexpr uint8_t kBase64Pad = 0xFE;

constexpr std::array<uint8_t, 256> MakeBase64Table() {
  std::array<uint8_t, 256> table{};
  for (auto& entry : table) entry = kNotBase64;
  const char* alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (uint8_t i = 0; i < 64; ++i) table[static_cast<uint8_t>(alphabet[i])] = i;
  table[static_cast<uint8_t>('=')] = kBase64Pad;
  return table;
}
constexpr std::array<uint8_t, 256> kBase64Table = MakeBase64Table();

constexpr bool IsBase64Space(char c) {
  return c == '\n' || c == '\r' || c == ' ' || c == '\t';
}

}  // namespace

DecodeResult DecodeBase64(std::string_view in, std::string* out) {
  DecodeResult result;
  out->reserve(out->size() + in.size() / 4 * 3 + 3);
  uint32_t accumulator = 0;
  int bits = 0;
  size_t i = 0;
  for (; i < in.size(); ++i) {
    const uint8_t value = kBase64Table[static_cast<uint8_t>(in[i])];
    if (value < 64) {
      accumulator = (accumulator << 6) | value;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out->push_back(static_cast<char>((accumulator >> bits) & 0xFF));
      }
      continue;
    }
    if (value == kBase64Pad) break;
    if (!IsBase64Space(in[i])) result.invalid = true;
  }
  // Leftover bits mean the last quantum is incomplete. MIME requires '='
  // padding (RFC 2045 6.8), so an unpadded partial quantum is a body cut off
  // in transit; its whole bytes are still decoded.
  const bool padded = i < in.size();
  if (bits != 0 && !padded) result.truncated = true;
  if (bits == 6) result.truncated = true;  // a lone symbol encodes no byte
  return result;
}

size_t Base64DecodedSize(std::string_view in) {
  size_t symbols = 0;
  for (char c : in) {
    const uint8_t value = kBase64Table[static_cast<uint8_t>(c)];
    if (value < 64)
      ++symbols;
    else if (value == kBase64Pad)
      break;
  }
  return symbols * 6 / 8;
}

DecodeResult DecodeQuotedPrintable(std::string_view in, std::string* out,
                                   bool underscore_is_space) {
  DecodeResult result;
  out->reserve(out->size() + in.size());
  size_t i = 0;
  while (i < in.size()) {
    const char c = in[i];
    if (c == '_' && underscore_is_space) {
      out->push_back(' ');
      ++i;
      continue;
    }
    if (c != '=') {
      out->push_back(c);
      ++i;
      continue;
    }
    // "=" followed by optional trailing blanks and a line break is a soft
    // break.
    size_t j = i + 1;
    while (j < in.size() && (in[j] == ' ' || in[j] == '\t')) ++j;
    if (j < in.size() && (in[j] == '\n' || in[j] == '\r')) {
      if (in[j] == '\r' && j + 1 < in.size() && in[j + 1] == '\n') ++j;
      i = j + 1;
      continue;
    }
    if (j == in.size() && j > i + 1) {  // "=  " at the very end: soft break
      i = j;
      continue;
    }
    if (i + 2 < in.size()) {
      const int high = HexDigitValue(in[i + 1]);
      const int low = HexDigitValue(in[i + 2]);
      if (high >= 0 && low >= 0) {
        out->push_back(static_cast<char>(high * 16 + low));
        i += 3;
        continue;
      }
      result.invalid = true;
    } else {
      if (i + 1 == in.size()) {
        // A lone '=' ending the text is a soft break that lost its newline.
        ++i;
        continue;
      }
      result.truncated = true;
    }
    out->push_back('=');  // keep a malformed escape literally, as readers do
    ++i;
  }
  return result;
}

}  // namespace inboxsim::mime
