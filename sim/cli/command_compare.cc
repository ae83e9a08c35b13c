// `inboxsim compare A B [...]`: variants of a message (or corpora) side by
// side across every profile and the population, each against the first.
#include <iostream>

#include "sim/cli/command.h"
#include "sim/cli/corpus_options.h"
#include "sim/cli/options.h"
#include "sim/cli/profile_options.h"
#include "sim/report/compare_report.h"
#include "sim/report/html_report.h"

namespace inboxsim::cli {
namespace {

constexpr char kCommand[] = "compare";

}  // namespace

int CompareCommand(const std::vector<std::string>& args) {
  CorpusFlags corpus;
  ProfileFlags profiles;
  std::string format = "table";
  std::string output_path;
  po::options_description options("compare options");
  AddCorpusOptions(&options, &corpus);
  options.add_options()(
      "format", po::value(&format)->default_value("table"),
      "report format: table|json|html (html: one self-contained file "
      "with charts, best with -o FILE)")(
      "output,o", po::value(&output_path),
      "write the report to FILE instead of stdout");
  AddProfileOptions(&options, &profiles);
  po::variables_map values;
  if (auto exit_code = ParseCorpusCommand(kCommand, "A B [C...] [options]",
                                          options, args, &values, &corpus)) {
    return *exit_code;
  }
  if (!CheckChoice(kCommand, "format", format, {"table", "json", "html"}))
    return kExitUsage;
  if (corpus.inputs.size() < 2 || !corpus.index_files.empty()) {
    PrintError(kCommand,
               "give two or more variants (message files, mboxes or "
               "folders), each one input; see 'inboxsim compare --help'");
    return kExitUsage;
  }
  int exit_code = kExitOk;
  std::optional<profile::Judge> judge =
      LoadJudge(kCommand, profiles, true, &exit_code);
  if (!judge) return exit_code;
  std::optional<profile::Population> population =
      LoadPopulationFor(kCommand, profiles, *judge, &exit_code);
  if (exit_code != kExitOk) return exit_code;
  std::optional<profile::PopulationScorer> scorer;
  if (population) scorer.emplace(*population, judge->profiles());

  std::vector<report::Variant> variants;
  for (const std::string& input : corpus.inputs) {
    CorpusFlags one = corpus;
    one.inputs = {input};
    std::optional<io::CorpusPlan> plan = PlanInputs(kCommand, one);
    if (!plan) return kExitInput;
    one.run.judge = &*judge;
    one.run.population = scorer ? &*scorer : nullptr;
    std::unique_ptr<ProgressLine> progress =
        StartProgress(kCommand, one, *plan, &one.run);
    engine::RunResult result = engine::RunCorpus(*plan, one.run);
    progress.reset();
    if (result.tally.parsed() == 0) {
      PrintError(kCommand, input + ": no message could be parsed (" +
                               std::to_string(result.tally.failed()) +
                               " failed)");
      return kExitInput;
    }
    variants.push_back({input, std::move(result.tally)});
  }

  Output output;
  if (!output.Open(output_path)) return kExitOutput;
  const profile::Population* used = population ? &*population : nullptr;
  if (format == "json") {
    nlohmann::json doc = report::CompareJson(variants, judge->profiles(), used);
    output.stream() << doc.dump(2, ' ', false,
                                nlohmann::json::error_handler_t::replace)
                    << "\n";
  } else if (format == "html") {
    output.stream() << report::CompareReportHtml(
        report::CompareJson(variants, judge->profiles(), used));
  } else {
    report::WriteCompareTable(variants, judge->profiles(), used,
                              output.stream());
  }
  return output.Close() ? kExitOk : kExitOutput;
}

}  // namespace inboxsim::cli
