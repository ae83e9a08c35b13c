#include "sim/mime/header.h"

#include <gtest/gtest.h>

#include "sim/mime/header_params.h"

namespace inboxsim::mime {
namespace {

TEST(HeaderSection, SplitsFieldsAndBody) {
  const std::string raw = "From: a@x.org\r\nSubject: hi\r\n\r\nbody\r\n";
  HeaderSection section = ParseHeaderSection(raw, {});
  ASSERT_EQ(section.headers.size(), 2u);
  EXPECT_EQ(section.headers.fields()[0].name, "From");
  EXPECT_EQ(section.headers.Value("subject"), "hi");
  EXPECT_EQ(section.body, "body\r\n");
  EXPECT_TRUE(section.had_separator);
}

TEST(HeaderSection, UnfoldsContinuationLinesAndKeepsRaw) {
  const std::string raw = "Subject: a long\n\tsubject line\nTo: x@y\n\n";
  HeaderSection section = ParseHeaderSection(raw, {});
  const HeaderField* subject = section.headers.Find("SUBJECT");
  ASSERT_NE(subject, nullptr);
  EXPECT_EQ(subject->value, "a long\tsubject line");
  EXPECT_EQ(subject->raw_value, "a long\n\tsubject line");
}

TEST(HeaderSection, KeepsRepeatedFieldsInOrder) {
  const std::string raw = "Received: one\nX: 1\nReceived: two\n\n";
  HeaderSection section = ParseHeaderSection(raw, {});
  EXPECT_EQ(section.headers.Count("received"), 2u);
  std::vector<std::string> values;
  section.headers.ForEach(
      "Received", [&](const HeaderField& f) { values.push_back(f.value); });
  EXPECT_EQ(values, (std::vector<std::string>{"one", "two"}));
}

TEST(HeaderSection, DecodesEncodedWords) {
  HeaderSection section =
      ParseHeaderSection("Subject: =?utf-8?B?w6k=?=\n\n", {});
  EXPECT_EQ(section.headers.Value("subject"), "\xC3\xA9");
}

TEST(HeaderSection, AcceptsWhiteSpaceBeforeColon) {
  HeaderSection section = ParseHeaderSection("Subject : hi\n\n", {});
  EXPECT_EQ(section.headers.Value("subject"), "hi");
}

TEST(HeaderSection, NonFieldLineEndsTheHeader) {
  HeaderSection section =
      ParseHeaderSection("From: a@x\nthis is body\nmore\n", {});
  EXPECT_EQ(section.headers.size(), 1u);
  EXPECT_FALSE(section.had_separator);
  EXPECT_TRUE(section.had_invalid_line);
  EXPECT_EQ(section.body, "this is body\nmore\n");
}

TEST(HeaderSection, CutsFieldsLongerThanTheLimitAndSaysSo) {
  HeaderLimits limits;
  limits.max_field_bytes = 8;
  HeaderSection section = ParseHeaderSection(
      "Subject: 0123456789abcdef\nTo: short\n\nbody", limits);
  ASSERT_EQ(section.headers.size(), 2u);
  EXPECT_EQ(section.headers.Value("subject"), "0123456");  // " 0123456" cut
  EXPECT_EQ(section.headers.Value("to"), "short");
  EXPECT_TRUE(section.hit_length_limit);
  EXPECT_EQ(section.body, "body");
  EXPECT_FALSE(
      ParseHeaderSection("Subject: fits\n\n", limits).hit_length_limit);
}

TEST(HeaderSection, CountsFieldsBeyondTheLimit) {
  std::string raw;
  for (int i = 0; i < 10; ++i) raw += "X-N: " + std::to_string(i) + "\n";
  raw += "\nbody";
  HeaderLimits limits;
  limits.max_fields = 4;
  HeaderSection section = ParseHeaderSection(raw, limits);
  EXPECT_EQ(section.headers.size(), 4u);
  EXPECT_TRUE(section.hit_field_limit);
  EXPECT_EQ(section.body, "body");
}

TEST(HeaderSection, NoHeaderAtAllYieldsEmptyList) {
  HeaderSection section = ParseHeaderSection("\x01\x02 garbage\n", {});
  EXPECT_TRUE(section.headers.empty());
}

TEST(HeaderParams, ParsesValueAndQuotedParameters) {
  HeaderParams params = ParseHeaderParams(
      "Multipart/Mixed; boundary=\"=_a b\\\"c\"; charset=UTF-8 (comment)");
  EXPECT_EQ(params.value, "multipart/mixed");
  EXPECT_EQ(params.Param("boundary"), "=_a b\"c");
  EXPECT_EQ(params.Param("charset"), "UTF-8 (comment)");
  EXPECT_FALSE(params.HasParam("name"));
}

TEST(HeaderParams, JoinsRfc2231ContinuationsAndDecodesCharset) {
  HeaderParams params = ParseHeaderParams(
      "attachment; filename*0*=iso-8859-1''caf%E9; filename*1=\".pdf\"; "
      "filename=\"old.pdf\"");
  EXPECT_EQ(params.value, "attachment");
  EXPECT_EQ(params.Param("filename"), "caf\xC3\xA9.pdf");
}

TEST(HeaderParams, DecodesEncodedWordsInFileNames) {
  HeaderParams params =
      ParseHeaderParams("application/pdf; name=\"=?utf-8?B?w6kucGRm?=\"");
  EXPECT_EQ(params.Param("name"), "\xC3\xA9.pdf");
}

TEST(HeaderParams, ToleratesGarbage) {
  HeaderParams params = ParseHeaderParams(";;;=;\"unterminated");
  EXPECT_TRUE(params.value.empty());
  EXPECT_TRUE(ParseHeaderParams("").params.empty());
}

// Review finding: a backslash ending a comment stepped past the end.
TEST(HeaderParams, BackslashAtTheEndOfACommentIsSafe) {
  EXPECT_EQ(ParseHeaderParams("text/plain; (\\").value, "text/plain");
  EXPECT_EQ(ParseHeaderParams("(\\").value, "");
}

}  // namespace
}  // namespace inboxsim::mime
