#include "sim/io/corpus_plan.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "tests/test_util.h"

namespace inboxsim::io {
namespace {

using testing::TempDir;

TEST(LabelFromPath, DeepestNamedFolderOrFileWins) {
  EXPECT_EQ(LabelFromPath("corpora/spamassassin/easy_ham_2/00001.abc"),
            Label::kHam);
  EXPECT_EQ(LabelFromPath("corpora/spamassassin/spam_2/00001.abc"),
            Label::kSpam);
  EXPECT_EQ(LabelFromPath("data/spam/ham_lookalikes/1.eml"), Label::kHam);
  EXPECT_EQ(LabelFromPath("bogofilter/good.mbx"), Label::kHam);
  EXPECT_EQ(LabelFromPath("t/data/nice/001"), Label::kHam);
  EXPECT_EQ(LabelFromPath("Junk/cur/1:2,S"), Label::kSpam);
}

TEST(LabelFromPath, WordsInsideOtherWordsDoNotCount) {
  EXPECT_EQ(LabelFromPath("spamassassin/00001.7c53336b"), Label::kUnlabelled);
  EXPECT_EQ(LabelFromPath("hamburg/shampoo.eml"), Label::kUnlabelled);
  EXPECT_EQ(LabelFromPath("campaign/offer.eml"), Label::kUnlabelled);
}

TEST(PlanCorpus, EntriesThatAreNotFilesAreListedAsUnreadableNotDropped) {
  TempDir dir;
  dir.Write("box/1.eml", "x");
  dir.Write("elsewhere/2.eml", "x");
  std::filesystem::create_symlink(dir.path() / "gone", dir.path() / "box/3");
  std::filesystem::create_directory_symlink(dir.path() / "elsewhere",
                                            dir.path() / "box/linked");
  // A link back up the tree: walked once, not forever.
  std::filesystem::create_directory_symlink(dir.path() / "box",
                                            dir.path() / "box/linked/loop");
  ASSERT_EQ(::mkfifo((dir.path() / "box/pipe").c_str(), 0600), 0);
  Result<CorpusPlan> plan = PlanCorpus({(dir.path() / "box").string()}, {});
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->sources.size(), 2u);
  EXPECT_EQ(plan->sources[0].path, (dir.path() / "box/1.eml").string());
  EXPECT_EQ(plan->sources[1].path, (dir.path() / "box/linked/2.eml").string());
  std::vector<std::string> why;
  for (const Error& error : plan->unreadable)
    why.push_back(error.where + ": " + error.message);
  ASSERT_EQ(why.size(), 3u) << ::testing::PrintToString(why);
  EXPECT_NE(why[0].find("box/3: a symbolic link to nothing"),
            std::string::npos);
  EXPECT_NE(why[1].find("box/pipe: a named pipe"), std::string::npos);
  EXPECT_NE(why[2].find("loop: a folder already read"), std::string::npos);
}

TEST(PlanCorpus, WalksFoldersRecursivelyInSortedOrder) {
  TempDir dir;
  dir.Write("b/2.eml", "x");
  dir.Write("b/1.eml", "x");
  dir.Write("a/deep/er/3.eml", "x");
  dir.Write(".hidden/4.eml", "x");
  dir.Write("b/.DS_Store", "x");
  Result<CorpusPlan> plan = PlanCorpus({dir.path().string()}, {});
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->sources.size(), 3u);
  EXPECT_EQ(plan->sources[0].path, (dir.path() / "a/deep/er/3.eml").string());
  EXPECT_EQ(plan->sources[1].path, (dir.path() / "b/1.eml").string());
  EXPECT_EQ(plan->sources[2].path, (dir.path() / "b/2.eml").string());
}

TEST(PlanCorpus, MaildirReadsCurAndNewButNotTmp) {
  TempDir dir;
  dir.Write("Maildir/cur/1:2,S", "x");
  dir.Write("Maildir/new/2", "x");
  dir.Write("Maildir/tmp/3", "x");
  Result<CorpusPlan> plan = PlanCorpus({(dir.path() / "Maildir").string()}, {});
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->sources.size(), 2u);
  for (const InputSource& source : plan->sources) {
    EXPECT_EQ(source.path.find("/tmp/3"), std::string::npos);
  }
}

TEST(PlanCorpus, LabelsFromFolderNamesUnlessDisabled) {
  TempDir dir;
  dir.Write("ham/1.eml", "x");
  dir.Write("spam/2.eml", "x");
  Result<CorpusPlan> plan = PlanCorpus({dir.path().string()}, {});
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->sources.size(), 2u);
  EXPECT_EQ(plan->sources[0].label, Label::kHam);
  EXPECT_EQ(plan->sources[1].label, Label::kSpam);
  PlanOptions options;
  options.labels_from_paths = false;
  plan = PlanCorpus({dir.path().string()}, options);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->sources[0].label, Label::kUnlabelled);
}

TEST(PlanCorpus, TrecIndexGivesLabelsAndRelativePaths) {
  TempDir dir;
  dir.Write("data/inmail.1", "x");
  dir.Write("data/inmail.2", "x");
  const std::string index = dir.Write(
      "full/index", "spam ../data/inmail.1\nham ../data/inmail.2\n\n");
  PlanOptions options;
  options.index_files = {index};
  Result<CorpusPlan> plan = PlanCorpus({}, options);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->sources.size(), 2u);
  EXPECT_EQ(plan->sources[0].label, Label::kSpam);
  EXPECT_EQ(plan->sources[0].path, (dir.path() / "data/inmail.1").string());
  EXPECT_EQ(plan->sources[1].label, Label::kHam);
}

TEST(PlanCorpus, MalformedIndexLineFailsWithFileAndLine) {
  TempDir dir;
  const std::string index = dir.Write("index", "spam a\nmaybe b\n");
  PlanOptions options;
  options.index_files = {index};
  Result<CorpusPlan> plan = PlanCorpus({}, options);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code, ErrorCode::kBadInput);
  EXPECT_EQ(plan.error().where, index + ":2");
  EXPECT_NE(plan.error().message.find("'maybe'"), std::string::npos);
}

TEST(PlanCorpus, MissingPathStopsWithItsName) {
  Result<CorpusPlan> plan = PlanCorpus({"/no/such/corpus"}, {});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code, ErrorCode::kBadInput);
  EXPECT_EQ(plan.error().where, "/no/such/corpus");
}

TEST(LabelFromPath, NegatedSpamIsHam) {
  EXPECT_EQ(LabelFromPath("corpus/non-spam/1.eml"), Label::kHam);
  EXPECT_EQ(LabelFromPath("corpus/not_junk/1.eml"), Label::kHam);
  EXPECT_EQ(LabelFromPath("corpus/spam-not/1.eml"), Label::kSpam);
}

}  // namespace
}  // namespace inboxsim::io
