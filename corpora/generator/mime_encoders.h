// Encoders the synthetic corpus needs to write MIME: base64 and
// quoted-printable bodies, RFC 2047 encoded-words, and UTF-8 to legacy
// charset transcoding for the handful of charsets the corpus uses.
//
//   std::string body = detail::TranscodeFromUtf8("Grüße", Charset::kIso88591);
//   detail::AppendBase64(body, out);              // 76-column lines
//   detail::AppendQuotedPrintable(body, out);     // soft breaks at 76
//
// These are writers only; the simulator's decoders live in sim/mime/. All
// functions are pure and may run on many threads at once.
#ifndef INBOXSIM_CORPORA_GENERATOR_MIME_ENCODERS_H_
#define INBOXSIM_CORPORA_GENERATOR_MIME_ENCODERS_H_

#include <string>
#include <string_view>

namespace inboxsim::gen::detail {

// RFC 2045 caps encoded lines at 76 characters (excluding the line break).
constexpr size_t kMaxEncodedLineLength = 76;

enum class Charset {
  kUsAscii,
  kUtf8,
  kIso88591,
  kWindows1252,
  kIso88592,
  kKoi8R,
};
constexpr int kCharsetCount = 6;

// The MIME name, e.g. "iso-8859-1".
std::string_view CharsetName(Charset charset);

// `utf8` re-encoded in `charset`. Code points the charset cannot represent
// become '?', as a mail client saving in a legacy charset would do.
std::string TranscodeFromUtf8(std::string_view utf8, Charset charset);

// True when every code point of `utf8` exists in `charset`.
bool IsRepresentable(std::string_view utf8, Charset charset);

// Appends `bytes` base64-encoded in lines of `line_length` characters, each
// ending in "\n".
void AppendBase64(std::string_view bytes, std::string& out,
                  size_t line_length = kMaxEncodedLineLength);

// Appends `text` ("\n" line breaks) quoted-printable encoded: bytes outside
// printable ASCII and '=' become =XX, trailing white space is escaped, and
// lines longer than 76 get "=" soft breaks. Ends with "\n".
void AppendQuotedPrintable(std::string_view text, std::string& out);

enum class EncodedWordKind { kBase64, kQ };

// `text` (already in `charset`) as one or more RFC 2047 encoded-words
// separated by "\n " folds, each at most 75 characters, e.g.
// "=?utf-8?B?R3LDvMOfZQ==?=". A UTF-8 character is never split across two
// words, as RFC 2047 section 5 requires.
std::string EncodeWord(std::string_view text, Charset charset,
                       EncodedWordKind kind);

}  // namespace inboxsim::gen::detail

#endif  // INBOXSIM_CORPORA_GENERATOR_MIME_ENCODERS_H_
