#include "sim/core/result.h"

#include <gtest/gtest.h>

#include "sim/core/label.h"
#include "sim/core/text.h"

namespace inboxsim {
namespace {

TEST(Result, HoldsValueOrError) {
  Result<int> good = 7;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 7);
  Result<int> bad = Error{ErrorCode::kNotAMessage, "a.mbox:3", "no header"};
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kNotAMessage);
  EXPECT_EQ(bad.error().ToString(), "a.mbox:3: no header");
}

TEST(ErrorCodeName, IsStableSnakeCase) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kNotAMessage), "not_a_message");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kDecompressError), "decompress_error");
}

TEST(Label, ParsesAnyCaseAndRejectsOthers) {
  EXPECT_EQ(ParseLabel("SPAM"), Label::kSpam);
  EXPECT_EQ(ParseLabel("ham"), Label::kHam);
  EXPECT_EQ(ParseLabel("hamm"), std::nullopt);
  EXPECT_EQ(LabelName(Label::kUnlabelled), "unlabelled");
}

TEST(Text, CaseInsensitiveHelpers) {
  EXPECT_TRUE(EqualsIgnoreCase("Content-Type", "content-type"));
  EXPECT_FALSE(EqualsIgnoreCase("Content-Type", "content-typ"));
  EXPECT_EQ(FindIgnoreCase("xxBoUnDaRy=", "boundary"), 2u);
  EXPECT_EQ(FindIgnoreCase("short", "longer needle"), std::string_view::npos);
  EXPECT_EQ(TrimAscii(" \t a b \r\n"), "a b");
  EXPECT_TRUE(EndsWithIgnoreCase("file.GZ", ".gz"));
}

std::string Collapsed(std::string_view text) {
  std::string out = "[";
  AppendCollapsedWhitespace(text, &out);
  return out + "]";
}

TEST(Text, CollapsesWhitespaceAsSpamAssassinRendersBody) {
  EXPECT_EQ(Collapsed("  free\r\n  money \t now\n"), "[free money now]");
  EXPECT_EQ(Collapsed("one\n\ntwo\r\n \r\nthree\n \n\n four"),
            "[one\ntwo\nthree\nfour]");
  EXPECT_EQ(Collapsed("a\v\fb"), "[a b]");
  EXPECT_EQ(Collapsed(" \n\t "), "[]");
  EXPECT_EQ(Collapsed("\xC2\xA0x"), "[\xC2\xA0x]");  // only ASCII space
}

}  // namespace
}  // namespace inboxsim
