// Judge: loaded profiles with their rules compiled into one Scanner, ready to
// give every profile's verdict on a message.
//
//   Result<Judge> judge = Judge::Load({"profiles/"}, {}, compile_options);
//   auto scratch = judge->scanner().MakeScratch();
//   std::vector<ProfileVerdict> verdicts = judge->JudgeMessage(message,
//   *scratch, &counters);
//
// Immutable after Load(); JudgeMessage may run on many threads at once, each
// with its own Scratch.
#ifndef INBOXSIM_PROFILE_JUDGE_H_
#define INBOXSIM_PROFILE_JUDGE_H_

#include <string>
#include <vector>

#include "sim/profile/evaluate.h"
#include "sim/profile/loader.h"
#include "sim/profile/profile.h"
#include "sim/scan/pcre2_pattern.h"
#include "sim/scan/scanner.h"

namespace inboxsim::profile {

struct ProfileVerdict {
  Verdict verdict;
  std::vector<size_t> fired;  // indices into the profile's rules
};

class Judge {
 public:
  // Loads the profiles (errors name file:line and the rule) and compiles
  // their rules for `compile.engine`, tuning each target's databases on
  // `tuning`'s texts when given (scan::CompileOptions::tuning_texts).
  static Result<Judge> Load(const std::vector<std::string>& paths,
                            const LoadOptions& load,
                            const scan::CompileOptions& compile,
                            const scan::TuningSamples* tuning = nullptr);

  const ProfileSet& profiles() const { return profiles_; }
  const scan::Scanner& scanner() const { return scanner_; }
  double load_seconds() const { return load_seconds_; }

  // Sets in `hits` every rule that fires on `message`: one scan per target
  // for the pattern rules, then the fact checks, then the meta rules.
  void Scan(const mime::Message& message, scan::Scanner::Scratch& scratch,
            scan::HitSet* hits, scan::ScanCounters* counters) const;

  // Every profile's verdict (as Evaluate gives it) for a message whose rules
  // hit as `hits`, into `verdicts` (one per profile). Work grows with the
  // rules that hit, not with the rules loaded: each hit adds its score to
  // the profiles that have it.
  void ScoreAll(const scan::HitSet& hits, std::vector<Verdict>* verdicts) const;

  // One verdict per profile, in profile order.
  std::vector<ProfileVerdict> JudgeMessage(const mime::Message& message,
                                           scan::Scanner::Scratch& scratch,
                                           scan::ScanCounters* counters) const;

 private:
  Judge(ProfileSet profiles, scan::Scanner scanner, double load_seconds);

  struct ProfileScore {
    uint32_t profile = 0;
    double score = 0;
    Action forced = Action::kInbox;
    bool allow = false;
  };

  ProfileSet profiles_;
  scan::Scanner scanner_;
  double load_seconds_ = 0;  // parsing and validating the TOML
  std::vector<std::vector<ProfileScore>> by_rule_;  // rule -> its profiles
  std::vector<uint32_t> fact_rules_;                // not patterns, not metas
  std::vector<uint32_t> negated_rules_;  // patterns that fire on no match
  std::vector<uint32_t> meta_rules_;     // each after the metas it reads
  // Rules whose match count metas read (tflags multiple), with the PCRE2
  // pattern that counts, run only on messages the rule hit.
  struct CountedRule {
    uint32_t rule = 0;
    std::shared_ptr<const scan::detail::Pcre2Pattern> pattern;
  };
  std::vector<CountedRule> counted_rules_;
};

// The shipped profiles folder: $INBOXSIM_PROFILES when set, else the one in
// the source tree this binary was built from.
std::string DefaultProfilesPath();

}  // namespace inboxsim::profile

#endif  // INBOXSIM_PROFILE_JUDGE_H_
