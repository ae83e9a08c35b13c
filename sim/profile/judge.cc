#include "sim/profile/judge.h"

#include <chrono>
#include <cstdlib>

namespace inboxsim::profile {

Result<Judge> Judge::Load(const std::vector<std::string>& paths,
                          const LoadOptions& load,
                          const scan::CompileOptions& compile) {
  const auto start = std::chrono::steady_clock::now();
  Result<ProfileSet> profiles = LoadProfiles(paths, load);
  if (!profiles) return profiles.error();
  const double load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();

  std::vector<scan::TargetedPattern> patterns;
  const std::vector<Rule>& rules = profiles->catalog.rules;
  patterns.reserve(rules.size());
  for (size_t i = 0; i < rules.size(); ++i) {
    patterns.push_back(
        {rules[i].target, scan::PatternSpec{rules[i].pattern, rules[i].flags,
                                            static_cast<uint32_t>(i)}});
  }
  Result<scan::Scanner> scanner =
      scan::Scanner::Compile(patterns, rules.size(), compile);
  if (!scanner) return scanner.error();
  return Judge(std::move(*profiles), std::move(*scanner), load_seconds);
}

std::vector<ProfileVerdict> Judge::JudgeMessage(
    const mime::Message& message, scan::Scanner::Scratch& scratch,
    scan::ScanCounters* counters) const {
  scan::HitSet hits(scanner_.rule_count());
  scanner_.Scan(message, scratch, &hits, counters);
  std::vector<ProfileVerdict> verdicts;
  for (const Profile& profile : profiles_.profiles) {
    verdicts.push_back({Evaluate(profile, hits), FiredRules(profile, hits)});
  }
  return verdicts;
}

std::string DefaultProfilesPath() {
  if (const char* configured = std::getenv("INBOXSIM_PROFILES"))
    return configured;
  return INBOXSIM_PROFILES_DIR;
}

}  // namespace inboxsim::profile
