// RFC 2047 encoded words in header values ("=?utf-8?B?SGk=?=") decoded to
// UTF-8.
//
//   std::string subject;
//   DecodeHeaderText("=?iso-8859-1?Q?Caf=E9?= au lait", &subject);  // "Café au
//   lait"
//
// Forgiving as mail readers are: encoded words inside quoted strings and
// words, lower-case "b"/"q", and raw 8-bit header bytes (UTF-8 or, failing
// that, windows-1252) all decode. White space between two adjacent encoded
// words is dropped, as the RFC requires.
#ifndef INBOXSIM_MIME_RFC2047_H_
#define INBOXSIM_MIME_RFC2047_H_

#include <string>
#include <string_view>

namespace inboxsim::mime {

struct HeaderDecodeResult {
  bool had_encoded_words = false;
  bool unknown_charset =
      false;              // an encoded word named a charset we cannot read
  bool invalid = false;   // a malformed encoded word or undecodable bytes
  bool raw_8bit = false;  // bytes >= 0x80 outside encoded words
};

// Appends `value` (already unfolded) decoded to UTF-8 to `out`.
HeaderDecodeResult DecodeHeaderText(std::string_view value, std::string* out);

}  // namespace inboxsim::mime

#endif  // INBOXSIM_MIME_RFC2047_H_
