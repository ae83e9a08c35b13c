// Evaluation of profiles on a labelled corpus, in the manner of
// SpamAssassin's mass-check and masses/hit-frequencies: how often each rule
// hits spam and ham, and how well each profile's verdicts and scores
// separate them.
//
//   ScoreCollector collector(judge.profiles(), /*keep_hit_lines=*/false);
//   run.on_judged = [&](const engine::JudgedMessage& m) {
//     collector.Add(m.label, m.where, m.order, m.hits, m.verdicts);
//   };
//   RunResult result = RunCorpus(plan, run);
//   std::vector<std::vector<ScoredVerdict>> scores = collector.TakeScores();
//   ProfileEvaluation e = EvaluateProfile(profile, scores[0], 0.001);
//   e.auc  // 1: every spam scored above every ham
//
// "Positive" is spam; a message is "flagged" when the profile junks or
// rejects it. Unlabelled messages are left out of every figure here (the
// caller counts them).
#ifndef INBOXSIM_REPORT_EVAL_REPORT_H_
#define INBOXSIM_REPORT_EVAL_REPORT_H_

#include <tbb/enumerable_thread_specific.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/action.h"
#include "sim/core/label.h"
#include "sim/profile/evaluate.h"
#include "sim/profile/profile.h"
#include "sim/report/tally.h"
#include "sim/scan/pattern_set.h"

namespace inboxsim::report {

// ---- Per rule: SpamAssassin's hit-frequencies -p columns ----

struct RuleHitInput {
  std::string name;
  // Where the rule was defined: tells apart rules that share a name, such
  // as each profile's own LIST_BLOCK_SENDERS.
  std::string where;
  std::string check;  // what it looks at: profile::CheckName()
  uint64_t spam_hits = 0;
  uint64_t ham_hits = 0;
  std::optional<double> score;  // in the scoring profile; none: not in it
  // A rule meant to hit ham (SpamAssassin's tflags "nice"); ranked on its
  // ham rate instead. We call a rule nice when its score is negative or it
  // is an allow-list rule.
  bool nice = false;
};

struct RuleHitFrequency {
  RuleHitInput input;
  double overall_percent = 0;  // (spam + ham hits) / (spam + ham messages)
  double spam_percent = 0;     // spam hits / spam messages; 0 with no spam
  double ham_percent = 0;      // ham hits / ham messages; 0 with no ham
  double so = 0.5;             // spam% / (spam% + ham%); 0.5 when both 0
  double rank = 0;             // 0..1, see HitFrequencies
};

enum class RuleOrder { kRank, kSpam, kHam, kOverall, kSo, kName };
// "rank", "spam", "ham", "overall", "so", "name"; nullopt for anything else.
std::optional<RuleOrder> ParseRuleOrder(std::string_view text);

// The hit-frequencies columns for `rules` over `spam` and `ham` messages,
// sorted by `order` (descending figures; names ascending; ties by name).
//
// RANK follows masses/hit-frequencies in apache/spamassassin (the version
// with the RANK column, "new system: allows a few more 99% hitters into the
// first page"): with spam% and ham% in 0..100 (swapped for a nice rule, whose
// S/O is also taken as 1 - S/O),
//   raw = S/O^3 * 2000 + spam% * 3
// then normalised over the rules shown: (raw - lowest) / (highest - lowest),
// where `highest` starts at 0 as in the script, and every rule gets 0.001
// when all raw ranks are equal. The S/O shown is the plain one, nice or not.
std::vector<RuleHitFrequency> HitFrequencies(
    std::vector<RuleHitInput> rules, uint64_t spam, uint64_t ham,
    RuleOrder order = RuleOrder::kRank);

// The hit-frequencies inputs from a run's tally: every rule of `catalog`
// that some profile scores or that hit a message, scored (and judged nice)
// as in `scoring`.
std::vector<RuleHitInput> RuleHitInputs(const profile::ProfileSet& profiles,
                                        const profile::Profile& scoring,
                                        const Tally& tally);

// SpamAssassin's hit-frequencies -p table, byte for byte in its printf
// formats: the header, the totals rows ("(all messages)" and "(all messages
// as %)"), then one row per rule. A rule the scoring profile lacks shows
// "-" as its SCORE; a name that several rules share is followed by each
// one's " (where)".
void WriteHitFrequencies(const std::vector<RuleHitFrequency>& rows,
                         uint64_t spam, uint64_t ham, std::ostream& out);

// ---- Per profile: verdicts and the score sweep ----

struct ScoredVerdict {
  double score = 0;
  Label label = Label::kUnlabelled;
  Action action = Action::kInbox;
  // The action is not the one the score alone gives (an allow list or a
  // forced action decided it).
  bool forced = false;
};

struct Confusion {
  uint64_t true_positives = 0;   // spam flagged
  uint64_t false_positives = 0;  // ham flagged
  uint64_t true_negatives = 0;   // ham not flagged
  uint64_t false_negatives = 0;  // spam not flagged
  // Each 0 when its denominator is.
  double precision() const;
  double recall() const;               // true positive rate
  double false_positive_rate() const;  // flagged ham / ham
  double accuracy() const;
  double f1() const;
};

struct RocPoint {
  double threshold = 0;  // flagged when score >= threshold
  double tpr = 0;
  double fpr = 0;
};

struct TargetThreshold {
  double max_fpr = 0;  // the target asked for
  // The lowest message score whose threshold keeps FPR <= max_fpr; nullopt
  // when even the highest score lets too much ham through (only a threshold
  // above every score would do: recall 0).
  std::optional<double> threshold;
  double recall = 0;
  double fpr = 0;
};

struct ProfileEvaluation {
  std::string name;
  double junk_threshold = 0;
  double reject_threshold = 0;
  uint64_t spam = 0, ham = 0;
  Confusion confusion;  // from the verdicts' actions, forced ones included
  uint64_t forced = 0;  // labelled verdicts whose action the score did not set
  // One point per distinct score, highest threshold first: the sweep of
  // "flag when score >= threshold" (forced actions play no part).
  std::vector<RocPoint> roc;
  // Area under the ROC curve: the chance a random spam scores above a
  // random ham, ties counting half. 0.5 when either label is missing.
  double auc = 0.5;
  TargetThreshold target;
};

// Evaluates one profile's verdicts (unlabelled ones are skipped) in
// O(n log n); the result does not depend on the order of `scored`.
ProfileEvaluation EvaluateProfile(const profile::Profile& profile,
                                  std::vector<ScoredVerdict> scored,
                                  double target_fpr);

// Up to `count` points of `roc` spread evenly over it, first and last
// included: the compact curve a table shows.
std::vector<RocPoint> SampleRoc(const std::vector<RocPoint>& roc, size_t count);

// ---- The whole report ----

// Points of the ROC curve a table shows.
inline constexpr size_t kTableRocPoints = 10;

struct EvaluationSummary {
  const Tally& tally;               // the run's totals
  std::vector<std::string> inputs;  // as the user named them
  std::string scoring_profile;      // whose scores the SCORE column shows
  std::vector<RuleHitFrequency> rules;
  std::vector<ProfileEvaluation> profiles;
};

// The JSON report; its keys are listed in `inboxsim eval --help`.
nlohmann::json EvaluationJson(const EvaluationSummary& summary);
// The table: totals, the hit-frequencies table, then each profile.
void WriteEvaluationTable(const EvaluationSummary& summary, std::ostream& out);

// ---- Collecting from RunOptions::on_judged ----

// Gathers every judged message's per-profile score, and when asked its hit
// line, on the run's worker threads. Add() may run on many threads at once
// (each has its own storage); the Take functions merge after the run and
// must not overlap Add().
class ScoreCollector {
 public:
  // `profiles` must outlive the collector.
  ScoreCollector(const profile::ProfileSet& profiles, bool keep_hit_lines);

  void Add(Label label, std::string_view where, uint64_t order,
           const scan::HitSet& hits,
           const std::vector<profile::Verdict>& verdicts);

  // Per profile (in profile order), every message's verdict.
  std::vector<std::vector<ScoredVerdict>> TakeScores();
  // "LABEL<TAB>WHERE<TAB>RULE,RULE,...\n" per message in input order: the
  // names of the catalog rules that hit, sorted and without repeats (tabs
  // and line breaks in WHERE become spaces). Empty unless keep_hit_lines.
  std::vector<std::string> TakeHitLines();

 private:
  struct Local {
    std::vector<std::vector<ScoredVerdict>> scores;       // [profile]
    std::vector<std::pair<uint64_t, std::string>> lines;  // (order, line)
  };
  const profile::ProfileSet& profiles_;
  bool keep_hit_lines_;
  std::vector<uint32_t> name_rank_;  // rule -> position sorted by name
  tbb::enumerable_thread_specific<Local> locals_;
};

}  // namespace inboxsim::report

#endif  // INBOXSIM_REPORT_EVAL_REPORT_H_
