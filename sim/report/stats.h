// Statistics for reports: proportions with confidence intervals.
#ifndef INBOXSIM_REPORT_STATS_H_
#define INBOXSIM_REPORT_STATS_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace inboxsim::report {

struct Proportion {
  double share = 0;  // successes / trials
  double low = 0;    // interval bounds
  double high = 1;
};

// z for a two-sided 95% interval.
inline constexpr double kZ95 = 1.959963984540054;

// The Wilson score interval: unlike the normal approximation it stays inside
// [0, 1] and behaves at shares near 0 or 1 and for small samples, which is
// where filters live (a profile that rejects 0.3%). With no trials the share
// is 0 and the interval [0, 1].
Proportion WilsonInterval(uint64_t successes, uint64_t trials, double z = kZ95);

// The same for a share `p` measured over `trials` units, where each unit
// contributes a fraction in [0, 1] rather than 0 or 1 (a message placed in
// the inbox by 62% of a population). Such a mean varies no more than a
// proportion of 0/1 units with the same share, so the interval is at
// least as wide as it needs to be.
Proportion WilsonIntervalOfShare(double p, uint64_t trials, double z = kZ95);

// Two shares compared: the two-proportion z-test with the pooled
// proportion (units: messages). p_value is two-sided; with a pooled share of
// 0 or 1 (no variation at all) z is 0 and p_value 1.
struct ProportionTest {
  double difference = 0;  // second - first
  double z = 0;
  double p_value = 1;
};
inline constexpr char kProportionTestName[] =
    "two-proportion z-test, pooled, messages as units, two-sided";
ProportionTest TwoProportionTest(double first_share, uint64_t first_trials,
                                 double second_share, uint64_t second_trials);

// {"share": .., "low": .., "high": ..}
nlohmann::json ProportionJson(const Proportion& proportion);
// "12.3%"
std::string Percent(double share);
// "12.3% [10.1%, 14.8%]"
std::string PercentInterval(const Proportion& proportion);

}  // namespace inboxsim::report

#endif  // INBOXSIM_REPORT_STATS_H_
