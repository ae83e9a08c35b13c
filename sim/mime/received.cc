#include "sim/mime/received.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "sim/core/text.h"

namespace inboxsim::mime {
namespace {

// Longer than any IPv6 text inet_pton accepts (45 characters with an embedded
// IPv4 quad); anything longer is rejected before copying.
constexpr size_t kMaxIpTextBytes = 64;

struct IpBytes {
  int family = 0;  // AF_INET or AF_INET6
  unsigned char bytes[16] = {};
};

// inet_pton wants a NUL-terminated string; copying into a stack buffer keeps
// the hot path free of allocations.
bool ParseIp(std::string_view text, IpBytes* out) {
  if (text.empty() || text.size() >= kMaxIpTextBytes) return false;
  char buf[kMaxIpTextBytes];
  bool has_colon = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // Cheap rejection of words before calling into libc: every IP character
    // is a hex digit, '.' or ':'.
    if (!(IsDigitAscii(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
          c == '.' || c == ':')) {
      return false;
    }
    has_colon |= c == ':';
    buf[i] = c;
  }
  buf[text.size()] = '\0';
  out->family = has_colon ? AF_INET6 : AF_INET;
  return inet_pton(out->family, buf, out->bytes) == 1;
}

bool IsV4Mapped(const IpBytes& ip) {
  static constexpr unsigned char kPrefix[12] = {0, 0, 0, 0, 0,    0,
                                                0, 0, 0, 0, 0xff, 0xff};
  return ip.family == AF_INET6 && std::memcmp(ip.bytes, kPrefix, 12) == 0;
}

bool IsPublicV4(const unsigned char* b) {
  const uint32_t a = (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) |
                     (uint32_t{b[2]} << 8) | uint32_t{b[3]};
  auto in = [a](uint32_t net, int bits) {
    const uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
    return (a & mask) == net;
  };
  return !(in(0x00000000, 8) ||   // "this network", includes 0.0.0.0
           in(0x0a000000, 8) ||   // 10/8, RFC 1918
           in(0x64400000, 10) ||  // 100.64/10, carrier-grade NAT
           in(0x7f000000, 8) ||   // 127/8, loopback
           in(0xa9fe0000, 16) ||  // 169.254/16, link-local
           in(0xac100000, 12) ||  // 172.16/12, RFC 1918
           in(0xc0a80000, 16) ||  // 192.168/16, RFC 1918
           in(0xe0000000, 4) ||   // 224/4, multicast
           in(0xf0000000, 4));    // 240/4, reserved, and the broadcast address
}

bool IsPublicV6(const unsigned char* b) {
  bool all_zero_but_last = true;
  for (int i = 0; i < 15; ++i) all_zero_but_last &= b[i] == 0;
  if (all_zero_but_last && (b[15] == 0 || b[15] == 1)) return false;  // ::, ::1
  if (b[0] == 0xff) return false;           // ff00::/8
  if ((b[0] & 0xfe) == 0xfc) return false;  // fc00::/7
  // fe80::/10 link-local and the deprecated fec0::/10 site-local.
  if (b[0] == 0xfe && (b[1] & 0x80) == 0x80) return false;
  return true;
}

std::string_view StripIpv6Tag(std::string_view s) {
  if (StartsWithIgnoreCase(s, "ipv6:")) s.remove_prefix(5);
  return s;
}

constexpr bool IsTokenEnd(char c) {
  return IsSpaceAscii(c) || c == '(' || c == ';';
}

// One hop's facts collected while walking the "from" clause.
struct FromClause {
  std::string_view first;       // token right after "from", may be empty
  std::string_view helo_claim;  // from "(HELO x)" (qmail) or "helo=x" (Exim)
  std::string_view rdns;
  std::optional<std::string> ip;
  bool first_is_by = false;  // "from by host": the name was empty
};

// Everything from `s[i]` ('(') to its matching ')', nesting respected; `*i`
// is left after the ')' (or at the end when unbalanced).
std::string_view TakeComment(std::string_view s, size_t* i) {
  const size_t begin = *i + 1;
  int depth = 0;
  size_t j = *i;
  for (; j < s.size(); ++j) {
    if (s[j] == '\\') {
      ++j;
    } else if (s[j] == '(') {
      ++depth;
    } else if (s[j] == ')' && --depth == 0) {
      *i = j + 1;
      return s.substr(begin, j - begin);
    }
  }
  *i = s.size();
  return s.substr(std::min(begin, s.size()));
}

// "user@host", "IDENT:user@host" -> "host"; "unknown" and IP literals mean
// the receiver found no reverse-DNS name.
std::string_view RdnsName(std::string_view name) {
  const size_t at = name.rfind('@');
  if (at != std::string_view::npos) name.remove_prefix(at + 1);
  while (!name.empty() && name.back() == '.') name.remove_suffix(1);
  if (name.empty() || EqualsIgnoreCase(name, "unknown") || IsIpAddress(name)) {
    return {};
  }
  return name;
}

void SetIpOnce(std::string_view text, FromClause* from) {
  if (from->ip) return;
  from->ip = CanonicalIp(StripIpv6Tag(text));
}

// The inside of one parenthesised comment of the from clause. Forms seen:
//   "rdns [1.2.3.4]", "IDENT:user@rdns [1.2.3.4] (may be forged)",
//   "[1.2.3.4] helo=x", "[1.2.3.4]:4943 helo=x", "HELO x", "1.2.3.4",
//   "user@[1.2.3.4]", "user@1.2.3.4", "2001:db8::1", "port=3496 helo=x".
void ReadComment(std::string_view c, bool first_comment, FromClause* from) {
  c = TrimAscii(c);
  if (StartsWithIgnoreCase(c, "helo ") || StartsWithIgnoreCase(c, "ehlo ")) {
    std::string_view rest = TrimAscii(c.substr(5));
    size_t end = 0;
    while (end < rest.size() && !IsTokenEnd(rest[end])) ++end;
    if (from->helo_claim.empty()) from->helo_claim = rest.substr(0, end);
    return;
  }
  std::string_view previous_word;
  size_t words = 0;
  bool found_ip = false;
  size_t i = 0;
  while (i < c.size()) {
    if (IsSpaceAscii(c[i])) {
      ++i;
      continue;
    }
    if (c[i] == '(') {  // nested, as "(may be forged)": nothing we need
      TakeComment(c, &i);
      continue;
    }
    // ';' is text inside a comment ("(v1.0.0; list x)"), not a clause end.
    const size_t begin = i;
    while (i < c.size() && !IsSpaceAscii(c[i]) && c[i] != '(') ++i;
    const std::string_view word = c.substr(begin, i - begin);
    ++words;
    if (StartsWithIgnoreCase(word, "helo=")) {
      if (from->helo_claim.empty()) from->helo_claim = word.substr(5);
      continue;
    }
    const size_t open = word.find('[');
    if (open != std::string_view::npos) {
      const size_t close = word.find(']', open);
      const std::string_view inside = word.substr(
          open + 1,
          (close == std::string_view::npos ? word.size() : close) - open - 1);
      const bool had_ip = from->ip.has_value();
      SetIpOnce(inside, from);
      if (!had_ip && from->ip) {
        found_ip = true;
        // The receiver's name for the peer stands before the bracket, in
        // the same word ("rdns[ip]") or as the previous one ("rdns [ip]").
        std::string_view name = word.substr(0, open);
        if (name.empty()) name = previous_word;
        if (from->rdns.empty()) from->rdns = RdnsName(name);
      }
      previous_word = {};
      continue;
    }
    // A bare address, perhaps after an ident ("user@1.2.3.4").
    std::string_view tail = word;
    const size_t at = tail.rfind('@');
    if (at != std::string_view::npos) tail.remove_prefix(at + 1);
    if (!from->ip && IsIpAddress(tail)) {
      SetIpOnce(tail, from);
      found_ip = true;
      previous_word = {};
      continue;
    }
    previous_word = word;
  }
  // Exim 3 writes "from (helo) [ip]" when it has no reverse-DNS name.
  if (first_comment && !found_ip && words == 1 && from->first.empty() &&
      from->helo_claim.empty() && !previous_word.empty() &&
      previous_word.find('@') == std::string_view::npos &&
      previous_word.find('=') == std::string_view::npos) {
    from->helo_claim = previous_word;
  }
}

// The host named after the first top-level " by " at or after `i`.
std::string_view ByHost(std::string_view s, size_t i) {
  while (i < s.size()) {
    if (IsSpaceAscii(s[i])) {
      ++i;
      continue;
    }
    if (s[i] == '(') {
      TakeComment(s, &i);
      continue;
    }
    if (s[i] == ';') return {};  // the date follows
    const size_t begin = i;
    while (i < s.size() && !IsTokenEnd(s[i])) ++i;
    if (EqualsIgnoreCase(s.substr(begin, i - begin), "by")) {
      while (i < s.size() && IsSpaceAscii(s[i])) ++i;
      const size_t host = i;
      while (i < s.size() && !IsTokenEnd(s[i])) ++i;
      return s.substr(host, i - host);
    }
  }
  return {};
}

}  // namespace

bool IsIpAddress(std::string_view text) {
  IpBytes ip;
  return ParseIp(text, &ip);
}

std::optional<std::string> CanonicalIp(std::string_view text) {
  IpBytes ip;
  if (!ParseIp(text, &ip)) return std::nullopt;
  char buf[INET6_ADDRSTRLEN];
  if (ip.family == AF_INET6 && IsV4Mapped(ip)) {
    if (inet_ntop(AF_INET, ip.bytes + 12, buf, sizeof buf) == nullptr) {
      return std::nullopt;
    }
    return std::string(buf);
  }
  if (ip.family == AF_INET) return std::string(text);
  if (inet_ntop(AF_INET6, ip.bytes, buf, sizeof buf) == nullptr) {
    return std::nullopt;
  }
  return std::string(buf);
}

bool IsPublicIp(std::string_view text) {
  IpBytes ip;
  if (!ParseIp(text, &ip)) return false;
  if (ip.family == AF_INET) return IsPublicV4(ip.bytes);
  // A mapped address reaches the IPv4 host, so the IPv4 ranges decide.
  if (IsV4Mapped(ip)) return IsPublicV4(ip.bytes + 12);
  return IsPublicV6(ip.bytes);
}

std::optional<ReceivedHop> ParseReceived(std::string_view unfolded_value) {
  std::string_view s = TrimAscii(unfolded_value);
  // Some gateways wrap the whole value: "[from a (b [1.2.3.4]) by c ...]".
  if (!s.empty() && s.front() == '[') s.remove_prefix(1);
  // Without a leading "from" the hop is local ("by host (Postfix, from userid
  // 538)", "(qmail 1 invoked from network)"): no sender to judge.
  if (!StartsWithIgnoreCase(s, "from") ||
      (s.size() > 4 && !IsSpaceAscii(s[4]) && s[4] != '(' && s[4] != '[')) {
    return std::nullopt;
  }
  FromClause from;
  size_t i = 4;
  while (i < s.size() && IsSpaceAscii(s[i])) ++i;
  if (i < s.size() && s[i] != '(') {
    const size_t begin = i;
    while (i < s.size() && !IsTokenEnd(s[i])) ++i;
    from.first = s.substr(begin, i - begin);
    if (EqualsIgnoreCase(from.first, "by")) {
      from.first = {};
      from.first_is_by = true;
      i = begin;  // let ByHost see the keyword
    }
  }
  // Walk the rest of the from clause: comments and bracketed literals, up to
  // the keyword that starts the next clause.
  bool first_comment = true;
  while (!from.first_is_by && i < s.size()) {
    const char c = s[i];
    if (IsSpaceAscii(c)) {
      ++i;
      continue;
    }
    if (c == ';') break;
    if (c == '(') {
      const std::string_view comment = TakeComment(s, &i);
      ReadComment(comment, first_comment, &from);
      first_comment = false;
      continue;
    }
    const size_t begin = i;
    while (i < s.size() && !IsTokenEnd(s[i])) ++i;
    const std::string_view word = s.substr(begin, i - begin);
    if (EqualsIgnoreCase(word, "by") || EqualsIgnoreCase(word, "with") ||
        EqualsIgnoreCase(word, "id") || EqualsIgnoreCase(word, "for") ||
        EqualsIgnoreCase(word, "via")) {
      i = begin;
      break;
    }
    // "from phobos [127.0.0.1] by" (fetchmail), "from (helo) [ip]" (Exim 3).
    if (word.size() > 2 && word.front() == '[') {
      const size_t close = word.find(']');
      if (close != std::string_view::npos) {
        SetIpOnce(word.substr(1, close - 1), &from);
      }
    }
  }

  ReceivedHop hop;
  std::string_view first_ip;  // an address literal given as the name
  if (from.first.size() > 2 && from.first.front() == '[') {
    const size_t close = from.first.find(']');
    if (close != std::string_view::npos) {
      first_ip = from.first.substr(1, close - 1);
    }
  } else if (IsIpAddress(from.first)) {
    first_ip = from.first;
  }
  if (!from.helo_claim.empty()) {
    // qmail "from rdns (HELO x)" and Exim "from rdns ([ip] helo=x)": the name
    // after "from" is what the receiver looked up, the claim is in the comment.
    hop.from_helo = std::string(from.helo_claim);
    if (first_ip.empty()) hop.from_rdns = std::string(RdnsName(from.first));
  } else if (!EqualsIgnoreCase(from.first, "unknown")) {
    // qmail's "from unknown (1.2.3.4)" names no host at all.
    hop.from_helo = std::string(from.first);
  }
  if (hop.from_rdns.empty()) hop.from_rdns = std::string(from.rdns);
  if (from.ip) {
    hop.from_ip = std::move(*from.ip);
  } else if (!first_ip.empty() && from.first.front() == '[') {
    // "from [1.2.3.4] by": the literal is the peer's address only when no
    // comment recorded another one. A bare unbracketed IP is just a HELO.
    if (auto ip = CanonicalIp(StripIpv6Tag(first_ip))) hop.from_ip = *ip;
  } else if (!first_ip.empty() && !from.helo_claim.empty()) {
    // "from 1.2.3.4 (HELO x)": qmail-like, the name slot holds the address.
    if (auto ip = CanonicalIp(first_ip)) hop.from_ip = *ip;
  }
  if (hop.from_helo.empty() && hop.from_ip.empty()) return std::nullopt;
  hop.by_host = std::string(ByHost(s, i));
  return hop;
}

}  // namespace inboxsim::mime
