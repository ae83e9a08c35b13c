#include "sim/scan/reversed_pattern.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "sim/scan/pcre2_pattern.h"

namespace inboxsim::scan {
namespace {

using detail::Flags;
using detail::ReversedSuperset;

constexpr char kRefused[] = "<refused>";

std::string Reverse(const std::string& expression, const Flags& flags = {}) {
  return ReversedSuperset(expression, flags).value_or(kRefused);
}

Flags Multiline() {
  Flags flags;
  flags.multiline = true;
  return flags;
}

struct Row {
  std::string expression;
  std::string reversed;
};

void PrintTo(const Row& row, std::ostream* out) { *out << row.expression; }

class ReversedSupersetTest : public testing::TestWithParam<Row> {};

TEST_P(ReversedSupersetTest, WritesThePatternBackwards) {
  EXPECT_EQ(Reverse(GetParam().expression), GetParam().reversed);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, ReversedSupersetTest,
    testing::Values(
        Row{"abc", "cba"}, Row{"ab|cd", "ba|dc"},
        Row{"(?:ab|c[de]f){2,3}x\\s+y", "y\\s+x(?:ba|f[de]c){2,3}"},
        Row{"(a)(?<n>b)(?P<m>c)(?'o'd)", "(?:d)(?:c)(?:b)(?:a)"},
        Row{"a*?b++c{2,}+", "c{2,}b+a*"},  // lazy and possessive dropped
        Row{"(?>ab)c", "c(?:ba)"},         // atomic: a plain group
        Row{"\\x41\\x{263a}\\0101\\cA\\.\\d",
            "\\d\\.\\cA1\\010\\x{263a}\\x41"},  // \\010 then 1
        Row{"[a-c\\]]x[^y]", "[^y]x[a-c\\]]"}, Row{"\\bab\\B", "\\Bba\\b"},
        Row{"a(?=b)c(?!d)(?<=c)(?<!e)", "ca"},  // lookaround dropped
        Row{"a(?=b)?c", "ca"},                  // with its quantifier
        Row{"^ab$|\\Acd\\z|\\Z", "ba|dc|"},     // the text's ends: dropped
        Row{"a(?#note)b", "ba"}, Row{"a{b}", "\\}b\\{a"},  // literal braces
        Row{"(?i:ab)c", "c(?i:ba)"}, Row{"a(?i)b", "(?i)ba"},
        Row{"(?s)a.b", "(?s)b.a"}, Row{"(?:)a", "a"},
        // Refused: what it cannot reverse or does not parse.
        Row{"(a)\\1", kRefused}, Row{"\\Qab\\E", kRefused},
        Row{"a\\Kb", kRefused}, Row{"\\Ga", kRefused}, Row{"\\R", kRefused},
        Row{"\\p{L}", kRefused}, Row{"(*UTF)a", kRefused},
        Row{"(?(1)a|b)", kRefused}, Row{"(?R)", kRefused},
        Row{"a(?-i)b", kRefused}, Row{"a(?m)b", kRefused},
        Row{"(?-i:a(?i)b)", kRefused},  // the group turns i off around it
        Row{"ab(?#x)?c", kRefused},     // the ? repeats the b
        Row{"ab(?#x)c", "cba"}, Row{"(?x)a b", kRefused}, Row{"(ab", kRefused},
        Row{"ab)", kRefused}, Row{"[ab", kRefused}, Row{"a**", kRefused},
        Row{"*a", kRefused}));

TEST(ReversedSuperset, MultilineExchangesLineAnchors) {
  EXPECT_EQ(Reverse("^ab+(?=c)|d$", Multiline()), "b+a$|^d");
  // A scoped (?m:) exchanges them inside only.
  EXPECT_EQ(Reverse("^a(?m:^b$)c$"), "c(?m:^b$)a");
}

TEST(ReversedSuperset, RefusesTheFlagsItCannotReverseUnder) {
  Flags utf;
  utf.utf = true;
  EXPECT_EQ(ReversedSuperset("ab", utf), std::nullopt);
  Flags extended;
  extended.extended = true;
  EXPECT_EQ(ReversedSuperset("ab", extended), std::nullopt);
}

// The property the start finders rest on: wherever a match of the pattern
// begins at offset s of a text of n bytes, the reversed pattern has a match
// ending at n - s of the reversed text.
TEST(ReversedSuperset, EveryMatchStartIsAMatchEndOfTheReverse) {
  struct Case {
    std::string expression;
    Flags flags;
    std::vector<std::string> texts;
  };
  Flags caseless;
  caseless.caseless = true;
  const std::vector<Case> cases = {
      {"(?:name|phone|city)[:\\s]{1,5}(?:_{2,}|\\.{3,})",
       caseless,
       {"Name: ____ Phone: ...", "your city  ___", "no form here"}},
      {"^(?:a|b.){2,4}c$", Multiline(), {"ac\nabxc\n", "zz\nbqbqc", "abc abc"}},
      {"\\bfree(?!dom)\\s+(?:money|cash)\\b",
       caseless,
       {"FREE money, freedom cash", "a free  cash flow", "carefree money"}},
      {"(?<=\\d)x+(?=y)|q(?:rs)?", {}, {"1xxy 2xy qrs", "xy q"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.expression);
    std::string error;
    auto forward = detail::Pcre2Pattern::Compile(c.expression, c.flags, &error);
    ASSERT_NE(forward, nullptr) << error;
    std::optional<std::string> reversed =
        ReversedSuperset(c.expression, c.flags);
    ASSERT_TRUE(reversed.has_value());
    // Anchored at the end of the prefix it is given.
    auto backward = detail::Pcre2Pattern::Compile("(?:" + *reversed + ")\\z",
                                                  c.flags, &error);
    ASSERT_NE(backward, nullptr) << *reversed << ": " << error;
    auto scratch = detail::Pcre2Scratch::Create(100000, 10000);
    size_t starts = 0;
    for (const std::string& text : c.texts) {
      const std::string backwards(text.rbegin(), text.rend());
      for (size_t s = 0; s <= text.size(); ++s) {
        if (forward->MatchAnchoredAt(detail::AsPcre2Units(text), s, *scratch) !=
            detail::Pcre2Outcome::kMatch)
          continue;
        ++starts;
        SCOPED_TRACE(text + " @" + std::to_string(s));
        const std::string prefix = backwards.substr(0, text.size() - s);
        EXPECT_EQ(backward->Match(detail::AsPcre2Units(prefix), *scratch),
                  detail::Pcre2Outcome::kMatch);
      }
    }
    EXPECT_GE(starts, 2u);  // the texts do exercise the pattern
  }
}

}  // namespace
}  // namespace inboxsim::scan
