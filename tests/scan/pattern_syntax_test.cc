#include "sim/scan/pattern_syntax.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "sim/mime/charset.h"

namespace inboxsim::scan::detail {
namespace {

Flags FlagsOf(std::string_view letters) {
  Flags flags;
  EXPECT_EQ(ParseFlags(letters, &flags), std::nullopt);
  return flags;
}

TEST(BoundWhitespaceRepeats, BoundsEveryUnboundedSpaceRepeat) {
  const Flags none = FlagsOf("i");
  EXPECT_EQ(BoundWhitespaceRepeats("\\bfree\\s+money\\s*now\\b", none),
            "\\bfree\\smoney\\s?now\\b");
  EXPECT_EQ(BoundWhitespaceRepeats("a\\s+?b\\s++c\\s*?d\\s*+e", none),
            "a\\sb\\sc\\s??d\\s?+e");
  // Other repeats, escaped backslashes and classes stay as written.
  EXPECT_EQ(BoundWhitespaceRepeats("a\\s{2,}b\\S+c\\\\s+d[\\s+]*e", none),
            "a\\s{2,}b\\S+c\\\\s+d[\\s+]*e");
  EXPECT_EQ(BoundWhitespaceRepeats("x\\s", none), "x\\s");
}

TEST(BoundWhitespaceRepeats, LeavesPatternsWhereSpaceMeansMore) {
  EXPECT_EQ(BoundWhitespaceRepeats("a\\s+b", FlagsOf("u")), "a\\s+b");
  EXPECT_EQ(BoundWhitespaceRepeats("a\\s+b", FlagsOf("x")), "a\\s+b");
  EXPECT_EQ(BoundWhitespaceRepeats("(?x)a\\s+b", FlagsOf("")), "(?x)a\\s+b");
  EXPECT_EQ(BoundWhitespaceRepeats("(?iu:a\\s+b)", FlagsOf("")),
            "(?iu:a\\s+b)");
  EXPECT_EQ(BoundWhitespaceRepeats("(*UCP)a\\s+b", FlagsOf("")),
            "(*UCP)a\\s+b");
  EXPECT_EQ(BoundWhitespaceRepeats("\\Qa\\s+\\Eb\\s+", FlagsOf("")),
            "\\Qa\\s+\\Eb\\s+");
  // \c\ is one control character: the s+ after it is literal s's.
  EXPECT_EQ(BoundWhitespaceRepeats("\\c\\s+x", FlagsOf("")), "\\c\\s+x");
  // An escaped backslash before (?x) leaves the group an option group.
  EXPECT_EQ(BoundWhitespaceRepeats("\\\\(?x)a\\s+ ?b", FlagsOf("")),
            "\\\\(?x)a\\s+ ?b");
  // An option group that turns x off does not block the rewrite.
  EXPECT_EQ(BoundWhitespaceRepeats("(?i-x)a\\s+b", FlagsOf("")), "(?i-x)a\\sb");
}

TEST(ParseFlags, DecodesEachLetter) {
  Flags flags = FlagsOf("imsux");
  EXPECT_TRUE(flags.caseless);
  EXPECT_TRUE(flags.multiline);
  EXPECT_TRUE(flags.dotall);
  EXPECT_TRUE(flags.utf);
  EXPECT_TRUE(flags.extended);
  flags = FlagsOf("");
  EXPECT_FALSE(flags.caseless || flags.multiline || flags.dotall || flags.utf ||
               flags.extended);
  EXPECT_EQ(ParseFlags("iI", &flags), "unknown flag 'I' (flags are imsux)");
}

struct Utf8Row {
  std::string text;
  bool valid;
};

class IsValidUtf8Test : public ::testing::TestWithParam<Utf8Row> {};

TEST_P(IsValidUtf8Test, AgreesWithRfc3629) {
  EXPECT_EQ(mime::IsValidUtf8(GetParam().text), GetParam().valid);
}

INSTANTIATE_TEST_SUITE_P(
    Table, IsValidUtf8Test,
    ::testing::Values(
        Utf8Row{"", true}, Utf8Row{"plain ASCII, long enough", true},
        Utf8Row{std::string("nul\0inside", 10), true},
        Utf8Row{"caf\xc3\xa9", true}, Utf8Row{"\xe2\x82\xac euro", true},
        Utf8Row{"\xf0\x9f\x98\x80", true},               // U+1F600
        Utf8Row{"\xff", false}, Utf8Row{"\xc3", false},  // truncated
        Utf8Row{"abcdefgh\xc3(", false},                 // bad continuation
        Utf8Row{"\xc0\xaf", false},                      // overlong '/'
        Utf8Row{"\xe0\x80\xaf", false},                  // overlong '/'
        Utf8Row{"\xed\xa0\x80", false},                  // surrogate D800
        Utf8Row{"\xf4\x90\x80\x80", false},              // above U+10FFFF
        Utf8Row{"\x80", false}));

TEST(TranslateForRe2, AddsFlagsAndRewritesSpaceAndFinalDollar) {
  Translation t = TranslateForRe2(R"(free\s+money$)", FlagsOf("is"));
  EXPECT_EQ(t.error, "");
  EXPECT_EQ(t.expression, R"((?i)(?s)free[[:space:]]+money(?:\n?\z))");
  t = TranslateForRe2(R"([\s\S.$]x|y$)", FlagsOf(""));
  EXPECT_EQ(t.error, "");
  EXPECT_EQ(t.expression, R"([[:space:][:^space:].$]x|y(?:\n?\z))");
  // Under m, $ means the same in both engines: untouched.
  t = TranslateForRe2(R"(^a$)", FlagsOf("m"));
  EXPECT_EQ(t.expression, R"((?m)^a$)");
  // Quoted text is not rewritten.
  t = TranslateForRe2(R"(\Q\s$\E)", FlagsOf(""));
  EXPECT_EQ(t.expression, R"(\Q\s$\E)");
}

TEST(TranslateForRe2, DollarFollowedOnlyByGroupEndsIsTerminal) {
  EXPECT_EQ(TranslateForRe2(R"((a$))", FlagsOf("")).error, "");
  EXPECT_EQ(TranslateForRe2(R"((a$|b)|c)", FlagsOf("")).error, "");
  EXPECT_NE(TranslateForRe2(R"((a$|b)c)", FlagsOf("")).error, "");
  EXPECT_NE(TranslateForRe2(R"((a$)+)", FlagsOf("")).error, "");
  EXPECT_NE(TranslateForRe2(R"(a$\n)", FlagsOf("")).error, "");
  EXPECT_NE(TranslateForRe2(R"((?m)a$)", FlagsOf("")).error, "");
}

TEST(TranslateForRe2, RefusesWhatWouldMeanSomethingElse) {
  EXPECT_EQ(TranslateForRe2("a b", FlagsOf("x")).error,
            "RE2 has no extended (x) syntax");
  EXPECT_NE(TranslateForRe2(R"(a\vb)", FlagsOf("")).error.find("\\v"),
            std::string::npos);
  EXPECT_NE(TranslateForRe2(R"(\w+)", FlagsOf("u")).error.find("ASCII-only"),
            std::string::npos);
  EXPECT_NE(TranslateForRe2(R"([[:alpha:]])", FlagsOf("u")).error, "");
  EXPECT_EQ(TranslateForRe2(R"(\p{L}+)", FlagsOf("u")).error, "");
}

TEST(TranslateForStd, RewritesDotsAndFinalDollar) {
  Translation t = TranslateForStd(R"(a.b[.]$)", FlagsOf(""));
  EXPECT_EQ(t.error, "");
  EXPECT_EQ(t.expression, R"(a[^\n]b[.](?:\n?$))");
  t = TranslateForStd(R"(a.b)", FlagsOf("s"));
  EXPECT_EQ(t.expression, R"(a[\s\S]b)");
  t = TranslateForStd(R"(a\.b)", FlagsOf(""));
  EXPECT_EQ(t.expression, R"(a\.b)");
}

TEST(TranslateForStd, RefusesEscapesEcmaScriptReadsDifferently) {
  for (const char* pattern : {R"(\Afoo)", R"(foo\z)", R"(foo\Z)", R"(\h)",
                              R"(\Qa\E)", R"(\x{41})", R"(\012)", R"(\e)"}) {
    EXPECT_NE(TranslateForStd(pattern, FlagsOf("")).error, "") << pattern;
  }
  for (const char* pattern :
       {R"(\d\D\w\W\s\S\bx\B)", R"(\x41\t\n\r\f)", R"((a)\1)", R"(\.\*\$)"}) {
    EXPECT_EQ(TranslateForStd(pattern, FlagsOf("")).error, "") << pattern;
  }
  EXPECT_NE(TranslateForStd("^a", FlagsOf("m")).error, "");
  EXPECT_EQ(TranslateForStd("a", FlagsOf("m")).error, "");  // m is moot
  EXPECT_NE(TranslateForStd("a", FlagsOf("u")).error, "");
}

struct ExpandedRow {
  std::string expression;
  uint64_t positions;
};

// Names a row in test output by its expression.
void PrintTo(const ExpandedRow& row, std::ostream* out) {
  *out << row.expression;
}

class ExpandedPositionsTest : public testing::TestWithParam<ExpandedRow> {};

TEST_P(ExpandedPositionsTest, CountsPositionsWithBoundedRepeatsWrittenOut) {
  EXPECT_EQ(ExpandedPositions(GetParam().expression), GetParam().positions);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, ExpandedPositionsTest,
    testing::Values(ExpandedRow{"abc", 3}, ExpandedRow{"a{3}", 3},
                    ExpandedRow{"(?:ab|c){2,5}", 15},  // 3 per copy, 5 copies
                    ExpandedRow{"[a-z]{4,}", 5},       // X{4}X*
                    ExpandedRow{"\\d+x*y?", 3},        // unbounded: once
                    ExpandedRow{"x{", 2},              // a literal brace
                    ExpandedRow{"x{a}", 4},            // not a quantifier
                    ExpandedRow{"(?i)ab(?#note)", 2},  // no positions
                    ExpandedRow{"\\Qa{9}\\E", 4},      // quoted: literal
                    ExpandedRow{"\\x{41}\\p{L}[]a]", 3},
                    ExpandedRow{"(?:a|b.){700}", 2100},
                    ExpandedRow{"((a{10}){10}){10}", 1000},
                    ExpandedRow{"(a|b", 2}));  // unclosed: still counted

struct WidenRow {
  std::string expression;
  uint64_t keep_up_to;
  std::optional<std::string> widened;
};

void PrintTo(const WidenRow& row, std::ostream* out) {
  *out << row.expression << " (keep " << row.keep_up_to << ")";
}

class WidenRepeatsTest : public testing::TestWithParam<WidenRow> {};

TEST_P(WidenRepeatsTest, WidensOnlyRealRepeatsAboveTheBound) {
  EXPECT_EQ(WidenRepeats(GetParam().expression, Flags{}, GetParam().keep_up_to),
            GetParam().widened);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, WidenRepeatsTest,
    testing::Values(
        WidenRow{"a{2,5}b", 3, "a{2,}b"}, WidenRow{"a{2,5}b", 0, "a+b"},
        WidenRow{"a{0,5}", 0, "a*"}, WidenRow{"(?:ab){3}", 0, "(?:ab)+"},
        WidenRow{"a{1,3}", 3, std::nullopt},  // within the bound
        WidenRow{"a{4,}", 3, std::nullopt},   // already unbounded
        WidenRow{"a{4,}", 0, "a+"},
        WidenRow{"[{1,9}]x{1,9}", 0, "[{1,9}]x+"},      // a class's braces
        WidenRow{"\\x{41}{2}", 0, "\\x{41}+"},          // an escape's braces
        WidenRow{"\\{1,9\\}", 0, std::nullopt},         // escaped: literal
        WidenRow{"a{,9}", 0, std::nullopt},             // literal in PCRE2
        WidenRow{"a{2,5}?b", 0, "a+?b"},                // lazy stays lazy
        WidenRow{"a{2,5}+b", 0, "a+b"},                 // possessive dropped
        WidenRow{"(?#{1,9})a{1,9}", 0, "(?#{1,9})a+"},  // a comment's
        WidenRow{"\\Qa{1,9}\\E", 0, std::nullopt},      // quoted: left alone
        WidenRow{"(?x)a{1,9}", 0, std::nullopt}));      // x: left alone

TEST(WidenRepeats, LeavesExtendedPatternsAlone) {
  Flags extended;
  extended.extended = true;
  EXPECT_EQ(WidenRepeats("a{1,9}", extended, 0), std::nullopt);
}

TEST(ExpandedPositions, SaturatesInsteadOfOverflowing) {
  std::string nested;
  for (int k = 0; k < 8; ++k) nested = "(?:" + nested + "a){65535}";
  EXPECT_EQ(ExpandedPositions(nested), uint64_t{1} << 40);
}

}  // namespace
}  // namespace inboxsim::scan::detail
