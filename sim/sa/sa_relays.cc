// ParseRelays: Received.pm's extract(), with the trust boundary inferred
// as SpamAssassin infers it when no networks are configured.
#include "sim/sa/sa_relays.h"

#include "sim/sa/header_values.h"
#include "sim/sa/sa_regex.h"

namespace inboxsim::sa {
namespace {

// 10_default_prefs.cf's originating_ip_headers: fields naming the IP a
// webmail user connected from, which SpamAssassin adds as relays.
constexpr std::string_view kOriginatingIpHeaders[] = {
    "X-Yahoo-Post-IP",
    "X-Originating-IP",
    "X-Apparently-From",
    "X-SenderIP",
    "X-AOL-IP",
    "X-MS-Exchange-CrossTenant-OriginalAttributedTenantConnectingIp"};

// The Received values SpamAssassin walks, top first, then one synthetic
// "from X-Originating-IP: ip" per originating-IP field with an IP.
std::vector<std::string> ReceivedValues(const mime::Message& message) {
  std::vector<std::string> values;
  const mime::HeaderList& headers = message.headers();
  headers.ForEach("Received", [&](const mime::HeaderField& field) {
    values.push_back(detail::SaDecodedValue(field));
  });
  for (std::string_view name : kOriginatingIpHeaders) {
    // get_header in scalar context: the last occurrence.
    const mime::HeaderField* last = nullptr;
    headers.ForEach(name,
                    [&](const mime::HeaderField& field) { last = &field; });
    if (last == nullptr) continue;
    detail::Captures m;
    const std::string value = detail::SaDecodedValue(*last);
    if (detail::Re<R"~(({IP}))~">().Find(value, &m)) {
      values.push_back("from X-Originating-IP: " + m[1] + "\n");
    }
  }
  return values;
}

}  // namespace

std::string Relay::AsString() const {
  std::string out = "[ ip=" + ip + " rdns=" + rdns + " helo=" + helo +
                    " by=" + by + " ident=" + ident + " envfrom=" + envfrom +
                    " intl=" + (internal ? "1" : "0") + " id=" + id +
                    " auth=" + auth + " msa=0 ]";
  return out;
}

std::string RelaysText(const std::vector<Relay>& relays) {
  std::string out;
  for (const Relay& relay : relays) {
    if (!out.empty()) out.push_back(' ');
    out += relay.AsString();
  }
  return out;
}

Relays ParseRelays(const mime::Message& message) {
  Relays relays;
  bool in_trusted = true;
  // Whether a mail fetcher's handover may still restart the chain: only
  // while no untrusted relay has been seen.
  bool allow_mailfetch_markers = true;
  std::string qmail_scanner_envfrom;
  for (const std::string& value : ReceivedValues(message)) {
    const std::string pending_envfrom = std::move(qmail_scanner_envfrom);
    qmail_scanner_envfrom.clear();
    std::string unfolded = value;
    detail::Re<R"~(\n[ \t]+)~">().ReplaceAll(&unfolded, " ");
    detail::ReceivedParse parse = detail::ParseReceivedLine(unfolded);
    if (auto* skip = std::get_if<detail::ReceivedSkip>(&parse.result)) {
      if (*skip == detail::ReceivedSkip::kMailFetcher &&
          allow_mailfetch_markers) {
        relays.trusted.clear();
        relays.internal.clear();
        relays.external.clear();
      }
      if (*skip == detail::ReceivedSkip::kQmailScanner) {
        qmail_scanner_envfrom = parse.qmail_scanner_envfrom;
      }
      if (in_trusted) {
        ++relays.last_trusted_index;
        ++relays.last_internal_index;
      }
      continue;
    }
    Relay& relay = std::get<Relay>(parse.result);
    // Perl's truth: "" and "0" are false.
    if (!pending_envfrom.empty() && pending_envfrom != "0") {
      relay.envfrom = pending_envfrom;
    }
    if (in_trusted && !relay.ip_private && relay.auth.empty()) {
      in_trusted = false;
    }
    relay.internal = in_trusted;
    if (in_trusted) {
      relays.trusted.push_back(relay);
      relays.internal.push_back(relay);
      allow_mailfetch_markers = true;
      ++relays.last_trusted_index;
      ++relays.last_internal_index;
    } else {
      relays.untrusted.push_back(relay);
      relays.external.push_back(relay);
      allow_mailfetch_markers = false;
    }
  }
  return relays;
}

}  // namespace inboxsim::sa
