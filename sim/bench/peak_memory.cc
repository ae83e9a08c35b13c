#include "sim/bench/peak_memory.h"

#include <fstream>

#include "sim/bench/proc_fields.h"

namespace inboxsim::bench {

bool ResetPeakMemory() {
  std::ofstream clear_refs("/proc/self/clear_refs");
  clear_refs << "5";
  clear_refs.flush();
  return static_cast<bool>(clear_refs);
}

uint64_t PeakMemoryBytes() {
  return ProcFieldBytes("/proc/self/status", "VmHWM");
}

uint64_t CurrentMemoryBytes() {
  return ProcFieldBytes("/proc/self/status", "VmRSS");
}

}  // namespace inboxsim::bench
