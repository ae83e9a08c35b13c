#include "sim/scan/target.h"

#include <gtest/gtest.h>

namespace inboxsim::scan {
namespace {

TEST(ParseTarget, ReadsEveryKindAndRejectsOthers) {
  EXPECT_EQ(ParseTarget("headers")->kind, TargetKind::kHeaders);
  EXPECT_EQ(ParseTarget("body")->kind, TargetKind::kBody);
  EXPECT_EQ(ParseTarget("rawbody")->kind, TargetKind::kRawBody);
  EXPECT_EQ(ParseTarget("html")->kind, TargetKind::kHtml);
  EXPECT_EQ(ParseTarget("uri")->kind, TargetKind::kUri);
  const std::optional<Target> subject = ParseTarget("header:Subject");
  ASSERT_TRUE(subject);
  EXPECT_EQ(subject->kind, TargetKind::kHeader);
  EXPECT_EQ(subject->header_name, "subject");
  EXPECT_EQ(subject->ToString(), "header:subject");
  EXPECT_FALSE(ParseTarget("header:"));
  EXPECT_FALSE(ParseTarget("header:two words"));
  EXPECT_FALSE(ParseTarget("Body"));
}

TEST(ParseTarget, ReadsSpamAssassinViewsAndTheirHeaderRequests) {
  for (const char* name :
       {"sa-body", "sa-body-nosubject", "sa-rawbody", "sa-full", "sa-uri"}) {
    const std::optional<Target> target = ParseTarget(name);
    ASSERT_TRUE(target) << name;
    EXPECT_EQ(target->ToString(), name);
  }
  const std::optional<Target> from = ParseTarget("sa-header:From:addr");
  ASSERT_TRUE(from);
  EXPECT_EQ(from->kind, TargetKind::kSaHeader);
  ASSERT_TRUE(from->sa_header);
  EXPECT_EQ(from->sa_header->name, "From");
  EXPECT_TRUE(from->sa_header->has("addr"));
  // Conventional names group without case, as SpamAssassin looks them up;
  // its pseudo-headers keep their spelling.
  EXPECT_EQ(from->ToString(), "sa-header:from:addr");
  EXPECT_EQ(*ParseTarget("sa-header:Message-ID"),
            *ParseTarget("sa-header:message-id"));
  EXPECT_EQ(ParseTarget("sa-header:ALL:raw")->ToString(), "sa-header:ALL:raw");
  const std::optional<Target> unset =
      ParseTarget("sa-header:Subject [if-unset: UNSET]");
  ASSERT_TRUE(unset);
  EXPECT_EQ(unset->sa_header->if_unset, "UNSET");
  EXPECT_EQ(unset->ToString(), "sa-header:subject [if-unset: UNSET]");
  // What a SpamAssassin header rule could not write is refused.
  EXPECT_FALSE(ParseTarget("sa-header:"));
  EXPECT_FALSE(ParseTarget("sa-header:From:adr"));
  EXPECT_FALSE(ParseTarget("sa-header:From addr"));
}

TEST(TargetText, GivesEachTargetItsText) {
  const std::string raw =
      "From: a@x.example\nSubject: =?utf-8?Q?caf=C3=A9?=\nSubject: second\n"
      "Content-Type: multipart/alternative; boundary=b\n\n"
      "--b\nContent-Type: text/plain\n\nsee http://plain.example/x\n"
      "--b\nContent-Type: text/html\n\n<p>Hello <b>there</b> <a "
      "href=\"http://html.example/\">go</a></p>\n"
      "--b--\n";
  Result<mime::Message> message = mime::ParseMessage(raw, {});
  ASSERT_TRUE(message.ok());
  auto text = [&](std::string_view target) {
    std::string buffer;
    return std::string(TargetText(*message, *ParseTarget(target), &buffer));
  };
  EXPECT_EQ(text("header:subject"), "caf\xC3\xA9\nsecond");
  EXPECT_EQ(text("header:X-Missing"), "");
  EXPECT_NE(text("headers").find("Subject: caf\xC3\xA9\n"), std::string::npos);
  EXPECT_NE(text("body").find("Hello there go"), std::string::npos);
  EXPECT_EQ(text("body").find("<b>"), std::string::npos);
  EXPECT_NE(text("rawbody").find("<b>there</b>"), std::string::npos);
  EXPECT_NE(text("rawbody").find("see http://plain.example/x"),
            std::string::npos);
  EXPECT_EQ(text("html").find("see http"), std::string::npos);
  EXPECT_NE(text("html").find("<a href"), std::string::npos);
  EXPECT_EQ(text("uri"), "http://plain.example/x\nhttp://html.example/");
}

}  // namespace
}  // namespace inboxsim::scan
