#include "sim/report/campaign.h"

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace inboxsim::report {
namespace {

TEST(Campaign, ScalesTheInboxShareAndItsIntervalByTheListAndRates) {
  const Proportion inbox{0.6, 0.5, 0.7};
  const Campaign c = EstimateCampaign(100000, inbox, CampaignRates{});
  EXPECT_DOUBLE_EQ(c.inboxed, 60000);
  EXPECT_DOUBLE_EQ(c.inboxed_low, 50000);
  EXPECT_DOUBLE_EQ(c.inboxed_high, 70000);
  // DESIGN.md's 100-1,000 replies and 10 sales per 100,000, per inboxed.
  EXPECT_DOUBLE_EQ(c.replies_low, 50);
  EXPECT_DOUBLE_EQ(c.replies_high, 700);
  EXPECT_DOUBLE_EQ(c.sales, 6);
  const nlohmann::json json = CampaignJson(c);
  EXPECT_EQ(json["list_size"], 100000);
  EXPECT_NE(json["rates"]["source"].get<std::string>().find("DESIGN.md"),
            std::string::npos);
}

TEST(Campaign, RatesAreFractionsOrRanges) {
  double low = 0, high = 0;
  EXPECT_EQ(ParseRateRange("0.002", &low, &high), std::nullopt);
  EXPECT_DOUBLE_EQ(low, 0.002);
  EXPECT_DOUBLE_EQ(high, 0.002);
  EXPECT_EQ(ParseRateRange("0.001:0.02", &low, &high), std::nullopt);
  EXPECT_DOUBLE_EQ(high, 0.02);
  for (const char* bad : {"", "2", "0.5:0.1", "x", "0.1:", "-0.1"})
    EXPECT_NE(ParseRateRange(bad, &low, &high), std::nullopt) << bad;
}

TEST(Campaign, RunReportsItForTheSamplePopulation) {
  std::string out;
  ASSERT_EQ(testing::RunInboxsim(
                "run --no-cache --format json --list-size 1000 "
                "--reply-rate 0.01 --sale-rate 0.001 " +
                    std::string(INBOXSIM_SOURCE_DIR) + "/corpora/sample",
                &out),
            0);
  const nlohmann::json doc = nlohmann::json::parse(out);
  const double inbox = doc["population"]["inbox"]["share"];
  EXPECT_NEAR(doc["campaign"]["inboxed"]["expected"].get<double>(),
              1000 * inbox, 1e-6);
  EXPECT_NEAR(doc["campaign"]["sales"]["expected"].get<double>(),
              1000 * inbox * 0.001, 1e-9);
  EXPECT_EQ(
      testing::RunInboxsim(
          "run --list-size 10 -p " + std::string(INBOXSIM_SOURCE_DIR) +
              "/profiles/smb-basic.toml " + std::string(INBOXSIM_SOURCE_DIR) +
              "/corpora/sample 2>/dev/null",
          &out),
      2);
}

}  // namespace
}  // namespace inboxsim::report
