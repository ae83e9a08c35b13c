#include "sim/report/stats.h"

#include <algorithm>
#include <cmath>

namespace inboxsim::report {

Proportion WilsonInterval(uint64_t successes, uint64_t trials, double z) {
  Proportion result;
  if (trials == 0) return result;
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(std::min(successes, trials)) / n;
  const double z2 = z * z;
  const double denominator = 1 + z2 / n;
  const double center = (p + z2 / (2 * n)) / denominator;
  const double half =
      z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
  result.share = p;
  // At the edges the bound is exactly 0 or 1; rounding must not say otherwise.
  result.low = successes == 0 ? 0.0 : std::max(0.0, center - half);
  result.high = successes >= trials ? 1.0 : std::min(1.0, center + half);
  return result;
}

}  // namespace inboxsim::report
