#include "sim/mime/address.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

namespace inboxsim::mime {
namespace {

// "display|local|domain" per mailbox, so a whole list compares in one line.
std::vector<std::string> Flat(std::string_view value) {
  std::vector<std::string> out;
  for (const Address& a : ParseAddressList(value)) {
    out.push_back(a.display_name + "|" + a.local_part + "|" + a.domain);
  }
  return out;
}

using Flats = std::vector<std::string>;

TEST(ParseAddressList, QuotedNameWithCommaAndBareAddress) {
  std::vector<Address> to = ParseAddressList("\"Doe, J\" <j@x.org>, k@y.net");
  ASSERT_EQ(to.size(), 2u);
  EXPECT_EQ(to[0].display_name, "Doe, J");
  EXPECT_EQ(to[0].local_part, "j");
  EXPECT_EQ(to[0].domain, "x.org");
  EXPECT_EQ(to[0].AddrSpec(), "j@x.org");
  EXPECT_EQ(to[1].display_name, "");
  EXPECT_EQ(to[1].AddrSpec(), "k@y.net");
}

TEST(ParseAddressList, EscapedQuotesAreUndone) {
  EXPECT_EQ(Flat(R"("Doe \"JD\", John" <John.Doe@Example.COM>)"),
            Flats{"Doe \"JD\", John|John.Doe|example.com"});
}

TEST(ParseAddressList, DomainIsLowerCasedLocalPartKept) {
  EXPECT_EQ(Flat("MiXeD.Local@EXAMPLE.Org."),
            Flats{"|MiXeD.Local|example.org"});
}

TEST(ParseAddressList, DisplayNameWhitespaceIsCollapsed) {
  EXPECT_EQ(Flat("  \"  Mary \t  Smith \"   <mary@x.com>"),
            Flats{"Mary Smith|mary|x.com"});
  EXPECT_EQ(Flat("Mary\r\n   Smith <mary@x.com>"),
            Flats{"Mary Smith|mary|x.com"});
}

TEST(ParseAddressList, CommentsAreDroppedFromNames) {
  EXPECT_EQ(Flat("John (the (nested) man) Doe <j@x.com>"),
            Flats{"John Doe|j|x.com"});
}

TEST(ParseAddressList, CommentIsTheNameWhenThereIsNoOther) {
  EXPECT_EQ(Flat("j@x.com (John (Jack) Doe)"),
            Flats{"John (Jack) Doe|j|x.com"});
  EXPECT_EQ(Flat("<j@x.com> (John Doe)"), Flats{"John Doe|j|x.com"});
}

TEST(ParseAddressList, EmptyGroupContributesNothing) {
  EXPECT_EQ(Flat("undisclosed-recipients:;"), Flats{});
  EXPECT_EQ(Flat("Undisclosed recipients: ;"), Flats{});
}

TEST(ParseAddressList, GroupContributesItsMembers) {
  EXPECT_EQ(Flat("team: a@x.org, \"B\" <b@y.org>;, c@z.org"),
            (Flats{"|a|x.org", "B|b|y.org", "|c|z.org"}));
}

TEST(ParseAddressList, ObsoleteRouteIsDropped) {
  EXPECT_EQ(Flat("<@a.example,@b.example:u@D.example>"), Flats{"|u|d.example"});
  EXPECT_EQ(Flat("Route <@a.example:v@e.example>, w@f.example"),
            (Flats{"Route|v|e.example", "|w|f.example"}));
}

TEST(ParseAddressList, EmailLookingDisplayNameStaysDisplayName) {
  EXPECT_EQ(Flat("\"paypal@paypal.com\" <x@evil.ru>"),
            Flats{"paypal@paypal.com|x|evil.ru"});
  EXPECT_EQ(Flat("paypal@paypal.com <x@evil.ru>"),
            Flats{"paypal@paypal.com|x|evil.ru"});
}

TEST(ParseAddressList, UnquotedNameWithCommaIsOneMailbox) {
  // Broken mailers write "Last, First <addr>" unquoted.
  EXPECT_EQ(Flat("Doe, John <j@x.com>"), Flats{"Doe, John|j|x.com"});
}

TEST(ParseAddressList, BareLocalPartHasNoDomain) {
  std::vector<Address> to = ParseAddressList("root, <postmaster>");
  ASSERT_EQ(to.size(), 2u);
  EXPECT_EQ(to[0].local_part, "root");
  EXPECT_EQ(to[0].domain, "");
  EXPECT_EQ(to[0].AddrSpec(), "root");
  EXPECT_EQ(to[1].AddrSpec(), "postmaster");
}

TEST(ParseAddressList, QuotedLocalPartIsKeptAsWritten) {
  EXPECT_EQ(Flat("\"john doe\"@x.com"), Flats{"|\"john doe\"|x.com"});
  EXPECT_EQ(Flat("<\"a@b\"@x.com>"), Flats{"|\"a@b\"|x.com"});
}

TEST(ParseAddressList, ObsoleteSpacingAroundAtIsJoined) {
  EXPECT_EQ(Flat("a @ b.com"), Flats{"|a|b.com"});
  EXPECT_EQ(Flat("a . b @ c . com"), Flats{"|a.b|c.com"});
}

TEST(ParseAddressList, MailtoInsideAnglesIsStripped) {
  EXPECT_EQ(Flat("Shop <mailto:Sales@Shop.Example>"),
            Flats{"Shop|Sales|shop.example"});
}

TEST(ParseAddressList, OnlyTheFirstAngleAddressCounts) {
  EXPECT_EQ(Flat("Name <a@x.com> <b@y.com>"), Flats{"Name|a|x.com"});
}

TEST(ParseAddressList, EntriesWithoutAddressesAreSkipped) {
  EXPECT_EQ(Flat("<>, John Doe, j@x.com"), Flats{"|j|x.com"});
}

TEST(ParseAddressList, Rfc5322AppendixExample) {
  EXPECT_EQ(Flat("Mary Smith <mary@x.test>, jdoe@example.org, "
                 "Who? <one@y.test>"),
            (Flats{"Mary Smith|mary|x.test", "|jdoe|example.org",
                   "Who?|one|y.test"}));
  EXPECT_EQ(
      Flat("A Group:Ed Jones <c@a.test>,joe@where.test,John "
           "<jdoe@one.test>;"),
      (Flats{"Ed Jones|c|a.test", "|joe|where.test", "John|jdoe|one.test"}));
}

TEST(ParseMailbox, ReturnsTheFirstMailbox) {
  std::optional<Address> from =
      ParseMailbox("\"Bank\" <Alerts@Bank.Example>, other@x.com");
  ASSERT_TRUE(from.has_value());
  EXPECT_EQ(from->display_name, "Bank");
  EXPECT_EQ(from->AddrSpec(), "Alerts@bank.example");
}

TEST(ParseMailbox, KeepsUnquotedCommaName) {
  std::optional<Address> from = ParseMailbox("Doe, John <j@x.com>");
  ASSERT_TRUE(from.has_value());
  EXPECT_EQ(from->display_name, "Doe, John");
  EXPECT_EQ(from->AddrSpec(), "j@x.com");
}

struct BadAddress {
  const char* name;
  std::string value;
};

// gtest prints the row's name instead of the struct's bytes.
void PrintTo(const BadAddress& bad, std::ostream* os) { *os << bad.name; }

class ParseAddressBadInput : public testing::TestWithParam<BadAddress> {};

TEST_P(ParseAddressBadInput, YieldsNoMailbox) {
  EXPECT_EQ(Flat(GetParam().value), Flats{});
  EXPECT_FALSE(ParseMailbox(GetParam().value).has_value());
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseAddressBadInput,
    testing::Values(BadAddress{"Empty", ""}, BadAddress{"Spaces", " \t\r\n "},
                    BadAddress{"Punctuation", ", , ;;; :: <<>> @@@"},
                    BadAddress{"NullReturnPath", "<>"},
                    BadAddress{"GroupInsideAngles",
                               "<Undisclosed-Recipient:;>"},
                    BadAddress{"DomainOnly", "<@example.com>"},
                    BadAddress{"PhraseOnly", "John Doe"},
                    BadAddress{"UnterminatedQuote", "\"Foo <a@b.example>"},
                    BadAddress{"UnterminatedComment", "(Foo a@b.example"},
                    BadAddress{"UnterminatedAngle", "Foo <"},
                    BadAddress{"TrailingBackslash", "\"\\"},
                    BadAddress{"DeepComments", std::string(100000, '(')},
                    BadAddress{"HugeQuotes", std::string(100000, '"')},
                    BadAddress{"HugeAngles", std::string(100000, '<')}),
    [](const testing::TestParamInfo<BadAddress>& param_info) {
      return param_info.param.name;
    });

TEST(ParseAddressList, HugeListParsesEveryMember) {
  std::string value;
  for (int i = 0; i < 10000; ++i) {
    value += "\"User " + std::to_string(i) + "\" <u" + std::to_string(i) +
             "@Example.com>, ";
  }
  std::vector<Address> all = ParseAddressList(value);
  ASSERT_EQ(all.size(), 10000u);
  EXPECT_EQ(all[9999].display_name, "User 9999");
  EXPECT_EQ(all[9999].AddrSpec(), "u9999@example.com");
}

}  // namespace
}  // namespace inboxsim::mime
