// The report of `inboxsim bench`: a terminal table and a versioned JSON
// document (keys in the README, "The bench report"). Ratios lead: on a
// shared machine they hold where absolute times move.
//
//   BenchSummary summary{result, machine, inputs, &judge, repetitions};
//   WriteBenchTable(summary, std::cout);
//   nlohmann::json doc = BenchReportJson(summary);
#ifndef INBOXSIM_REPORT_BENCH_REPORT_H_
#define INBOXSIM_REPORT_BENCH_REPORT_H_

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "sim/bench/benchmark.h"
#include "sim/bench/machine.h"
#include "sim/profile/judge.h"

namespace inboxsim::report {

inline constexpr int kBenchSchemaVersion = 1;

struct BenchSummary {
  const bench::BenchResult& result;
  bench::Machine machine;
  std::vector<std::string> inputs;
  const profile::Judge* judge = nullptr;  // the main one; nullptr: parse only
  int repetitions = 0;
  int warmup = 0;
  bool population = false;  // messages were also placed in a population
};

nlohmann::json BenchReportJson(const BenchSummary& summary);
void WriteBenchTable(const BenchSummary& summary, std::ostream& out);

}  // namespace inboxsim::report

#endif  // INBOXSIM_REPORT_BENCH_REPORT_H_
