// URLs found in a message, each with its registrable domain ("eTLD+1") from the
// public suffix list, the unit URIBL-style block lists work on.
//
//   std::vector<std::string> found;
//   FindUrlsInText("see www.Example.co.uk/x and http://a.b.example.com",
//   &found); std::optional<Url> url = ParseUrl(found[0], UrlSource::kText);
//   url->host -> "www.example.co.uk", url->registrable_domain ->
//   "example.co.uk"
//
// Thread-safe: the suffix list is loaded once, read-only after.
#ifndef INBOXSIM_MIME_URL_H_
#define INBOXSIM_MIME_URL_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace inboxsim::mime {

enum class UrlSource : unsigned char {
  kText,       // written in plain text (or the visible text of HTML)
  kHtmlHref,   // <a href>, <area href>
  kHtmlImage,  // <img src>, background images
  kHtmlOther,  // form action, iframe/script/embed src, css url()
};

struct Url {
  std::string url;     // as found, trimmed; scheme added if it had none
  std::string scheme;  // lower case: "http", "https", "mailto", "ftp", ...
  std::string host;    // lower case, no port, no trailing dot; IDNs as written
                       // (Unicode, not punycode); numeric IPv4 in any
                       // spelling ("3232235777") as a dotted quad
  std::string
      registrable_domain;  // "example.co.uk"; an IP literal stays itself;
                           // a host that is itself a public suffix stays itself
  UrlSource source = UrlSource::kText;
};

// Appends the URLs written in `text`: scheme://... (http, https, ftp), mailto:,
// and scheme-less "www." hosts. Trailing punctuation that ends a sentence
// ("...example.com/x).") is not part of the URL. Linear in text.size().
void FindUrlsInText(std::string_view text, std::vector<std::string>* out);

// Parses one URL (with or without scheme). nullopt when it names no host
// (e.g. "javascript:..." or "#anchor" or "cid:..."). For mailto: the host is
// the address's domain.
std::optional<Url> ParseUrl(std::string_view raw, UrlSource source);

// The registrable domain of `host` per the public suffix list (libpsl's
// built-in list): "a.b.example.co.uk" -> "example.co.uk". Returns `host` itself
// for IP literals and hosts that are a public suffix or have no dot.
std::string RegistrableDomain(std::string_view host);

}  // namespace inboxsim::mime

#endif  // INBOXSIM_MIME_URL_H_
