#include "sim/sa/uri_canonical.h"

#include <cstdio>
#include <deque>
#include <vector>

#include "sim/core/text.h"

namespace inboxsim::sa::detail {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendEscaped(unsigned char c, std::string* out) {
  char buffer[4];
  std::snprintf(buffer, sizeof buffer, "%%%02x", c);
  out->append(buffer);
}

// Util::url_encode (which mostly decodes): %xx of printable characters
// other than space and DEL is decoded; control, space, 8-bit, '"', '%',
// '<' and '>' standing alone are %-escaped.
std::string UrlDecodePrintable(std::string_view uri) {
  std::string out;
  for (size_t i = 0; i < uri.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(uri[i]);
    if (c == '%' && i + 2 < uri.size() + 0 && HexValue(uri[i + 1]) >= 0 &&
        HexValue(uri[i + 2]) >= 0) {
      const int high = HexValue(uri[i + 1]);
      const int value = high * 16 + HexValue(uri[i + 2]);
      if (high >= 2 && high <= 7 && value != 0x20 && value != 0x7F) {
        out.push_back(static_cast<char>(value));
      } else {
        out.append(uri.substr(i, 3));
      }
      i += 2;
    } else if (c <= 0x20 || c >= 0x7F || c == '"' || c == '%' || c == '<' ||
               c == '>') {
      AppendEscaped(c, &out);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

bool HasPercentEscape(std::string_view uri) {
  for (size_t i = 0; i + 2 < uri.size(); ++i) {
    if (uri[i] == '%' && HexValue(uri[i + 1]) >= 0 && HexValue(uri[i + 2]) >= 0)
      return true;
  }
  return false;
}

// The mail variants SpamAssassin adds for mailto: and user@host URIs.
void AddMailVariants(const std::string& uri, std::vector<std::string>* out) {
  const size_t at = uri.find('@');
  if (at == 0) return;  // [^\@]+ needs a character
  const size_t question = uri.find('?', at + 1);
  if (question != std::string::npos && question > at + 1)
    out->push_back(uri.substr(0, question));
  const size_t amp = uri.find_first_of("?&", at + 1);
  if (amp != std::string::npos && uri[amp] == '&' && amp > at + 1)
    out->push_back(uri.substr(0, amp));
}

// A dotted quad for a 32-bit number, as decode_ulong_to_ip.
std::string Ipv4(unsigned long value) {
  value &= 0xFFFFFFFFul;
  return std::to_string(value >> 24) + "." +
         std::to_string((value >> 16) & 255) + "." +
         std::to_string((value >> 8) & 255) + "." + std::to_string(value & 255);
}

void AddHttpVariants(const std::string& nuri, std::deque<std::string>* pending,
                     std::vector<std::string>* out) {
  // ^(https?://)([^\@/?#]*\@)?([^/?#:]+)((?::(\d*))?.*)$
  const size_t scheme_end = nuri.find("://") + 3;
  std::string proto = nuri.substr(0, scheme_end);
  const bool is_http = proto == "http://";  // case-sensitive in Perl
  size_t host_start = scheme_end;
  const size_t auth_end = nuri.find_first_of("@/?#", scheme_end);
  std::string auth;
  if (auth_end != std::string::npos && nuri[auth_end] == '@') {
    auth = nuri.substr(scheme_end, auth_end + 1 - scheme_end);
    host_start = auth_end + 1;
  }
  const size_t host_end =
      std::min(nuri.find_first_of("/?#:", host_start), nuri.size());
  if (host_end == host_start) return;
  std::string host = nuri.substr(host_start, host_end - host_start);
  const std::string rest = nuri.substr(host_end);
  std::string port;
  std::string rest_noport;
  if (!rest.empty() && rest[0] == ':') {
    size_t k = 1;
    while (k < rest.size() && rest[k] >= '0' && rest[k] <= '9') ++k;
    port = rest.substr(1, k - 1);
  }
  if (port.empty()) {
    port = is_http ? "80" : "443";
  } else {
    const std::string_view drop = is_http ? ":80" : ":443";
    if (rest.rfind(drop, 0) == 0 &&
        (rest.size() == drop.size() ||
         !(std::isalnum(static_cast<unsigned char>(rest[drop.size()])) ||
           rest[drop.size()] == '_'))) {
      rest_noport = rest.substr(drop.size());
      out->push_back(proto + host + rest_noport);
    }
  }
  // idn_to_ascii: SpamAssassin adds a variant only when it differs from
  // the lower-cased host, i.e. for IDNs (punycode is not done here).
  const std::string nhost = ToLowerAscii(host);
  std::string stripped;
  for (const char c : host) {
    if (static_cast<unsigned char>(c) > 0x20) stripped.push_back(c);
  }
  if (stripped != host) {
    host = stripped;
    out->push_back(proto + host + rest);
  }
  // The built-in redirector rule: a URL inside the path or query.
  {
    const std::string lower_rest = ToLowerAscii(rest);
    for (size_t k = 0; k < lower_rest.size(); ++k) {
      if (lower_rest.compare(k, 5, "http:") != 0 &&
          lower_rest.compare(k, 6, "https:") != 0)
        continue;
      size_t end = lower_rest.find(':', k) + 1;
      for (int slashes = 0;
           slashes < 2 && end < rest.size() && rest[end] == '/'; ++slashes)
        ++end;
      const size_t stop = std::min(rest.find_first_of("&#", end), rest.size());
      if (stop > end) {
        const std::string target = rest.substr(k, stop - k);
        if (target.find('.') != std::string::npos) pending->push_back(target);
      }
      break;
    }
  }
  const size_t at = host.rfind('@');
  if (at != std::string::npos) {
    host = host.substr(at + 1);
    out->push_back(proto + host + rest);
  }
  size_t keep = host.size();
  while (keep > 0 && !std::isalnum(static_cast<unsigned char>(host[keep - 1])))
    --keep;
  if (keep != host.size()) {
    host.resize(keep);
    out->push_back(proto + host + rest);
  }
  // Numeric hosts: 0x7f.1.1.1, 2130706433, 0x7f000001.
  std::vector<std::string> octets;
  for (size_t start = 0;;) {
    const size_t dot = host.find('.', start);
    octets.push_back(host.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  const auto is_number = [](const std::string& s) {
    if (s.empty()) return false;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
      return s.find_first_not_of("0123456789abcdefABCDEF", 2) ==
             std::string::npos;
    return s.find_first_not_of("0123456789") == std::string::npos;
  };
  bool all_numbers = octets.size() == 4;
  for (const std::string& o : octets) all_numbers = all_numbers && is_number(o);
  if (all_numbers) {
    std::string quad;
    for (size_t k = 0; k < 4; ++k) {
      std::string o = octets[k];
      if (o.size() > 2 && (o[1] == 'x' || o[1] == 'X')) {
        o = std::to_string(std::stoul(o.substr(2, 8), nullptr, 16));
      } else if (o.size() > 1 && o[0] == '0') {
        const size_t nz = o.find_first_not_of('0');
        o = nz == std::string::npos ? "" : o.substr(nz);
        // s/^0+([1-3][0-7]{0,2}|[4-7][0-7]?)\b/oct/: short octal numbers
        const bool octal =
            !o.empty() &&
            o.find_first_not_of("01234567") == std::string::npos &&
            ((o[0] >= '1' && o[0] <= '3' && o.size() <= 3) ||
             (o[0] >= '4' && o[0] <= '7' && o.size() <= 2));
        if (octal) o = std::to_string(std::stoul(o, nullptr, 8));
      }
      quad += o;
      if (k < 3) quad += ".";
    }
    out->push_back(proto + quad + rest);
  } else if (octets.size() == 1 && is_number(host) && host.size() > 2 &&
             (host[1] == 'x' || host[1] == 'X')) {
    const std::string digits = host.substr(2);
    const std::string last8 =
        digits.size() > 8 ? digits.substr(digits.size() - 8) : digits;
    out->push_back(proto + Ipv4(std::stoul(last8, nullptr, 16)) + rest);
  } else if (octets.size() == 1 && is_number(host) && host.size() <= 19) {
    out->push_back(proto + Ipv4(std::stoull(host)) + rest);
  } else if (is_http && auth.empty() && nhost != "localhost" && port == "80" &&
             nhost.find('.', nhost.rfind("www.", 0) == 0 ? 4 : 0) ==
                 std::string::npos &&
             !nhost.empty() && nhost != "www.") {
    // "http://example" reads as example.com in some browsers.
    const std::string name =
        nhost.rfind("www.", 0) == 0 ? nhost.substr(4) : nhost;
    out->push_back(proto + "www." + name + ".com" + rest);
  }
}

}  // namespace

void AddCanonicalUris(std::string_view uri_in, std::set<std::string>* out) {
  std::deque<std::string> pending;
  pending.emplace_back(uri_in);
  std::vector<std::string> variants;
  while (!pending.empty()) {
    std::string uri;
    for (const char c : pending.front()) {
      if (c != '\n' && c != '\r') uri.push_back(c);
    }
    pending.pop_front();
    uri = std::string(TrimAscii(uri));
    if (uri.size() <= 1 || uri[0] == '#' || uri[0] == '?' || uri[0] == '&' ||
        (uri[0] == '/' && uri[1] != '/')) {
      continue;
    }
    out->insert(uri);
    variants.clear();
    const size_t colon = uri.find(':');
    const size_t at = uri.find('@');
    if (StartsWithIgnoreCase(uri, "mailto:") ||
        (at != std::string::npos &&
         (colon == std::string::npos || colon > at))) {
      AddMailVariants(uri, &variants);
      for (std::string& v : variants) out->insert(std::move(v));
      continue;
    }
    std::string nuri = uri;
    for (char& c : nuri) {
      if (c == '\\') c = '/';
    }
    // ^(https?:)/{0,2} -> $1//
    if (StartsWithIgnoreCase(nuri, "http:") ||
        StartsWithIgnoreCase(nuri, "https:")) {
      const size_t c = nuri.find(':') + 1;
      size_t slashes = 0;
      while (slashes < 2 && c + slashes < nuri.size() &&
             nuri[c + slashes] == '/')
        ++slashes;
      nuri.replace(c, slashes, "//");
    }
    if (HasPercentEscape(nuri)) nuri = UrlDecodePrintable(nuri);
    const size_t scheme_colon = nuri.find(':');
    const bool has_scheme =
        scheme_colon != std::string::npos && scheme_colon > 0 &&
        nuri.find_first_not_of(
            "-_"
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") ==
            scheme_colon;
    if (!has_scheme) {
      nuri = (nuri.rfind("ftp.", 0) == 0 ? "ftp://" : "http://") + nuri;
    }
    // A host followed directly by ? or # gets its "/".
    if (StartsWithIgnoreCase(nuri, "http://") ||
        StartsWithIgnoreCase(nuri, "https://")) {
      const size_t host = nuri.find("://") + 3;
      const size_t end = nuri.find_first_of("/?#", host);
      if (end != std::string::npos && end > host && nuri[end] != '/')
        nuri.insert(end, "/");
    }
    if (nuri != uri) out->insert(nuri);
    if (StartsWithIgnoreCase(nuri, "http://") ||
        StartsWithIgnoreCase(nuri, "https://")) {
      AddHttpVariants(nuri, &pending, &variants);
    }
    for (std::string& v : variants) out->insert(std::move(v));
  }
}

}  // namespace inboxsim::sa::detail
