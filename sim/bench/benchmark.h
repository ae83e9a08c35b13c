// The benchmark behind `inboxsim bench`: the same corpus and profiles run
// several times, end to end and stage by stage, against the raw-scan
// ceiling, at every thread count up to the chosen one, and under each
// regex engine, with peak memory per run.
//
//   BenchOptions options;                   // 3 repetitions, every core
//   BenchResult result = RunBenchmark(plan, run_options, population,
//                                     options, load_judge);
//   result.end_to_end.MessagesPerSecond().median
//
// Every figure is a measurement of this process on this machine: nothing
// is extrapolated. Runs are sequential, so one does not slow another.
#ifndef INBOXSIM_BENCH_BENCHMARK_H_
#define INBOXSIM_BENCH_BENCHMARK_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/bench/ceiling.h"
#include "sim/bench/pattern_costs.h"
#include "sim/bench/spread.h"
#include "sim/engine/run.h"
#include "sim/io/corpus_plan.h"
#include "sim/profile/judge.h"
#include "sim/profile/population.h"

namespace inboxsim::bench {

struct BenchOptions {
  int threads = 0;      // the main measurement's; 0: every core
  int repetitions = 3;  // measured runs of each kind
  int warmup = 1;       // unmeasured runs first (page cache, allocator)
  bool scaling = true;  // also every thread count from 1 up to `threads`
  bool stages = true;   // one more run with stage timers on
  bool ceiling = true;  // capture the texts and scan them alone (Hyperscan)
  uint64_t ceiling_max_bytes = uint64_t{4} << 30;  // text kept for it
  // With the ceiling: each pattern alone over the same texts, and the
  // `rule_costs` costliest kept; 0: not measured.
  size_t rule_costs = 10;
  // With the ceiling: also the union layout's (MeasureUnionCeiling), for
  // comparison with the layout inboxsim chose. Compiling the unions costs
  // what a cold compile of the rules does.
  bool union_layout = false;
  // The same inputs read `larger_factor` times over (a corpus that many
  // times larger), measured in turns with the main runs: how time and
  // memory grow with corpus size. nullptr: not measured.
  const io::CorpusPlan* larger_plan = nullptr;
  int larger_factor = 0;
  scan::Engine engine = scan::Engine::kHyperscan;  // the main judge's
  // Engines to compare besides the main judge's, each loaded by the
  // JudgeLoader given to RunBenchmark and run on the main thread count.
  std::vector<scan::Engine> engines;
  // Told what is about to run ("end to end, 2 threads, 4 runs"), for a
  // progress line: a benchmark can take minutes.
  std::function<void(const std::string& phase)> on_phase;
};

// Repeated runs at one thread count.
struct RunMeasurement {
  int threads = 0;
  Spread seconds;                  // each run's elapsed time
  uint64_t messages = 0;           // read per run
  uint64_t bytes = 0;              // read per run
  uint64_t peak_memory_bytes = 0;  // the largest run's peak resident size

  Spread MessagesPerSecond() const;
  Spread MegabytesPerSecond() const;  // 10^6 bytes
};

struct EngineMeasurement {
  scan::Engine engine = scan::Engine::kHyperscan;
  std::string error;  // why it could not be loaded ("" when it ran)
  double compile_seconds = 0;
  bool cache_hit = false;
  size_t unsupported = 0;  // patterns this engine cannot run (never hit)
  RunMeasurement run;
};

struct StageMeasurement {
  int threads = 0;
  double elapsed_seconds = 0;
  engine::StageTimes times;

  double thread_seconds() const { return elapsed_seconds * threads; }
  // What no stage timer saw: waiting for input or a token.
  double untimed_seconds() const;
};

struct CorpusScaling {
  int factor = 0;
  RunMeasurement run;  // over the larger corpus
};

struct BenchResult {
  report::Tally tally;  // of the first measured run: what the corpus holds
  uint64_t memory_after_load_bytes = 0;  // resident size before any run
  RunMeasurement end_to_end;
  std::optional<StageMeasurement> stages;
  // With a ceiling: what was captured, and the scan of it at the main
  // thread count.
  std::optional<CapturedTexts> captured;  // texts dropped once measured
  std::optional<Ceiling> ceiling;
  std::optional<PatternCosts> rule_costs;  // with the ceiling
  // With BenchOptions::union_layout: the ceiling of the union layout, or
  // why it could not be measured.
  std::optional<Ceiling> union_ceiling;
  double union_compile_seconds = 0;
  std::string union_error;
  std::vector<RunMeasurement> scaling;     // 1 .. threads
  std::optional<CorpusScaling> larger;     // with BenchOptions::larger_plan
  std::vector<EngineMeasurement> engines;  // the main judge's first
};

// Loads the same profiles compiled for another engine; nullopt with
// `*error` set when it cannot.
using JudgeLoader = std::function<std::optional<profile::Judge>(
    scan::Engine engine, std::string* error)>;

// `run` carries the reader, limits and the main judge (and population
// scorer, if any); `population` is what that scorer places messages in,
// so another engine's judge can get its own scorer.
BenchResult RunBenchmark(const io::CorpusPlan& plan,
                         const engine::RunOptions& run,
                         const profile::Population* population,
                         const BenchOptions& options,
                         const JudgeLoader& load_judge);

// 1, 2, 4, ... up to `threads`, `threads` itself always last.
std::vector<int> ThreadCounts(int threads);

}  // namespace inboxsim::bench

#endif  // INBOXSIM_BENCH_BENCHMARK_H_
