#include "sim/report/population_report.h"

#include <algorithm>
#include <cstdio>

namespace inboxsim::report {
namespace {

constexpr size_t kTopReasons = 10;

struct Reason {
  uint32_t rule = 0;
  double junk = 0;  // share of (message, receiver) pairs
  double reject = 0;
};

double Whole() { return static_cast<double>(profile::kPopulationWhole); }

uint64_t Messages(const Tally& tally) {
  uint64_t messages = 0;
  for (Label label : kReportedLabels) messages += tally.population_messages(label);
  return messages;
}

std::vector<Reason> TopReasons(const Tally& tally,
                               const profile::ProfileSet& profiles) {
  const double pairs = static_cast<double>(Messages(tally)) * Whole();
  std::vector<Reason> reasons;
  if (pairs == 0) return reasons;
  for (uint32_t rule = 0; rule < profiles.catalog.rules.size(); ++rule) {
    const uint64_t junk = tally.population_reason(rule, Action::kJunk);
    const uint64_t reject = tally.population_reason(rule, Action::kReject);
    if (junk + reject == 0) continue;
    reasons.push_back({rule, static_cast<double>(junk) / pairs,
                       static_cast<double>(reject) / pairs});
  }
  std::stable_sort(reasons.begin(), reasons.end(),
                   [](const Reason& a, const Reason& b) {
                     return a.junk + a.reject > b.junk + b.reject;
                   });
  if (reasons.size() > kTopReasons) reasons.resize(kTopReasons);
  return reasons;
}

}  // namespace

Proportion PopulationShare(const Tally& tally, Label label, Action action) {
  const uint64_t messages = tally.population_messages(label);
  if (messages == 0) return WilsonIntervalOfShare(0, 0);
  return WilsonIntervalOfShare(
      static_cast<double>(tally.population_parts(label, action)) /
          (static_cast<double>(messages) * Whole()),
      messages);
}

Proportion PopulationShare(const Tally& tally, Action action) {
  const uint64_t messages = Messages(tally);
  uint64_t parts = 0;
  for (Label label : kReportedLabels) parts += tally.population_parts(label, action);
  if (messages == 0) return WilsonIntervalOfShare(0, 0);
  return WilsonIntervalOfShare(
      static_cast<double>(parts) / (static_cast<double>(messages) * Whole()),
      messages);
}

nlohmann::json PopulationJson(const Tally& tally,
                              const profile::Population& population,
                              const profile::ProfileSet& profiles) {
  nlohmann::json doc;
  doc["name"] = population.name;
  doc["description"] = population.description;
  doc["path"] = population.path;
  doc["assumption"] = population.assumption;
  doc["messages"] = Messages(tally);
  for (Action action : kActions)
    doc[std::string(ActionName(action))] =
        ProportionJson(PopulationShare(tally, action));
  for (Label label : kReportedLabels) {
    if (tally.population_messages(label) == 0) continue;
    nlohmann::json& row = doc["by_label"][std::string(LabelName(label))];
    for (Action action : kActions)
      row[std::string(ActionName(action))] =
          ProportionJson(PopulationShare(tally, label, action));
  }
  nlohmann::json& practices = doc["practices"];
  for (profile::Practice practice : profile::kPractices) {
    practices[std::string(profile::PracticeName(practice))] =
        population.practice_shares[static_cast<int>(practice)];
  }
  practices["no_filter"] = population.no_filter_share;
  nlohmann::json& members = doc["members"];
  members = nlohmann::json::array();
  for (const profile::PopulationMember& member : population.members) {
    nlohmann::json stack = nlohmann::json::array();
    for (uint32_t p : member.stack) stack.push_back(profiles.profiles[p].name);
    members.push_back(
        {{"label", member.label},
         {"stack", stack},
         {"weight", static_cast<double>(member.weight) / Whole()}});
  }
  nlohmann::json& reasons = doc["top_reasons"];
  reasons = nlohmann::json::array();
  for (const Reason& reason : TopReasons(tally, profiles)) {
    const profile::Rule& rule = profiles.catalog.rules[reason.rule];
    const RuleExample& example = tally.rule_example(reason.rule);
    reasons.push_back(
        {{"id", rule.id},
         {"family", std::string(profile::FamilyName(rule.family))},
         {"description", rule.description},
         {"junk", reason.junk},
         {"reject", reason.reject},
         {"example", {{"where", example.where}, {"reason", example.reason}}}});
  }
  return doc;
}

void WritePopulationTable(const Tally& tally,
                          const profile::Population& population,
                          const profile::ProfileSet& profiles,
                          std::ostream& out) {
  out << "\npopulation " << population.name << ": " << Messages(tally)
      << " messages across " << population.members.size()
      << " kinds of receiver\n";
  if (!population.description.empty())
    out << "  " << population.description << "\n";
  out << "  assumption: " << population.assumption << "\n";
  char line[256];
  for (Action action : kActions) {
    std::snprintf(line, sizeof line, "  %-7s %s\n",
                  std::string(ActionName(action)).c_str(),
                  PercentInterval(PopulationShare(tally, action)).c_str());
    out << line;
  }
  for (Label label : {Label::kHam, Label::kSpam}) {
    if (tally.population_messages(label) == 0) continue;
    out << "  " << LabelName(label) << ": ";
    for (Action action : kActions) {
      out << (action == Action::kInbox ? "" : ", ") << ActionName(action) << " "
          << Percent(PopulationShare(tally, label, action).share);
    }
    out << "\n";
  }
  const std::vector<Reason> reasons = TopReasons(tally, profiles);
  if (reasons.empty()) return;
  out << "  top reasons for junk and reject (share of message x receiver "
         "pairs):\n";
  for (const Reason& reason : reasons) {
    const profile::Rule& rule = profiles.catalog.rules[reason.rule];
    std::snprintf(line, sizeof line, "    %-28s junk %6s  reject %6s  ",
                  rule.id.c_str(), Percent(reason.junk).c_str(),
                  Percent(reason.reject).c_str());
    out << line << rule.description << "\n";
  }
}

}  // namespace inboxsim::report
