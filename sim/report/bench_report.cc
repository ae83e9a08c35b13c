#include "sim/report/bench_report.h"

#include <algorithm>

#include "sim/core/text.h"
#include "sim/report/run_report.h"

namespace inboxsim::report {
namespace {

constexpr double kMegabyte = 1e6;
constexpr size_t kTopTargets = 10;  // in the table; JSON has them all

struct NamedSeconds {
  std::string name;
  double seconds;
};

// The stages in pipeline order, scan as one.
std::vector<NamedSeconds> StageList(const engine::StageTimes& times) {
  return {{"read", times.read},     {"parse", times.parse},
          {"html", times.html},     {"scan", times.scan()},
          {"checks", times.checks}, {"evaluate", times.evaluate},
          {"tally", times.tally}};
}

double Ratio(double part, double whole) { return whole > 0 ? part / whole : 0; }

std::string TargetName(const profile::Judge* judge, size_t index) {
  if (judge == nullptr || index >= judge->scanner().reports().size())
    return "?";
  return judge->scanner().reports()[index].target.ToString();
}

nlohmann::json RunJson(const bench::RunMeasurement& run) {
  return {{"threads", run.threads},
          {"messages", run.messages},
          {"bytes", run.bytes},
          {"seconds", bench::SpreadJson(run.seconds)},
          {"messages_per_second", bench::SpreadJson(run.MessagesPerSecond())},
          {"mb_per_second", bench::SpreadJson(run.MegabytesPerSecond())},
          {"peak_memory_bytes", run.peak_memory_bytes}};
}

nlohmann::json StagesJson(const bench::StageMeasurement& stages,
                          const profile::Judge* judge) {
  const engine::StageTimes& times = stages.times;
  nlohmann::json seconds = nlohmann::json::object();
  for (const NamedSeconds& stage : StageList(times))
    seconds[stage.name] = stage.seconds;
  nlohmann::json targets = nlohmann::json::array();
  for (size_t i = 0; i < times.targets.size(); ++i) {
    targets.push_back({{"target", TargetName(judge, i)},
                       {"text_seconds", times.targets[i].text},
                       {"match_seconds", times.targets[i].match}});
  }
  return {{"threads", stages.threads},
          {"elapsed_seconds", stages.elapsed_seconds},
          {"thread_seconds", stages.thread_seconds()},
          {"seconds", seconds},
          {"total_seconds", times.total()},
          {"untimed_seconds", stages.untimed_seconds()},
          {"targets", targets}};
}

// A ceiling's messages/s: every captured message per pass.
bench::Spread CeilingMessagesPerSecond(const bench::BenchResult& result,
                                       const bench::Ceiling& ceiling) {
  return ceiling.seconds.PerSecond(
      static_cast<double>(result.captured->messages));
}

double CeilingFraction(const bench::BenchResult& result) {
  return Ratio(result.end_to_end.MessagesPerSecond().median,
               CeilingMessagesPerSecond(result, *result.ceiling).median);
}

// How much faster inboxsim's layout scans than the union's.
double ChosenLayoutSpeedup(const bench::BenchResult& result) {
  return Ratio(result.union_ceiling->seconds.median,
               result.ceiling->seconds.median);
}

// The larger corpus against the main one: time and peak memory.
double LargerTimeRatio(const bench::BenchResult& result) {
  return bench::PairedRatio(result.larger->run.seconds,
                            result.end_to_end.seconds);
}
double LargerMemoryRatio(const bench::BenchResult& result) {
  return Ratio(static_cast<double>(result.larger->run.peak_memory_bytes),
               static_cast<double>(result.end_to_end.peak_memory_bytes));
}

double Sum(const std::vector<double>& values) {
  double total = 0;
  for (double value : values) total += value;
  return total;
}

// Target indices, costliest first.
std::vector<size_t> ByCost(const std::vector<double>& seconds) {
  std::vector<size_t> order(seconds.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return seconds[a] > seconds[b]; });
  return order;
}

nlohmann::json UnionJson(const bench::BenchResult& result) {
  if (!result.union_error.empty()) return {{"error", result.union_error}};
  if (!result.union_ceiling) return nullptr;
  return {{"compile_seconds", result.union_compile_seconds},
          {"seconds", bench::SpreadJson(result.union_ceiling->seconds)},
          {"messages_per_second", bench::SpreadJson(CeilingMessagesPerSecond(
                                      result, *result.union_ceiling))},
          {"matches", result.union_ceiling->matches},
          {"chosen_layout_speedup", ChosenLayoutSpeedup(result)}};
}

nlohmann::json CeilingJson(const bench::BenchResult& result,
                           const profile::Judge* judge) {
  const bench::Ceiling& ceiling = *result.ceiling;
  const bench::CapturedTexts& captured = *result.captured;
  const double total = Sum(ceiling.target_thread_seconds);
  nlohmann::json targets = nlohmann::json::array();
  for (size_t i : ByCost(ceiling.target_thread_seconds)) {
    targets.push_back(
        {{"target", TargetName(judge, i)},
         {"seconds", ceiling.target_thread_seconds[i]},
         {"share", Ratio(ceiling.target_thread_seconds[i], total)}});
  }
  return {{"threads", ceiling.threads},
          {"passes_per_sample", ceiling.passes_per_sample},
          {"messages", captured.messages},
          {"texts", ceiling.texts},
          {"text_bytes", captured.bytes},
          {"truncated", captured.truncated},
          {"matches", ceiling.matches},
          {"seconds", bench::SpreadJson(ceiling.seconds)},
          {"messages_per_second",
           bench::SpreadJson(CeilingMessagesPerSecond(result, ceiling))},
          {"text_mb_per_second",
           bench::SpreadJson(ceiling.seconds.PerSecond(
               static_cast<double>(captured.bytes) / kMegabyte))},
          {"end_to_end_fraction", CeilingFraction(result)},
          {"union", UnionJson(result)},
          {"targets", targets}};
}

std::string RuleName(const profile::Judge* judge, uint32_t id) {
  if (judge == nullptr || id >= judge->profiles().catalog.rules.size())
    return "?";
  return judge->profiles().catalog.rules[id].id;
}

nlohmann::json RuleCostsJson(const bench::PatternCosts& costs,
                             const profile::Judge* judge) {
  nlohmann::json costliest = nlohmann::json::array();
  for (const bench::PatternCost& cost : costs.costliest) {
    costliest.push_back({{"rule", RuleName(judge, cost.id)},
                         {"target", TargetName(judge, cost.target)},
                         {"projection", cost.projection},
                         {"prefilter", cost.prefilter},
                         {"tuned_prefilter", cost.tuned_prefilter},
                         {"behind_prefilter", cost.behind_prefilter},
                         {"texts", cost.texts},
                         {"scan_seconds", cost.scan_seconds},
                         {"compile_seconds", cost.compile_seconds},
                         {"error", cost.error}});
  }
  return {{"measured", costs.measured},
          {"scan_seconds", costs.scan_seconds},
          {"compile_seconds", costs.compile_seconds},
          {"costliest", costliest}};
}

void WriteRuleCostsTable(const bench::PatternCosts& costs,
                         const profile::Judge* judge, std::ostream& out) {
  out << Printf(
      "\ncostliest rules alone (of %zu, each compiled alone and "
      "scanned over the same texts, one thread; %.3f s together)\n",
      costs.measured, costs.scan_seconds);
  for (const bench::PatternCost& cost : costs.costliest) {
    std::string name = RuleName(judge, cost.id);
    if (cost.projection) name += " (ASCII projection)";
    if (cost.prefilter) name += " (prefilter)";
    if (cost.tuned_prefilter) name += " (tuned prefilter)";
    if (cost.behind_prefilter) name += " (behind a tuned prefilter)";
    out << Printf("  %-44s %-20s %8.3f s", name.c_str(),
                  TargetName(judge, cost.target).c_str(), cost.scan_seconds);
    if (!cost.error.empty()) out << "  alone: " << cost.error;
    out << "\n";
  }
}

nlohmann::json ScalingJson(const bench::BenchResult& result) {
  nlohmann::json scaling = nlohmann::json::array();
  if (result.scaling.empty()) return scaling;
  const bench::Spread& one = result.scaling.front().seconds;
  for (const bench::RunMeasurement& run : result.scaling) {
    const bench::Spread rate = run.MessagesPerSecond();
    scaling.push_back({{"threads", run.threads},
                       {"messages_per_second", bench::SpreadJson(rate)},
                       {"speedup", bench::PairedRatio(one, run.seconds)},
                       {"peak_memory_bytes", run.peak_memory_bytes}});
  }
  return scaling;
}

nlohmann::json EnginesJson(const bench::BenchResult& result) {
  nlohmann::json engines = nlohmann::json::array();
  if (result.engines.empty()) return engines;
  const double first = result.engines.front().run.MessagesPerSecond().median;
  for (const bench::EngineMeasurement& engine : result.engines) {
    nlohmann::json entry = {{"engine", scan::EngineName(engine.engine)},
                            {"error", engine.error},
                            {"compile_seconds", engine.compile_seconds},
                            {"cache_hit", engine.cache_hit},
                            {"unsupported", engine.unsupported}};
    if (engine.error.empty()) {
      const bench::Spread rate = engine.run.MessagesPerSecond();
      entry["messages_per_second"] = bench::SpreadJson(rate);
      entry["mb_per_second"] =
          bench::SpreadJson(engine.run.MegabytesPerSecond());
      entry["relative"] = Ratio(rate.median, first);
      entry["peak_memory_bytes"] = engine.run.peak_memory_bytes;
    }
    engines.push_back(std::move(entry));
  }
  return engines;
}

std::string Megabytes(uint64_t bytes) {
  return Printf("%.1f MB", static_cast<double>(bytes) / kMegabyte);
}

std::string RateLine(const bench::Spread& rate, const char* unit) {
  return Printf("%10.1f %s (min %.1f, max %.1f, spread %.0f%%)", rate.median,
                unit, rate.min, rate.max, 100 * rate.relative());
}

void WriteStagesTable(const bench::BenchResult& result,
                      const profile::Judge* judge, std::ostream& out) {
  const bench::StageMeasurement& stages = *result.stages;
  const engine::StageTimes& times = stages.times;
  const double thread_seconds = stages.thread_seconds();
  out << Printf("\nstages (one run with timers, %d threads, %.3f s wall, ",
                stages.threads, stages.elapsed_seconds)
      << Printf("%.3f thread-s)\n", thread_seconds);
  for (const NamedSeconds& stage : StageList(times)) {
    out << Printf("  %-9s %9.3f s  %5.1f%%\n", stage.name.c_str(),
                  stage.seconds, 100 * Ratio(stage.seconds, thread_seconds));
  }
  const double waiting = stages.untimed_seconds();
  out << Printf("  %-9s %9.3f s  %5.1f%%\n", "untimed", waiting,
                100 * Ratio(waiting, thread_seconds));
  std::vector<double> target_seconds;
  for (const scan::TargetSeconds& target : times.targets)
    target_seconds.push_back(target.text + target.match);
  const std::vector<size_t> order = ByCost(target_seconds);
  out << "  scan by target (text / match), costliest first:\n";
  for (size_t k = 0; k < order.size() && k < kTopTargets; ++k) {
    const size_t i = order[k];
    out << Printf("    %-34s %8.3f s / %8.3f s\n", TargetName(judge, i).c_str(),
                  times.targets[i].text, times.targets[i].match);
  }
  if (order.size() > kTopTargets) {
    out << "    ... " << order.size() - kTopTargets
        << " more targets in the JSON report\n";
  }
}

void WriteCeilingTable(const bench::BenchResult& result,
                       const profile::Judge* judge, std::ostream& out) {
  const bench::Ceiling& ceiling = *result.ceiling;
  const bench::CapturedTexts& captured = *result.captured;
  out << Printf("\nceiling (Hyperscan alone over the same %llu texts, ",
                static_cast<unsigned long long>(ceiling.texts))
      << Megabytes(captured.bytes) << ", same databases, " << ceiling.threads
      << " threads" << (captured.truncated ? ", first messages only" : "")
      << ")\n";
  out << "  "
      << RateLine(CeilingMessagesPerSecond(result, ceiling), "messages/s")
      << "\n";
  out << Printf("  end to end is %.1f%% of the ceiling\n",
                100 * CeilingFraction(result));
  if (!result.union_error.empty()) {
    out << "  union layout not measured: " << result.union_error << "\n";
  } else if (result.union_ceiling) {
    out << "  union layout (every pattern of a target in one database):\n  "
        << RateLine(CeilingMessagesPerSecond(result, *result.union_ceiling),
                    "messages/s")
        << "\n"
        << Printf(
               "    the chosen layout is %.2fx the union; unions compiled "
               "in %.1f s\n",
               ChosenLayoutSpeedup(result), result.union_compile_seconds);
  }
  const double total = Sum(ceiling.target_thread_seconds);
  const std::vector<size_t> order = ByCost(ceiling.target_thread_seconds);
  out << "  raw scan by target, costliest first:\n";
  for (size_t k = 0; k < order.size() && k < kTopTargets; ++k) {
    const size_t i = order[k];
    out << Printf("    %-34s %8.3f s  %5.1f%%\n", TargetName(judge, i).c_str(),
                  ceiling.target_thread_seconds[i],
                  100 * Ratio(ceiling.target_thread_seconds[i], total));
  }
}

}  // namespace

nlohmann::json BenchReportJson(const BenchSummary& summary) {
  const bench::BenchResult& result = summary.result;
  const bench::Machine& machine = summary.machine;
  nlohmann::json doc;
  doc["schema_version"] = kBenchSchemaVersion;
  doc["tool"] = {{"name", "inboxsim"}, {"version", INBOXSIM_VERSION}};
  doc["machine"] = {{"cpu", machine.cpu},
                    {"cores", machine.cores},
                    {"memory_bytes", machine.memory_bytes},
                    {"system", machine.system},
                    {"hyperscan", machine.hyperscan},
                    {"date", machine.date}};
  doc["inputs"] = summary.inputs;
  doc["repetitions"] = summary.repetitions;
  doc["warmup"] = summary.warmup;
  doc["population"] = summary.population;
  doc["corpus"] = {{"read", result.tally.read()},
                   {"parsed", result.tally.parsed()},
                   {"failed", result.tally.failed()},
                   {"bytes", result.tally.bytes()},
                   {"accounting_ok", AccountingHolds(result.tally)}};
  doc["end_to_end"] = RunJson(result.end_to_end);
  doc["memory"] = {{"after_load_bytes", result.memory_after_load_bytes},
                   {"peak_bytes", result.end_to_end.peak_memory_bytes}};
  doc["scan"] = summary.judge != nullptr
                    ? ScanJson(*summary.judge, result.tally)
                    : nlohmann::json(nullptr);
  doc["stages"] = result.stages ? StagesJson(*result.stages, summary.judge)
                                : nlohmann::json(nullptr);
  doc["ceiling"] = result.ceiling ? CeilingJson(result, summary.judge)
                                  : nlohmann::json(nullptr);
  doc["rule_costs"] = result.rule_costs
                          ? RuleCostsJson(*result.rule_costs, summary.judge)
                          : nlohmann::json(nullptr);
  doc["scaling"] = ScalingJson(result);
  doc["corpus_scaling"] = nullptr;
  if (result.larger) {
    const bench::RunMeasurement& larger = result.larger->run;
    doc["corpus_scaling"] = {
        {"factor", result.larger->factor},
        {"messages", larger.messages},
        {"seconds", bench::SpreadJson(larger.seconds)},
        {"messages_per_second", bench::SpreadJson(larger.MessagesPerSecond())},
        {"peak_memory_bytes", larger.peak_memory_bytes},
        {"time_ratio", LargerTimeRatio(result)},
        {"memory_ratio", LargerMemoryRatio(result)}};
  }
  doc["engines"] = EnginesJson(result);
  return doc;
}

void WriteBenchTable(const BenchSummary& summary, std::ostream& out) {
  const bench::BenchResult& result = summary.result;
  const bench::Machine& machine = summary.machine;
  const bench::RunMeasurement& run = result.end_to_end;
  out << "inboxsim bench  " << machine.date << "  " << machine.cpu << ", "
      << machine.cores << " cores, Hyperscan " << machine.hyperscan << "\n";
  out << "corpus  " << result.tally.read() << " messages ("
      << result.tally.parsed() << " parsed, " << result.tally.failed()
      << " failed), " << Megabytes(result.tally.bytes()) << "\n";
  if (summary.judge != nullptr) {
    const scan::Scanner& scanner = summary.judge->scanner();
    out << "profiles  " << summary.judge->profiles().profiles.size()
        << " profiles, " << summary.judge->profiles().catalog.rules.size()
        << " rules in " << scanner.reports().size() << " targets"
        << (summary.population ? ", placed in a population" : "")
        << Printf("; load %.3f s, compile %.3f s ",
                  summary.judge->load_seconds(), scanner.compile_seconds())
        << (scanner.all_cached() ? "(cache hit)" : "(cache miss)") << "\n";
  }
  out << "\nend to end (" << run.threads
      << (run.threads == 1 ? " thread, " : " threads, ") << summary.repetitions
      << (summary.repetitions == 1 ? " run" : " runs") << " after "
      << summary.warmup << " warm-up)\n";
  out << "  " << RateLine(run.MessagesPerSecond(), "messages/s") << "\n";
  out << "  " << RateLine(run.MegabytesPerSecond(), "MB/s") << "\n";
  out << "  peak memory " << Megabytes(run.peak_memory_bytes) << " (after load "
      << Megabytes(result.memory_after_load_bytes) << ")\n";
  if (result.ceiling) WriteCeilingTable(result, summary.judge, out);
  if (result.rule_costs)
    WriteRuleCostsTable(*result.rule_costs, summary.judge, out);
  if (result.stages) WriteStagesTable(result, summary.judge, out);
  if (!result.scaling.empty()) {
    out << "\nthread scaling\n";
    const bench::Spread& one = result.scaling.front().seconds;
    for (const bench::RunMeasurement& scaled : result.scaling) {
      out << Printf("  %3d threads %10.1f messages/s  %5.2fx\n", scaled.threads,
                    scaled.MessagesPerSecond().median,
                    bench::PairedRatio(one, scaled.seconds));
    }
    out << "  (speedup: the median of each round's ratio, runs in turns)\n";
  }
  if (result.larger) {
    const bench::RunMeasurement& larger = result.larger->run;
    out << "\ncorpus x" << result.larger->factor << " (" << larger.messages
        << " messages, runs in turns with the ones above)\n";
    out << Printf(
        "  time      x%.2f (median of each round's ratio; medians "
        "%.3f s against %.3f s)\n",
        LargerTimeRatio(result), larger.seconds.median, run.seconds.median);
    out << Printf("  peak memory x%.2f (", LargerMemoryRatio(result))
        << Megabytes(larger.peak_memory_bytes) << " against "
        << Megabytes(run.peak_memory_bytes) << ")\n";
  }
  if (result.engines.size() > 1) {
    out << "\nengines (" << run.threads << " threads)\n";
    const double first = result.engines.front().run.MessagesPerSecond().median;
    for (const bench::EngineMeasurement& engine : result.engines) {
      const std::string name(scan::EngineName(engine.engine));
      if (!engine.error.empty()) {
        out << Printf("  %-10s ", name.c_str()) << "not run: " << engine.error
            << "\n";
        continue;
      }
      const double rate = engine.run.MessagesPerSecond().median;
      out << Printf("  %-10s %10.1f messages/s  %6.3fx  compile %.2f s%s",
                    name.c_str(), rate, Ratio(rate, first),
                    engine.compile_seconds,
                    engine.cache_hit ? " (cache hit)" : "")
          << (engine.unsupported > 0
                  ? ", " + std::to_string(engine.unsupported) + " unsupported"
                  : "")
          << "\n";
    }
  }
}

}  // namespace inboxsim::report
