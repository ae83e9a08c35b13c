// Expected texts were printed by SpamAssassin 4.0.1 for these messages:
//   scripts/sa-dump-texts.pl --requests=X-Spam-Relays-External,... FILE
#include <gtest/gtest.h>

#include <string>

#include "sim/sa/message_text.h"
#include "sim/sa/sa_relays.h"
#include "tests/test_util.h"

namespace inboxsim::sa {
namespace {

using testing::ParseOwned;

std::string Header(const mime::Message& message, const std::string& name) {
  HeaderRequest request;
  request.name = name;
  std::string out;
  return AppendHeaderText(message, request, &out) ? out : "<absent>";
}

// sendmail, from a public IP: the one relay is untrusted and external.
constexpr char kSendmail[] =
    "Received: from mail1.example.com (host66.example.com [65.217.159.66]) "
    "by mx.example.org (8.11.6/8.11.6) with ESMTP id h2F0c2x31856 for "
    "<jm@example.org>; Sat, 15 Mar 2003 00:38:03 GMT\n"
    "From: a@example.com\nSubject: t\n\nb\n";

// Postfix and Exim from private IPs (trusted), a qmail "invoked by" line
// (skipped), then qmail and Microsoft SMTPSVC from public IPs.
constexpr char kMixed[] =
    "Return-Path: <bounce@Lists.Example.NET>\n"
    "Received: from localhost (unknown [127.0.0.1]) by cabbage.example.org "
    "(Postfix) with ESMTP id A96E18BD97 for <jm@localhost>; Thu, 13 Mar 2003 "
    "15:23:15 -0500 (EST)\n"
    "Received: from sc8-sf-list1-b.example.net ([10.3.1.13] "
    "helo=sc8-sf-list1.example.net) by sc8-sf-list2.example.net with esmtp "
    "(Exim 3.31-VA-mm2 #1 (Debian)) id 18t301-0007Bh-00; Wed, 12 Mar 2003 "
    "01:58:13 -0800\n"
    "Received: (qmail 27981 invoked by uid 225); 14 Mar 2003 07:24:34 -0000\n"
    "Received: from postfix3-2.free.fr (HELO machine.domain.com) "
    "(foobar@213.228.0.169) by totor.example.net with SMTP; 14 Nov 2003 "
    "08:05:50 -0000\n"
    "Received: from inet-vrs-05.redmond.corp.microsoft.com ([157.54.6.157]) "
    "by INET-IMC-05.redmond.corp.microsoft.com with Microsoft "
    "SMTPSVC(5.0.2195.6624); Thu, 6 Mar 2003 12:02:35 -0800\n"
    "From: a@example.com\nSubject: t\n\nb\n";

// A fetchmail handover (skipped), an authenticated submission from a
// public IP (trusted for its ESMTPA), qpsmtpd, and X-Originating-IP.
constexpr char kAuthenticated[] =
    "Received: from phobos [127.0.0.1] by localhost with IMAP "
    "(fetchmail-5.9.0) for user@localhost (single-drop); Thu, 22 Aug 2002 "
    "12:36:16 +0100 (IST)\n"
    "Received: from laptop (dsl.example.net [203.0.113.9]) by "
    "smtp.example.net (8.12.6/8.12.6) with ESMTPA id g9MFWcvb068860 "
    "(envelope-from <me@example.net>) for <jm@example.org>; Tue, 22 Oct 2002 "
    "16:32:39 +0100\n"
    "Received: from x71-x56-x24-5.webspeed.dk (HELO niels) (69.96.3.15) by "
    "la.mx.develooper.com (qpsmtpd/0.27-dev) with SMTP; Fri, 02 Jan 2004 "
    "19:26:52 -0800\n"
    "X-Originating-IP: [198.51.100.4]\n"
    "From: a@example.com\nSubject: t\n\nb\n";

TEST(Relays, SendmailRelayFromPublicIpIsUntrusted) {
  auto parsed = ParseOwned(kSendmail);
  const std::string relay =
      "[ ip=65.217.159.66 rdns=host66.example.com helo=mail1.example.com "
      "by=mx.example.org ident= envfrom= intl=0 id=h2F0c2x31856 auth= "
      "msa=0 ]";
  EXPECT_EQ(Header(parsed.message, "X-Spam-Relays-External"), relay);
  EXPECT_EQ(Header(parsed.message, "X-Spam-Relays-Untrusted"), relay);
  EXPECT_EQ(Header(parsed.message, "X-Spam-Relays-Trusted"), "");
  EXPECT_EQ(Header(parsed.message, "EnvelopeFrom"), "<absent>");
  EXPECT_EQ(Header(parsed.message, "ALL-TRUSTED"),
            "Received: from mail1.example.com (host66.example.com "
            "[65.217.159.66]) by mx.example.org (8.11.6/8.11.6) with ESMTP id "
            "h2F0c2x31856 for <jm@example.org>; Sat, 15 Mar 2003 00:38:03 "
            "GMT\n");
}

TEST(Relays, PrivateIpsAreTrustedUntilTheFirstPublicOne) {
  auto parsed = ParseOwned(kMixed);
  EXPECT_EQ(Header(parsed.message, "X-Spam-Relays-Trusted"),
            "[ ip=127.0.0.1 rdns= helo=localhost by=cabbage.example.org "
            "ident= envfrom= intl=1 id=A96E18BD97 auth= msa=0 ] [ "
            "ip=10.3.1.13 rdns=sc8-sf-list1-b.example.net "
            "helo=sc8-sf-list1.example.net by=sc8-sf-list2.example.net ident= "
            "envfrom= intl=1 id=18t301-0007Bh-00 auth= msa=0 ]");
  const std::string external =
      "[ ip=213.228.0.169 rdns=postfix3-2.free.fr helo=machine.domain.com "
      "by=totor.example.net ident=foobar envfrom= intl=0 id= auth= msa=0 ] "
      "[ ip=157.54.6.157 rdns= helo=inet-vrs-05.redmond.corp.microsoft.com "
      "by=INET-IMC-05.redmond.corp.microsoft.com ident= envfrom= intl=0 id= "
      "auth= msa=0 ]";
  EXPECT_EQ(Header(parsed.message, "X-Spam-Relays-External"), external);
  EXPECT_EQ(Header(parsed.message, "X-Spam-Relays-Untrusted"), external);
  EXPECT_EQ(Header(parsed.message, "X-Spam-Relays-Internal"),
            Header(parsed.message, "X-Spam-Relays-Trusted"));
  // The domain keeps its case, as SpamAssassin's :addr keeps it.
  EXPECT_EQ(Header(parsed.message, "EnvelopeFrom"), "bounce@Lists.Example.NET");
  EXPECT_EQ(Header(parsed.message, "ALL-EXTERNAL"),
            "Received: from postfix3-2.free.fr (HELO machine.domain.com) "
            "(foobar@213.228.0.169) by totor.example.net with SMTP; 14 Nov "
            "2003 08:05:50 -0000\n"
            "Received: from inet-vrs-05.redmond.corp.microsoft.com "
            "([157.54.6.157]) by INET-IMC-05.redmond.corp.microsoft.com with "
            "Microsoft SMTPSVC(5.0.2195.6624); Thu, 6 Mar 2003 12:02:35 "
            "-0800\n"
            "From: a@example.com\nSubject: t\n");
}

TEST(Relays, AuthenticatedRelayIsTrustedAndOriginatingIpIsARelay) {
  auto parsed = ParseOwned(kAuthenticated);
  EXPECT_EQ(Header(parsed.message, "X-Spam-Relays-Trusted"),
            "[ ip=203.0.113.9 rdns=dsl.example.net helo=laptop "
            "by=smtp.example.net ident= envfrom=me@example.net intl=1 "
            "id=g9MFWcvb068860 auth=ESMTPA msa=0 ]");
  EXPECT_EQ(Header(parsed.message, "X-Spam-Relays-External"),
            "[ ip=69.96.3.15 rdns=x71-x56-x24-5.webspeed.dk helo=niels "
            "by=la.mx.develooper.com ident= envfrom= intl=0 id= auth= msa=0 ] "
            "[ ip=198.51.100.4 rdns= helo= by= ident= envfrom= intl=0 id= "
            "auth= msa=0 ]");
  // The last untrusted relay recorded no envelope sender.
  EXPECT_EQ(Header(parsed.message, "EnvelopeFrom"), "<absent>");
  EXPECT_EQ(Header(parsed.message, "ALL-EXTERNAL"),
            "Received: from x71-x56-x24-5.webspeed.dk (HELO niels) "
            "(69.96.3.15) by la.mx.develooper.com (qpsmtpd/0.27-dev) with "
            "SMTP; Fri, 02 Jan 2004 19:26:52 -0800\n"
            "X-Originating-IP: [198.51.100.4]\n"
            "From: a@example.com\nSubject: t\n");
}

TEST(ReceivedLine, LocalAndFetcherHandoversAreSkipped) {
  using detail::ParseReceivedLine;
  using detail::ReceivedSkip;
  const auto skip = [](std::string_view line) {
    auto parse = ParseReceivedLine(line);
    const auto* why = std::get_if<ReceivedSkip>(&parse.result);
    return why == nullptr ? std::string("relay")
                          : std::to_string(static_cast<int>(*why));
  };
  EXPECT_EQ(skip("(qmail 27981 invoked by uid 225); 14 Mar 2003 07:24:34 "
                 "-0000"),
            std::to_string(static_cast<int>(ReceivedSkip::kIgnored)));
  EXPECT_EQ(skip("from phobos [127.0.0.1] by localhost with IMAP "
                 "(fetchmail-5.9.0) for user@localhost (single-drop)"),
            std::to_string(static_cast<int>(ReceivedSkip::kMailFetcher)));
  EXPECT_EQ(skip("from somewhere (no address here) at noon"),
            std::to_string(static_cast<int>(ReceivedSkip::kUnparseable)));
  EXPECT_EQ(skip("from a.example ([192.0.2.1]) by b.example (8.12.6) id x"),
            "relay");
}

TEST(ReceivedLine, FlaggedCharactersBecomeBang) {
  auto parse = detail::ParseReceivedLine(
      "from [192.0.2.1] (helo=[10.0.0.1]) by mx.example.org with smtp (Exim "
      "4.50) id 1GzVLs-0002Oz-7b");
  const Relay* relay = std::get_if<Relay>(&parse.result);
  ASSERT_NE(relay, nullptr);
  EXPECT_EQ(relay->ip, "192.0.2.1");
  EXPECT_EQ(relay->helo, "!10.0.0.1!");
  EXPECT_EQ(relay->by, "mx.example.org");
  EXPECT_EQ(relay->id, "1GzVLs-0002Oz-7b");
  EXPECT_FALSE(relay->ip_private);
}

TEST(Relays, PseudoHeadersAreSupportedExceptRawTrustRanges) {
  HeaderRequest request;
  for (const char* name : {"X-Spam-Relays-External", "X-Spam-Relays-Untrusted",
                           "ALL-EXTERNAL", "EnvelopeFrom"}) {
    request.name = name;
    EXPECT_EQ(UnsupportedHeaderRequest(request), std::nullopt) << name;
  }
  request.name = "ALL-EXTERNAL";
  request.modifiers = {"raw"};
  EXPECT_EQ(UnsupportedHeaderRequest(request),
            "pseudo-header ALL-EXTERNAL:raw needs SpamAssassin's pristine "
            "header text");
}

}  // namespace
}  // namespace inboxsim::sa
