#include "sim/mime/received.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

namespace inboxsim::mime {
namespace {

// Parses `value` and expects the four fields; the failure names the input.
void ExpectHop(std::string_view value, std::string_view helo,
               std::string_view rdns, std::string_view ip,
               std::string_view by) {
  SCOPED_TRACE(std::string(value));
  std::optional<ReceivedHop> hop = ParseReceived(value);
  ASSERT_TRUE(hop.has_value());
  EXPECT_EQ(hop->from_helo, helo);
  EXPECT_EQ(hop->from_rdns, rdns);
  EXPECT_EQ(hop->from_ip, ip);
  EXPECT_EQ(hop->by_host, by);
}

TEST(ParseReceived, HeaderExample) {
  ExpectHop("from mail.x.org (mail.x.org [192.0.2.7]) by mx.y.net with ESMTP",
            "mail.x.org", "mail.x.org", "192.0.2.7", "mx.y.net");
}

TEST(ParseReceived, SendmailWithIdentAndMayBeForged) {
  ExpectHop(
      "from email.qves.com (email1.qves.net [209.63.151.251] (may be "
      "forged)) by webnote.net (8.9.3/8.9.3) with ESMTP id TAA00664 for "
      "<zzzz@spamassassin.taint.org>; Tue, 27 Aug 2002 19:49:07 +0100",
      "email.qves.com", "email1.qves.net", "209.63.151.251", "webnote.net");
  ExpectHop(
      "from mail.kti.nsc.ru (IDENT:root@ns.kti.nsc.ru [194.226.170.3]) by "
      "webnote.net (8.9.3/8.9.3) with ESMTP id FAA00636",
      "mail.kti.nsc.ru", "ns.kti.nsc.ru", "194.226.170.3", "webnote.net");
  ExpectHop(
      "from einstein.ssz.com (cpunks@[207.200.56.4]) by hq.pro-ns.net "
      "(8.12.5/8.12.5) with ESMTP id g6PIPwi4054937",
      "einstein.ssz.com", "", "207.200.56.4", "hq.pro-ns.net");
}

TEST(ParseReceived, PostfixWithAndWithoutReverseDns) {
  ExpectHop(
      "from localhost (localhost [127.0.0.1]) by "
      "phobos.labs.spamassassin.taint.org (Postfix) with ESMTP id B684443F9B "
      "for <zzzz@localhost>; Fri, 23 Aug 2002 11:14:11 -0400 (EDT)",
      "localhost", "localhost", "127.0.0.1",
      "phobos.labs.spamassassin.taint.org");
  ExpectHop(
      "from $domain (unknown [202.104.189.20]) by smtp.easydns.com (Postfix) "
      "with SMTP id CD5752FD89",
      "$domain", "", "202.104.189.20", "smtp.easydns.com");
  // Gmail writes the reverse name with its trailing dot.
  ExpectHop(
      "from mail-sor-f41.google.com (mail-sor-f41.google.com. "
      "[209.85.220.41]) by mx.google.com with SMTPS id x1sor",
      "mail-sor-f41.google.com", "mail-sor-f41.google.com", "209.85.220.41",
      "mx.google.com");
}

TEST(ParseReceived, EximHeloInsideComment) {
  ExpectHop(
      "from usw-sf-list1-b.sourceforge.net ([10.3.1.13] "
      "helo=usw-sf-list1.sourceforge.net) by usw-sf-list2.sourceforge.net "
      "with esmtp (Exim 3.31-VA-mm2 #1 (Debian)) id 17tFOW-0000HI-00",
      "usw-sf-list1.sourceforge.net", "usw-sf-list1-b.sourceforge.net",
      "10.3.1.13", "usw-sf-list2.sourceforge.net");
  ExpectHop(
      "from 66-178-46-19.reverse.newskies.net ([66.178.46.19]:4943 "
      "helo=ab97c2221.com) by panoramix.vasoftware.com with smtp",
      "ab97c2221.com", "66-178-46-19.reverse.newskies.net", "66.178.46.19",
      "panoramix.vasoftware.com");
  ExpectHop(
      "from [195.174.161.55] (port=3496 helo=yahoo.com) by "
      "panoramix.vasoftware.com with smtp (Exim 4.05-VA-mm1 #1 (Debian))",
      "yahoo.com", "", "195.174.161.55", "panoramix.vasoftware.com");
}

TEST(ParseReceived, EximWithoutHeloGivesNameAsHelo) {
  ExpectHop(
      "from med-core07.med.wayne.edu ([146.9.19.23]) by "
      "usw-sf-list1.sourceforge.net with esmtp (Exim 3.31-VA-mm2 #1 (Debian))",
      "med-core07.med.wayne.edu", "", "146.9.19.23",
      "usw-sf-list1.sourceforge.net");
  // Exim 3 without a reverse name: "(helo) [ip]".
  ExpectHop(
      "from (schabmueller.de) [62.157.239.77] by post.wwl.de with smtp (Exim "
      "3.12 #1)",
      "schabmueller.de", "", "62.157.239.77", "post.wwl.de");
}

TEST(ParseReceived, QmailHeloComment) {
  ExpectHop(
      "from unknown (HELO hd.ressort.net) (99.93.115.121) by "
      "rly-xl05.dohuya.com with smtp; Mon, 26 Aug 2002 00:17:20 +0800",
      "hd.ressort.net", "", "99.93.115.121", "rly-xl05.dohuya.com");
  ExpectHop(
      "from localhost (HELO deepeddy.vircio.com) "
      "(?OWIvth7P1uuNLmEWhfKb2tBl1I4NTfB9?@[127.0.0.1]) (envelope-sender "
      "<cwg-exmh@DeepEddy.Com>) by localhost (qmail-ldap-1.03) with SMTP",
      "deepeddy.vircio.com", "localhost", "127.0.0.1", "localhost");
  ExpectHop(
      "from unknown (HELO mfrenchw2k) (mfrench42@62.254.163.42 with login) by "
      "smtp.mail.vip.sc5.yahoo.com with SMTP; 9 Aug 2002 09:18:16 -0000",
      "mfrenchw2k", "", "62.254.163.42", "smtp.mail.vip.sc5.yahoo.com");
}

TEST(ParseReceived, QmailWithoutHeloNamesNoHost) {
  ExpectHop(
      "from unknown (52.127.142.42) by rly-xl04.mx.aol.com with smtp; Sep, 14 "
      "2002 19:53:57 +1200",
      "", "", "52.127.142.42", "rly-xl04.mx.aol.com");
}

TEST(ParseReceived, BracketedLiteralAfterFrom) {
  ExpectHop(
      "from [4.169.44.219] by sparc.zubilam.net with esmtp; 25 Aug 0102 "
      "18:57:52 -0400",
      "[4.169.44.219]", "", "4.169.44.219", "sparc.zubilam.net");
  // The literal was only claimed; the address the receiver saw wins.
  ExpectHop(
      "from [201.187.11.125] (sw59-152-110.adsl.seed.net.tw [61.59.152.110]) "
      "by lugh.tuatha.org (8.9.3/8.9.3) with SMTP id LAA29871",
      "[201.187.11.125]", "sw59-152-110.adsl.seed.net.tw", "61.59.152.110",
      "lugh.tuatha.org");
}

TEST(ParseReceived, ExchangeBareIpComment) {
  ExpectHop(
      "from tiputil1 (10.2.0.30) by TIPSMTP1.ADMANMAIL.COM (LSMTP for Windows "
      "NT v1.1b) with SMTP id <123.000035F8@TIPSMTP1.ADMANMAIL.COM>",
      "tiputil1", "", "10.2.0.30", "TIPSMTP1.ADMANMAIL.COM");
  ExpectHop(
      "from EX01.corp.example.com (2603:10b6:a03:1::1) by "
      "EX02.corp.example.com (2603:10b6:a03:1::2) with Microsoft SMTP Server",
      "EX01.corp.example.com", "", "2603:10b6:a03:1::1",
      "EX02.corp.example.com");
}

TEST(ParseReceived, Ipv6Literals) {
  ExpectHop(
      "from mail.example.org (mail.example.org [IPv6:2001:DB8::1]) by "
      "mx.example.net (Postfix) with ESMTPS id 4F1",
      "mail.example.org", "mail.example.org", "2001:db8::1", "mx.example.net");
  ExpectHop("from [2001:db8::25] by mx.example.net with esmtp",
            "[2001:db8::25]", "", "2001:db8::25", "mx.example.net");
  ExpectHop(
      "from h.example (unknown [IPv6:2001:db8:0:0:0:0:0:7]) by mx.example",
      "h.example", "", "2001:db8::7", "mx.example");
}

TEST(ParseReceived, Ipv4MappedAddressBecomesIpv4) {
  ExpectHop(
      "from yoda (12-231-69-107.client.attbi.com [::ffff:12.231.69.107]) "
      "(AUTH: CRAM-MD5 hosting@j2solutions.net) by mail.j2solutions.net with "
      "esmtp",
      "yoda", "12-231-69-107.client.attbi.com", "12.231.69.107",
      "mail.j2solutions.net");
}

TEST(ParseReceived, WrappedInBracketsAndUpperCaseFrom) {
  ExpectHop(
      "[from mothost.mot.com (mothost.mot.com [129.188.137.101]) by "
      "motgate4.mot.com (motgate4 2.1) with ESMTP id BAA25720]",
      "mothost.mot.com", "mothost.mot.com", "129.188.137.101",
      "motgate4.mot.com");
  ExpectHop("FROM Host.Example (Rdns.Example [192.0.2.1]) BY Mx.Example",
            "Host.Example", "Rdns.Example", "192.0.2.1", "Mx.Example");
}

TEST(ParseReceived, NameWithoutAddress) {
  ExpectHop(
      "from mconry by calm.mc with local (Exim 3.35 #1 (Debian)) id "
      "17gwDS-0000ld-00",
      "mconry", "", "", "calm.mc");
  // A bare IP as the name is a HELO claim, not the address seen.
  ExpectHop(
      "from 192.168.0.0 by mindupmerchants.com with SMTP "
      "(MDaemon.PRO.v6.0.7.R)",
      "192.168.0.0", "", "", "mindupmerchants.com");
}

TEST(ParseReceived, LocalHopsNameNoSender) {
  EXPECT_FALSE(
      ParseReceived("by hub.freebsd.org (Postfix, from userid 538) "
                    "id 1112037B401; Mon, 9 Sep 2002 21:57:43 -0700"));
  EXPECT_FALSE(
      ParseReceived("(qmail 12986 invoked from network); 30 Aug "
                    "2002 19:37:02 -0000"));
  EXPECT_FALSE(ParseReceived("from by Computer2 with ESMTP; Mon, 20 May 2002"));
  EXPECT_FALSE(ParseReceived("from ([]) by mail.wuliaos.com (Merak 4.4.2)"));
  EXPECT_FALSE(ParseReceived("via dmail-2002(12) for +lists/freebsd/ports"));
}

struct BadReceived {
  const char* name;
  std::string value;
};

// gtest prints the row's name instead of the struct's bytes.
void PrintTo(const BadReceived& bad, std::ostream* os) { *os << bad.name; }

class ParseReceivedBadInput : public testing::TestWithParam<BadReceived> {};

TEST_P(ParseReceivedBadInput, GivesNothing) {
  EXPECT_EQ(ParseReceived(GetParam().value), std::nullopt);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseReceivedBadInput,
    testing::Values(BadReceived{"Empty", ""}, BadReceived{"Spaces", " \t \r\n"},
                    BadReceived{"FromOnly", "from"},
                    BadReceived{"FromSpace", "from   "},
                    BadReceived{"FromWordGlued", "fromage by x"},
                    BadReceived{"EmptyComment", "from () by x"},
                    BadReceived{"UnclosedComment", "from (((((("},
                    BadReceived{"TruncatedInsideIp", "from ([1.2.3"},
                    BadReceived{"NotAnIp", "from (x [999.1.1.1])"},
                    BadReceived{"Semicolon", "from ; by x"},
                    BadReceived{"Garbage", "\x01\xff\xfe(((]]][[[;;"},
                    BadReceived{"HugeParens",
                                "from " + std::string(1 << 20, '(')},
                    BadReceived{"HugeCommentOfWords",
                                [] {
                                  std::string v = "from (";
                                  for (int i = 0; i < 100000; ++i) v += "word ";
                                  return v + ")";
                                }()}),
    [](const testing::TestParamInfo<BadReceived>& param_info) {
      return param_info.param.name;
    });

TEST(ParseReceived, TruncatedValueKeepsWhatItHas) {
  // Header folding lost the tail: the address is still complete.
  ExpectHop("from host.example ([192.0.2.9", "host.example", "", "192.0.2.9",
            "");
}

TEST(ParseReceived, SemicolonInsideCommentIsText) {
  // Regression: a ';' inside a from-clause comment once stalled the parser.
  ExpectHop("from a.example (x; y [192.0.2.4]) by b.example", "a.example", "y",
            "192.0.2.4", "b.example");
}

TEST(ParseReceived, HugeHeloIsKept) {
  const std::string helo(100000, 'h');
  std::optional<ReceivedHop> hop = ParseReceived("from " + helo + " by x");
  ASSERT_TRUE(hop.has_value());
  EXPECT_EQ(hop->from_helo, helo);
  EXPECT_EQ(hop->by_host, "x");
}

TEST(IsIpAddress, AcceptsIpv4AndIpv6Only) {
  EXPECT_TRUE(IsIpAddress("192.0.2.7"));
  EXPECT_TRUE(IsIpAddress("2001:db8::1"));
  EXPECT_TRUE(IsIpAddress("::ffff:10.0.0.1"));
  EXPECT_TRUE(IsIpAddress("::"));
  EXPECT_FALSE(IsIpAddress(""));
  EXPECT_FALSE(IsIpAddress("256.1.1.1"));
  EXPECT_FALSE(IsIpAddress("1.2.3"));
  EXPECT_FALSE(IsIpAddress("1.2.3.4.5"));
  EXPECT_FALSE(IsIpAddress(" 1.2.3.4"));
  EXPECT_FALSE(IsIpAddress("[1.2.3.4]"));
  EXPECT_FALSE(IsIpAddress("2001:db8:::1"));
  EXPECT_FALSE(IsIpAddress("example.com"));
  EXPECT_FALSE(IsIpAddress(std::string(1000, '1')));
}

TEST(CanonicalIp, CompressesIpv6AndUnmapsIpv4) {
  EXPECT_EQ(CanonicalIp("2001:DB8:0:0:0:0:0:1"), "2001:db8::1");
  EXPECT_EQ(CanonicalIp("::FFFF:10.0.0.1"), "10.0.0.1");
  EXPECT_EQ(CanonicalIp("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(CanonicalIp("mail.example"), std::nullopt);
}

TEST(IsPublicIp, PrivateIpv4RangesAreNotPublic) {
  for (const char* ip :
       {"10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255",
        "192.168.1.1", "127.0.0.1", "127.1.2.3", "169.254.10.10", "100.64.0.1",
        "100.127.255.255", "0.0.0.0", "224.0.0.1", "255.255.255.255"}) {
    EXPECT_FALSE(IsPublicIp(ip)) << ip;
  }
}

TEST(IsPublicIp, RangeEdgesOutsidePrivateBlocksArePublic) {
  for (const char* ip :
       {"8.8.8.8", "9.255.255.255", "11.0.0.0", "172.15.255.255", "172.32.0.0",
        "192.167.255.255", "192.169.0.0", "100.63.255.255", "100.128.0.0",
        "169.253.0.1", "126.255.255.255", "223.255.255.255",
        // Documentation ranges count as public so examples behave like mail.
        "192.0.2.7", "198.51.100.1", "203.0.113.9"}) {
    EXPECT_TRUE(IsPublicIp(ip)) << ip;
  }
}

TEST(IsPublicIp, Ipv6Ranges) {
  for (const char* ip :
       {"::1", "::", "fe80::1", "febf::1", "fc00::1", "fd12:3456::1", "ff02::1",
        "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::ffff:192.168.0.1"}) {
    EXPECT_FALSE(IsPublicIp(ip)) << ip;
  }
  for (const char* ip : {"2001:db8::1", "2606:4700::1111", "fbff::1", "fe7f::1",
                         "::ffff:8.8.8.8"}) {
    EXPECT_TRUE(IsPublicIp(ip)) << ip;
  }
}

TEST(IsPublicIp, TextThatIsNoIpIsNotPublic) {
  EXPECT_FALSE(IsPublicIp(""));
  EXPECT_FALSE(IsPublicIp("example.com"));
  EXPECT_FALSE(IsPublicIp("[8.8.8.8]"));
  EXPECT_FALSE(IsPublicIp("8.8.8"));
}

}  // namespace
}  // namespace inboxsim::mime
