#include "sim/core/ip_address.h"

#include <gtest/gtest.h>

namespace inboxsim {
namespace {

IpAddress Ip(std::string_view text) {
  std::optional<IpAddress> ip = IpAddress::Parse(text);
  EXPECT_TRUE(ip.has_value()) << text;
  return ip.value_or(IpAddress());
}

TEST(IpAddress, ParsesBothFamiliesAndPrintsCanonically) {
  EXPECT_TRUE(Ip("192.0.2.3").is_v4());
  EXPECT_EQ(Ip("192.0.2.3").bit_count(), 32);
  EXPECT_EQ(Ip("192.0.2.3").bytes().size(), 4u);
  EXPECT_EQ(Ip("192.0.2.3").ToString(), "192.0.2.3");
  EXPECT_FALSE(Ip("2001:DB8:0::CB01").is_v4());
  EXPECT_EQ(Ip("2001:DB8:0::CB01").bytes().size(), 16u);
  EXPECT_EQ(Ip("2001:DB8:0::CB01").ToString(), "2001:db8::cb01");
}

TEST(IpAddress, RejectsWhatIsNoAddress) {
  for (std::string_view bad :
       {"", "192.0.2", "192.0.2.256", "01.2.3.4", " 192.0.2.1", "1.2.3.4/24",
        "2001:db8::1::2", "example.com", "[::1]"}) {
    EXPECT_FALSE(IpAddress::Parse(bad).has_value()) << bad;
  }
}

TEST(IpAddress, PrefixEdges) {
  const IpAddress net = Ip("192.0.2.128");
  EXPECT_TRUE(Ip("192.0.2.128").InPrefix(net, 28));
  EXPECT_TRUE(Ip("192.0.2.143").InPrefix(net, 28));
  EXPECT_FALSE(Ip("192.0.2.144").InPrefix(net, 28));
  EXPECT_FALSE(Ip("192.0.2.127").InPrefix(net, 28));
  EXPECT_TRUE(Ip("192.0.2.128").InPrefix(net, 32));
  EXPECT_FALSE(Ip("192.0.2.129").InPrefix(net, 32));
  EXPECT_TRUE(Ip("203.0.113.9").InPrefix(net, 0));  // /0 is everything
  EXPECT_TRUE(Ip("2001:db8::1").InPrefix(Ip("2001:db8::"), 32));
  EXPECT_FALSE(Ip("2001:db9::1").InPrefix(Ip("2001:db8::"), 32));
  EXPECT_TRUE(Ip("2001:db8::1").InPrefix(Ip("2001:db8::1"), 128));
  EXPECT_FALSE(Ip("2001:db8::2").InPrefix(Ip("2001:db8::1"), 128));
  EXPECT_TRUE(Ip("::1").InPrefix(Ip("2001:db8::"), 0));
  // Families never match each other, not even at /0.
  EXPECT_FALSE(Ip("192.0.2.1").InPrefix(Ip("::"), 0));
  EXPECT_FALSE(Ip("::ffff:192.0.2.1").InPrefix(Ip("192.0.2.0"), 24));
}

TEST(IpAddress, MappedAddressesUnmapToIpv4) {
  EXPECT_EQ(Ip("::ffff:192.0.2.1").Unmapped(), Ip("192.0.2.1"));
  EXPECT_EQ(Ip("2001:db8::1").Unmapped(), Ip("2001:db8::1"));
  EXPECT_EQ(Ip("192.0.2.1").Unmapped(), Ip("192.0.2.1"));
}

TEST(IpAddress, MaskedClearsHostBits) {
  EXPECT_EQ(Ip("10.1.2.3").Masked(8).ToString(), "10.0.0.0");
  EXPECT_EQ(Ip("10.1.2.255").Masked(25).ToString(), "10.1.2.128");
  EXPECT_EQ(Ip("2001:db8:ffff::1").Masked(36).ToString(), "2001:db8:f000::");
  EXPECT_EQ(Ip("10.1.2.3").Masked(99), Ip("10.1.2.3"));  // clamped
}

}  // namespace
}  // namespace inboxsim
