// The ceiling: how fast the scan alone could go. Every target text a run
// would scan is captured first (decoded and rendered exactly as Scan()
// builds it); then only Hyperscan runs over those bytes, with the same
// databases, each match counted and nothing else done. End-to-end
// throughput as a fraction of it says how much of the run is not scanning.
//
//   CapturedTexts texts = CaptureTexts(plan, run_options, judge.scanner());
//   Ceiling ceiling = MeasureCeiling(texts, judge.scanner(), 2, 3);
//   texts.messages / ceiling.seconds.median   // messages/s at the ceiling
#ifndef INBOXSIM_BENCH_CEILING_H_
#define INBOXSIM_BENCH_CEILING_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/bench/spread.h"
#include "sim/core/result.h"
#include "sim/engine/run.h"
#include "sim/io/corpus_plan.h"
#include "sim/scan/scanner.h"

namespace inboxsim::bench {

// Every text of one scan target, back to back.
struct TargetTexts {
  std::string bytes;
  std::vector<size_t> ends;  // text i is bytes[ends[i-1], ends[i])

  std::string_view text(size_t i) const {
    const size_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(bytes).substr(begin, ends[i] - begin);
  }
};

struct CapturedTexts {
  std::vector<TargetTexts> targets;  // in Scanner::reports() order
  uint64_t messages = 0;             // parsed messages captured
  uint64_t bytes = 0;                // total text bytes
  // Capture stops taking messages beyond `max_bytes` of text: the ceiling
  // then covers the first messages only (those captured).
  bool truncated = false;
};

// Runs the corpus through the reader and parser (RunCorpus with `options`'
// reader, limits and threads; its judge and population are not used) and
// keeps each parsed message's target texts for `scanner`.
CapturedTexts CaptureTexts(const io::CorpusPlan& plan,
                           engine::RunOptions options,
                           const scan::Scanner& scanner, uint64_t max_bytes);

struct Ceiling {
  int threads = 0;
  Spread seconds;  // wall time of one pass over every text, per sample
  int passes_per_sample = 1;  // a sample is the mean of this many passes
  std::vector<double> target_thread_seconds;  // per target, last pass
  uint64_t texts = 0;
  uint64_t matches = 0;  // Hyperscan's reports in one pass
};

// Scans one text of a target, on one thread, with state of its own.
class TextScanner {
 public:
  virtual ~TextScanner() = default;
  // Hyperscan's matches in `text`, a text of target `target`.
  virtual uint64_t Scan(size_t target, std::string_view text) = 0;
};

// Scans every captured text with its target's databases only
// (Scanner::ScanDatabasesOnly), on `threads` threads: one pass unmeasured,
// then `repetitions` samples of at least half a second each.
Ceiling MeasureCeiling(const CapturedTexts& texts, const scan::Scanner& scanner,
                       int threads, int repetitions);

// The same over the union layout: per target, every pattern of its
// databases (PatternSet::DatabasePatterns) compiled into one database,
// scanned over every text of the target; what a filter that puts all its
// rules in one Hyperscan database pays. Fails only when Hyperscan cannot
// compile a union (named by target). `*compile_seconds` gets the compile
// time.
Result<Ceiling> MeasureUnionCeiling(const CapturedTexts& texts,
                                    const scan::Scanner& scanner, int threads,
                                    int repetitions, double* compile_seconds);

}  // namespace inboxsim::bench

#endif  // INBOXSIM_BENCH_CEILING_H_
