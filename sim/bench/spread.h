// Spread: repeated measurements of one quantity, summarised as the
// benchmark reports them: median, min, max and the relative spread.
//
//   Spread seconds = SpreadOf({1.02, 0.98, 1.10});
//   seconds.median == 1.02; seconds.relative() == (1.10 - 0.98) / 1.02
#ifndef INBOXSIM_BENCH_SPREAD_H_
#define INBOXSIM_BENCH_SPREAD_H_

#include <nlohmann/json.hpp>
#include <vector>

namespace inboxsim::bench {

struct Spread {
  std::vector<double> values;  // in the order measured
  double median = 0, min = 0, max = 0;
  // (max - min) / median; 0 for a single value or a zero median.
  double relative() const;
  // These measurements as times taken over `amount` (messages, MB ...),
  // turned into rates: amount / value each, 0 for a zero time; the
  // slowest time gives the min.
  Spread PerSecond(double amount) const;
};

// The median of an even count is the mean of the middle two.
Spread SpreadOf(std::vector<double> values);

// The median over i of numerator.values[i] / denominator.values[i]: the
// ratio of two kinds of run measured in turns, round by round, so a slow
// minute that slowed both cancels out (a ratio of medians would mix
// rounds). 0 when either is empty; pairs up to the shorter.
double PairedRatio(const Spread& numerator, const Spread& denominator);

// {"median", "min", "max", "spread", "values"}.
nlohmann::json SpreadJson(const Spread& spread);

}  // namespace inboxsim::bench

#endif  // INBOXSIM_BENCH_SPREAD_H_
