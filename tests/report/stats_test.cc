#include "sim/report/stats.h"

#include <gtest/gtest.h>

namespace inboxsim::report {
namespace {

TEST(WilsonInterval, MatchesTheTextbookValue) {
  // 81 of 263: share 0.308, Wilson 95% [0.255, 0.366].
  const Proportion p = WilsonInterval(81, 263);
  EXPECT_NEAR(p.share, 0.30798, 1e-4);
  EXPECT_NEAR(p.low, 0.2553, 1e-3);
  EXPECT_NEAR(p.high, 0.3662, 1e-3);
}

TEST(WilsonInterval, StaysInsideZeroAndOneAtTheEdges) {
  const Proportion none = WilsonInterval(0, 50);
  EXPECT_EQ(none.share, 0);
  EXPECT_EQ(none.low, 0);
  EXPECT_GT(none.high, 0.05);
  EXPECT_LT(none.high, 0.08);
  const Proportion all = WilsonInterval(50, 50);
  EXPECT_EQ(all.high, 1);
  EXPECT_LT(all.low, 0.95);
}

TEST(WilsonInterval, NoTrialsMeansNoInformation) {
  const Proportion p = WilsonInterval(0, 0);
  EXPECT_EQ(p.share, 0);
  EXPECT_EQ(p.low, 0);
  EXPECT_EQ(p.high, 1);
}

TEST(TwoProportionTest, MatchesTheTextbookPooledZ) {
  // 50/100 against 60/100: pooled 0.55, z = 0.1 / sqrt(0.55 * 0.45 * 0.02).
  const ProportionTest test = TwoProportionTest(0.5, 100, 0.6, 100);
  EXPECT_NEAR(test.difference, 0.1, 1e-12);
  EXPECT_NEAR(test.z, 1.42134, 1e-4);
  EXPECT_NEAR(test.p_value, 0.15521, 1e-4);
  // No variation at all, or no trials: nothing to test.
  EXPECT_EQ(TwoProportionTest(1, 50, 1, 80).p_value, 1);
  EXPECT_EQ(TwoProportionTest(0.5, 0, 0.2, 10).z, 0);
  // Symmetric in sign.
  EXPECT_NEAR(TwoProportionTest(0.6, 100, 0.5, 100).z, -test.z, 1e-12);
}

TEST(WilsonIntervalOfShare, AgreesWithTheCountFormAndStaysInside) {
  const Proportion counted = WilsonInterval(30, 200);
  const Proportion shared = WilsonIntervalOfShare(0.15, 200);
  EXPECT_DOUBLE_EQ(counted.low, shared.low);
  EXPECT_DOUBLE_EQ(counted.high, shared.high);
  EXPECT_EQ(WilsonIntervalOfShare(0, 10).low, 0);
  EXPECT_EQ(WilsonIntervalOfShare(1, 10).high, 1);
  EXPECT_EQ(WilsonIntervalOfShare(1.5, 10).share, 1);  // clamped
}

}  // namespace
}  // namespace inboxsim::report
