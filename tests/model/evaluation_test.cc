#include "sim/model/evaluation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace inboxsim::model {
namespace {

constexpr Label kS = Label::kSpam;
constexpr Label kH = Label::kHam;

TEST(EvaluateHoldout, PerfectSeparationHasAucOne) {
  const Evaluation e =
      Evaluate({{0.9, kS}, {0.8, kS}, {0.1, kH}, {0.3, kH}}, 0.5);
  EXPECT_EQ(e.spam, 2u);
  EXPECT_EQ(e.ham, 2u);
  EXPECT_DOUBLE_EQ(e.auc, 1.0);
  EXPECT_DOUBLE_EQ(e.accuracy, 1.0);
  EXPECT_EQ(e.false_positives, 0u);
  EXPECT_EQ(e.false_negatives, 0u);
}

TEST(EvaluateHoldout, ReversedScoresHaveAucZeroAndEveryCallWrong) {
  const Evaluation e = Evaluate({{0.1, kS}, {0.9, kH}}, 0.5);
  EXPECT_DOUBLE_EQ(e.auc, 0.0);
  EXPECT_DOUBLE_EQ(e.accuracy, 0.0);
  EXPECT_EQ(e.false_positives, 1u);
  EXPECT_EQ(e.false_negatives, 1u);
}

TEST(EvaluateHoldout, TiesCountHalf) {
  EXPECT_DOUBLE_EQ(Evaluate({{0.5, kS}, {0.5, kH}}, 0.5).auc, 0.5);
  // Spam 0.7 beats both ham; spam 0.4 ties one (half) and beats one: 3.5/4.
  EXPECT_DOUBLE_EQ(
      Evaluate({{0.7, kS}, {0.4, kS}, {0.4, kH}, {0.2, kH}}, 0.5).auc, 0.875);
}

TEST(EvaluateHoldout, ThresholdIsInclusiveAndUnlabelledAreIgnored) {
  const Evaluation e =
      Evaluate({{0.5, kS}, {0.5, kH}, {0.9, Label::kUnlabelled}}, 0.5);
  EXPECT_EQ(e.spam + e.ham, 2u);
  EXPECT_EQ(e.false_positives, 1u);
  EXPECT_EQ(e.false_negatives, 0u);
  EXPECT_DOUBLE_EQ(e.accuracy, 0.5);
}

TEST(EvaluateHoldout, OneLabelOnlyGivesAucOneHalf) {
  EXPECT_DOUBLE_EQ(Evaluate({{0.9, kS}}, 0.5).auc, 0.5);
  EXPECT_DOUBLE_EQ(Evaluate({}, 0.5).accuracy, 0.0);
}

TEST(EvaluateHoldout, OrderDoesNotMatter) {
  std::vector<ScoredMessage> scored = {{0.3, kS}, {0.6, kH}, {0.6, kS},
                                       {0.1, kH}, {0.9, kS}, {0.2, kH}};
  const Evaluation first = Evaluate(scored, 0.5);
  std::reverse(scored.begin(), scored.end());
  const Evaluation second = Evaluate(scored, 0.5);
  EXPECT_EQ(first.auc, second.auc);
  EXPECT_EQ(first.accuracy, second.accuracy);
}

TEST(IsHeldOut, HoldsBackAboutTheFractionAlwaysTheSame) {
  int held = 0;
  for (int i = 0; i < 10000; ++i) {
    const std::string raw = "Subject: " + std::to_string(i) + "\n\nbody\n";
    const bool out = IsHeldOut(raw, 0.2);
    EXPECT_EQ(IsHeldOut(raw, 0.2), out);
    held += out;
  }
  EXPECT_GT(held, 1800);
  EXPECT_LT(held, 2200);
  EXPECT_FALSE(IsHeldOut("Subject: x\n\ny\n", 0.0));
  EXPECT_TRUE(IsHeldOut("Subject: x\n\ny\n", 1.0));
}

}  // namespace
}  // namespace inboxsim::model
