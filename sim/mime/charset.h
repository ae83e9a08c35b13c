// Charset conversion to UTF-8, the one encoding every later stage sees.
//
// ASCII, UTF-8, ISO-8859-1 and windows-1252 (most of real mail) convert in
// our own loops; everything else goes through glibc iconv, which knows
// hundreds of charsets, with one converter per charset cached per thread.
//
//   std::string text;
//   CharsetResult r = ConvertToUtf8("koi8-r", body_bytes, &text);
//   if (r.unknown_charset) count it;   // text still holds a best effort
//
// Thread-safe: converters live in thread-local caches.
#ifndef INBOXSIM_MIME_CHARSET_H_
#define INBOXSIM_MIME_CHARSET_H_

#include <string>
#include <string_view>

namespace inboxsim::mime {

struct CharsetResult {
  bool unknown_charset =
      false;                   // label not recognised: decoded as windows-1252
  bool invalid_bytes = false;  // bytes not valid in the charset: U+FFFD or
                               // windows-1252 reading in their place
};

// Appends `bytes`, labelled `charset` (any case, may be empty or quoted),
// converted to UTF-8. An empty or ASCII label with 8-bit content is read as
// UTF-8 when valid, else as windows-1252 (what unlabelled 8-bit mail mostly
// is).
CharsetResult ConvertToUtf8(std::string_view charset, std::string_view bytes,
                            std::string* out);

// True when `bytes` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view bytes);

// Appends code point `cp` as UTF-8; invalid code points become U+FFFD.
void AppendUtf8(char32_t cp, std::string* out);

// Writes `cp` as UTF-8 to `out`, which must have room for 4 bytes; returns
// the bytes written. Invalid code points become U+FFFD.
size_t EncodeUtf8(char32_t cp, char* out);

// The code point of windows-1252 byte `byte`, as the WHATWG Encoding
// Standard maps it (the five unassigned bytes map to their C1 controls).
char32_t Windows1252CodePoint(unsigned char byte);

}  // namespace inboxsim::mime

#endif  // INBOXSIM_MIME_CHARSET_H_
