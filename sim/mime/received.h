// One Received: header field parsed into the facts a filter needs: who
// connected (HELO name, reverse DNS, IP) and who received.
//
// Forms differ by MTA (sendmail, Postfix, Exim, qmail, Exchange, ...), so the
// parser looks for the "from" clause and the first bracketed or parenthesised
// IP address after it rather than requiring one grammar.
//
//   auto hop = ParseReceived("from mail.x.org (mail.x.org [192.0.2.7]) by
//   mx.y.net ..."); hop->from_ip -> "192.0.2.7"
#ifndef INBOXSIM_MIME_RECEIVED_H_
#define INBOXSIM_MIME_RECEIVED_H_

#include <optional>
#include <string>
#include <string_view>

namespace inboxsim::mime {

struct ReceivedHop {
  std::string from_helo;  // name given after "from", may be empty
  std::string
      from_rdns;  // reverse-DNS name recorded by the receiver, may be empty
  std::string
      from_ip;  // IPv4 dotted quad or IPv6 (without "IPv6:"), may be empty;
                // IPv6 canonical (RFC 5952), ::ffff:a.b.c.d as a.b.c.d
  std::string by_host;  // name after "by", may be empty
};

// nullopt when the value names neither a sending host nor an IP.
std::optional<ReceivedHop> ParseReceived(std::string_view unfolded_value);

// True for an address routable on the public Internet: not private (RFC 1918,
// fc00::/7), loopback, link-local, CGNAT (100.64/10), unspecified or multicast.
// Documentation ranges (192.0.2/24, 2001:db8::/32) count as public, so examples
// and generated corpora behave like real mail. False for text that is no IP.
bool IsPublicIp(std::string_view ip);

// True when `text` is a syntactically valid IPv4 or IPv6 address.
bool IsIpAddress(std::string_view text);

// The canonical text of an IP address: IPv4 as written (inet_pton accepts only
// the strict dotted quad), IPv6 compressed and lower case (RFC 5952), an
// IPv4-mapped IPv6 address (::ffff:a.b.c.d) as its IPv4 quad, so one host has
// one spelling for block lists. nullopt when `text` is no IP address.
std::optional<std::string> CanonicalIp(std::string_view text);

}  // namespace inboxsim::mime

#endif  // INBOXSIM_MIME_RECEIVED_H_
