// The process's resident memory, as the benchmark reports it: the peak
// since the last reset, so each measured run gets its own peak.
//
//   ResetPeakMemory();
//   RunCorpus(...);
//   uint64_t peak = PeakMemoryBytes();  // this run's high-water mark
#ifndef INBOXSIM_BENCH_PEAK_MEMORY_H_
#define INBOXSIM_BENCH_PEAK_MEMORY_H_

#include <cstdint>

namespace inboxsim::bench {

// Resets the peak to the current resident size (Linux: "5" written to
// /proc/self/clear_refs). False where that is not possible; the peak is
// then the process's since it started.
bool ResetPeakMemory();

// The peak resident size (VmHWM) in bytes, 0 when unknown.
uint64_t PeakMemoryBytes();

// The current resident size (VmRSS) in bytes, 0 when unknown.
uint64_t CurrentMemoryBytes();

}  // namespace inboxsim::bench

#endif  // INBOXSIM_BENCH_PEAK_MEMORY_H_
