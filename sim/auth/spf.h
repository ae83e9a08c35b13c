// SPF (RFC 7208): whether an IP may send mail for a domain, answered from a
// local DnsZone instead of the network. Sender ID (sender_id.h) reuses the
// same evaluation with its own record scope.
//
//   SpfEvaluator spf(zone);
//   SpfVerdict verdict = spf.CheckMailFrom(ip, "joe@example.com", "mx.x.org");
//   verdict.result -> SpfResult::kFail
//   verdict.reason -> "SPF fail for 203.0.113.7: example.com does not
//                      authorise it (-all)"
//
// The evaluator holds only the const zone and its options: Check*() may run
// on many threads at once; each call keeps its state (lookup counts) on its
// own stack. The zone must outlive the evaluator.
#ifndef INBOXSIM_AUTH_SPF_H_
#define INBOXSIM_AUTH_SPF_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/auth/dns_zone.h"
#include "sim/core/ip_address.h"

namespace inboxsim::auth {

// RFC 7208 section 2.6.
enum class SpfResult : unsigned char {
  kNone,       // no record, or no valid domain to check
  kNeutral,    // the domain makes no assertion ("?", or nothing matched)
  kPass,       // the IP is authorised
  kFail,       // the IP is not authorised
  kSoftfail,   // probably not authorised
  kTemperror,  // a DNS lookup failed temporarily
  kPermerror,  // the records are broken: syntax, limits, loops
};
// "none", "neutral", "pass", "fail", "softfail", "temperror", "permerror".
std::string_view SpfResultName(SpfResult result);

// Which records a check reads. SPF reads "v=spf1"; Sender ID reads
// "spf2.0/<scopes>" records covering its scope, and "v=spf1" only when the
// domain publishes no "spf2.0" record at all (RFC 4406 section 3.4).
enum class RecordScope : unsigned char { kSpf1, kSenderIdMfrom, kSenderIdPra };

struct SpfOptions {
  // RFC 7208 4.6.4: include, a, mx, ptr, exists and redirect each count
  // one; the next one past the limit is permerror.
  int max_dns_terms = 10;
  // Lookups that find nothing (NXDOMAIN or no records); past it, permerror.
  int max_void_lookups = 2;
  // MX hosts one mx term may look up; more is permerror (RFC 7208 4.6.4).
  int max_mx_hosts = 10;
  // PTR names one ptr term or %{p} looks at; the rest are ignored.
  int max_ptr_names = 10;
  std::string receiver = "unknown";  // %{r} in explanations
  int64_t now_seconds = 0;           // %{t}; fixed so runs are reproducible
};

// One check_host() call (RFC 7208 section 4.1).
struct SpfRequest {
  IpAddress ip;        // the SMTP client; IPv4-mapped IPv6 counts as IPv4
  std::string domain;  // <domain> whose records are checked
  std::string sender;  // <sender>, "local@domain"; empty or without a local
                       // part means "postmaster" (RFC 7208 4.3)
  std::string helo;    // %{h}; may be empty
};

struct SpfVerdict {
  SpfResult result = SpfResult::kNone;
  std::string domain;      // the domain checked
  std::string mechanism;   // the term that decided, as written ("-all",
                           // "include:_spf.x.org", "redirect=x.org"); empty
                           // for none, default neutral and most errors
  std::string decided_by;  // the domain whose record held `mechanism`
  // One line for people: "SPF pass for 192.0.2.10: example.com authorises
  // it (a)", "SPF permerror for 192.0.2.10: example.com: more than 10 DNS
  // lookups (at mx)".
  std::string reason;
  // For fail: the domain's exp= text expanded (RFC 7208 6.2); else empty.
  std::string explanation;
  int dns_terms = 0;     // terms counted toward max_dns_terms
  int void_lookups = 0;  // lookups counted toward max_void_lookups
};

class SpfEvaluator {
 public:
  explicit SpfEvaluator(const DnsZone& zone, SpfOptions options = {})
      : zone_(zone), options_(std::move(options)) {}

  // check_host() for `request` with the records of `scope`.
  SpfVerdict CheckHost(const SpfRequest& request,
                       RecordScope scope = RecordScope::kSpf1) const;

  // The MAIL FROM identity: <domain> is the sender's domain; for the null
  // sender ("<>" or empty) it is the HELO name and the sender becomes
  // postmaster@helo (RFC 7208 2.4). A sender without '@' is a domain.
  SpfVerdict CheckMailFrom(const IpAddress& ip, std::string_view sender,
                           std::string_view helo) const;

  // The HELO identity (RFC 7208 2.3): <domain> is the HELO name.
  SpfVerdict CheckHelo(const IpAddress& ip, std::string_view helo) const;

  const SpfOptions& options() const { return options_; }

 private:
  const DnsZone& zone_;
  SpfOptions options_;
};

}  // namespace inboxsim::auth

#endif  // INBOXSIM_AUTH_SPF_H_
