// One micro-benchmark per stage of the pipeline, on fixed generated input
// (`inboxsim gen`'s generator, seed 42), so every machine times the same
// bytes: reading and cutting an mbox, scanning each target of the shipped
// profiles, evaluating every profile and the population on known hit sets,
// and counting into and merging tallies. The parser's own are in
// parse_bench.cc; the engines side by side in scan_bench.cc.
//
//   build/bench/inboxsim_bench --benchmark_filter='Read|Target|Evaluate|Tally'
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "corpora/generator/synthetic_corpus.h"
#include "sim/io/corpus_reader.h"
#include "sim/mime/message.h"
#include "sim/profile/judge.h"
#include "sim/profile/population.h"
#include "sim/report/tally.h"

namespace inboxsim {
namespace {

namespace fs = std::filesystem;

constexpr uint64_t kMessages = 2000;

// The generated messages, their parse, and the shipped profiles with the
// default population: built once, shared by every benchmark here.
struct Fixture {
  std::vector<std::string> raw;
  std::vector<mime::Message> messages;  // views into `raw`
  uint64_t bytes = 0;
  std::optional<profile::Judge> judge;
  std::optional<profile::Population> population;
  std::optional<profile::PopulationScorer> scorer;
  std::string error;  // why the fixture could not be built
};

const Fixture& Shared() {
  static const Fixture fixture = [] {
    Fixture built;
    gen::SyntheticCorpusOptions options;
    options.count = kMessages;
    options.seed = 42;
    const gen::SyntheticCorpus corpus(options);
    for (uint64_t i = 0; i < kMessages; ++i)
      built.raw.push_back(corpus.Generate(i).bytes);
    for (const std::string& raw : built.raw) {
      Result<mime::Message> message = mime::ParseMessage(raw, {});
      if (!message) {
        built.error = "a generated message failed to parse";
        return built;
      }
      built.bytes += raw.size();
      built.messages.push_back(std::move(*message));
    }
    scan::CompileOptions compile;
    compile.use_cache = false;  // never touch the user's cache
    Result<profile::Judge> judge =
        profile::Judge::Load({profile::DefaultProfilesPath()}, {}, compile);
    if (!judge) {
      built.error = judge.error().ToString();
      return built;
    }
    built.judge.emplace(std::move(*judge));
    Result<profile::Population> population = profile::LoadPopulation(
        profile::DefaultPopulationPath(), built.judge->profiles());
    if (!population) {
      built.error = population.error().ToString();
      return built;
    }
    built.population.emplace(std::move(*population));
    built.scorer.emplace(*built.population, built.judge->profiles());
    return built;
  }();
  return fixture;
}

bool Ready(benchmark::State& state, const Fixture& fixture) {
  if (fixture.error.empty()) return true;
  state.SkipWithError(fixture.error.c_str());
  return false;
}

void SetThroughput(benchmark::State& state, uint64_t messages, uint64_t bytes) {
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * messages));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

// Reading: the generated messages as one mbox file, planned and cut into
// messages by the reader, as the engine's serial stage does.
void BM_Read_Mbox(benchmark::State& state) {
  const Fixture& fixture = Shared();
  if (!Ready(state, fixture)) return;
  const fs::path path =
      fs::temp_directory_path() /
      ("inboxsim-stage-bench-" + std::to_string(::getpid()) + ".mbox");
  {
    std::ofstream out(path, std::ios::binary);
    for (const std::string& raw : fixture.raw)
      out << "From bench@example.com Mon Jan  1 00:00:00 2024\n" << raw << "\n";
  }
  uint64_t messages = 0;
  for (auto _ : state) {
    Result<io::CorpusPlan> plan = io::PlanCorpus({path.string()}, {});
    if (!plan) {
      state.SkipWithError(plan.error().ToString().c_str());
      break;
    }
    io::CorpusReader reader(*plan, {});
    io::MessageBatch batch;
    messages = 0;
    while (reader.Next(&batch)) {
      messages += batch.messages.size();
      batch.Clear();
    }
  }
  fs::remove(path);
  if (messages != kMessages) state.SkipWithError("the reader lost messages");
  SetThroughput(state, kMessages, fixture.bytes);
}
BENCHMARK(BM_Read_Mbox)->Unit(benchmark::kMillisecond);

// Scanning one target: its texts rendered beforehand, so only its
// PatternSet's Match is timed.
void ScanTarget(benchmark::State& state, size_t target) {
  const Fixture& fixture = Shared();
  if (!Ready(state, fixture)) return;
  const scan::Scanner& scanner = fixture.judge->scanner();
  auto scratch = scanner.MakeScratch();
  std::vector<std::string> texts;
  uint64_t bytes = 0;
  for (const mime::Message& message : fixture.messages) {
    scanner.ForEachText(message, *scratch,
                        [&](size_t index, std::string_view text) {
                          if (index == target) texts.emplace_back(text);
                        });
    bytes += texts.back().size();
  }
  const scan::PatternSet& set = scanner.target_set(target);
  auto set_scratch = set.MakeScratch();
  scan::HitSet hits(scanner.rule_count());
  scan::ScanCounters counters;
  for (auto _ : state) {
    for (const std::string& text : texts)
      set.Match(text, *set_scratch, &hits, &counters);
    benchmark::DoNotOptimize(hits.words().data());
  }
  SetThroughput(state, texts.size(), bytes);
  state.counters["patterns"] = static_cast<double>(set.size());
}

// One benchmark per target of the shipped profiles, named after it.
[[maybe_unused]] const bool kTargetsRegistered = [] {
  const Fixture& fixture = Shared();
  if (!fixture.judge) return false;
  const auto& reports = fixture.judge->scanner().reports();
  for (size_t i = 0; i < reports.size(); ++i) {
    benchmark::RegisterBenchmark(
        ("BM_Target/" + reports[i].target.ToString()).c_str(),
        [i](benchmark::State& state) { ScanTarget(state, i); })
        ->Unit(benchmark::kMillisecond);
  }
  return true;
}();

// The hit sets of every message, from one real scan.
const std::vector<scan::HitSet>& HitSets() {
  static const std::vector<scan::HitSet> sets = [] {
    const Fixture& fixture = Shared();
    std::vector<scan::HitSet> out;
    if (!fixture.judge) return out;
    auto scratch = fixture.judge->scanner().MakeScratch();
    scan::ScanCounters counters;
    for (const mime::Message& message : fixture.messages) {
      scan::HitSet hits(fixture.judge->scanner().rule_count());
      fixture.judge->Scan(message, *scratch, &hits, &counters);
      out.push_back(std::move(hits));
    }
    return out;
  }();
  return sets;
}

// Evaluation: every profile's verdict from the hits, and the message's
// place in the default population.
void BM_Evaluate_ProfilesAndPopulation(benchmark::State& state) {
  const Fixture& fixture = Shared();
  if (!Ready(state, fixture)) return;
  std::vector<profile::Verdict> verdicts;
  uint64_t inbox = 0;
  for (auto _ : state) {
    for (const scan::HitSet& hits : HitSets()) {
      fixture.judge->ScoreAll(hits, &verdicts);
      inbox += fixture.scorer->Place(verdicts)[0];
    }
  }
  benchmark::DoNotOptimize(inbox);
  SetThroughput(state, kMessages, fixture.bytes);
  state.counters["profiles"] =
      static_cast<double>(fixture.judge->profiles().profiles.size());
}
BENCHMARK(BM_Evaluate_ProfilesAndPopulation)->Unit(benchmark::kMillisecond);

// A worker's tally of every message: counts, rule hits, verdicts.
report::Tally CountAll(const Fixture& fixture) {
  report::Tally tally;
  std::vector<profile::Verdict> verdicts;
  const size_t profiles = fixture.judge->profiles().profiles.size();
  for (size_t m = 0; m < fixture.messages.size(); ++m) {
    const Label label = m % 3 == 0 ? Label::kSpam : Label::kHam;
    tally.CountParsed(label, fixture.raw[m].size(), fixture.messages[m]);
    tally.CountRuleHits(label, HitSets()[m]);
    fixture.judge->ScoreAll(HitSets()[m], &verdicts);
    for (size_t p = 0; p < profiles; ++p)
      tally.CountVerdict(p, label, verdicts[p].action);
  }
  return tally;
}

void BM_Tally_Count(benchmark::State& state) {
  const Fixture& fixture = Shared();
  if (!Ready(state, fixture)) return;
  for (auto _ : state) benchmark::DoNotOptimize(CountAll(fixture).read());
  SetThroughput(state, kMessages, fixture.bytes);
}
BENCHMARK(BM_Tally_Count)->Unit(benchmark::kMillisecond);

// The end of a run: eight workers' tallies merged into one.
void BM_Tally_Merge(benchmark::State& state) {
  const Fixture& fixture = Shared();
  if (!Ready(state, fixture)) return;
  const report::Tally worker = CountAll(fixture);
  for (auto _ : state) {
    report::Tally total;
    for (int w = 0; w < 8; ++w) total.Merge(worker);
    if (total.read() != 8 * kMessages) {
      state.SkipWithError("the merge lost messages");
      break;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * 8));
}
BENCHMARK(BM_Tally_Merge)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace inboxsim
