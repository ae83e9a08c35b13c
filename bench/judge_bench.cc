// The rule scan on real mail: every shipped rule set, compiled per engine,
// over the SpamAssassin public corpus parsed once beforehand (so only the
// scan and evaluation are timed), and the profile-scaling case of issue 4
// (50 profiles x 100 rules against 1 x 100, rules made by
// scripts/make-bench-profiles.py into $INBOXSIM_BENCH_PROFILES/{p1,p50}).
//
//   INBOXSIM_CORPORA=../shared/corpora build/bench/inboxsim_bench
//   --benchmark_filter=Judge
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "sim/profile/judge.h"

namespace inboxsim {
namespace {

namespace fs = std::filesystem;

// The corpus's raw bytes and its parsed messages (which point into them).
struct ParsedCorpus {
  std::vector<std::unique_ptr<std::string>> raw;
  std::vector<mime::Message> messages;
  size_t bytes = 0;
};

const ParsedCorpus& SpamAssassin() {
  static const ParsedCorpus corpus = [] {
    ParsedCorpus loaded;
    const char* configured = std::getenv("INBOXSIM_CORPORA");
    const fs::path root =
        fs::path(configured != nullptr ? configured : "../shared/corpora") /
        "spamassassin";
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(root, error);
         it != fs::recursive_directory_iterator(); it.increment(error)) {
      if (!it->is_regular_file()) continue;
      std::ifstream in(it->path(), std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      loaded.raw.push_back(
          std::make_unique<std::string>(std::move(bytes).str()));
      Result<mime::Message> message =
          mime::ParseMessage(*loaded.raw.back(), {});
      if (!message) continue;
      loaded.bytes += loaded.raw.back()->size();
      loaded.messages.push_back(std::move(*message));
    }
    return loaded;
  }();
  return corpus;
}

// What a benchmark times: the pattern rules alone (what the regex engine
// does: the engine comparison), or every check including the content,
// list, auth and reputation facts (which no engine choice changes).
enum class Checks { kPatterns, kAll };

// Judges every message; returns the number of (profile, message) verdicts
// that were not inbox, so engines can be checked against each other.
uint64_t JudgeAll(const profile::Judge& judge, const ParsedCorpus& corpus,
                  scan::Scanner::Scratch& scratch, scan::HitSet& hits,
                  Checks checks) {
  uint64_t flagged = 0;
  scan::ScanCounters counters;
  std::vector<profile::Verdict> verdicts;
  const std::vector<profile::Profile>& profiles = judge.profiles().profiles;
  for (const mime::Message& message : corpus.messages) {
    if (checks == Checks::kAll) {
      judge.Scan(message, scratch, &hits, &counters);
    } else {
      judge.scanner().Scan(message, scratch, &hits, &counters);
    }
    judge.ScoreAll(hits, &verdicts);
    for (size_t p = 0; p < profiles.size(); ++p) {
      flagged += verdicts[p].action != Action::kInbox;
    }
  }
  return flagged;
}

std::optional<profile::Judge> LoadFor(const std::string& path,
                                      scan::Engine engine) {
  scan::CompileOptions options;
  options.engine = engine;
  options.use_cache = false;
  Result<profile::Judge> judge = profile::Judge::Load({path}, {}, options);
  if (!judge) return std::nullopt;
  return std::move(*judge);
}

void RunJudge(benchmark::State& state, const std::string& profiles,
              scan::Engine engine, bool check_against_hyperscan,
              Checks checks = Checks::kAll) {
  const ParsedCorpus& corpus = SpamAssassin();
  if (corpus.messages.empty()) {
    state.SkipWithError(
        "corpus not found: set INBOXSIM_CORPORA to the shared corpora folder");
    return;
  }
  std::optional<profile::Judge> judge = LoadFor(profiles, engine);
  if (!judge) {
    state.SkipWithError(("profiles did not load: " + profiles).c_str());
    return;
  }
  auto scratch = judge->scanner().MakeScratch();
  scan::HitSet hits(judge->scanner().rule_count());
  const uint64_t flagged = JudgeAll(*judge, corpus, *scratch, hits, checks);
  if (check_against_hyperscan) {
    // Make sure the data is right: the engine must agree with Hyperscan.
    std::optional<profile::Judge> reference =
        LoadFor(profiles, scan::Engine::kHyperscan);
    auto reference_scratch = reference->scanner().MakeScratch();
    if (JudgeAll(*reference, corpus, *reference_scratch, hits, checks) !=
        flagged) {
      state.SkipWithError("verdicts differ from the Hyperscan engine's");
      return;
    }
  }
  for (auto _ : state)
    benchmark::DoNotOptimize(JudgeAll(*judge, corpus, *scratch, hits, checks));
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * corpus.bytes));
  state.SetItemsProcessed(
      static_cast<int64_t>(state.iterations() * corpus.messages.size()));
  size_t pattern_rules = 0;
  for (const profile::Rule& rule : judge->profiles().catalog.rules)
    pattern_rules += rule.check == profile::CheckKind::kPattern;
  state.counters["rules"] = static_cast<double>(
      checks == Checks::kAll ? judge->scanner().rule_count() : pattern_rules);
  state.counters["flagged"] = static_cast<double>(flagged);
}

std::string ShippedProfiles() { return profile::DefaultProfilesPath(); }

// The engine comparison: the shipped rule sets' pattern rules, scanned and
// scored for every shipped profile.
void BM_Judge_Shipped_Hyperscan(benchmark::State& state) {
  RunJudge(state, ShippedProfiles(), scan::Engine::kHyperscan, false,
           Checks::kPatterns);
}
BENCHMARK(BM_Judge_Shipped_Hyperscan)->Unit(benchmark::kMillisecond);

void BM_Judge_Shipped_Pcre2(benchmark::State& state) {
  RunJudge(state, ShippedProfiles(), scan::Engine::kPcre2, true,
           Checks::kPatterns);
}
BENCHMARK(BM_Judge_Shipped_Pcre2)->Unit(benchmark::kMillisecond);

// Everything the shipped profiles check, facts included, with Hyperscan.
void BM_Judge_ShippedAllChecks_Hyperscan(benchmark::State& state) {
  RunJudge(state, ShippedProfiles(), scan::Engine::kHyperscan, false,
           Checks::kAll);
}
BENCHMARK(BM_Judge_ShippedAllChecks_Hyperscan)->Unit(benchmark::kMillisecond);

std::string BenchProfiles(const char* which) {
  const char* configured = std::getenv("INBOXSIM_BENCH_PROFILES");
  return (fs::path(configured != nullptr ? configured
                                         : "/tmp/inboxsim-bench-profiles") /
          which)
      .string();
}

void BM_Judge_Profiles1x100_Hyperscan(benchmark::State& state) {
  RunJudge(state, BenchProfiles("p1"), scan::Engine::kHyperscan, false);
}
BENCHMARK(BM_Judge_Profiles1x100_Hyperscan)->Unit(benchmark::kMillisecond);

void BM_Judge_Profiles50x100_Hyperscan(benchmark::State& state) {
  RunJudge(state, BenchProfiles("p50"), scan::Engine::kHyperscan, false);
}
BENCHMARK(BM_Judge_Profiles50x100_Hyperscan)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace inboxsim
