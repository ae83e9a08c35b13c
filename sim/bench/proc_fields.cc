#include "sim/bench/proc_fields.h"

#include <fstream>

namespace inboxsim::bench {

std::string ProcField(const char* path, const std::string& name) {
  std::ifstream file(path);
  std::string line;
  while (std::getline(file, line)) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const size_t name_end = line.find_last_not_of(" \t", colon - 1);
    if (colon == 0 || name_end == std::string::npos ||
        line.compare(0, name_end + 1, name) != 0 || name_end + 1 != name.size())
      continue;
    const size_t start = line.find_first_not_of(" \t", colon + 1);
    return start == std::string::npos ? "" : line.substr(start);
  }
  return "";
}

uint64_t ProcFieldBytes(const char* path, const std::string& name) {
  try {
    return std::stoull(ProcField(path, name)) * 1024;
  } catch (const std::exception&) {
    return 0;
  }
}

}  // namespace inboxsim::bench
