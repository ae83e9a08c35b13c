// The benchmark's measurements on a small corpus: stage timers, the
// captured texts behind the ceiling, and the raw scan of them.
#include "sim/bench/ceiling.h"

#include <gtest/gtest.h>

#include "sim/bench/benchmark.h"
#include "sim/bench/pattern_costs.h"
#include "sim/engine/run.h"
#include "sim/profile/judge.h"
#include "tests/scan/scan_test_util.h"
#include "tests/test_util.h"

namespace inboxsim::bench {
namespace {

using testing::TempDir;

constexpr char kProfile[] = R"(name = "p"
[thresholds]
junk = 1.0
reject = 5.0
[[rules]]
id = "FREE"
target = "body"
pattern = 'free'
flags = "i"
score = 2.0
[[rules]]
id = "URGENT"
target = "header:subject"
pattern = 'urgent'
flags = "i"
score = 1.0
)";

class BenchCorpus : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("p/p.toml", kProfile);
    for (int i = 0; i < 40; ++i) {
      dir_.Write("c/" + std::to_string(i) + ".eml",
                 "Subject: " + std::string(i % 2 ? "urgent" : "hello") +
                     "\n\nsomething free " + std::to_string(i) + "\n");
    }
    dir_.Write("c/broken.eml", "");  // counted, not scanned
    Result<profile::Judge> judge = profile::Judge::Load(
        {(dir_.path() / "p").string()}, {}, scan::Uncached());
    ASSERT_TRUE(judge.ok()) << judge.error().ToString();
    judge_.emplace(std::move(*judge));
    Result<io::CorpusPlan> plan =
        io::PlanCorpus({(dir_.path() / "c").string()}, {});
    ASSERT_TRUE(plan.ok());
    plan_.emplace(std::move(*plan));
    run_.threads = 2;
    run_.judge = &*judge_;
  }

  TempDir dir_;
  std::optional<profile::Judge> judge_;
  std::optional<io::CorpusPlan> plan_;
  engine::RunOptions run_;
};

TEST_F(BenchCorpus, StageTimesCoverEveryTargetAndFitInTheWallTime) {
  run_.stage_timers = true;
  const engine::RunResult result = engine::RunCorpus(*plan_, run_);
  const engine::StageTimes& stages = result.stages;
  ASSERT_EQ(stages.targets.size(), judge_->scanner().reports().size());
  EXPECT_GT(stages.parse, 0);
  EXPECT_GT(stages.scan(), 0);
  EXPECT_GE(stages.read, 0);
  EXPECT_LE(stages.total(), result.elapsed_seconds * result.threads);
  EXPECT_EQ(result.tally.read(), 41u);

  run_.stage_timers = false;
  const engine::RunResult untimed = engine::RunCorpus(*plan_, run_);
  EXPECT_EQ(untimed.stages.total(), 0);
  EXPECT_TRUE(untimed.stages.targets.empty());
  // Timing changes nothing that is counted.
  for (uint32_t rule = 0; rule < 2; ++rule) {
    EXPECT_EQ(untimed.tally.rule_hits(rule, Label::kUnlabelled),
              result.tally.rule_hits(rule, Label::kUnlabelled));
  }
  EXPECT_EQ(result.tally.rule_hits(0, Label::kUnlabelled), 40u);
}

TEST_F(BenchCorpus, CaptureKeepsEveryTargetTextOfEveryParsedMessage) {
  const CapturedTexts texts =
      CaptureTexts(*plan_, run_, judge_->scanner(), uint64_t{1} << 30);
  EXPECT_EQ(texts.messages, 40u);
  EXPECT_FALSE(texts.truncated);
  ASSERT_EQ(texts.targets.size(), judge_->scanner().reports().size());
  uint64_t bytes = 0;
  for (const TargetTexts& target : texts.targets) {
    EXPECT_EQ(target.ends.size(), 40u);
    bytes += target.bytes.size();
  }
  EXPECT_EQ(texts.bytes, bytes);

  // Hyperscan alone reports every text that holds a match: each body says
  // "free", every other subject "urgent".
  const Ceiling ceiling = MeasureCeiling(texts, judge_->scanner(), 2, 2);
  EXPECT_EQ(ceiling.texts, 80u);
  EXPECT_EQ(ceiling.matches, 60u);
  EXPECT_EQ(ceiling.seconds.values.size(), 2u);
  EXPECT_GE(ceiling.passes_per_sample, 1);
  EXPECT_EQ(ceiling.target_thread_seconds.size(), 2u);
}

TEST_F(BenchCorpus, EveryPatternIsCostedAloneOverItsTargetsTexts) {
  const CapturedTexts texts =
      CaptureTexts(*plan_, run_, judge_->scanner(), uint64_t{1} << 30);
  const PatternCosts costs =
      MeasurePatternCosts(texts, judge_->scanner(), 2, 1);
  EXPECT_EQ(costs.measured, 2u);
  ASSERT_EQ(costs.costliest.size(), 1u);  // kept: the costliest one
  const PatternCost& cost = costs.costliest[0];
  EXPECT_EQ(cost.error, "");
  EXPECT_EQ(cost.texts, 40u);
  EXPECT_LE(cost.scan_seconds, costs.scan_seconds);
  EXPECT_EQ(judge_->scanner().reports()[cost.target].target.kind ==
                scan::TargetKind::kBody,
            cost.id == 0);  // FREE is the body rule
}

TEST_F(BenchCorpus, UnionLayoutScansTheSameTextsWithTheSameMatches) {
  const CapturedTexts texts =
      CaptureTexts(*plan_, run_, judge_->scanner(), uint64_t{1} << 30);
  double compile_seconds = -1;
  Result<Ceiling> ceiling =
      MeasureUnionCeiling(texts, judge_->scanner(), 2, 2, &compile_seconds);
  ASSERT_TRUE(ceiling.ok()) << ceiling.error().ToString();
  EXPECT_EQ(ceiling->texts, 80u);
  EXPECT_EQ(ceiling->matches, 60u);  // as the chosen layout's
  EXPECT_EQ(ceiling->seconds.values.size(), 2u);
  EXPECT_GE(compile_seconds, 0);
}

TEST_F(BenchCorpus, CaptureStopsAtItsByteBudget) {
  const CapturedTexts texts = CaptureTexts(*plan_, run_, judge_->scanner(), 1);
  EXPECT_TRUE(texts.truncated);
  EXPECT_LT(texts.messages, 40u);
}

TEST_F(BenchCorpus, RunBenchmarkMeasuresEveryKindAndEngine) {
  BenchOptions options;
  options.threads = 2;
  options.repetitions = 2;
  options.warmup = 0;
  options.engines = {scan::Engine::kHyperscan, scan::Engine::kPcre2};
  int loads = 0;
  const BenchResult result = RunBenchmark(
      *plan_, run_, nullptr, options,
      [&](scan::Engine engine, std::string*) -> std::optional<profile::Judge> {
        ++loads;
        scan::CompileOptions compile = scan::Uncached(engine);
        Result<profile::Judge> judge =
            profile::Judge::Load({(dir_.path() / "p").string()}, {}, compile);
        if (!judge) return std::nullopt;
        return std::move(*judge);
      });
  EXPECT_EQ(loads, 1);  // hyperscan is the main judge's own
  EXPECT_EQ(result.tally.read(), 41u);
  EXPECT_EQ(result.end_to_end.seconds.values.size(), 2u);
  EXPECT_EQ(result.end_to_end.messages, 41u);
  ASSERT_TRUE(result.stages.has_value());
  ASSERT_TRUE(result.ceiling.has_value());
  EXPECT_EQ(result.captured->messages, 40u);
  EXPECT_TRUE(result.captured->targets.empty());  // bytes released
  ASSERT_EQ(result.scaling.size(), 2u);
  EXPECT_EQ(result.scaling[0].threads, 1);
  EXPECT_EQ(result.scaling[1].threads, 2);
  ASSERT_EQ(result.engines.size(), 2u);
  EXPECT_EQ(result.engines[0].engine, scan::Engine::kHyperscan);
  EXPECT_EQ(result.engines[1].engine, scan::Engine::kPcre2);
  EXPECT_EQ(result.engines[1].error, "");
  EXPECT_EQ(result.engines[1].run.messages, 41u);
  ASSERT_TRUE(result.rule_costs.has_value());
  EXPECT_EQ(result.rule_costs->measured, 2u);
}

}  // namespace
}  // namespace inboxsim::bench
