// Scanner: every rule pattern of every loaded profile, grouped by target into
// one PatternSet each, so a message is scanned once per target whatever the
// number of profiles.
//
//   std::vector<TargetedPattern> patterns = ...;       // from the rule catalog
//   Result<Scanner> scanner = Scanner::Compile(patterns, rule_count, options);
//   auto scratch = scanner->MakeScratch();              // one per thread
//   HitSet hits(rule_count);
//   scanner->Scan(message, *scratch, &hits, &counters); // bits = rule ids that
//   hit
//
// Immutable after Compile(); Scan() may run on many threads at once, each
// with its own Scratch.
#ifndef INBOXSIM_SCAN_SCANNER_H_
#define INBOXSIM_SCAN_SCANNER_H_

#include <map>
#include <memory>
#include <string_view>
#include <vector>

#include "sim/mime/message.h"
#include "sim/scan/pattern_set.h"
#include "sim/scan/pcre2_pattern.h"
#include "sim/scan/target.h"

namespace inboxsim::scan {

struct TargetedPattern {
  Target target;
  PatternSpec spec;  // spec.id: the rule's id in the caller's catalog
};

// Texts of each target to tune its PatternSet on
// (CompileOptions::tuning_texts); a target without texts is not tuned.
using TuningSamples = std::map<Target, std::vector<std::string_view>>;

struct TargetSeconds {
  double text = 0;   // rendering the target's text from the message
  double match = 0;  // PatternSet::Match on it
};

// text + match over every target.
double TotalSeconds(const std::vector<TargetSeconds>& targets);

struct TargetReport {
  Target target;
  size_t patterns = 0;
  CompileReport compile;
};

class Scanner {
 public:
  // Per-thread state: each target's PatternSet scratch and a text buffer.
  struct Scratch {
    std::vector<std::unique_ptr<PatternSet::Scratch>> per_group;
    std::string text;  // the target text, reused across messages
    // SpamAssassin's views of the message last scanned, shared by its sa-*
    // targets; still valid for that message after Scan().
    sa::MessageViews sa_views;
    // For callers that run PCRE2 after the scan (counting a rule's matches),
    // under the scanner's match and depth limits; nullptr if PCRE2 could not
    // allocate it.
    std::unique_ptr<detail::Pcre2Scratch> pcre2;
    // Stage timers: with `timed` set, Scan() adds to target_seconds[i] the
    // time it spent building target i's text (as reports()[i] names it) and
    // matching it. Sized by MakeScratch().
    bool timed = false;
    std::vector<TargetSeconds> target_seconds;
  };

  static Result<Scanner> Compile(const std::vector<TargetedPattern>& patterns,
                                 size_t rule_count,
                                 const CompileOptions& options,
                                 const TuningSamples* tuning = nullptr);
  Scanner(Scanner&&) noexcept;
  Scanner& operator=(Scanner&&) noexcept;
  ~Scanner();

  std::unique_ptr<Scratch> MakeScratch() const;
  // Clears `hits` and sets the ids of the rules whose pattern hits `message`.
  void Scan(const mime::Message& message, Scratch& scratch, HitSet* hits,
            ScanCounters* counters) const;

  // The benchmark's ceiling, in two steps: every target text of `message`
  // as Scan() would build it, to `visit(target_index, text)` (the text is
  // valid only during the call); then, later, target `target_index`'s
  // Hyperscan databases alone over such a text (see
  // PatternSet::ScanDatabasesOnly).
  template <typename Visit>
  void ForEachText(const mime::Message& message, Scratch& scratch,
                   Visit&& visit) const {
    scratch.sa_views.Reset(message);
    for (size_t i = 0; i < groups_.size(); ++i)
      visit(i, TargetText(groups_[i].target, scratch.sa_views, &scratch.text));
  }
  uint64_t ScanDatabasesOnly(size_t target_index, std::string_view text,
                             Scratch& scratch) const;

  size_t rule_count() const { return rule_count_; }
  // One per target, in scan order.
  const std::vector<TargetReport>& reports() const { return reports_; }
  // The target's PatternSet, in reports() order.
  const PatternSet& target_set(size_t target_index) const {
    return groups_[target_index].set;
  }
  // Sum of every target's compile time, and whether all came from the cache.
  double compile_seconds() const;
  bool all_cached() const;
  // How the rule with `id` runs (see PatternMode).
  PatternMode mode(uint32_t id) const;

 private:
  struct Group {
    Target target;
    PatternSet set;
  };
  Scanner() = default;

  size_t rule_count_ = 0;
  uint32_t pcre2_match_limit_ = 0;  // CompileOptions', for Scratch::pcre2
  uint32_t pcre2_depth_limit_ = 0;
  std::vector<Group> groups_;
  std::vector<TargetReport> reports_;
  std::vector<PatternMode> modes_;  // by rule id
};

}  // namespace inboxsim::scan

#endif  // INBOXSIM_SCAN_SCANNER_H_
