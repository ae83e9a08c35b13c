#include "sim/report/placement_report.h"

#include <algorithm>
#include <cstdio>

namespace inboxsim::report {
namespace {

constexpr Label kReportedLabels[] = {Label::kHam, Label::kSpam,
                                     Label::kUnlabelled};

int Index(Label label) { return static_cast<int>(label); }
int Index(Action action) { return static_cast<int>(action); }

// CSV needs quotes around text that holds commas or quotes.
std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text)
    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace

std::vector<ProfilePlacement> ComputePlacements(
    const Tally& tally, const profile::ProfileSet& profiles) {
  std::vector<ProfilePlacement> placements;
  for (size_t p = 0; p < profiles.profiles.size(); ++p) {
    const profile::Profile& profile = profiles.profiles[p];
    ProfilePlacement row;
    row.name = profile.name;
    row.description = profile.description;
    row.junk_threshold = profile.junk_threshold;
    row.reject_threshold = profile.reject_threshold;
    std::array<uint64_t, kLabelCount> per_label{};
    for (Label label : kReportedLabels) {
      for (Action action : kActions) {
        const uint64_t count = tally.placed(p, label, action);
        row.confusion[Index(label)][Index(action)] = count;
        row.counts[Index(action)] += count;
        per_label[Index(label)] += count;
        row.messages += count;
      }
    }
    for (Action action : kActions) {
      row.shares[Index(action)] =
          WilsonInterval(row.counts[Index(action)], row.messages);
    }
    const auto& ham = row.confusion[Index(Label::kHam)];
    const auto& spam = row.confusion[Index(Label::kSpam)];
    row.has_ham = per_label[Index(Label::kHam)] > 0;
    row.has_spam = per_label[Index(Label::kSpam)] > 0;
    row.false_positive_rate =
        WilsonInterval(ham[Index(Action::kJunk)] + ham[Index(Action::kReject)],
                       per_label[Index(Label::kHam)]);
    row.false_negative_rate = WilsonInterval(spam[Index(Action::kInbox)],
                                             per_label[Index(Label::kSpam)]);

    for (const profile::ProfileRule& profile_rule : profile.rules) {
      const profile::Rule& rule = profiles.catalog.rules[profile_rule.rule];
      RuleFrequency frequency;
      for (Label label : kReportedLabels) {
        frequency.hits[Index(label)] =
            tally.rule_hits(profile_rule.rule, label);
        frequency.total += frequency.hits[Index(label)];
      }
      if (frequency.total == 0) continue;
      frequency.id = rule.id;
      frequency.description = rule.description;
      frequency.family = std::string(profile::FamilyName(rule.family));
      frequency.score = profile_rule.score;
      frequency.forced = profile_rule.forced;
      frequency.example = tally.rule_example(profile_rule.rule);
      row.top_rules.push_back(std::move(frequency));
    }
    std::stable_sort(row.top_rules.begin(), row.top_rules.end(),
                     [](const RuleFrequency& a, const RuleFrequency& b) {
                       return a.total > b.total;
                     });
    if (row.top_rules.size() > kTopRules) row.top_rules.resize(kTopRules);
    placements.push_back(std::move(row));
  }
  return placements;
}

nlohmann::json PlacementsJson(const std::vector<ProfilePlacement>& placements) {
  nlohmann::json list = nlohmann::json::array();
  for (const ProfilePlacement& row : placements) {
    nlohmann::json entry;
    entry["name"] = row.name;
    entry["description"] = row.description;
    entry["thresholds"] = {{"junk", row.junk_threshold},
                           {"reject", row.reject_threshold}};
    entry["messages"] = row.messages;
    for (Action action : kActions) {
      const std::string name(ActionName(action));
      entry[name] = row.counts[Index(action)];
      entry["shares"][name] = ProportionJson(row.shares[Index(action)]);
    }
    for (Label label : kReportedLabels) {
      nlohmann::json& cell = entry["confusion"][std::string(LabelName(label))];
      for (Action action : kActions) {
        cell[std::string(ActionName(action))] =
            row.confusion[Index(label)][Index(action)];
      }
    }
    entry["false_positive_rate"] = row.has_ham
                                       ? ProportionJson(row.false_positive_rate)
                                       : nlohmann::json(nullptr);
    entry["false_negative_rate"] = row.has_spam
                                       ? ProportionJson(row.false_negative_rate)
                                       : nlohmann::json(nullptr);
    nlohmann::json& top = entry["top_rules"];
    top = nlohmann::json::array();
    for (const RuleFrequency& rule : row.top_rules) {
      nlohmann::json hits;
      for (Label label : kReportedLabels)
        hits[std::string(LabelName(label))] = rule.hits[Index(label)];
      top.push_back(
          {{"id", rule.id},
           {"family", rule.family},
           {"score", rule.score},
           {"description", rule.description},
           {"hits", rule.total},
           {"hits_by_label", hits},
           {"example",
            {{"where", rule.example.where}, {"reason", rule.example.reason}}}});
      if (rule.forced != Action::kInbox)
        top.back()["forced"] = std::string(ActionName(rule.forced));
    }
    list.push_back(std::move(entry));
  }
  return list;
}

void WritePlacementsTable(const std::vector<ProfilePlacement>& placements,
                          std::ostream& out) {
  char line[256];
  for (const ProfilePlacement& row : placements) {
    out << "\nprofile " << row.name << " (junk >= " << row.junk_threshold
        << ", reject >= " << row.reject_threshold << "): " << row.messages
        << " messages";
    if (!row.description.empty()) out << "\n  " << row.description;
    out << "\n";
    for (Action action : kActions) {
      std::snprintf(line, sizeof line, "  %-7s %10llu  %s\n",
                    std::string(ActionName(action)).c_str(),
                    static_cast<unsigned long long>(row.counts[Index(action)]),
                    PercentInterval(row.shares[Index(action)]).c_str());
      out << line;
    }
    if (row.has_ham || row.has_spam) {
      for (Label label : {Label::kHam, Label::kSpam}) {
        const auto& cell = row.confusion[Index(label)];
        std::snprintf(
            line, sizeof line, "  %-5s -> inbox %llu, junk %llu, reject %llu\n",
            std::string(LabelName(label)).c_str(),
            static_cast<unsigned long long>(cell[Index(Action::kInbox)]),
            static_cast<unsigned long long>(cell[Index(Action::kJunk)]),
            static_cast<unsigned long long>(cell[Index(Action::kReject)]));
        out << line;
      }
      if (row.has_ham)
        out << "  false positives (ham not in inbox) "
            << PercentInterval(row.false_positive_rate) << "\n";
      if (row.has_spam)
        out << "  false negatives (spam in inbox)    "
            << PercentInterval(row.false_negative_rate) << "\n";
    }
    if (!row.top_rules.empty()) {
      out << "  top rules (hits: ham/spam/unlabelled):\n";
      for (const RuleFrequency& rule : row.top_rules) {
        char score[16];
        if (rule.forced != Action::kInbox) {
          std::snprintf(score, sizeof score, "%s",
                        std::string(ActionName(rule.forced)).c_str());
        } else {
          std::snprintf(score, sizeof score, "%+.2f", rule.score);
        }
        std::snprintf(
            line, sizeof line, "    %-28s %6s %8llu  (%llu/%llu/%llu)  ",
            rule.id.c_str(), score, static_cast<unsigned long long>(rule.total),
            static_cast<unsigned long long>(rule.hits[Index(Label::kHam)]),
            static_cast<unsigned long long>(rule.hits[Index(Label::kSpam)]),
            static_cast<unsigned long long>(
                rule.hits[Index(Label::kUnlabelled)]));
        out << line << rule.description << "\n";
        if (!rule.example.reason.empty() &&
            rule.example.reason != rule.description) {
          out << "        e.g. " << rule.example.reason << "  ("
              << rule.example.where << ")\n";
        }
      }
    }
  }
}

void WritePlacementsCsv(const std::vector<ProfilePlacement>& placements,
                        std::ostream& out) {
  out << "profile,messages";
  for (Action action : kActions) {
    const std::string name(ActionName(action));
    out << "," << name << "," << name << "_share," << name << "_low," << name
        << "_high";
  }
  out << ",false_positive_rate,false_negative_rate,top_rule\n";
  for (const ProfilePlacement& row : placements) {
    out << CsvField(row.name) << "," << row.messages;
    for (Action action : kActions) {
      const Proportion& share = row.shares[Index(action)];
      out << "," << row.counts[Index(action)] << "," << share.share << ","
          << share.low << "," << share.high;
    }
    out << ","
        << (row.has_ham ? std::to_string(row.false_positive_rate.share) : "")
        << ","
        << (row.has_spam ? std::to_string(row.false_negative_rate.share) : "")
        << ","
        << (row.top_rules.empty() ? "" : CsvField(row.top_rules.front().id))
        << "\n";
  }
}

}  // namespace inboxsim::report
