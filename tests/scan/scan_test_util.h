// Helpers for the scan tests: compile without touching the user's cache,
// and match one text into a sorted list of hit ids.
#ifndef INBOXSIM_TESTS_SCAN_SCAN_TEST_UTIL_H_
#define INBOXSIM_TESTS_SCAN_SCAN_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "sim/scan/pattern_set.h"

namespace inboxsim::scan {

inline CompileOptions Uncached(Engine engine = Engine::kHyperscan) {
  CompileOptions options;
  options.engine = engine;
  options.use_cache = false;
  return options;
}

inline std::vector<uint32_t> IdsOf(const HitSet& hits) {
  std::vector<uint32_t> ids;
  for (uint32_t id = 0; id < hits.size(); ++id) {
    if (hits.test(id)) ids.push_back(id);
  }
  return ids;
}

// The ids of `set` hitting `text`, ascending; `id_limit` sizes the HitSet.
inline std::vector<uint32_t> Hits(const PatternSet& set, std::string_view text,
                                  size_t id_limit,
                                  ScanCounters* counters = nullptr) {
  ScanCounters local;
  if (counters == nullptr) counters = &local;
  std::unique_ptr<PatternSet::Scratch> scratch = set.MakeScratch();
  EXPECT_NE(scratch, nullptr);
  if (scratch == nullptr) return {};
  HitSet hits(id_limit);
  set.Match(text, *scratch, &hits, counters);
  return IdsOf(hits);
}

}  // namespace inboxsim::scan

#endif  // INBOXSIM_TESTS_SCAN_SCAN_TEST_UTIL_H_
