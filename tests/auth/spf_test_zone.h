// The zone of RFC 7208 Appendix A, shared by the SPF and Sender ID tests.
#ifndef INBOXSIM_TESTS_AUTH_SPF_TEST_ZONE_H_
#define INBOXSIM_TESTS_AUTH_SPF_TEST_ZONE_H_

#include <gtest/gtest.h>

#include <string_view>

#include "sim/auth/dns_zone.h"
#include "sim/auth/zone_file.h"
#include "sim/core/ip_address.h"

namespace inboxsim::auth::testing {

// RFC 7208 Appendix A, as printed there (without example.com's TXT record,
// which each example sets).
inline constexpr std::string_view kAppendixAZone = R"(
$ORIGIN example.com.
@           600 MX  10 mail-a
                MX  20 mail-b
                A   192.0.2.10
                A   192.0.2.11
amy             A   192.0.2.65
bob             A   192.0.2.66
mail-a          A   192.0.2.129
mail-b          A   192.0.2.130
www             CNAME example.com.
$ORIGIN example.org.
@           600 MX  10 mail-c
mail-c          A   192.0.2.140
$ORIGIN 2.0.192.in-addr.arpa.
10          600 PTR example.com.
11              PTR example.com.
65              PTR amy.example.com.
66              PTR bob.example.com.
129             PTR mail-a.example.com.
130             PTR mail-b.example.com.
140             PTR mail-c.example.org.
$ORIGIN 0.0.10.in-addr.arpa.
4           600 PTR bob.example.com.
)";

// The Appendix A zone plus `more` (zone-file text).
inline DnsZone AppendixAZone(std::string_view more = "") {
  DnsZone zone;
  Status base = ParseZoneText(kAppendixAZone, "appendix-a", &zone);
  EXPECT_TRUE(base.ok()) << base.error().ToString();
  Status extra = ParseZoneText(more, "test", &zone);
  EXPECT_TRUE(extra.ok()) << extra.error().ToString();
  return zone;
}

inline IpAddress Ip(std::string_view text) {
  std::optional<IpAddress> ip = IpAddress::Parse(text);
  EXPECT_TRUE(ip.has_value()) << text;
  return ip.value_or(IpAddress());
}

}  // namespace inboxsim::auth::testing

#endif  // INBOXSIM_TESTS_AUTH_SPF_TEST_ZONE_H_
