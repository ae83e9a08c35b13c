#include "sim/io/shard_plan.h"

#include <gtest/gtest.h>

#include "sim/io/mbox.h"
#include "tests/test_util.h"

namespace inboxsim::io {
namespace {

using testing::TempDir;

std::string Envelope(int i) {
  return "From sender" + std::to_string(i) +
         "@example.com Mon Jan  1 00:00:" + (i % 60 < 10 ? "0" : "") +
         std::to_string(i % 60) + " 2024\n";
}

// An mbox of `count` messages of varied sizes; bodies hold "From " lines
// that are not envelope lines (no date), which a cut must not take for one.
std::string Mbox(int count) {
  std::string mbox;
  for (int i = 0; i < count; ++i) {
    mbox += Envelope(i) + "Subject: message " + std::to_string(i) + "\n\n";
    mbox += "From the desk of nobody\n";
    mbox += std::string(static_cast<size_t>(40 + (i * 37) % 900), 'x') + "\n\n";
  }
  return mbox;
}

TEST(ParseShardSpec, ReadsKOfNCountingFromOne) {
  Result<std::pair<uint32_t, uint32_t>> first = ParseShardSpec("1/4");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->first, 0u);
  EXPECT_EQ(first->second, 4u);
  Result<std::pair<uint32_t, uint32_t>> last = ParseShardSpec("4/4");
  ASSERT_TRUE(last);
  EXPECT_EQ(last->first, 3u);
  for (const char* bad : {"0/4", "5/4", "1/0", "4", "a/b", "1/4x", "/4", ""}) {
    Result<std::pair<uint32_t, uint32_t>> parsed = ParseShardSpec(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_NE(parsed.error().message.find("--shard"), std::string::npos);
  }
}

TEST(PlanShards, CutsAnMboxAtEnvelopeLinesIntoBalancedContiguousPieces) {
  TempDir dir;
  const std::string mbox = Mbox(500);
  const std::string path = dir.Write("big.mbox", mbox);
  Result<CorpusPlan> plan = PlanCorpus({path}, {});
  ASSERT_TRUE(plan);
  for (uint32_t count : {1u, 2u, 3u, 7u}) {
    Result<ShardPlan> shards = PlanShards(*plan, count, ReaderOptions{});
    ASSERT_TRUE(shards) << shards.error().ToString();
    ASSERT_EQ(shards->shards.size(), count);
    EXPECT_EQ(shards->total_bytes, mbox.size());
    uint64_t next = 0;  // the pieces tile the file in shard order
    for (uint32_t k = 0; k < count; ++k) {
      ASSERT_EQ(shards->shards[k].size(), 1u) << count << " shards, #" << k;
      const ShardPiece& piece = shards->shards[k][0];
      EXPECT_EQ(piece.begin, next);
      const uint64_t end = piece.end == kToInputEnd ? mbox.size() : piece.end;
      EXPECT_EQ(piece.bytes, end - piece.begin);
      // Every piece starts with an envelope line, as a whole run cuts there.
      EXPECT_EQ(mbox.compare(piece.begin, 5, "From "), 0);
      EXPECT_TRUE(piece.begin == 0 || mbox[piece.begin - 1] == '\n');
      EXPECT_TRUE(IsFromLine(
          std::string_view(mbox).substr(
              piece.begin, mbox.find('\n', piece.begin) - piece.begin),
          FromLineRule::kStrict));
      // Balanced: within one message (under 1 KB) of an even share.
      EXPECT_NEAR(static_cast<double>(piece.bytes),
                  static_cast<double>(mbox.size()) / count, 1100.0);
      next = end;
    }
    EXPECT_EQ(next, mbox.size());
    EXPECT_EQ(shards->shards[count - 1][0].end, kToInputEnd);
  }
}

TEST(PlanShards, KeepsCompressedAndSingleMessageFilesWhole) {
  TempDir dir;
  const std::string mbox = Mbox(300);
  const std::string gz =
      dir.Write("a.mbox.gz", testing::Compress(mbox, Compression::kGzip));
  const std::string eml =
      dir.Write("b.eml", "Subject: x\n\n" + std::string(20000, 'y'));
  Result<CorpusPlan> plan = PlanCorpus({gz, eml}, {});
  ASSERT_TRUE(plan);
  Result<ShardPlan> shards = PlanShards(*plan, 5, ReaderOptions{});
  ASSERT_TRUE(shards);
  size_t pieces = 0;
  for (const auto& shard : shards->shards) {
    for (const ShardPiece& piece : shard) {
      EXPECT_TRUE(piece.whole());
      ++pieces;
    }
  }
  EXPECT_EQ(pieces, 2u);
}

TEST(PlanShards, RefusesStandardInputAndZeroShards) {
  Result<CorpusPlan> plan = PlanCorpus({"-"}, {});
  ASSERT_TRUE(plan);
  Result<ShardPlan> shards = PlanShards(*plan, 2, ReaderOptions{});
  ASSERT_FALSE(shards);
  EXPECT_NE(shards.error().message.find("standard input"), std::string::npos);
  EXPECT_FALSE(PlanShards(CorpusPlan{}, 0, ReaderOptions{}));
}

TEST(ShardCorpus, GivesPiecesTheirInputIndexAndUnreadableEntriesToShardZero) {
  TempDir dir;
  const std::string small = dir.Write("1.eml", "Subject: a\n\nb\n");
  const std::string mbox = dir.Write("2.mbox", Mbox(200));
  Result<CorpusPlan> plan = PlanCorpus({small, mbox}, {});
  ASSERT_TRUE(plan);
  plan->unreadable.push_back(Error{ErrorCode::kUnreadable, "x", "gone"});
  Result<ShardPlan> shards = PlanShards(*plan, 2, ReaderOptions{});
  ASSERT_TRUE(shards);
  const CorpusPlan first = ShardCorpus(*plan, *shards, 0);
  const CorpusPlan second = ShardCorpus(*plan, *shards, 1);
  EXPECT_EQ(first.unreadable.size(), 1u);
  EXPECT_TRUE(second.unreadable.empty());
  ASSERT_FALSE(second.sources.empty());
  EXPECT_EQ(second.sources[0].index, 1u);  // the mbox, second in the plan
  EXPECT_GT(second.sources[0].begin, 0u);
  EXPECT_TRUE(second.sources[0].piece());
  EXPECT_EQ(first.sources[0].index, 0u);
}

}  // namespace
}  // namespace inboxsim::io
