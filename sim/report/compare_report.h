// The report of `inboxsim compare A B ...`: variants of a message or corpus
// side by side across every profile and the population, each later variant
// against the first with a test suited to proportions, and the rules and
// signals that make the difference.
//
//   std::vector<Variant> variants = {{"a.eml", tally_a}, {"b.eml", tally_b}};
//   nlohmann::json doc = CompareJson(variants, profiles, &population);
#ifndef INBOXSIM_REPORT_COMPARE_REPORT_H_
#define INBOXSIM_REPORT_COMPARE_REPORT_H_

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "sim/profile/population.h"
#include "sim/report/tally.h"

namespace inboxsim::report {

struct Variant {
  std::string input;  // as given on the command line
  Tally tally;
};

// Below this many messages in either variant no test is run: the
// difference is exact for those messages, not an estimate.
inline constexpr uint64_t kMinMessagesForTest = 10;

// `population` may be null (no population section).
nlohmann::json CompareJson(const std::vector<Variant>& variants,
                           const profile::ProfileSet& profiles,
                           const profile::Population* population);

void WriteCompareTable(const std::vector<Variant>& variants,
                       const profile::ProfileSet& profiles,
                       const profile::Population* population,
                       std::ostream& out);

}  // namespace inboxsim::report

#endif  // INBOXSIM_REPORT_COMPARE_REPORT_H_
