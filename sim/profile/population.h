// Populations: the receivers out there, as a weighted mix of filter stacks.
// A member is a stack of loaded profiles a receiver runs one after another
// (gateway word filter, content policy, block list, SPF check ...): the
// message gets the strictest action of the stack, or the inbox when one of
// its profiles' allow lists matched; an empty stack filters nothing.
//
// A population file is TOML in one of two forms. Members listed:
//
//   name = "my-market"
//   [[members]]
//   stack = ["smb-basic", "auth-strict"]
//   weight = 0.25
//   ...                                    (weights sum to 1)
//
// or practices with their shares, one pure profile per practice, drawn
// independently among the receivers that filter (the survey form):
//
//   [practices]
//   no_filter = 0.03
//   trigger = 0.80      content = 0.64      lists = 0.75      auth = 0.51
//   [components]
//   trigger = "smb-basic"   content = "content-strict"
//   lists = "list-gateway"  auth = "auth-strict"
//   other = "smartscreen-heuristics"   # filters, but none of the four
//
//   Result<Population> population = LoadPopulation(path, profile_set);
//   PopulationScorer scorer(*population, profile_set);
//   scorer.Place(verdicts) -> parts per billion of receivers per action
#ifndef INBOXSIM_PROFILE_POPULATION_H_
#define INBOXSIM_PROFILE_POPULATION_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/action.h"
#include "sim/core/result.h"
#include "sim/profile/evaluate.h"
#include "sim/profile/profile.h"
#include "sim/scan/pattern_set.h"

namespace inboxsim::profile {

// Weights are integers, parts per billion, so that tallies summed over
// millions of messages on any number of threads give the same answer.
inline constexpr uint64_t kPopulationWhole = 1'000'000'000;

// The four filtering practices of the survey (DESIGN.md).
enum class Practice : unsigned char { kTrigger, kContent, kLists, kAuth };
inline constexpr int kPracticeCount = 4;
inline constexpr Practice kPractices[] = {
    Practice::kTrigger, Practice::kContent, Practice::kLists, Practice::kAuth};
// "trigger", "content", "lists", "auth".
std::string_view PracticeName(Practice practice);

struct PopulationMember {
  std::vector<uint32_t> stack;  // indices into ProfileSet::profiles
  uint64_t weight = 0;          // parts per billion; members sum to 1e9
  std::string label;            // "smb-basic + auth-strict", "no filter"
  // Runs no spam filter. An empty stack can also stand for receivers that
  // filter by none of the four practices (the survey form without
  // `other`): they inbox everything too, but are not "no filter".
  bool no_filter = false;
};

struct Population {
  std::string name;
  std::string description;
  std::string path;
  // How the members were drawn, said in every report that uses them.
  std::string assumption;
  std::vector<PopulationMember> members;
  // Shares of receivers (0..1) that run each practice, and none at all,
  // computed from the members.
  std::array<double, kPracticeCount> practice_shares{};
  double no_filter_share = 0;
};

// The practices a profile runs: the families of its rules (reputation
// rules belong to none of the four).
std::array<bool, kPracticeCount> ProfilePractices(const Profile& profile,
                                                  const RuleCatalog& catalog);

// Loads a population over `profiles` (names must be loaded profiles).
// Errors name file:line: unknown keys or profiles, weights that do not sum
// to 1, shares outside [0, 1], a component profile that runs other
// practices than its own (the shares would then come out wrong).
Result<Population> LoadPopulation(const std::string& path,
                                  const ProfileSet& profiles);

// The shipped default: profiles/populations/survey.toml in the profiles
// folder DefaultProfilesPath() names.
std::string DefaultPopulationPath();

// Places messages in a population, given every profile's verdict, and says
// which rules sent them to junk or reject, weighted by receivers.
class PopulationScorer {
 public:
  PopulationScorer(const Population& population, const ProfileSet& profiles);

  // Parts per billion of receivers putting the message in each action
  // (indexed by Action); they sum to 1e9.
  std::array<uint64_t, kActionCount> Place(
      const std::vector<Verdict>& verdicts) const;

  // Calls `credit(rule, action, weight)` for each rule that fired (`hits`)
  // in a profile whose action (junk or reject) is the one its stack gave,
  // with the weight of those receivers: the population's reasons.
  template <typename Credit>
  void Attribute(const std::vector<Verdict>& verdicts, const scan::HitSet& hits,
                 Credit&& credit) const;

  const Population& population() const { return population_; }

 private:
  // The stack's action for a message: the strictest of its profiles', or
  // the inbox when one of them allowed it.
  static Action StackAction(const PopulationMember& member,
                            const std::vector<Verdict>& verdicts);
  static bool InStack(const PopulationMember& member, uint32_t profile);

  struct RuleInProfile {
    uint32_t profile = 0;
    bool pushes = false;  // a positive score or a forced junk / reject
  };
  const Population& population_;
  std::vector<std::vector<RuleInProfile>> rule_profiles_;  // rule -> profiles
};

template <typename Credit>
void PopulationScorer::Attribute(const std::vector<Verdict>& verdicts,
                                 const scan::HitSet& hits,
                                 Credit&& credit) const {
  // Per member that did not inbox the message: its action, and the
  // profiles of its stack that gave that action.
  struct Deciding {
    const PopulationMember* member;
    Action action;
  };
  std::vector<Deciding> deciding;
  for (const PopulationMember& member : population_.members) {
    const Action action = StackAction(member, verdicts);
    if (action != Action::kInbox) deciding.push_back({&member, action});
  }
  if (deciding.empty()) return;
  hits.ForEach([&](uint32_t rule) {
    if (rule >= rule_profiles_.size()) return;
    for (const Deciding& d : deciding) {
      // Once per member, however many of its profiles have the rule.
      for (const RuleInProfile& in : rule_profiles_[rule]) {
        // Only rules that pushed towards junk or reject are its reasons.
        if (!in.pushes) continue;
        const uint32_t p = in.profile;
        if (verdicts[p].action == d.action && InStack(*d.member, p)) {
          credit(rule, d.action, d.member->weight);
          break;
        }
      }
    }
  });
}

}  // namespace inboxsim::profile

#endif  // INBOXSIM_PROFILE_POPULATION_H_
