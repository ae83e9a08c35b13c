// The relays SpamAssassin 4 reads from a message's Received chain
// (Mail::SpamAssassin::Message::Metadata::Received): each Received field
// parsed by SpamAssassin's cascade of MTA formats (sendmail, Postfix, qmail,
// Exim, MS Exchange, ...), then split into trusted and untrusted relays the
// way SpamAssassin infers it when no trusted_networks or internal_networks
// are configured: relays are trusted from the top while their IP is private
// or they show authentication; the first other relay and all below it are
// untrusted. Internal equals trusted, external equals untrusted then.
//
//   Relays relays = ParseRelays(message);
//   relays.ExternalText()
//     -> "[ ip=192.0.2.7 rdns=mail.x.org helo=mail.x.org by=mx.y.net ident=
//         envfrom= intl=0 id=g7MBYrZ04811 auth= msa=0 ]"
//
// Pure functions of their input; safe to call from many threads at once.
#ifndef INBOXSIM_SA_SA_RELAYS_H_
#define INBOXSIM_SA_SA_RELAYS_H_

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/mime/message.h"

namespace inboxsim::sa {

// One parsed handover, with SpamAssassin's field texts (characters
// SpamAssassin flags, such as white space, brackets and parentheses,
// replaced by '!').
struct Relay {
  std::string ip;
  std::string rdns;
  std::string helo;
  std::string by;
  std::string ident;
  std::string envfrom;  // envelope sender recorded in the field, may be empty
  std::string id;
  std::string auth;  // authentication method the field shows, may be empty
  bool internal = false;
  bool ip_private = false;  // SpamAssassin's IP_PRIVATE (RFC 1918, loopback,
                            // link-local, CGN, their IPv6 forms)

  // "[ ip=... rdns=... helo=... by=... ident=... envfrom=... intl=0|1
  // id=... auth=... msa=0 ]", as X-Spam-Relays-* list it.
  std::string AsString() const;
};

struct Relays {
  std::vector<Relay> trusted;    // newest first
  std::vector<Relay> untrusted;  // newest first
  std::vector<Relay> internal;   // same as trusted without configuration
  std::vector<Relay> external;   // same as untrusted without configuration
  // Index, among the Received fields from the top, of the last one in the
  // trusted (internal) part, parsed or not; -1 when none is. ALL-TRUSTED
  // and ALL-UNTRUSTED split the header there.
  int last_trusted_index = -1;
  int last_internal_index = -1;
};

// The relays of `message`'s Received fields and of the originating-IP
// fields SpamAssassin's default configuration names (X-Originating-IP
// ...), which it appends as synthetic relays. Unparseable and skipped
// fields produce no relay. Never fails.
Relays ParseRelays(const mime::Message& message);

// The X-Spam-Relays-* text of `relays`: each AsString() joined by one
// space; "" for none.
std::string RelaysText(const std::vector<Relay>& relays);

namespace detail {

// Results of parsing one Received field besides a Relay.
enum class ReceivedSkip {
  kUnparseable,   // no format matched (counts as a hop for trust indices)
  kIgnored,       // a local or uninformative handover SpamAssassin skips
  kMailFetcher,   // a fetchmail/getmail POP3 or IMAP handover, which
                  // restarts the trusted relay list
  kQmailScanner,  // qmail-scanner's log line; its envelope sender goes to
                  // the next (older) relay
};

struct ReceivedParse {
  std::variant<Relay, ReceivedSkip> result;
  std::string qmail_scanner_envfrom;  // with kQmailScanner
};

// Parses one unfolded Received value as
// Received.pm's parse_received_line does.
ReceivedParse ParseReceivedLine(std::string_view value);

}  // namespace detail
}  // namespace inboxsim::sa

#endif  // INBOXSIM_SA_SA_RELAYS_H_
