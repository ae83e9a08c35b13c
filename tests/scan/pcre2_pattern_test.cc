#include "sim/scan/pcre2_pattern.h"

#include <gtest/gtest.h>

#include <string>

namespace inboxsim::scan {
namespace {

using detail::Pcre2Outcome;

// PCRE2 runs a match-time PCRE2_ANCHORED in its interpreter, which enforces
// the depth limit the JIT ignores: a long match found unanchored would come
// back as a limit. The anchored twin runs with JIT and finds it.
TEST(Pcre2Pattern, AnchoredTwinMatchesWhatTheUnanchoredSearchFinds) {
  std::string text;
  for (int k = 0; k < 12000; ++k) text += "a ";
  text += "b";
  const std::string prefixed = "xx " + text;
  auto scratch = detail::Pcre2Scratch::Create(100000, 10000);
  ASSERT_NE(scratch, nullptr);
  std::string error;
  auto plain = detail::Pcre2Pattern::Compile("(?:a )+b", {}, &error);
  auto twin =
      detail::Pcre2Pattern::CompileWithAnchoredTwin("(?:a )+b", {}, &error);
  ASSERT_NE(plain, nullptr);
  ASSERT_NE(twin, nullptr);
  ASSERT_TRUE(plain->jit());
  EXPECT_EQ(plain->Match(detail::AsPcre2Units(text), *scratch),
            Pcre2Outcome::kMatch);
  EXPECT_EQ(plain->MatchAnchoredAt(detail::AsPcre2Units(text), 0, *scratch),
            Pcre2Outcome::kLimit);
  EXPECT_EQ(twin->MatchAnchoredAt(detail::AsPcre2Units(text), 0, *scratch),
            Pcre2Outcome::kMatch);
  // Anchored where it is asked, and only there.
  EXPECT_EQ(twin->MatchAnchoredAt(detail::AsPcre2Units(prefixed), 3, *scratch),
            Pcre2Outcome::kMatch);
  EXPECT_EQ(twin->MatchAnchoredAt(detail::AsPcre2Units(prefixed), 0, *scratch),
            Pcre2Outcome::kNoMatch);
  // The unanchored search is the plain code's, not the twin's.
  EXPECT_EQ(twin->Match(detail::AsPcre2Units(prefixed), *scratch),
            Pcre2Outcome::kMatch);
  // Lookbehind still reads the text before the offset.
  auto behind =
      detail::Pcre2Pattern::CompileWithAnchoredTwin("(?<=x )a", {}, &error);
  ASSERT_NE(behind, nullptr);
  EXPECT_EQ(behind->MatchAnchoredAt(detail::AsPcre2Units("x a"), 2, *scratch),
            Pcre2Outcome::kMatch);
  EXPECT_EQ(behind->MatchAnchoredAt(detail::AsPcre2Units("y a"), 2, *scratch),
            Pcre2Outcome::kNoMatch);
}

TEST(Pcre2Pattern, WideAnchoredTwinAgrees) {
  auto scratch = detail::Pcre2WideScratch::Create(100000, 10000);
  ASSERT_NE(scratch, nullptr);
  std::string error;
  auto twin =
      detail::Pcre2WidePattern::CompileWithAnchoredTwin("b+c", {}, &error);
  ASSERT_NE(twin, nullptr) << error;
  std::vector<PCRE2_UCHAR32> buffer;
  auto text = detail::WidenToPcre2Units("abbc", &buffer);
  EXPECT_EQ(twin->MatchAnchoredAt(text, 1, *scratch), Pcre2Outcome::kMatch);
  EXPECT_EQ(twin->MatchAnchoredAt(text, 0, *scratch), Pcre2Outcome::kNoMatch);
}

}  // namespace
}  // namespace inboxsim::scan
