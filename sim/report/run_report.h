// The report of `inboxsim run`: totals as a terminal table or a versioned
// JSON document (schema in the README, "The run report"). Later stages add
// sections; the keys written here stay.
//
//   RunSummary summary{tally, elapsed_seconds, threads, inputs};
//   WriteRunTable(summary, std::cout);
//   nlohmann::json doc = RunReportJson(summary);
#ifndef INBOXSIM_REPORT_RUN_REPORT_H_
#define INBOXSIM_REPORT_RUN_REPORT_H_

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "sim/profile/judge.h"
#include "sim/profile/population.h"
#include "sim/report/campaign.h"
#include "sim/report/tally.h"

namespace inboxsim::report {

// Version of the run JSON document; bumped only when a key changes meaning
// or disappears (adding keys does not bump it).
inline constexpr int kRunSchemaVersion = 1;

struct RunSummary {
  const Tally& tally;
  double elapsed_seconds = 0;
  int threads = 0;
  std::vector<std::string> inputs;
  const profile::Judge* judge = nullptr;  // adds "profiles" and "scan" when set
  // With a judge: adds "population" (over the judge's profiles).
  const profile::Population* population = nullptr;
  // With a population: adds "campaign" (--list-size).
  const Campaign* campaign = nullptr;
};

// read == parsed + failed: every message accounted for.
bool AccountingHolds(const Tally& tally);

nlohmann::json RunReportJson(const RunSummary& summary);
void WriteRunTable(const RunSummary& summary, std::ostream& out);
// CSV: one row per profile with a judge, else the totals as name,value rows.
void WriteRunCsv(const RunSummary& summary, std::ostream& out);

// How the rules were compiled and ran: engine, cache, modes, limits hit.
nlohmann::json ScanJson(const profile::Judge& judge, const Tally& tally);

}  // namespace inboxsim::report

#endif  // INBOXSIM_REPORT_RUN_REPORT_H_
