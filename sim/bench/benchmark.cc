#include "sim/bench/benchmark.h"

#include <tbb/info.h>

#include <algorithm>

#include "sim/bench/peak_memory.h"

namespace inboxsim::bench {
namespace {

constexpr double kMegabyte = 1e6;

void Announce(const BenchOptions& options, const std::string& phase) {
  if (options.on_phase) options.on_phase(phase);
}

// One kind of run: a corpus and how to run it.
struct Variant {
  const io::CorpusPlan* plan;
  engine::RunOptions run;
};

// `warmup` unmeasured runs of each variant, then `repetitions` rounds of one
// measured run of each, in turn: on a shared machine a slow minute then
// slows every variant alike, and their ratios hold. Each run has its own
// peak memory. `first_tally` gets the first variant's first tally.
std::vector<RunMeasurement> MeasureInterleaved(
    const std::vector<Variant>& variants, int warmup, int repetitions,
    report::Tally* first_tally) {
  std::vector<RunMeasurement> measurements(variants.size());
  std::vector<std::vector<double>> seconds(variants.size());
  for (int i = 0; i < warmup; ++i) {
    for (const Variant& variant : variants)
      engine::RunCorpus(*variant.plan, variant.run);
  }
  for (int round = 0; round < std::max(1, repetitions); ++round) {
    for (size_t v = 0; v < variants.size(); ++v) {
      ResetPeakMemory();
      engine::RunResult result =
          engine::RunCorpus(*variants[v].plan, variants[v].run);
      RunMeasurement& measurement = measurements[v];
      measurement.peak_memory_bytes =
          std::max(measurement.peak_memory_bytes, PeakMemoryBytes());
      seconds[v].push_back(result.elapsed_seconds);
      measurement.messages = result.tally.read();
      measurement.bytes = result.tally.bytes();
      measurement.threads = result.threads;
      if (round == 0 && v == 0 && first_tally != nullptr)
        *first_tally = std::move(result.tally);
    }
  }
  for (size_t v = 0; v < variants.size(); ++v)
    measurements[v].seconds = SpreadOf(std::move(seconds[v]));
  return measurements;
}

// What compiling `judge`'s rules for `engine` gave; the run is left empty.
EngineMeasurement CompiledFor(scan::Engine engine,
                              const profile::Judge& judge) {
  EngineMeasurement measurement;
  measurement.engine = engine;
  const scan::Scanner& scanner = judge.scanner();
  measurement.compile_seconds = scanner.compile_seconds();
  measurement.cache_hit = scanner.all_cached();
  for (const scan::TargetReport& target : scanner.reports())
    measurement.unsupported += target.compile.unsupported;
  return measurement;
}

EngineMeasurement MeasureEngine(const io::CorpusPlan& plan,
                                engine::RunOptions run, scan::Engine engine,
                                const profile::Judge& judge,
                                const profile::Population* population,
                                const BenchOptions& options) {
  EngineMeasurement measurement = CompiledFor(engine, judge);
  Announce(options, std::string(scan::EngineName(engine)) + " engine, " +
                        std::to_string(run.threads) + " threads");
  std::optional<profile::PopulationScorer> scorer;
  if (population != nullptr) scorer.emplace(*population, judge.profiles());
  run.judge = &judge;
  run.population = scorer ? &*scorer : nullptr;
  measurement.run = MeasureInterleaved({{&plan, run}}, options.warmup,
                                       options.repetitions, nullptr)
                        .front();
  return measurement;
}

void MeasureCeilingAndCosts(const io::CorpusPlan& plan,
                            const engine::RunOptions& run,
                            const BenchOptions& options, BenchResult* result) {
  const scan::Scanner& scanner = run.judge->scanner();
  Announce(options, "ceiling: capturing the texts, then Hyperscan alone");
  CapturedTexts captured =
      CaptureTexts(plan, run, scanner, options.ceiling_max_bytes);
  result->ceiling =
      MeasureCeiling(captured, scanner, run.threads, options.repetitions);
  if (options.union_layout) {
    Announce(options, "ceiling of the union layout: compiling the unions");
    Result<Ceiling> union_ceiling =
        MeasureUnionCeiling(captured, scanner, run.threads, options.repetitions,
                            &result->union_compile_seconds);
    if (union_ceiling) {
      result->union_ceiling = std::move(*union_ceiling);
    } else {
      result->union_error = union_ceiling.error().ToString();
    }
  }
  if (options.rule_costs > 0) {
    Announce(options, "rule costs: each pattern alone over the same texts");
    result->rule_costs =
        MeasurePatternCosts(captured, scanner, run.threads, options.rule_costs);
  }
  captured.targets.clear();  // the bytes; the counts stay
  captured.targets.shrink_to_fit();
  result->captured = std::move(captured);
}

// Every engine of options.engines but the main judge's, each compiled by
// `load_judge` and run on the same work.
void MeasureOtherEngines(const io::CorpusPlan& plan,
                         const engine::RunOptions& run,
                         const profile::Population* population,
                         const BenchOptions& options,
                         const JudgeLoader& load_judge,
                         std::vector<EngineMeasurement>* engines) {
  for (scan::Engine engine : options.engines) {
    if (engine == options.engine) continue;
    Announce(options, "compiling for the " +
                          std::string(scan::EngineName(engine)) + " engine");
    std::string error;
    std::optional<profile::Judge> judge = load_judge(engine, &error);
    if (!judge) {
      EngineMeasurement failed;
      failed.engine = engine;
      failed.error = error.empty() ? "could not be loaded" : error;
      engines->push_back(std::move(failed));
      continue;
    }
    engines->push_back(
        MeasureEngine(plan, run, engine, *judge, population, options));
  }
}

}  // namespace

double StageMeasurement::untimed_seconds() const {
  return std::max(0.0, thread_seconds() - times.total());
}

Spread RunMeasurement::MessagesPerSecond() const {
  return seconds.PerSecond(static_cast<double>(messages));
}

Spread RunMeasurement::MegabytesPerSecond() const {
  return seconds.PerSecond(static_cast<double>(bytes) / kMegabyte);
}

std::vector<int> ThreadCounts(int threads) {
  std::vector<int> counts;
  for (int n = 1; n < threads; n *= 2) counts.push_back(n);
  counts.push_back(std::max(1, threads));
  return counts;
}

BenchResult RunBenchmark(const io::CorpusPlan& plan,
                         const engine::RunOptions& run,
                         const profile::Population* population,
                         const BenchOptions& options,
                         const JudgeLoader& load_judge) {
  BenchResult result;
  result.memory_after_load_bytes = CurrentMemoryBytes();
  engine::RunOptions main = run;
  main.threads =
      options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  main.stage_timers = false;
  main.on_progress = nullptr;

  // End to end at the main thread count first, then the other thread
  // counts and the larger corpus, measured in turns.
  std::vector<Variant> variants = {{&plan, main}};
  std::string kinds =
      "end to end, " + std::to_string(main.threads) + " threads";
  std::vector<int> thread_counts;
  if (options.scaling) {
    for (int threads : ThreadCounts(main.threads)) {
      if (threads == main.threads) continue;
      engine::RunOptions fewer = main;
      fewer.threads = threads;
      variants.push_back({&plan, fewer});
      thread_counts.push_back(threads);
      kinds += ", " + std::to_string(threads) +
               (threads == 1 ? " thread" : " threads");
    }
  }
  if (options.larger_plan != nullptr) {
    variants.push_back({options.larger_plan, main});
    kinds += ", the corpus x" + std::to_string(options.larger_factor);
  }
  Announce(options, kinds + " (in turns)");
  std::vector<RunMeasurement> measured = MeasureInterleaved(
      variants, options.warmup, options.repetitions, &result.tally);
  result.end_to_end = measured.front();
  if (options.scaling) {
    for (size_t k = 0; k < thread_counts.size(); ++k)
      result.scaling.push_back(measured[1 + k]);
    result.scaling.push_back(result.end_to_end);  // the most threads, last
  }
  if (options.larger_plan != nullptr) {
    result.larger = CorpusScaling{options.larger_factor, measured.back()};
  }

  if (options.stages) {
    Announce(options, "stage timers");
    engine::RunOptions timed = main;
    timed.stage_timers = true;
    engine::RunResult timed_run = engine::RunCorpus(plan, timed);
    result.stages =
        StageMeasurement{timed_run.threads, timed_run.elapsed_seconds,
                         std::move(timed_run.stages)};
  }

  // The ceiling is Hyperscan's: the other engines have no database.
  if (options.ceiling && main.judge != nullptr &&
      options.engine == scan::Engine::kHyperscan) {
    MeasureCeilingAndCosts(plan, main, options, &result);
  }
  if (main.judge != nullptr) {
    EngineMeasurement own = CompiledFor(options.engine, *main.judge);
    own.run = result.end_to_end;
    result.engines.push_back(std::move(own));
    MeasureOtherEngines(plan, main, population, options, load_judge,
                        &result.engines);
  }
  return result;
}

}  // namespace inboxsim::bench
