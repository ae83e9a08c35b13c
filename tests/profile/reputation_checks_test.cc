#include "sim/profile/reputation_checks.h"

#include <gtest/gtest.h>

#include <memory>

#include "sim/profile/reputation_table.h"
#include "tests/test_util.h"

namespace inboxsim::profile {
namespace {

using Parsed = testing::ParsedMessage;
Parsed Parse(std::string raw) { return testing::ParseOwned(std::move(raw)); }

std::optional<std::string> Reason(CheckKind check, std::string raw) {
  const Parsed parsed = Parse(std::move(raw));
  return ReputationSignalReason(check, parsed.message);
}

// Bulk-looking HTML: five links, so the unsubscribe and postal-address
// signals apply.
std::string Newsletter(const std::string& headers, const std::string& footer) {
  return headers +
         "Subject: News\nContent-Type: text/html\n\n<p>Offers <a "
         "href=\"https://shop.example/a\">a</a> <a "
         "href=\"https://shop.example/b\">b</a> <a "
         "href=\"https://shop.example/c\">c</a> <a "
         "href=\"https://shop.example/d\">d</a> <a "
         "href=\"https://shop.example/e\">e</a></p><p>" +
         footer + "</p>\n";
}

TEST(ReputationSignals, EveryKeyHasAnIdAndDescription) {
  for (std::string_view key : kReputationSignalKeys) {
    const std::optional<CheckKind> check = ParseReputationSignal(key);
    ASSERT_TRUE(check.has_value()) << key;
    EXPECT_EQ(ReputationSignalId(*check), "REP_" + ToUpperAscii(key));
    EXPECT_FALSE(ReputationSignalDescription(*check).empty()) << key;
  }
  EXPECT_EQ(ParseReputationSignal("images"), std::nullopt);
}

TEST(ReputationSignals, PersonalPlainMailFiresNothing) {
  const Parsed parsed = Parse(
      "From: Ann <ann@acme.example>\nTo: bob@acme.example\nSubject: lunch?\n\n"
      "See you at noon at https://maps.example/x\n");
  for (std::string_view key : kReputationSignalKeys) {
    EXPECT_EQ(
        ReputationSignalReason(*ParseReputationSignal(key), parsed.message),
        std::nullopt)
        << key;
  }
}

TEST(ReputationSignals, UnsubscribeByHeaderLinkOrTextSilencesTheSignal) {
  const std::optional<std::string> missing =
      Reason(CheckKind::kNoUnsubscribe, Newsletter("", "Thanks"));
  ASSERT_TRUE(missing.has_value());
  EXPECT_NE(missing->find("HTML with 5 links"), std::string::npos) << *missing;
  EXPECT_EQ(Reason(CheckKind::kNoUnsubscribe,
                   Newsletter("List-Unsubscribe: <mailto:u@shop.example>\n",
                              "Thanks")),
            std::nullopt);
  EXPECT_EQ(Reason(CheckKind::kNoUnsubscribe,
                   Newsletter("",
                              "<a href=\"https://shop.example/optout\">"
                              "here</a>")),
            std::nullopt);
  EXPECT_EQ(Reason(CheckKind::kNoUnsubscribe,
                   Newsletter("", "To unsubscribe, reply STOP")),
            std::nullopt);
  // Bulk headers alone make mail bulk-looking; a discussion list is not.
  EXPECT_TRUE(Reason(CheckKind::kNoUnsubscribe,
                     "Precedence: bulk\nSubject: x\n\nplain news\n")
                  .has_value());
  EXPECT_EQ(Reason(CheckKind::kNoPostalAddress,
                   "Precedence: list\nList-Post: <mailto:dev@lists.example>\n"
                   "Subject: x\n\na question\n"),
            std::nullopt);
}

TEST(ReputationSignals, PostalAddressesOfSeveralCountriesAreFound) {
  for (const char* address :
       {"Shop Inc, 1600 Amphitheatre Parkway, Mountain View, CA 94043",
        "Shop Inc., 12 High St, London", "PO Box 1234, Springfield",
        "Shop Ltd, London SW1A 1AA", "Shop GmbH, Hauptstraße 5, Berlin",
        "Shop SARL<br>12 rue de la Paix<br>75002 Paris",
        "Shop BV, Damrak 1, 1012 LG Amsterdam", "Shop, Toronto ON M5V 2T6"}) {
    EXPECT_EQ(Reason(CheckKind::kNoPostalAddress,
                     Newsletter("", std::string("Unsubscribe. ") + address)),
              std::nullopt)
        << address;
  }
  EXPECT_TRUE(Reason(CheckKind::kNoPostalAddress,
                     Newsletter("", "Thanks for reading, 2026 edition"))
                  .has_value());
}

TEST(ReputationSignals, ImageHeavyMailWithLittleText) {
  const std::optional<std::string> reason =
      Reason(CheckKind::kImageTextRatio,
             "Content-Type: text/html\n\n<img src=\"https://x.example/a.png\">"
             "<img src=\"https://x.example/b.png\"> Buy now\n");
  ASSERT_TRUE(reason.has_value());
  EXPECT_EQ(*reason, "2 images and 7 characters of text (under 400 per image)");
  EXPECT_EQ(Reason(CheckKind::kImageTextRatio,
                   "Content-Type: text/html\n\n<img src=\"a.png\"><p>" +
                       std::string(500, 'w') + "</p>\n"),
            std::nullopt);
}

TEST(ReputationSignals, LinkTextNamingAnotherDomain) {
  const auto html = [](const std::string& anchor) {
    return "Content-Type: text/html\n\n" + anchor + "\n";
  };
  EXPECT_EQ(Reason(CheckKind::kLinkTextMismatch,
                   html("<a href=\"https://evil.example/login\">"
                        "www.paypal.com</a>")),
            "link text names paypal.com but goes to evil.example");
  EXPECT_EQ(Reason(CheckKind::kLinkTextMismatch,
                   html("<a href=\"http://x.evil.example/\">"
                        "https://secure.bank.example/login</a>")),
            "link text names bank.example but goes to evil.example");
  // The same registrable domain, text that is no host, or a version number.
  EXPECT_EQ(Reason(CheckKind::kLinkTextMismatch,
                   html("<a href=\"https://www.paypal.com/x\">paypal.com</a>")),
            std::nullopt);
  EXPECT_EQ(Reason(CheckKind::kLinkTextMismatch,
                   html("<a href=\"https://a.example/\">click here</a>"
                        "<a href=\"https://a.example/\">version 2.0</a>")),
            std::nullopt);
}

TEST(ReputationSignals, DisplayNameSpoofing) {
  EXPECT_EQ(Reason(CheckKind::kDisplayNameSpoof,
                   "From: \"PayPal Service\" <help@secure-pay.example>\n\nx\n"),
            "display name \"PayPal Service\" names paypal, sent from "
            "secure-pay.example");
  EXPECT_EQ(Reason(CheckKind::kDisplayNameSpoof,
                   "From: \"PayPal\" <service@mail.paypal.com>\n\nx\n"),
            std::nullopt);
  EXPECT_EQ(
      Reason(CheckKind::kDisplayNameSpoof,
             "From: \"ceo@acme.example\" <ceo.acme@freemail.example>\n\nx\n"),
      "display name shows an address at acme.example, sent from "
      "freemail.example");
  EXPECT_EQ(Reason(CheckKind::kDisplayNameSpoof,
                   "From: \"Acmecorp IT Desk\" <it@helpdesk.example>\n"
                   "To: bob@acmecorp.example\n\nx\n"),
            "display name \"Acmecorp IT Desk\" names the recipient's domain "
            "acmecorp.example, sent from helpdesk.example");
  // Words that merely contain a brand do not count.
  EXPECT_EQ(Reason(CheckKind::kDisplayNameSpoof,
                   "From: \"Pineapple Farm\" <farm@fruit.example>\n\nx\n"),
            std::nullopt);
}

TEST(ReputationSignals, ShortenersCapsAndPunctuation) {
  EXPECT_EQ(Reason(CheckKind::kUrlShortener,
                   "Subject: x\n\nsee https://bit.ly/3xYz now\n"),
            "link through URL shortener bit.ly (https://bit.ly/3xYz)");
  EXPECT_EQ(Reason(CheckKind::kSubjectCaps,
                   "Subject: FREE MONEY FOR YOU today\n\nx\n"),
            "subject is 75% capitals");
  EXPECT_EQ(Reason(CheckKind::kSubjectCaps, "Subject: IBM and NASA\n\nx\n"),
            std::nullopt);  // too few letters to judge
  EXPECT_EQ(
      Reason(CheckKind::kSubjectPunctuation, "Subject: Act now!!! $$$\n\nx\n"),
      "subject has \"!!!\"");
  EXPECT_EQ(Reason(CheckKind::kSubjectPunctuation, "Subject: Why?!\n\nx\n"),
            std::nullopt);
}

TEST(ReputationSignals, BulkHeadersWithoutListHeaders) {
  EXPECT_EQ(Reason(CheckKind::kBulkWithoutListHeaders,
                   "Precedence: bulk\nSubject: x\n\ny\n"),
            "Precedence: bulk without List-Id or List-Unsubscribe");
  EXPECT_EQ(Reason(CheckKind::kBulkWithoutListHeaders,
                   "X-Mailgun-Sid: abc\nSubject: x\n\ny\n"),
            "X-Mailgun-Sid header without List-Id or List-Unsubscribe");
  EXPECT_EQ(Reason(CheckKind::kBulkWithoutListHeaders,
                   "Precedence: list\nList-Id: <dev.lists.example>\n\ny\n"),
            std::nullopt);
}

TEST(ReputationTable, ClassesBySenderDomainAddressAndIp) {
  testing::TempDir dir;
  const std::string path = dir.Write("senders.txt",
                                     "# reputation\n"
                                     "spam.example   bad\n"
                                     "joe@partner.example good\n"
                                     "203.0.113.0/24 poor  # a hoster\n");
  Result<std::shared_ptr<const ReputationTable>> table =
      LoadReputationTable(path);
  ASSERT_TRUE(table.ok()) << table.error().ToString();
  EXPECT_EQ((*table)->size(), 3u);
  const Parsed bad = Parse("From: a@mail.spam.example\n\nx\n");
  EXPECT_EQ(MatchReputation(**table, ReputationClass::kBad, bad.message),
            "sender a@mail.spam.example: reputation bad (spam.example, " +
                path + ")");
  EXPECT_EQ(MatchReputation(**table, ReputationClass::kGood, bad.message),
            std::nullopt);
  const Parsed good = Parse(
      "Received: from mx (mx [203.0.113.9]) by in.example\n"
      "From: joe@partner.example\n\nx\n");
  EXPECT_TRUE(MatchReputation(**table, ReputationClass::kGood, good.message));
  EXPECT_EQ(MatchReputation(**table, ReputationClass::kPoor, good.message),
            "connecting IP 203.0.113.9: reputation poor (203.0.113.0/24, " +
                path + ")");
}

TEST(ReputationTable, BadLineNamesFileAndLine) {
  testing::TempDir dir;
  const std::string path =
      dir.Write("senders.txt", "ok.example good\nbroken.example awful\n");
  Result<std::shared_ptr<const ReputationTable>> table =
      LoadReputationTable(path);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().where, path + ":2");
  EXPECT_NE(table.error().message.find("bad, poor, neutral or good"),
            std::string::npos);
}

}  // namespace
}  // namespace inboxsim::profile
