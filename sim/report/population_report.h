// The population section of the run report: where a corpus lands across
// the receivers of a population (inbox / junk / reject shares with 95%
// intervals, overall and by label), the population's practice shares and
// assumption, its members, and the rules that most often sent messages to
// junk or reject, weighted by receivers.
//
//   nlohmann::json section = PopulationJson(tally, population, profiles);
//   WritePopulationTable(tally, population, profiles, std::cout);
#ifndef INBOXSIM_REPORT_POPULATION_REPORT_H_
#define INBOXSIM_REPORT_POPULATION_REPORT_H_

#include <nlohmann/json.hpp>
#include <ostream>

#include "sim/profile/population.h"
#include "sim/report/stats.h"
#include "sim/report/tally.h"

namespace inboxsim::report {

// The share of (message, receiver) pairs in `action` over every label, or
// one label; the interval treats messages as the sampled units.
Proportion PopulationShare(const Tally& tally, Action action);
Proportion PopulationShare(const Tally& tally, Label label, Action action);

nlohmann::json PopulationJson(const Tally& tally,
                              const profile::Population& population,
                              const profile::ProfileSet& profiles);

void WritePopulationTable(const Tally& tally,
                          const profile::Population& population,
                          const profile::ProfileSet& profiles,
                          std::ostream& out);

}  // namespace inboxsim::report

#endif  // INBOXSIM_REPORT_POPULATION_REPORT_H_
