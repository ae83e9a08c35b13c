// `inboxsim run PATH...`: read and parse a corpus, print the totals.
#include <chrono>
#include <iostream>

#include "sim/cli/command.h"
#include "sim/cli/options.h"
#include "sim/cli/profile_options.h"
#include "sim/engine/run.h"
#include "sim/io/corpus_plan.h"
#include "sim/report/run_report.h"

namespace inboxsim::cli {
namespace {

constexpr char kCommand[] = "run";

struct RunFlags {
  std::vector<std::string> inputs;
  std::vector<std::string> index_files;
  std::string format = "table";
  std::string output;
  std::string mbox_variant = "mboxrd";
  std::string from_line = "strict";
  bool no_path_labels = false;
  ProfileFlags profiles;
  engine::RunOptions run;
};

po::options_description DescribeOptions(RunFlags* flags) {
  mime::ParseLimits& limits = flags->run.limits;
  po::options_description options("run options");
  options.add_options()("input", po::value(&flags->inputs),
                        "corpus paths (positional)")(
      "index", po::value(&flags->index_files)->composing(),
      "TREC-style index file ('spam PATH' lines, paths relative to the file); "
      "repeatable")("threads,j",
                    po::value(&flags->run.threads)->default_value(0),
                    "worker threads (0: every core)")(
      "format", po::value(&flags->format)->default_value("table"),
      "report format: table|json|csv")(
      "output,o", po::value(&flags->output),
      "write the report to FILE instead of stdout")(
      "no-path-labels", po::bool_switch(&flags->no_path_labels),
      "do not take ham/spam labels from folder or file names")(
      "label-header",
      po::value(&flags->run.label_header)->default_value("X-Inboxsim-Label"),
      "header naming a message's label when its path gives none ('' to "
      "ignore)")("mbox-variant",
                 po::value(&flags->mbox_variant)->default_value("mboxrd"),
                 "how '>From ' lines were escaped: mboxrd|mboxo")(
      "from-line", po::value(&flags->from_line)->default_value("strict"),
      "mbox separator lines: strict (need a date) | loose (any 'From ' line)")(
      "max-message-bytes",
      po::value(&limits.max_message_bytes)
          ->default_value(limits.max_message_bytes),
      "larger messages fail with message_too_large")(
      "max-mime-depth",
      po::value(&limits.max_mime_depth)->default_value(limits.max_mime_depth),
      "deeper MIME nesting is not parsed (counted)")(
      "max-parts",
      po::value(&limits.max_parts)->default_value(limits.max_parts),
      "MIME parts per message (counted when hit)")(
      "max-header-fields",
      po::value(&limits.max_header_fields)
          ->default_value(limits.max_header_fields),
      "header fields per section (counted when hit)")(
      "max-urls", po::value(&limits.max_urls)->default_value(limits.max_urls),
      "URLs kept per message (counted when hit)")(
      "max-text-bytes",
      po::value(&limits.max_text_bytes)->default_value(limits.max_text_bytes),
      "decoded text kept per message (counted when hit)");
  return options;
}

std::optional<int> ValidateFlags(RunFlags* flags) {
  auto bad = [](const std::string& message) {
    PrintError(kCommand, message + "; see 'inboxsim run --help'");
    return kExitUsage;
  };
  if (flags->inputs.empty() && flags->index_files.empty()) {
    return bad("no input: give corpus paths, '-' for stdin, or --index FILE");
  }
  if (!CheckChoice(kCommand, "format", flags->format, {"table", "json", "csv"}))
    return kExitUsage;
  if (flags->run.threads < 0)
    return bad("--threads must be 0 (every core) or more");
  if (flags->mbox_variant == "mboxrd") {
    flags->run.reader.mbox_variant = io::MboxVariant::kMboxrd;
  } else if (flags->mbox_variant == "mboxo") {
    flags->run.reader.mbox_variant = io::MboxVariant::kMboxo;
  } else {
    return bad("--mbox-variant must be mboxrd or mboxo, not '" +
               flags->mbox_variant + "'");
  }
  if (flags->from_line == "strict") {
    flags->run.reader.from_rule = io::FromLineRule::kStrict;
  } else if (flags->from_line == "loose") {
    flags->run.reader.from_rule = io::FromLineRule::kLoose;
  } else {
    return bad("--from-line must be strict or loose, not '" + flags->from_line +
               "'");
  }
  const mime::ParseLimits& limits = flags->run.limits;
  if (limits.max_message_bytes == 0 || limits.max_mime_depth < 1 ||
      limits.max_parts < 1 || limits.max_header_fields == 0) {
    return bad("limits must be positive");
  }
  flags->run.reader.max_message_bytes = limits.max_message_bytes;
  return std::nullopt;
}

}  // namespace

int RunCommand(const std::vector<std::string>& args) {
  RunFlags flags;
  po::options_description options = DescribeOptions(&flags);
  AddProfileOptions(&options, &flags.profiles);
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map values;
  if (auto exit_code = ParseOptions(kCommand, "PATH... [options]", options,
                                    positional, args, &values)) {
    return *exit_code;
  }
  if (auto exit_code = ValidateFlags(&flags)) return *exit_code;

  // Profiles load (and compile) first; that time is reported under "scan"
  // (load_seconds, compile_seconds), apart from the run's elapsed time.
  int exit_code = kExitOk;
  std::optional<profile::Judge> judge =
      LoadJudge(kCommand, flags.profiles, false, &exit_code);
  if (exit_code != kExitOk) return exit_code;
  flags.run.judge = judge ? &*judge : nullptr;

  // Elapsed time covers planning (walking folders) as well as the run.
  const auto start = std::chrono::steady_clock::now();
  io::PlanOptions plan_options;
  plan_options.labels_from_paths = !flags.no_path_labels;
  plan_options.index_files = flags.index_files;
  Result<io::CorpusPlan> plan = io::PlanCorpus(flags.inputs, plan_options);
  if (!plan) {
    PrintError(kCommand, plan.error().ToString());
    return kExitInput;
  }
  Output output;
  if (!output.Open(flags.output)) return kExitOutput;

  const engine::RunResult result = engine::RunCorpus(*plan, flags.run);
  std::vector<std::string> inputs = flags.index_files;
  inputs.insert(inputs.end(), flags.inputs.begin(), flags.inputs.end());
  const double elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  const report::RunSummary summary{result.tally, elapsed_seconds,
                                   result.threads, inputs, flags.run.judge};
  if (flags.format == "json") {
    output.stream() << report::RunReportJson(summary).dump(
                           2, ' ', false,
                           nlohmann::json::error_handler_t::replace)
                    << "\n";
  } else if (flags.format == "csv") {
    report::WriteRunCsv(summary, output.stream());
  } else {
    report::WriteRunTable(summary, output.stream());
  }
  if (!output.Close()) return kExitOutput;
  if (!report::AccountingHolds(result.tally)) {
    PrintError(kCommand, "internal error: read != parsed + failed");
    return kExitInternal;
  }
  return kExitOk;
}

}  // namespace inboxsim::cli
