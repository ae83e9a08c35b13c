#include "sim/auth/dns_zone.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/auth/zone_file.h"
#include "tests/test_util.h"

namespace inboxsim::auth {
namespace {

using testing::TempDir;

IpAddress Ip(std::string_view text) { return IpAddress::Parse(text).value(); }

template <typename T>
std::vector<T> Records(const DnsAnswer<T>& answer) {
  return std::vector<T>(answer.records.begin(), answer.records.end());
}

// RFC 7208 Appendix A, as printed there.
constexpr std::string_view kAppendixA =
    R"(; A domain with two mail servers, two hosts, and two servers
; at the domain name
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

; A related domain
$ORIGIN example.org.
@           600 MX  10 mail-c
mail-c          A   192.0.2.140

; The reverse IP for those addresses
$ORIGIN 2.0.192.in-addr.arpa.
10          600 PTR example.com.
11              PTR example.com.
65              PTR amy.example.com.
66              PTR bob.example.com.
129             PTR mail-a.example.com.
130             PTR mail-b.example.com.
140             PTR mail-c.example.org.

; A rogue reverse IP domain that claims to be
; something it's not
$ORIGIN 0.0.10.in-addr.arpa.
4           600 PTR bob.example.com.
)";

TEST(ZoneFile, ReadsTheRfc7208AppendixAZone) {
  DnsZone zone;
  Status parsed = ParseZoneText(kAppendixA, "appendix-a.zone", &zone);
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();

  const DnsAnswer<MxRecord> mx = zone.Mx("example.com");
  ASSERT_TRUE(mx.ok());
  ASSERT_EQ(mx.records.size(), 2u);
  EXPECT_EQ(mx.records[0].preference, 10);
  EXPECT_EQ(mx.records[0].exchange, "mail-a.example.com");  // made absolute
  EXPECT_EQ(mx.records[1].preference, 20);
  EXPECT_EQ(mx.records[1].exchange, "mail-b.example.com");
  // Blank-led lines belong to the owner above them ("@").
  EXPECT_EQ(Records(zone.A("example.com")),
            (std::vector<IpAddress>{Ip("192.0.2.10"), Ip("192.0.2.11")}));
  EXPECT_EQ(Records(zone.A("mail-c.example.org")),
            std::vector<IpAddress>{Ip("192.0.2.140")});
  EXPECT_EQ(Records(zone.Ptr("129.2.0.192.in-addr.arpa")),
            std::vector<std::string>{"mail-a.example.com"});
  EXPECT_EQ(Records(zone.Ptr("4.0.0.10.in-addr.arpa")),
            std::vector<std::string>{"bob.example.com"});
  // The CNAME leads to example.com's addresses.
  EXPECT_EQ(Records(zone.A("www.example.com")),
            (std::vector<IpAddress>{Ip("192.0.2.10"), Ip("192.0.2.11")}));
}

TEST(DnsZone, NamesIgnoreCaseAndTheFinalDot) {
  DnsZone zone;
  zone.AddTxt("Example.COM.", "v=spf1 -all");
  for (std::string_view name : {"example.com", "EXAMPLE.com.", "eXample.Com"}) {
    const DnsAnswer<std::string> txt = zone.Txt(name);
    ASSERT_TRUE(txt.ok()) << name;
    EXPECT_EQ(Records(txt), std::vector<std::string>{"v=spf1 -all"});
  }
}

TEST(DnsZone, TellsNxdomainFromNodataFromTempfail) {
  DnsZone zone;
  zone.AddTxt("host.example.com", "hello");
  zone.AddTempFail("broken.example.com");
  zone.AddTempFail("flaky.example.com", DnsType::kTxt);
  zone.AddAddress("flaky.example.com", Ip("192.0.2.1"));

  EXPECT_EQ(zone.Txt("host.example.com").status, DnsStatus::kOk);
  EXPECT_EQ(zone.A("host.example.com").status, DnsStatus::kNoData);
  EXPECT_TRUE(zone.A("host.example.com").is_void());
  EXPECT_TRUE(zone.A("host.example.com").records.empty());
  EXPECT_EQ(zone.A("other.example.com").status, DnsStatus::kNxDomain);
  EXPECT_TRUE(zone.A("other.example.com").is_void());
  // A parent of a name exists (empty non-terminal): NODATA, not NXDOMAIN.
  EXPECT_EQ(zone.Txt("example.com").status, DnsStatus::kNoData);
  EXPECT_EQ(zone.Txt("com").status, DnsStatus::kNoData);
  EXPECT_EQ(zone.Txt("broken.example.com").status, DnsStatus::kTempFail);
  EXPECT_EQ(zone.Mx("broken.example.com").status, DnsStatus::kTempFail);
  EXPECT_FALSE(zone.Txt("broken.example.com").is_void());
  EXPECT_EQ(zone.Txt("flaky.example.com").status, DnsStatus::kTempFail);
  EXPECT_EQ(zone.A("flaky.example.com").status, DnsStatus::kOk);
}

TEST(DnsZone, AddressesGoToAOrAaaaByFamily) {
  DnsZone zone;
  zone.AddAddress("dual.example.com", Ip("192.0.2.1"));
  zone.AddAddress("dual.example.com", Ip("2001:db8::1"));
  EXPECT_EQ(Records(zone.A("dual.example.com")),
            std::vector<IpAddress>{Ip("192.0.2.1")});
  EXPECT_EQ(Records(zone.Aaaa("dual.example.com")),
            std::vector<IpAddress>{Ip("2001:db8::1")});
}

TEST(DnsZone, CnameLoopsAndLongChainsAreTemporaryFailures) {
  DnsZone zone;
  zone.AddCname("a.example.com", "b.example.com");
  zone.AddCname("b.example.com", "a.example.com");
  EXPECT_EQ(zone.Txt("a.example.com").status, DnsStatus::kTempFail);
  // A chain to a missing name is NXDOMAIN, as a resolver reports it.
  zone.AddCname("dangling.example.com", "nowhere.example.com");
  EXPECT_EQ(zone.Txt("dangling.example.com").status, DnsStatus::kNxDomain);
  // Eight hops resolve; nine do not.
  const auto chain_name = [](int i) {
    std::string name = "c";
    return name.append(std::to_string(i)).append(".example.com");
  };
  for (int i = 0; i < 9; ++i) zone.AddCname(chain_name(i), chain_name(i + 1));
  zone.AddTxt("c9.example.com", "end");
  EXPECT_EQ(zone.Txt("c1.example.com").status, DnsStatus::kOk);
  EXPECT_EQ(zone.Txt("c0.example.com").status, DnsStatus::kTempFail);
}

TEST(DnsZone, ReverseNames) {
  EXPECT_EQ(ReverseName(Ip("192.0.2.3")), "3.2.0.192.in-addr.arpa");
  EXPECT_EQ(ReverseName(Ip("2001:db8::cb01")),
            "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2."
            "ip6.arpa");
}

TEST(ZoneFile, TxtStringsConcatenateAndUnquotedTextIsTakenWhole) {
  DnsZone zone;
  Status parsed = ParseZoneText(
      "a.example.com. IN TXT \"v=spf1 \" \"ip4:192.0.2.0/24\"  \" -all\"\n"
      "b.example.com 300 TXT v=spf1 a -all   ; comment\n"
      "c.example.com TXT \"say \\\"hi\\\"; \\059 # not a comment\"\n"
      "d.example.com TXT ( \"v=spf1 \"   # parentheses join lines\n"
      "                    \"-all\" )\n"
      "# a comment line\n"
      "\n"
      "e.example.com TXT \"\"\n",
      "t.zone", &zone);
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  EXPECT_EQ(Records(zone.Txt("a.example.com")),
            std::vector<std::string>{"v=spf1 ip4:192.0.2.0/24 -all"});
  EXPECT_EQ(Records(zone.Txt("b.example.com")),
            std::vector<std::string>{"v=spf1 a -all"});
  EXPECT_EQ(Records(zone.Txt("c.example.com")),
            std::vector<std::string>{"say \"hi\"; ; # not a comment"});
  EXPECT_EQ(Records(zone.Txt("d.example.com")),
            std::vector<std::string>{"v=spf1 -all"});
  EXPECT_EQ(Records(zone.Txt("e.example.com")), std::vector<std::string>{""});
}

TEST(ZoneFile, TempfailLinesAndAbsoluteNamesWithoutOrigin) {
  DnsZone zone;
  Status parsed = ParseZoneText(
      "down.example.com SERVFAIL\n"
      "flaky.example.com TEMPFAIL txt\n"
      "flaky.example.com A 192.0.2.9\n"
      "host.example.net AAAA 2001:db8::9\n"
      "7.2.0.192.in-addr.arpa PTR host.example.net\n",
      "t.zone", &zone);
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  EXPECT_EQ(zone.A("down.example.com").status, DnsStatus::kTempFail);
  EXPECT_EQ(zone.Txt("flaky.example.com").status, DnsStatus::kTempFail);
  EXPECT_EQ(zone.A("flaky.example.com").status, DnsStatus::kOk);
  EXPECT_EQ(Records(zone.Aaaa("host.example.net")),
            std::vector<IpAddress>{Ip("2001:db8::9")});
  EXPECT_EQ(Records(zone.Ptr("7.2.0.192.in-addr.arpa")),
            std::vector<std::string>{"host.example.net"});
}

TEST(LoadZoneFile, ReadsAFileAndNamesItInErrors) {
  TempDir dir;
  const std::string good =
      dir.Write("good.zone", "example.com TXT \"v=spf1 -all\"\n");
  Result<DnsZone> zone = LoadZoneFile(good);
  ASSERT_TRUE(zone.ok()) << zone.error().ToString();
  EXPECT_EQ(zone->Txt("example.com").status, DnsStatus::kOk);

  const std::string bad =
      dir.Write("bad.zone",
                "example.com TXT \"v=spf1 -all\"\n\nexample.com A 300.1.1.1\n");
  Result<DnsZone> failed = LoadZoneFile(bad);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kBadInput);
  EXPECT_EQ(failed.error().where, bad + ":3");
  EXPECT_EQ(failed.error().message, "not an IPv4 address: '300.1.1.1'");

  Result<DnsZone> missing = LoadZoneFile(dir.path().string() + "/none.zone");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kUnreadable);
}

struct BadZoneCase {
  const char* name;
  std::string text;
  int line;             // expected line in `where`
  std::string message;  // expected part of the message
};

class BadZoneTest : public ::testing::TestWithParam<BadZoneCase> {};

TEST_P(BadZoneTest, FailsWithFileLineAndReason) {
  DnsZone zone;
  Status parsed = ParseZoneText(GetParam().text, "z.zone", &zone);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kBadInput);
  EXPECT_EQ(parsed.error().where, "z.zone:" + std::to_string(GetParam().line));
  EXPECT_NE(parsed.error().message.find(GetParam().message), std::string::npos)
      << "message: " << parsed.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadZoneTest,
    ::testing::Values(
        BadZoneCase{"UnknownType", "a.example.com NS ns.example.com\n", 1,
                    "unsupported record type 'NS'"},
        BadZoneCase{"SpfType", "\na.example.com SPF \"v=spf1 -all\"\n", 2,
                    "publish the record as TXT"},
        BadZoneCase{"NoType", "a.example.com 300 IN\n", 1, "no record type"},
        BadZoneCase{"AWithIpv6", "a.example.com A 2001:db8::1\n", 1,
                    "not an IPv4 address"},
        BadZoneCase{"AaaaWithIpv4", "a.example.com AAAA 192.0.2.1\n", 1,
                    "not an IPv6 address"},
        BadZoneCase{"MxWithoutPreference", "a.example.com MX mail.example\n", 1,
                    "MX data must be 'preference host'"},
        BadZoneCase{"MxPreferenceTooLarge", "a.example.com MX 70000 m.x\n", 1,
                    "MX data must be 'preference host'"},
        BadZoneCase{"UnterminatedQuote", "a.example.com TXT \"v=spf1 -all\n", 1,
                    "unterminated quoted string"},
        BadZoneCase{"TextAfterQuotedString",
                    "a.example.com TXT \"v=spf1\" -all\n", 1,
                    "unquoted text after a quoted TXT string"},
        BadZoneCase{"EmptyTxt", "a.example.com TXT\n", 1,
                    "TXT record without text"},
        BadZoneCase{"EmptyLabel", "a..example.com A 192.0.2.1\n", 1,
                    "empty label"},
        BadZoneCase{"LongLabel", std::string(64, 'x') + ".com A 192.0.2.1\n", 1,
                    "label longer than 63 bytes"},
        BadZoneCase{"Wildcard", "*.example.com A 192.0.2.1\n", 1,
                    "wildcards are not supported"},
        BadZoneCase{"AtWithoutOrigin", "@ A 192.0.2.1\n", 1,
                    "'@' used before $ORIGIN"},
        BadZoneCase{"OwnerlessContinuation", "   A 192.0.2.1\n", 1,
                    "no earlier line names an owner"},
        BadZoneCase{"UnknownDirective", "$INCLUDE other.zone\n", 1,
                    "unsupported directive '$INCLUDE'"},
        BadZoneCase{"UnclosedParenthesis",
                    "a.example.com A 192.0.2.1\nb.example.com TXT ( \"x\"\n", 2,
                    "'(' is never closed"},
        BadZoneCase{"TempfailOfUnknownType", "a.example.com TEMPFAIL NS\n", 1,
                    "TEMPFAIL of unknown type 'NS'"},
        BadZoneCase{"TrailingJunk", "a.example.com PTR b.example.com c\n", 1,
                    "unexpected text after PTR data"}),
    [](const ::testing::TestParamInfo<BadZoneCase>& param_info) {
      return std::string(param_info.param.name);
    });

}  // namespace
}  // namespace inboxsim::auth
