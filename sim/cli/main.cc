#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "sim/cli/command.h"

namespace inboxsim::cli {

std::string MainHelp() {
  return R"(usage: inboxsim COMMAND [options]

Simulates inbound email filtering offline: reads a corpus, parses every
message, and reports what happened to each one.

commands:
  run PATH...       read and parse a corpus (mbox, Maildir, folders, files, '-'
                    for stdin, any of them .gz/.bz2/.xz/.zst), print the totals;
                    with --profiles, where each profile puts the messages and why
  check MESSAGE     every profile's verdict on one message, the rules that fired,
                    the population estimate and advice
  compare A B...    variants (messages or corpora) side by side across the
                    profiles and the population, with the rules that differ
  eval CORPUS...    SpamAssassin mass-check style evaluation on a labelled
                    corpus: per-rule hit frequencies (hit-frequencies columns),
                    per-profile confusion matrix, ROC, AUC, threshold for a
                    target false-positive rate; --hits-out for per-message hits
  profiles check    validate profiles (file:line, rule and reason for any error)
  bench PATH...     benchmark the main job on a corpus: messages/s and MB/s
                    (median of repetitions), time per stage, the raw-scan
                    ceiling, thread scaling, each engine, peak memory
  tune PATH...      measure the rules on a sample of a corpus and put the
                    costliest behind exact prefilters where that pays; kept
                    in the cache for every later run with the same rules
  gen               write a deterministic synthetic corpus (mbox)
  train CORPUS... -o MODEL
                    train a token model (per-token spam/ham counts, scored
                    Robinson/Fisher style) on a labelled corpus; --holdout P
                    reports its accuracy and AUC on held-back messages

Every command takes --help.

options:
  --help        this text
  --version     the version

exit codes:
  0  the command ran (messages that failed to parse are counted, not fatal)
  1  internal error (a bug: please report it)
  2  usage error: unknown command or option, or a bad option value
  3  input error: an input path or index file that cannot be used
  4  output error: the report or corpus could not be written
)";
}

}  // namespace inboxsim::cli

int main(int argc, char** argv) {
  using namespace inboxsim::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.empty()) {
      std::cerr << MainHelp();
      return kExitUsage;
    }
    const std::string command = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "--help" || command == "-h" || command == "help") {
      std::cout << MainHelp();
      return kExitOk;
    }
    if (command == "--version") {
      std::cout << "inboxsim " << INBOXSIM_VERSION << "\n";
      return kExitOk;
    }
    if (command == "run") return RunCommand(rest);
    if (command == "gen") return GenCommand(rest);
    if (command == "train") return TrainCommand(rest);
    if (command == "check") return CheckCommand(rest);
    if (command == "compare") return CompareCommand(rest);
    if (command == "eval") return EvalCommand(rest);
    if (command == "profiles") return ProfilesCommand(rest);
    if (command == "bench") return BenchCommand(rest);
    if (command == "tune") return TuneCommand(rest);
    std::cerr << "inboxsim: unknown command '" << command
              << "'; see 'inboxsim --help'\n";
    return kExitUsage;
  } catch (const std::exception& error) {
    std::cerr << "inboxsim: internal error: " << error.what() << "\n";
    return kExitInternal;
  } catch (...) {
    std::cerr << "inboxsim: internal error: unknown exception\n";
    return kExitInternal;
  }
}
