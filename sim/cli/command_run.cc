// `inboxsim run PATH...`: read and parse a corpus, print the totals.
#include <chrono>
#include <iostream>

#include "sim/cli/command.h"
#include "sim/cli/corpus_options.h"
#include "sim/cli/options.h"
#include "sim/cli/profile_options.h"
#include "sim/core/clock.h"
#include "sim/engine/run.h"
#include "sim/io/corpus_plan.h"
#include "sim/report/html_report.h"
#include "sim/report/population_report.h"
#include "sim/report/run_report.h"

namespace inboxsim::cli {
namespace {

constexpr char kCommand[] = "run";

struct RunFlags {
  CorpusFlags corpus;
  std::string format = "table";
  std::string output;
  ProfileFlags profiles;
  bool parse_only = false;
  uint64_t list_size = 0;
  std::string reply_rate;
  std::string sale_rate;
};

po::options_description DescribeOptions(RunFlags* flags) {
  po::options_description options("run options");
  AddCorpusOptions(&options, &flags->corpus);
  options.add_options()("format",
                        po::value(&flags->format)->default_value("table"),
                        "report format: table|json|csv|html (html: one "
                        "self-contained file with charts, best with -o FILE)")(
      "output,o", po::value(&flags->output),
      "write the report to FILE instead of stdout")(
      "parse-only", po::bool_switch(&flags->parse_only),
      "read and parse only: no profiles, no population (the parser's "
      "throughput)")(
      "list-size", po::value(&flags->list_size),
      "campaign arithmetic for a list of N recipients: expected inboxed "
      "messages, replies and sales from the population's inbox share")(
      "reply-rate", po::value(&flags->reply_rate),
      "replies per inboxed message, R or LOW:HIGH (default 0.001:0.01, "
      "DESIGN.md: 100-1,000 replies per 100,000)")(
      "sale-rate", po::value(&flags->sale_rate),
      "sales per inboxed message (default 0.0001, DESIGN.md: about 10 per "
      "100,000)");
  return options;
}

}  // namespace

int RunCommand(const std::vector<std::string>& args) {
  RunFlags flags;
  po::options_description options = DescribeOptions(&flags);
  AddProfileOptions(&options, &flags.profiles);
  po::variables_map values;
  if (auto exit_code =
          ParseCorpusCommand(kCommand, "PATH... [options]", options, args,
                             &values, &flags.corpus)) {
    return *exit_code;
  }
  if (!CheckChoice(kCommand, "format", flags.format,
                   {"table", "json", "csv", "html"}))
    return kExitUsage;
  report::CampaignRates rates;
  if (!flags.reply_rate.empty() || !flags.sale_rate.empty()) {
    rates.defaults = false;
    if (!flags.reply_rate.empty()) {
      if (auto bad = report::ParseRateRange(flags.reply_rate, &rates.reply_low,
                                            &rates.reply_high)) {
        PrintError(kCommand, "--reply-rate: " + *bad);
        return kExitUsage;
      }
    }
    double sale_high = 0;
    if (!flags.sale_rate.empty()) {
      if (auto bad = report::ParseRateRange(flags.sale_rate, &rates.sale,
                                            &sale_high)) {
        PrintError(kCommand, "--sale-rate: " + *bad);
        return kExitUsage;
      }
      if (sale_high != rates.sale) {
        PrintError(kCommand, "--sale-rate takes one rate, not a range");
        return kExitUsage;
      }
    }
  }

  // Profiles load (and compile) first; that time is reported under "scan"
  // (load_seconds, compile_seconds), apart from the run's elapsed time.
  int exit_code = kExitOk;
  std::optional<profile::Judge> judge;
  std::optional<profile::Population> population;
  std::optional<profile::PopulationScorer> scorer;
  if (!flags.parse_only) {
    judge = LoadJudge(kCommand, flags.profiles, true, &exit_code);
    if (!judge) return exit_code;
    population =
        LoadPopulationFor(kCommand, flags.profiles, *judge, &exit_code);
    if (exit_code != kExitOk) return exit_code;
    if (population) scorer.emplace(*population, judge->profiles());
  }
  if (values.count("list-size") && !population) {
    PrintError(kCommand,
               "--list-size needs a population: leave out --profiles, or "
               "give --population FILE");
    return kExitUsage;
  }
  engine::RunOptions& run = flags.corpus.run;
  run.judge = judge ? &*judge : nullptr;
  run.population = scorer ? &*scorer : nullptr;

  // Elapsed time covers planning (walking folders) as well as the run.
  const auto start = std::chrono::steady_clock::now();
  std::optional<io::CorpusPlan> plan = PlanInputs(kCommand, flags.corpus);
  if (!plan) return kExitInput;
  Output output;
  if (!output.Open(flags.output)) return kExitOutput;

  std::unique_ptr<ProgressLine> progress =
      StartProgress(kCommand, flags.corpus, *plan, &run);
  const engine::RunResult result = engine::RunCorpus(*plan, run);
  progress.reset();
  const double elapsed_seconds = SecondsSince(start);
  std::optional<report::Campaign> campaign;
  if (population && values.count("list-size")) {
    campaign = report::EstimateCampaign(
        flags.list_size, report::PopulationShare(result.tally, Action::kInbox),
        rates);
  }
  const report::RunSummary summary{result.tally,
                                   elapsed_seconds,
                                   result.threads,
                                   InputNames(flags.corpus),
                                   run.judge,
                                   population ? &*population : nullptr,
                                   campaign ? &*campaign : nullptr};
  if (flags.format == "json") {
    output.stream() << report::RunReportJson(summary).dump(
                           2, ' ', false,
                           nlohmann::json::error_handler_t::replace)
                    << "\n";
  } else if (flags.format == "html") {
    output.stream() << report::RunReportHtml(report::RunReportJson(summary));
  } else if (flags.format == "csv") {
    report::WriteRunCsv(summary, output.stream());
  } else {
    report::WriteRunTable(summary, output.stream());
  }
  if (!output.Close()) return kExitOutput;
  return AccountedExit(kCommand, result.tally);
}

}  // namespace inboxsim::cli
