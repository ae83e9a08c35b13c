#include "sim/scan/scanner.h"

#include <map>

#include "sim/core/clock.h"
#include "sim/scan/pattern_syntax.h"

namespace inboxsim::scan {

Scanner::Scanner(Scanner&&) noexcept = default;
Scanner& Scanner::operator=(Scanner&&) noexcept = default;
Scanner::~Scanner() = default;

Result<Scanner> Scanner::Compile(const std::vector<TargetedPattern>& patterns,
                                 size_t rule_count,
                                 const CompileOptions& options,
                                 const TuningSamples* tuning) {
  std::map<Target, std::vector<PatternSpec>> by_target;
  for (const TargetedPattern& pattern : patterns) {
    PatternSpec spec = pattern.spec;
    detail::Flags flags;
    if (pattern.target.kind == TargetKind::kBody &&
        !detail::ParseFlags(spec.flags, &flags)) {
      spec.expression = detail::BoundWhitespaceRepeats(spec.expression, flags);
    }
    by_target[pattern.target].push_back(std::move(spec));
  }

  Scanner scanner;
  scanner.rule_count_ = rule_count;
  scanner.pcre2_match_limit_ = options.pcre2_match_limit;
  scanner.pcre2_depth_limit_ = options.pcre2_depth_limit;
  scanner.modes_.assign(rule_count, PatternMode::kUnsupported);
  for (auto& [target, specs] : by_target) {
    const size_t count = specs.size();
    std::vector<uint32_t> ids;
    for (const PatternSpec& spec : specs) ids.push_back(spec.id);
    CompileOptions set_options = options;
    if (tuning != nullptr) {
      auto texts = tuning->find(target);
      if (texts != tuning->end()) set_options.tuning_texts = texts->second;
    }
    Result<PatternSet> set = PatternSet::Compile(std::move(specs), set_options);
    if (!set) {
      Error error = set.error();
      error.where = "target " + target.ToString();
      return error;
    }
    for (uint32_t id : ids) {
      if (id < rule_count) scanner.modes_[id] = set->mode(id);
    }
    scanner.reports_.push_back({target, count, set->report()});
    scanner.groups_.push_back({target, std::move(*set)});
  }
  return scanner;
}

std::unique_ptr<Scanner::Scratch> Scanner::MakeScratch() const {
  auto scratch = std::make_unique<Scratch>();
  scratch->pcre2 =
      detail::Pcre2Scratch::Create(pcre2_match_limit_, pcre2_depth_limit_);
  for (const Group& group : groups_)
    scratch->per_group.push_back(group.set.MakeScratch());
  scratch->target_seconds.resize(groups_.size());
  return scratch;
}

void Scanner::Scan(const mime::Message& message, Scratch& scratch, HitSet* hits,
                   ScanCounters* counters) const {
  if (hits->size() != rule_count_) hits->Resize(rule_count_);
  hits->Clear();
  scratch.sa_views.Reset(message);
  LapClock clock(scratch.timed);
  for (size_t i = 0; i < groups_.size(); ++i) {
    const std::string_view text =
        TargetText(groups_[i].target, scratch.sa_views, &scratch.text);
    clock.Lap(&scratch.target_seconds[i].text);
    groups_[i].set.Match(text, *scratch.per_group[i], hits, counters);
    clock.Lap(&scratch.target_seconds[i].match);
  }
}

double TotalSeconds(const std::vector<TargetSeconds>& targets) {
  double total = 0;
  for (const TargetSeconds& target : targets)
    total += target.text + target.match;
  return total;
}

uint64_t Scanner::ScanDatabasesOnly(size_t target_index, std::string_view text,
                                    Scratch& scratch) const {
  return groups_[target_index].set.ScanDatabasesOnly(
      text, *scratch.per_group[target_index]);
}

double Scanner::compile_seconds() const {
  double total = 0;
  for (const TargetReport& report : reports_)
    total += report.compile.compile_seconds;
  return total;
}

bool Scanner::all_cached() const {
  for (const TargetReport& report : reports_) {
    if (!report.compile.cache_hit) return false;
  }
  return true;
}

PatternMode Scanner::mode(uint32_t id) const {
  return id < modes_.size() ? modes_[id] : PatternMode::kUnsupported;
}

}  // namespace inboxsim::scan
