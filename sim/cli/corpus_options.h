// Options every command that reads a corpus shares (`run`, `train`): the
// inputs, how labels are found, mbox dialect, parse limits and threads, and
// the planning of the inputs they name.
//
//   CorpusFlags corpus;
//   AddCorpusOptions(&options, &corpus);   // before ParseOptions
//   if (auto code = ValidateCorpusFlags(kCommand, &corpus)) return *code;
//   std::optional<io::CorpusPlan> plan = PlanInputs(kCommand, corpus);
//   engine::RunCorpus(*plan, corpus.run);
#ifndef INBOXSIM_CLI_CORPUS_OPTIONS_H_
#define INBOXSIM_CLI_CORPUS_OPTIONS_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/cli/options.h"
#include "sim/cli/progress.h"
#include "sim/engine/run.h"
#include "sim/io/corpus_plan.h"

namespace inboxsim::cli {

struct CorpusFlags {
  std::vector<std::string> inputs;  // positional "input"
  std::vector<std::string> index_files;
  std::string mbox_variant = "mboxrd";
  std::string from_line = "strict";
  bool no_path_labels = false;
  bool quiet = false;      // --quiet: no progress line
  engine::RunOptions run;  // threads, reader and limits filled in by
                           // ValidateCorpusFlags
};

// Adds the corpus options, "input" among them: the caller makes it
// positional (positional.add("input", -1)).
void AddCorpusOptions(po::options_description* options, CorpusFlags* flags);

// Checks the values and copies them into `flags->run`. On a bad value prints
// why and returns kExitUsage; nullopt means they are fine.
std::optional<int> ValidateCorpusFlags(const std::string& command,
                                       CorpusFlags* flags);

// The start of every command that reads a corpus: parses `args` against
// `options` (which must hold AddCorpusOptions'), the positional arguments
// being the inputs, then ValidateCorpusFlags. An exit code to return
// (--help, a usage error), or nullopt to go on.
std::optional<int> ParseCorpusCommand(const std::string& command,
                                      const std::string& synopsis,
                                      const po::options_description& options,
                                      const std::vector<std::string>& args,
                                      po::variables_map* values,
                                      CorpusFlags* flags);

// The end of a run: kExitOk when every message read is accounted for
// (read == parsed + failed), else an internal error, printed: kExitInternal.
int AccountedExit(const std::string& command, const report::Tally& tally);

// The inputs --index files first, then the positional paths: how reports
// name what was read.
std::vector<std::string> InputNames(const CorpusFlags& flags);

// Plans the inputs (walks folders, reads index files). On failure prints the
// error naming the path (and line) and returns nullopt: exit kExitInput.
std::optional<io::CorpusPlan> PlanInputs(const std::string& command,
                                         const CorpusFlags& flags);

// A progress line on stderr while `plan` runs, when stderr is a terminal
// and --quiet was not given (else nullptr); wired into `run`'s
// on_progress. The line clears when the returned object is destroyed.
std::unique_ptr<ProgressLine> StartProgress(const std::string& command,
                                            const CorpusFlags& flags,
                                            const io::CorpusPlan& plan,
                                            engine::RunOptions* run);

}  // namespace inboxsim::cli

#endif  // INBOXSIM_CLI_CORPUS_OPTIONS_H_
