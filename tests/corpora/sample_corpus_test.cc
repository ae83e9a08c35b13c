// The shipped sample corpus: what the README's first command runs on.
#include <gtest/gtest.h>

#include <sstream>

#include "corpora/generator/synthetic_corpus.h"
#include "sim/engine/run.h"
#include "tests/test_util.h"

namespace inboxsim {
namespace {

const std::string kSample =
    std::string(INBOXSIM_SOURCE_DIR) + "/corpora/sample";

// scripts/make-sample-corpus.sh wrote it with these options; if the generator
// changes its output (or stops being deterministic), this says so.
TEST(SampleCorpus, SyntheticPartIsWhatTheGeneratorWrites) {
  gen::SyntheticCorpusOptions options;
  options.count = 240;
  options.seed = 2026;
  options.spam_ratio = 0.4;
  const gen::SyntheticCorpus corpus(options);
  std::ostringstream expected;
  for (uint64_t i = 0; i < options.count; ++i)
    gen::WriteMboxrdMessage(corpus.Generate(i), expected);
  EXPECT_TRUE(expected.str() == testing::ReadFile(kSample + "/synthetic.mbox"))
      << "regenerate with scripts/make-sample-corpus.sh";
}

TEST(SampleCorpus, RunAccountsForEveryMessageWithNamedReasons) {
  Result<io::CorpusPlan> plan = io::PlanCorpus({kSample}, {});
  ASSERT_TRUE(plan.ok());
  engine::RunOptions options;
  options.threads = 2;
  const engine::RunResult result = engine::RunCorpus(*plan, options);
  const report::Tally& tally = result.tally;
  // 240 generated, 3 in the gzipped mbox, 2 in the Maildir (tmp/ skipped),
  // 3 hand-written .eml, one empty file and one binary file.
  EXPECT_EQ(tally.read(), 250u);
  EXPECT_EQ(tally.parsed(), 248u);
  EXPECT_EQ(tally.failed_by(ErrorCode::kEmptyMessage), 1u);
  EXPECT_EQ(tally.failed_by(ErrorCode::kNotAMessage), 1u);
  EXPECT_EQ(tally.by_label(Label::kUnlabelled).read, 4u);
  EXPECT_EQ(
      tally.by_label(Label::kHam).read + tally.by_label(Label::kSpam).read,
      246u);
  EXPECT_EQ(tally.messages_with(mime::Defect::kTruncatedBase64), 1u);
  EXPECT_EQ(tally.messages_with(mime::Defect::kBoundaryNotFound), 1u);
}

}  // namespace
}  // namespace inboxsim
