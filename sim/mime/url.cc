#include "sim/mime/url.h"

#include <libpsl.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>

#include "sim/core/text.h"
#include "sim/mime/address.h"
#include "sim/mime/received.h"

namespace inboxsim::mime {
namespace {

// ---- Public suffix list -------------------------------------------------

struct PslFree {
  void operator()(psl_ctx_t* ctx) const { psl_free(ctx); }
};

// libpsl's compiled-in DAFSA is immutable and shared by every thread. A libpsl
// built without one (or with an empty one), or whose list is older than the
// distribution's file (Debian: /usr/share/publicsuffix, updated by the
// publicsuffix package), gets the newest list via psl_latest(), loaded once
// and read-only after. On Debian 12 the two are the same list.
const psl_ctx_t* SuffixList() {
  static const std::unique_ptr<psl_ctx_t, PslFree> loaded = [] {
    const psl_ctx_t* builtin = psl_builtin();
    if (builtin != nullptr && psl_suffix_count(builtin) > 0 &&
        !psl_builtin_outdated()) {
      return std::unique_ptr<psl_ctx_t, PslFree>();
    }
    return std::unique_ptr<psl_ctx_t, PslFree>(psl_latest(nullptr));
  }();
  return loaded ? loaded.get() : psl_builtin();
}

// DNS names are at most 253 bytes; longer hosts are garbage but still get an
// answer, through a heap copy.
constexpr size_t kHostBufferBytes = 256;

// `host` is lower case and has no trailing dot.
std::string RegistrableDomainOfName(std::string_view host) {
  const psl_ctx_t* psl = SuffixList();
  if (psl == nullptr || host.find('.') == std::string_view::npos) {
    return std::string(host);
  }
  char stack[kHostBufferBytes];
  std::string heap;
  const char* name = stack;
  if (host.size() < sizeof stack) {
    std::memcpy(stack, host.data(), host.size());
    stack[host.size()] = '\0';
  } else {
    heap.assign(host);
    name = heap.c_str();
  }
  const char* domain = psl_registrable_domain(psl, name);
  return domain == nullptr ? std::string(host) : std::string(domain);
}

// ---- Host normalisation -------------------------------------------------

enum class Ipv4Parse { kNotNumeric, kValid, kInvalid };

// One label of a numeric host as browsers read it: "0x" hex, leading-zero
// octal, else decimal. False on a bad digit or a value above 2^32.
bool ParseIpv4Number(std::string_view s, uint64_t* out) {
  int base = 10;
  if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  } else if (s.size() >= 2 && s[0] == '0') {
    base = 8;
    s.remove_prefix(1);
  }
  uint64_t value = 0;
  for (char c : s) {
    const int digit = HexDigitValue(c);
    if (digit < 0 || digit >= base) return false;
    value = value * base + digit;
    if (value > 0xffffffffULL) return false;
  }
  *out = value;
  return true;
}

// WHATWG URL host parsing for IPv4: a host whose last label is a number is an
// address, and "3232235777", "0xC0A80101", "0300.0250.1.1" and "192.168.257"
// all name 192.168.1.1, a common way for spam to hide the address.
Ipv4Parse ParseIpv4Host(std::string_view host, std::string* dotted) {
  const size_t last_dot = host.rfind('.');
  const std::string_view last =
      last_dot == std::string_view::npos ? host : host.substr(last_dot + 1);
  if (last.empty()) return Ipv4Parse::kNotNumeric;
  bool numeric = true;
  for (char c : last) numeric &= IsDigitAscii(c);
  if (!numeric && !(last.size() >= 2 && last[0] == '0' &&
                    (last[1] == 'x' || last[1] == 'X'))) {
    return Ipv4Parse::kNotNumeric;
  }
  if (!numeric) {
    for (char c : last.substr(2)) {
      if (HexDigitValue(c) < 0) return Ipv4Parse::kNotNumeric;
    }
  }
  uint64_t parts[4];
  size_t count = 0;
  size_t begin = 0;
  while (true) {
    if (count == 4) return Ipv4Parse::kInvalid;
    const size_t dot = host.find('.', begin);
    const std::string_view part = host.substr(
        begin,
        dot == std::string_view::npos ? std::string_view::npos : dot - begin);
    if (part.empty() || !ParseIpv4Number(part, &parts[count])) {
      return Ipv4Parse::kInvalid;
    }
    ++count;
    if (dot == std::string_view::npos) break;
    begin = dot + 1;
  }
  for (size_t k = 0; k + 1 < count; ++k) {
    if (parts[k] > 255) return Ipv4Parse::kInvalid;
  }
  const int last_bytes = static_cast<int>(5 - count);
  if (parts[count - 1] >= (uint64_t{1} << (8 * last_bytes))) {
    return Ipv4Parse::kInvalid;
  }
  uint32_t address = static_cast<uint32_t>(parts[count - 1]);
  for (size_t k = 0; k + 1 < count; ++k) {
    address |= static_cast<uint32_t>(parts[k]) << (8 * (3 - k));
  }
  dotted->clear();
  for (int shift = 24; shift >= 0; shift -= 8) {
    dotted->append(std::to_string((address >> shift) & 0xff));
    if (shift > 0) dotted->push_back('.');
  }
  return Ipv4Parse::kValid;
}

// Code points no host may hold (WHATWG "forbidden host code point"), plus
// the quote and back-tick that end URLs in text.
constexpr bool IsForbiddenHostByte(unsigned char c) {
  return c <= 0x20 || c == 0x7f || c == '#' || c == '%' || c == '/' ||
         c == ':' || c == '<' || c == '>' || c == '?' || c == '@' || c == '[' ||
         c == '\\' || c == ']' || c == '^' || c == '|' || c == '"' || c == '`';
}

// Lower-cases, percent-decodes and validates a host written in a URL; IPv4
// in any numeric spelling becomes a dotted quad, IPv6 its canonical text.
// False when no usable host remains.
bool NormaliseHost(std::string_view raw, std::string* host, bool* is_ip) {
  *is_ip = false;
  if (!raw.empty() && raw.front() == '[') {
    const size_t close = raw.find(']');
    if (close == std::string_view::npos) return false;
    std::optional<std::string> ip = CanonicalIp(raw.substr(1, close - 1));
    if (!ip) return false;
    *host = std::move(*ip);
    *is_ip = true;
    return true;
  }
  host->clear();
  host->reserve(raw.size());
  bool non_ascii = false;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%' && i + 2 < raw.size() && HexDigitValue(raw[i + 1]) >= 0 &&
        HexDigitValue(raw[i + 2]) >= 0) {
      c = static_cast<char>(HexDigitValue(raw[i + 1]) * 16 +
                            HexDigitValue(raw[i + 2]));
      i += 2;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {
      non_ascii = true;
    } else if (IsForbiddenHostByte(byte)) {
      return false;
    }
    host->push_back(ToLowerAscii(c));
  }
  if (non_ascii) {
    // IDNs stay Unicode (block lists and rules see what the reader saw), but
    // their upper case must fold too for the suffix list to match. The
    // encoding is named: with nullptr libpsl asks the locale, which is ASCII
    // under "C". Invalid UTF-8 keeps its ASCII-only folding.
    //
    // libpsl folds case before its NFKC step, and NFKC can bring upper case
    // back (U+2122 TRADE MARK SIGN -> "TM", U+1D400 MATHEMATICAL BOLD CAPITAL
    // A -> "A"), so a second pass folds what the first made. NFKC also makes
    // dots (U+FF0E FULLWIDTH FULL STOP -> "."), hence the fold before the
    // trailing dots are trimmed.
    for (int pass = 0; pass < 2; ++pass) {
      char* lower = nullptr;
      if (psl_str_to_utf8lower(host->c_str(), "utf-8", nullptr, &lower) ==
              PSL_SUCCESS &&
          lower != nullptr) {
        host->assign(lower);
      }
      psl_free_string(lower);
    }
  }
  while (!host->empty() && host->back() == '.') host->pop_back();
  if (host->empty() || host->front() == '.') return false;
  if (non_ascii) return true;
  std::string dotted;
  switch (ParseIpv4Host(*host, &dotted)) {
    case Ipv4Parse::kNotNumeric:
      return true;
    case Ipv4Parse::kValid:
      *host = std::move(dotted);
      *is_ip = true;
      return true;
    case Ipv4Parse::kInvalid:
      return false;
  }
  return false;
}

// ---- Schemes ------------------------------------------------------------

// Schemes whose URLs name a host after "//". Others (javascript:, data:,
// cid:, tel:, file:) name none a filter could look up.
constexpr std::string_view kHostSchemes[] = {"http", "https", "ftp",
                                             "ftps", "ws",    "wss"};

bool IsHostScheme(std::string_view lower) {
  for (std::string_view s : kHostSchemes) {
    if (lower == s) return true;
  }
  return false;
}

constexpr bool IsSchemeByte(char c) {
  return IsAlnumAscii(c) || c == '+' || c == '-' || c == '.';
}

std::optional<Url> ParseMailto(std::string_view rest, Url url) {
  const size_t query = rest.find('?');
  if (query != std::string_view::npos) rest = rest.substr(0, query);
  const size_t comma = rest.find(',');
  if (comma != std::string_view::npos) rest = rest.substr(0, comma);
  std::optional<Address> address = ParseMailbox(PercentDecode(rest));
  if (!address || address->domain.empty()) return std::nullopt;
  std::string_view domain = address->domain;
  bool is_ip = false;
  if (!NormaliseHost(domain, &url.host, &is_ip)) return std::nullopt;
  url.registrable_domain = is_ip ? url.host : RegistrableDomainOfName(url.host);
  return url;
}

// ---- Finding URLs in text -----------------------------------------------

// Bytes that may continue a URL written in text. White space, quotes and
// angle brackets end it; backslashes stay because "http:\\host\path" works
// in browsers and spam uses it.
constexpr std::array<bool, 256> MakeUrlByteTable() {
  std::array<bool, 256> table{};
  for (int c = 0x21; c < 0x7f; ++c) table[c] = true;
  for (char c : std::string_view("\"<>`{}|")) {
    table[static_cast<unsigned char>(c)] = false;
  }
  for (int c = 0x80; c < 0x100; ++c) table[c] = true;
  return table;
}
constexpr std::array<bool, 256> kUrlByte = MakeUrlByteTable();

// Length of the UTF-8 punctuation at `p` that ends a URL in prose (curly
// quotes, ellipsis, no-break space, guillemets, zero-width space, ideographic
// full stop), or 0.
size_t Utf8Terminator(std::string_view text, size_t p) {
  const auto b = [&](size_t k) {
    return p + k < text.size() ? static_cast<unsigned char>(text[p + k]) : 0;
  };
  if (b(0) == 0xc2 && (b(1) == 0xa0 || b(1) == 0xab || b(1) == 0xbb)) return 2;
  if (b(0) == 0xe2 && b(1) == 0x80 &&
      (b(2) == 0x8b || b(2) == 0x98 || b(2) == 0x99 || b(2) == 0x9c ||
       b(2) == 0x9d || b(2) == 0xa6)) {
    return 3;
  }
  if (b(0) == 0xe3 && b(1) == 0x80 && b(2) == 0x82) return 3;
  return 0;
}

// End of the URL that starts at `begin`, sentence punctuation and unbalanced
// closing brackets excluded. One forward pass plus a bounded trim keeps it
// linear in the URL's length.
size_t UrlEnd(std::string_view text, size_t begin) {
  size_t end = begin;
  int open_paren = 0, close_paren = 0, open_square = 0, close_square = 0;
  while (end < text.size()) {
    const auto c = static_cast<unsigned char>(text[end]);
    if (!kUrlByte[c]) break;
    if (c >= 0x80 && Utf8Terminator(text, end) > 0) break;
    open_paren += c == '(';
    close_paren += c == ')';
    open_square += c == '[';
    close_square += c == ']';
    ++end;
  }
  while (end > begin) {
    const char c = text[end - 1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
        c == '\'') {
      --end;
    } else if (c == ')' && close_paren > open_paren) {
      --close_paren;
      --end;
    } else if (c == ']' && close_square > open_square) {
      --close_square;
      --end;
    } else {
      break;
    }
  }
  return end;
}

constexpr bool IsHostStartByte(char c) {
  return IsAlnumAscii(c) || static_cast<unsigned char>(c) >= 0x80 || c == '[' ||
         c == '%' || c == '_' || c == '-';
}

// A URL candidate: [begin, end) is the URL when `found`; otherwise text up
// to `end` was read and holds no URL start worth reading again.
struct Candidate {
  size_t begin = 0;
  size_t end = 0;
  bool found = false;
};

// The URL whose scheme ends at text[colon] == ':'.
Candidate SchemeUrlAt(std::string_view text, size_t colon) {
  // The longest scheme we look for is "mailto"; one more letter than that
  // means the word is something else ("xmailto:").
  constexpr size_t kMaxSchemeBytes = 6;
  Candidate out;
  size_t start = colon;
  while (start > 0 && colon - start <= kMaxSchemeBytes &&
         IsAlphaAscii(text[start - 1])) {
    --start;
  }
  const size_t length = colon - start;
  if (length < 3 || length > kMaxSchemeBytes) return out;
  if (start > 0 && IsAlnumAscii(text[start - 1])) return out;
  const std::string_view scheme = text.substr(start, length);
  out.begin = start;
  if (EqualsIgnoreCase(scheme, "mailto")) {
    out.end = UrlEnd(text, colon + 1);
    // Skipping the whole token when it has no '@' keeps "mailto:mailto:..."
    // from being rescanned from every colon.
    const size_t at = text.substr(colon + 1, out.end - colon - 1).find('@');
    out.found =
        at != std::string_view::npos && at > 0 && colon + 1 + at + 1 < out.end;
    return out;
  }
  if (!EqualsIgnoreCase(scheme, "http") && !EqualsIgnoreCase(scheme, "https") &&
      !EqualsIgnoreCase(scheme, "ftp")) {
    return out;
  }
  // "http:\\host" and "http:/host" reach the host in browsers too.
  constexpr size_t kMaxSlashes = 3;
  size_t p = colon + 1;
  while (p < text.size() && p - colon <= kMaxSlashes &&
         (text[p] == '/' || text[p] == '\\')) {
    ++p;
  }
  if (p == colon + 1 || p >= text.size() || !IsHostStartByte(text[p])) {
    return out;
  }
  out.end = UrlEnd(text, p);
  out.found = out.end > p;
  return out;
}

// The "www." URL whose first dot is text[dot].
Candidate WwwUrlAt(std::string_view text, size_t dot) {
  Candidate out;
  if (dot < 3 || !EqualsIgnoreCase(text.substr(dot - 3, 3), "www")) return out;
  if (dot > 3) {
    // Part of a longer name ("xwww.", "a.www.") or an address ("me@www.").
    const char before = text[dot - 4];
    if (IsAlnumAscii(before) || before == '.' || before == '-' ||
        before == '_' || before == '@') {
      return out;
    }
  }
  if (dot + 1 >= text.size()) return out;
  const char next = text[dot + 1];
  if (!IsAlnumAscii(next) && static_cast<unsigned char>(next) < 0x80) {
    return out;
  }
  out.begin = dot - 3;
  out.end = UrlEnd(text, dot + 1);
  out.found = out.end > dot + 1;
  return out;
}

size_t NextOf(std::string_view text, char c, size_t from) {
  if (from >= text.size()) return std::string_view::npos;
  const void* hit = std::memchr(text.data() + from, c, text.size() - from);
  return hit == nullptr ? std::string_view::npos
                        : static_cast<const char*>(hit) - text.data();
}

}  // namespace

void FindUrlsInText(std::string_view text, std::vector<std::string>* out) {
  // Every URL we find has a ':' (scheme) or a '.' (after "www") at a fixed
  // distance from its start, so two memchr streams visit only those bytes.
  size_t pos = 0;
  size_t next_colon = NextOf(text, ':', 0);
  size_t next_dot = NextOf(text, '.', 0);
  while (true) {
    if (next_colon != std::string_view::npos && next_colon < pos) {
      next_colon = NextOf(text, ':', pos);
    }
    if (next_dot != std::string_view::npos && next_dot < pos) {
      next_dot = NextOf(text, '.', pos);
    }
    const size_t p = std::min(next_colon, next_dot);
    if (p == std::string_view::npos) break;
    const Candidate c =
        text[p] == ':' ? SchemeUrlAt(text, p) : WwwUrlAt(text, p);
    // A candidate starting inside the previous URL was consumed by it.
    if (c.found && c.begin >= pos) {
      out->emplace_back(text.substr(c.begin, c.end - c.begin));
    }
    pos = std::max(p + 1, c.end);
  }
}

std::optional<Url> ParseUrl(std::string_view raw, UrlSource source) {
  std::string_view s = TrimAscii(raw);
  if (s.size() >= 2 && s.front() == '<' && s.back() == '>') {
    s = TrimAscii(s.substr(1, s.size() - 2));
  }
  if (StartsWithIgnoreCase(s, "url:")) s = TrimAscii(s.substr(4));
  // Browsers drop tabs and line breaks anywhere in a URL, so an href split
  // across lines still leads to its host.
  std::string joined;
  if (s.find_first_of("\t\r\n") != std::string_view::npos) {
    joined.reserve(s.size());
    for (char c : s) {
      if (c != '\t' && c != '\r' && c != '\n') joined.push_back(c);
    }
    s = joined;
  }
  if (s.empty()) return std::nullopt;

  Url url;
  url.source = source;
  std::string_view after_scheme;
  size_t scheme_end = 0;
  if (IsAlphaAscii(s[0])) {
    while (scheme_end < s.size() && IsSchemeByte(s[scheme_end])) ++scheme_end;
  }
  const bool has_colon =
      scheme_end > 0 && scheme_end < s.size() && s[scheme_end] == ':';
  if (has_colon) {
    url.scheme = ToLowerAscii(s.substr(0, scheme_end));
    after_scheme = s.substr(scheme_end + 1);
    if (url.scheme == "mailto") {
      url.url = std::string(s);
      return ParseMailto(after_scheme, std::move(url));
    }
    if (!IsHostScheme(url.scheme)) {
      // "www.x.com:8080/" is a host and port, not a scheme; "javascript:"
      // and "cid:" name no host.
      const bool looks_like_port =
          !after_scheme.empty() && IsDigitAscii(after_scheme[0]);
      if (url.scheme.find('.') == std::string::npos && !looks_like_port) {
        return std::nullopt;
      }
      url.scheme.clear();
    }
  }
  if (url.scheme.empty()) {
    // No scheme: protocol-relative "//host/..." or a written "www." host.
    if (s.size() > 2 && (s[0] == '/' || s[0] == '\\') &&
        (s[1] == '/' || s[1] == '\\')) {
      url.url = "http:";
      after_scheme = s;
    } else if (StartsWithIgnoreCase(s, "www.")) {
      url.url = "http://";
      after_scheme = s;
    } else {
      return std::nullopt;
    }
    url.scheme = "http";
    url.url.append(s);
  } else {
    url.url = std::string(s);
  }
  // Special schemes ignore any run of slashes or backslashes before the host.
  size_t a = 0;
  while (a < after_scheme.size() &&
         (after_scheme[a] == '/' || after_scheme[a] == '\\')) {
    ++a;
  }
  std::string_view authority = after_scheme.substr(a);
  const size_t authority_end = authority.find_first_of("/\\?#");
  if (authority_end != std::string_view::npos) {
    authority = authority.substr(0, authority_end);
  }
  // Userinfo ends at the last '@': "http://www.bank.com@evil.ru/" goes to
  // evil.ru, the trick this normalisation exists to undo.
  const size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view host_text = authority;
  if (host_text.empty() || host_text.front() != '[') {
    const size_t port = host_text.find(':');
    if (port != std::string_view::npos) host_text = host_text.substr(0, port);
  }
  bool is_ip = false;
  if (!NormaliseHost(host_text, &url.host, &is_ip)) return std::nullopt;
  url.registrable_domain = is_ip ? url.host : RegistrableDomainOfName(url.host);
  return url;
}

std::string RegistrableDomain(std::string_view host) {
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (host.empty()) return {};
  if (host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (IsIpAddress(host)) return std::string(host);
  bool lower = true;
  for (char c : host) {
    lower &= !(c >= 'A' && c <= 'Z') && static_cast<unsigned char>(c) < 0x80;
  }
  if (lower) return RegistrableDomainOfName(host);
  std::string normalised;
  bool is_ip = false;
  if (!NormaliseHost(host, &normalised, &is_ip)) {
    return RegistrableDomainOfName(ToLowerAscii(host));
  }
  return is_ip ? normalised : RegistrableDomainOfName(normalised);
}

}  // namespace inboxsim::mime
