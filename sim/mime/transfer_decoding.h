// Content-Transfer-Encoding decoders: base64 and quoted-printable, shared by
// MIME bodies and RFC 2047 encoded words (one decoder each, not one per use).
//
// Both are forgiving as mail readers are: bytes outside the alphabet are
// skipped, malformed escapes are kept literally, and the caller learns through
// the returned flags that the input was damaged, so it can be counted.
//
//   std::string out;
//   DecodeResult r = DecodeBase64("SGVsbG8=", &out);   // out == "Hello"
#ifndef INBOXSIM_MIME_TRANSFER_DECODING_H_
#define INBOXSIM_MIME_TRANSFER_DECODING_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace inboxsim::mime {

struct DecodeResult {
  bool truncated = false;  // input ended inside a base64 quantum or a QP escape
  bool invalid = false;    // bytes outside the alphabet, or bad =XX escapes
};

// Appends the decoded bytes of base64 `in` to `out`. White space and bytes
// outside the alphabet are skipped; decoding stops at the first '=' pad.
DecodeResult DecodeBase64(std::string_view in, std::string* out);

// The decoded size of base64 `in` without decoding it, for attachments whose
// bytes no filter reads.
size_t Base64DecodedSize(std::string_view in);

// Appends quoted-printable `in` decoded to `out` (RFC 2045 section 6.7):
// "=XX" escapes, soft line breaks "=\n" / "=\r\n", trailing white space on a
// line kept. With `underscore_is_space` (RFC 2047 "Q"), '_' decodes to 0x20.
DecodeResult DecodeQuotedPrintable(std::string_view in, std::string* out,
                                   bool underscore_is_space = false);

}  // namespace inboxsim::mime

#endif  // INBOXSIM_MIME_TRANSFER_DECODING_H_
