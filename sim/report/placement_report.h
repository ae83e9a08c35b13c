// Placement per profile: where each profile put the corpus (inbox, junk,
// reject) with 95% Wilson intervals, the confusion against labels, and the
// rules that fired most. Computed once, written as JSON, table or CSV.
//
//   std::vector<ProfilePlacement> rows = ComputePlacements(tally, profiles);
//   nlohmann::json doc = PlacementsJson(rows);
#ifndef INBOXSIM_REPORT_PLACEMENT_REPORT_H_
#define INBOXSIM_REPORT_PLACEMENT_REPORT_H_

#include <array>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "sim/profile/profile.h"
#include "sim/report/stats.h"
#include "sim/report/tally.h"

namespace inboxsim::report {

struct RuleFrequency {
  std::string id;
  std::string description;
  std::string family;
  double score = 0;
  Action forced = Action::kInbox;            // junk / reject whatever the score
  std::array<uint64_t, kLabelCount> hits{};  // by Label
  uint64_t total = 0;
  RuleExample example;  // the first message it fired on, and why
};

struct ProfilePlacement {
  std::string name;
  std::string description;
  double junk_threshold = 0;
  double reject_threshold = 0;
  uint64_t messages = 0;                        // judged (parsed) messages
  std::array<uint64_t, kActionCount> counts{};  // by Action
  std::array<Proportion, kActionCount> shares{};
  // confusion[label][action]
  std::array<std::array<uint64_t, kActionCount>, kLabelCount> confusion{};
  // Ham sent to junk or reject, over ham judged; spam left in the inbox,
  // over spam judged. Absent (negative) without such labels.
  Proportion false_positive_rate;
  Proportion false_negative_rate;
  bool has_ham = false;
  bool has_spam = false;
  std::vector<RuleFrequency> top_rules;  // most hits first
};

// Rules listed per profile in top_rules.
inline constexpr size_t kTopRules = 10;

std::vector<ProfilePlacement> ComputePlacements(
    const Tally& tally, const profile::ProfileSet& profiles);

nlohmann::json PlacementsJson(const std::vector<ProfilePlacement>& placements);
void WritePlacementsTable(const std::vector<ProfilePlacement>& placements,
                          std::ostream& out);
// One row per profile, with a header row.
void WritePlacementsCsv(const std::vector<ProfilePlacement>& placements,
                        std::ostream& out);

}  // namespace inboxsim::report

#endif  // INBOXSIM_REPORT_PLACEMENT_REPORT_H_
