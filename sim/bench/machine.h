// The machine a benchmark ran on, as its report names it: figures from two
// machines are not comparable, so every report carries this.
#ifndef INBOXSIM_BENCH_MACHINE_H_
#define INBOXSIM_BENCH_MACHINE_H_

#include <cstdint>
#include <string>

namespace inboxsim::bench {

struct Machine {
  std::string cpu;            // /proc/cpuinfo's model name, or "unknown"
  int cores = 0;              // what TBB may use
  uint64_t memory_bytes = 0;  // MemTotal, 0 when unknown
  std::string system;         // uname: sysname release machine
  std::string hyperscan;      // hs_version()
  std::string date;           // now, UTC, ISO 8601
};

Machine DescribeMachine();

}  // namespace inboxsim::bench

#endif  // INBOXSIM_BENCH_MACHINE_H_
