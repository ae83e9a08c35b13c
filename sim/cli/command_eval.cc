// `inboxsim eval CORPUS...`: SpamAssassin mass-check / hit-frequencies style
// evaluation of the profiles on a labelled corpus.
#include <iostream>

#include "sim/cli/command.h"
#include "sim/cli/corpus_options.h"
#include "sim/cli/options.h"
#include "sim/cli/profile_options.h"
#include "sim/engine/run.h"
#include "sim/report/eval_report.h"

namespace inboxsim::cli {
namespace {

constexpr char kCommand[] = "eval";
// One false positive in a thousand ham: the usual bar for a filter that
// junks mail on its own (SpamAssassin's score sets aim at or below it).
constexpr double kDefaultTargetFpr = 0.001;

struct EvalFlags {
  CorpusFlags corpus;
  ProfileFlags profiles;
  std::string format = "table";
  std::string output;
  std::string hits_out;
  std::string scoring_profile;
  std::string sort = "rank";
  double target_fpr = kDefaultTargetFpr;
};

po::options_description DescribeOptions(EvalFlags* flags) {
  po::options_description options("eval options");
  AddCorpusOptions(&options, &flags->corpus);
  options.add_options()("format",
                        po::value(&flags->format)->default_value("table"),
                        "report format: table|json")(
      "output,o", po::value(&flags->output),
      "write the report to FILE instead of stdout")(
      "hits-out", po::value(&flags->hits_out),
      "also write one line per judged message, in input order: "
      "LABEL<TAB>WHERE<TAB>RULE,RULE,... (the catalog rules that hit, by "
      "name)")("profile", po::value(&flags->scoring_profile),
               "the profile whose scores the SCORE column shows and whose "
               "negative-score and allow rules rank as 'nice' (default: the "
               "first loaded)")(
      "sort", po::value(&flags->sort)->default_value(flags->sort),
      "rule order: rank (hit-frequencies' own) | spam | ham | overall | so | "
      "name")("target-fpr",
              po::value(&flags->target_fpr)->default_value(kDefaultTargetFpr),
              "false-positive rate to find each profile's lowest score "
              "threshold for, 0..1");
  AddProfileOptions(&options, &flags->profiles);
  return options;
}

}  // namespace

int EvalCommand(const std::vector<std::string>& args) {
  EvalFlags flags;
  po::options_description options = DescribeOptions(&flags);
  po::variables_map values;
  if (auto exit_code =
          ParseCorpusCommand(kCommand, "CORPUS... [options]", options, args,
                             &values, &flags.corpus)) {
    return *exit_code;
  }
  if (!CheckChoice(kCommand, "format", flags.format, {"table", "json"}) ||
      !CheckChoice(kCommand, "sort", flags.sort,
                   {"rank", "spam", "ham", "overall", "so", "name"})) {
    return kExitUsage;
  }
  if (!(flags.target_fpr >= 0 && flags.target_fpr <= 1)) {
    PrintError(kCommand, "--target-fpr must lie in 0..1");
    return kExitUsage;
  }
  int exit_code = kExitOk;
  std::optional<profile::Judge> judge =
      LoadJudge(kCommand, flags.profiles, true, &exit_code);
  if (!judge) return exit_code;
  const profile::ProfileSet& set = judge->profiles();
  if (set.profiles.empty()) {
    PrintError(kCommand, "no profile loaded");
    return kExitInput;
  }
  const profile::Profile* scoring = &set.profiles.front();
  if (!flags.scoring_profile.empty()) {
    scoring = nullptr;
    for (const profile::Profile& candidate : set.profiles) {
      if (candidate.name == flags.scoring_profile) scoring = &candidate;
    }
    if (scoring == nullptr) {
      PrintError(kCommand, "--profile " + flags.scoring_profile +
                               ": no loaded profile has that name");
      return kExitUsage;
    }
  }

  std::optional<io::CorpusPlan> plan = PlanInputs(kCommand, flags.corpus);
  if (!plan) return kExitInput;
  // Open both outputs before the run: a bad path should not cost a run.
  Output output;
  if (!output.Open(flags.output)) return kExitOutput;
  Output hits_output;
  if (!flags.hits_out.empty() && !hits_output.Open(flags.hits_out))
    return kExitOutput;

  report::ScoreCollector collector(set, !flags.hits_out.empty());
  engine::RunOptions& run = flags.corpus.run;
  run.judge = &*judge;
  run.on_judged = [&collector](const engine::JudgedMessage& message) {
    collector.Add(message.label, message.where, message.order, message.hits,
                  message.verdicts);
  };
  std::unique_ptr<ProgressLine> progress =
      StartProgress(kCommand, flags.corpus, *plan, &run);
  const engine::RunResult result = engine::RunCorpus(*plan, run);
  progress.reset();

  std::vector<std::vector<report::ScoredVerdict>> scores =
      collector.TakeScores();
  report::EvaluationSummary summary{
      result.tally, InputNames(flags.corpus), scoring->name, {}, {}};
  summary.rules =
      report::HitFrequencies(report::RuleHitInputs(set, *scoring, result.tally),
                             result.tally.by_label(Label::kSpam).parsed,
                             result.tally.by_label(Label::kHam).parsed,
                             *report::ParseRuleOrder(flags.sort));
  for (size_t p = 0; p < set.profiles.size(); ++p) {
    summary.profiles.push_back(report::EvaluateProfile(
        set.profiles[p], std::move(scores[p]), flags.target_fpr));
  }

  if (flags.format == "json") {
    output.stream() << report::EvaluationJson(summary).dump(
                           2, ' ', false,
                           nlohmann::json::error_handler_t::replace)
                    << "\n";
  } else {
    report::WriteEvaluationTable(summary, output.stream());
  }
  if (!output.Close()) return kExitOutput;
  if (!flags.hits_out.empty()) {
    for (const std::string& line : collector.TakeHitLines())
      hits_output.stream() << line;
    if (!hits_output.Close()) return kExitOutput;
  }
  // The collector saw every judged message: its counts must match the
  // run's.
  for (const report::ProfileEvaluation& e : summary.profiles) {
    if (e.spam != result.tally.by_label(Label::kSpam).parsed ||
        e.ham != result.tally.by_label(Label::kHam).parsed) {
      PrintError(kCommand, "internal error: judged messages != parsed");
      return kExitInternal;
    }
  }
  return kExitOk;
}

}  // namespace inboxsim::cli
