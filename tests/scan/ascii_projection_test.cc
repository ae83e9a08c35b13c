#include "sim/scan/ascii_projection.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "tests/scan/scan_test_util.h"

namespace inboxsim::scan {
namespace {

using detail::AsciiProjection;
using detail::Flags;
using detail::Projection;

constexpr char kNever[] = "<never>";
constexpr char kNone[] = "<none>";

// The projection as one string: the expression, kNever, or kNone.
std::string Project(const std::string& expression, const Flags& flags = {}) {
  std::optional<Projection> p = AsciiProjection(expression, flags);
  if (!p) return kNone;
  return p->never ? kNever : p->expression;
}

struct Row {
  std::string expression;
  std::string projected;
};

void PrintTo(const Row& row, std::ostream* out) { *out << row.expression; }

class AsciiProjectionTest : public testing::TestWithParam<Row> {};

TEST_P(AsciiProjectionTest, KeepsWhatAnAsciiTextCanMatch) {
  EXPECT_EQ(Project(GetParam().expression), GetParam().projected);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, AsciiProjectionTest,
    testing::Values(
        Row{"(?:[a\\xe0]|\\xc3\\xa0)b", "(?:[a])b"},
        Row{"caf(?:e|\\xc3\\xa9)", "caf(?:e)"},
        Row{"x(?:\\xc3\\xa9)?y", "xy"},  // optional and dead: dropped
        Row{"x(?:\\xc3\\xa9){0,3}y", "xy"},
        Row{"a\\xe9+|b", "b"},  // needed once: branch dead
        Row{"a\\xe9+", kNever},
        Row{"\xc3\xa9t\xc3\xa9", kNever},             // raw UTF-8 bytes
        Row{"[\\x20-\\xff]x", "[\\x{20}-\\x{7f}]x"},  // a range clipped
        Row{"[\\d\\xe9_]", "[\\d\\x{5f}]"},           // set escapes kept
        Row{"[]\\xe9]", "[\\x{5d}]"},                 // a leading ] is literal
        Row{"[\\xe9]|[^\\xe9]", "[^\\xe9]"},          // negated: as written
        Row{"(?i)(?:\\xe9|b)", "(?i)(?:b)"}, Row{"(?<n>\\xe9|b)c", "(?<n>b)c"},
        Row{"(?=\\xe9|a)a|\\xe9", "(?=\\xe9|a)a"},  // lookaround as written
        Row{"plain|text", kNone},                   // nothing to remove
        Row{"(a|\\xe9)\\1", kNone},                 // back-reference
        Row{"\\p{L}|\\xe9", kNone}, Row{"\\Q\\xe9\\E", kNone},
        Row{"(?x) a | \\xe9", kNone},
        Row{"(?|a|\\xe9)", kNone},  // branch reset
        Row{"(\\xe9", kNone},       // malformed
        Row{"*\\xe9", kNone}));

TEST(AsciiProjection, RefusesUtf8Patterns) {
  // Under u with i, U+212A (KELVIN SIGN) matches an ASCII "k".
  Flags utf;
  utf.utf = true;
  utf.caseless = true;
  EXPECT_EQ(Project("\\x{212a}", utf), kNone);
}

// On ASCII texts a projection hits exactly where its pattern does.
TEST(AsciiProjection, AgreesWithItsPatternOnAsciiTexts) {
  const std::vector<std::string> expressions = {
      "(?:^|\\s)(?:[pP\\xd1]|\\xce\\xa1)(?:[aA@]|\\xc3\\xa0)(?:[yY]|\\xc3\\xbd)"
      "\\s(?:[mM]|rn|\\xc9\\xb1)(?:[eE3]|\\xc3\\xa9)",
      "caf(?:e|\\xc3\\xa9)(?:\\s+\\w+){0,2}", "[\\x20-\\xff]{3}z",
      "(?:(?=\\w*\\xe9|\\w*b)\\w+|\\xe9)c"};
  const std::vector<std::string> texts = {
      "pay me", "PAY ME now", "p@y rne", "pay  me", "xpay me", "cafe au lait",
      "cafe",   "   z",       "abc",     "bc",      "",        "pay m3",
      "ca fe"};
  for (const std::string& expression : expressions) {
    SCOPED_TRACE(expression);
    std::optional<Projection> projection = AsciiProjection(expression, {});
    ASSERT_TRUE(projection);
    ASSERT_FALSE(projection->never);
    Result<PatternSet> original =
        PatternSet::Compile({{expression, "i", 0}}, Uncached(Engine::kPcre2));
    Result<PatternSet> projected = PatternSet::Compile(
        {{projection->expression, "i", 0}}, Uncached(Engine::kPcre2));
    ASSERT_TRUE(original.ok() && projected.ok());
    for (const std::string& text : texts) {
      SCOPED_TRACE(text);
      EXPECT_EQ(Hits(*projected, text, 1), Hits(*original, text, 1));
    }
  }
}

using Ids = std::vector<uint32_t>;

TEST(PatternSet, AsciiTextsRunTheProjectionOthersThePattern) {
  // Hyperscan refuses both as written (lookbehind); the first one's
  // projection "(?:abc)" it runs natively, the second cannot match ASCII.
  const std::vector<PatternSpec> specs = {
      {"(?:\\xc3(?<=\\xc3)\\xa9x|abc)", "", 0},
      {"(?<=\\xc3)\\xa9", "", 1},
      {"plain", "", 2}};
  Result<PatternSet> set = PatternSet::Compile(specs, Uncached());
  Result<PatternSet> pcre2 =
      PatternSet::Compile(specs, Uncached(Engine::kPcre2));
  ASSERT_TRUE(set.ok() && pcre2.ok());
  EXPECT_EQ(set->size(), 3u);  // the projection is not one of the caller's
  EXPECT_EQ(set->report().native + set->report().prefiltered +
                set->report().pcre2_only,
            3u);
  EXPECT_NE(set->reason(0).find("ASCII projection runs in Hyperscan"),
            std::string_view::npos)
      << set->reason(0);
  EXPECT_NE(set->reason(1).find("cannot match ASCII texts"),
            std::string_view::npos)
      << set->reason(1);
  const std::vector<std::string> texts = {
      "abc",       "xxabcxx",        "\xc3\xa9x", "zz\xc3\xa9x abc",
      "\xc3\xa9",  "plain \xc3\xa9", "ab",        "",
      "plain abc", "\xa9 abc"};
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    EXPECT_EQ(Hits(*set, text, specs.size()), Hits(*pcre2, text, specs.size()));
  }
  EXPECT_EQ(Hits(*set, "xxabcxx", specs.size()), Ids({0}));
  EXPECT_EQ(Hits(*set, "zz\xc3\xa9x", specs.size()), Ids({0, 1}));
  EXPECT_EQ(Hits(*set, "plain", specs.size()), Ids({2}));
}

// A projection that keeps a lookaround Hyperscan refuses is prefiltered on
// ASCII texts, and ASCII texts never reach the original's prefilter form.
TEST(PatternSet, ProjectionWithLookaroundIsPrefilteredOnAsciiTexts) {
  const std::vector<PatternSpec> specs = {
      {"(?!pharmacy)(?:[pP\\xfe]|\\xce\\xa1)ha(?:r|\\xd1\\x80)m", "", 0},
      {"\\bcheap(?=\\s)", "i", 1}};
  Result<PatternSet> set = PatternSet::Compile(specs, Uncached());
  Result<PatternSet> pcre2 =
      PatternSet::Compile(specs, Uncached(Engine::kPcre2));
  ASSERT_TRUE(set.ok() && pcre2.ok());
  EXPECT_NE(
      set->reason(0).find("ASCII projection runs in Hyperscan, prefiltered"),
      std::string_view::npos)
      << set->reason(0);
  const std::vector<std::string> texts = {
      "pharm",          "pharmacy",        "Pharmx cheap ",
      "\xce\xa1harm",   "\xfeha\xd1\x80m", "\xce\xa1harmacy cheap\t",
      "pharmacy pharm", "cheap",           ""};
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    EXPECT_EQ(Hits(*set, text, specs.size()), Hits(*pcre2, text, specs.size()));
  }
  EXPECT_EQ(Hits(*set, "pharmacy", specs.size()), Ids({}));
  EXPECT_EQ(Hits(*set, "pharmacy pharm", specs.size()), Ids({0}));
  EXPECT_EQ(Hits(*set, "\xfeha\xd1\x80m", specs.size()), Ids({0}));
  EXPECT_EQ(Hits(*set, "Pharmx cheap ", specs.size()), Ids({0, 1}));
}

}  // namespace
}  // namespace inboxsim::scan
