// PrefilterPlan: which costly patterns of a PatternSet leave its database
// and run behind an exact prefilter, chosen by measuring on sample texts.
//
// Hyperscan scans a union of rules about as slowly as its costliest rules
// make it: on SpamAssassin's body rules, some fifty with no literal of two
// bytes or more (the drug-name obfuscations, v[_\W]{0,3}i[_\W]{0,3}a...)
// take most of the time. Such a rule R leaves the database; in its place a
// prefilter P that matches wherever R does, and every text P passes is
// confirmed by R alone. Since P passes every text R matches and R decides,
// the hits are exactly R's. Two kinds of P:
//   - kSeparatorsDeleted: R's image with every byte outside [0-9A-Za-z]
//     deleted (RegexTree::Project), scanned over the text with those bytes
//     deleted; "v_i-a.g r a" becomes "viagra", which a literal finds;
//   - kAsWritten: a window of R's top-level sequence, assertions dropped and
//     perhaps repeats widened, scanned over the text in the main database.
// A prefilter is kept only when, on the sample, its own cost plus the
// confirmations it leads to (a scan call and R over each text it passes) is
// at most half of R's cost alone; a rule costing less than a scan call per
// text is left alone; and the separators-deleted prefilters of a set are
// kept only if together they save more than deleting and scanning the copy
// costs.
//
//   std::vector<PlanCandidate> candidates = ...;  // the set's native patterns
//   std::vector<PlannedPrefilter> plan = ChoosePrefilters(candidates, texts);
//   std::string file = FormatPlan(key, plan);   // kept beside the cache
#ifndef INBOXSIM_SCAN_PREFILTER_PLAN_H_
#define INBOXSIM_SCAN_PREFILTER_PLAN_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.h"
#include "sim/scan/pattern_syntax.h"

namespace inboxsim::scan::detail {

enum class PrefilterText : unsigned char { kAsWritten, kSeparatorsDeleted };

// "as-written", "separators-deleted".
std::string_view PrefilterTextName(PrefilterText text);

struct PlannedPrefilter {
  uint32_t pattern = 0;  // the candidate's index (PlanCandidate::pattern)
  PrefilterText text = PrefilterText::kAsWritten;
  std::string expression;  // Hyperscan syntax, flag letters folded in
  bool multiline = false;  // compile with HS_FLAG_MULTILINE
  // On the sample, in seconds: the pattern alone, and the prefilter plus
  // the confirmations it led to. 0 for a plan read back from a file.
  double pattern_seconds = 0;
  double expected_seconds = 0;
};

struct PlanCandidate {
  uint32_t pattern = 0;    // the caller's index for it
  std::string expression;  // as its database compiles it natively
  Flags flags;
};

struct PlanOptions {
  // A pattern is costly when it costs more than this times the median.
  double costly_factor = 3;
  // A prefilter must cost, confirmations included, at most this fraction
  // of the pattern alone.
  double max_cost_ratio = 0.5;
  // A separators-deleted prefilter may pass texts holding at most this
  // fraction of the sample's bytes: beyond, confirmations dominate.
  double max_pass_fraction = 0.10;
  // The longest window tried, in elements of the top-level sequence.
  size_t max_window = 10;
};

// Measures each candidate alone on `sample`, then tries prefilters for the
// costly ones and those with no literal of two bytes or more. Candidates
// Hyperscan cannot compile alone, or RegexTree cannot parse, keep their
// place. Returns the prefilters kept, by candidate order.
std::vector<PlannedPrefilter> ChoosePrefilters(
    const std::vector<PlanCandidate>& candidates,
    std::span<const std::string_view> sample, const PlanOptions& options = {});

// The plan as a file for `key` (the pattern set's cache key), and back. A
// file written for another key, or malformed, is an Error saying which.
std::string FormatPlan(std::string_view key,
                       const std::vector<PlannedPrefilter>& plan);
Result<std::vector<PlannedPrefilter>> ParsePlan(std::string_view file,
                                                std::string_view key);

// `dir`/plan-<KeyHash(key)>.txt
std::string PlanPath(const std::string& dir, std::string_view key);

}  // namespace inboxsim::scan::detail

#endif  // INBOXSIM_SCAN_PREFILTER_PLAN_H_
