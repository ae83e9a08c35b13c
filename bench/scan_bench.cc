// Scan micro-benchmarks: ~100 word-list rules, the shape of most filter
// rules, over fixed synthetic messages, once per engine. Hyperscan runs
// them all in one pass; PCRE2-JIT, RE2 and std::regex one rule at a time,
// which is what a filter without a multi-pattern engine pays.
//
//   build/bench/inboxsim_bench --benchmark_filter=BM_Scan
#include <benchmark/benchmark.h>

#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scan/pattern_set.h"

namespace inboxsim::scan {
namespace {

// Rule words appear in the text one word in kRuleWordEvery, among filler
// that no rule names, as in real mail; the rules also use words the text
// never contains, so some rules hit and the rest must scan to the end.
constexpr const char* kFillerWords[] = {
    "and",     "for",     "with",     "that",    "this",    "from",   "have",
    "will",    "about",   "would",    "there",   "their",   "which",  "could",
    "other",   "after",   "first",    "where",   "these",   "think",  "also",
    "because", "people",  "between",  "during",  "without", "again",  "number",
    "always",  "little",  "however",  "through", "write",   "before", "should",
    "country", "example", "question",
};
constexpr int kRuleWordEvery = 12;
constexpr const char* kTextWords[] = {
    "the",      "meeting", "report",   "invoice", "attached", "please",
    "review",   "account", "update",   "offer",   "limited",  "free",
    "money",    "click",   "here",     "winner",  "prize",    "urgent",
    "reply",    "friday",  "project",  "budget",  "schedule", "thanks",
    "regards",  "team",    "customer", "service", "order",    "shipping",
    "delivery", "payment", "bank",     "verify",  "password", "login",
};
constexpr const char* kAbsentWords[] = {
    "viagra",  "casino",   "lottery",   "bitcoin", "inheritance", "diploma",
    "replica", "pharmacy", "refinance", "crypto",  "jackpot",     "miracle",
};

constexpr int kMessages = 64;
constexpr size_t kMessageBytes = 4096;  // a typical decoded body

// A deterministic generator (a 64-bit LCG) keeps the input identical across
// runs and machines, so results compare.
uint64_t Next(uint64_t* state) {
  *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
  return *state >> 33;
}

const std::vector<std::string>& Messages() {
  static const std::vector<std::string> messages = [] {
    std::vector<std::string> out;
    uint64_t state = 42;
    const size_t words = sizeof kTextWords / sizeof kTextWords[0];
    const size_t fillers = sizeof kFillerWords / sizeof kFillerWords[0];
    for (int m = 0; m < kMessages; ++m) {
      std::string text;
      while (text.size() < kMessageBytes) {
        uint64_t r = Next(&state);
        std::string word = r % kRuleWordEvery == 0
                               ? kTextWords[(r >> 8) % words]
                               : kFillerWords[(r >> 8) % fillers];
        if (r % 7 == 0) word[0] = static_cast<char>(word[0] - 'a' + 'A');
        text += word;
        text += r % 13 == 0 ? ".\n" : " ";
      }
      out.push_back(std::move(text));
    }
    return out;
  }();
  return messages;
}

// Rules every engine runs with the same meaning: words with boundaries,
// phrases, alternations, classes, case-insensitive or not.
const std::vector<PatternSpec>& Rules() {
  static const std::vector<PatternSpec> rules = [] {
    std::vector<PatternSpec> out;
    auto add = [&out](std::string expression, std::string flags) {
      out.push_back({std::move(expression), std::move(flags),
                     static_cast<uint32_t>(out.size())});
    };
    for (const char* word : kTextWords)
      add(std::string(R"(\b)") + word + R"(\b)", "i");
    for (const char* word : kAbsentWords) {
      add(std::string(R"(\b)") + word + R"(s?\b)", "i");
      add(std::string(word) + R"(\s+(?:now|today|online))", "");
    }
    const size_t n = sizeof kTextWords / sizeof kTextWords[0];
    for (size_t k = 0; k + 1 < n; k += 2) {
      add(std::string(kTextWords[k]) + R"(\s+)" + kTextWords[k + 1], "i");
    }
    for (size_t k = 0; k + 2 < n; k += 3) {
      add(std::string("(?:") + kTextWords[k] + "|" + kTextWords[k + 1] +
              R"()[ .,]+[a-z]{3,8}\s+)" + kTextWords[k + 2],
          "");
    }
    return out;
  }();
  return rules;
}

// Hit sets of every message, to compare engines with.
std::vector<std::vector<uint64_t>> AllHits(const PatternSet& set) {
  std::vector<std::vector<uint64_t>> out;
  auto scratch = set.MakeScratch();
  ScanCounters counters;
  HitSet hits(Rules().size());
  for (const std::string& text : Messages()) {
    hits.Clear();
    set.Match(text, *scratch, &hits, &counters);
    out.push_back(hits.words());
  }
  return out;
}

void ScanAll(benchmark::State& state, Engine engine) {
  CompileOptions options;
  options.engine = engine;
  options.use_cache = false;  // time the scan, never touch the user's cache
  Result<PatternSet> set = PatternSet::Compile(Rules(), options);
  if (!set) {
    state.SkipWithError(set.error().ToString().c_str());
    return;
  }
  if (set->report().native != Rules().size()) {
    state.SkipWithError("an engine refused a rule; the comparison is unfair");
    return;
  }
  // Make sure the answers are right before timing them: PCRE2 is the
  // reference semantics.
  options.engine = Engine::kPcre2;
  Result<PatternSet> reference = PatternSet::Compile(Rules(), options);
  if (!reference) {
    state.SkipWithError(reference.error().ToString().c_str());
    return;
  }
  const std::vector<std::vector<uint64_t>> want = AllHits(*reference);
  if (AllHits(*set) != want) {
    state.SkipWithError("hits differ from PCRE2's");
    return;
  }
  size_t total_hits = 0;
  for (const std::vector<uint64_t>& words : want) {
    for (uint64_t word : words) total_hits += std::popcount(word);
  }
  auto scratch = set->MakeScratch();
  ScanCounters counters;
  HitSet hits(Rules().size());
  size_t bytes = 0;
  for (const std::string& text : Messages()) bytes += text.size();
  for (auto _ : state) {
    for (const std::string& text : Messages()) {
      hits.Clear();
      set->Match(text, *scratch, &hits, &counters);
    }
    benchmark::DoNotOptimize(hits.words().data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(
      static_cast<int64_t>(state.iterations() * Messages().size()));
  state.counters["rules"] = static_cast<double>(Rules().size());
  state.counters["hits_per_msg"] =
      static_cast<double>(total_hits) / static_cast<double>(want.size());
}

void BM_Scan_Hyperscan(benchmark::State& state) {
  ScanAll(state, Engine::kHyperscan);
}
void BM_Scan_Pcre2(benchmark::State& state) { ScanAll(state, Engine::kPcre2); }
void BM_Scan_Re2(benchmark::State& state) { ScanAll(state, Engine::kRe2); }
void BM_Scan_Std(benchmark::State& state) { ScanAll(state, Engine::kStd); }

BENCHMARK(BM_Scan_Hyperscan);
BENCHMARK(BM_Scan_Pcre2);
BENCHMARK(BM_Scan_Re2);
BENCHMARK(BM_Scan_Std);

}  // namespace
}  // namespace inboxsim::scan
