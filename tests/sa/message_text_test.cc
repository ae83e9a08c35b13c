// Expected texts were printed by scripts/sa-dump-texts.pl (SpamAssassin
// 4.0.1) for the same messages.
#include "sim/sa/message_text.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/test_util.h"

namespace inboxsim::sa {
namespace {

using testing::ParseOwned;

std::string Body(const mime::Message& message, bool with_subject = true) {
  std::string out;
  AppendBodyText(message, with_subject, &out);
  return out;
}

std::string RawBody(const mime::Message& message) {
  std::string out;
  AppendRawBodyText(message, &out);
  return out;
}

std::string Uris(const mime::Message& message) {
  std::string out;
  AppendUriText(message, &out);
  return out;
}

// The header text for "Name:modifier:..."; "<absent>" when not found.
std::string Header(const mime::Message& message, const std::string& text) {
  HeaderRequest request;
  const size_t colon = text.find(':');
  request.name = text.substr(0, colon);
  for (size_t at = colon; at != std::string::npos;) {
    const size_t next = text.find(':', at + 1);
    request.modifiers.insert(text.substr(at + 1, next - at - 1));
    at = next;
  }
  std::string out;
  return AppendHeaderText(message, request, &out) ? out : "<absent>";
}

TEST(BodyText, SubjectIsTheFirstLine) {
  auto parsed = ParseOwned("Subject: Hello there\n\nFirst  line\nsame para\n");
  EXPECT_EQ(Body(parsed.message), "Hello there\nFirst line same para ");
}

TEST(BodyText, NoSubjectGivesAnEmptyFirstLine) {
  auto parsed = ParseOwned("From: a@b.example\n\ntext\n");
  EXPECT_EQ(Body(parsed.message), "\ntext ");
}

TEST(BodyText, NosubjectLeavesTheSubjectLineOut) {
  auto parsed = ParseOwned("Subject: Hi\n\ntext\n");
  EXPECT_EQ(Body(parsed.message, /*with_subject=*/false), "text ");
}

TEST(BodyText, BlankLinesBecomeOneLineBreakWithSpacesKept) {
  auto parsed = ParseOwned("Subject: s\n\none \n\n\n two\tthree\n");
  EXPECT_EQ(Body(parsed.message), "s\none \n two three ");
}

TEST(BodyText, LongLinesSplitAfterASpace) {
  const std::string word(1500, 'a');
  auto parsed = ParseOwned("Subject: s\n\n" + word + " " + word + "\n");
  const std::string body = Body(parsed.message);
  // The first 2,048 bytes hold one space: the split comes just after it.
  EXPECT_EQ(body, "s\n" + word + " \n" + word + " ");
}

TEST(BodyText, LongLinesWithoutSpaceSplitAt2048Bytes) {
  const std::string word(3000, 'b');
  auto parsed = ParseOwned("Subject: s\n\n" + word);
  EXPECT_EQ(Body(parsed.message),
            "s\n" + std::string(2048, 'b') + "\n" + std::string(952, 'b'));
}

TEST(BodyText, PartsAreCutAt50000Characters) {
  std::string text;
  while (text.size() < 60000) text += "word ";
  auto parsed = ParseOwned("Subject: s\n\n" + text);
  const std::string body = Body(parsed.message);
  // Cut just after the first space at or past 50,000 characters: "word "
  // repeats, so character 50,000 starts a word ending 4 characters on.
  size_t bytes = 0;
  for (size_t i = body.find('\n') + 1; i < body.size(); ++i) {
    if (body[i] != '\n') ++bytes;
  }
  EXPECT_EQ(bytes, 50005u);
}

TEST(BodyText, HtmlIsRenderedAsSpamAssassinRendersIt) {
  auto parsed = ParseOwned(
      "Subject: s\nContent-Type: text/html\n\n"
      "<html><head><style>p {color: red}</style></head><body>"
      "<p>Hello <b>big</b>   world</p>line<br>next<br><br>para"
      "<script>var x = 1;</script></body></html>\n");
  EXPECT_EQ(Body(parsed.message), "s\n\nHello big world\nline next\npara ");
}

TEST(RawBodyText, KeepsTagsAndDecodesTransferEncoding) {
  auto parsed = ParseOwned(
      "Subject: s\nContent-Type: text/html\n"
      "Content-Transfer-Encoding: quoted-printable\n\n"
      "<p>caf=C3=A9</p>=\n<br>\n");
  EXPECT_EQ(RawBody(parsed.message), "<p>caf\xC3\xA9</p><br>");
}

TEST(RawBodyText, PartsAreCutAt500000Bytes) {
  std::string text;
  while (text.size() < 600000) text += std::string(99, 'x') + "\n";
  auto parsed = ParseOwned("Subject: s\n\n" + text);
  const std::string raw = RawBody(parsed.message);
  size_t bytes = 0;
  for (const char c : raw) bytes += c != '\n';
  // Byte 500,000 starts a line: the cut is after that line's "\n".
  EXPECT_EQ(bytes, (500000u / 100 + 1) * 99);
}

TEST(HeaderText, EveryOccurrenceDecodedEachEndingWithALineBreak) {
  auto parsed = ParseOwned(
      "Subject: =?utf-8?q?caf=C3=A9?=\nX-A: one\nX-A:  two\n\tfolded\n\nb\n");
  EXPECT_EQ(Header(parsed.message, "Subject"), "caf\xC3\xA9\n");
  EXPECT_EQ(Header(parsed.message, "X-A"), "one\ntwo folded\n");
  EXPECT_EQ(Header(parsed.message, "X-A:first"), "one\n");
  EXPECT_EQ(Header(parsed.message, "X-A:last"), "two folded\n");
}

TEST(HeaderText, RawKeepsEncodedWordsAndTheLeadingSpace) {
  auto parsed = ParseOwned("Subject: =?utf-8?q?caf=C3=A9?=\n\nb\n");
  EXPECT_EQ(Header(parsed.message, "Subject:raw"), " =?utf-8?q?caf=C3=A9?=\n");
}

TEST(HeaderText, AbsentHeaderIsNotFound) {
  auto parsed = ParseOwned("Subject: s\n\nb\n");
  EXPECT_EQ(Header(parsed.message, "X-Nothing"), "<absent>");
  EXPECT_EQ(Header(parsed.message, "From:addr"), "<absent>");
}

TEST(HeaderText, AddrAndNameGiveOneLinePerMailbox) {
  auto parsed = ParseOwned(
      "From: \"Jo Doe\" <jo@a.example>\n"
      "To: x@b.example, Ann <ann@c.example>\n\nb\n");
  EXPECT_EQ(Header(parsed.message, "From:addr"), "jo@a.example");
  EXPECT_EQ(Header(parsed.message, "From:name"), "Jo Doe");
  EXPECT_EQ(Header(parsed.message, "To:addr"), "x@b.example\nann@c.example");
}

TEST(HeaderText, AllToCcAndMessageId) {
  auto parsed = ParseOwned(
      "Subject: s\nTo: a@x.example\nCc: b@x.example\n"
      "Message-Id: <1@x.example>\nX-Message-Id: <2@x.example>\n\nb\n");
  EXPECT_EQ(Header(parsed.message, "ALL"),
            "Subject: s\nTo: a@x.example\nCc: b@x.example\n"
            "Message-Id: <1@x.example>\nX-Message-Id: <2@x.example>\n");
  EXPECT_EQ(Header(parsed.message, "ToCc"), "a@x.example\nb@x.example\n");
  EXPECT_EQ(Header(parsed.message, "MESSAGEID"),
            "<2@x.example>\n<1@x.example>\n");
}

TEST(UriText, AddsCanonicalVariants) {
  auto parsed = ParseOwned(
      "Subject: s\nContent-Type: text/html\n\n"
      "<a href=\"HTTP://WWW.Example.COM:80?q=1\">x</a>"
      "<img src=\"http://3232235777/a.gif\">\n");
  EXPECT_EQ(Uris(parsed.message),
            "HTTP://WWW.Example.COM:80/?q=1\n"
            "HTTP://WWW.Example.COM:80?q=1\n"
            "http://192.168.1.1/a.gif\n"
            "http://3232235777/a.gif");
}

TEST(FullText, LeavesOutTheMboxFromLine) {
  auto parsed = ParseOwned(
      "From sender@x.example Mon Jan  1 00:00:00 2024\nSubject: s\n\nb\n");
  EXPECT_EQ(FullText(parsed.message), "Subject: s\n\nb\n");
}

}  // namespace
}  // namespace inboxsim::sa
