// Options every command that judges messages shares: which profiles, which
// regex engine, the compiled-database cache, the DNS zone for SPF.
#ifndef INBOXSIM_CLI_PROFILE_OPTIONS_H_
#define INBOXSIM_CLI_PROFILE_OPTIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "sim/cli/options.h"
#include "sim/profile/judge.h"
#include "sim/profile/population.h"

namespace inboxsim::cli {

struct ProfileFlags {
  std::vector<std::string> paths;  // --profiles; empty: see default_to_shipped
  std::string engine = "hyperscan";
  bool no_cache = false;
  std::string cache_dir;
  uint32_t match_limit = scan::CompileOptions{}.pcre2_match_limit;
  std::string zone_file;   // --zone
  std::string population;  // --population FILE
};

void AddProfileOptions(po::options_description* options, ProfileFlags* flags);

// Loads and compiles the profiles; with no --profiles, the shipped ones when
// `default_to_shipped`, else nullopt without error. On failure prints the
// error (file:line, rule, reason) and sets `exit_code`. With `tuning`, each
// target's databases are tuned on its texts (scan::TuningSamples).
std::optional<profile::Judge> LoadJudge(
    const std::string& command, const ProfileFlags& flags,
    bool default_to_shipped, int* exit_code,
    const scan::TuningSamples* tuning = nullptr);

// The population to place messages in: --population FILE, else the shipped
// default when the profiles are the shipped ones (no --profiles), else
// none. On failure prints the error (file:line) and sets `exit_code`.
std::optional<profile::Population> LoadPopulationFor(
    const std::string& command, const ProfileFlags& flags,
    const profile::Judge& judge, int* exit_code);

}  // namespace inboxsim::cli

#endif  // INBOXSIM_CLI_PROFILE_OPTIONS_H_
