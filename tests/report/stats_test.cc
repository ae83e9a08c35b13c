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

}  // namespace
}  // namespace inboxsim::report
