// `inboxsim profiles check [FILES]`: load and compile profiles, report what
// would run and how, and fail with file:line, rule and reason on any error.
#include <iostream>

#include "sim/cli/command.h"
#include "sim/cli/options.h"
#include "sim/cli/profile_options.h"
#include "sim/report/import_report.h"
#include "sim/report/run_report.h"

namespace inboxsim::cli {
namespace {

constexpr char kCommand[] = "profiles check";

}  // namespace

int ProfilesCommand(const std::vector<std::string>& args) {
  if (args.empty() || args.front() != "check") {
    if (!args.empty() && (args.front() == "--help" || args.front() == "-h")) {
      std::cout
          << "usage: inboxsim profiles check [FILES_OR_FOLDERS...] [options]\n";
      return kExitOk;
    }
    PrintError(
        "profiles",
        "expected 'profiles check [FILES]'; see 'inboxsim profiles --help'");
    return kExitUsage;
  }
  ProfileFlags flags;
  std::string format = "table";
  bool list_unsupported = false;
  po::options_description options("profiles check options");
  options.add_options()("files", po::value(&flags.paths),
                        "profiles to check (positional)")(
      "format", po::value(&format)->default_value("table"), "table|json")(
      "list-unsupported", po::bool_switch(&list_unsupported),
      "name every SpamAssassin rule that was not imported, with its reason");
  AddProfileOptions(&options, &flags);
  po::positional_options_description positional;
  positional.add("files", -1);
  po::variables_map values;
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (auto exit_code = ParseOptions(kCommand, "[FILES_OR_FOLDERS...] [options]",
                                    options, positional, rest, &values)) {
    return *exit_code;
  }
  if (!CheckChoice(kCommand, "format", format, {"table", "json"}))
    return kExitUsage;
  int exit_code = kExitOk;
  std::optional<profile::Judge> judge =
      LoadJudge(kCommand, flags, true, &exit_code);
  if (!judge) return exit_code;

  const profile::ProfileSet& set = judge->profiles();
  const report::Tally no_messages;
  const nlohmann::json scan = report::ScanJson(*judge, no_messages);
  if (format == "json") {
    nlohmann::json doc;
    doc["schema_version"] = report::kRunSchemaVersion;
    doc["ok"] = true;
    doc["engine"] = flags.engine;
    doc["scan"] = scan;
    doc["spamassassin"] = report::SpamAssassinImportsJson(*judge);
    doc["profiles"] = nlohmann::json::array();
    for (const profile::Profile& profile : set.profiles) {
      doc["profiles"].push_back({{"name", profile.name},
                                 {"path", profile.path},
                                 {"rules", profile.rules.size()},
                                 {"thresholds",
                                  {{"junk", profile.junk_threshold},
                                   {"reject", profile.reject_threshold}}}});
    }
    std::cout << doc.dump(2, ' ', false,
                          nlohmann::json::error_handler_t::replace)
              << "\n";
    return kExitOk;
  }
  std::cout << set.profiles.size() << " profile"
            << (set.profiles.size() == 1 ? "" : "s") << ", "
            << set.catalog.rules.size() << " distinct rules, loaded in "
            << judge->load_seconds() << " s\n";
  for (const profile::Profile& profile : set.profiles) {
    std::cout << "  " << profile.name << ": " << profile.rules.size()
              << " rules, junk >= " << profile.junk_threshold
              << ", reject >= " << profile.reject_threshold << "  ("
              << profile.path << ")\n";
  }
  char compile_seconds[32];
  std::snprintf(compile_seconds, sizeof compile_seconds, "%.3f",
                scan["compile_seconds"].get<double>());
  std::cout << "engine " << flags.engine << ": " << scan["native"]
            << " native, " << scan["prefiltered"]
            << " prefiltered + PCRE2 check, " << scan["pcre2_only"]
            << " PCRE2 only, " << scan["unsupported"].size()
            << " unsupported; compiled in " << compile_seconds << " s ("
            << (scan["cache_hit"] ? "cache hit" : "cache miss") << ")\n";
  for (const auto& entry : scan["unsupported"]) {
    std::cout << "  unsupported by " << flags.engine << ": "
              << entry["where"].get<std::string>() << " rule "
              << entry["rule"].get<std::string>() << ": "
              << entry["reason"].get<std::string>() << "\n";
  }
  report::WriteSpamAssassinImports(report::SpamAssassinImportsJson(*judge),
                                   list_unsupported, std::cout);
  std::cout << "ok\n";
  return kExitOk;
}

}  // namespace inboxsim::cli
