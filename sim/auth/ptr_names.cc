#include "sim/auth/ptr_names.h"

#include <algorithm>

#include "sim/core/text.h"

namespace inboxsim::auth {

bool IsSameOrSubdomain(std::string_view name, std::string_view domain) {
  if (name.ends_with('.')) name.remove_suffix(1);
  if (domain.ends_with('.')) domain.remove_suffix(1);
  if (domain.empty()) return false;
  if (name.size() == domain.size()) return EqualsIgnoreCase(name, domain);
  return name.size() > domain.size() &&
         name[name.size() - domain.size() - 1] == '.' &&
         EndsWithIgnoreCase(name, domain);
}

ValidatedNames ValidateIpNames(const DnsZone& zone, const IpAddress& ip,
                               std::string_view domain, size_t max_names) {
  ValidatedNames result;
  const DnsAnswer<std::string> ptr = zone.Ptr(ReverseName(ip));
  result.ptr_status = ptr.status;
  const size_t count = std::min(ptr.records.size(), max_names);
  for (const std::string& name : ptr.records.first(count)) {
    const DnsAnswer<IpAddress> addresses =
        ip.is_v4() ? zone.A(name) : zone.Aaaa(name);
    if (std::find(addresses.records.begin(), addresses.records.end(), ip) !=
        addresses.records.end()) {
      result.names.push_back(name);
    }
  }
  std::stable_partition(
      result.names.begin(), result.names.end(),
      [&](const std::string& name) { return IsSameOrSubdomain(name, domain); });
  return result;
}

}  // namespace inboxsim::auth
