#include "sim/cli/profile_options.h"

#include "sim/cli/command.h"

namespace inboxsim::cli {

void AddProfileOptions(po::options_description* options, ProfileFlags* flags) {
  options->add_options()("profiles,p", po::value(&flags->paths)->composing(),
                         "profile files or folders of them (repeatable)")(
      "engine", po::value(&flags->engine)->default_value(flags->engine),
      "regex engine: hyperscan | pcre2 | re2 | std (the last three one rule at "
      "a time, for comparison)")(
      "no-cache", po::bool_switch(&flags->no_cache),
      "compile the rules afresh; neither read nor write the database cache")(
      "cache-dir", po::value(&flags->cache_dir),
      "where compiled databases are cached (default $XDG_CACHE_HOME/inboxsim "
      "or ~/.cache/inboxsim)")(
      "match-limit",
      po::value(&flags->match_limit)->default_value(flags->match_limit),
      "PCRE2 match limit per attempt; a rule that hits it counts as no match "
      "and is reported")(
      "population", po::value(&flags->population),
      "population file (profiles/populations/*.toml) to place messages in; "
      "default: the shipped survey population when no --profiles is given")(
      "zone", po::value(&flags->zone_file),
      "DNS zone file (TXT, A, AAAA, MX, PTR records) that every profile's "
      "[auth] evaluates SPF and Sender ID against, instead of its own "
      "zone_file or the verdicts recorded in the headers");
}

std::optional<profile::Judge> LoadJudge(const std::string& command,
                                        const ProfileFlags& flags,
                                        bool default_to_shipped, int* exit_code,
                                        const scan::TuningSamples* tuning) {
  *exit_code = kExitOk;
  std::vector<std::string> paths = flags.paths;
  if (paths.empty()) {
    if (!default_to_shipped) return std::nullopt;
    paths.push_back(profile::DefaultProfilesPath());
  }
  const std::optional<scan::Engine> engine = scan::ParseEngine(flags.engine);
  if (!engine) {
    PrintError(command, "--engine must be hyperscan, pcre2, re2 or std, not '" +
                            flags.engine + "'");
    *exit_code = kExitUsage;
    return std::nullopt;
  }
  scan::CompileOptions compile;
  compile.engine = *engine;
  compile.use_cache = !flags.no_cache;
  compile.cache_dir = flags.cache_dir;
  compile.pcre2_match_limit = flags.match_limit;
  profile::LoadOptions load;
  load.zone_file = flags.zone_file;
  Result<profile::Judge> judge =
      profile::Judge::Load(paths, load, compile, tuning);
  if (!judge) {
    PrintError(command, judge.error().ToString());
    *exit_code = kExitInput;
    return std::nullopt;
  }
  return std::move(*judge);
}

std::optional<profile::Population> LoadPopulationFor(
    const std::string& command, const ProfileFlags& flags,
    const profile::Judge& judge, int* exit_code) {
  *exit_code = kExitOk;
  std::string path = flags.population;
  if (path.empty()) {
    if (!flags.paths.empty()) return std::nullopt;
    path = profile::DefaultPopulationPath();
  }
  Result<profile::Population> population =
      profile::LoadPopulation(path, judge.profiles());
  if (!population) {
    PrintError(command, population.error().ToString());
    *exit_code = kExitInput;
    return std::nullopt;
  }
  return std::move(*population);
}

}  // namespace inboxsim::cli
