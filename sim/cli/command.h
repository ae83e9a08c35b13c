// The command line: `inboxsim COMMAND [options]`. Each command is a thin
// layer that turns options into library calls and reports into output.
#ifndef INBOXSIM_CLI_COMMAND_H_
#define INBOXSIM_CLI_COMMAND_H_

#include <string>
#include <vector>

namespace inboxsim::cli {

// Exit codes, documented in `inboxsim --help` and the README.
enum ExitCode : int {
  kExitOk = 0,        // the command ran; per-message failures are in the report
  kExitInternal = 1,  // a bug or an unexpected exception
  kExitUsage = 2,     // unknown command or option, or a value out of range
  kExitInput = 3,     // an input path or index file that cannot be used
  kExitOutput = 4,    // the report or corpus could not be written
};

// Every command: arguments after the command name; returns an ExitCode.
int RunCommand(const std::vector<std::string>& args);
int GenCommand(const std::vector<std::string>& args);
int TrainCommand(const std::vector<std::string>& args);
int CheckCommand(const std::vector<std::string>& args);
int CompareCommand(const std::vector<std::string>& args);
int EvalCommand(const std::vector<std::string>& args);
int ProfilesCommand(const std::vector<std::string>& args);
int BenchCommand(const std::vector<std::string>& args);
int TuneCommand(const std::vector<std::string>& args);

// Text of `inboxsim --help`.
std::string MainHelp();

}  // namespace inboxsim::cli

#endif  // INBOXSIM_CLI_COMMAND_H_
