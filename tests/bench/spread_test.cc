#include "sim/bench/spread.h"

#include <gtest/gtest.h>

#include "sim/bench/benchmark.h"
#include "sim/bench/peak_memory.h"
#include "tests/test_util.h"

namespace inboxsim::bench {
namespace {

TEST(Spread, MedianOfOddAndEvenCounts) {
  const Spread odd = SpreadOf({3.0, 1.0, 2.0});
  EXPECT_EQ(odd.median, 2.0);
  EXPECT_EQ(odd.min, 1.0);
  EXPECT_EQ(odd.max, 3.0);
  EXPECT_EQ(odd.values, (std::vector<double>{3.0, 1.0, 2.0}));  // as measured
  EXPECT_DOUBLE_EQ(odd.relative(), 1.0);
  const Spread even = SpreadOf({4.0, 1.0, 2.0, 3.0});
  EXPECT_EQ(even.median, 2.5);
  EXPECT_EQ(SpreadOf({}).median, 0.0);
  EXPECT_EQ(SpreadOf({0.0, 0.0}).relative(), 0.0);
}

TEST(Spread, PerSecondTurnsTheSlowestTimeIntoTheMinRate) {
  const Spread seconds = SpreadOf({1.0, 2.0, 4.0});
  const Spread rate = seconds.PerSecond(100);
  EXPECT_EQ(rate.median, 50.0);
  EXPECT_EQ(rate.min, 25.0);
  EXPECT_EQ(rate.max, 100.0);
  EXPECT_EQ(SpreadOf({0.0, 2.0}).PerSecond(10).values,
            (std::vector<double>{0.0, 5.0}));  // a zero time is no rate
}

TEST(Spread, PairedRatioIsTheMedianOfEachRoundsRatio) {
  // Round 3 was slow for both: the ratio of medians (6 / 1.5 = 4) mixes
  // rounds, the round-by-round ratios are 2, 2 and 2.
  const Spread larger = SpreadOf({2.0, 4.0, 20.0});
  const Spread base = SpreadOf({1.0, 2.0, 10.0});
  EXPECT_EQ(PairedRatio(larger, base), 2.0);
  EXPECT_EQ(PairedRatio(SpreadOf({3.0, 5.0, 100.0}), base), 3.0);  // 3, 2.5, 10
  EXPECT_EQ(PairedRatio(SpreadOf({}), base), 0.0);
  EXPECT_EQ(PairedRatio(SpreadOf({4.0}), base), 4.0);  // the shorter decides
}

TEST(Spread, JsonHasEveryField) {
  const nlohmann::json doc = SpreadJson(SpreadOf({1.0, 3.0}));
  EXPECT_EQ(doc["median"], 2.0);
  EXPECT_EQ(doc["min"], 1.0);
  EXPECT_EQ(doc["max"], 3.0);
  EXPECT_EQ(doc["spread"], 1.0);
  EXPECT_EQ(doc["values"].size(), 2u);
}

TEST(ThreadCounts, DoublesUpToTheGivenCountWhichComesLast) {
  EXPECT_EQ(ThreadCounts(1), (std::vector<int>{1}));
  EXPECT_EQ(ThreadCounts(2), (std::vector<int>{1, 2}));
  EXPECT_EQ(ThreadCounts(6), (std::vector<int>{1, 2, 4, 6}));
  EXPECT_EQ(ThreadCounts(8), (std::vector<int>{1, 2, 4, 8}));
}

TEST(PeakMemory, GrowsWithAnAllocationAndResets) {
  if (PeakMemoryBytes() == 0) GTEST_SKIP() << "no /proc/self/status here";
  if (testing::kSanitizedBuild) {
    GTEST_SKIP() << "AddressSanitizer keeps freed memory in quarantine: the "
                    "peak cannot fall";
  }
  ASSERT_TRUE(ResetPeakMemory());
  const uint64_t before = PeakMemoryBytes();
  {
    std::vector<char> block(64 << 20, 1);  // touched, so resident
    EXPECT_GE(PeakMemoryBytes(), before + (60 << 20));
    EXPECT_EQ(block[12345], 1);
  }
  ASSERT_TRUE(ResetPeakMemory());
  EXPECT_LT(PeakMemoryBytes(), before + (32 << 20));
}

}  // namespace
}  // namespace inboxsim::bench
