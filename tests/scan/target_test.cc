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
