#include "sim/profile/judge.h"

#include <chrono>
#include <cstdlib>
#include <functional>

#include "sim/core/clock.h"
#include "sim/profile/fact_checks.h"
#include "sim/profile/meta_program.h"
#include "sim/scan/pattern_syntax.h"

namespace inboxsim::profile {
namespace {

// The meta rules ordered so each comes after the metas it reads. A meta in
// a cycle (which the importer refuses) is left out rather than looping.
std::vector<uint32_t> OrderMetas(const std::vector<Rule>& rules) {
  enum class Mark : unsigned char { kNone, kVisiting, kDone };
  std::vector<Mark> marks(rules.size(), Mark::kNone);
  std::vector<uint32_t> order;
  std::function<bool(uint32_t)> visit = [&](uint32_t rule) {
    if (marks[rule] == Mark::kDone) return true;
    if (marks[rule] == Mark::kVisiting) return false;
    marks[rule] = Mark::kVisiting;
    bool ok = true;
    for (uint32_t input : rules[rule].meta->inputs()) {
      if (input < rules.size() && rules[input].check == CheckKind::kMeta &&
          rules[input].meta)
        ok = visit(input) && ok;
    }
    marks[rule] = Mark::kDone;
    if (ok) order.push_back(rule);
    return ok;
  };
  for (uint32_t i = 0; i < rules.size(); ++i) {
    if (rules[i].check == CheckKind::kMeta && rules[i].meta) visit(i);
  }
  return order;
}

}  // namespace

Result<Judge> Judge::Load(const std::vector<std::string>& paths,
                          const LoadOptions& load,
                          const scan::CompileOptions& compile,
                          const scan::TuningSamples* tuning) {
  const auto start = std::chrono::steady_clock::now();
  Result<ProfileSet> profiles = LoadProfiles(paths, load);
  if (!profiles) return profiles.error();
  const double load_seconds = SecondsSince(start);

  std::vector<scan::TargetedPattern> patterns;
  const std::vector<Rule>& rules = profiles->catalog.rules;
  patterns.reserve(rules.size());
  for (size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].check != CheckKind::kPattern) continue;
    patterns.push_back(
        {rules[i].target, scan::PatternSpec{rules[i].pattern, rules[i].flags,
                                            static_cast<uint32_t>(i)}});
  }
  Result<scan::Scanner> scanner =
      scan::Scanner::Compile(patterns, rules.size(), compile, tuning);
  if (!scanner) return scanner.error();
  return Judge(std::move(*profiles), std::move(*scanner), load_seconds);
}

Judge::Judge(ProfileSet profiles, scan::Scanner scanner, double load_seconds)
    : profiles_(std::move(profiles)),
      scanner_(std::move(scanner)),
      load_seconds_(load_seconds) {
  const std::vector<Rule>& rules = profiles_.catalog.rules;
  by_rule_.resize(rules.size());
  for (uint32_t i = 0; i < rules.size(); ++i) {
    if (rules[i].check == CheckKind::kPattern) {
      if (rules[i].negated) negated_rules_.push_back(i);
      if (rules[i].max_hits > 0 && !rules[i].negated) {
        scan::detail::Flags flags;
        std::string error;
        std::shared_ptr<const scan::detail::Pcre2Pattern> pattern;
        // (Not under u: counting steps through texts not checked as UTF-8.)
        if (!scan::detail::ParseFlags(rules[i].flags, &flags) && !flags.utf)
          pattern = scan::detail::Pcre2Pattern::Compile(rules[i].pattern, flags,
                                                        &error);
        // Not countable by PCRE2 (too large): a hit counts once.
        if (pattern) counted_rules_.push_back({i, std::move(pattern)});
      }
    } else if (rules[i].check != CheckKind::kMeta) {
      fact_rules_.push_back(i);
    }
  }
  meta_rules_ = OrderMetas(rules);
  for (size_t p = 0; p < profiles_.profiles.size(); ++p) {
    for (const ProfileRule& rule : profiles_.profiles[p].rules) {
      by_rule_[rule.rule].push_back(
          {static_cast<uint32_t>(p), rule.score, rule.forced, rule.allow});
    }
  }
}

void Judge::Scan(const mime::Message& message, scan::Scanner::Scratch& scratch,
                 scan::HitSet* hits, scan::ScanCounters* counters) const {
  scanner_.Scan(message, scratch, hits, counters);
  for (uint32_t rule : negated_rules_) hits->Flip(rule);
  if (!fact_rules_.empty()) {
    MessageFacts facts(message);
    for (uint32_t rule : fact_rules_) {
      if (FactCheckFires(profiles_.catalog.rules[rule], facts)) hits->Set(rule);
    }
  }
  if (meta_rules_.empty()) return;
  // How often each counted rule that hit matched (the scan is done, so its
  // text buffer is free, and its views are still this message's); per
  // thread, reused.
  thread_local std::vector<uint32_t> counts;
  const std::vector<uint32_t>* read_counts = nullptr;
  if (!counted_rules_.empty() && scratch.pcre2) {
    counts.assign(profiles_.catalog.rules.size(), 0);
    for (const CountedRule& counted : counted_rules_) {
      if (!hits->test(counted.rule)) continue;
      const Rule& rule = profiles_.catalog.rules[counted.rule];
      counts[counted.rule] = counted.pattern->CountMatches(
          scan::detail::AsPcre2Units(
              scan::TargetText(rule.target, scratch.sa_views, &scratch.text)),
          *scratch.pcre2, rule.max_hits);
    }
    read_counts = &counts;
  }
  for (uint32_t rule : meta_rules_) {
    if (profiles_.catalog.rules[rule].meta->Fires(*hits, read_counts))
      hits->Set(rule);
  }
}

void Judge::ScoreAll(const scan::HitSet& hits,
                     std::vector<Verdict>* verdicts) const {
  verdicts->assign(profiles_.profiles.size(), Verdict{});
  std::vector<Action> forced(profiles_.profiles.size(), Action::kInbox);
  std::vector<bool> allowed(profiles_.profiles.size(), false);
  // Ascending rule ids: the order Evaluate() sums a profile's rules in.
  hits.ForEach([&](uint32_t rule) {
    if (rule >= by_rule_.size()) return;
    for (const ProfileScore& entry : by_rule_[rule]) {
      (*verdicts)[entry.profile].score += entry.score;
      forced[entry.profile] = Stricter(forced[entry.profile], entry.forced);
      if (entry.allow) allowed[entry.profile] = true;
    }
  });
  for (size_t p = 0; p < verdicts->size(); ++p) {
    Verdict& verdict = (*verdicts)[p];
    verdict.allowed = allowed[p];
    verdict.action =
        verdict.allowed
            ? Action::kInbox
            : Stricter(ActionForScore(profiles_.profiles[p], verdict.score),
                       forced[p]);
  }
}

std::vector<ProfileVerdict> Judge::JudgeMessage(
    const mime::Message& message, scan::Scanner::Scratch& scratch,
    scan::ScanCounters* counters) const {
  scan::HitSet hits(scanner_.rule_count());
  Scan(message, scratch, &hits, counters);
  std::vector<Verdict> scores;
  ScoreAll(hits, &scores);
  std::vector<ProfileVerdict> verdicts;
  for (size_t p = 0; p < profiles_.profiles.size(); ++p) {
    verdicts.push_back({scores[p], FiredRules(profiles_.profiles[p], hits)});
  }
  return verdicts;
}

std::string DefaultProfilesPath() {
  if (const char* configured = std::getenv("INBOXSIM_PROFILES"))
    return configured;
  return INBOXSIM_PROFILES_DIR;
}

}  // namespace inboxsim::profile
