// Validated host names of an IP (RFC 7208 5.5): the PTR names of the IP
// whose own A or AAAA records lead back to it. The "ptr" mechanism and the
// %{p} macro both use them; a PTR record alone proves nothing, as whoever
// owns the IP block writes it.
//
//   ValidatedNames names = ValidateIpNames(zone, ip, "example.com", 10);
//   names.names -> {"mail.example.com"} (names under the domain come first)
#ifndef INBOXSIM_AUTH_PTR_NAMES_H_
#define INBOXSIM_AUTH_PTR_NAMES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sim/auth/dns_zone.h"
#include "sim/core/ip_address.h"

namespace inboxsim::auth {

struct ValidatedNames {
  DnsStatus ptr_status = DnsStatus::kNxDomain;  // of the PTR lookup
  std::vector<std::string> names;               // validated, see above
};

// Looks up the PTR names of `ip`, keeps the first `max_names` (RFC 7208
// 4.6.4: the rest are ignored) and returns those whose addresses include
// `ip`, the ones equal to or under `domain` first. A failed address lookup
// skips that name (RFC 7208 5.5).
ValidatedNames ValidateIpNames(const DnsZone& zone, const IpAddress& ip,
                               std::string_view domain, size_t max_names);

// Whether `name` is `domain` or a subdomain of it, ignoring case and final
// dots.
bool IsSameOrSubdomain(std::string_view name, std::string_view domain);

}  // namespace inboxsim::auth

#endif  // INBOXSIM_AUTH_PTR_NAMES_H_
