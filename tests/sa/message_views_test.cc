// MessageViews builds each view once per message; these check that what it
// caches is what the uncached functions give, and that Reset() forgets the
// previous message entirely.
#include "sim/sa/message_views.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/sa/message_text.h"
#include "sim/scan/target.h"
#include "tests/test_util.h"

namespace inboxsim::sa {
namespace {

using testing::ParseOwned;

HeaderRequest Request(std::string name) {
  HeaderRequest request;
  request.name = std::move(name);
  return request;
}

std::string HeaderVia(MessageViews& views, const HeaderRequest& request) {
  std::string out;
  return AppendHeaderText(views, request, &out) ? out : "<absent>";
}

constexpr char kMultipart[] =
    "Received: from mx.example.net (mx.example.net [203.0.113.9])\n"
    "\tby inbound.example.org with ESMTP id 1; Mon, 1 Jan 2024 00:00:00 "
    "+0000\n"
    "Subject: =?utf-8?q?Caf=C3=A9?= news\n"
    "From: Ann <ann@example.net>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/alternative; boundary=b\n"
    "\n"
    "--b\n"
    "Content-Type: text/plain\n"
    "\n"
    "See www.example.com/a today\n"
    "--b\n"
    "Content-Type: text/html\n"
    "\n"
    "<p>Click <a href=\"http://html.example.org/x\">here</a></p>\n"
    "--b--\n";

TEST(MessageViews, BodyWithAndWithoutSubjectMatchAppendBodyText) {
  auto parsed = ParseOwned(kMultipart);
  MessageViews views(parsed.message);
  for (const bool with_subject : {true, false}) {
    std::string expected;
    AppendBodyText(parsed.message, with_subject, &expected);
    EXPECT_EQ(views.Body(with_subject), expected) << with_subject;
  }
  EXPECT_TRUE(views.Body(true).starts_with("Café news\n"));
  EXPECT_FALSE(views.Body(false).starts_with("Café"));
}

TEST(MessageViews, NoSubjectDropsOnlyTheFirstLineOfALongSubject) {
  // A subject over 2,048 bytes is split into lines like any other line,
  // and tflags nosubject skips the first of them only.
  const std::string subject(3000, 's');
  auto parsed = ParseOwned("Subject: " + subject + "\n\nbody text\n");
  MessageViews views(parsed.message);
  EXPECT_EQ(views.Body(false), std::string(3000 - 2048, 's') + "\nbody text ");
}

TEST(MessageViews, HtmlUrisComeFromTheHtmlPartOnly) {
  auto parsed = ParseOwned(kMultipart);
  MessageViews views(parsed.message);
  ASSERT_EQ(views.HtmlUris().size(), 1u);
  EXPECT_EQ(views.HtmlUris()[0], "http://html.example.org/x");
  std::string uris_via_views, uris;
  AppendUriText(views, &uris_via_views);
  AppendUriText(parsed.message, &uris);
  EXPECT_EQ(uris_via_views, uris);
  EXPECT_NE(uris.find("http://www.example.com/a"), std::string::npos);
}

TEST(MessageViews, HeaderTextMatchesTheUncachedTextOnRepeatedReads) {
  auto parsed = ParseOwned(kMultipart);
  MessageViews views(parsed.message);
  for (const char* name : {"Subject", "ALL", "X-Spam-Relays-Untrusted",
                           "ALL-UNTRUSTED", "From", "Subject"}) {
    std::string expected;
    ASSERT_TRUE(AppendHeaderText(parsed.message, Request(name), &expected));
    EXPECT_EQ(HeaderVia(views, Request(name)), expected) << name;
  }
  EXPECT_NE(HeaderVia(views, Request("X-Spam-Relays-Untrusted"))
                .find("ip=203.0.113.9"),
            std::string::npos);
}

TEST(MessageViews, ResetForgetsThePreviousMessage) {
  auto first = ParseOwned(kMultipart);
  auto second = ParseOwned(
      "Received: from relay.example.com (relay.example.com [198.51.100.7])\n"
      "\tby inbound.example.org with SMTP id 2; Mon, 1 Jan 2024 00:00:00 "
      "+0000\n"
      "Subject: Second\n"
      "From: Bob <bob@example.com>\n"
      "\n"
      "<html><a href=\"http://other.example.com/\">x</a></html>\n");
  MessageViews views(first.message);
  (void)views.Body(true);
  (void)views.relays();
  (void)HeaderVia(views, Request("Subject"));
  views.Reset(second.message);
  EXPECT_TRUE(views.Body(true).starts_with("Second\n"));
  EXPECT_TRUE(views.HtmlUris().empty());  // text/plain: not rendered as HTML
  EXPECT_EQ(HeaderVia(views, Request("Subject")), "Second\n");
  EXPECT_NE(HeaderVia(views, Request("X-Spam-Relays-Untrusted"))
                .find("ip=198.51.100.7"),
            std::string::npos);
}

TEST(MessageViews, TargetTextThroughViewsMatchesTheUncachedText) {
  auto parsed = ParseOwned(kMultipart);
  MessageViews views(parsed.message);
  for (const char* name :
       {"sa-body", "sa-body-nosubject", "sa-uri", "sa-rawbody",
        "sa-header:Subject", "sa-header:X-Spam-Relays-Untrusted"}) {
    std::optional<scan::Target> target = scan::ParseTarget(name);
    ASSERT_TRUE(target) << name;
    std::string buffer, views_buffer;
    const std::string expected(
        scan::TargetText(parsed.message, *target, &buffer));
    EXPECT_EQ(scan::TargetText(*target, views, &views_buffer), expected)
        << name;
  }
}

}  // namespace
}  // namespace inboxsim::sa
