#include "sim/bench/peak_memory.h"

#include <fstream>
#include <string>

namespace inboxsim::bench {
namespace {

// A "Name:   123 kB" line of /proc/self/status, in bytes.
uint64_t StatusBytes(const std::string& name) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.compare(0, name.size(), name) != 0 || line.size() <= name.size() ||
        line[name.size()] != ':') {
      continue;
    }
    try {
      return std::stoull(line.substr(name.size() + 1)) * 1024;
    } catch (const std::exception&) {
      return 0;
    }
  }
  return 0;
}

}  // namespace

bool ResetPeakMemory() {
  std::ofstream clear_refs("/proc/self/clear_refs");
  clear_refs << "5";
  clear_refs.flush();
  return static_cast<bool>(clear_refs);
}

uint64_t PeakMemoryBytes() { return StatusBytes("VmHWM"); }

uint64_t CurrentMemoryBytes() { return StatusBytes("VmRSS"); }

}  // namespace inboxsim::bench
