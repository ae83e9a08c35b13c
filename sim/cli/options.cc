#include "sim/cli/options.h"

#include <cerrno>
#include <cstring>

#include "sim/cli/command.h"

namespace inboxsim::cli {

void PrintError(const std::string& command, const std::string& message) {
  std::cerr << "inboxsim " << command << ": " << message << "\n";
}

bool CheckChoice(const std::string& command, const std::string& option,
                 const std::string& value,
                 std::initializer_list<std::string_view> allowed) {
  std::string list;
  size_t index = 0;
  for (std::string_view choice : allowed) {
    if (choice == value) return true;
    list += (index == 0                    ? ""
             : index + 1 == allowed.size() ? " or "
                                           : ", ") +
            std::string(choice);
    ++index;
  }
  PrintError(command, "--" + option + " must be " + list + ", not '" + value +
                          "'; see 'inboxsim " + command + " --help'");
  return false;
}

std::optional<int> ParseOptions(
    const std::string& command, const std::string& synopsis,
    const po::options_description& options,
    const po::positional_options_description& positional,
    const std::vector<std::string>& args, po::variables_map* values) {
  po::options_description all = options;
  all.add_options()("help,h", "show this help");
  try {
    po::store(
        po::command_line_parser(args).options(all).positional(positional).run(),
        *values);
    if (values->count("help")) {
      std::cout << "usage: inboxsim " << command << " " << synopsis << "\n\n"
                << all << "\n";
      return kExitOk;
    }
    po::notify(*values);
  } catch (const po::error& error) {
    // Boost's own words name the option and what was wrong with it.
    PrintError(command, std::string(error.what()) + "; see 'inboxsim " +
                            command + " --help'");
    return kExitUsage;
  }
  return std::nullopt;
}

bool Output::Open(const std::string& path) {
  path_ = path;
  if (path.empty() || path == "-") return true;
  file_ =
      std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
  if (!*file_) {
    std::cerr << "inboxsim: cannot write " << path << ": "
              << std::strerror(errno) << "\n";
    file_.reset();
    return false;
  }
  return true;
}

bool Output::Close() {
  std::ostream& out = stream();
  out.flush();
  if (!out) {
    std::cerr << "inboxsim: writing "
              << (path_.empty() ? "standard output" : path_) << " failed\n";
    return false;
  }
  if (file_) file_->close();
  return true;
}

}  // namespace inboxsim::cli
