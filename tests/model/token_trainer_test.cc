#include "sim/model/token_trainer.h"

#include <gtest/gtest.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <string>
#include <vector>

#include "sim/model/model_file.h"

namespace inboxsim::model {
namespace {

void AddRaw(TokenTrainer* trainer, const std::string& raw, Label label) {
  Result<mime::Message> message = mime::ParseMessage(raw, {});
  ASSERT_TRUE(message.ok());
  trainer->Add(*message, label);
}

TEST(TokenTrainer, CountsEachTokenOncePerMessageByLabel) {
  TokenTrainer trainer;
  AddRaw(&trainer, "Subject: deal\n\ncheap cheap cheap pills\n", Label::kSpam);
  AddRaw(&trainer, "Subject: deal\n\ncheap watches\n", Label::kSpam);
  AddRaw(&trainer, "Subject: lunch\n\ncheap lunch today\n", Label::kHam);
  AddRaw(&trainer, "Subject: who\n\ncheap unknown\n", Label::kUnlabelled);
  TrainStats stats;
  Result<TokenModel> model = trainer.Finish({.min_count = 1}, &stats);
  ASSERT_TRUE(model.ok()) << model.error().ToString();
  EXPECT_EQ(stats.spam_messages, 2u);
  EXPECT_EQ(stats.ham_messages, 1u);
  EXPECT_EQ(stats.unlabelled_messages, 1u);
  EXPECT_EQ(model->spam_messages(), 2u);
  EXPECT_EQ(model->ham_messages(), 1u);

  const FeatureCounts* cheap = model->Find(HashToken("cheap"));
  ASSERT_NE(cheap, nullptr);
  EXPECT_EQ(cheap->spam, 2u);  // not 4: once per message
  EXPECT_EQ(cheap->ham, 1u);
  const FeatureCounts* deal = model->Find(HashToken("subject:deal"));
  ASSERT_NE(deal, nullptr);
  EXPECT_EQ(deal->spam, 2u);
  EXPECT_EQ(model->Find(HashToken("unknown")), nullptr);  // unlabelled
  EXPECT_EQ(stats.features_kept, model->features().size());
  EXPECT_EQ(stats.features_seen, stats.features_kept);
}

TEST(TokenTrainer, MinCountPrunesRareFeatures) {
  TokenTrainer trainer;
  trainer.AddFeatures(std::vector<FeatureId>{1, 2, 3}, Label::kSpam);
  trainer.AddFeatures(std::vector<FeatureId>{2, 3}, Label::kHam);
  trainer.AddFeatures(std::vector<FeatureId>{3}, Label::kHam);
  TrainStats stats;
  Result<TokenModel> model = trainer.Finish({.min_count = 2}, &stats);
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(stats.features_seen, 3u);
  EXPECT_EQ(stats.features_kept, 2u);
  EXPECT_EQ(model->Find(1), nullptr);
  ASSERT_NE(model->Find(3), nullptr);
  EXPECT_EQ(model->Find(3)->spam, 1u);
  EXPECT_EQ(model->Find(3)->ham, 2u);
}

TEST(TokenTrainer, FailsWithoutSpamOrHamGivingTheCounts) {
  TokenTrainer trainer;
  trainer.AddFeatures(std::vector<FeatureId>{1}, Label::kHam);
  trainer.AddFeatures(std::vector<FeatureId>{1}, Label::kUnlabelled);
  Result<TokenModel> model = trainer.Finish({}, nullptr);
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.error().code, ErrorCode::kBadInput);
  EXPECT_EQ(model.error().where, "training corpus");
  EXPECT_NE(model.error().message.find(
                "holds no spam (0 spam, 1 ham, 1 unlabelled messages)"),
            std::string::npos)
      << model.error().message;
}

TEST(TokenTrainer, TheModelDoesNotDependOnTheThreadCount) {
  // Many features per message and many messages, so tables grow and every
  // thread sees a different share.
  auto features_of = [](int message) {
    std::vector<FeatureId> ids;
    for (int k = 0; k < 200; ++k) {
      ids.push_back(HashToken(std::to_string((message * 7 + k * 13) % 5000)));
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  };
  auto train = [&](int threads) {
    TokenTrainer trainer;
    tbb::task_arena arena(threads);
    arena.execute([&] {
      tbb::parallel_for(0, 3000, [&](int i) {
        trainer.AddFeatures(features_of(i), i % 3 ? Label::kHam : Label::kSpam);
      });
    });
    Result<TokenModel> model = trainer.Finish({.min_count = 2}, nullptr);
    EXPECT_TRUE(model.ok());
    return SerializeTokenModel(*model);
  };
  const std::string one = train(1);
  EXPECT_EQ(train(2), one);
  EXPECT_EQ(train(4), one);
}

}  // namespace
}  // namespace inboxsim::model
