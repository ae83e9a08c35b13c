#include "sim/profile/population.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "sim/profile/judge.h"
#include "sim/profile/toml_file.h"

namespace inboxsim::profile {
namespace {

// Shares are given to the nearest 1e-9; a sum this far from 1 is a mistake.
constexpr double kWeightTolerance = 1e-6;

std::optional<Practice> PracticeOf(Family family) {
  switch (family) {
    case Family::kTrigger:
      return Practice::kTrigger;
    case Family::kContent:
      return Practice::kContent;
    case Family::kList:
      return Practice::kLists;
    case Family::kAuth:
      return Practice::kAuth;
    case Family::kReputation:
      return std::nullopt;
  }
  return std::nullopt;
}

std::string Percent(double share) {
  std::ostringstream text;
  text.precision(4);
  text << share * 100 << "%";
  return text.str();
}

class PopulationLoader {
 public:
  PopulationLoader(const std::string& path, const ProfileSet& profiles)
      : path_(path), profiles_(profiles) {}

  Result<Population> Load() {
    Result<toml::table> parsed = ParseTomlFile(path_);
    if (!parsed) return parsed.error();
    const toml::table& table = *parsed;
    if (Status keys = CheckKeys(table,
                                {"name", "description", "assumption", "members",
                                 "practices", "components"},
                                path_, "population: ");
        !keys) {
      return keys.error();
    }
    population_.path = path_;
    population_.name = table["name"].value_or(std::string());
    if (population_.name.empty())
      return BadProfile(path_, "population needs a non-empty 'name'");
    population_.description = table["description"].value_or(std::string());
    const bool listed = table.get("members") != nullptr;
    const bool drawn = table.get("practices") != nullptr;
    if (listed == drawn) {
      return BadProfile(path_,
                        "a population has either [[members]] or "
                        "[practices] with [components], not " +
                            std::string(listed ? "both" : "neither"));
    }
    Status built = listed ? ReadMembers(table) : DrawFromPractices(table);
    if (!built) return built.error();
    // Listed members are the user's model: their own words say how.
    if (const auto assumption = table["assumption"].value<std::string>();
        assumption && listed) {
      population_.assumption = *assumption;
    }
    ComputeShares();
    return std::move(population_);
  }

 private:
  // A loaded profile by name, or an error at `node`.
  Result<uint32_t> ProfileNamed(const toml::node& node,
                                const std::string& what) {
    const auto name = node.value<std::string>();
    if (!name)
      return BadProfile(Where(path_, &node), what + " must be a profile name");
    for (uint32_t i = 0; i < profiles_.profiles.size(); ++i) {
      if (profiles_.profiles[i].name == *name) return i;
    }
    return BadProfile(Where(path_, &node),
                      what + ": no loaded profile is named '" + *name + "'");
  }

  std::string StackLabel(const std::vector<uint32_t>& stack) const {
    if (stack.empty()) return "no filter";
    std::string label;
    for (uint32_t p : stack)
      label += (label.empty() ? "" : " + ") + profiles_.profiles[p].name;
    return label;
  }

  static uint64_t ToParts(double share) {
    return static_cast<uint64_t>(
        std::llround(share * static_cast<double>(kPopulationWhole)));
  }

  // Rounding each member to parts per billion can leave the total a few
  // parts off; the largest member absorbs them.
  void NormaliseWeights() {
    uint64_t total = 0;
    for (const PopulationMember& member : population_.members)
      total += member.weight;
    auto largest = std::max_element(
        population_.members.begin(), population_.members.end(),
        [](const PopulationMember& a, const PopulationMember& b) {
          return a.weight < b.weight;
        });
    largest->weight = largest->weight + kPopulationWhole - total;
  }

  Status ReadMembers(const toml::table& table) {
    const toml::array* members = table.get("members")->as_array();
    if (members == nullptr || members->empty())
      return BadProfile(Where(path_, table.get("members")),
                        "'members' must be a non-empty array of tables");
    double total = 0;
    for (const toml::node& entry : *members) {
      const toml::table* member = entry.as_table();
      if (member == nullptr)
        return BadProfile(Where(path_, &entry), "each member must be a table");
      if (Status keys =
              CheckKeys(*member, {"stack", "weight"}, path_, "member: ");
          !keys) {
        return keys;
      }
      const std::optional<double> weight = NumberOf(member->get("weight"));
      if (!weight || *weight < 0 || *weight > 1)
        return BadProfile(Where(path_, member),
                          "member needs a 'weight' between 0 and 1");
      const toml::array* stack =
          member->get("stack") ? member->get("stack")->as_array() : nullptr;
      if (stack == nullptr)
        return BadProfile(Where(path_, member),
                          "member needs a 'stack': an array of profile names "
                          "([] for a receiver that filters nothing)");
      PopulationMember built;
      for (const toml::node& name : *stack) {
        Result<uint32_t> profile = ProfileNamed(name, "stack");
        if (!profile) return profile.error();
        built.stack.push_back(*profile);
      }
      built.weight = ToParts(*weight);
      built.label = StackLabel(built.stack);
      built.no_filter = built.stack.empty();
      total += *weight;
      population_.members.push_back(std::move(built));
    }
    if (std::abs(total - 1) > kWeightTolerance) {
      return BadProfile(
          Where(path_, table.get("members")),
          "member weights sum to " + std::to_string(total) + ", not 1");
    }
    NormaliseWeights();
    population_.assumption =
        "members as listed in " + path_ + ", weights as given";
    return Ok{};
  }

  // The survey form: every subset of the four practices is a member, with
  // the product of independent draws among the receivers that filter.
  Status DrawFromPractices(const toml::table& table) {
    const toml::table* practices = table.get("practices")->as_table();
    const toml::table* components =
        table.get("components") ? table.get("components")->as_table() : nullptr;
    if (practices == nullptr || components == nullptr)
      return BadProfile(path_,
                        "[practices] needs a [components] table naming one "
                        "profile per practice");
    if (Status keys = CheckKeys(
            *practices, {"no_filter", "trigger", "content", "lists", "auth"},
            path_, "[practices]: ");
        !keys) {
      return keys;
    }
    if (Status keys = CheckKeys(
            *components, {"trigger", "content", "lists", "auth", "other"},
            path_, "[components]: ");
        !keys) {
      return keys;
    }
    const std::optional<double> no_filter =
        NumberOf(practices->get("no_filter"));
    if (!no_filter || *no_filter < 0 || *no_filter >= 1)
      return BadProfile(Where(path_, practices),
                        "[practices] needs no_filter in [0, 1)");
    const double filtering = 1 - *no_filter;
    std::array<double, kPracticeCount> given{};  // among the filterers
    std::array<uint32_t, kPracticeCount> component{};
    for (Practice practice : kPractices) {
      const std::string key(PracticeName(practice));
      const int i = static_cast<int>(practice);
      const toml::node* share_node = practices->get(key);
      const std::optional<double> share = NumberOf(share_node);
      if (!share || *share < 0 || *share > filtering + 1e-12) {
        return BadProfile(Where(path_, share_node ? share_node : practices),
                          "[practices] " + key +
                              " must be a share between 0 and " +
                              std::to_string(filtering) + " (1 - no_filter)");
      }
      given[i] = std::min(1.0, *share / filtering);
      const toml::node* name = components->get(key);
      if (name == nullptr)
        return BadProfile(Where(path_, components),
                          "[components] needs a profile for " + key);
      Result<uint32_t> profile = ProfileNamed(*name, "[components] " + key);
      if (!profile) return profile.error();
      if (Status pure = CheckPure(*profile, practice, *name); !pure)
        return pure;
      component[i] = *profile;
    }
    std::optional<uint32_t> other;
    if (const toml::node* name = components->get("other")) {
      Result<uint32_t> profile = ProfileNamed(*name, "[components] other");
      if (!profile) return profile.error();
      if (Status pure = CheckPure(*profile, std::nullopt, *name); !pure)
        return pure;
      other = *profile;
    }

    population_.members.push_back(
        {{}, ToParts(*no_filter), "no filter", /*no_filter=*/true});
    for (unsigned subset = 0; subset < (1u << kPracticeCount); ++subset) {
      double share = filtering;
      PopulationMember member;
      for (int i = 0; i < kPracticeCount; ++i) {
        const bool runs = subset & (1u << i);
        share *= runs ? given[i] : 1 - given[i];
        if (runs) member.stack.push_back(component[i]);
      }
      if (subset == 0 && other) member.stack.push_back(*other);
      member.weight = ToParts(share);
      member.label = subset == 0 && !other
                         ? "filters, none of the four practices"
                         : StackLabel(member.stack);
      population_.members.push_back(std::move(member));
    }
    NormaliseWeights();
    std::string shares;
    for (Practice practice : kPractices) {
      shares += (shares.empty() ? "" : ", ") +
                std::string(PracticeName(practice)) + " " +
                Percent(given[static_cast<int>(practice)]);
    }
    population_.assumption =
        Percent(*no_filter) +
        " of receivers filter nothing; among the others each practice is "
        "drawn independently (" +
        shares +
        " of those that filter), so the shares of all receivers are as "
        "given; each practice is one profile, and a receiver running several "
        "gives a message the strictest of their actions";
    return Ok{};
  }

  // A component must run its practice and no other, else the population's
  // shares would not be the ones given.
  Status CheckPure(uint32_t profile, std::optional<Practice> practice,
                   const toml::node& node) const {
    const Profile& p = profiles_.profiles[profile];
    const std::array<bool, kPracticeCount> runs =
        ProfilePractices(p, profiles_.catalog);
    for (Practice other : kPractices) {
      const bool should = practice == other;
      if (runs[static_cast<int>(other)] != should) {
        return BadProfile(
            Where(path_, &node),
            "profile '" + p.name + "' " +
                (should ? "does not run" : "also runs") + " the " +
                std::string(PracticeName(other)) +
                " practice: a component must run exactly its own practice, "
                "or the population's shares come out wrong");
      }
    }
    return Ok{};
  }

  void ComputeShares() {
    for (const PopulationMember& member : population_.members) {
      const double share = static_cast<double>(member.weight) /
                           static_cast<double>(kPopulationWhole);
      if (member.no_filter) population_.no_filter_share += share;
      std::array<bool, kPracticeCount> runs{};
      for (uint32_t p : member.stack) {
        const auto practices =
            ProfilePractices(profiles_.profiles[p], profiles_.catalog);
        for (int i = 0; i < kPracticeCount; ++i) runs[i] |= practices[i];
      }
      for (int i = 0; i < kPracticeCount; ++i)
        if (runs[i]) population_.practice_shares[i] += share;
    }
  }

  const std::string& path_;
  const ProfileSet& profiles_;
  Population population_;
};

}  // namespace

std::string_view PracticeName(Practice practice) {
  switch (practice) {
    case Practice::kTrigger:
      return "trigger";
    case Practice::kContent:
      return "content";
    case Practice::kLists:
      return "lists";
    case Practice::kAuth:
      return "auth";
  }
  return "";
}

std::array<bool, kPracticeCount> ProfilePractices(const Profile& profile,
                                                  const RuleCatalog& catalog) {
  std::array<bool, kPracticeCount> runs{};
  for (const ProfileRule& rule : profile.rules) {
    if (auto practice = PracticeOf(catalog.rules[rule.rule].family))
      runs[static_cast<int>(*practice)] = true;
  }
  return runs;
}

Result<Population> LoadPopulation(const std::string& path,
                                  const ProfileSet& profiles) {
  return PopulationLoader(path, profiles).Load();
}

std::string DefaultPopulationPath() {
  return (std::filesystem::path(DefaultProfilesPath()) / "populations" /
          "survey.toml")
      .string();
}

PopulationScorer::PopulationScorer(const Population& population,
                                   const ProfileSet& profiles)
    : population_(population), rule_profiles_(profiles.catalog.rules.size()) {
  for (uint32_t p = 0; p < profiles.profiles.size(); ++p) {
    for (const ProfileRule& rule : profiles.profiles[p].rules) {
      rule_profiles_[rule.rule].push_back(
          {p,
           !rule.allow && (rule.score > 0 || rule.forced != Action::kInbox)});
    }
  }
}

Action PopulationScorer::StackAction(const PopulationMember& member,
                                     const std::vector<Verdict>& verdicts) {
  Action action = Action::kInbox;
  for (uint32_t p : member.stack) {
    if (verdicts[p].allowed) return Action::kInbox;
    action = Stricter(action, verdicts[p].action);
  }
  return action;
}

bool PopulationScorer::InStack(const PopulationMember& member,
                               uint32_t profile) {
  return std::find(member.stack.begin(), member.stack.end(), profile) !=
         member.stack.end();
}

std::array<uint64_t, kActionCount> PopulationScorer::Place(
    const std::vector<Verdict>& verdicts) const {
  std::array<uint64_t, kActionCount> placed{};
  for (const PopulationMember& member : population_.members)
    placed[static_cast<int>(StackAction(member, verdicts))] += member.weight;
  return placed;
}

}  // namespace inboxsim::profile
