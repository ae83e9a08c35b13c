#include "sim/auth/spf_macro.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/auth/spf_test_zone.h"

namespace inboxsim::auth {
namespace {

using testing::Ip;

// RFC 7208 7.4: <sender> strong-bad@email.example.com, checked for its own
// domain, PTR name of the client mx.example.org.
MacroContext Rfc7208Context(std::string_view ip) {
  MacroContext context;
  context.sender = "strong-bad@email.example.com";
  context.local_part = "strong-bad";
  context.sender_domain = "email.example.com";
  context.domain = "email.example.com";
  context.ip = Ip(ip);
  context.helo = "mx.example.org";
  context.receiver = "mx.example.net";
  context.now_seconds = 1400000000;
  context.validated_name = [] { return std::string("mx.example.org"); };
  return context;
}

struct ExpansionCase {
  std::string macro;
  std::string expansion;
};

class Rfc7208ExampleTest : public ::testing::TestWithParam<ExpansionCase> {};

TEST_P(Rfc7208ExampleTest, ExpandsAsSection74Lists) {
  ASSERT_EQ(CheckMacroString(GetParam().macro, MacroUse::kDomainSpec), "");
  EXPECT_EQ(ExpandMacros(GetParam().macro, Rfc7208Context("192.0.2.3")),
            GetParam().expansion);
}

INSTANTIATE_TEST_SUITE_P(
    Ipv4, Rfc7208ExampleTest,
    ::testing::Values(
        ExpansionCase{"%{s}", "strong-bad@email.example.com"},
        ExpansionCase{"%{o}", "email.example.com"},
        ExpansionCase{"%{d}", "email.example.com"},
        ExpansionCase{"%{d4}", "email.example.com"},
        ExpansionCase{"%{d3}", "email.example.com"},
        ExpansionCase{"%{d2}", "example.com"}, ExpansionCase{"%{d1}", "com"},
        ExpansionCase{"%{dr}", "com.example.email"},
        ExpansionCase{"%{d2r}", "example.email"},
        ExpansionCase{"%{l}", "strong-bad"},
        ExpansionCase{"%{l-}", "strong.bad"},
        ExpansionCase{"%{lr}", "strong-bad"},
        ExpansionCase{"%{lr-}", "bad.strong"},
        ExpansionCase{"%{l1r-}", "strong"},
        ExpansionCase{"%{ir}.%{v}._spf.%{d2}",
                      "3.2.0.192.in-addr._spf.example.com"},
        ExpansionCase{"%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com"},
        ExpansionCase{"%{lr-}.lp.%{ir}.%{v}._spf.%{d2}",
                      "bad.strong.lp.3.2.0.192.in-addr._spf.example.com"},
        ExpansionCase{"%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}",
                      "3.2.0.192.in-addr.strong.lp._spf.example.com"},
        ExpansionCase{"%{d2}.trusted-domains.example.net",
                      "example.com.trusted-domains.example.net"}));

TEST(SpfMacro, Ipv6ClientExpandsToDottedNibbles) {
  const MacroContext context = Rfc7208Context("2001:db8::cb01");
  EXPECT_EQ(ExpandMacros("%{ir}.%{v}._spf.%{d2}", context),
            "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2."
            "ip6._spf.example.com");
  EXPECT_EQ(ExpandMacros("%{v}", context), "ip6");
  EXPECT_EQ(ExpandMacros("%{c}", context), "2001:db8::cb01");
  EXPECT_EQ(ExpandMacros("%{i}", Rfc7208Context("192.0.2.3")), "192.0.2.3");
  EXPECT_EQ(ExpandMacros("%{v}", Rfc7208Context("192.0.2.3")), "in-addr");
}

TEST(SpfMacro, OtherLettersAndEscapes) {
  const MacroContext context = Rfc7208Context("192.0.2.3");
  EXPECT_EQ(ExpandMacros("%{h}", context), "mx.example.org");
  EXPECT_EQ(ExpandMacros("%{p}", context), "mx.example.org");
  EXPECT_EQ(ExpandMacros("%{p1r}", context), "mx");
  EXPECT_EQ(ExpandMacros("%{r}", context), "mx.example.net");
  EXPECT_EQ(ExpandMacros("%{t}", context), "1400000000");
  EXPECT_EQ(ExpandMacros("%%%_%-", context), "% %20");
  EXPECT_EQ(ExpandMacros("a%%b", context), "a%b");
  // More parts asked for than there are: all of them.
  EXPECT_EQ(ExpandMacros("%{d200}", context), "email.example.com");
  // Several delimiters split together; the parts join with dots.
  MacroContext plus = context;
  plus.local_part = "fred+spam-x";
  EXPECT_EQ(ExpandMacros("%{l+-}", plus), "fred.spam.x");
  EXPECT_EQ(ExpandMacros("%{l1r+}", plus), "fred");
  // Without a validated-name source, p is "unknown".
  MacroContext no_ptr = context;
  no_ptr.validated_name = nullptr;
  EXPECT_EQ(ExpandMacros("%{p}", no_ptr), "unknown");
}

TEST(SpfMacro, UppercaseLettersUrlEscape) {
  const MacroContext context = Rfc7208Context("192.0.2.3");
  EXPECT_EQ(ExpandMacros("%{S}", context), "strong-bad%40email.example.com");
  EXPECT_EQ(ExpandMacros("%{L}", context), "strong-bad");
  EXPECT_EQ(ExpandMacros("%{IR}.%{V}._spf.%{D2}", context),
            "3.2.0.192.in-addr._spf.example.com");
  MacroContext odd = context;
  odd.local_part = "a b/c";
  EXPECT_EQ(ExpandMacros("%{L}", odd), "a%20b%2Fc");
}

TEST(SpfMacro, ExplanationOnlyLettersAndSpaces) {
  EXPECT_EQ(CheckMacroString("%{c} at %{t} via %{r}", MacroUse::kExplanation),
            "");
  EXPECT_NE(CheckMacroString("%{c}.example.com", MacroUse::kDomainSpec)
                .find("allowed only in explanations"),
            std::string::npos);
  EXPECT_NE(CheckMacroString("a b", MacroUse::kDomainSpec).find("0x20"),
            std::string::npos);
}

TEST(SpfMacro, MalformedMacrosAreRejectedWithTheReason) {
  const auto reason = [](std::string_view text) {
    return CheckMacroString(text, MacroUse::kDomainSpec);
  };
  EXPECT_NE(reason("%{x}").find("unknown macro letter 'x'"), std::string::npos);
  EXPECT_NE(reason("%{d0}").find("keeps zero parts"), std::string::npos);
  EXPECT_NE(reason("%{d").find("unterminated macro"), std::string::npos);
  EXPECT_NE(reason("%d").find("is not a macro"), std::string::npos);
  EXPECT_NE(reason("abc%").find("'%' at the end"), std::string::npos);
  EXPECT_NE(reason("%{d2x}").find("unexpected 'x'"), std::string::npos);
  EXPECT_NE(reason("%{}").find("empty macro"), std::string::npos);
}

TEST(SpfMacro, DomainSpecsEndInATopLabelOrAMacro) {
  EXPECT_EQ(CheckDomainSpec("example.com"), "");
  EXPECT_EQ(CheckDomainSpec("example.com."), "");
  EXPECT_EQ(CheckDomainSpec("_spf.%{d}"), "");
  EXPECT_EQ(CheckDomainSpec("%{d}.x-1"), "");
  EXPECT_EQ(CheckDomainSpec("%{ir}.%{v}._spf.%{d2}"), "");
  EXPECT_EQ(CheckDomainSpec("foo%%"), "");  // ends in a macro-expand
  EXPECT_NE(CheckDomainSpec("foo"), "");    // a single label
  EXPECT_NE(CheckDomainSpec("foo.123"), "");
  EXPECT_NE(CheckDomainSpec("foo.-com"), "");
  EXPECT_NE(CheckDomainSpec("%{d}.com-"), "");
  EXPECT_NE(CheckDomainSpec(""), "");
}

TEST(SpfMacro, LongNamesLoseLabelsFromTheLeft) {
  const std::string label(60, 'a');
  std::string four = label;
  for (int i = 0; i < 3; ++i) four.append(".").append(label);
  std::string name = "x.";
  name.append(label).append(".").append(four).append(".com");
  ASSERT_GT(name.size(), 253u);
  const std::string_view truncated = TruncateDomainName(name);
  EXPECT_LE(truncated.size(), 253u);
  EXPECT_EQ(truncated, four + ".com");
  EXPECT_EQ(TruncateDomainName("example.com"), "example.com");
}

}  // namespace
}  // namespace inboxsim::auth
