// Boost.Program_options glue shared by the commands: parsing with errors
// turned into usage messages, and the output file convention ("-" = stdout).
#ifndef INBOXSIM_CLI_OPTIONS_H_
#define INBOXSIM_CLI_OPTIONS_H_

#include <boost/program_options.hpp>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace inboxsim::cli {

namespace po = boost::program_options;

// Parses `args` into `values`. On --help prints the usage and returns
// kExitOk through `exit_code`; on a bad option prints why and returns
// kExitUsage. nullopt from `exit_code` means: go on and run.
std::optional<int> ParseOptions(
    const std::string& command, const std::string& synopsis,
    const po::options_description& options,
    const po::positional_options_description& positional,
    const std::vector<std::string>& args, po::variables_map* values);

// An output stream for `path` ("" or "-": standard output); nullptr with a
// message on stderr when the file cannot be created.
class Output {
 public:
  bool Open(const std::string& path);
  std::ostream& stream() { return file_ ? *file_ : std::cout; }
  // Flushes and checks that everything was written; prints why not.
  bool Close();

 private:
  std::string path_;
  std::unique_ptr<std::ofstream> file_;
};

// True when `value` is one of `allowed`; else prints "--OPTION must be a, b
// or c, not 'value'" and returns false.
bool CheckChoice(const std::string& command, const std::string& option,
                 const std::string& value,
                 std::initializer_list<std::string_view> allowed);

// Prints "inboxsim COMMAND: message" to stderr.
void PrintError(const std::string& command, const std::string& message);

}  // namespace inboxsim::cli

#endif  // INBOXSIM_CLI_OPTIONS_H_
