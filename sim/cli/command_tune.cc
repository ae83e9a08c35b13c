// `inboxsim tune PATH...`: measures the loaded rules on a sample of a
// corpus and puts the costliest behind exact prefilters where that pays
// (scan/prefilter_plan.h). The plans are kept in the database cache, so
// every later `run`, `bench` or `check` with the same rules scans faster;
// the hits are the same with or without them.
#include <iomanip>
#include <iostream>

#include "sim/bench/ceiling.h"
#include "sim/bench/tuning_sample.h"
#include "sim/cli/command.h"
#include "sim/cli/corpus_options.h"
#include "sim/cli/options.h"
#include "sim/cli/profile_options.h"

namespace inboxsim::cli {
namespace {

constexpr char kCommand[] = "tune";

struct TuneFlags {
  CorpusFlags corpus;
  ProfileFlags profiles;
  uint64_t sample_mb = 2;
  uint64_t capture_mb = 256;
};

po::options_description DescribeOptions(TuneFlags* flags) {
  po::options_description options("tune options");
  AddCorpusOptions(&options, &flags->corpus);
  options.add_options()(
      "sample-mb",
      po::value(&flags->sample_mb)->default_value(flags->sample_mb),
      "text per target the plans are measured on, MB: an even spread of the "
      "corpus's texts")(
      "capture-mb",
      po::value(&flags->capture_mb)->default_value(flags->capture_mb),
      "text read from the corpus to draw the sample from, MB (the first "
      "messages, when the corpus holds more)");
  return options;
}

// One line per prefilter chosen, by target.
void PrintPlans(const profile::Judge& judge, std::ostream& out) {
  const std::vector<profile::Rule>& rules = judge.profiles().catalog.rules;
  size_t chosen = 0;
  double tuning_seconds = 0;
  for (const scan::TargetReport& target : judge.scanner().reports()) {
    tuning_seconds += target.compile.tuning_seconds;
    if (target.compile.prefilters.empty()) continue;
    out << target.target.ToString() << ": " << target.compile.prefilters.size()
        << " of " << target.patterns << " patterns behind prefilters (plan "
        << target.compile.plan_path << ")\n";
    for (const scan::PrefilterChoice& p : target.compile.prefilters) {
      const double alone_ms = p.pattern_seconds * 1000;
      const double expected_ms = p.expected_seconds * 1000;
      out << "  " << std::left << std::setw(28)
          << (p.id < rules.size() ? rules[p.id].id : std::to_string(p.id))
          << std::right << std::fixed << std::setprecision(2) << std::setw(8)
          << alone_ms << " ms -> " << std::setw(6) << expected_ms << " ms  "
          << std::left << std::setw(19) << p.text << " "
          << p.expression.substr(0, 60)
          << (p.expression.size() > 60 ? "..." : "") << "\n";
    }
    chosen += target.compile.prefilters.size();
  }
  for (const scan::TargetReport& target : judge.scanner().reports()) {
    if (!target.compile.plan_note.empty()) {
      out << target.target.ToString() << ": plan " << target.compile.plan_note
          << "\n";
    }
  }
  out << chosen << " patterns behind prefilters; measured in " << std::fixed
      << std::setprecision(1) << tuning_seconds
      << " s (times are on the sample: the pattern alone -> its prefilter "
         "with the confirmations it leads to)\n";
}

}  // namespace

int TuneCommand(const std::vector<std::string>& args) {
  TuneFlags flags;
  po::options_description options = DescribeOptions(&flags);
  AddProfileOptions(&options, &flags.profiles);
  po::variables_map values;
  if (auto exit_code =
          ParseCorpusCommand(kCommand, "PATH... [options]", options, args,
                             &values, &flags.corpus)) {
    return *exit_code;
  }
  if (flags.profiles.no_cache) {
    PrintError(kCommand,
               "the plans are kept in the database cache: --no-cache would "
               "throw them away");
    return kExitUsage;
  }
  if (flags.profiles.engine != "hyperscan") {
    PrintError(kCommand, "only Hyperscan's databases are tuned: --engine " +
                             flags.profiles.engine + " has nothing to tune");
    return kExitUsage;
  }
  if (flags.sample_mb == 0 || flags.capture_mb == 0) {
    PrintError(kCommand, "--sample-mb and --capture-mb must be 1 or more");
    return kExitUsage;
  }

  int exit_code = kExitOk;
  std::optional<profile::Judge> judge =
      LoadJudge(kCommand, flags.profiles, true, &exit_code);
  if (!judge) return exit_code;
  std::optional<io::CorpusPlan> plan = PlanInputs(kCommand, flags.corpus);
  if (!plan) return kExitInput;
  if (!flags.corpus.quiet)
    std::cerr << "inboxsim tune: reading the corpus's texts\n";
  const bench::CapturedTexts texts = bench::CaptureTexts(
      *plan, flags.corpus.run, judge->scanner(), flags.capture_mb * 1000000);
  if (texts.messages == 0) {
    PrintError(kCommand, "no message could be read and parsed from the inputs");
    return kExitInput;
  }
  const scan::TuningSamples samples = bench::SampleForTuning(
      texts, judge->scanner(), flags.sample_mb * 1000000);
  if (!flags.corpus.quiet) {
    std::cerr << "inboxsim tune: measuring the rules on " << texts.messages
              << " messages' texts\n";
  }
  std::optional<profile::Judge> tuned =
      LoadJudge(kCommand, flags.profiles, true, &exit_code, &samples);
  if (!tuned) return exit_code;
  PrintPlans(*tuned, std::cout);
  return kExitOk;
}

}  // namespace inboxsim::cli
