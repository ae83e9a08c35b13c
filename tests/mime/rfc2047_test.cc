#include "sim/mime/rfc2047.h"

#include <gtest/gtest.h>

namespace inboxsim::mime {
namespace {

std::string Decode(std::string_view value,
                   HeaderDecodeResult* result = nullptr) {
  std::string out;
  HeaderDecodeResult r = DecodeHeaderText(value, &out);
  if (result != nullptr) *result = r;
  return out;
}

TEST(Rfc2047, DecodesBase64AndQWords) {
  EXPECT_EQ(Decode("=?utf-8?B?SGVsbG8gd29ybGQ=?="), "Hello world");
  EXPECT_EQ(Decode("=?iso-8859-1?Q?Caf=E9_au_lait?="), "Caf\xC3\xA9 au lait");
  EXPECT_EQ(Decode("=?UTF-8?q?a=20b?="), "a b");
}

TEST(Rfc2047, DropsWhiteSpaceBetweenAdjacentWordsOnly) {
  EXPECT_EQ(Decode("=?utf-8?Q?a?= =?utf-8?Q?b?="), "ab");
  EXPECT_EQ(Decode("=?utf-8?Q?a?= and =?utf-8?Q?b?="), "a and b");
  EXPECT_EQ(Decode("Re: =?utf-8?Q?x?="), "Re: x");
}

TEST(Rfc2047, DecodesWordsInsideQuotesAsReadersDo) {
  EXPECT_EQ(Decode("\"=?utf-8?B?SsO2cmc=?=\" <j@x.org>"),
            "\"J\xC3\xB6rg\" <j@x.org>");
}

TEST(Rfc2047, ConvertsCharsetOfEachWord) {
  // "Привет" in KOI8-R, base64.
  EXPECT_EQ(Decode("=?koi8-r?B?8NLJ18XU?="),
            "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
}

TEST(Rfc2047, LeavesMalformedWordsAsWritten) {
  EXPECT_EQ(Decode("=?utf-8?X?abc?= tail"), "=?utf-8?X?abc?= tail");
  EXPECT_EQ(Decode("=?broken"), "=?broken");
}

TEST(Rfc2047, FlagsUnknownCharsets) {
  HeaderDecodeResult result;
  // An unknown label only matters once there are 8-bit bytes to interpret.
  EXPECT_EQ(Decode("=?x-bogus?Q?abc?=", &result), "abc");
  EXPECT_FALSE(result.unknown_charset);
  EXPECT_EQ(Decode("=?x-bogus?Q?caf=E9?=", &result), "caf\xC3\xA9");
  EXPECT_TRUE(result.unknown_charset);
}

TEST(Rfc2047, ReadsRaw8bitHeadersAsUtf8OrWindows1252) {
  HeaderDecodeResult result;
  EXPECT_EQ(Decode("caf\xC3\xA9", &result), "caf\xC3\xA9");
  EXPECT_TRUE(result.raw_8bit);
  EXPECT_EQ(Decode("caf\xE9"), "caf\xC3\xA9");
}

// Review finding: unterminated encoded words made the scan quadratic.
TEST(Rfc2047, ManyUnterminatedWordsStayAsWritten) {
  std::string value;
  for (int i = 0; i < 200000; ++i) value += "=?a?b?c";
  value += "?=";
  // Only the last "=?a?b?c?=" is a word; its one base64 symbol decodes to
  // nothing. Everything before it stays as written.
  EXPECT_EQ(Decode(value), value.substr(0, value.size() - 9));
}

}  // namespace
}  // namespace inboxsim::mime
