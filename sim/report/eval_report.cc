#include "sim/report/eval_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <map>
#include <numeric>

#include "sim/core/text.h"
#include "sim/model/evaluation.h"
#include "sim/report/stats.h"

namespace inboxsim::report {
namespace {

double Ratio(uint64_t part, uint64_t whole) {
  return whole == 0 ? 0.0
                    : static_cast<double>(part) / static_cast<double>(whole);
}

// hit-frequencies' soratio(): 0.5 when neither side hit ("not effective").
double SoRatio(double spam, double ham) {
  return spam + ham > 0 ? spam / (spam + ham) : 0.5;
}

// The scoring profile's entry for `rule`, or nullptr (rules ascend by index).
const profile::ProfileRule* FindRule(const profile::Profile& profile,
                                     uint32_t rule) {
  auto it = std::lower_bound(profile.rules.begin(), profile.rules.end(), rule,
                             [](const profile::ProfileRule& entry,
                                uint32_t id) { return entry.rule < id; });
  return it != profile.rules.end() && it->rule == rule ? &*it : nullptr;
}

}  // namespace

std::optional<RuleOrder> ParseRuleOrder(std::string_view text) {
  if (text == "rank") return RuleOrder::kRank;
  if (text == "spam") return RuleOrder::kSpam;
  if (text == "ham") return RuleOrder::kHam;
  if (text == "overall") return RuleOrder::kOverall;
  if (text == "so") return RuleOrder::kSo;
  if (text == "name") return RuleOrder::kName;
  return std::nullopt;
}

std::vector<RuleHitFrequency> HitFrequencies(std::vector<RuleHitInput> rules,
                                             uint64_t spam, uint64_t ham,
                                             RuleOrder order) {
  std::vector<RuleHitFrequency> rows;
  rows.reserve(rules.size());
  // The script's $rank_hi starts at 0 and $rank_lo at 9999999.
  double rank_high = 0;
  double rank_low = 9999999;
  for (RuleHitInput& rule : rules) {
    RuleHitFrequency row;
    row.spam_percent = 100 * Ratio(rule.spam_hits, spam);
    row.ham_percent = 100 * Ratio(rule.ham_hits, ham);
    row.overall_percent =
        100 * Ratio(rule.spam_hits + rule.ham_hits, spam + ham);
    row.so = SoRatio(row.spam_percent, row.ham_percent);
    double so = row.so;
    double hit_percent = row.spam_percent;
    if (rule.nice) {
      so = 1 - so;
      hit_percent = row.ham_percent;
    }
    row.rank = so * so * so * 2000 + hit_percent * 3;
    rank_high = std::max(rank_high, row.rank);
    rank_low = std::min(rank_low, row.rank);
    row.input = std::move(rule);
    rows.push_back(std::move(row));
  }
  const double span = rank_high - rank_low;
  for (RuleHitFrequency& row : rows) {
    row.rank = span == 0 ? 0.001 : (row.rank - rank_low) / span;
  }
  auto key = [order](const RuleHitFrequency& row) {
    switch (order) {
      case RuleOrder::kSpam:
        return row.spam_percent;
      case RuleOrder::kHam:
        return row.ham_percent;
      case RuleOrder::kOverall:
        return row.overall_percent;
      case RuleOrder::kSo:
        return row.so;
      case RuleOrder::kName:
        return 0.0;
      case RuleOrder::kRank:
        break;
    }
    return row.rank;
  };
  std::sort(rows.begin(), rows.end(),
            [&](const RuleHitFrequency& a, const RuleHitFrequency& b) {
              const double ka = key(a), kb = key(b);
              if (ka != kb) return ka > kb;
              return a.input.name < b.input.name;
            });
  return rows;
}

std::vector<RuleHitInput> RuleHitInputs(const profile::ProfileSet& profiles,
                                        const profile::Profile& scoring,
                                        const Tally& tally) {
  const std::vector<profile::Rule>& catalog = profiles.catalog.rules;
  std::vector<bool> scored(catalog.size(), false);
  for (const profile::Profile& profile : profiles.profiles) {
    for (const profile::ProfileRule& entry : profile.rules) {
      if (entry.rule < scored.size()) scored[entry.rule] = true;
    }
  }
  std::vector<RuleHitInput> inputs;
  for (uint32_t rule = 0; rule < catalog.size(); ++rule) {
    const uint64_t unlabelled = tally.rule_hits(rule, Label::kUnlabelled);
    RuleHitInput input;
    input.name = catalog[rule].id;
    input.where = catalog[rule].where;
    input.check = profile::CheckName(catalog[rule]);
    input.spam_hits = tally.rule_hits(rule, Label::kSpam);
    input.ham_hits = tally.rule_hits(rule, Label::kHam);
    if (!scored[rule] && input.spam_hits + input.ham_hits + unlabelled == 0)
      continue;
    if (const profile::ProfileRule* entry = FindRule(scoring, rule)) {
      input.score = entry->score;
      input.nice = entry->score < 0 || entry->allow;
    }
    inputs.push_back(std::move(input));
  }
  return inputs;
}

void WriteHitFrequencies(const std::vector<RuleHitFrequency>& rows,
                         uint64_t spam, uint64_t ham, std::ostream& out) {
  // The formats of hit-frequencies -p, column for column.
  const uint64_t all = spam + ham;
  out << Printf("%7s %7s  %7s  %6s  %6s  %6s  %s\n", "OVERALL%", "SPAM%",
                "HAM%", "S/O", "RANK", "SCORE", "NAME");
  const double so =
      SoRatio(static_cast<double>(spam), static_cast<double>(ham));
  out << Printf("%7llu  %7llu  %7llu  %7.3f %6.2f  %6.2f  (all messages)\n",
                static_cast<unsigned long long>(all),
                static_cast<unsigned long long>(spam),
                static_cast<unsigned long long>(ham), so, 0.0, 0.0);
  out << Printf(
      "%7.3f  %7.4f  %7.4f  %7.3f %6.2f  %6.2f  (all messages as %%)\n",
      all == 0 ? 0.0 : 100.0, 100 * Ratio(spam, all), 100 * Ratio(ham, all), so,
      0.0, 0.0);
  std::map<std::string_view, int> name_count;
  for (const RuleHitFrequency& row : rows) ++name_count[row.input.name];
  for (const RuleHitFrequency& row : rows) {
    std::string name = row.input.name;
    if (name_count[name] > 1) name += " (" + row.input.where + ")";
    const std::string score = row.input.score
                                  ? Printf("%6.2f", *row.input.score)
                                  : Printf("%6s", "-");
    out << Printf("%7.3f  %7.4f  %7.4f  %7.3f %6.2f  %s  %s\n",
                  row.overall_percent, row.spam_percent, row.ham_percent,
                  row.so, row.rank, score.c_str(), name.c_str());
  }
}

double Confusion::precision() const {
  return Ratio(true_positives, true_positives + false_positives);
}
double Confusion::recall() const {
  return Ratio(true_positives, true_positives + false_negatives);
}
double Confusion::false_positive_rate() const {
  return Ratio(false_positives, false_positives + true_negatives);
}
double Confusion::accuracy() const {
  return Ratio(
      true_positives + true_negatives,
      true_positives + false_positives + true_negatives + false_negatives);
}
double Confusion::f1() const {
  const double p = precision(), r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

ProfileEvaluation EvaluateProfile(const profile::Profile& profile,
                                  std::vector<ScoredVerdict> scored,
                                  double target_fpr) {
  ProfileEvaluation result;
  result.name = profile.name;
  result.junk_threshold = profile.junk_threshold;
  result.reject_threshold = profile.reject_threshold;
  result.target.max_fpr = target_fpr;
  std::erase_if(scored, [](const ScoredVerdict& verdict) {
    return verdict.label != Label::kSpam && verdict.label != Label::kHam;
  });
  Confusion& confusion = result.confusion;
  std::vector<model::ScoredMessage> for_auc;
  for_auc.reserve(scored.size());
  for (const ScoredVerdict& verdict : scored) {
    const bool spam = verdict.label == Label::kSpam;
    const bool flagged = verdict.action != Action::kInbox;
    (spam ? result.spam : result.ham) += 1;
    if (spam) {
      (flagged ? confusion.true_positives : confusion.false_negatives) += 1;
    } else {
      (flagged ? confusion.false_positives : confusion.true_negatives) += 1;
    }
    result.forced += verdict.forced;
    for_auc.push_back({verdict.score, verdict.label});
  }
  // The AUC the token model's holdout uses (Mann-Whitney, ties half); its
  // threshold plays no part here.
  result.auc = model::Evaluate(std::move(for_auc), 0).auc;

  // The sweep: highest score first, one point per run of equal scores, so a
  // tie between spam and ham moves both rates at once (a diagonal step).
  std::sort(scored.begin(), scored.end(),
            [](const ScoredVerdict& a, const ScoredVerdict& b) {
              return a.score > b.score;
            });
  uint64_t spam_flagged = 0, ham_flagged = 0;
  for (size_t i = 0; i < scored.size();) {
    const double threshold = scored[i].score;
    for (; i < scored.size() && scored[i].score == threshold; ++i) {
      (scored[i].label == Label::kSpam ? spam_flagged : ham_flagged) += 1;
    }
    result.roc.push_back({threshold, Ratio(spam_flagged, result.spam),
                          Ratio(ham_flagged, result.ham)});
  }
  // FPR only grows as the threshold falls: the last point within the
  // target is the lowest threshold that meets it.
  for (const RocPoint& point : result.roc) {
    if (point.fpr > target_fpr) break;
    result.target.threshold = point.threshold;
    result.target.recall = point.tpr;
    result.target.fpr = point.fpr;
  }
  return result;
}

std::vector<RocPoint> SampleRoc(const std::vector<RocPoint>& roc,
                                size_t count) {
  if (roc.size() <= count) return roc;
  std::vector<RocPoint> sample;
  if (count == 0) return sample;
  if (count == 1) return {roc.front()};
  for (size_t k = 0; k < count; ++k) {
    sample.push_back(roc[k * (roc.size() - 1) / (count - 1)]);
  }
  return sample;
}

namespace {

nlohmann::json RuleJson(const RuleHitFrequency& row) {
  return {{"name", row.input.name},
          {"where", row.input.where},
          {"check", row.input.check},
          {"spam_hits", row.input.spam_hits},
          {"ham_hits", row.input.ham_hits},
          {"overall_percent", row.overall_percent},
          {"spam_percent", row.spam_percent},
          {"ham_percent", row.ham_percent},
          {"so", row.so},
          {"rank", row.rank},
          {"score", row.input.score ? nlohmann::json(*row.input.score)
                                    : nlohmann::json(nullptr)},
          {"nice", row.input.nice}};
}

nlohmann::json ProfileJson(const ProfileEvaluation& e) {
  const Confusion& c = e.confusion;
  nlohmann::json roc = nlohmann::json::array();
  for (const RocPoint& point : e.roc) {
    roc.push_back({{"threshold", point.threshold},
                   {"tpr", point.tpr},
                   {"fpr", point.fpr}});
  }
  return {
      {"name", e.name},
      {"junk_threshold", e.junk_threshold},
      {"reject_threshold", e.reject_threshold},
      {"spam", e.spam},
      {"ham", e.ham},
      {"confusion",
       {{"true_positives", c.true_positives},
        {"false_positives", c.false_positives},
        {"true_negatives", c.true_negatives},
        {"false_negatives", c.false_negatives}}},
      {"precision", c.precision()},
      {"recall", c.recall()},
      {"false_positive_rate", c.false_positive_rate()},
      {"accuracy", c.accuracy()},
      {"f1", c.f1()},
      {"forced_verdicts", e.forced},
      {"auc", e.auc},
      {"roc", std::move(roc)},
      {"target",
       {{"max_fpr", e.target.max_fpr},
        {"threshold", e.target.threshold ? nlohmann::json(*e.target.threshold)
                                         : nlohmann::json(nullptr)},
        {"recall", e.target.recall},
        {"fpr", e.target.fpr}}}};
}

// "0.07%" with enough digits for false-positive rates near the target.
std::string SmallPercent(double share) {
  return FormatFixed(100 * share, 3) + "%";
}

void WriteProfile(const ProfileEvaluation& e, std::ostream& out) {
  const Confusion& c = e.confusion;
  out << "profile " << e.name
      << " (junk >= " << FormatFixed(e.junk_threshold, 2)
      << ", reject >= " << FormatFixed(e.reject_threshold, 2) << "): " << e.spam
      << " spam, " << e.ham << " ham\n";
  out << "  flagged (junk or reject): TP " << c.true_positives << "  FP "
      << c.false_positives << "  TN " << c.true_negatives << "  FN "
      << c.false_negatives << "\n";
  out << "  precision " << Percent(c.precision()) << "  recall "
      << Percent(c.recall()) << "  false-positive rate "
      << SmallPercent(c.false_positive_rate()) << "  accuracy "
      << Percent(c.accuracy()) << "  F1 " << FormatFixed(c.f1(), 3) << "\n";
  out << "  score sweep (flag when score >= threshold): AUC "
      << FormatFixed(e.auc, 4);
  if (e.forced > 0) {
    out << "; " << e.forced
        << " verdicts were forced (allow list or forced action), not part of "
           "the sweep";
  }
  out << "\n  at FPR <= " << SmallPercent(e.target.max_fpr) << ": ";
  if (e.target.threshold) {
    out << "threshold " << FormatFixed(*e.target.threshold, 2) << ", recall "
        << Percent(e.target.recall) << " (FPR " << SmallPercent(e.target.fpr)
        << ")\n";
  } else {
    out << "no score threshold (the highest-scoring messages include ham)\n";
  }
  out << "  ROC (threshold TPR FPR):";
  for (const RocPoint& point : SampleRoc(e.roc, kTableRocPoints)) {
    out << "  " << FormatFixed(point.threshold, 2) << " "
        << FormatFixed(point.tpr, 3) << " " << FormatFixed(point.fpr, 4);
  }
  out << "\n";
}

struct Totals {
  uint64_t spam, ham, unlabelled;
};
Totals TotalsOf(const Tally& tally) {
  return {tally.by_label(Label::kSpam).parsed,
          tally.by_label(Label::kHam).parsed,
          tally.by_label(Label::kUnlabelled).parsed};
}

}  // namespace

nlohmann::json EvaluationJson(const EvaluationSummary& summary) {
  const Totals totals = TotalsOf(summary.tally);
  nlohmann::json rules = nlohmann::json::array();
  for (const RuleHitFrequency& row : summary.rules)
    rules.push_back(RuleJson(row));
  nlohmann::json profiles = nlohmann::json::array();
  for (const ProfileEvaluation& e : summary.profiles)
    profiles.push_back(ProfileJson(e));
  return {{"schema_version", 1},
          {"inputs", summary.inputs},
          {"totals",
           {{"read", summary.tally.read()},
            {"parsed", summary.tally.parsed()},
            {"failed", summary.tally.failed()},
            {"spam", totals.spam},
            {"ham", totals.ham},
            {"unlabelled", totals.unlabelled}}},
          {"excluded",
           "unlabelled messages and messages that failed to parse are counted "
           "in totals and left out of every other figure"},
          {"scoring_profile", summary.scoring_profile},
          {"rules", std::move(rules)},
          {"profiles", std::move(profiles)}};
}

void WriteEvaluationTable(const EvaluationSummary& summary, std::ostream& out) {
  const Totals totals = TotalsOf(summary.tally);
  out << "messages: " << summary.tally.read() << " read, "
      << summary.tally.parsed() << " parsed, " << summary.tally.failed()
      << " failed; " << totals.spam << " spam, " << totals.ham << " ham, "
      << totals.unlabelled << " unlabelled\n";
  if (totals.unlabelled + summary.tally.failed() > 0) {
    out << "unlabelled and failed messages are left out of every figure "
           "below\n";
  }
  out << "\nrule hit frequencies (SCORE: profile " << summary.scoring_profile
      << ")\n";
  WriteHitFrequencies(summary.rules, totals.spam, totals.ham, out);
  for (const ProfileEvaluation& e : summary.profiles) {
    out << "\n";
    WriteProfile(e, out);
  }
}

ScoreCollector::ScoreCollector(const profile::ProfileSet& profiles,
                               bool keep_hit_lines)
    : profiles_(profiles), keep_hit_lines_(keep_hit_lines) {
  const std::vector<profile::Rule>& rules = profiles.catalog.rules;
  std::vector<uint32_t> by_name(rules.size());
  std::iota(by_name.begin(), by_name.end(), 0);
  std::sort(by_name.begin(), by_name.end(),
            [&](uint32_t a, uint32_t b) { return rules[a].id < rules[b].id; });
  name_rank_.resize(rules.size());
  for (uint32_t position = 0; position < by_name.size(); ++position) {
    name_rank_[by_name[position]] = position;
  }
}

void ScoreCollector::Add(Label label, std::string_view where, uint64_t order,
                         const scan::HitSet& hits,
                         const std::vector<profile::Verdict>& verdicts) {
  Local& local = locals_.local();
  const std::vector<profile::Profile>& profiles = profiles_.profiles;
  local.scores.resize(profiles.size());
  for (size_t p = 0; p < profiles.size() && p < verdicts.size(); ++p) {
    const profile::Verdict& verdict = verdicts[p];
    const bool forced =
        verdict.action != profile::ActionForScore(profiles[p], verdict.score);
    local.scores[p].push_back({verdict.score, label, verdict.action, forced});
  }
  if (!keep_hit_lines_) return;
  const std::vector<profile::Rule>& rules = profiles_.catalog.rules;
  std::vector<uint32_t> hit;
  hits.ForEach([&](uint32_t rule) {
    if (rule < rules.size()) hit.push_back(rule);
  });
  std::sort(hit.begin(), hit.end(), [&](uint32_t a, uint32_t b) {
    return name_rank_[a] < name_rank_[b];
  });
  std::string line(LabelName(label));
  line += '\t';
  for (char c : where) line += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
  line += '\t';
  const std::string* previous = nullptr;
  for (uint32_t rule : hit) {
    const std::string& name = rules[rule].id;
    if (previous != nullptr && *previous == name) continue;  // shared id
    if (previous != nullptr) line += ',';
    line += name;
    previous = &name;
  }
  line += '\n';
  local.lines.emplace_back(order, std::move(line));
}

std::vector<std::vector<ScoredVerdict>> ScoreCollector::TakeScores() {
  std::vector<std::vector<ScoredVerdict>> scores(profiles_.profiles.size());
  for (Local& local : locals_) {
    for (size_t p = 0; p < local.scores.size(); ++p) {
      scores[p].insert(scores[p].end(), local.scores[p].begin(),
                       local.scores[p].end());
      local.scores[p].clear();
    }
  }
  return scores;
}

std::vector<std::string> ScoreCollector::TakeHitLines() {
  std::vector<std::pair<uint64_t, std::string>> all;
  for (Local& local : locals_) {
    std::move(local.lines.begin(), local.lines.end(), std::back_inserter(all));
    local.lines.clear();
  }
  std::sort(all.begin(), all.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> lines;
  lines.reserve(all.size());
  for (auto& [order, line] : all) lines.push_back(std::move(line));
  return lines;
}

}  // namespace inboxsim::report
