#include "sim/mime/charset.h"

#include <errno.h>
#include <iconv.h>

#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>

#include "sim/core/text.h"

namespace inboxsim::mime {
namespace {

constexpr char32_t kReplacementCharacter = 0xFFFD;

// windows-1252's 0x80-0x9F, where it differs from ISO-8859-1. HTML5 and every
// mail reader decode "iso-8859-1" this way too, because senders mislabel it.
constexpr char32_t kWindows1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void AppendWindows1252(std::string_view bytes, std::string* out) {
  out->reserve(out->size() + bytes.size() + bytes.size() / 8);
  for (char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out->push_back(c);
    } else {
      AppendUtf8(Windows1252CodePoint(byte), out);
    }
  }
}

// Length of the well-formed UTF-8 sequence at the start of `bytes`, or 0.
size_t Utf8SequenceLength(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t length;
  char32_t cp;
  char32_t min_value;
  if (p[0] < 0x80) return 1;
  if ((p[0] & 0xE0) == 0xC0) {
    length = 2, min_value = 0x80, cp = p[0] & 0x1F;
  } else if ((p[0] & 0xF0) == 0xE0) {
    length = 3, min_value = 0x800, cp = p[0] & 0x0F;
  } else if ((p[0] & 0xF8) == 0xF0) {
    length = 4, min_value = 0x10000, cp = p[0] & 0x07;
  } else {
    return 0;
  }
  if (bytes.size() < length) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((p[k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[k] & 0x3F);
  }
  if (cp < min_value || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return length;
}

// UTF-8 with stray bytes: keeps every well-formed sequence and reads each
// byte that is not part of one as windows-1252, so one bad byte (or a text
// cut mid-character) does not turn the rest into mojibake.
void AppendUtf8OrWindows1252(std::string_view bytes, std::string* out) {
  out->reserve(out->size() + bytes.size() + bytes.size() / 8);
  size_t i = 0;
  while (i < bytes.size()) {
    const size_t length = Utf8SequenceLength(bytes.substr(i));
    if (length > 0) {
      out->append(bytes.substr(i, length));
      i += length;
    } else {
      AppendUtf8(Windows1252CodePoint(static_cast<unsigned char>(bytes[i])),
                 out);
      ++i;
    }
  }
}

enum class Family { kAscii, kUtf8, kWindows1252, kOther };

Family ClassifyCharset(std::string_view name) {
  if (name.empty() || name == "us-ascii" || name == "ascii" ||
      name == "ansi_x3.4-1968" || name == "default" || name == "unknown" ||
      name == "x-unknown") {
    return Family::kAscii;
  }
  if (name == "utf-8" || name == "utf8") return Family::kUtf8;
  if (name == "iso-8859-1" || name == "iso8859-1" || name == "latin1" ||
      name == "iso_8859-1" || name == "windows-1252" || name == "cp1252" ||
      name == "x-user-defined") {
    return Family::kWindows1252;
  }
  return Family::kOther;
}

// Labels seen in mail that iconv does not know under that name.
std::string_view IconvAlias(std::string_view name) {
  if (name == "ks_c_5601-1987" || name == "ks_c_5601" || name == "euc-kr")
    return "CP949";
  if (name == "gb2312" || name == "gbk" || name == "x-gbk" || name == "chinese")
    return "GB18030";
  if (name == "big5" || name == "x-x-big5") return "BIG5-HKSCS";
  if (name == "shift_jis" || name == "x-sjis" || name == "sjis") return "CP932";
  if (name == "iso-8859-8-i") return "ISO-8859-8";
  if (name == "utf-7" || name == "unicode-1-1-utf-7") return "UTF-7";
  return name;
}

struct IconvCloser {
  void operator()(void* handle) const {
    if (handle != nullptr) iconv_close(static_cast<iconv_t>(handle));
  }
};
using IconvHandle = std::unique_ptr<void, IconvCloser>;

// The thread's converter for `name`, or nullptr when iconv does not know it.
// Unknown names are cached too, so a corpus full of one bad label costs one
// failed iconv_open per thread.
// Real charset names are short tokens; anything else (spam writes megabyte
// labels) is unknown without asking iconv or growing the cache.
constexpr size_t kMaxCharsetNameLength = 40;
// Distinct charsets a thread keeps converters for; past it, converters are
// opened and closed per use.
constexpr size_t kMaxCachedConverters = 256;

bool IsPlausibleCharsetName(std::string_view name) {
  if (name.empty() || name.size() > kMaxCharsetNameLength) return false;
  for (char c : name) {
    if (!IsAlnumAscii(c) && c != '-' && c != '_' && c != '.' && c != ':')
      return false;
  }
  return true;
}

iconv_t ConverterFor(const std::string& name) {
  thread_local std::unordered_map<std::string, IconvHandle> converters;
  if (!IsPlausibleCharsetName(name)) return nullptr;
  if (converters.size() >= kMaxCachedConverters) converters.clear();
  auto found = converters.find(name);
  if (found != converters.end()) {
    return found->second ? static_cast<iconv_t>(found->second.get()) : nullptr;
  }
  std::string iconv_name(IconvAlias(name));
  iconv_t handle = iconv_open("UTF-8", iconv_name.c_str());
  void* stored = handle == reinterpret_cast<iconv_t>(-1) ? nullptr : handle;
  converters.emplace(name, IconvHandle(stored));
  return static_cast<iconv_t>(stored);
}

// Converts with iconv, replacing each undecodable byte with U+FFFD.
bool ConvertWithIconv(iconv_t converter, std::string_view bytes,
                      std::string* out) {
  iconv(converter, nullptr, nullptr, nullptr, nullptr);  // reset shift state
  bool invalid = false;
  char* in_ptr = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char buffer[4096];
  while (in_left > 0) {
    char* out_ptr = buffer;
    size_t out_left = sizeof buffer;
    const size_t rc = iconv(converter, &in_ptr, &in_left, &out_ptr, &out_left);
    out->append(buffer, out_ptr - buffer);
    if (rc != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) continue;
    // EILSEQ (bad byte) or EINVAL (input ends mid-character): skip one byte.
    invalid = true;
    AppendUtf8(kReplacementCharacter, out);
    ++in_ptr;
    --in_left;
    iconv(converter, nullptr, nullptr, nullptr, nullptr);
  }
  return invalid;
}

std::string NormalizeCharsetName(std::string_view charset) {
  std::string_view trimmed = TrimAscii(charset);
  while (!trimmed.empty() &&
         (trimmed.front() == '"' || trimmed.front() == '\'')) {
    trimmed.remove_prefix(1);
  }
  while (!trimmed.empty() &&
         (trimmed.back() == '"' || trimmed.back() == '\'')) {
    trimmed.remove_suffix(1);
  }
  // RFC 2231 language suffix ("utf-8*en") is not part of the name.
  if (size_t star = trimmed.find('*'); star != std::string_view::npos) {
    trimmed = trimmed.substr(0, star);
  }
  return ToLowerAscii(trimmed);
}

}  // namespace

size_t EncodeUtf8(char32_t cp, char* out) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    cp = kReplacementCharacter;
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

void AppendUtf8(char32_t cp, std::string* out) {
  char bytes[4];
  out->append(bytes, EncodeUtf8(cp, bytes));
}

char32_t Windows1252CodePoint(unsigned char byte) {
  return byte >= 0x80 && byte < 0xA0 ? kWindows1252High[byte - 0x80] : byte;
}

bool IsValidUtf8(std::string_view text) {
  // RFC 3629, as PCRE2 checks it: no overlong forms, no surrogates, nothing
  // above U+10FFFF.
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* end = p + text.size();
  while (p < end) {
    // ASCII runs are the common case in mail: skip them eight at a time.
    while (end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      if (word & 0x8080808080808080ULL) break;
      p += 8;
    }
    if (p == end) break;
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int length;
    uint32_t min;  // smallest code point this length may encode
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      length = 2, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4, min = 0x10000, cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p < length) return false;
    for (int k = 1; k < length; ++k) {
      if ((p[k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    p += length;
  }
  return true;
}

CharsetResult ConvertToUtf8(std::string_view charset, std::string_view bytes,
                            std::string* out) {
  CharsetResult result;
  const std::string name = NormalizeCharsetName(charset);
  if (IsAscii(bytes)) {
    // Every charset mail uses is an ASCII superset except UTF-16/32 and
    // UTF-7 and the ISO-2022 family, which escape with ASCII bytes.
    const bool ascii_compatible = name.find("utf-16") == std::string::npos &&
                                  name.find("utf-32") == std::string::npos &&
                                  name.find("ucs") == std::string::npos &&
                                  name.find("utf-7") == std::string::npos &&
                                  name.find("2022") == std::string::npos;
    if (ascii_compatible) {
      out->append(bytes);
      return result;
    }
  }
  switch (ClassifyCharset(name)) {
    case Family::kAscii:
    case Family::kUtf8:
      if (IsValidUtf8(bytes)) {
        out->append(bytes);
      } else {
        result.invalid_bytes = true;
        AppendUtf8OrWindows1252(bytes, out);
      }
      return result;
    case Family::kWindows1252:
      AppendWindows1252(bytes, out);
      return result;
    case Family::kOther:
      break;
  }
  iconv_t converter = ConverterFor(name);
  if (converter == nullptr) {
    result.unknown_charset = true;
    if (IsValidUtf8(bytes)) {
      out->append(bytes);
    } else {
      AppendUtf8OrWindows1252(bytes, out);
    }
    return result;
  }
  result.invalid_bytes = ConvertWithIconv(converter, bytes, out);
  return result;
}

}  // namespace inboxsim::mime
