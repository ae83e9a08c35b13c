#include "sim/cli/corpus_options.h"

#include <unistd.h>

#include <filesystem>

#include "sim/cli/command.h"
#include "sim/report/run_report.h"

namespace inboxsim::cli {

void AddCorpusOptions(po::options_description* options, CorpusFlags* flags) {
  mime::ParseLimits& limits = flags->run.limits;
  options->add_options()("input", po::value(&flags->inputs),
                         "corpus paths (positional)")(
      "index", po::value(&flags->index_files)->composing(),
      "TREC-style index file ('spam PATH' lines, paths relative to the file); "
      "repeatable")("threads,j",
                    po::value(&flags->run.threads)->default_value(0),
                    "worker threads (0: every core)")(
      "quiet,q", po::bool_switch(&flags->quiet),
      "no progress line on stderr (it is drawn only when stderr is a "
      "terminal anyway)")(
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
      "max-header-field-bytes",
      po::value(&limits.max_header_field_bytes)
          ->default_value(limits.max_header_field_bytes),
      "bytes kept of one header field; longer ones are cut (counted when "
      "hit)")("max-urls",
              po::value(&limits.max_urls)->default_value(limits.max_urls),
              "URLs kept per message (counted when hit)")(
      "max-text-bytes",
      po::value(&limits.max_text_bytes)->default_value(limits.max_text_bytes),
      "decoded text kept per message (counted when hit)")(
      "max-archive-members",
      po::value(&limits.max_archive_members)
          ->default_value(limits.max_archive_members),
      "file names listed per attached archive (counted when hit)");
}

std::optional<int> ValidateCorpusFlags(const std::string& command,
                                       CorpusFlags* flags) {
  auto bad = [&](const std::string& message) {
    PrintError(command, message + "; see 'inboxsim " + command + " --help'");
    return kExitUsage;
  };
  if (flags->inputs.empty() && flags->index_files.empty()) {
    return bad("no input: give corpus paths, '-' for stdin, or --index FILE");
  }
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
      limits.max_parts < 1 || limits.max_header_fields == 0 ||
      limits.max_header_field_bytes == 0) {
    return bad("limits must be positive");
  }
  flags->run.reader.max_message_bytes = limits.max_message_bytes;
  return std::nullopt;
}

std::optional<int> ParseCorpusCommand(const std::string& command,
                                      const std::string& synopsis,
                                      const po::options_description& options,
                                      const std::vector<std::string>& args,
                                      po::variables_map* values,
                                      CorpusFlags* flags) {
  po::positional_options_description positional;
  positional.add("input", -1);
  if (auto exit_code =
          ParseOptions(command, synopsis, options, positional, args, values)) {
    return exit_code;
  }
  return ValidateCorpusFlags(command, flags);
}

int AccountedExit(const std::string& command, const report::Tally& tally) {
  if (report::AccountingHolds(tally)) return kExitOk;
  PrintError(command, "internal error: read != parsed + failed");
  return kExitInternal;
}

std::vector<std::string> InputNames(const CorpusFlags& flags) {
  std::vector<std::string> inputs = flags.index_files;
  inputs.insert(inputs.end(), flags.inputs.begin(), flags.inputs.end());
  return inputs;
}

std::optional<io::CorpusPlan> PlanInputs(const std::string& command,
                                         const CorpusFlags& flags) {
  io::PlanOptions plan_options;
  plan_options.labels_from_paths = !flags.no_path_labels;
  plan_options.index_files = flags.index_files;
  Result<io::CorpusPlan> plan = io::PlanCorpus(flags.inputs, plan_options);
  if (!plan) {
    PrintError(command, plan.error().ToString());
    return std::nullopt;
  }
  return std::move(plan).value();
}

std::unique_ptr<ProgressLine> StartProgress(const std::string& command,
                                            const CorpusFlags& flags,
                                            const io::CorpusPlan& plan,
                                            engine::RunOptions* run) {
  if (flags.quiet || !isatty(STDERR_FILENO)) return nullptr;
  // The ETA needs the bytes to come; compressed or piped input hides them.
  uint64_t total = 0;
  for (const io::InputSource& source : plan.sources) {
    std::error_code error;
    const std::filesystem::path path(source.path);
    const std::string extension = path.extension().string();
    const uintmax_t size = std::filesystem::file_size(path, error);
    if (source.path == "-" || error || extension == ".gz" ||
        extension == ".bz2" || extension == ".xz" || extension == ".zst") {
      total = 0;
      break;
    }
    total += size;
  }
  auto progress = std::make_unique<ProgressLine>(command, total);
  ProgressLine* line = progress.get();
  run->on_progress = [line](uint64_t messages, uint64_t bytes) {
    line->Update(messages, bytes);
  };
  return progress;
}

}  // namespace inboxsim::cli
