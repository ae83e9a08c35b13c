#include "sim/mime/charset.h"

#include <gtest/gtest.h>

namespace inboxsim::mime {
namespace {

std::string Convert(std::string_view charset, std::string_view bytes,
                    CharsetResult* result = nullptr) {
  std::string out;
  CharsetResult r = ConvertToUtf8(charset, bytes, &out);
  if (result != nullptr) *result = r;
  return out;
}

TEST(Charset, AsciiPassesThroughUnderAnyAsciiCompatibleLabel) {
  EXPECT_EQ(Convert("us-ascii", "plain"), "plain");
  EXPECT_EQ(Convert("KOI8-R", "plain"), "plain");
}

TEST(Charset, Latin1IsReadAsWindows1252) {
  EXPECT_EQ(Convert("iso-8859-1", "caf\xE9"), "caf\xC3\xA9");
  // 0x80 is the euro sign in windows-1252, which senders label latin-1.
  EXPECT_EQ(Convert("ISO-8859-1", "\x80"), "\xE2\x82\xAC");
  EXPECT_EQ(Convert("\"windows-1252\"", "\x93q\x94"),
            "\xE2\x80\x9Cq\xE2\x80\x9D");
}

TEST(Charset, ConvertsThroughIconv) {
  // "Привет" in KOI8-R.
  EXPECT_EQ(Convert("koi8-r", "\xF0\xD2\xC9\xD7\xC5\xD4"),
            "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
  // "ő" in ISO-8859-2.
  EXPECT_EQ(Convert("iso-8859-2", "\xF5"), "\xC5\x91");
  // Shift_JIS "日本" via the CP932 alias.
  EXPECT_EQ(Convert("shift_jis", "\x93\xFA\x96\x7B"),
            "\xE6\x97\xA5\xE6\x9C\xAC");
}

TEST(Charset, Utf16IsNotMistakenForAscii) {
  EXPECT_EQ(Convert("utf-16le", std::string_view("h\0i\0", 4)), "hi");
}

TEST(Charset, InvalidUtf8FallsBackToWindows1252) {
  CharsetResult result;
  EXPECT_EQ(Convert("utf-8", "caf\xE9", &result), "caf\xC3\xA9");
  EXPECT_TRUE(result.invalid_bytes);
}

TEST(Charset, UnknownLabelIsFlaggedAndStillDecoded) {
  CharsetResult result;
  EXPECT_EQ(Convert("x-no-such-charset", "caf\xE9", &result), "caf\xC3\xA9");
  EXPECT_TRUE(result.unknown_charset);
}

TEST(Charset, UnlabelledEightBitUtf8StaysUtf8) {
  CharsetResult result;
  EXPECT_EQ(Convert("", "caf\xC3\xA9", &result), "caf\xC3\xA9");
  EXPECT_FALSE(result.invalid_bytes);
}

TEST(Charset, BadBytesInIconvCharsetBecomeReplacementCharacters) {
  CharsetResult result;
  // 0x80 alone is invalid in Shift_JIS/CP932? It maps; use an invalid EUC-JP
  // lead.
  const std::string out = Convert("euc-jp",
                                  "a\xFF"
                                  "b",
                                  &result);
  EXPECT_TRUE(result.invalid_bytes);
  EXPECT_EQ(out,
            "a\xEF\xBF\xBD"
            "b");
}

TEST(Utf8, ValidatesStrictly) {
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9 \xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));      // cut short
}

TEST(Utf8, AppendsCodePointsAndReplacesInvalidOnes) {
  std::string out;
  AppendUtf8(0x20AC, &out);
  AppendUtf8(0xD800, &out);
  EXPECT_EQ(out, "\xE2\x82\xAC\xEF\xBF\xBD");
}

// Review finding: every distinct label was cached per thread, however long.
TEST(Charset, ImplausibleLabelsAreUnknownWithoutIconv) {
  CharsetResult result;
  EXPECT_EQ(Convert(std::string(5000, 'x'), "caf\xE9", &result), "caf\xC3\xA9");
  EXPECT_TRUE(result.unknown_charset);
  EXPECT_EQ(Convert("koi8-r; drop table", "\xF0", &result), "\xC3\xB0");
  EXPECT_TRUE(result.unknown_charset);
  for (int i = 0; i < 600; ++i) {  // more distinct names than the cache holds
    Convert("x-made-up-" + std::to_string(i), "\xE9", &result);
    EXPECT_TRUE(result.unknown_charset);
  }
  EXPECT_EQ(Convert("koi8-r", "\xF0", &result), "\xD0\x9F");
}

// Review finding: one bad byte used to turn a whole UTF-8 text into mojibake.
TEST(Charset, OneBadByteDoesNotSpoilTheRestOfUtf8) {
  CharsetResult result;
  EXPECT_EQ(Convert("utf-8", "na\xC3\xAFve \xE9t\xC3\xA9", &result),
            "na\xC3\xAFve \xC3\xA9t\xC3\xA9");
  EXPECT_TRUE(result.invalid_bytes);
  // A text cut inside a character keeps everything before the cut.
  EXPECT_EQ(Convert("utf-8", "caf\xC3\xA9 \xE2\x82", &result),
            "caf\xC3\xA9 \xC3\xA2\xE2\x80\x9A");
}

}  // namespace
}  // namespace inboxsim::mime
