#include "sim/model/token_model.h"

#include <gtest/gtest.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace inboxsim::model {
namespace {

// A model whose only evidence is `tokens` with their (spam, ham) counts,
// trained on 100 spam and 100 ham.
TokenModel ModelOf(
    std::vector<std::pair<std::string, std::pair<uint32_t, uint32_t>>> tokens) {
  std::vector<FeatureCounts> features;
  for (const auto& [text, counts] : tokens) {
    features.push_back({HashToken(text), counts.first, counts.second});
  }
  std::sort(features.begin(), features.end(),
            [](const FeatureCounts& a, const FeatureCounts& b) {
              return a.id < b.id;
            });
  return TokenModel(100, 100, std::move(features));
}

TEST(ChiSquareSurvival, MatchesTheClosedFormsForSmallDegrees) {
  EXPECT_DOUBLE_EQ(ChiSquareSurvival(0, 2), 1.0);
  EXPECT_DOUBLE_EQ(ChiSquareSurvival(2, 2), std::exp(-1.0));
  // v = 4: exp(-m) (1 + m), m = x2 / 2.
  EXPECT_DOUBLE_EQ(ChiSquareSurvival(6, 4), std::exp(-3.0) * 4.0);
  EXPECT_LT(ChiSquareSurvival(2000, 10), 1e-300);
}

TEST(TokenModel, TokenProbabilityIsRobinsonsSmoothedRatio) {
  const TokenModel model(10, 40, {});
  // Seen in all 10 spam, no ham: (0.45 * 0.5 + 10 * 1) / (0.45 + 10).
  EXPECT_NEAR(model.TokenProbability({1, 10, 0}), 10.225 / 10.45, 1e-12);
  // 1 in 10 spam and 4 in 40 ham: the same rate, whatever the class sizes.
  EXPECT_NEAR(model.TokenProbability({1, 1, 4}), 0.5, 1e-12);
  // One sighting is weak evidence: the prior pulls it towards 0.5.
  EXPECT_NEAR(model.TokenProbability({1, 0, 1}), 0.225 / 1.45, 1e-12);
}

TEST(TokenModel, MessageWithoutKnownTokensScoresOneHalf) {
  const TokenModel model = ModelOf({{"viagra", {90, 1}}});
  Result<mime::Message> message =
      mime::ParseMessage("Subject: hi\n\nnothing known here\n", {});
  ASSERT_TRUE(message.ok());
  const ModelScore score = model.Score(*message, {.explain = 3});
  EXPECT_EQ(score.spam_probability, 0.5);
  EXPECT_EQ(score.clues, 0u);
  EXPECT_TRUE(score.top.empty());
}

TEST(TokenModel, SpamTokensScoreHighAndAreExplainedStrongestFirst) {
  const TokenModel model = ModelOf({{"viagra", {90, 1}},
                                    {"subject:cheap", {60, 2}},
                                    {"meeting", {2, 70}},
                                    {"neutral", {50, 50}}});
  Result<mime::Message> spam =
      mime::ParseMessage("Subject: cheap pills\n\nviagra viagra neutral\n", {});
  ASSERT_TRUE(spam.ok());
  const ModelScore score = model.Score(*spam, {.explain = 5});
  EXPECT_GT(score.spam_probability, 0.9);
  EXPECT_EQ(score.clues, 2u);  // "neutral" is not evidence
  ASSERT_EQ(score.top.size(), 2u);
  EXPECT_EQ(score.top[0].token, "viagra");
  EXPECT_EQ(score.top[0].spam_count, 90u);
  EXPECT_EQ(score.top[0].ham_count, 1u);
  EXPECT_GT(score.top[0].spam_probability, score.top[1].spam_probability);
  EXPECT_EQ(score.top[1].token, "subject:cheap");

  Result<mime::Message> ham =
      mime::ParseMessage("Subject: re\n\nthe meeting moved\n", {});
  ASSERT_TRUE(ham.ok());
  const ModelScore ham_score = model.Score(*ham, {.explain = 1});
  EXPECT_LT(ham_score.spam_probability, 0.1);
  ASSERT_EQ(ham_score.top.size(), 1u);
  EXPECT_EQ(ham_score.top[0].token, "meeting");
  EXPECT_LT(ham_score.top[0].spam_probability, 0.5);
}

TEST(TokenModel, ExplainZeroGivesTheSameScoreWithoutTokens) {
  const TokenModel model = ModelOf({{"viagra", {90, 1}}, {"meeting", {2, 70}}});
  Result<mime::Message> message =
      mime::ParseMessage("Subject: x\n\nviagra meeting\n", {});
  ASSERT_TRUE(message.ok());
  const ModelScore plain = model.Score(*message);
  const ModelScore explained = model.Score(*message, {.explain = 2});
  EXPECT_EQ(plain.spam_probability, explained.spam_probability);
  EXPECT_TRUE(plain.top.empty());
  EXPECT_EQ(explained.top.size(), 2u);
}

TEST(TokenModel, MaxDiscriminatorsKeepsTheStrongestClues) {
  const TokenModel model =
      ModelOf({{"strong", {99, 0}}, {"weak", {30, 10}}, {"hammy", {0, 80}}});
  Result<mime::Message> message =
      mime::ParseMessage("Subject: x\n\nstrong weak hammy\n", {});
  ASSERT_TRUE(message.ok());
  const ModelScore score =
      model.Score(*message, {.max_discriminators = 2, .explain = 5});
  EXPECT_EQ(score.clues, 2u);
  ASSERT_EQ(score.top.size(), 2u);
  EXPECT_EQ(score.top[0].token, "strong");
  EXPECT_EQ(score.top[1].token, "hammy");
}

TEST(TokenModel, FindLooksUpCountsById) {
  const TokenModel model = ModelOf({{"viagra", {90, 1}}});
  const FeatureCounts* found = model.Find(HashToken("viagra"));
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->spam, 90u);
  EXPECT_EQ(model.Find(HashToken("absent")), nullptr);
}

TEST(TokenModel, ScoresAreTheSameFromManyThreadsAtOnce) {
  const TokenModel model =
      ModelOf({{"viagra", {90, 1}}, {"meeting", {2, 70}}, {"offer", {40, 10}}});
  std::vector<std::string> raws;
  for (int i = 0; i < 64; ++i) {
    raws.push_back("Subject: n" + std::to_string(i) + "\n\n" +
                   (i % 2 ? "viagra offer" : "meeting offer") + "\n");
  }
  std::vector<double> serial(raws.size());
  std::vector<double> parallel(raws.size());
  for (size_t i = 0; i < raws.size(); ++i) {
    serial[i] = model.Score(*mime::ParseMessage(raws[i], {}), {.explain = 2})
                    .spam_probability;
  }
  tbb::parallel_for(size_t{0}, raws.size(), [&](size_t i) {
    parallel[i] = model.Score(*mime::ParseMessage(raws[i], {}), {.explain = 2})
                      .spam_probability;
  });
  EXPECT_EQ(serial, parallel);
  EXPECT_GT(serial[1], 0.5);
  EXPECT_LT(serial[0], 0.5);
}

}  // namespace
}  // namespace inboxsim::model
