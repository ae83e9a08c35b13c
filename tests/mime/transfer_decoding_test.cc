#include "sim/mime/transfer_decoding.h"

#include <gtest/gtest.h>

namespace inboxsim::mime {
namespace {

std::string Base64(std::string_view in, DecodeResult* result = nullptr) {
  std::string out;
  DecodeResult r = DecodeBase64(in, &out);
  if (result != nullptr) *result = r;
  return out;
}

std::string Qp(std::string_view in, DecodeResult* result = nullptr,
               bool q = false) {
  std::string out;
  DecodeResult r = DecodeQuotedPrintable(in, &out, q);
  if (result != nullptr) *result = r;
  return out;
}

TEST(Base64, DecodesPaddedAndWholeQuanta) {
  DecodeResult result;
  EXPECT_EQ(Base64("SGVsbG8=", &result), "Hello");
  EXPECT_FALSE(result.truncated);
  EXPECT_EQ(Base64("SGVsbG8h", &result), "Hello!");
  EXPECT_FALSE(result.truncated);
  EXPECT_EQ(Base64(""), "");
}

TEST(Base64, MissingPaddingMeansTruncatedButStillDecodes) {
  DecodeResult result;
  EXPECT_EQ(Base64("SGVsbG8", &result), "Hello");
  EXPECT_TRUE(result.truncated);
}

TEST(Base64, SkipsLineBreaksAndWhiteSpace) {
  DecodeResult result;
  EXPECT_EQ(Base64("SGVs\r\nbG8g\n d29y bGQ=\n", &result), "Hello world");
  EXPECT_FALSE(result.invalid);
  EXPECT_FALSE(result.truncated);
}

TEST(Base64, FlagsBytesOutsideTheAlphabet) {
  DecodeResult result;
  EXPECT_EQ(Base64("SGV*sbG8=", &result), "Hello");
  EXPECT_TRUE(result.invalid);
}

TEST(Base64, FlagsALoneTrailingSymbolAsTruncated) {
  DecodeResult result;
  EXPECT_EQ(Base64("SGVsbG8hS", &result), "Hello!");
  EXPECT_TRUE(result.truncated);
}

TEST(Base64, StopsAtPadding) { EXPECT_EQ(Base64("SGk=SGk="), "Hi"); }

TEST(Base64, DecodedSizeMatchesDecoding) {
  const std::string encoded = "SGVsbG8g\nd29ybGQh\n";
  EXPECT_EQ(Base64DecodedSize(encoded), Base64(encoded).size());
  EXPECT_EQ(Base64DecodedSize("SGk="), 2u);
}

TEST(QuotedPrintable, DecodesEscapesInEitherCase) {
  EXPECT_EQ(Qp("caf=E9 caf=e9"), "caf\xE9 caf\xE9");
}

TEST(QuotedPrintable, SoftLineBreakJoinsLines) {
  EXPECT_EQ(Qp("hello =\nworld"), "hello world");
  EXPECT_EQ(Qp("hello =\r\nworld"), "hello world");
  EXPECT_EQ(Qp("hello=  \nworld"), "helloworld");
}

TEST(QuotedPrintable, KeepsMalformedEscapesLiterally) {
  DecodeResult result;
  EXPECT_EQ(Qp("100=ZZ sure", &result), "100=ZZ sure");
  EXPECT_TRUE(result.invalid);
}

TEST(QuotedPrintable, TruncatedEscapeAtEndIsFlagged) {
  DecodeResult result;
  EXPECT_EQ(Qp("abc=4", &result), "abc=4");
  EXPECT_TRUE(result.truncated);
}

TEST(QuotedPrintable, UnderscoreIsSpaceOnlyInEncodedWords) {
  EXPECT_EQ(Qp("a_b", nullptr, true), "a b");
  EXPECT_EQ(Qp("a_b", nullptr, false), "a_b");
}

}  // namespace
}  // namespace inboxsim::mime
