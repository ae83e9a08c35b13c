#include "sim/profile/judge.h"

#include <gtest/gtest.h>

#include "sim/engine/run.h"
#include "tests/scan/scan_test_util.h"
#include "tests/test_util.h"

namespace inboxsim::profile {
namespace {

using testing::TempDir;

constexpr char kProfile[] = R"(name = "strict"
[thresholds]
junk = 2
reject = 4
[[rules]]
id = "FREE_MONEY"
target = "body"
pattern = 'free\s+money'
flags = "i"
score = 2
[[rules]]
id = "WINNER"
target = "header:Subject"
pattern = '\bwinner\b'
flags = "i"
score = 2
[[rules]]
id = "SHORTENER"
target = "uri"
pattern = '^https?://bit\.ly/'
score = 0.5
)";

constexpr char kLenient[] = R"(name = "lenient"
[thresholds]
junk = 10
reject = 20
[[rules]]
id = "FREE_MONEY"
target = "body"
pattern = 'free\s+money'
flags = "i"
score = 2
)";

TEST(Judge, EveryProfileJudgesFromOneScan) {
  TempDir dir;
  dir.Write("p/strict.toml", kProfile);
  dir.Write("p/lenient.toml", kLenient);
  Result<Judge> judge =
      Judge::Load({(dir.path() / "p").string()}, {}, scan::Uncached());
  ASSERT_TRUE(judge.ok()) << judge.error().ToString();
  EXPECT_EQ(judge->profiles().catalog.rules.size(), 3u);  // FREE_MONEY shared

  const std::string raw =
      "Subject: You are a WINNER\n\nGet FREE   money at http://bit.ly/x now\n";
  Result<mime::Message> message = mime::ParseMessage(raw, {});
  ASSERT_TRUE(message.ok());
  auto scratch = judge->scanner().MakeScratch();
  scan::ScanCounters counters;
  std::vector<ProfileVerdict> verdicts =
      judge->JudgeMessage(*message, *scratch, &counters);
  ASSERT_EQ(verdicts.size(), 2u);
  // Profiles load in file-name order: lenient, then strict.
  EXPECT_EQ(judge->profiles().profiles[0].name, "lenient");
  EXPECT_EQ(verdicts[0].verdict.action, Action::kInbox);
  EXPECT_EQ(verdicts[0].verdict.score, 2);
  EXPECT_EQ(verdicts[1].verdict.action, Action::kReject);
  EXPECT_EQ(verdicts[1].verdict.score, 4.5);
  EXPECT_EQ(verdicts[1].fired, (std::vector<size_t>{0, 1, 2}));
}

TEST(Judge, ScoreAllAgreesWithEvaluateForEveryProfile) {
  Result<Judge> judge = Judge::Load(
      {std::string(INBOXSIM_SOURCE_DIR) + "/profiles"}, {}, scan::Uncached());
  ASSERT_TRUE(judge.ok()) << judge.error().ToString();
  const size_t rules = judge->scanner().rule_count();
  // Hit sets of every third, fifth and seventh rule, and all rules.
  for (size_t stride : {3, 5, 7, 1}) {
    scan::HitSet hits(rules);
    for (size_t id = 0; id < rules; id += stride)
      hits.Set(static_cast<uint32_t>(id));
    std::vector<Verdict> scores;
    judge->ScoreAll(hits, &scores);
    const std::vector<Profile>& profiles = judge->profiles().profiles;
    ASSERT_EQ(scores.size(), profiles.size());
    for (size_t p = 0; p < profiles.size(); ++p) {
      const Verdict expected = Evaluate(profiles[p], hits);
      EXPECT_EQ(scores[p].score, expected.score) << profiles[p].name;
      EXPECT_EQ(scores[p].action, expected.action) << profiles[p].name;
    }
  }
}

TEST(Judge, RunTalliesPlacementsAndRuleHitsByLabel) {
  TempDir dir;
  dir.Write("p/strict.toml", kProfile);
  dir.Write("corpus/spam/1.eml", "Subject: winner\n\nfree money\n");
  dir.Write("corpus/spam/2.eml", "Subject: hello\n\nfree money\n");
  dir.Write("corpus/ham/3.eml", "Subject: lunch\n\nsee you\n");
  Result<Judge> judge =
      Judge::Load({(dir.path() / "p").string()}, {}, scan::Uncached());
  ASSERT_TRUE(judge.ok()) << judge.error().ToString();
  Result<io::CorpusPlan> plan =
      io::PlanCorpus({(dir.path() / "corpus").string()}, {});
  ASSERT_TRUE(plan.ok());
  for (int threads : {1, 2}) {
    engine::RunOptions options;
    options.threads = threads;
    options.judge = &*judge;
    const engine::RunResult result = engine::RunCorpus(*plan, options);
    const report::Tally& tally = result.tally;
    EXPECT_EQ(tally.placed(0, Label::kSpam, Action::kReject), 1u);
    EXPECT_EQ(tally.placed(0, Label::kSpam, Action::kJunk), 1u);
    EXPECT_EQ(tally.placed(0, Label::kHam, Action::kInbox), 1u);
    EXPECT_EQ(tally.rule_hits(0, Label::kSpam), 2u);  // FREE_MONEY
    EXPECT_EQ(tally.rule_hits(1, Label::kSpam), 1u);  // WINNER
    EXPECT_EQ(tally.rule_hits(0, Label::kHam), 0u);
  }
}

TEST(Judge, EachRuleKeepsItsEarliestMessageAsTheExample) {
  TempDir dir;
  dir.Write("p/ban.toml",
            "name = \"ban\"\n[thresholds]\njunk = 5\nreject = 10\n[content]\n"
            "active_script = 3\n");
  // Many messages, so both threads see some; the first in input order wins.
  std::string mbox;
  for (int i = 0; i < 400; ++i) {
    mbox +=
        "From a@b Thu Jan  1 00:00:00 2026\nContent-Type: multipart/mixed; "
        "boundary=b\n\n--b\n\nhi\n--b\nContent-Disposition: attachment; "
        "filename=\"run" +
        std::to_string(i) + ".exe\"\n\nMZ\n--b--\n\n";
  }
  dir.Write("corpus/spam.mbox", mbox);
  Result<Judge> judge =
      Judge::Load({(dir.path() / "p").string()}, {}, scan::Uncached());
  ASSERT_TRUE(judge.ok()) << judge.error().ToString();
  Result<io::CorpusPlan> plan =
      io::PlanCorpus({(dir.path() / "corpus").string()}, {});
  ASSERT_TRUE(plan.ok());
  for (int threads : {1, 2}) {
    engine::RunOptions options;
    options.threads = threads;
    options.reader.max_batch_bytes = 4096;  // many batches across threads
    options.judge = &*judge;
    const engine::RunResult result = engine::RunCorpus(*plan, options);
    const report::RuleExample& example = result.tally.rule_example(0);
    EXPECT_EQ(example.reason, "active script: executable attachment run0.exe");
    EXPECT_NE(example.where.find("spam.mbox#1 "), std::string::npos)
        << example.where;
  }
}

TEST(Judge, ForcedContentBanBeatsALowScore) {
  TempDir dir;
  dir.Write("p/ban.toml",
            "name = \"ban\"\n[thresholds]\njunk = 5\nreject = 10\n[content]\n"
            "active_script = \"reject\"\nimages = 0.5\n");
  Result<Judge> judge =
      Judge::Load({(dir.path() / "p").string()}, {}, scan::Uncached());
  ASSERT_TRUE(judge.ok()) << judge.error().ToString();
  const std::string raw =
      "Content-Type: text/html\n\n<img src=a.gif><script>x()</script>hello\n";
  Result<mime::Message> message = mime::ParseMessage(raw, {});
  ASSERT_TRUE(message.ok());
  auto scratch = judge->scanner().MakeScratch();
  scan::ScanCounters counters;
  std::vector<ProfileVerdict> verdicts =
      judge->JudgeMessage(*message, *scratch, &counters);
  ASSERT_EQ(verdicts.size(), 1u);
  EXPECT_EQ(verdicts[0].verdict.score, 0.5);
  EXPECT_EQ(verdicts[0].verdict.action, Action::kReject);
  EXPECT_EQ(verdicts[0].fired.size(), 2u);

  // The run sees the same content checks as `check` does.
  dir.Write("corpus/spam/1.eml", raw);
  dir.Write("corpus/ham/2.eml", "Subject: plain\n\nhello\n");
  Result<io::CorpusPlan> plan =
      io::PlanCorpus({(dir.path() / "corpus").string()}, {});
  ASSERT_TRUE(plan.ok());
  engine::RunOptions options;
  options.judge = &*judge;
  const engine::RunResult result = engine::RunCorpus(*plan, options);
  EXPECT_EQ(result.tally.placed(0, Label::kSpam, Action::kReject), 1u);
  EXPECT_EQ(result.tally.placed(0, Label::kHam, Action::kInbox), 1u);
}

}  // namespace
}  // namespace inboxsim::profile
