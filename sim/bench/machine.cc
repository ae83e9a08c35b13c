#include "sim/bench/machine.h"

#include <hs/hs.h>
#include <sys/utsname.h>
#include <tbb/info.h>

#include <chrono>
#include <ctime>
#include <fstream>

namespace inboxsim::bench {
namespace {

// The value after "key<spaces>:" on the first line of `path` starting with
// `key`, or "".
std::string FirstValue(const char* path, const std::string& key) {
  std::ifstream file(path);
  std::string line;
  while (std::getline(file, line)) {
    if (line.compare(0, key.size(), key) != 0) continue;
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const size_t start = line.find_first_not_of(" \t", colon + 1);
    return start == std::string::npos ? "" : line.substr(start);
  }
  return "";
}

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
  machine.cpu = FirstValue("/proc/cpuinfo", "model name");
  if (machine.cpu.empty()) machine.cpu = "unknown";
  machine.cores = tbb::info::default_concurrency();
  const std::string memory = FirstValue("/proc/meminfo", "MemTotal");
  try {
    if (!memory.empty()) machine.memory_bytes = std::stoull(memory) * 1024;
  } catch (const std::exception&) {
  }
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
