#include "sim/auth/sender_id.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/mime/header.h"
#include "sim/mime/sender.h"
#include "tests/auth/spf_test_zone.h"

namespace inboxsim::auth {
namespace {

using testing::AppendixAZone;
using testing::Ip;

mime::SenderFacts FactsOf(const std::string& header_text) {
  const std::string raw = header_text + "\n";  // field names point into it
  mime::HeaderSection section = mime::ParseHeaderSection(raw, {});
  return mime::ExtractSenderFacts(section.headers);
}

mime::Address Pra(std::string_view local, std::string_view domain) {
  mime::Address address;
  address.local_part = std::string(local);
  address.domain = std::string(domain);
  return address;
}

SpfVerdict PraCheck(const DnsZone& zone, std::string_view ip,
                    std::string_view domain) {
  SpfEvaluator spf(zone);
  return CheckSenderId(spf, Ip(ip), Pra("news", domain),
                       mime::PraStatus::kFound, "mx.example.org");
}

TEST(SenderId, PraScopedRecordWinsOverSpf1) {
  const DnsZone zone = AppendixAZone(R"(
both.example.net TXT "v=spf1 -all"
both.example.net TXT "spf2.0/pra ip4:192.0.2.1 -all"
)");
  SpfVerdict pra = PraCheck(zone, "192.0.2.1", "both.example.net");
  EXPECT_EQ(pra.result, SpfResult::kPass);
  EXPECT_EQ(pra.mechanism, "ip4:192.0.2.1");
  EXPECT_EQ(pra.reason,
            "Sender ID pass for 192.0.2.1: both.example.net authorises it "
            "(ip4:192.0.2.1)");
  // Plain SPF of the same domain still reads only v=spf1.
  SpfEvaluator spf(zone);
  EXPECT_EQ(
      spf.CheckMailFrom(Ip("192.0.2.1"), "a@both.example.net", "h").result,
      SpfResult::kFail);
}

TEST(SenderId, ScopeListsInAnyOrderAndCase) {
  const DnsZone zone = AppendixAZone(R"(
a.example.net TXT "spf2.0/mfrom,pra ip4:192.0.2.1 -all"
b.example.net TXT "spf2.0/pra,mfrom ip4:192.0.2.1 -all"
c.example.net TXT "SPF2.0/PRA ip4:192.0.2.1 -all"
d.example.net TXT "spf2.0/pra,future ip4:192.0.2.1 -all"
)");
  for (std::string_view domain :
       {"a.example.net", "b.example.net", "c.example.net", "d.example.net"}) {
    EXPECT_EQ(PraCheck(zone, "192.0.2.1", domain).result, SpfResult::kPass)
        << domain;
    EXPECT_EQ(PraCheck(zone, "192.0.2.2", domain).result, SpfResult::kFail)
        << domain;
  }
}

TEST(SenderId, FallsBackToSpf1WhenNoSpf2RecordExists) {
  const DnsZone zone = AppendixAZone(R"(
example.com. TXT "v=spf1 mx -all"
)");
  EXPECT_EQ(PraCheck(zone, "192.0.2.129", "example.com").result,
            SpfResult::kPass);
  EXPECT_EQ(PraCheck(zone, "192.0.2.65", "example.com").result,
            SpfResult::kFail);
}

TEST(SenderId, AnySpf2RecordDisablesTheSpf1Fallback) {
  // RFC 4406 3.4: v=spf1 stands for "spf2.0/mfrom,pra" only "provided no
  // record starting with spf2.0 exists", so an mfrom-only record opts the
  // domain out of PRA checks.
  const DnsZone zone = AppendixAZone(R"(
optout.example.net TXT "spf2.0/mfrom ip4:192.0.2.1 -all"
optout.example.net TXT "v=spf1 +all"
)");
  SpfVerdict verdict = PraCheck(zone, "192.0.2.1", "optout.example.net");
  EXPECT_EQ(verdict.result, SpfResult::kNone);
  EXPECT_EQ(verdict.reason,
            "Sender ID none for 192.0.2.1: optout.example.net publishes no "
            "spf2.0/pra record");
  // The mfrom scope reads that record.
  SpfEvaluator spf(zone);
  SpfRequest request{Ip("192.0.2.2"), "optout.example.net",
                     "a@optout.example.net", "h"};
  EXPECT_EQ(spf.CheckHost(request, RecordScope::kSenderIdMfrom).result,
            SpfResult::kFail);
}

TEST(SenderId, NoRecordIsNoneAndSeveralArePermerror) {
  const DnsZone zone = AppendixAZone(R"(
plain.example.net TXT "hello"
two.example.net TXT "spf2.0/pra +all"
two.example.net TXT "spf2.0/mfrom,pra -all"
split.example.net TXT "spf2.0/pra ip4:192.0.2.1 -all"
split.example.net TXT "spf2.0/mfrom +all"
)");
  SpfVerdict none = PraCheck(zone, "192.0.2.1", "plain.example.net");
  EXPECT_EQ(none.result, SpfResult::kNone);
  EXPECT_NE(none.reason.find("no spf2.0/pra or v=spf1 record"),
            std::string::npos)
      << none.reason;
  SpfVerdict two = PraCheck(zone, "192.0.2.1", "two.example.net");
  EXPECT_EQ(two.result, SpfResult::kPermerror);
  EXPECT_NE(two.reason.find("2 spf2.0/pra records"), std::string::npos)
      << two.reason;
  // An mfrom-only record beside a pra one is not a second pra record.
  EXPECT_EQ(PraCheck(zone, "192.0.2.2", "split.example.net").result,
            SpfResult::kFail);
}

TEST(SenderId, IncludesReadTheSameScope) {
  const DnsZone zone = AppendixAZone(R"(
top.example.net TXT "spf2.0/pra include:inc.example.net -all"
inc.example.net TXT "v=spf1 -all"
inc.example.net TXT "spf2.0/pra ip4:192.0.2.0/24 -all"
)");
  EXPECT_EQ(PraCheck(zone, "192.0.2.7", "top.example.net").result,
            SpfResult::kPass);
  EXPECT_EQ(PraCheck(zone, "198.51.100.7", "top.example.net").result,
            SpfResult::kFail);
}

TEST(SenderId, NoPraIsPermerrorWithTheReason) {
  const DnsZone zone = AppendixAZone(R"(example.com. TXT "v=spf1 +all")");
  SpfEvaluator spf(zone);
  SpfVerdict multiple = CheckSenderId(spf, Ip("192.0.2.1"), std::nullopt,
                                      mime::PraStatus::kMultipleFrom);
  EXPECT_EQ(multiple.result, SpfResult::kPermerror);
  EXPECT_EQ(multiple.reason,
            "Sender ID permerror for 192.0.2.1: no purported responsible "
            "address (several From mailboxes and no Sender)");
  EXPECT_EQ(CheckSenderId(spf, Ip("192.0.2.1"), std::nullopt,
                          mime::PraStatus::kNoCandidate)
                .result,
            SpfResult::kPermerror);
  // A PRA without a domain cannot be checked either.
  EXPECT_EQ(CheckSenderId(spf, Ip("192.0.2.1"), Pra("joe", ""),
                          mime::PraStatus::kFound)
                .result,
            SpfResult::kPermerror);
}

TEST(SenderId, ChecksThePraThatSenderFactsChoose) {
  const DnsZone zone = AppendixAZone(R"(
example.com. TXT "spf2.0/pra mx -all"
list.example.net TXT "spf2.0/pra ip4:203.0.113.0/24 -all"
)");
  SpfEvaluator spf(zone);
  // Sender beats From (RFC 4407 2): a list server resending an author's
  // mail is judged by its own domain.
  mime::SenderFacts facts = FactsOf(
      "From: Author <author@example.com>\n"
      "Sender: owner@list.example.net\n");
  ASSERT_EQ(facts.pra_status, mime::PraStatus::kFound);
  EXPECT_EQ(
      CheckSenderId(spf, Ip("203.0.113.9"), facts.pra, facts.pra_status).result,
      SpfResult::kPass);
  mime::SenderFacts author = FactsOf("From: author@example.com\n");
  SpfVerdict direct =
      CheckSenderId(spf, Ip("192.0.2.130"), author.pra, author.pra_status);
  EXPECT_EQ(direct.result, SpfResult::kPass);
  EXPECT_EQ(direct.domain, "example.com");
  mime::SenderFacts two_from =
      FactsOf("From: a@example.com\nFrom: b@example.com\n");
  EXPECT_EQ(
      CheckSenderId(spf, Ip("192.0.2.130"), two_from.pra, two_from.pra_status)
          .result,
      SpfResult::kPermerror);
}

TEST(SenderId, PraStatusNames) {
  EXPECT_EQ(PraStatusName(mime::PraStatus::kFound), "found");
  EXPECT_EQ(PraStatusName(mime::PraStatus::kNoCandidate), "no_candidate");
  EXPECT_EQ(PraStatusName(mime::PraStatus::kMultipleFrom), "multiple_from");
  EXPECT_EQ(PraStatusName(mime::PraStatus::kMultipleSender), "multiple_sender");
  EXPECT_EQ(PraStatusName(mime::PraStatus::kMalformed), "malformed");
}

}  // namespace
}  // namespace inboxsim::auth
