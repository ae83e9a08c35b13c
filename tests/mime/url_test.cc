#include "sim/mime/url.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

namespace inboxsim::mime {
namespace {

std::vector<std::string> Find(std::string_view text) {
  std::vector<std::string> found;
  FindUrlsInText(text, &found);
  return found;
}

using Urls = std::vector<std::string>;

TEST(FindUrlsInText, FindsSchemeAndWwwUrlsInOrder) {
  const Urls found =
      Find("see www.Example.co.uk/x and http://a.b.example.com end");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0], "www.Example.co.uk/x");
  EXPECT_EQ(found[1], "http://a.b.example.com");
}

TEST(FindUrlsInText, AppendsToExistingOutput) {
  std::vector<std::string> found = {"kept"};
  FindUrlsInText("go to https://x.example.org now", &found);
  EXPECT_EQ(found, (Urls{"kept", "https://x.example.org"}));
}

TEST(FindUrlsInText, SchemesAreCaseInsensitive) {
  EXPECT_EQ(Find("HTTP://A.EXAMPLE.COM Https://b.example.com fTp://c.example"),
            (Urls{"HTTP://A.EXAMPLE.COM", "Https://b.example.com",
                  "fTp://c.example"}));
}

TEST(FindUrlsInText, TrailingSentencePunctuationIsExcluded) {
  EXPECT_EQ(Find("Visit http://example.com/x."), Urls{"http://example.com/x"});
  EXPECT_EQ(Find("Really http://example.com/?a=1!?"),
            Urls{"http://example.com/?a=1"});
  EXPECT_EQ(Find("one http://a.example, two www.b.example; three"),
            (Urls{"http://a.example", "www.b.example"}));
  EXPECT_EQ(Find("ends here: http://example.com/x:"),
            Urls{"http://example.com/x"});
}

TEST(FindUrlsInText, UnbalancedClosingBracketsAreExcluded) {
  EXPECT_EQ(Find("(see http://example.com/x)."), Urls{"http://example.com/x"});
  EXPECT_EQ(Find("[http://example.com/y]"), Urls{"http://example.com/y"});
  // Balanced brackets belong to the URL, as in Wikipedia links.
  EXPECT_EQ(Find("(http://en.example.org/wiki/A_(b))"),
            Urls{"http://en.example.org/wiki/A_(b)"});
}

TEST(FindUrlsInText, QuotesAndAngleBracketsEndUrls) {
  EXPECT_EQ(Find("<http://angle.example.com/p> \"http://dq.example.com/\" "
                 "'https://sq.example.com'"),
            (Urls{"http://angle.example.com/p", "http://dq.example.com/",
                  "https://sq.example.com"}));
  EXPECT_EQ(Find("\xE2\x80\x9Chttp://curly.example.com/\xE2\x80\x9D and "
                 "www.dots.example\xE2\x80\xA6"),
            (Urls{"http://curly.example.com/", "www.dots.example"}));
}

TEST(FindUrlsInText, FindsMailtoWithAnAddress) {
  EXPECT_EQ(Find("write mailto:Sales@Shop.Example.com?subject=hi, now"),
            Urls{"mailto:Sales@Shop.Example.com?subject=hi"});
  EXPECT_EQ(Find("mailto:nobody and mailto:@x"), Urls{});
}

TEST(FindUrlsInText, AcceptsBackslashObfuscation) {
  EXPECT_EQ(Find("click http:\\\\evil.example.com\\login now"),
            Urls{"http:\\\\evil.example.com\\login"});
}

TEST(FindUrlsInText, IgnoresSchemesInsideLongerWordsAndBareWwwDots) {
  EXPECT_EQ(Find("xhttp://a.example wwww.b.example me@www.c.example"), Urls{});
  EXPECT_EQ(Find("www. http:// http: // javascript:alert(1)"), Urls{});
}

TEST(FindUrlsInText, NestedUrlIsPartOfTheOuterOne) {
  EXPECT_EQ(Find("http://r.example.com/?u=http://www.target.example/"),
            Urls{"http://r.example.com/?u=http://www.target.example/"});
}

TEST(FindUrlsInText, KeepsUtf8HostsWhole) {
  EXPECT_EQ(Find("http://m\xC3\xBCnchen.de/ ok"),
            Urls{"http://m\xC3\xBCnchen.de/"});
}

TEST(FindUrlsInText, PathologicalInputStaysLinear) {
  // Every colon starts a mailto candidate without '@': a rescanning finder
  // would take O(n^2) here.
  std::string text;
  for (int i = 0; i < 200000; ++i) text += "mailto:";
  EXPECT_EQ(Find(text), Urls{});
  std::string parens = "http://x.example/" + std::string(500000, ')');
  EXPECT_EQ(Find(parens), Urls{"http://x.example/"});
}

TEST(ParseUrl, AddsSchemeToWwwHost) {
  std::optional<Url> url = ParseUrl("www.Example.co.uk/x", UrlSource::kText);
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->url, "http://www.Example.co.uk/x");
  EXPECT_EQ(url->scheme, "http");
  EXPECT_EQ(url->host, "www.example.co.uk");
  EXPECT_EQ(url->registrable_domain, "example.co.uk");
  EXPECT_EQ(url->source, UrlSource::kText);
}

TEST(ParseUrl, LowerCasesSchemeAndHostButKeepsUrlAsWritten) {
  std::optional<Url> url =
      ParseUrl("  HTTPS://WWW.Example.COM/Path?Q=1  ", UrlSource::kHtmlHref);
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->url, "HTTPS://WWW.Example.COM/Path?Q=1");
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "www.example.com");
  EXPECT_EQ(url->registrable_domain, "example.com");
  EXPECT_EQ(url->source, UrlSource::kHtmlHref);
}

TEST(ParseUrl, StripsUserinfoPortAndTrailingDot) {
  std::optional<Url> url =
      ParseUrl("http://user:pw@Host.Example.com.:8080/p", UrlSource::kText);
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->host, "host.example.com");
  EXPECT_EQ(url->registrable_domain, "example.com");
}

TEST(ParseUrl, UserinfoLookalikeGoesToTheRealHost) {
  std::optional<Url> url =
      ParseUrl("http://www.bank.example.com@evil.example.ru/login",
               UrlSource::kHtmlHref);
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->host, "evil.example.ru");
  EXPECT_EQ(url->registrable_domain, "example.ru");
}

TEST(ParseUrl, BackslashesAndExtraSlashesReachTheHost) {
  std::optional<Url> url =
      ParseUrl("http:\\\\Evil.Example.com\\path", UrlSource::kText);
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->host, "evil.example.com");
  url = ParseUrl("http:///three.example.com/", UrlSource::kText);
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->host, "three.example.com");
}

TEST(ParseUrl, PercentEncodedHostIsDecoded) {
  std::optional<Url> url = ParseUrl("http://%65xample.com/", UrlSource::kText);
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->host, "example.com");
}

TEST(ParseUrl, ProtocolRelativeUrlGetsHttp) {
  std::optional<Url> url =
      ParseUrl("//cdn.example.net/a.js", UrlSource::kHtmlOther);
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->url, "http://cdn.example.net/a.js");
  EXPECT_EQ(url->scheme, "http");
  EXPECT_EQ(url->host, "cdn.example.net");
}

TEST(ParseUrl, AngleBracketsAndLineBreaksAreRemoved) {
  std::optional<Url> url =
      ParseUrl("<http://exa\r\nmple.org/x>", UrlSource::kHtmlHref);
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->url, "http://example.org/x");
  EXPECT_EQ(url->host, "example.org");
}

TEST(ParseUrl, WwwHostWithPortIsNotAScheme) {
  std::optional<Url> url = ParseUrl("www.example.com:8080/x", UrlSource::kText);
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->url, "http://www.example.com:8080/x");
  EXPECT_EQ(url->host, "www.example.com");
}

TEST(ParseUrl, MailtoHostIsTheAddressDomain) {
  std::optional<Url> url = ParseUrl(
      "mailto:Sales@Shop.Example.CO.UK?subject=Hi", UrlSource::kHtmlHref);
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->scheme, "mailto");
  EXPECT_EQ(url->url, "mailto:Sales@Shop.Example.CO.UK?subject=Hi");
  EXPECT_EQ(url->host, "shop.example.co.uk");
  EXPECT_EQ(url->registrable_domain, "example.co.uk");
  url = ParseUrl("MAILTO:a%40b@x.example.org,c@y.example", UrlSource::kText);
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->host, "x.example.org");
}

TEST(ParseUrl, NumericIpv4SpellingsBecomeDottedQuads) {
  for (const char* raw :
       {"http://3232235777/", "http://0xC0A80101/", "http://0300.0250.1.1/",
        "http://192.168.257/", "http://192.168.1.1/"}) {
    SCOPED_TRACE(raw);
    std::optional<Url> url = ParseUrl(raw, UrlSource::kText);
    ASSERT_TRUE(url.has_value());
    EXPECT_EQ(url->host, "192.168.1.1");
    EXPECT_EQ(url->registrable_domain, "192.168.1.1");
  }
}

TEST(ParseUrl, Ipv6LiteralLosesBracketsAndPort) {
  std::optional<Url> url =
      ParseUrl("http://[2001:DB8:0:0::1]:8080/x", UrlSource::kText);
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->host, "2001:db8::1");
  EXPECT_EQ(url->registrable_domain, "2001:db8::1");
}

TEST(ParseUrl, IdnHostStaysUnicodeAndLowerCase) {
  std::optional<Url> url =
      ParseUrl("http://M\xC3\x9CNCHEN.de/", UrlSource::kText);
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->host, "m\xC3\xBCnchen.de");
  EXPECT_EQ(url->registrable_domain, "m\xC3\xBCnchen.de");
}

TEST(ParseUrl, IdnHostFoldsWhatCompatibilityMappingMakes) {
  // U+2122 becomes "TM" and U+FF0E a dot under libpsl's NFKC, after its case
  // fold: the host is still lower case with no trailing dot.
  std::optional<Url> url = ParseUrl(
      "http://x\xE2\x84\xA2.Example.com\xEF\xBC\x8E/", UrlSource::kText);
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->host, "xtm.example.com");
  EXPECT_EQ(url->registrable_domain, "example.com");
}

TEST(ParseUrl, SchemesWithoutHostsGiveNothing) {
  EXPECT_FALSE(ParseUrl("javascript:alert(1)", UrlSource::kHtmlHref));
  EXPECT_FALSE(ParseUrl("cid:part1.abc@example.com", UrlSource::kHtmlImage));
  EXPECT_FALSE(ParseUrl("#anchor", UrlSource::kHtmlHref));
  EXPECT_FALSE(ParseUrl("/relative/path.html", UrlSource::kHtmlHref));
  EXPECT_FALSE(ParseUrl("data:image/png;base64,AAAA", UrlSource::kHtmlImage));
  EXPECT_FALSE(ParseUrl("mailto:nobody", UrlSource::kHtmlHref));
}

TEST(RegistrableDomain, UsesMultiLevelPublicSuffixes) {
  EXPECT_EQ(RegistrableDomain("www.example.co.uk"), "example.co.uk");
  EXPECT_EQ(RegistrableDomain("a.b.example.com.au"), "example.com.au");
  EXPECT_EQ(RegistrableDomain("a.b.c.example.com"), "example.com");
  EXPECT_EQ(RegistrableDomain("example.com"), "example.com");
}

TEST(RegistrableDomain, PrivateSuffixesSeparateTheirCustomers) {
  // blogspot.com and github.io are in the list's private section: each blog
  // or page is its own registrable domain, so one spammer's blog does not
  // taint every other.
  EXPECT_EQ(RegistrableDomain("foo.blogspot.com"), "foo.blogspot.com");
  EXPECT_EQ(RegistrableDomain("www.foo.blogspot.com"), "foo.blogspot.com");
  EXPECT_EQ(RegistrableDomain("someone.github.io"), "someone.github.io");
}

TEST(RegistrableDomain, PublicSuffixOrDotlessHostIsItself) {
  EXPECT_EQ(RegistrableDomain("co.uk"), "co.uk");
  EXPECT_EQ(RegistrableDomain("blogspot.com"), "blogspot.com");
  EXPECT_EQ(RegistrableDomain("localhost"), "localhost");
  EXPECT_EQ(RegistrableDomain(""), "");
}

TEST(RegistrableDomain, IpLiteralIsItself) {
  EXPECT_EQ(RegistrableDomain("1.2.3.4"), "1.2.3.4");
  EXPECT_EQ(RegistrableDomain("2001:db8::1"), "2001:db8::1");
  EXPECT_EQ(RegistrableDomain("[2001:db8::1]"), "2001:db8::1");
}

TEST(RegistrableDomain, NormalisesCaseAndTrailingDot) {
  EXPECT_EQ(RegistrableDomain("WWW.Example.CO.UK."), "example.co.uk");
}

struct BadUrl {
  const char* name;
  std::string raw;
};

// gtest prints the row's name instead of the struct's bytes.
void PrintTo(const BadUrl& bad, std::ostream* os) { *os << bad.name; }

class ParseUrlBadInput : public testing::TestWithParam<BadUrl> {};

TEST_P(ParseUrlBadInput, GivesNothing) {
  EXPECT_EQ(ParseUrl(GetParam().raw, UrlSource::kText), std::nullopt);
  // The finder may or may not see a candidate; it must only not crash and
  // every candidate it reports must itself be one ParseUrl can judge.
  std::vector<std::string> found;
  FindUrlsInText(GetParam().raw, &found);
  for (const std::string& f : found) EXPECT_FALSE(f.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseUrlBadInput,
    testing::Values(BadUrl{"Empty", ""}, BadUrl{"Spaces", "   \t\r\n "},
                    BadUrl{"SchemeOnly", "http://"},
                    BadUrl{"PortOnly", "http://:80/"},
                    BadUrl{"UserinfoOnly", "http://user@/"},
                    BadUrl{"DotsOnly", "http://.../"},
                    BadUrl{"SpaceInHost", "http://exa%20mple.com/"},
                    BadUrl{"FiveNumericLabels", "http://1.2.3.4.5/"},
                    BadUrl{"Ipv4Overflow", "http://4294967296/"},
                    BadUrl{"OctetOver255", "http://256.1.1.1/"},
                    BadUrl{"BadOctal", "http://09.1.1.1/"},
                    BadUrl{"UnclosedIpv6", "http://[2001:db8::1/"},
                    BadUrl{"BadIpv6", "http://[2001:db8:::1]/"},
                    BadUrl{"NulByte", std::string("http://\0x.com", 13)},
                    BadUrl{"Garbage", "\x01\x02\xff\xfe:::///???###"},
                    BadUrl{"HugeNoHost", "http://" + std::string(1 << 20, '/')},
                    BadUrl{"HugeWordNoScheme", std::string(1 << 20, 'a')}),
    [](const testing::TestParamInfo<BadUrl>& param_info) {
      return param_info.param.name;
    });

TEST(ParseUrl, HugeHostStillParses) {
  const std::string host = std::string(5000, 'a') + ".example.com";
  std::optional<Url> url = ParseUrl("http://" + host + "/", UrlSource::kText);
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->host, host);
  EXPECT_EQ(url->registrable_domain, "example.com");
}

}  // namespace
}  // namespace inboxsim::mime
