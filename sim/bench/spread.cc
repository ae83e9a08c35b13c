#include "sim/bench/spread.h"

#include <algorithm>

namespace inboxsim::bench {

double Spread::relative() const {
  return median != 0 ? (max - min) / median : 0;
}

Spread Spread::PerSecond(double amount) const {
  std::vector<double> rates;
  rates.reserve(values.size());
  for (double seconds : values)
    rates.push_back(seconds > 0 ? amount / seconds : 0);
  return SpreadOf(std::move(rates));
}

Spread SpreadOf(std::vector<double> values) {
  Spread spread;
  spread.values = values;
  if (values.empty()) return spread;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  spread.median =
      n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  spread.min = values.front();
  spread.max = values.back();
  return spread;
}

double PairedRatio(const Spread& numerator, const Spread& denominator) {
  std::vector<double> ratios;
  const size_t pairs =
      std::min(numerator.values.size(), denominator.values.size());
  for (size_t i = 0; i < pairs; ++i) {
    if (denominator.values[i] != 0)
      ratios.push_back(numerator.values[i] / denominator.values[i]);
  }
  return SpreadOf(std::move(ratios)).median;
}

nlohmann::json SpreadJson(const Spread& spread) {
  return {{"median", spread.median},
          {"min", spread.min},
          {"max", spread.max},
          {"spread", spread.relative()},
          {"values", spread.values}};
}

}  // namespace inboxsim::bench
