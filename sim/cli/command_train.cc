// `inboxsim train CORPUS... -o MODEL`: a token model from a labelled corpus,
// with an optional holdout evaluation.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "sim/cli/command.h"
#include "sim/cli/corpus_options.h"
#include "sim/cli/options.h"
#include "sim/engine/train.h"
#include "sim/model/model_file.h"

namespace inboxsim::cli {
namespace {

constexpr char kCommand[] = "train";

struct TrainFlags {
  CorpusFlags corpus;
  std::string output;
  engine::TrainCorpusOptions train;
};

po::options_description DescribeOptions(TrainFlags* flags) {
  po::options_description options("train options");
  options.add_options()("output,o", po::value(&flags->output)->required(),
                        "the model file to write")(
      "min-count",
      po::value(&flags->train.train.min_count)
          ->default_value(flags->train.train.min_count),
      "keep tokens seen in at least N training messages")(
      "holdout", po::value(&flags->train.holdout)->default_value(0),
      "share of labelled messages (0..1) held back, chosen by a hash of "
      "their bytes, and scored with the new model: prints accuracy and AUC")(
      "threshold",
      po::value(&flags->train.threshold)->default_value(flags->train.threshold),
      "held-back messages scoring at least this count as called spam");
  AddCorpusOptions(&options, &flags->corpus);
  return options;
}

void PrintSummary(const engine::TrainCorpusResult& result,
                  const std::string& path, size_t file_bytes,
                  uint32_t min_count, std::ostream& out) {
  const model::TrainStats& stats = result.stats;
  char line[256];
  std::snprintf(line, sizeof line, "trained on     %llu spam, %llu ham\n",
                static_cast<unsigned long long>(stats.spam_messages),
                static_cast<unsigned long long>(stats.ham_messages));
  out << line;
  std::snprintf(line, sizeof line,
                "skipped        %llu unlabelled, %llu failed to parse\n",
                static_cast<unsigned long long>(stats.unlabelled_messages),
                static_cast<unsigned long long>(result.tally.failed()));
  out << line;
  std::snprintf(line, sizeof line,
                "features       %llu kept of %llu seen (in >= %u messages)\n",
                static_cast<unsigned long long>(stats.features_kept),
                static_cast<unsigned long long>(stats.features_seen),
                min_count);
  out << line;
  std::snprintf(line, sizeof line, "written        %s (%.1f MB)\n",
                path.c_str(), static_cast<double>(file_bytes) / 1e6);
  out << line;
  if (result.evaluation) {
    const model::Evaluation& eval = *result.evaluation;
    std::snprintf(
        line, sizeof line,
        "held back      %llu spam, %llu ham: accuracy %.4f at %.2f "
        "(%llu false positives, %llu false negatives), AUC %.4f\n",
        static_cast<unsigned long long>(eval.spam),
        static_cast<unsigned long long>(eval.ham), eval.accuracy,
        eval.threshold, static_cast<unsigned long long>(eval.false_positives),
        static_cast<unsigned long long>(eval.false_negatives), eval.auc);
    out << line;
  }
  std::snprintf(line, sizeof line, "elapsed        %.2f s on %d thread%s\n",
                result.elapsed_seconds, result.threads,
                result.threads == 1 ? "" : "s");
  out << line;
}

}  // namespace

int TrainCommand(const std::vector<std::string>& args) {
  TrainFlags flags;
  po::options_description options = DescribeOptions(&flags);
  po::variables_map values;
  if (auto exit_code =
          ParseCorpusCommand(kCommand, "CORPUS... -o MODEL [options]", options,
                             args, &values, &flags.corpus)) {
    return *exit_code;
  }
  const double holdout = flags.train.holdout;
  if (!(holdout >= 0.0 && holdout < 1.0)) {
    PrintError(kCommand,
               "--holdout must lie in [0, 1), not " + std::to_string(holdout));
    return kExitUsage;
  }
  if (flags.train.train.min_count < 1) {
    PrintError(kCommand, "--min-count must be 1 or more");
    return kExitUsage;
  }

  std::optional<io::CorpusPlan> plan = PlanInputs(kCommand, flags.corpus);
  if (!plan) return kExitInput;
  flags.train.run = flags.corpus.run;
  std::unique_ptr<ProgressLine> progress =
      StartProgress(kCommand, flags.corpus, *plan, &flags.train.run);
  Result<engine::TrainCorpusResult> result =
      engine::TrainCorpus(*plan, flags.train);
  progress.reset();
  if (!result) {
    PrintError(kCommand, result.error().ToString());
    return kExitInput;
  }
  if (Status saved = model::SaveTokenModel(result->model, flags.output);
      !saved) {
    PrintError(kCommand, saved.error().ToString());
    return kExitOutput;
  }
  std::error_code size_error;
  const uintmax_t file_bytes =
      std::filesystem::file_size(flags.output, size_error);
  PrintSummary(*result, flags.output, size_error ? 0 : file_bytes,
               flags.train.train.min_count, std::cout);
  return kExitOk;
}

}  // namespace inboxsim::cli
