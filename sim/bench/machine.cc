#include "sim/bench/machine.h"

#include <hs/hs.h>
#include <sys/utsname.h>
#include <tbb/info.h>

#include <chrono>
#include <ctime>

#include "sim/bench/proc_fields.h"

namespace inboxsim::bench {
namespace {

std::string UtcNow() {
  const std::time_t now =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace

Machine DescribeMachine() {
  Machine machine;
  machine.cpu = ProcField("/proc/cpuinfo", "model name");
  if (machine.cpu.empty()) machine.cpu = "unknown";
  machine.cores = tbb::info::default_concurrency();
  machine.memory_bytes = ProcFieldBytes("/proc/meminfo", "MemTotal");
  utsname name{};
  if (uname(&name) == 0) {
    machine.system =
        std::string(name.sysname) + " " + name.release + " " + name.machine;
  }
  machine.hyperscan = hs_version();
  machine.date = UtcNow();
  return machine;
}

}  // namespace inboxsim::bench
