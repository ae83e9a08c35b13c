#include "sim/mime/sender.h"

#include <gtest/gtest.h>

namespace inboxsim::mime {
namespace {

SenderFacts FactsOf(const std::string& header_text) {
  const std::string raw = header_text + "\n";  // field names point into it
  HeaderSection section = ParseHeaderSection(raw, {});
  return ExtractSenderFacts(section.headers);
}

TEST(SenderFacts, ReadsAuthorReplyAndReturnPath) {
  SenderFacts facts = FactsOf(
      "Return-Path: <bounce@mailer.example>\n"
      "From: \"Shop\" <news@shop.example>\n"
      "Reply-To: help@support.example\n");
  ASSERT_TRUE(facts.from && facts.reply_to && facts.return_path);
  EXPECT_EQ(facts.from->AddrSpec(), "news@shop.example");
  EXPECT_EQ(facts.from->display_name, "Shop");
  EXPECT_EQ(facts.reply_to->domain, "support.example");
  EXPECT_EQ(facts.return_path->AddrSpec(), "bounce@mailer.example");
}

TEST(PurportedResponsibleAddress, FromWhenNothingElse) {
  SenderFacts facts = FactsOf("From: a@x.example\n");
  EXPECT_EQ(facts.pra_status, PraStatus::kFound);
  EXPECT_EQ(facts.pra->AddrSpec(), "a@x.example");
}

TEST(PurportedResponsibleAddress, SenderBeatsFrom) {
  SenderFacts facts =
      FactsOf("From: a@x.example\nSender: list@lists.example\n");
  EXPECT_EQ(facts.pra->AddrSpec(), "list@lists.example");
}

TEST(PurportedResponsibleAddress, ResentFieldsBeatSenderAndFrom) {
  SenderFacts resent_from = FactsOf(
      "Resent-From: fwd@relay.example\nFrom: a@x.example\nSender: "
      "s@x.example\n");
  EXPECT_EQ(resent_from.pra->AddrSpec(), "fwd@relay.example");
  SenderFacts resent_sender = FactsOf(
      "Resent-Sender: rs@relay.example\nResent-From: fwd@relay.example\nFrom: "
      "a@x.example\n");
  EXPECT_EQ(resent_sender.pra->AddrSpec(), "rs@relay.example");
}

TEST(PurportedResponsibleAddress, ResentSenderOfAnOlderBlockIsPassedOver) {
  // RFC 4407 2: the newest Resent-From is separated from the Resent-Sender
  // by trace fields, so that Resent-Sender belongs to an earlier resend.
  SenderFacts facts = FactsOf(
      "Resent-From: newest@relay.example\n"
      "Received: from a by b\n"
      "Resent-Sender: older@relay.example\n"
      "From: a@x.example\n");
  EXPECT_EQ(facts.pra->AddrSpec(), "newest@relay.example");
}

TEST(PurportedResponsibleAddress, AmbiguousHeadersGiveNoPra) {
  EXPECT_EQ(FactsOf("From: a@x.example\nFrom: b@y.example\n").pra_status,
            PraStatus::kMultipleFrom);
  EXPECT_EQ(FactsOf("From: a@x.example, b@y.example\n").pra_status,
            PraStatus::kMultipleFrom);
  EXPECT_EQ(FactsOf("Sender: a@x.example\nSender: b@y.example\n").pra_status,
            PraStatus::kMultipleSender);
  EXPECT_EQ(FactsOf("Subject: no author\n").pra_status,
            PraStatus::kNoCandidate);
  EXPECT_FALSE(
      FactsOf("From: a@x.example\nFrom: b@y.example\n").pra.has_value());
}

TEST(ConnectingIp, IsTheNewestPublicHop) {
  SenderFacts facts = FactsOf(
      "Received: from internal.corp (internal.corp [10.1.2.3]) by mx2.corp; "
      "Mon, 1 Jan 2024\n"
      "Received: from mail.sender.example (mail.sender.example [203.0.113.9]) "
      "by mx1.corp\n"
      "Received: from laptop (unknown [192.168.1.20]) by "
      "mail.sender.example\n");
  ASSERT_EQ(facts.received.size(), 3u);
  EXPECT_EQ(facts.connecting_ip, "203.0.113.9");
  EXPECT_EQ(facts.connecting_hop, 1);
  EXPECT_EQ(facts.received[1].from_rdns, "mail.sender.example");
}

TEST(ConnectingIp, EmptyWhenEveryHopIsPrivate) {
  SenderFacts facts = FactsOf("Received: from a (a [10.0.0.1]) by b\n");
  EXPECT_TRUE(facts.connecting_ip.empty());
  EXPECT_EQ(facts.connecting_hop, -1);
}

}  // namespace
}  // namespace inboxsim::mime
