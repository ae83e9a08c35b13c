#include "sim/report/compare_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/report/population_report.h"
#include "sim/report/stats.h"

namespace inboxsim::report {
namespace {

constexpr size_t kTopRules = 10;

// Messages a variant's profiles judged.
uint64_t Judged(const Tally& tally) {
  uint64_t judged = 0;
  for (Label label : kReportedLabels) {
    for (Action action : kActions) judged += tally.placed(0, label, action);
  }
  return judged;
}

double ProfileShare(const Tally& tally, size_t profile, Action action) {
  const uint64_t judged = Judged(tally);
  if (judged == 0) return 0;
  uint64_t count = 0;
  for (Label label : kReportedLabels) count += tally.placed(profile, label, action);
  return static_cast<double>(count) / static_cast<double>(judged);
}

double HitRate(const Tally& tally, uint32_t rule) {
  const uint64_t judged = Judged(tally);
  if (judged == 0) return 0;
  uint64_t hits = 0;
  for (Label label : kReportedLabels) hits += tally.rule_hits(rule, label);
  return static_cast<double>(hits) / static_cast<double>(judged);
}

// The share of (message, receiver) pairs the rule sent to junk or reject.
double PopulationImpact(const Tally& tally, uint32_t rule) {
  const uint64_t judged = Judged(tally);
  if (judged == 0) return 0;
  return static_cast<double>(tally.population_reason(rule, Action::kJunk) +
                             tally.population_reason(rule, Action::kReject)) /
         (static_cast<double>(judged) *
          static_cast<double>(profile::kPopulationWhole));
}

struct RuleDifference {
  uint32_t rule = 0;
  double rate_first = 0, rate_second = 0;
  double impact_first = 0, impact_second = 0;
};

// Rules that fired differently in `second` than in `first`, those that
// moved the most receivers first, then by the change in how often they fired.
std::vector<RuleDifference> RuleDifferences(const Tally& first,
                                            const Tally& second,
                                            size_t rule_count) {
  std::vector<RuleDifference> differences;
  for (uint32_t rule = 0; rule < rule_count; ++rule) {
    RuleDifference d{rule, HitRate(first, rule), HitRate(second, rule),
                     PopulationImpact(first, rule),
                     PopulationImpact(second, rule)};
    if (d.rate_first != d.rate_second || d.impact_first != d.impact_second)
      differences.push_back(d);
  }
  std::stable_sort(
      differences.begin(), differences.end(),
      [](const RuleDifference& a, const RuleDifference& b) {
        const double ia = std::abs(a.impact_second - a.impact_first);
        const double ib = std::abs(b.impact_second - b.impact_first);
        if (ia != ib) return ia > ib;
        return std::abs(a.rate_second - a.rate_first) >
               std::abs(b.rate_second - b.rate_first);
      });
  if (differences.size() > kTopRules) differences.resize(kTopRules);
  return differences;
}

bool Testable(const Tally& first, const Tally& second) {
  return Judged(first) >= kMinMessagesForTest &&
         Judged(second) >= kMinMessagesForTest;
}

nlohmann::json TestJson(double first, const Tally& a, double second,
                        const Tally& b) {
  nlohmann::json json = {{"difference", second - first}};
  if (Testable(a, b)) {
    const ProportionTest test =
        TwoProportionTest(first, Judged(a), second, Judged(b));
    json["z"] = test.z;
    json["p_value"] = test.p_value;
  } else {
    json["z"] = nullptr;
    json["p_value"] = nullptr;
  }
  return json;
}

std::string Points(double difference) {
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f points", 100 * difference);
  return text;
}

std::string TestText(double first, const Tally& a, double second,
                     const Tally& b) {
  std::string text = Points(second - first);
  if (!Testable(a, b)) return text;
  const ProportionTest test =
      TwoProportionTest(first, Judged(a), second, Judged(b));
  char detail[64];
  std::snprintf(detail, sizeof detail, " (z %.2f, p %.3g)", test.z,
                test.p_value);
  return text + detail;
}

std::string TestNote(const std::vector<Variant>& variants) {
  for (size_t v = 1; v < variants.size(); ++v) {
    if (!Testable(variants[0].tally, variants[v].tally)) {
      return "no test: fewer than " + std::to_string(kMinMessagesForTest) +
             " messages in a variant; differences are exact for these "
             "messages, not estimates";
    }
  }
  return kProportionTestName;
}

}  // namespace

nlohmann::json CompareJson(const std::vector<Variant>& variants,
                           const profile::ProfileSet& profiles,
                           const profile::Population* population) {
  nlohmann::json doc;
  doc["test"] = TestNote(variants);
  if (population != nullptr) {
    doc["population"] = {{"name", population->name},
                         {"assumption", population->assumption}};
  }
  nlohmann::json& list = doc["variants"];
  list = nlohmann::json::array();
  for (const Variant& variant : variants) {
    nlohmann::json entry = {{"input", variant.input},
                            {"messages", Judged(variant.tally)}};
    if (population != nullptr) {
      for (Action action : kActions)
        entry["population"][std::string(ActionName(action))] =
            ProportionJson(PopulationShare(variant.tally, action));
    }
    entry["profiles"] = nlohmann::json::array();
    for (size_t p = 0; p < profiles.profiles.size(); ++p) {
      nlohmann::json row = {{"name", profiles.profiles[p].name}};
      for (Action action : kActions)
        row[std::string(ActionName(action))] =
            ProfileShare(variant.tally, p, action);
      entry["profiles"].push_back(std::move(row));
    }
    list.push_back(std::move(entry));
  }
  nlohmann::json& differences = doc["differences"];
  differences = nlohmann::json::array();
  const Tally& first = variants.front().tally;
  for (size_t v = 1; v < variants.size(); ++v) {
    const Tally& second = variants[v].tally;
    nlohmann::json entry = {{"variant", variants[v].input},
                            {"against", variants.front().input}};
    if (population != nullptr) {
      for (Action action : kActions) {
        entry["population"][std::string(ActionName(action))] =
            TestJson(PopulationShare(first, action).share, first,
                     PopulationShare(second, action).share, second);
      }
    }
    entry["profiles"] = nlohmann::json::array();
    for (size_t p = 0; p < profiles.profiles.size(); ++p) {
      nlohmann::json row = {{"name", profiles.profiles[p].name}};
      for (Action action : kActions) {
        row[std::string(ActionName(action))] =
            TestJson(ProfileShare(first, p, action), first,
                     ProfileShare(second, p, action), second);
      }
      entry["profiles"].push_back(std::move(row));
    }
    entry["rules"] = nlohmann::json::array();
    for (const RuleDifference& d :
         RuleDifferences(first, second, profiles.catalog.rules.size())) {
      const profile::Rule& rule = profiles.catalog.rules[d.rule];
      nlohmann::json row = {
          {"id", rule.id},
          {"family", std::string(profile::FamilyName(rule.family))},
          {"description", rule.description},
          {"fired", {{"against", d.rate_first}, {"variant", d.rate_second}}}};
      if (population != nullptr) {
        row["junk_or_reject"] = {{"against", d.impact_first},
                                 {"variant", d.impact_second}};
      }
      entry["rules"].push_back(std::move(row));
    }
    differences.push_back(std::move(entry));
  }
  return doc;
}

void WriteCompareTable(const std::vector<Variant>& variants,
                       const profile::ProfileSet& profiles,
                       const profile::Population* population,
                       std::ostream& out) {
  char line[512];
  for (size_t v = 0; v < variants.size(); ++v) {
    out << "variant " << v + 1 << ": " << variants[v].input << " ("
        << Judged(variants[v].tally) << " messages)\n";
  }
  out << "test: " << TestNote(variants) << "\n";
  if (population != nullptr) {
    out << "\npopulation " << population->name << "\n";
    for (const Variant& variant : variants) {
      std::snprintf(
          line, sizeof line, "  %-30s inbox %-22s junk %-22s reject %s\n",
          variant.input.c_str(),
          PercentInterval(PopulationShare(variant.tally, Action::kInbox))
              .c_str(),
          PercentInterval(PopulationShare(variant.tally, Action::kJunk))
              .c_str(),
          PercentInterval(PopulationShare(variant.tally, Action::kReject))
              .c_str());
      out << line;
    }
  }
  const Tally& first = variants.front().tally;
  for (size_t v = 1; v < variants.size(); ++v) {
    const Tally& second = variants[v].tally;
    out << "\n"
        << variants[v].input << " against " << variants.front().input << ":\n";
    if (population != nullptr) {
      out << "  population inbox "
          << TestText(PopulationShare(first, Action::kInbox).share, first,
                      PopulationShare(second, Action::kInbox).share, second)
          << "\n";
    }
    for (size_t p = 0; p < profiles.profiles.size(); ++p) {
      const double a = ProfileShare(first, p, Action::kInbox);
      const double b = ProfileShare(second, p, Action::kInbox);
      std::snprintf(line, sizeof line, "  %-24s inbox %6s -> %6s  %s\n",
                    profiles.profiles[p].name.c_str(), Percent(a).c_str(),
                    Percent(b).c_str(), TestText(a, first, b, second).c_str());
      out << line;
    }
    const std::vector<RuleDifference> rules =
        RuleDifferences(first, second, profiles.catalog.rules.size());
    if (rules.empty()) {
      out << "  no rule or signal fired differently\n";
      continue;
    }
    out << "  rules and signals that make the difference (share of messages "
           "they fired on):\n";
    for (const RuleDifference& d : rules) {
      const profile::Rule& rule = profiles.catalog.rules[d.rule];
      std::snprintf(line, sizeof line, "    %-28s %6s -> %6s  ",
                    rule.id.c_str(), Percent(d.rate_first).c_str(),
                    Percent(d.rate_second).c_str());
      out << line << rule.description << "\n";
    }
  }
}

}  // namespace inboxsim::report
