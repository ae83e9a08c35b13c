// libFuzzer's entry point for one target of fuzz_entries.h, the one named by
// INBOXSIM_FUZZ_TARGET (tests/fuzz/CMakeLists.txt builds one executable per
// target from this file).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "tests/fuzz/fuzz_entries.h"

#ifndef INBOXSIM_FUZZ_TARGET
#error "INBOXSIM_FUZZ_TARGET must name a target of fuzz_entries.h"
#endif

namespace {

inboxsim::fuzz::FuzzEntry FindEntry(std::string_view name) {
  for (const inboxsim::fuzz::FuzzTarget& target : inboxsim::fuzz::Targets()) {
    if (target.name == name) return target.run;
  }
  std::fprintf(stderr,
               "fuzz_target.cc: INBOXSIM_FUZZ_TARGET \"%.*s\" is not in "
               "inboxsim::fuzz::Targets() (tests/fuzz/fuzz_entries.cc)\n",
               static_cast<int>(name.size()), name.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Found once: the lookup is not what we want libFuzzer to measure.
  static const inboxsim::fuzz::FuzzEntry entry =
      FindEntry(INBOXSIM_FUZZ_TARGET);
  entry(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
