#include "sim/engine/run.h"

#include <gtest/gtest.h>
#include <tbb/enumerable_thread_specific.h>

#include <filesystem>
#include <map>

#include "tests/test_util.h"

namespace inboxsim::engine {
namespace {

using testing::TempDir;

RunResult RunPaths(const std::vector<std::string>& paths, int threads = 2) {
  Result<io::CorpusPlan> plan = io::PlanCorpus(paths, {});
  EXPECT_TRUE(plan.ok());
  RunOptions options;
  options.threads = threads;
  return RunCorpus(*plan, options);
}

TEST(RunCorpus, EveryMessageIsAccountedFor) {
  TempDir dir;
  dir.Write("ham/1.eml", "Subject: fine\n\nhello\n");
  dir.Write("ham/2.eml", "");                           // empty
  dir.Write("spam/3.eml", "\x89PNG\r\n\x1a\n binary");  // not a message
  dir.Write("spam/4.mbox",
            "From a@x Mon Jan  1 00:00:00 2024\nSubject: a\n\nx\n\n"
            "From b@x Mon Jan  1 00:00:01 2024\nSubject: b\n\ny\n");
  const RunResult result = RunPaths({dir.path().string()});
  const report::Tally& tally = result.tally;
  EXPECT_EQ(tally.read(), 5u);
  EXPECT_EQ(tally.parsed(), 3u);
  EXPECT_EQ(tally.failed(), 2u);
  EXPECT_EQ(tally.failed_by(ErrorCode::kEmptyMessage), 1u);
  EXPECT_EQ(tally.failed_by(ErrorCode::kNotAMessage), 1u);
  EXPECT_EQ(tally.by_label(Label::kHam).read, 2u);
  EXPECT_EQ(tally.by_label(Label::kSpam).read, 3u);
  EXPECT_EQ(tally.by_label(Label::kSpam).parsed, 2u);
  ASSERT_EQ(tally.failure_examples().size(), 2u);
  EXPECT_NE(tally.failure_examples()[0].where.find("2.eml"), std::string::npos);
}

TEST(RunCorpus, ResultsDoNotDependOnThreadCount) {
  TempDir dir;
  std::string mbox;
  for (int i = 0; i < 3000; ++i) {
    mbox +=
        "From a@x Mon Jan  1 00:00:00 2024\nSubject: " + std::to_string(i) +
        "\n\n" +
        (i % 7 == 0 ? std::string("Content-Transfer-Encoding: base64\n") : "") +
        "body\n\n";
  }
  const std::string path = dir.Write("m.mbox", mbox);
  const RunResult one = RunPaths({path}, 1);
  const RunResult two = RunPaths({path}, 2);
  EXPECT_EQ(one.tally.read(), 3000u);
  EXPECT_EQ(two.tally.read(), one.tally.read());
  EXPECT_EQ(two.tally.parsed(), one.tally.parsed());
  EXPECT_EQ(two.tally.bytes(), one.tally.bytes());
}

TEST(RunCorpus, LabelHeaderLabelsMessagesWithoutPathLabels) {
  TempDir dir;
  const std::string path = dir.Write(
      "mixed.mbox",
      "From a@x Mon Jan  1 00:00:00 2024\nX-Inboxsim-Label: spam\n\nx\n\n"
      "From a@x Mon Jan  1 00:00:00 2024\nX-Inboxsim-Label: ham\n\ny\n");
  const RunResult result = RunPaths({path});
  EXPECT_EQ(result.tally.by_label(Label::kSpam).parsed, 1u);
  EXPECT_EQ(result.tally.by_label(Label::kHam).parsed, 1u);
}

TEST(RunCorpus, UnreadableDecompressionIsCountedNotFatal) {
  TempDir dir;
  const std::string path =
      dir.Write("broken.gz", std::string("\x1f\x8b\x08\x00garbage", 11));
  const RunResult result = RunPaths({path});
  EXPECT_EQ(result.tally.failed_by(ErrorCode::kDecompressError), 1u);
  EXPECT_EQ(result.tally.read(), result.tally.parsed() + result.tally.failed());
}

TEST(RunCorpus, OnMessageSeesEveryParsedMessageWithItsLabel) {
  TempDir dir;
  dir.Write("ham/1.eml", "Subject: one\n\nhello\n");
  dir.Write("spam/2.eml", "Subject: two\n\nbuy\n");
  dir.Write("spam/3.eml", "not a message");
  dir.Write("other/4.eml", "Subject: four\nX-Inboxsim-Label: spam\n\nx\n");
  dir.Write("other/5.eml", "Subject: five\n\nx\n");
  Result<io::CorpusPlan> plan = io::PlanCorpus({dir.path().string()}, {});
  ASSERT_TRUE(plan.ok());
  RunOptions options;
  options.threads = 2;
  tbb::enumerable_thread_specific<std::map<std::string, Label>> seen;
  options.on_message = [&](const mime::Message& message, Label label) {
    seen.local()[std::string(message.headers().Value("subject"))] = label;
  };
  const RunResult result = RunCorpus(*plan, options);
  std::map<std::string, Label> all;
  for (const auto& local : seen) all.insert(local.begin(), local.end());
  EXPECT_EQ(result.tally.parsed(), 4u);
  EXPECT_EQ(all, (std::map<std::string, Label>{{"one", Label::kHam},
                                               {"two", Label::kSpam},
                                               {"four", Label::kSpam},
                                               {"five", Label::kUnlabelled}}));
}

// Every shared real corpus: all messages accounted for, fewer than 0.1% fail.
class SharedCorpusTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SharedCorpusTest, ParsesNearlyEverythingAndLosesNothing) {
  std::optional<std::filesystem::path> corpora = testing::SharedCorpora();
  if (!corpora) {
    GTEST_SKIP() << "shared corpora not found (set INBOXSIM_CORPORA to "
                    "../shared/corpora)";
  }
  const std::filesystem::path folder = *corpora / GetParam();
  if (!std::filesystem::is_directory(folder))
    GTEST_SKIP() << "absent: " << folder;
  const RunResult result = RunPaths({folder.string()});
  const report::Tally& tally = result.tally;
  EXPECT_GT(tally.read(), 0u);
  EXPECT_EQ(tally.read(), tally.parsed() + tally.failed());
  EXPECT_LT(static_cast<double>(tally.failed()),
            0.001 * static_cast<double>(tally.read()))
      << tally.failed() << " of " << tally.read() << " failed; first: "
      << (tally.failure_examples().empty() ? ""
                                           : tally.failure_examples()[0].where);
}

INSTANTIATE_TEST_SUITE_P(Corpora, SharedCorpusTest,
                         ::testing::Values("spamassassin",
                                           "mime_test_messages"));

}  // namespace
}  // namespace inboxsim::engine
