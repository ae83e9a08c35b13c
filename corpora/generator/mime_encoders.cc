#include "corpora/generator/mime_encoders.h"

#include <array>
#include <cstdint>
#include <span>

namespace inboxsim::gen::detail {
namespace {

constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kHexDigits[] = "0123456789ABCDEF";
// RFC 2047 section 2: an encoded-word is at most 75 characters.
constexpr size_t kMaxEncodedWordLength = 75;
constexpr char32_t kReplacement = U'?';

// One code point of valid UTF-8 starting at text[*pos]; advances *pos. The
// corpus only transcodes its own word lists, so malformed input just yields
// the lead byte.
char32_t DecodeUtf8(std::string_view text, size_t* pos) {
  const auto lead = static_cast<unsigned char>(text[*pos]);
  int extra = 0;
  char32_t cp = lead;
  if (lead >= 0xF0) {
    extra = 3;
    cp = lead & 0x07;
  } else if (lead >= 0xE0) {
    extra = 2;
    cp = lead & 0x0F;
  } else if (lead >= 0xC0) {
    extra = 1;
    cp = lead & 0x1F;
  }
  ++*pos;
  for (int i = 0; i < extra && *pos < text.size(); ++i, ++*pos) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[*pos]) & 0x3F);
  }
  return cp;
}

struct CodeMapping {
  char32_t code_point;
  unsigned char byte;
};

// windows-1252 differs from ISO-8859-1 only in 0x80-0x9F, where it puts
// typographic punctuation (the "smart quotes" of Word-authored mail).
constexpr CodeMapping kWindows1252Extras[] = {
    {U'€', 0x80}, {U'‚', 0x82}, {U'ƒ', 0x83}, {U'„', 0x84}, {U'…', 0x85},
    {U'†', 0x86}, {U'‡', 0x87}, {U'ˆ', 0x88}, {U'‰', 0x89}, {U'Š', 0x8A},
    {U'‹', 0x8B}, {U'Œ', 0x8C}, {U'Ž', 0x8E}, {U'‘', 0x91}, {U'’', 0x92},
    {U'“', 0x93}, {U'”', 0x94}, {U'•', 0x95}, {U'–', 0x96}, {U'—', 0x97},
    {U'˜', 0x98}, {U'™', 0x99}, {U'š', 0x9A}, {U'›', 0x9B}, {U'œ', 0x9C},
    {U'ž', 0x9E}, {U'Ÿ', 0x9F}};

// The Central European letters the corpus's Polish, Czech, Slovak and
// Hungarian words use, plus the Latin-1 letters ISO-8859-2 shares.
constexpr CodeMapping kIso88592Letters[] = {
    {U'Ą', 0xA1}, {U'Ł', 0xA3}, {U'Ľ', 0xA5}, {U'Ś', 0xA6}, {U'§', 0xA7},
    {U'Š', 0xA9}, {U'Ť', 0xAB}, {U'Ź', 0xAC}, {U'Ž', 0xAE}, {U'Ż', 0xAF},
    {U'°', 0xB0}, {U'ą', 0xB1}, {U'ł', 0xB3}, {U'ľ', 0xB5}, {U'ś', 0xB6},
    {U'š', 0xB9}, {U'ť', 0xBB}, {U'ź', 0xBC}, {U'ž', 0xBE}, {U'ż', 0xBF},
    {U'Á', 0xC1}, {U'Ä', 0xC4}, {U'Ć', 0xC6}, {U'Č', 0xC8}, {U'É', 0xC9},
    {U'Ę', 0xCA}, {U'Ě', 0xCC}, {U'Í', 0xCD}, {U'Ń', 0xD1}, {U'Ó', 0xD3},
    {U'Ő', 0xD5}, {U'Ö', 0xD6}, {U'Ř', 0xD8}, {U'Ů', 0xD9}, {U'Ú', 0xDA},
    {U'Ű', 0xDB}, {U'Ü', 0xDC}, {U'Ý', 0xDD}, {U'ß', 0xDF}, {U'á', 0xE1},
    {U'ä', 0xE4}, {U'ĺ', 0xE5}, {U'ć', 0xE6}, {U'č', 0xE8}, {U'é', 0xE9},
    {U'ę', 0xEA}, {U'ě', 0xEC}, {U'í', 0xED}, {U'ď', 0xEF}, {U'ń', 0xF1},
    {U'ň', 0xF2}, {U'ó', 0xF3}, {U'ô', 0xF4}, {U'ő', 0xF5}, {U'ö', 0xF6},
    {U'ř', 0xF8}, {U'ů', 0xF9}, {U'ú', 0xFA}, {U'ű', 0xFB}, {U'ü', 0xFC},
    {U'ý', 0xFD}};

// KOI8-R bytes for а..я (U+0430..U+044F). KOI8-R orders Cyrillic by its
// Latin transliteration so stripped eighth bits still read, hence the
// scrambled table; capitals are the same bytes plus 0x20.
constexpr std::array<unsigned char, 32> kKoi8RLower = {
    0xC1, 0xC2, 0xD7, 0xC7, 0xC4, 0xC5, 0xD6, 0xDA, 0xC9, 0xCA, 0xCB,
    0xCC, 0xCD, 0xCE, 0xCF, 0xD0, 0xD2, 0xD3, 0xD4, 0xD5, 0xC6, 0xC8,
    0xC3, 0xDE, 0xDB, 0xDD, 0xDF, 0xD9, 0xD8, 0xDC, 0xC0, 0xD1};
constexpr unsigned char kKoi8RCapitalOffset = 0x20;
constexpr unsigned char kKoi8RSmallYo = 0xA3;
constexpr unsigned char kKoi8RCapitalYo = 0xB3;

bool LookUp(std::span<const CodeMapping> table, char32_t cp,
            unsigned char* byte) {
  for (const CodeMapping& m : table) {
    if (m.code_point == cp) {
      *byte = m.byte;
      return true;
    }
  }
  return false;
}

// The byte for `cp` in a single-byte `charset`, or false when it has none.
bool ToSingleByte(char32_t cp, Charset charset, unsigned char* byte) {
  if (cp < 0x80) {
    *byte = static_cast<unsigned char>(cp);
    return true;
  }
  switch (charset) {
    case Charset::kUsAscii:
    case Charset::kUtf8:
      return false;
    case Charset::kIso88591:
      if (cp > 0xFF) return false;
      *byte = static_cast<unsigned char>(cp);
      return true;
    case Charset::kWindows1252:
      if (cp >= 0xA0 && cp <= 0xFF) {
        *byte = static_cast<unsigned char>(cp);
        return true;
      }
      return LookUp(kWindows1252Extras, cp, byte);
    case Charset::kIso88592:
      return LookUp(kIso88592Letters, cp, byte);
    case Charset::kKoi8R:
      if (cp >= U'а' && cp <= U'я') {
        *byte = kKoi8RLower[cp - U'а'];
        return true;
      }
      if (cp >= U'А' && cp <= U'Я') {
        *byte = kKoi8RLower[cp - U'А'] + kKoi8RCapitalOffset;
        return true;
      }
      if (cp == U'ё' || cp == U'Ё') {
        *byte = cp == U'ё' ? kKoi8RSmallYo : kKoi8RCapitalYo;
        return true;
      }
      return false;
  }
  return false;
}

// Characters RFC 2047 section 5 (3) allows unencoded in a Q word anywhere,
// including phrases such as display names.
bool IsQSafe(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '!' || c == '*' || c == '+' ||
         c == '-' || c == '/';
}

// Length in bytes of the character starting at text[pos]: UTF-8 sequences
// stay whole, single-byte charsets are one byte per character.
size_t CharLength(std::string_view text, size_t pos, Charset charset) {
  if (charset != Charset::kUtf8) return 1;
  size_t next = pos;
  DecodeUtf8(text, &next);
  return next - pos;
}

}  // namespace

std::string_view CharsetName(Charset charset) {
  switch (charset) {
    case Charset::kUsAscii:
      return "us-ascii";
    case Charset::kUtf8:
      return "utf-8";
    case Charset::kIso88591:
      return "iso-8859-1";
    case Charset::kWindows1252:
      return "windows-1252";
    case Charset::kIso88592:
      return "iso-8859-2";
    case Charset::kKoi8R:
      return "koi8-r";
  }
  return "us-ascii";
}

std::string TranscodeFromUtf8(std::string_view utf8, Charset charset) {
  if (charset == Charset::kUtf8) return std::string(utf8);
  std::string out;
  out.reserve(utf8.size());
  size_t pos = 0;
  while (pos < utf8.size()) {
    // Copy ASCII runs whole: most of every body is ASCII.
    size_t run = pos;
    while (run < utf8.size() && static_cast<unsigned char>(utf8[run]) < 0x80)
      ++run;
    out.append(utf8, pos, run - pos);
    pos = run;
    if (pos == utf8.size()) break;
    const char32_t cp = DecodeUtf8(utf8, &pos);
    unsigned char byte = 0;
    out.push_back(ToSingleByte(cp, charset, &byte)
                      ? static_cast<char>(byte)
                      : static_cast<char>(kReplacement));
  }
  return out;
}

bool IsRepresentable(std::string_view utf8, Charset charset) {
  if (charset == Charset::kUtf8) return true;
  size_t pos = 0;
  while (pos < utf8.size()) {
    unsigned char byte = 0;
    if (!ToSingleByte(DecodeUtf8(utf8, &pos), charset, &byte)) return false;
  }
  return true;
}

void AppendBase64(std::string_view bytes, std::string& out,
                  size_t line_length) {
  constexpr size_t kBytesPerGroup = 3;
  constexpr size_t kCharsPerGroup = 4;
  const size_t groups_per_line = line_length / kCharsPerGroup;
  const size_t total_groups =
      (bytes.size() + kBytesPerGroup - 1) / kBytesPerGroup;
  // Size the output once and write through a pointer: this loop encodes
  // every attachment byte, so it avoids per-character appends.
  const size_t start = out.size();
  out.resize(start + total_groups * kCharsPerGroup +
             total_groups / groups_per_line + 1);
  char* dst = out.data() + start;
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t i = 0;
  size_t groups_on_line = 0;
  for (; i + kBytesPerGroup <= bytes.size(); i += kBytesPerGroup) {
    const uint32_t v =
        (uint32_t{data[i]} << 16) | (uint32_t{data[i + 1]} << 8) | data[i + 2];
    dst[0] = kBase64Alphabet[(v >> 18) & 0x3F];
    dst[1] = kBase64Alphabet[(v >> 12) & 0x3F];
    dst[2] = kBase64Alphabet[(v >> 6) & 0x3F];
    dst[3] = kBase64Alphabet[v & 0x3F];
    dst += kCharsPerGroup;
    if (++groups_on_line == groups_per_line) {
      *dst++ = '\n';
      groups_on_line = 0;
    }
  }
  const size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t v = uint32_t{data[i]} << 16;
    if (rest == 2) v |= uint32_t{data[i + 1]} << 8;
    dst[0] = kBase64Alphabet[(v >> 18) & 0x3F];
    dst[1] = kBase64Alphabet[(v >> 12) & 0x3F];
    dst[2] = rest == 2 ? kBase64Alphabet[(v >> 6) & 0x3F] : '=';
    dst[3] = '=';
    dst += kCharsPerGroup;
    ++groups_on_line;
  }
  if (groups_on_line > 0 || bytes.empty()) *dst++ = '\n';
  out.resize(static_cast<size_t>(dst - out.data()));
}

void AppendQuotedPrintable(std::string_view text, std::string& out) {
  // Room for the '=' of a soft break within the 76-column limit.
  constexpr size_t kSoftBreakAt = kMaxEncodedLineLength - 1;
  constexpr size_t kEscapeLength = 3;
  // Worst case: every byte escaped plus a soft break per 25 escapes, and
  // a final newline. Written through a pointer, then trimmed.
  const size_t start = out.size();
  out.resize(start + text.size() * kEscapeLength + text.size() / 8 + 2);
  char* const begin = out.data() + start;
  char* dst = begin;
  size_t column = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      *dst++ = '\n';
      column = 0;
      continue;
    }
    const bool line_ends = i + 1 == text.size() || text[i + 1] == '\n';
    // White space before a line break would be stripped in transit, so it
    // is escaped there (RFC 2045 rule 3).
    const bool literal = (c >= 33 && c <= 126 && c != '=') ||
                         ((c == ' ' || c == '\t') && !line_ends);
    const size_t width = literal ? 1 : kEscapeLength;
    // The last character of a line may use column 76; others leave room
    // for the soft break's '='.
    const size_t limit = line_ends ? kMaxEncodedLineLength : kSoftBreakAt;
    if (column + width > limit) {
      *dst++ = '=';
      *dst++ = '\n';
      column = 0;
    }
    if (literal) {
      *dst++ = static_cast<char>(c);
    } else {
      *dst++ = '=';
      *dst++ = kHexDigits[c >> 4];
      *dst++ = kHexDigits[c & 0x0F];
    }
    column += width;
  }
  if (dst == begin || dst[-1] != '\n') *dst++ = '\n';
  out.resize(start + static_cast<size_t>(dst - begin));
}

std::string EncodeWord(std::string_view text, Charset charset,
                       EncodedWordKind kind) {
  const std::string_view name = CharsetName(charset);
  const char kind_letter = kind == EncodedWordKind::kBase64 ? 'B' : 'Q';
  // "=?" charset "?B?" ... "?=".
  const size_t overhead = 2 + name.size() + 3 + 2;
  const size_t payload_limit = kMaxEncodedWordLength - overhead;
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    if (!out.empty()) out.append("\n ");
    out.append("=?").append(name).push_back('?');
    out.push_back(kind_letter);
    out.push_back('?');
    // Gather whole characters until the encoded payload would overflow.
    size_t end = pos;
    size_t encoded = 0;
    while (end < text.size()) {
      const size_t len = CharLength(text, end, charset);
      size_t next_encoded = 0;
      if (kind == EncodedWordKind::kBase64) {
        next_encoded = (end + len - pos + 2) / 3 * 4;
      } else {
        next_encoded = encoded;
        for (size_t k = end; k < end + len; ++k) {
          const auto c = static_cast<unsigned char>(text[k]);
          next_encoded += (IsQSafe(c) || c == ' ') ? 1 : 3;
        }
      }
      if (next_encoded > payload_limit && end > pos) break;
      encoded = next_encoded;
      end += len;
    }
    const std::string_view chunk = text.substr(pos, end - pos);
    if (kind == EncodedWordKind::kBase64) {
      std::string b64;
      AppendBase64(chunk, b64, payload_limit + kMaxEncodedLineLength);
      b64.pop_back();  // the line break AppendBase64 ends with
      out.append(b64);
    } else {
      for (char ch : chunk) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == ' ') {
          out.push_back('_');  // RFC 2047 4.2 (2): "_" stands for space
        } else if (IsQSafe(c)) {
          out.push_back(ch);
        } else {
          out.push_back('=');
          out.push_back(kHexDigits[c >> 4]);
          out.push_back(kHexDigits[c & 0x0F]);
        }
      }
    }
    out.append("?=");
    pos = end;
  }
  return out;
}

}  // namespace inboxsim::gen::detail
