#include "sim/mime/message.h"

#include <gtest/gtest.h>

namespace inboxsim::mime {
namespace {

Message Parse(const std::string& raw, const ParseLimits& limits = {}) {
  Result<Message> message = ParseMessage(raw, limits);
  EXPECT_TRUE(message.ok()) << (message.ok() ? "" : message.error().message);
  return message.ok() ? std::move(message).value() : Message{};
}

TEST(ParseMessage, PlainMessageDefaultsToTextPlain) {
  const std::string raw = "From: a@x.org\nSubject: Hi\n\nHello there\n";
  Message message = Parse(raw);
  ASSERT_EQ(message.parts.size(), 1u);
  EXPECT_EQ(message.parts[0].content_type, "text/plain");
  ASSERT_EQ(message.text_parts.size(), 1u);
  EXPECT_EQ(message.body_text, "Hello there");
  EXPECT_EQ(message.headers().Value("subject"), "Hi");
  EXPECT_TRUE(message.defects.none());
}

TEST(ParseMessage, SkipsTheMboxEnvelopeLine) {
  // The message's views point into `raw`, which must outlive it.
  const std::string raw =
      "From a@x.org Mon Jan  1 00:00:00 2024\nSubject: s\n\nb\n";
  Message message = Parse(raw);
  EXPECT_EQ(message.headers().size(), 1u);
  EXPECT_EQ(message.headers().Value("subject"), "s");
}

TEST(ParseMessage, NestedMultipartsInDocumentOrder) {
  const std::string raw =
      "Content-Type: multipart/mixed; boundary=outer\n\n"
      "preamble\n"
      "--outer\n"
      "Content-Type: multipart/alternative; boundary=\"outer-inner\"\n\n"
      "--outer-inner\n"
      "Content-Type: text/plain\n\nplain text\n"
      "--outer-inner\n"
      "Content-Type: text/html\n\n<p>html text</p>\n"
      "--outer-inner--\n"
      "--outer\n"
      "Content-Type: application/pdf; name=report.pdf\n"
      "Content-Transfer-Encoding: base64\n\nSGVsbG8=\n"
      "--outer--\nepilogue\n";
  Message message = Parse(raw);
  ASSERT_EQ(message.parts.size(), 5u);
  EXPECT_EQ(message.parts[1].content_type, "multipart/alternative");
  EXPECT_EQ(message.parts[1].depth, 1);
  EXPECT_EQ(message.parts[2].depth, 2);
  EXPECT_EQ(message.parts[2].parent, 1);
  ASSERT_EQ(message.text_parts.size(), 2u);
  EXPECT_EQ(message.text_parts[0].text, "plain text");
  EXPECT_FALSE(message.text_parts[0].is_html);
  EXPECT_TRUE(message.text_parts[1].is_html);
  ASSERT_EQ(message.attachments.size(), 1u);
  EXPECT_EQ(message.attachments[0].filename, "report.pdf");
  EXPECT_EQ(message.attachments[0].size_bytes, 5u);
  EXPECT_TRUE(message.defects.none()) << message.defects;
}

TEST(ParseMessage, BoundaryWhosePrefixIsAnotherBoundaryIsNotConfused) {
  const std::string raw =
      "Content-Type: multipart/mixed; boundary=b\n\n"
      "--b\n\nfirst\n--bb is not a delimiter\n--b--\n";
  Message message = Parse(raw);
  ASSERT_EQ(message.text_parts.size(), 1u);
  EXPECT_EQ(message.text_parts[0].text, "first\n--bb is not a delimiter");
}

TEST(ParseMessage, DecodesEveryTransferEncoding) {
  const std::string raw =
      "Content-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Transfer-Encoding: base64\n\nYmFzZTY0IHRleHQ=\n"
      "--b\nContent-Transfer-Encoding: quoted-printable\n\nqp=20te=\nxt\n"
      "--b\nContent-Transfer-Encoding: 8bit\nContent-Type: text/plain; "
      "charset=utf-8\n\n"
      "caf\xC3\xA9\n"
      "--b\nContent-Transfer-Encoding: binary\n\nraw bytes\n"
      "--b\nContent-Transfer-Encoding: 7bit\n\nseven\n"
      "--b--\n";
  Message message = Parse(raw);
  ASSERT_EQ(message.text_parts.size(), 5u);
  EXPECT_EQ(message.text_parts[0].text, "base64 text");
  EXPECT_EQ(message.text_parts[1].text, "qp text");
  EXPECT_EQ(message.text_parts[2].text, "caf\xC3\xA9");
  EXPECT_EQ(message.text_parts[3].text, "raw bytes");
  EXPECT_EQ(message.text_parts[4].text, "seven");
}

TEST(ParseMessage, ConvertsCharsetsToUtf8) {
  Message latin = Parse(
      "Content-Type: text/plain; charset=iso-8859-1\n"
      "Content-Transfer-Encoding: quoted-printable\n\ncaf=E9\n");
  EXPECT_EQ(latin.body_text, "caf\xC3\xA9");
  Message koi8 = Parse(
      "Content-Type: text/plain; charset=\"koi8-r\"\n"
      "Content-Transfer-Encoding: base64\n\n8NLJ18XU\n");
  EXPECT_EQ(koi8.body_text, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
}

TEST(ParseMessage, EmbeddedMessageIsParsedAsAChild) {
  const std::string raw =
      "Content-Type: multipart/mixed; boundary=b\n\n"
      "--b\n\nwrapper text\n"
      "--b\nContent-Type: message/rfc822\n\n"
      "From: inner@y.org\nSubject: inner\n\ninner body\n"
      "--b--\n";
  Message message = Parse(raw);
  ASSERT_EQ(message.parts.size(), 4u);
  EXPECT_EQ(message.parts[2].content_type, "message/rfc822");
  EXPECT_EQ(message.parts[3].parent, 2);
  EXPECT_EQ(message.parts[3].headers.Value("subject"), "inner");
  ASSERT_EQ(message.text_parts.size(), 2u);
  EXPECT_EQ(message.text_parts[1].text, "inner body");
}

TEST(ParseMessage, DigestChildrenDefaultToMessages) {
  const std::string raw =
      "Content-Type: multipart/digest; boundary=d\n\n"
      "--d\n\nSubject: one\n\nfirst\n--d--\n";
  Message message = Parse(raw);
  ASSERT_GE(message.parts.size(), 3u);
  EXPECT_EQ(message.parts[1].content_type, "message/rfc822");
  EXPECT_EQ(message.parts[2].headers.Value("subject"), "one");
}

TEST(ParseMessage, AttachmentDispositionAndInlineImages) {
  const std::string raw =
      "Content-Type: multipart/related; boundary=r\n\n"
      "--r\nContent-Type: text/html\n\n<img src=cid:logo>\n"
      "--r\nContent-Type: image/png\nContent-ID: "
      "<logo>\nContent-Transfer-Encoding: base64\n\n"
      "iVBORw0KGgo=\n"
      "--r\nContent-Type: text/plain\nContent-Disposition: attachment; "
      "filename=\"notes.txt\"\n\n"
      "not body text\n"
      "--r--\n";
  Message message = Parse(raw);
  ASSERT_EQ(message.attachments.size(), 2u);
  EXPECT_EQ(message.attachments[0].content_type, "image/png");
  EXPECT_TRUE(message.attachments[0].is_inline);
  EXPECT_EQ(message.attachments[0].size_bytes, 8u);
  EXPECT_EQ(message.attachments[1].filename, "notes.txt");
  EXPECT_FALSE(message.attachments[1].is_inline);
  EXPECT_EQ(message.body_text.find("not body text"), std::string::npos);
}

TEST(ParseMessage, MissingBoundaryParameterReadsBodyAsText) {
  Message message = Parse("Content-Type: multipart/mixed\n\nstill readable\n");
  EXPECT_TRUE(message.has(Defect::kMissingBoundary));
  EXPECT_EQ(message.body_text, "still readable");
}

TEST(ParseMessage, BoundaryThatNeverAppearsReadsBodyAsText) {
  Message message =
      Parse("Content-Type: multipart/mixed; boundary=zz\n\nno parts here\n");
  EXPECT_TRUE(message.has(Defect::kBoundaryNotFound));
  EXPECT_EQ(message.body_text, "no parts here");
}

TEST(ParseMessage, UnterminatedMultipartKeepsTheLastPart) {
  Message message = Parse(
      "Content-Type: multipart/mixed; "
      "boundary=b\n\n--b\n\nfirst\n--b\n\nsecond, cut off");
  EXPECT_TRUE(message.has(Defect::kUnterminatedMultipart));
  ASSERT_EQ(message.text_parts.size(), 2u);
  EXPECT_EQ(message.text_parts[1].text, "second, cut off");
}

TEST(ParseMessage, TruncatedBase64IsCountedAndDecodedAsFarAsItGoes) {
  Message message =
      Parse("Content-Transfer-Encoding: base64\n\nSGVsbG8gd29ybGQhI");
  EXPECT_TRUE(message.has(Defect::kTruncatedBase64));
  EXPECT_EQ(message.body_text, "Hello world!");
}

TEST(ParseMessage, DeepNestingStopsAtTheDepthLimit) {
  // 10,000 nested multiparts: linear work, no recursion, a counted limit.
  std::string raw = "Content-Type: multipart/mixed; boundary=b0\n\n";
  constexpr int kDepth = 10000;
  for (int i = 1; i < kDepth; ++i) {
    raw += "--b" + std::to_string(i - 1) +
           "\nContent-Type: multipart/mixed; boundary=b" + std::to_string(i) +
           "\n\n";
  }
  raw += "--b" + std::to_string(kDepth - 1) + "\n\ndeep text\n";
  ParseLimits limits;
  Message message = Parse(raw, limits);
  EXPECT_TRUE(message.has(Defect::kMimeDepthLimit));
  EXPECT_LE(message.parts.size(),
            static_cast<size_t>(limits.max_mime_depth) + 2);
}

TEST(ParseMessage, PartCountLimitIsCounted) {
  std::string raw = "Content-Type: multipart/mixed; boundary=b\n\n";
  for (int i = 0; i < 50; ++i) raw += "--b\n\npart " + std::to_string(i) + "\n";
  raw += "--b--\n";
  ParseLimits limits;
  limits.max_parts = 10;
  Message message = Parse(raw, limits);
  EXPECT_TRUE(message.has(Defect::kMimePartLimit));
  EXPECT_EQ(message.parts.size(), 10u);
}

TEST(ParseMessage, NulBytesAreCountedNotFatal) {
  const std::string raw("Subject: nul\n\nab\0cd\n", 20);
  Message message = Parse(raw);
  EXPECT_TRUE(message.has(Defect::kNulBytes));
  EXPECT_EQ(message.body_text.size(), 5u);
}

TEST(ParseMessage, TooLargeMessageFails) {
  ParseLimits limits;
  limits.max_message_bytes = 10;
  Result<Message> message = ParseMessage("Subject: 12345678901\n\n", limits);
  ASSERT_FALSE(message.ok());
  EXPECT_EQ(message.error().code, ErrorCode::kMessageTooLarge);
}

struct BadInput {
  const char* name;
  std::string bytes;
  ErrorCode expected;
};

class BadMessageTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadMessageTest, FailsWithANamedReason) {
  Result<Message> message = ParseMessage(GetParam().bytes, {});
  ASSERT_FALSE(message.ok());
  EXPECT_EQ(message.error().code, GetParam().expected);
  EXPECT_FALSE(message.error().message.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadMessageTest,
    ::testing::Values(
        BadInput{"Empty", "", ErrorCode::kEmptyMessage},
        BadInput{"WhiteSpaceOnly", " \r\n\n\t\n", ErrorCode::kEmptyMessage},
        BadInput{"EnvelopeOnly", "From a@b Mon Jan  1 00:00:00 2024\n",
                 ErrorCode::kEmptyMessage},
        BadInput{"BinaryGarbage", std::string("\x89PNG\r\n\x1a\n\0\0", 10),
                 ErrorCode::kNotAMessage},
        BadInput{"ProseNotMail", "Dear friend, this is no message.\n",
                 ErrorCode::kNotAMessage}),
    [](const ::testing::TestParamInfo<BadInput>& param_info) {
      return param_info.param.name;
    });

// Review finding: an unbounded boundary made the delimiter search slow.
TEST(ParseMessage, OverlongBoundaryIsTreatedAsMissing) {
  const std::string raw =
      "Content-Type: multipart/mixed; boundary=" + std::string(300, 'a') +
      "\n\ntext\n";
  Message message = Parse(raw);
  EXPECT_TRUE(message.has(Defect::kMissingBoundary));
  EXPECT_EQ(message.body_text, "text");
}

}  // namespace
}  // namespace inboxsim::mime
