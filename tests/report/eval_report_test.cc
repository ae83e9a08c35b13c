// The evaluation's arithmetic on hand-made inputs: hit-frequencies columns,
// the confusion matrix, the ROC sweep and AUC, the target-FPR threshold, and
// the per-message hit lines.
#include "sim/report/eval_report.h"

#include <gtest/gtest.h>

#include <sstream>

namespace inboxsim::report {
namespace {

RuleHitInput Rule(std::string name, uint64_t spam_hits, uint64_t ham_hits,
                  std::optional<double> score = 1.0, bool nice = false) {
  return {std::move(name), "rules.toml:1", "body", spam_hits, ham_hits, score, nice};
}

const RuleHitFrequency& Row(const std::vector<RuleHitFrequency>& rows,
                            const std::string& name) {
  for (const RuleHitFrequency& row : rows) {
    if (row.input.name == name) return row;
  }
  ADD_FAILURE() << "no row " << name;
  return rows.front();
}

// 4 spam, 10 ham. Raw ranks (S/O^3 * 2000 + SPAM% * 3): ALL_SPAM 2300,
// HALF 400, NEVER 250, NICE (S/O 0, taken as 1, with HAM% 50) 2150.
std::vector<RuleHitFrequency> KnownSet(RuleOrder order = RuleOrder::kRank) {
  return HitFrequencies(
      {Rule("HALF", 2, 5), Rule("NEVER", 0, 0), Rule("ALL_SPAM", 4, 0, 2.5),
       Rule("NICE", 0, 5, -1.0, true)},
      4, 10, order);
}

TEST(HitFrequencies, ColumnsMatchTheScriptsDefinitions) {
  const std::vector<RuleHitFrequency> rows = KnownSet();
  ASSERT_EQ(rows.size(), 4u);
  const RuleHitFrequency& all_spam = Row(rows, "ALL_SPAM");
  EXPECT_DOUBLE_EQ(all_spam.overall_percent, 100.0 * 4 / 14);
  EXPECT_DOUBLE_EQ(all_spam.spam_percent, 100);
  EXPECT_DOUBLE_EQ(all_spam.ham_percent, 0);
  EXPECT_DOUBLE_EQ(all_spam.so, 1);
  EXPECT_DOUBLE_EQ(all_spam.rank, 1);
  const RuleHitFrequency& half = Row(rows, "HALF");
  EXPECT_DOUBLE_EQ(half.spam_percent, 50);
  EXPECT_DOUBLE_EQ(half.ham_percent, 50);
  EXPECT_DOUBLE_EQ(half.so, 0.5);
  EXPECT_DOUBLE_EQ(half.rank, (400.0 - 250) / (2300 - 250));
  const RuleHitFrequency& never = Row(rows, "NEVER");
  EXPECT_DOUBLE_EQ(never.so, 0.5);  // "no results -> not effective"
  EXPECT_DOUBLE_EQ(never.rank, 0);
  const RuleHitFrequency& nice = Row(rows, "NICE");
  EXPECT_DOUBLE_EQ(nice.so, 0);  // shown plain; ranked as 1 - S/O
  EXPECT_DOUBLE_EQ(nice.rank, (2150.0 - 250) / (2300 - 250));
}

TEST(HitFrequencies, SortsByRankLikeTheScriptByDefault) {
  const std::vector<RuleHitFrequency> rows = KnownSet();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].input.name, "ALL_SPAM");
  EXPECT_EQ(rows[1].input.name, "NICE");
  EXPECT_EQ(rows[2].input.name, "HALF");
  EXPECT_EQ(rows[3].input.name, "NEVER");
}

TEST(HitFrequencies, OtherOrdersBreakTiesByName) {
  const std::vector<RuleHitFrequency> by_ham = KnownSet(RuleOrder::kHam);
  ASSERT_EQ(by_ham.size(), 4u);
  EXPECT_EQ(by_ham[0].input.name, "HALF");  // 50%, before NICE by name
  EXPECT_EQ(by_ham[1].input.name, "NICE");
  EXPECT_EQ(by_ham[2].input.name, "ALL_SPAM");
  EXPECT_EQ(by_ham[3].input.name, "NEVER");
  const std::vector<RuleHitFrequency> by_name = KnownSet(RuleOrder::kName);
  EXPECT_EQ(by_name[0].input.name, "ALL_SPAM");
  EXPECT_EQ(by_name[3].input.name, "NICE");
  EXPECT_EQ(ParseRuleOrder("so"), RuleOrder::kSo);
  EXPECT_EQ(ParseRuleOrder("bogus"), std::nullopt);
}

TEST(HitFrequencies, EqualRanksAllBecomeOneThousandth) {
  const std::vector<RuleHitFrequency> rows =
      HitFrequencies({Rule("A", 1, 1), Rule("B", 1, 1)}, 2, 2);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_DOUBLE_EQ(rows[0].rank, 0.001);
  EXPECT_DOUBLE_EQ(rows[1].rank, 0.001);
}

TEST(HitFrequencies, NoMessagesGiveZeroRatesNotNaN) {
  const std::vector<RuleHitFrequency> rows =
      HitFrequencies({Rule("A", 0, 0)}, 0, 0);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].overall_percent, 0);
  EXPECT_EQ(rows[0].spam_percent, 0);
  EXPECT_EQ(rows[0].so, 0.5);
}

TEST(HitFrequencies, TablePrintsTheScriptsFormats) {
  std::ostringstream out;
  WriteHitFrequencies(KnownSet(), 4, 10, out);
  std::istringstream lines(out.str());
  std::string line;
  ASSERT_TRUE(std::getline(lines, line));
  EXPECT_EQ(line, "OVERALL%   SPAM%     HAM%     S/O    RANK   SCORE  NAME");
  ASSERT_TRUE(std::getline(lines, line));
  EXPECT_EQ(
      line,
      "     14        4       10    0.286   0.00    0.00  (all messages)");
  ASSERT_TRUE(std::getline(lines, line));
  EXPECT_EQ(line,
            "100.000  28.5714  71.4286    0.286   0.00    0.00  (all messages "
            "as %)");
  ASSERT_TRUE(std::getline(lines, line));
  EXPECT_EQ(line,
            " 28.571  100.0000   0.0000    1.000   1.00    2.50  ALL_SPAM");
  ASSERT_TRUE(std::getline(lines, line));
  EXPECT_EQ(line, " 35.714   0.0000  50.0000    0.000   0.93   -1.00  NICE");
}

TEST(HitFrequencies, SharedNamesAreToldApartByWhere) {
  RuleHitInput first = Rule("LIST_BLOCK_SENDERS", 1, 0);
  first.where = "a.toml";
  RuleHitInput second = Rule("LIST_BLOCK_SENDERS", 0, 0);
  second.where = "b.toml";
  std::ostringstream out;
  WriteHitFrequencies(
      HitFrequencies({first, second, Rule("OTHER", 0, 0)}, 1, 1), 1, 1, out);
  EXPECT_NE(out.str().find("  LIST_BLOCK_SENDERS (a.toml)\n"),
            std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("  LIST_BLOCK_SENDERS (b.toml)\n"),
            std::string::npos);
  EXPECT_NE(out.str().find("  OTHER\n"), std::string::npos);
}

TEST(HitFrequencies, RuleMissingFromTheScoringProfileShowsADash) {
  std::ostringstream out;
  WriteHitFrequencies(
      HitFrequencies({Rule("ELSEWHERE", 1, 0, std::nullopt)}, 1, 1), 1, 1, out);
  EXPECT_NE(out.str().find("       -  ELSEWHERE\n"), std::string::npos)
      << out.str();
}

profile::Profile Thresholds(double junk, double reject) {
  profile::Profile profile;
  profile.name = "p";
  profile.junk_threshold = junk;
  profile.reject_threshold = reject;
  return profile;
}

ScoredVerdict Spam(double score, Action action = Action::kInbox) {
  return {score, Label::kSpam, action, false};
}
ScoredVerdict Ham(double score, Action action = Action::kInbox) {
  return {score, Label::kHam, action, false};
}

TEST(EvaluateProfile, ConfusionCountsJunkAndRejectAsFlagged) {
  std::vector<ScoredVerdict> scored = {
      Spam(9, Action::kJunk),
      Spam(12, Action::kReject),
      Spam(7, Action::kJunk),
      Spam(1),
      Ham(6, Action::kJunk),
      Ham(0),
      Ham(0),
      Ham(1),
      Ham(2),
      Ham(3),
      {4, Label::kUnlabelled, Action::kReject, false}};
  const ProfileEvaluation e = EvaluateProfile(Thresholds(5, 10), scored, 0.001);
  EXPECT_EQ(e.spam, 4u);
  EXPECT_EQ(e.ham, 6u);  // the unlabelled one is left out
  EXPECT_EQ(e.confusion.true_positives, 3u);
  EXPECT_EQ(e.confusion.false_negatives, 1u);
  EXPECT_EQ(e.confusion.false_positives, 1u);
  EXPECT_EQ(e.confusion.true_negatives, 5u);
  EXPECT_DOUBLE_EQ(e.confusion.precision(), 0.75);
  EXPECT_DOUBLE_EQ(e.confusion.recall(), 0.75);
  EXPECT_DOUBLE_EQ(e.confusion.false_positive_rate(), 1.0 / 6);
  EXPECT_DOUBLE_EQ(e.confusion.accuracy(), 0.8);
  EXPECT_DOUBLE_EQ(e.confusion.f1(), 0.75);
}

TEST(EvaluateProfile, EmptyConfusionGivesZerosNotNaN) {
  const Confusion none;
  EXPECT_EQ(none.precision(), 0);
  EXPECT_EQ(none.recall(), 0);
  EXPECT_EQ(none.false_positive_rate(), 0);
  EXPECT_EQ(none.accuracy(), 0);
  EXPECT_EQ(none.f1(), 0);
}

TEST(EvaluateProfile, PerfectlySeparatedScoresHaveAucOne) {
  const ProfileEvaluation e = EvaluateProfile(
      Thresholds(5, 10), {Ham(1), Spam(8), Ham(2), Spam(9)}, 0.001);
  EXPECT_DOUBLE_EQ(e.auc, 1);
  ASSERT_EQ(e.roc.size(), 4u);
  EXPECT_EQ(e.roc[0].threshold, 9);
  EXPECT_DOUBLE_EQ(e.roc[0].tpr, 0.5);
  EXPECT_DOUBLE_EQ(e.roc[0].fpr, 0);
  EXPECT_EQ(e.roc[1].threshold, 8);
  EXPECT_DOUBLE_EQ(e.roc[1].tpr, 1);
  EXPECT_DOUBLE_EQ(e.roc[1].fpr, 0);
  EXPECT_EQ(e.roc[3].threshold, 1);
  EXPECT_DOUBLE_EQ(e.roc[3].tpr, 1);
  EXPECT_DOUBLE_EQ(e.roc[3].fpr, 1);
}

TEST(EvaluateProfile, TiedScoresMakeOnePointAndCountHalf) {
  // Spam 5, 5; ham 5, 1: of the four spam-ham pairs two tie (half each)
  // and two are won: AUC 3/4, the area under (0,0)-(0.5,1)-(1,1).
  const ProfileEvaluation e = EvaluateProfile(
      Thresholds(5, 10), {Spam(5), Ham(5), Spam(5), Ham(1)}, 0.001);
  EXPECT_DOUBLE_EQ(e.auc, 0.75);
  ASSERT_EQ(e.roc.size(), 2u);
  EXPECT_EQ(e.roc[0].threshold, 5);
  EXPECT_DOUBLE_EQ(e.roc[0].tpr, 1);
  EXPECT_DOUBLE_EQ(e.roc[0].fpr, 0.5);
  EXPECT_EQ(e.roc[1].threshold, 1);
  EXPECT_DOUBLE_EQ(e.roc[1].fpr, 1);
}

TEST(EvaluateProfile, OneLabelOnlyGivesAucOneHalf) {
  const ProfileEvaluation e =
      EvaluateProfile(Thresholds(5, 10), {Spam(5), Spam(1)}, 0.001);
  EXPECT_DOUBLE_EQ(e.auc, 0.5);
  ASSERT_EQ(e.roc.size(), 2u);
  EXPECT_DOUBLE_EQ(e.roc[1].fpr, 0);  // no ham: no false positives
  ASSERT_TRUE(e.target.threshold.has_value());
  EXPECT_EQ(*e.target.threshold, 1);
  EXPECT_DOUBLE_EQ(e.target.recall, 1);
}

std::vector<ScoredVerdict> TargetSet() {
  // Ham 0..9, spam 8..12: thresholds 12, 11, 10 catch spam only; 9 and 8
  // each add one ham (FPR 0.1, 0.2).
  std::vector<ScoredVerdict> scored;
  for (int score = 0; score < 10; ++score) scored.push_back(Ham(score));
  for (int score = 8; score <= 12; ++score) scored.push_back(Spam(score));
  return scored;
}

TEST(EvaluateProfile, TargetFprPicksTheLowestThresholdWithin) {
  const ProfileEvaluation e =
      EvaluateProfile(Thresholds(5, 10), TargetSet(), 0.1);
  ASSERT_TRUE(e.target.threshold.has_value());
  EXPECT_EQ(*e.target.threshold, 9);
  EXPECT_DOUBLE_EQ(e.target.recall, 0.8);
  EXPECT_DOUBLE_EQ(e.target.fpr, 0.1);
  EXPECT_DOUBLE_EQ(e.target.max_fpr, 0.1);

  const ProfileEvaluation strict =
      EvaluateProfile(Thresholds(5, 10), TargetSet(), 0);
  ASSERT_TRUE(strict.target.threshold.has_value());
  EXPECT_EQ(*strict.target.threshold, 10);
  EXPECT_DOUBLE_EQ(strict.target.recall, 0.6);
  EXPECT_DOUBLE_EQ(strict.target.fpr, 0);
}

TEST(EvaluateProfile, HamAboveEverySpamLeavesNoThreshold) {
  std::vector<ScoredVerdict> scored = TargetSet();
  scored.push_back(Ham(20));
  const ProfileEvaluation e = EvaluateProfile(Thresholds(5, 10), scored, 0);
  EXPECT_FALSE(e.target.threshold.has_value());
  EXPECT_EQ(e.target.recall, 0);
}

TEST(EvaluateProfile, ForcedVerdictsAreCountedAndKeptInTheConfusion) {
  // An allow list put spam scoring 12 in the inbox: a false negative, but
  // the sweep still sees its score.
  std::vector<ScoredVerdict> scored = {{12, Label::kSpam, Action::kInbox, true},
                                       Ham(0)};
  const ProfileEvaluation e = EvaluateProfile(Thresholds(5, 10), scored, 0);
  EXPECT_EQ(e.forced, 1u);
  EXPECT_EQ(e.confusion.false_negatives, 1u);
  EXPECT_DOUBLE_EQ(e.auc, 1);
}

TEST(SampleRoc, KeepsFirstAndLastAndAtMostCount) {
  std::vector<RocPoint> roc;
  for (int i = 0; i < 25; ++i) roc.push_back({static_cast<double>(25 - i)});
  const std::vector<RocPoint> sample = SampleRoc(roc, 10);
  ASSERT_EQ(sample.size(), 10u);
  EXPECT_EQ(sample.front().threshold, 25);
  EXPECT_EQ(sample.back().threshold, 1);
  EXPECT_EQ(SampleRoc(roc, 30).size(), 25u);
}

profile::ProfileSet SmallSet() {
  profile::ProfileSet set;
  for (const char* id : {"ZED", "ALPHA", "MID", "ALPHA"}) {
    profile::Rule rule;
    rule.id = id;
    rule.where = "rules.toml:" + std::to_string(set.catalog.rules.size() + 1);
    set.catalog.rules.push_back(rule);
  }
  profile::Profile profile = Thresholds(5, 10);
  profile.rules = {{0, 3.0}, {1, -2.0}, {2, 6.0}};
  set.profiles.push_back(profile);
  return set;
}

TEST(ScoreCollector, HitLinesComeInInputOrderWithNamesSorted) {
  const profile::ProfileSet set = SmallSet();
  ScoreCollector collector(set, true);
  scan::HitSet hits(4);
  hits.Set(0);
  hits.Set(1);
  hits.Set(3);  // a second rule named ALPHA: listed once
  collector.Add(Label::kSpam, "b.mbox, message 2", 7, hits,
                {{Action::kInbox, 1.0, false}});
  collector.Add(Label::kHam, "a\teml", 3, scan::HitSet(4),
                {{Action::kJunk, 0.0, false}});
  const std::vector<std::string> lines = collector.TakeHitLines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "ham\ta eml\t\n");
  EXPECT_EQ(lines[1], "spam\tb.mbox, message 2\tALPHA,ZED\n");
  const std::vector<std::vector<ScoredVerdict>> scores = collector.TakeScores();
  ASSERT_EQ(scores.size(), 1u);
  ASSERT_EQ(scores[0].size(), 2u);
  int forced = 0;
  for (const ScoredVerdict& verdict : scores[0]) forced += verdict.forced;
  EXPECT_EQ(forced, 1);  // junk at score 0 was not the score's doing
}

TEST(ScoreCollector, NoHitLinesUnlessAsked) {
  const profile::ProfileSet set = SmallSet();
  ScoreCollector collector(set, false);
  collector.Add(Label::kSpam, "x", 1, scan::HitSet(4),
                {{Action::kInbox, 0.0, false}});
  EXPECT_TRUE(collector.TakeHitLines().empty());
  EXPECT_EQ(collector.TakeScores()[0].size(), 1u);
}

TEST(RuleHitInputs, ScoresAndNiceComeFromTheScoringProfile) {
  const profile::ProfileSet set = SmallSet();
  Tally tally;
  scan::HitSet hits(4);
  hits.Set(3);  // not scored by any profile, but hit
  tally.CountRuleHits(Label::kHam, hits);
  const std::vector<RuleHitInput> inputs =
      RuleHitInputs(set, set.profiles[0], tally);
  ASSERT_EQ(inputs.size(), 4u);
  EXPECT_EQ(inputs[0].name, "ZED");
  EXPECT_EQ(inputs[0].score, 3.0);
  EXPECT_FALSE(inputs[0].nice);
  EXPECT_EQ(inputs[1].score, -2.0);
  EXPECT_TRUE(inputs[1].nice);
  EXPECT_EQ(inputs[3].score, std::nullopt);
  EXPECT_EQ(inputs[3].ham_hits, 1u);
  EXPECT_EQ(inputs[3].where, "rules.toml:4");
}

}  // namespace
}  // namespace inboxsim::report
