// Shards of a corpus, run apart and merged, count exactly what one run
// counts: every total, placement, rule hit, failure and example.
#include <gtest/gtest.h>

#include <filesystem>

#include "sim/engine/run.h"
#include "sim/io/shard_plan.h"
#include "sim/profile/judge.h"
#include "sim/report/run_report.h"
#include "tests/test_util.h"

namespace inboxsim::engine {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

std::string Envelope(int i) {
  return "From sender" + std::to_string(i) +
         "@example.com Mon Jan  1 00:00:" + (i % 60 < 10 ? "0" : "") +
         std::to_string(i % 60) + " 2024\n";
}

// Messages that fire rules of the shipped profiles, messages that fail
// (empty), long ones, ham and spam.
std::string Mbox(int count, int seed) {
  std::string mbox;
  for (int i = 0; i < count; ++i) {
    const int kind = (i * 7 + seed) % 11;
    mbox += Envelope(i);
    if (kind == 3) continue;  // an envelope line and nothing else: empty
    mbox += "From: Deals <deals" + std::to_string(i % 5) +
            "@promo.example>\nTo: you@example.org\nSubject: ";
    mbox +=
        kind % 2 ? "FREE MONEY, act now!!! viagra" : "minutes of the meeting";
    mbox += "\nMessage-ID: <" + std::to_string(i) + "@x>\n";
    if (kind == 5) {
      mbox +=
          "Content-Type: text/html\n\n<html><body><p style=\"display:none\">"
          "hidden</p><a href=\"http://paypal.example.net/login\">"
          "https://www.paypal.com/</a></body></html>\n\n";
    } else if (kind == 7) {
      mbox += "\n" + std::string(9000, 'z') + "\n\n";
    } else {
      mbox += "\nHello,\nclick here to unsubscribe, winner!\n\n";
    }
  }
  return mbox;
}

nlohmann::json WithoutTimings(nlohmann::json report) {
  report["run"].erase("threads");
  report["scan"].erase("compile_seconds");
  report["scan"].erase("load_seconds");
  for (auto& target : report["scan"]["targets"])
    target.erase("compile_seconds");
  for (const char* key :
       {"elapsed_seconds", "mb_per_second", "messages_per_second"})
    report["totals"].erase(key);
  return report;
}

class ShardedRun : public ::testing::Test {
 protected:
  void SetUp() override {
    scan::CompileOptions compile;
    compile.cache_dir = cache_.path().string();
    Result<profile::Judge> judge = profile::Judge::Load(
        {(fs::path(INBOXSIM_SOURCE_DIR) / "profiles").string()}, {}, compile);
    ASSERT_TRUE(judge) << judge.error().ToString();
    judge_.emplace(std::move(*judge));
    options_.threads = 2;
    options_.judge = &*judge_;
    // Small inputs are read in the workers too: pieces take that path.
    options_.reader.read_in_worker_below_bytes = 64 << 10;
  }

  nlohmann::json Report(const report::Tally& tally,
                        const std::vector<std::string>& inputs) const {
    return WithoutTimings(report::RunReportJson(
        report::RunSummary{tally, 1.0, 2, inputs, &*judge_}));
  }

  // The report of `shards` shards run apart and merged, `reverse`d to show
  // the merge order does not matter.
  nlohmann::json Sharded(const io::CorpusPlan& plan, uint32_t shards,
                         const std::vector<std::string>& inputs,
                         bool reverse) const {
    Result<io::ShardPlan> shard_plan =
        io::PlanShards(plan, shards, options_.reader);
    EXPECT_TRUE(shard_plan) << shard_plan.error().ToString();
    report::Tally merged;
    for (uint32_t i = 0; i < shards; ++i) {
      const uint32_t k = reverse ? shards - 1 - i : i;
      const io::CorpusPlan part = io::ShardCorpus(plan, *shard_plan, k);
      // Through the tally file's JSON, as shards on other machines send it.
      const std::string sent = RunCorpus(part, options_).tally.ToJson().dump();
      Result<report::Tally> received =
          report::Tally::FromJson(nlohmann::json::parse(sent));
      EXPECT_TRUE(received) << received.error().ToString();
      merged.Merge(*received);
    }
    merged.NumberPieces();
    return Report(merged, inputs);
  }

  TempDir cache_;
  std::optional<profile::Judge> judge_;
  RunOptions options_;
};

TEST_F(ShardedRun, MergedShardsReportExactlyWhatOneRunReports) {
  TempDir dir;
  dir.Write("spam/big.mbox", "\xEF\xBB\xBF" + Mbox(700, 1));
  dir.Write("ham/other.mbox", Mbox(300, 4));
  dir.Write("ham/a.eml", "Subject: lunch\n\nsee you\n");
  dir.Write("spam/b.eml", "");
  dir.Write("spam/c.mbox.gz",
            testing::Compress(Mbox(120, 2), io::Compression::kGzip));
  fs::create_symlink(dir.path() / "nowhere", dir.path() / "spam" / "dangling");
  const std::vector<std::string> inputs = {dir.path().string()};
  Result<io::CorpusPlan> plan = io::PlanCorpus(inputs, {});
  ASSERT_TRUE(plan);
  const RunResult whole = RunCorpus(*plan, options_);
  ASSERT_GT(whole.tally.failed_by(ErrorCode::kEmptyMessage), 50u);
  ASSERT_GT(whole.tally.failure_examples().size(), 10u);
  const nlohmann::json expected = Report(whole.tally, inputs);
  for (uint32_t shards : {1u, 2u, 3u, 5u, 8u}) {
    for (bool reverse : {false, true}) {
      const nlohmann::json sharded = Sharded(*plan, shards, inputs, reverse);
      EXPECT_EQ(sharded, expected)
          << shards << " shards" << (reverse ? ", merged backwards" : "")
          << "; first difference near:\n"
          << nlohmann::json::diff(expected, sharded).dump(1).substr(0, 2000);
    }
  }
}

TEST_F(ShardedRun, ExamplesFromLaterPiecesAreNumberedInTheWholeInput) {
  TempDir dir;
  const std::string mbox = Mbox(400, 3);
  const std::string path = dir.Write("m.mbox", mbox);
  Result<io::CorpusPlan> plan = io::PlanCorpus({path}, {});
  ASSERT_TRUE(plan);
  Result<io::ShardPlan> shard_plan = io::PlanShards(*plan, 4, options_.reader);
  ASSERT_TRUE(shard_plan);
  // The last shard alone numbers its messages from its own first one...
  report::Tally tally =
      RunCorpus(io::ShardCorpus(*plan, *shard_plan, 3), options_).tally;
  ASSERT_FALSE(tally.failure_examples().empty());
  const report::FailureExample first = tally.failure_examples()[0];
  EXPECT_GT(first.piece.begin, 0u);
  ASSERT_EQ(tally.piece_counts().size(), 1u);
  EXPECT_EQ(first.where, io::DescribeMboxMessage(path, first.order.ordinal,
                                                 first.order.offset));
  // ...and, told how many messages the earlier pieces held, by its place
  // in the whole input: one more than the envelope lines before it.
  for (uint32_t k = 0; k < 3; ++k) {
    const report::Tally earlier =
        RunCorpus(io::ShardCorpus(*plan, *shard_plan, k), options_).tally;
    for (const report::PieceCount& piece : earlier.piece_counts()) {
      for (uint64_t i = 0; i < piece.messages; ++i)
        tally.CountPieceMessage(piece.input, piece.begin);
    }
  }
  tally.NumberPieces();
  size_t before = 0;
  for (size_t at = 0; (at = mbox.find("From sender", at)) < first.order.offset;
       ++at)
    ++before;
  ASSERT_EQ(tally.failure_examples()[0].order, first.order);
  EXPECT_EQ(tally.failure_examples()[0].where,
            io::DescribeMboxMessage(path, before + 1, first.order.offset));
  EXPECT_EQ(tally.failure_examples()[0].piece.begin, 0u);
}

TEST(TallyJson, RefusesDamagedTallies) {
  report::Tally tally;
  nlohmann::json json = tally.ToJson();
  ASSERT_TRUE(report::Tally::FromJson(json));
  nlohmann::json unbalanced = json;
  unbalanced["read"] = 1;
  Result<report::Tally> refused = report::Tally::FromJson(unbalanced);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("read is not parsed + failed"),
            std::string::npos);
  nlohmann::json unknown = json;
  unknown["failed_by_reason"]["no_such_reason"] = 3;
  refused = report::Tally::FromJson(unknown);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("no_such_reason"), std::string::npos);
  nlohmann::json missing = json;
  missing.erase("rule_hits");
  EXPECT_FALSE(report::Tally::FromJson(missing));
  EXPECT_FALSE(report::Tally::FromJson(nlohmann::json::array()));
}

}  // namespace
}  // namespace inboxsim::engine
