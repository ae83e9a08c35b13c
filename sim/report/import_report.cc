#include "sim/report/import_report.h"

#include <cstdio>
#include <string>

namespace inboxsim::report {
namespace {

constexpr const char* kModeKeys[] = {"native", "prefiltered", "pcre2_only",
                                     "unsupported", "evaluated"};

const char* ModeKey(const profile::Judge& judge, uint32_t rule) {
  if (judge.profiles().catalog.rules[rule].check !=
      profile::CheckKind::kPattern)
    return "evaluated";
  switch (judge.scanner().mode(rule)) {
    case scan::PatternMode::kNative:
      return "native";
    case scan::PatternMode::kPrefiltered:
      return "prefiltered";
    case scan::PatternMode::kPcre2Only:
      return "pcre2_only";
    case scan::PatternMode::kUnsupported:
      return "unsupported";
  }
  return "unsupported";
}

}  // namespace

nlohmann::json SpamAssassinImportsJson(const profile::Judge& judge) {
  nlohmann::json imports = nlohmann::json::array();
  for (const profile::SpamAssassinImport& import :
       judge.profiles().spamassassin) {
    nlohmann::json by_kind = nlohmann::json::object();
    for (const auto& [rule, kind] : import.rules) {
      nlohmann::json& counts = by_kind[kind];
      if (counts.is_null()) {
        counts["rules"] = 0;
        for (const char* key : kModeKeys) counts[key] = 0;
      }
      counts["rules"] = counts["rules"].get<size_t>() + 1;
      const char* mode = ModeKey(judge, rule);
      counts[mode] = counts[mode].get<size_t>() + 1;
    }
    nlohmann::json by_type = nlohmann::json::object();
    for (const auto& [type, count] : import.unsupported_by_type)
      by_type[type] = count;
    imports.push_back({{"path", import.path},
                       {"profile", import.profile},
                       {"score_set", import.score_set},
                       {"imported", import.rules.size()},
                       {"scored", import.scored},
                       {"disabled", import.disabled},
                       {"by_kind", std::move(by_kind)},
                       {"unsupported_by_type", std::move(by_type)},
                       {"unsupported", import.unsupported}});
  }
  return imports;
}

void WriteSpamAssassinImports(const nlohmann::json& imports,
                              bool list_unsupported, std::ostream& out) {
  for (const nlohmann::json& import : imports) {
    out << "spamassassin " << import["path"].get<std::string>() << " (profile "
        << import["profile"].get<std::string>() << ", score set "
        << import["score_set"].get<int>()
        << "): " << import["imported"].get<size_t>() << " rules imported, "
        << import["scored"].get<size_t>() << " scored, "
        << import["disabled"].get<size_t>()
        << " off (score 0 in the set, as SpamAssassin skips them)\n";
    char line[160];
    std::snprintf(line, sizeof line, "  %-8s %6s %9s %11s %10s %11s %9s\n",
                  "kind", "rules", "hyperscan", "prefiltered", "pcre2/re2",
                  "unsupported", "evaluated");
    out << line;
    for (const auto& [kind, counts] : import["by_kind"].items()) {
      std::snprintf(
          line, sizeof line, "  %-8s %6zu %9zu %11zu %10zu %11zu %9zu\n",
          kind.c_str(), counts["rules"].get<size_t>(),
          counts["native"].get<size_t>(), counts["prefiltered"].get<size_t>(),
          counts["pcre2_only"].get<size_t>(),
          counts["unsupported"].get<size_t>(),
          counts["evaluated"].get<size_t>());
      out << line;
    }
    const nlohmann::json& unsupported = import["unsupported"];
    out << "  not imported: " << unsupported.size() << " rules";
    const char* separator = " (";
    for (const auto& [type, count] : import["unsupported_by_type"].items()) {
      out << separator << type << " " << count.get<size_t>();
      separator = ", ";
    }
    out << (unsupported.empty() ? "" : ")") << "\n";
    if (list_unsupported) {
      for (const nlohmann::json& entry : unsupported)
        out << "    " << entry.get<std::string>() << "\n";
    } else if (!unsupported.empty()) {
      out << "  (--list-unsupported names each with its reason)\n";
    }
  }
}

}  // namespace inboxsim::report
