// What each pattern of the scan costs on its own: compiled alone into a
// Hyperscan database and scanned over the same captured texts its own
// database scans. A union database costs far less than the sum of its
// patterns alone, but the costliest ones alone are the ones that slow it
// down (typically patterns with no literal for Hyperscan to look for
// first), so users see which of their rules to rewrite or split out.
//
//   PatternCosts costs = MeasurePatternCosts(texts, judge.scanner(), 2, 10);
//   costs.costliest[0].scan_seconds
#ifndef INBOXSIM_BENCH_PATTERN_COSTS_H_
#define INBOXSIM_BENCH_PATTERN_COSTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sim/bench/ceiling.h"
#include "sim/scan/scanner.h"

namespace inboxsim::bench {

struct PatternCost {
  size_t target = 0;        // Scanner::reports() index
  uint32_t id = 0;          // the rule's id
  bool projection = false;  // the rule's ASCII projection, not the rule
  bool prefilter = false;   // a prefilter form, confirmed by PCRE2
  // A tuned prefilter (scan::PrefilterChoice) in front of the rule; one
  // over the separators-deleted copy of each text was scanned over those.
  bool tuned_prefilter = false;
  // The rule behind such a prefilter: its cost here is over every text,
  // but it runs only on those its prefilter passes.
  bool behind_prefilter = false;
  uint64_t texts = 0;       // texts it was scanned over
  double scan_seconds = 0;  // scanning them, alone, one thread
  double compile_seconds = 0;
  std::string error;  // Hyperscan's, if it would not compile alone
};

struct PatternCosts {
  std::vector<PatternCost> costliest;  // the `keep` costliest, by scan time
  size_t measured = 0;                 // patterns measured
  double scan_seconds = 0;             // all of them alone, summed
  double compile_seconds = 0;          // compiling them alone, summed
};

// Measures every pattern of every target's Hyperscan databases
// (PatternSet::DatabasePatterns), `threads` patterns at a time, each scan
// on one thread.
PatternCosts MeasurePatternCosts(const CapturedTexts& texts,
                                 const scan::Scanner& scanner, int threads,
                                 size_t keep);

}  // namespace inboxsim::bench

#endif  // INBOXSIM_BENCH_PATTERN_COSTS_H_
