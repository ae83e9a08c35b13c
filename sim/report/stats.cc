#include "sim/report/stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace inboxsim::report {

Proportion WilsonInterval(uint64_t successes, uint64_t trials, double z) {
  const double p = trials == 0
                       ? 0.0
                       : static_cast<double>(std::min(successes, trials)) /
                             static_cast<double>(trials);
  return WilsonIntervalOfShare(p, trials, z);
}

Proportion WilsonIntervalOfShare(double p, uint64_t trials, double z) {
  Proportion result;
  if (trials == 0) return result;
  p = std::clamp(p, 0.0, 1.0);
  const double n = static_cast<double>(trials);
  const double z2 = z * z;
  const double denominator = 1 + z2 / n;
  const double center = (p + z2 / (2 * n)) / denominator;
  const double half =
      z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
  result.share = p;
  // At the edges the bound is exactly 0 or 1; rounding must not say otherwise.
  result.low = p == 0 ? 0.0 : std::max(0.0, center - half);
  result.high = p == 1 ? 1.0 : std::min(1.0, center + half);
  return result;
}

ProportionTest TwoProportionTest(double first_share, uint64_t first_trials,
                                 double second_share, uint64_t second_trials) {
  ProportionTest test;
  test.difference = second_share - first_share;
  if (first_trials == 0 || second_trials == 0) return test;
  const double n1 = static_cast<double>(first_trials);
  const double n2 = static_cast<double>(second_trials);
  const double pooled = (first_share * n1 + second_share * n2) / (n1 + n2);
  const double variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (variance <= 0) return test;
  test.z = test.difference / std::sqrt(variance);
  test.p_value = std::erfc(std::abs(test.z) / std::sqrt(2.0));
  return test;
}

nlohmann::json ProportionJson(const Proportion& proportion) {
  return {{"share", proportion.share},
          {"low", proportion.low},
          {"high", proportion.high}};
}

std::string Percent(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", 100 * share);
  return buffer;
}

std::string PercentInterval(const Proportion& proportion) {
  return Percent(proportion.share) + " [" + Percent(proportion.low) + ", " +
         Percent(proportion.high) + "]";
}

}  // namespace inboxsim::report
