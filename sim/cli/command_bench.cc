// `inboxsim bench PATH...`: how fast the main job runs on a corpus, where
// the time goes, and how close it is to the raw-scan ceiling.
#include <iostream>
#include <sstream>

#include "sim/bench/benchmark.h"
#include "sim/bench/machine.h"
#include "sim/cli/command.h"
#include "sim/cli/corpus_options.h"
#include "sim/cli/options.h"
#include "sim/cli/profile_options.h"
#include "sim/report/bench_report.h"
#include "sim/report/run_report.h"

namespace inboxsim::cli {
namespace {

constexpr char kCommand[] = "bench";

struct BenchFlags {
  CorpusFlags corpus;
  ProfileFlags profiles;
  bench::BenchOptions bench;
  std::string engines = "hyperscan,pcre2,re2,std";
  bool no_scaling = false;
  bool no_stages = false;
  bool no_ceiling = false;
  uint64_t ceiling_max_mb = 4096;
  int repeat_inputs = 1;
  int size_scaling = 0;
  std::string format = "table";
  std::string output;
  std::string json_output;
};

po::options_description DescribeOptions(BenchFlags* flags) {
  po::options_description options("bench options");
  AddCorpusOptions(&options, &flags->corpus);
  options.add_options()(
      "repetitions,r", po::value(&flags->bench.repetitions)->default_value(3),
      "measured runs of each kind; the report gives their median, min, max "
      "and spread")("warmup", po::value(&flags->bench.warmup)->default_value(1),
                    "unmeasured runs before each kind (page cache, allocator)")(
      "engines", po::value(&flags->engines)->default_value(flags->engines),
      "engines to compare on the same work, comma-separated (the --engine "
      "one always runs); 'none' for none")(
      "no-scaling", po::bool_switch(&flags->no_scaling),
      "skip the runs at 1, 2, 4, ... threads")(
      "no-stages", po::bool_switch(&flags->no_stages),
      "skip the run with stage timers")(
      "no-ceiling", po::bool_switch(&flags->no_ceiling),
      "skip the raw-scan ceiling (it keeps every target text in memory)")(
      "ceiling-max-mb",
      po::value(&flags->ceiling_max_mb)->default_value(flags->ceiling_max_mb),
      "text kept for the ceiling, MB; beyond it the ceiling covers the first "
      "messages only")(
      "rule-costs",
      po::value(&flags->bench.rule_costs)
          ->default_value(flags->bench.rule_costs),
      "with the ceiling: compile each pattern alone, scan the same texts, "
      "and list the N costliest (0: skip)")(
      "union-layout", po::bool_switch(&flags->bench.union_layout),
      "with the ceiling: also scan the same texts with every pattern of a "
      "target in one union database, to compare with the layout inboxsim "
      "chose (compiling the unions costs a cold compile)")(
      "repeat-inputs",
      po::value(&flags->repeat_inputs)->default_value(flags->repeat_inputs),
      "read the inputs N times over, as one corpus N times larger")(
      "size-scaling", po::value(&flags->size_scaling),
      "also run the corpus read N times over, in turns with the main runs, "
      "and report how time and peak memory grow (e.g. 10)")(
      "format", po::value(&flags->format)->default_value("table"),
      "report format: table|json")(
      "output,o", po::value(&flags->output),
      "write the report to FILE instead of stdout")(
      "json", po::value(&flags->json_output),
      "also write the JSON report to FILE");
  return options;
}

// "hyperscan,pcre2" -> engines; nullopt (and a message) on a bad name.
std::optional<std::vector<scan::Engine>> ParseEngines(const std::string& list) {
  std::vector<scan::Engine> engines;
  if (list == "none") return engines;
  std::stringstream names(list);
  std::string name;
  while (std::getline(names, name, ',')) {
    std::optional<scan::Engine> engine = scan::ParseEngine(name);
    if (!engine) {
      PrintError(kCommand, "--engines: unknown engine '" + name +
                               "' (hyperscan, pcre2, re2, std or none)");
      return std::nullopt;
    }
    engines.push_back(*engine);
  }
  return engines;
}

// `inputs` `times` times over, in order.
std::vector<std::string> RepeatedInputs(const std::vector<std::string>& inputs,
                                        int times) {
  std::vector<std::string> repeated;
  for (int i = 0; i < times; ++i)
    repeated.insert(repeated.end(), inputs.begin(), inputs.end());
  return repeated;
}

// `plan`'s inputs `times` times over, in order.
io::CorpusPlan Repeated(const io::CorpusPlan& plan, int times) {
  io::CorpusPlan repeated;
  for (int i = 0; i < times; ++i) {
    repeated.sources.insert(repeated.sources.end(), plan.sources.begin(),
                            plan.sources.end());
    repeated.unreadable.insert(repeated.unreadable.end(),
                               plan.unreadable.begin(), plan.unreadable.end());
  }
  return repeated;
}

bool WriteJson(const nlohmann::json& doc, const std::string& path) {
  Output output;
  if (!output.Open(path)) return false;
  output.stream() << doc.dump(2, ' ', false,
                              nlohmann::json::error_handler_t::replace)
                  << "\n";
  return output.Close();
}

}  // namespace

int BenchCommand(const std::vector<std::string>& args) {
  BenchFlags flags;
  po::options_description options = DescribeOptions(&flags);
  AddProfileOptions(&options, &flags.profiles);
  po::variables_map values;
  if (auto exit_code =
          ParseCorpusCommand(kCommand, "PATH... [options]", options, args,
                             &values, &flags.corpus)) {
    return *exit_code;
  }
  if (!CheckChoice(kCommand, "format", flags.format, {"table", "json"}))
    return kExitUsage;
  if (flags.bench.repetitions < 1 || flags.bench.warmup < 0 ||
      flags.repeat_inputs < 1 || flags.size_scaling < 0) {
    PrintError(kCommand,
               "--repetitions and --repeat-inputs must be 1 or more, "
               "--warmup and --size-scaling 0 or more");
    return kExitUsage;
  }
  for (const std::string& input : flags.corpus.inputs) {
    if (input == "-") {
      PrintError(kCommand,
                 "'-' (standard input) cannot be read more than once, and a "
                 "benchmark reads its inputs many times: save it to a file");
      return kExitUsage;
    }
  }
  std::optional<std::vector<scan::Engine>> engines =
      ParseEngines(flags.engines);
  if (!engines) return kExitUsage;
  flags.bench.engines = *engines;
  flags.bench.threads = flags.corpus.run.threads;
  flags.bench.scaling = !flags.no_scaling;
  flags.bench.stages = !flags.no_stages;
  flags.bench.ceiling = !flags.no_ceiling;
  flags.bench.ceiling_max_bytes = flags.ceiling_max_mb * 1000000;
  if (!flags.corpus.quiet) {
    flags.bench.on_phase = [](const std::string& phase) {
      std::cerr << "inboxsim bench: " << phase << "\n";
    };
  }

  int exit_code = kExitOk;
  std::optional<profile::Judge> judge =
      LoadJudge(kCommand, flags.profiles, true, &exit_code);
  if (!judge) return exit_code;
  flags.bench.engine = *scan::ParseEngine(flags.profiles.engine);  // loaded
  std::optional<profile::Population> population =
      LoadPopulationFor(kCommand, flags.profiles, *judge, &exit_code);
  if (exit_code != kExitOk) return exit_code;
  std::optional<profile::PopulationScorer> scorer;
  if (population) scorer.emplace(*population, judge->profiles());

  // The inputs are walked once; a corpus read N times over repeats what
  // the walk found.
  std::optional<io::CorpusPlan> given = PlanInputs(kCommand, flags.corpus);
  if (!given) return kExitInput;
  const io::CorpusPlan plan = Repeated(*given, flags.repeat_inputs);
  std::optional<io::CorpusPlan> larger;
  if (flags.size_scaling > 1) {
    larger = Repeated(*given, flags.repeat_inputs * flags.size_scaling);
    flags.bench.larger_plan = &*larger;
    flags.bench.larger_factor = flags.size_scaling;
  }
  flags.corpus.inputs =
      RepeatedInputs(flags.corpus.inputs, flags.repeat_inputs);  // as named

  engine::RunOptions run = flags.corpus.run;
  run.judge = &*judge;
  run.population = scorer ? &*scorer : nullptr;
  const bench::JudgeLoader load_judge = [&](scan::Engine engine,
                                            std::string* error) {
    ProfileFlags other = flags.profiles;
    other.engine = std::string(scan::EngineName(engine));
    int code = kExitOk;
    std::optional<profile::Judge> loaded =
        LoadJudge(kCommand, other, true, &code);
    if (!loaded) *error = "its profiles did not load (see above)";
    return loaded;
  };
  const bench::BenchResult result = bench::RunBenchmark(
      plan, run, population ? &*population : nullptr, flags.bench, load_judge);

  std::vector<std::string> names = InputNames(flags.corpus);
  const report::BenchSummary summary{result,
                                     bench::DescribeMachine(),
                                     std::move(names),
                                     &*judge,
                                     flags.bench.repetitions,
                                     flags.bench.warmup,
                                     population.has_value()};
  const nlohmann::json doc = report::BenchReportJson(summary);
  if (!flags.json_output.empty() && !WriteJson(doc, flags.json_output))
    return kExitOutput;
  if (flags.format == "json") {
    if (!WriteJson(doc, flags.output)) return kExitOutput;
  } else {
    Output output;
    if (!output.Open(flags.output)) return kExitOutput;
    report::WriteBenchTable(summary, output.stream());
    if (!output.Close()) return kExitOutput;
  }
  return AccountedExit(kCommand, result.tally);
}

}  // namespace inboxsim::cli
