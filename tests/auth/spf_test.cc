#include "sim/auth/spf.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "tests/auth/spf_test_zone.h"

namespace inboxsim::auth {
namespace {

using testing::AppendixAZone;
using testing::Ip;

// check_host() of example.com for `ip`, sender joe@example.com.
SpfVerdict CheckExampleCom(const DnsZone& zone, std::string_view ip,
                           std::string_view domain = "example.com") {
  SpfEvaluator spf(zone);
  return spf.CheckHost(SpfRequest{Ip(ip), std::string(domain),
                                  "joe@" + std::string(domain),
                                  "mx.example.org"});
}

// prefix + i + suffix. Appended rather than "x" + std::to_string(i): GCC 12
// warns falsely (-Wrestrict) on that operator+ chain.
std::string Numbered(std::string_view prefix, int i, std::string_view suffix) {
  std::string text(prefix);
  return text.append(std::to_string(i)).append(suffix);
}

SpfResult ResultFor(const DnsZone& zone, std::string_view ip,
                    std::string_view domain = "example.com") {
  return CheckExampleCom(zone, ip, domain).result;
}

// RFC 7208 Appendix A.1: example.com publishes `record`; `ip` gets `result`.
struct SimpleExampleCase {
  std::string record;
  std::string ip;
  SpfResult result;
};

void PrintTo(const SimpleExampleCase& c, std::ostream* out) {
  *out << '"' << c.record << "\" for " << c.ip << " -> "
       << SpfResultName(c.result);
}

class AppendixA1Test : public ::testing::TestWithParam<SimpleExampleCase> {};

TEST_P(AppendixA1Test, GivesTheResultTheRfcDescribes) {
  const DnsZone zone =
      AppendixAZone("example.com. TXT \"" + GetParam().record + "\"\n");
  EXPECT_EQ(ResultFor(zone, GetParam().ip), GetParam().result);
}

std::vector<SimpleExampleCase> AppendixA1Cases() {
  const std::vector<std::string> ips = {
      "192.0.2.10",  "192.0.2.11",  "192.0.2.65",  "192.0.2.66",  "192.0.2.127",
      "192.0.2.128", "192.0.2.129", "192.0.2.130", "192.0.2.131", "192.0.2.132",
      "192.0.2.139", "192.0.2.140", "192.0.2.143", "192.0.2.144", "10.0.0.4"};
  // For each record, the IPs that pass; every other IP fails.
  const std::vector<std::pair<std::string, std::vector<std::string>>> records =
      {
          {"v=spf1 +all", ips},
          {"v=spf1 a -all", {"192.0.2.10", "192.0.2.11"}},
          {"v=spf1 a:example.org -all", {}},  // example.org has no A
          {"v=spf1 mx -all", {"192.0.2.129", "192.0.2.130"}},
          {"v=spf1 mx:example.org -all", {"192.0.2.140"}},
          {"v=spf1 mx mx:example.org -all",
           {"192.0.2.129", "192.0.2.130", "192.0.2.140"}},
          {"v=spf1 mx/30 mx:example.org/30 -all",
           {"192.0.2.128", "192.0.2.129", "192.0.2.130", "192.0.2.131",
            "192.0.2.140", "192.0.2.143"}},
          // 192.0.2.140 is mail-c.example.org, not under example.com, and
          // 10.0.0.4 claims bob.example.com, whose address is another.
          {"v=spf1 ptr -all",
           {"192.0.2.10", "192.0.2.11", "192.0.2.65", "192.0.2.66",
            "192.0.2.129", "192.0.2.130"}},
          {"v=spf1 ip4:192.0.2.128/28 -all",
           {"192.0.2.128", "192.0.2.129", "192.0.2.130", "192.0.2.131",
            "192.0.2.132", "192.0.2.139", "192.0.2.140", "192.0.2.143"}},
      };
  std::vector<SimpleExampleCase> cases;
  for (const auto& [record, passing] : records) {
    for (const std::string& ip : ips) {
      const bool passes =
          std::find(passing.begin(), passing.end(), ip) != passing.end();
      cases.push_back(
          {record, ip, passes ? SpfResult::kPass : SpfResult::kFail});
    }
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Rfc7208, AppendixA1Test,
                         ::testing::ValuesIn(AppendixA1Cases()));

TEST(Spf, AppendixA2MultipleDomains) {
  const DnsZone zone = AppendixAZone(R"(
example.com. TXT "v=spf1 mx -all"
example.net. TXT "v=spf1 ip4:198.51.100.0/24 -all"
example.org. TXT "v=spf1 include:example.com include:example.net -all"
la.example.org. TXT "v=spf1 redirect=example.org"
ny.example.org. TXT "v=spf1 redirect=example.org"
)");
  SpfVerdict via_com = CheckExampleCom(zone, "192.0.2.129", "example.org");
  EXPECT_EQ(via_com.result, SpfResult::kPass);
  EXPECT_EQ(via_com.mechanism, "include:example.com");
  SpfVerdict via_net = CheckExampleCom(zone, "198.51.100.7", "example.org");
  EXPECT_EQ(via_net.result, SpfResult::kPass);
  EXPECT_EQ(via_net.mechanism, "include:example.net");
  EXPECT_EQ(ResultFor(zone, "192.0.2.65", "example.org"), SpfResult::kFail);

  SpfVerdict la = CheckExampleCom(zone, "192.0.2.130", "la.example.org");
  EXPECT_EQ(la.result, SpfResult::kPass);
  EXPECT_EQ(la.domain, "la.example.org");
  EXPECT_EQ(la.decided_by, "example.org");
  EXPECT_NE(la.reason.find("reached by redirect from la.example.org"),
            std::string::npos)
      << la.reason;
  EXPECT_EQ(ResultFor(zone, "203.0.113.1", "ny.example.org"), SpfResult::kFail);
}

TEST(Spf, AppendixA3DnsblStyle) {
  const DnsZone zone = AppendixAZone(R"(
$ORIGIN _spf.example.com.
mary.mobile-users                    A 127.0.0.2
fred.mobile-users                    A 127.0.0.2
15.15.168.192.joel.remote-users      A 127.0.0.2
16.15.168.192.joel.remote-users      A 127.0.0.2
example.com. TXT "v=spf1 mx include:mobile-users._spf.%{d} include:remote-users._spf.%{d} -all"
mobile-users._spf.example.com. TXT "v=spf1 exists:%{l1r+}.%{d}"
remote-users._spf.example.com. TXT "v=spf1 exists:%{ir}.%{l1r+}.%{d}"
)");
  SpfEvaluator spf(zone);
  const auto check = [&](std::string_view ip, std::string_view sender) {
    return spf.CheckMailFrom(Ip(ip), sender, "mx.example.org");
  };
  EXPECT_EQ(check("203.0.113.5", "mary@example.com").result, SpfResult::kPass);
  // %{l1r+}: "fred+lists" splits at '+', and the rightmost part after
  // reversal is "fred".
  EXPECT_EQ(check("203.0.113.5", "fred+lists@example.com").result,
            SpfResult::kPass);
  EXPECT_EQ(check("192.168.15.15", "joel@example.com").result,
            SpfResult::kPass);
  EXPECT_EQ(check("192.168.15.16", "joel@example.com").result,
            SpfResult::kPass);
  SpfVerdict joel_elsewhere = check("192.168.15.17", "joel@example.com");
  EXPECT_EQ(joel_elsewhere.result, SpfResult::kFail);
  EXPECT_EQ(joel_elsewhere.void_lookups, 2);  // both exists: found nothing
  EXPECT_EQ(check("203.0.113.5", "bob@example.com").result, SpfResult::kFail);
  EXPECT_EQ(check("192.0.2.129", "anyone@example.com").result,
            SpfResult::kPass);  // mx
}

TEST(Spf, AppendixA4MultipleRequirements) {
  // ptr._spf uses "-ptr:example.com" as corrected by RFC erratum 6216: a
  // bare "-ptr" there would compare against ptr._spf.example.com.
  const DnsZone zone = AppendixAZone(R"(
example.com. TXT ( "v=spf1 "
                   "-include:ip4._spf.%{d} "
                   "-include:ptr._spf.%{d} "
                   "+all" )
ip4._spf.example.com. TXT "v=spf1 -ip4:192.0.2.0/24 +all"
ptr._spf.example.com. TXT "v=spf1 -ptr:example.com +all"
)");
  // In 192.0.2.0/24 and the PTR name is validated under example.com.
  EXPECT_EQ(ResultFor(zone, "192.0.2.65"), SpfResult::kPass);
  EXPECT_EQ(ResultFor(zone, "192.0.2.129"), SpfResult::kPass);
  // In the range, but the name is under example.org.
  EXPECT_EQ(ResultFor(zone, "192.0.2.140"), SpfResult::kFail);
  // In the range without any PTR record.
  EXPECT_EQ(ResultFor(zone, "192.0.2.200"), SpfResult::kFail);
  // Outside the range, whatever the PTR says.
  SpfVerdict rogue = CheckExampleCom(zone, "10.0.0.4");
  EXPECT_EQ(rogue.result, SpfResult::kFail);
  EXPECT_EQ(rogue.mechanism, "-include:ip4._spf.%{d}");
}

TEST(Spf, ReasonsNameTheIpDomainAndMechanism) {
  const DnsZone zone = AppendixAZone(R"(example.com. TXT "v=spf1 a -all")");
  SpfVerdict fail = CheckExampleCom(zone, "203.0.113.7");
  EXPECT_EQ(fail.result, SpfResult::kFail);
  EXPECT_EQ(fail.mechanism, "-all");
  EXPECT_EQ(fail.decided_by, "example.com");
  EXPECT_EQ(fail.reason,
            "SPF fail for 203.0.113.7: example.com does not authorise it "
            "(-all)");
  SpfVerdict pass = CheckExampleCom(zone, "192.0.2.10");
  EXPECT_EQ(pass.reason,
            "SPF pass for 192.0.2.10: example.com authorises it (a)");
  EXPECT_EQ(pass.dns_terms, 1);
  const DnsZone none = AppendixAZone();
  SpfVerdict no_record = CheckExampleCom(none, "192.0.2.10");
  EXPECT_EQ(no_record.result, SpfResult::kNone);
  EXPECT_EQ(no_record.reason,
            "SPF none for 192.0.2.10: example.com publishes no v=spf1 record");
}

TEST(Spf, QualifiersGiveTheirResults) {
  const DnsZone zone = AppendixAZone(R"(
a.example.net TXT "v=spf1 +all"
b.example.net TXT "v=spf1 -all"
c.example.net TXT "v=spf1 ~all"
d.example.net TXT "v=spf1 ?all"
e.example.net TXT "v=spf1 ip4:192.0.2.1"
f.example.net TXT "v=spf1"
g.example.net TXT "V=SPF1 -ALL"
)");
  EXPECT_EQ(ResultFor(zone, "192.0.2.9", "a.example.net"), SpfResult::kPass);
  EXPECT_EQ(ResultFor(zone, "192.0.2.9", "b.example.net"), SpfResult::kFail);
  EXPECT_EQ(ResultFor(zone, "192.0.2.9", "c.example.net"),
            SpfResult::kSoftfail);
  EXPECT_EQ(ResultFor(zone, "192.0.2.9", "d.example.net"), SpfResult::kNeutral);
  SpfVerdict nothing = CheckExampleCom(zone, "192.0.2.9", "e.example.net");
  EXPECT_EQ(nothing.result, SpfResult::kNeutral);  // default ?all
  EXPECT_EQ(nothing.mechanism, "");
  EXPECT_EQ(ResultFor(zone, "192.0.2.9", "f.example.net"), SpfResult::kNeutral);
  EXPECT_EQ(ResultFor(zone, "192.0.2.9", "g.example.net"), SpfResult::kFail);
}

TEST(Spf, RecordSelection) {
  const DnsZone zone = AppendixAZone(R"(
two.example.net TXT "v=spf1 +all"
two.example.net TXT "v=spf1 -all"
mixed.example.net TXT "spf2.0/pra +all"
mixed.example.net TXT "google-site-verification=abc"
mixed.example.net TXT "v=spf1 -all"
prefix.example.net TXT "v=spf10 +all"
prefix.example.net TXT "v=spf1-all"
)");
  SpfVerdict two = CheckExampleCom(zone, "192.0.2.9", "two.example.net");
  EXPECT_EQ(two.result, SpfResult::kPermerror);
  EXPECT_NE(two.reason.find("publishes 2 v=spf1 records"), std::string::npos)
      << two.reason;
  EXPECT_EQ(ResultFor(zone, "192.0.2.9", "mixed.example.net"),
            SpfResult::kFail);
  // The version must be followed by a space or the end of the record.
  EXPECT_EQ(ResultFor(zone, "192.0.2.9", "prefix.example.net"),
            SpfResult::kNone);
}

TEST(Spf, InvalidDomainsAreNone) {
  const DnsZone zone = AppendixAZone();
  for (std::string_view domain :
       {"", "localhost", "a..example.com", ".example.com"}) {
    EXPECT_EQ(ResultFor(zone, "192.0.2.9", domain), SpfResult::kNone) << domain;
  }
  EXPECT_EQ(ResultFor(zone, "192.0.2.9", std::string(64, 'a') + ".com"),
            SpfResult::kNone);
}

// Include's result table (RFC 7208 5.2), seen from
// "v=spf1 include:inc.example.net -all".
struct IncludeCase {
  const char* name;
  std::string included;  // zone lines for inc.example.net
  SpfResult result;
};

class IncludeTest : public ::testing::TestWithParam<IncludeCase> {};

TEST_P(IncludeTest, MapsTheIncludedResult) {
  const DnsZone zone = AppendixAZone(
      "top.example.net TXT \"v=spf1 include:inc.example.net -all\"\n" +
      GetParam().included);
  EXPECT_EQ(ResultFor(zone, "192.0.2.9", "top.example.net"), GetParam().result);
}

INSTANTIATE_TEST_SUITE_P(
    Rfc7208, IncludeTest,
    ::testing::Values(
        IncludeCase{"PassMatches", "inc.example.net TXT \"v=spf1 +all\"",
                    SpfResult::kPass},
        IncludeCase{"FailDoesNotMatch", "inc.example.net TXT \"v=spf1 -all\"",
                    SpfResult::kFail},
        IncludeCase{"SoftfailDoesNotMatch",
                    "inc.example.net TXT \"v=spf1 ~all\"", SpfResult::kFail},
        IncludeCase{"NeutralDoesNotMatch",
                    "inc.example.net TXT \"v=spf1 ?all\"", SpfResult::kFail},
        IncludeCase{"TemperrorPropagates", "inc.example.net TEMPFAIL",
                    SpfResult::kTemperror},
        IncludeCase{"PermerrorPropagates",
                    "inc.example.net TXT \"v=spf1 bogus\"",
                    SpfResult::kPermerror},
        IncludeCase{"NoneIsPermerror", "inc.example.net TXT \"hello\"",
                    SpfResult::kPermerror},
        IncludeCase{"MissingDomainIsPermerror", "", SpfResult::kPermerror}),
    [](const ::testing::TestParamInfo<IncludeCase>& param_info) {
      return std::string(param_info.param.name);
    });

TEST(Spf, IncludeQualifierAppliesToTheMatch) {
  const DnsZone zone = AppendixAZone(R"(
top.example.net TXT "v=spf1 -include:inc.example.net +all"
inc.example.net TXT "v=spf1 ip4:192.0.2.0/24 -all"
)");
  SpfVerdict inside = CheckExampleCom(zone, "192.0.2.9", "top.example.net");
  EXPECT_EQ(inside.result, SpfResult::kFail);
  EXPECT_EQ(inside.mechanism, "-include:inc.example.net");
  EXPECT_EQ(ResultFor(zone, "198.51.100.9", "top.example.net"),
            SpfResult::kPass);
}

TEST(Spf, RedirectSemantics) {
  const DnsZone zone = AppendixAZone(R"(
target.example.net TXT "v=spf1 ip4:198.51.100.0/24 -all exp=why.example.net"
why.example.net TXT "%{i} is not welcome at %{d}"
top.example.net TXT "v=spf1 ip4:192.0.2.1 redirect=target.example.net exp=top-why.example.net"
top-why.example.net TXT "top explanation"
empty.example.net TXT "v=spf1 redirect=nothing.example.net"
allfirst.example.net TXT "v=spf1 ?all redirect=target.example.net"
macro.example.net TXT "v=spf1 redirect=target.%{d2}"
)");
  // A mechanism matched: redirect is not used.
  EXPECT_EQ(ResultFor(zone, "192.0.2.1", "top.example.net"), SpfResult::kPass);
  // No match: the target decides, with its own explanation, never the
  // redirecting domain's (RFC 7208 6.2).
  SpfVerdict redirected =
      CheckExampleCom(zone, "203.0.113.9", "top.example.net");
  EXPECT_EQ(redirected.result, SpfResult::kFail);
  EXPECT_EQ(redirected.decided_by, "target.example.net");
  EXPECT_EQ(redirected.explanation,
            "203.0.113.9 is not welcome at target.example.net");
  EXPECT_EQ(redirected.dns_terms, 1);
  EXPECT_EQ(ResultFor(zone, "198.51.100.9", "top.example.net"),
            SpfResult::kPass);
  // A target without a record is permerror, not none.
  SpfVerdict empty = CheckExampleCom(zone, "192.0.2.1", "empty.example.net");
  EXPECT_EQ(empty.result, SpfResult::kPermerror);
  EXPECT_EQ(empty.mechanism, "redirect=nothing.example.net");
  // "all" always matches, so redirect never runs.
  EXPECT_EQ(ResultFor(zone, "198.51.100.9", "allfirst.example.net"),
            SpfResult::kNeutral);
  // The target is a macro-string.
  EXPECT_EQ(ResultFor(zone, "198.51.100.9", "macro.example.net"),
            SpfResult::kPass);
}

TEST(Spf, ExplanationIsExpandedForFailOnly) {
  const DnsZone zone = AppendixAZone(R"(
example.com. TXT "v=spf1 mx -all exp=explain._spf.%{d}"
explain._spf.example.com. TXT "%{i} is not one of %{d}'s designated mail servers."
broken.example.net TXT "v=spf1 -all exp=nothing.example.net"
)");
  SpfVerdict fail = CheckExampleCom(zone, "203.0.113.7");
  EXPECT_EQ(fail.result, SpfResult::kFail);
  EXPECT_EQ(fail.explanation,
            "203.0.113.7 is not one of example.com's designated mail "
            "servers.");
  EXPECT_EQ(fail.dns_terms, 1);  // the exp lookup is not counted
  EXPECT_EQ(CheckExampleCom(zone, "192.0.2.129").explanation, "");
  // A missing explanation record leaves the result alone.
  SpfVerdict broken =
      CheckExampleCom(zone, "203.0.113.7", "broken.example.net");
  EXPECT_EQ(broken.result, SpfResult::kFail);
  EXPECT_EQ(broken.explanation, "");
}

// `count` terms "a:hN.example.net" (each name has an address that is not
// the client's, so none is a void lookup), then `tail`.
std::string ManyATerms(int count, std::string_view tail) {
  std::string record = "v=spf1";
  for (int i = 1; i <= count; ++i) {
    record += Numbered(" a:h", i, ".example.net");
  }
  return record.append(" ").append(tail);
}

DnsZone LimitZone(const std::string& record) {
  std::string zone_text = "limit.example.net TXT \"" + record + "\"\n";
  for (int i = 1; i <= 12; ++i) {
    zone_text += Numbered("h", i, ".example.net A 198.51.100.1\n");
  }
  zone_text += "h99.example.net A 192.0.2.9\n";
  return AppendixAZone(zone_text);
}

TEST(Spf, TenDnsTermsAreAllowedAndTheEleventhIsPermerror) {
  SpfVerdict ten = CheckExampleCom(LimitZone(ManyATerms(10, "-all")),
                                   "192.0.2.9", "limit.example.net");
  EXPECT_EQ(ten.result, SpfResult::kFail);
  EXPECT_EQ(ten.dns_terms, 10);
  // The tenth may match.
  SpfVerdict tenth_matches =
      CheckExampleCom(LimitZone(ManyATerms(9, "a:h99.example.net -all")),
                      "192.0.2.9", "limit.example.net");
  EXPECT_EQ(tenth_matches.result, SpfResult::kPass);
  // The eleventh is not evaluated even when it would match.
  SpfVerdict eleven =
      CheckExampleCom(LimitZone(ManyATerms(10, "a:h99.example.net -all")),
                      "192.0.2.9", "limit.example.net");
  EXPECT_EQ(eleven.result, SpfResult::kPermerror);
  EXPECT_EQ(eleven.mechanism, "a:h99.example.net");
  EXPECT_NE(eleven.reason.find("more than 10 DNS lookups"), std::string::npos)
      << eleven.reason;
  // Terms after a match are never counted.
  SpfVerdict early = CheckExampleCom(
      LimitZone("v=spf1 ip4:192.0.2.9 " + ManyATerms(12, "-all").substr(7)),
      "192.0.2.9", "limit.example.net");
  EXPECT_EQ(early.result, SpfResult::kPass);
  EXPECT_EQ(early.dns_terms, 0);
}

TEST(Spf, AllIp4AndIp6DoNotCountButRedirectDoes) {
  std::string many_ips = "v=spf1";
  for (int i = 0; i < 30; ++i) {
    many_ips += Numbered(" ip4:198.51.100.", i, "");
  }
  SpfVerdict ips =
      CheckExampleCom(LimitZone(many_ips + " ip6:2001:db8::1 a -all"),
                      "192.0.2.9", "limit.example.net");
  EXPECT_EQ(ips.result, SpfResult::kFail);
  EXPECT_EQ(ips.dns_terms, 1);
  // Nine a terms and a redirect: ten. The target's own a term is eleven.
  const DnsZone zone = LimitZone(ManyATerms(9, "redirect=r.example.net"));
  DnsZone with_target = zone;
  with_target.AddTxt("r.example.net", "v=spf1 -all");
  EXPECT_EQ(ResultFor(with_target, "192.0.2.9", "limit.example.net"),
            SpfResult::kFail);
  DnsZone over = zone;
  over.AddTxt("r.example.net", "v=spf1 a:h1.example.net -all");
  EXPECT_EQ(ResultFor(over, "192.0.2.9", "limit.example.net"),
            SpfResult::kPermerror);
}

TEST(Spf, IncludesCountAcrossRecordsAndLoopsEndInPermerror) {
  // A chain of includes: i1 includes i2 ... the last one passes.
  const auto chain = [](int length) {
    DnsZone zone = AppendixAZone();
    zone.AddTxt("top.example.net", "v=spf1 include:i1.example.net -all");
    for (int i = 1; i < length; ++i) {
      zone.AddTxt(Numbered("i", i, ".example.net"),
                  Numbered("v=spf1 include:i", i + 1, ".example.net"));
    }
    zone.AddTxt(Numbered("i", length, ".example.net"), "v=spf1 +all");
    return zone;
  };
  SpfVerdict ten = CheckExampleCom(chain(10), "192.0.2.9", "top.example.net");
  EXPECT_EQ(ten.result, SpfResult::kPass);
  EXPECT_EQ(ten.dns_terms, 10);
  EXPECT_EQ(ResultFor(chain(11), "192.0.2.9", "top.example.net"),
            SpfResult::kPermerror);
  const DnsZone loop = AppendixAZone(R"(
loop.example.net TXT "v=spf1 include:loop.example.net -all"
)");
  SpfVerdict looped = CheckExampleCom(loop, "192.0.2.9", "loop.example.net");
  EXPECT_EQ(looped.result, SpfResult::kPermerror);
  EXPECT_EQ(looped.dns_terms, 11);
}

TEST(Spf, VoidLookupsPastTwoArePermerror) {
  const DnsZone zone = AppendixAZone(R"(
two.example.net TXT "v=spf1 a:nx1.example.net mx:nx2.example.net -all"
three.example.net TXT "v=spf1 a:nx1.example.net exists:nx2.example.net a:txt-only.example.net -all"
txt-only.example.net TXT "hello"
)");
  SpfVerdict two = CheckExampleCom(zone, "192.0.2.9", "two.example.net");
  EXPECT_EQ(two.result, SpfResult::kFail);
  EXPECT_EQ(two.void_lookups, 2);
  // NODATA (txt-only has no A) counts like NXDOMAIN.
  SpfVerdict three = CheckExampleCom(zone, "192.0.2.9", "three.example.net");
  EXPECT_EQ(three.result, SpfResult::kPermerror);
  EXPECT_EQ(three.void_lookups, 3);
  EXPECT_EQ(three.mechanism, "a:txt-only.example.net");
  EXPECT_NE(three.reason.find("more than 2 void DNS lookups"),
            std::string::npos)
      << three.reason;
}

TEST(Spf, TemporaryDnsFailuresAreTemperror) {
  const DnsZone zone = AppendixAZone(R"(
down.example.net TEMPFAIL
a.example.net TXT "v=spf1 a:down.example.net -all"
mx.example.net TXT "v=spf1 mx -all"
mx.example.net MX 10 down.example.net
exists.example.net TXT "v=spf1 exists:down.example.net -all"
ptr.example.net TXT "v=spf1 ptr -all"
9.2.0.192.in-addr.arpa TEMPFAIL PTR
late.example.net TXT "v=spf1 ip4:192.0.2.9 a:down.example.net -all"
)");
  SpfVerdict top = CheckExampleCom(zone, "192.0.2.9", "down.example.net");
  EXPECT_EQ(top.result, SpfResult::kTemperror);
  EXPECT_EQ(top.reason,
            "SPF temperror for 192.0.2.9: DNS lookup of TXT down.example.net "
            "failed");
  EXPECT_EQ(ResultFor(zone, "192.0.2.9", "a.example.net"),
            SpfResult::kTemperror);
  EXPECT_EQ(ResultFor(zone, "192.0.2.9", "mx.example.net"),
            SpfResult::kTemperror);
  EXPECT_EQ(ResultFor(zone, "192.0.2.9", "exists.example.net"),
            SpfResult::kTemperror);
  // A failed PTR lookup only makes ptr not match (RFC 7208 5.5).
  EXPECT_EQ(ResultFor(zone, "192.0.2.9", "ptr.example.net"), SpfResult::kFail);
  // Terms after a match are never looked up.
  EXPECT_EQ(ResultFor(zone, "192.0.2.9", "late.example.net"), SpfResult::kPass);
}

TEST(Spf, MxHostLimit) {
  std::string zone_text = R"(
ten.example.net TXT "v=spf1 mx -all"
eleven.example.net TXT "v=spf1 mx -all"
)";
  for (int i = 1; i <= 11; ++i) {
    const std::string host = Numbered("m", i, ".example.net");
    const std::string mx = Numbered(" MX ", i, " ") + host + "\n";
    if (i <= 10) zone_text += "ten.example.net" + mx;
    zone_text += "eleven.example.net" + mx;
    zone_text += host + Numbered(" A 198.51.100.", i, "\n");
  }
  const DnsZone zone = AppendixAZone(zone_text);
  EXPECT_EQ(ResultFor(zone, "198.51.100.10", "ten.example.net"),
            SpfResult::kPass);
  SpfVerdict eleven =
      CheckExampleCom(zone, "198.51.100.1", "eleven.example.net");
  EXPECT_EQ(eleven.result, SpfResult::kPermerror);
  EXPECT_NE(eleven.reason.find("11 MX records"), std::string::npos)
      << eleven.reason;
}

TEST(Spf, PtrLooksAtTheFirstTenNamesOnly) {
  // Ten PTR names under example.org, then one under example.com that is
  // validated: past the limit, so ignored (RFC 7208 4.6.4).
  std::string zone_text = "example.com. TXT \"v=spf1 ptr -all\"\n";
  for (int i = 1; i <= 11; ++i) {
    zone_text += Numbered("9.2.0.192.in-addr.arpa PTR p", i,
                          i == 11 ? ".example.com\n" : ".example.org\n");
  }
  zone_text += "p11.example.com A 192.0.2.9\n";
  EXPECT_EQ(ResultFor(AppendixAZone(zone_text), "192.0.2.9"), SpfResult::kFail);
  // The same name first in the list passes.
  const DnsZone zone = AppendixAZone(
      "example.com. TXT \"v=spf1 ptr -all\"\n"
      "9.2.0.192.in-addr.arpa PTR p.example.com\n"
      "9.2.0.192.in-addr.arpa PTR q.example.org\n"
      "p.example.com A 192.0.2.9\n");
  EXPECT_EQ(ResultFor(zone, "192.0.2.9"), SpfResult::kPass);
}

TEST(Spf, CidrEdges) {
  const DnsZone zone = AppendixAZone(R"(
any4.example.net TXT "v=spf1 ip4:0.0.0.0/0 -all"
any6.example.net TXT "v=spf1 ip6:::/0 -all"
host4.example.net TXT "v=spf1 ip4:192.0.2.1/32 -all"
host6.example.net TXT "v=spf1 ip6:2001:db8::1/128 -all"
net6.example.net TXT "v=spf1 ip6:2001:db8::/32 -all"
dual.example.net TXT "v=spf1 a:v6host.example.net/24//64 -all"
zero.example.net TXT "v=spf1 a:v6host.example.net/0 -all"
v6host.example.net A 198.51.100.1
v6host.example.net AAAA 2001:db8:1:2::1
)");
  EXPECT_EQ(ResultFor(zone, "203.0.113.1", "any4.example.net"),
            SpfResult::kPass);
  EXPECT_EQ(ResultFor(zone, "2001:db8::1", "any4.example.net"),
            SpfResult::kFail);
  EXPECT_EQ(ResultFor(zone, "2001:db8::1", "any6.example.net"),
            SpfResult::kPass);
  EXPECT_EQ(ResultFor(zone, "203.0.113.1", "any6.example.net"),
            SpfResult::kFail);
  EXPECT_EQ(ResultFor(zone, "192.0.2.1", "host4.example.net"),
            SpfResult::kPass);
  EXPECT_EQ(ResultFor(zone, "192.0.2.0", "host4.example.net"),
            SpfResult::kFail);
  EXPECT_EQ(ResultFor(zone, "192.0.2.2", "host4.example.net"),
            SpfResult::kFail);
  EXPECT_EQ(ResultFor(zone, "2001:db8::1", "host6.example.net"),
            SpfResult::kPass);
  EXPECT_EQ(ResultFor(zone, "2001:db8::2", "host6.example.net"),
            SpfResult::kFail);
  EXPECT_EQ(ResultFor(zone, "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
                      "net6.example.net"),
            SpfResult::kPass);
  EXPECT_EQ(ResultFor(zone, "2001:db9::", "net6.example.net"),
            SpfResult::kFail);
  // An IPv4-mapped client is judged as IPv4.
  EXPECT_EQ(ResultFor(zone, "::ffff:192.0.2.1", "host4.example.net"),
            SpfResult::kPass);
  // Dual CIDR: /24 for A records, //64 for AAAA.
  EXPECT_EQ(ResultFor(zone, "198.51.100.200", "dual.example.net"),
            SpfResult::kPass);
  EXPECT_EQ(ResultFor(zone, "198.51.101.1", "dual.example.net"),
            SpfResult::kFail);
  EXPECT_EQ(ResultFor(zone, "2001:db8:1:2:ffff::9", "dual.example.net"),
            SpfResult::kPass);
  EXPECT_EQ(ResultFor(zone, "2001:db8:1:3::1", "dual.example.net"),
            SpfResult::kFail);
  EXPECT_EQ(ResultFor(zone, "203.0.113.1", "zero.example.net"),
            SpfResult::kPass);
  // /0 for IPv4 leaves the IPv6 length at 128.
  EXPECT_EQ(ResultFor(zone, "2001:db8:1:2::2", "zero.example.net"),
            SpfResult::kFail);
}

TEST(Spf, ExistsAndPMacroUseTheZone) {
  const DnsZone zone = AppendixAZone(R"(
example.com. TXT "v=spf1 exists:%{p}._allow.%{d} -all"
mail-a.example.com._allow.example.com A 127.0.0.2
)");
  // 192.0.2.129's PTR name mail-a.example.com is validated by its A record.
  EXPECT_EQ(ResultFor(zone, "192.0.2.129"), SpfResult::kPass);
  // 10.0.0.4 claims bob.example.com, which does not lead back: "unknown".
  EXPECT_EQ(ResultFor(zone, "10.0.0.4"), SpfResult::kFail);
}

TEST(Spf, NullSenderIsPostmasterAtHelo) {
  const DnsZone zone = AppendixAZone(R"(
helo.example.net TXT "v=spf1 exists:%{l}.%{o}._check.example.net -all"
postmaster.helo.example.net._check.example.net A 127.0.0.2
)");
  SpfEvaluator spf(zone);
  for (std::string_view sender : {"", "<>"}) {
    SpfVerdict verdict =
        spf.CheckMailFrom(Ip("192.0.2.9"), sender, "helo.example.net");
    EXPECT_EQ(verdict.result, SpfResult::kPass) << verdict.reason;
    EXPECT_EQ(verdict.domain, "helo.example.net");
  }
  EXPECT_EQ(spf.CheckHelo(Ip("192.0.2.9"), "helo.example.net").result,
            SpfResult::kPass);
  // A sender with an empty local part is postmaster too (RFC 7208 4.3).
  EXPECT_EQ(spf.CheckMailFrom(Ip("192.0.2.9"), "@helo.example.net", "x").result,
            SpfResult::kPass);
  EXPECT_EQ(
      spf.CheckMailFrom(Ip("192.0.2.9"), "joe@helo.example.net", "x").result,
      SpfResult::kFail);
}

struct SyntaxCase {
  std::string record;
  std::string message;  // part of the reason
};

class SyntaxErrorTest : public ::testing::TestWithParam<SyntaxCase> {};

TEST_P(SyntaxErrorTest, IsPermerrorWithTheReason) {
  DnsZone zone;
  zone.AddTxt("example.com", GetParam().record);
  zone.AddAddress("example.com", Ip("192.0.2.9"));
  SpfVerdict verdict = CheckExampleCom(zone, "192.0.2.9");
  EXPECT_EQ(verdict.result, SpfResult::kPermerror) << GetParam().record;
  EXPECT_NE(verdict.reason.find(GetParam().message), std::string::npos)
      << verdict.reason;
  EXPECT_NE(verdict.reason.find("syntax error in the record of example.com"),
            std::string::npos)
      << verdict.reason;
}

INSTANTIATE_TEST_SUITE_P(
    Table, SyntaxErrorTest,
    ::testing::Values(
        SyntaxCase{"v=spf1 foo -all", "unknown mechanism 'foo'"},
        SyntaxCase{"v=spf1 foo:bar.com -all",
                   "unknown mechanism 'foo:bar.com'"},
        // An error anywhere counts, even after a term that would match.
        SyntaxCase{"v=spf1 +all bogus", "unknown mechanism 'bogus'"},
        SyntaxCase{"v=spf1 ip4:192.0.2.300", "bad IPv4 network"},
        SyntaxCase{"v=spf1 ip4:2001:db8::1", "bad IPv4 network"},
        SyntaxCase{"v=spf1 ip6:192.0.2.1", "bad IPv6 network"},
        SyntaxCase{"v=spf1 ip4:192.0.2.0/33", "bad CIDR length"},
        SyntaxCase{"v=spf1 ip4:192.0.2.0/024", "bad CIDR length"},
        SyntaxCase{"v=spf1 ip4:192.0.2.0/", "bad CIDR length"},
        SyntaxCase{"v=spf1 ip6:2001:db8::/129", "bad CIDR length"},
        SyntaxCase{"v=spf1 ip4", "needs an address"},
        SyntaxCase{"v=spf1 a:example.com/33", "bad CIDR length"},
        SyntaxCase{"v=spf1 mx//129", "bad CIDR length"},
        SyntaxCase{"v=spf1 include -all", "needs a domain"},
        SyntaxCase{"v=spf1 exists -all", "needs a domain"},
        SyntaxCase{"v=spf1 mx: -all", "empty domain name"},
        SyntaxCase{"v=spf1 a:foo -all", "does not end in a top-level domain"},
        SyntaxCase{"v=spf1 a:foo.123 -all", "does not end in a top-level"},
        SyntaxCase{"v=spf1 all:example.com", "'all' takes no argument"},
        SyntaxCase{"v=spf1 -all/24", "'all' takes no argument"},
        SyntaxCase{"v=spf1 include:%{x}.example.com", "unknown macro letter"},
        SyntaxCase{"v=spf1 exists:%{d0}.example.com", "keeps zero parts"},
        SyntaxCase{"v=spf1 exists:%{c}.example.com",
                   "allowed only in explanations"},
        SyntaxCase{"v=spf1 exists:%(d).example.com", "is not a macro"},
        SyntaxCase{"v=spf1 -all other=%{z}", "unknown macro letter"},
        SyntaxCase{"v=spf1 redirect=a.example.com redirect=b.example.com",
                   "redirect= appears twice"},
        SyntaxCase{"v=spf1 -all exp=a.example.com exp=b.example.com",
                   "exp= appears twice"},
        SyntaxCase{"v=spf1 redirect=foo", "does not end in a top-level"},
        SyntaxCase{"v=spf1 -exp=a.example.com", "unknown mechanism"},
        SyntaxCase{"v=spf1 ptr:", "empty domain name"}));

TEST(Spf, WellFormedUnknownModifiersAreIgnored) {
  const DnsZone zone = AppendixAZone(R"(
example.com. TXT "v=spf1 moo=%{d}.cow a -all  foo.bar=baz"
)");
  EXPECT_EQ(ResultFor(zone, "192.0.2.10"), SpfResult::kPass);
  EXPECT_EQ(ResultFor(zone, "192.0.2.65"), SpfResult::kFail);
}

TEST(Spf, ManyThreadsShareOneEvaluator) {
  const DnsZone zone = AppendixAZone(R"(
example.com. TXT "v=spf1 mx ptr include:_spf.%{d} -all exp=why.%{d}"
_spf.example.com. TXT "v=spf1 ip4:198.51.100.0/24 ~all"
why.example.com. TXT "%{i} denied"
)");
  const SpfEvaluator spf(zone);
  const std::vector<std::string> ips = {"192.0.2.129",  "192.0.2.65",
                                        "198.51.100.7", "203.0.113.1",
                                        "10.0.0.4",     "2001:db8::1"};
  std::vector<SpfVerdict> expected;
  for (const std::string& ip : ips) {
    expected.push_back(spf.CheckMailFrom(Ip(ip), "a@example.com", "h.example"));
  }
  ASSERT_EQ(expected[0].result, SpfResult::kPass);
  ASSERT_EQ(expected[3].result, SpfResult::kFail);
  ASSERT_EQ(expected[3].explanation, "203.0.113.1 denied");
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 300; ++round) {
        const size_t i = static_cast<size_t>(round + t) % ips.size();
        const SpfVerdict got =
            spf.CheckMailFrom(Ip(ips[i]), "a@example.com", "h.example");
        if (got.result != expected[i].result ||
            got.reason != expected[i].reason ||
            got.explanation != expected[i].explanation ||
            got.dns_terms != expected[i].dns_terms) {
          ++mismatches[static_cast<size_t>(t)];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(Spf, ResultNames) {
  EXPECT_EQ(SpfResultName(SpfResult::kNone), "none");
  EXPECT_EQ(SpfResultName(SpfResult::kNeutral), "neutral");
  EXPECT_EQ(SpfResultName(SpfResult::kPass), "pass");
  EXPECT_EQ(SpfResultName(SpfResult::kFail), "fail");
  EXPECT_EQ(SpfResultName(SpfResult::kSoftfail), "softfail");
  EXPECT_EQ(SpfResultName(SpfResult::kTemperror), "temperror");
  EXPECT_EQ(SpfResultName(SpfResult::kPermerror), "permerror");
}

}  // namespace
}  // namespace inboxsim::auth
