// The texts `inboxsim tune` measures prefilter plans on: captured from a
// corpus (CaptureTexts), then thinned per target to an even spread of at
// most a given size, so one long stretch of similar mail cannot decide.
//
//   CapturedTexts texts = CaptureTexts(plan, run, judge.scanner(), 64 << 20);
//   scan::TuningSamples samples =
//       SampleForTuning(texts, judge.scanner(), 2000000);
//   profile::Judge::Load(paths, load, compile, &samples);  // tunes, keeps
//   plans
#ifndef INBOXSIM_BENCH_TUNING_SAMPLE_H_
#define INBOXSIM_BENCH_TUNING_SAMPLE_H_

#include <cstdint>

#include "sim/bench/ceiling.h"
#include "sim/scan/scanner.h"

namespace inboxsim::bench {

// Every k-th captured text of each target, k the smallest step that keeps
// the target's sample within `max_bytes_per_target`. Views into `texts`,
// which must outlive the result. Targets with no text bytes are left out.
scan::TuningSamples SampleForTuning(const CapturedTexts& texts,
                                    const scan::Scanner& scanner,
                                    uint64_t max_bytes_per_target);

}  // namespace inboxsim::bench

#endif  // INBOXSIM_BENCH_TUNING_SAMPLE_H_
