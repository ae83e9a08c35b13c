// `inboxsim gen`: write a deterministic synthetic corpus as an mbox.
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <sstream>

#include "corpora/generator/synthetic_corpus.h"
#include "sim/cli/command.h"
#include "sim/cli/options.h"

namespace inboxsim::cli {
namespace {

constexpr char kCommand[] = "gen";
// Messages generated per pipeline token: enough to amortise the hand-off.
constexpr uint64_t kMessagesPerChunk = 256;

}  // namespace

int GenCommand(const std::vector<std::string>& args) {
  gen::SyntheticCorpusOptions corpus;
  std::string output_path;
  bool no_label_header = false;
  int threads = 0;
  po::options_description options("gen options");
  options.add_options()("count,n",
                        po::value(&corpus.count)->default_value(corpus.count),
                        "messages to write")(
      "seed,s", po::value(&corpus.seed)->default_value(corpus.seed),
      "random seed: the same seed and options give the same bytes")(
      "spam-ratio,r",
      po::value(&corpus.spam_ratio)->default_value(corpus.spam_ratio),
      "share of spam, 0..1")(
      "spam-trigger-rate",
      po::value(&corpus.spam_trigger_rate)
          ->default_value(corpus.spam_trigger_rate),
      "share of spam with at least one trigger phrase, 0..1")(
      "ham-trigger-rate",
      po::value(&corpus.ham_trigger_rate)
          ->default_value(corpus.ham_trigger_rate),
      "share of ham with at least one trigger phrase, 0..1")(
      "no-label-header", po::bool_switch(&no_label_header),
      "do not write the X-Inboxsim-Label ground-truth header")(
      "threads,j", po::value(&threads)->default_value(0),
      "worker threads (0: every core)")("output,o",
                                        po::value(&output_path)->required(),
                                        "mbox file to write ('-' for stdout)");
  po::positional_options_description positional;
  po::variables_map values;
  if (auto exit_code = ParseOptions(
          kCommand, "--count N --seed S --spam-ratio R -o out.mbox", options,
          positional, args, &values)) {
    return *exit_code;
  }
  for (double rate :
       {corpus.spam_ratio, corpus.spam_trigger_rate, corpus.ham_trigger_rate}) {
    if (!(rate >= 0.0 && rate <= 1.0)) {
      PrintError(kCommand, "ratios and rates must lie in 0..1");
      return kExitUsage;
    }
  }
  if (threads < 0) {
    PrintError(kCommand, "--threads must be 0 (every core) or more");
    return kExitUsage;
  }
  corpus.label_header = !no_label_header;

  Output output;
  if (!output.Open(output_path)) return kExitOutput;
  const gen::SyntheticCorpus generator(corpus);
  // Messages are independent, so chunks are made in parallel and written in
  // order: the file is the same whatever the thread count.
  uint64_t next = 0;
  tbb::task_arena arena(threads > 0 ? threads
                                    : tbb::info::default_concurrency());
  arena.execute([&] {
    tbb::parallel_pipeline(
        4 * static_cast<size_t>(arena.max_concurrency()),
        tbb::make_filter<void, uint64_t>(
            tbb::filter_mode::serial_in_order,
            [&](tbb::flow_control& control) -> uint64_t {
              if (next >= corpus.count) {
                control.stop();
                return 0;
              }
              const uint64_t first = next;
              next += kMessagesPerChunk;
              return first;
            }) &
            tbb::make_filter<uint64_t, std::string>(
                tbb::filter_mode::parallel,
                [&](uint64_t first) {
                  std::ostringstream chunk;
                  const uint64_t end =
                      std::min(first + kMessagesPerChunk, corpus.count);
                  for (uint64_t i = first; i < end; ++i) {
                    gen::WriteMboxrdMessage(generator.Generate(i), chunk);
                  }
                  return std::move(chunk).str();
                }) &
            tbb::make_filter<std::string, void>(
                tbb::filter_mode::serial_in_order,
                [&](const std::string& chunk) { output.stream() << chunk; }));
  });
  if (!output.Close()) return kExitOutput;
  return kExitOk;
}

}  // namespace inboxsim::cli
