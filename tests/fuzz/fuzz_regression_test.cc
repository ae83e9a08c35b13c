// Replays every committed input of every fuzz target through its entry: the
// target's seeds (tests/fuzz/seeds/TARGET/) and the inputs that once crashed
// or hung it (tests/fuzz/regressions/TARGET/, written by scripts/fuzz.sh).
// An entry abort()s on a broken invariant and a library bug crashes, so a
// regression kills this test (issue 9).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/fuzz/fuzz_entries.h"
#include "tests/test_util.h"

namespace inboxsim::fuzz {
namespace {

namespace fs = std::filesystem;

const fs::path kFuzzFolder = fs::path(INBOXSIM_SOURCE_DIR) / "tests" / "fuzz";

// The files under `folder`, sorted so failures replay in a fixed order;
// none when the folder is absent (a target with no regressions yet).
std::vector<fs::path> FilesUnder(const fs::path& folder) {
  std::vector<fs::path> files;
  if (!fs::is_directory(folder)) return files;
  for (const fs::directory_entry& entry :
       fs::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> TargetNames() {
  std::vector<std::string> names;
  for (const FuzzTarget& target : Targets()) names.emplace_back(target.name);
  return names;
}

class FuzzRegression : public ::testing::TestWithParam<std::string> {
 protected:
  FuzzEntry Entry() const {
    for (const FuzzTarget& target : Targets()) {
      if (target.name == GetParam()) return target.run;
    }
    return nullptr;
  }
};

TEST_P(FuzzRegression,
       EverySeedAndSavedInputReplaysWithoutBreakingAnInvariant) {
  const FuzzEntry entry = Entry();
  ASSERT_NE(entry, nullptr);
  const std::vector<fs::path> seeds =
      FilesUnder(kFuzzFolder / "seeds" / GetParam());
  // Every target has seeds: an empty or misnamed folder would make this test
  // pass while replaying nothing.
  ASSERT_FALSE(seeds.empty())
      << "no seeds in " << (kFuzzFolder / "seeds" / GetParam());
  std::vector<fs::path> inputs = seeds;
  const std::vector<fs::path> regressions =
      FilesUnder(kFuzzFolder / "regressions" / GetParam());
  inputs.insert(inputs.end(), regressions.begin(), regressions.end());
  for (const fs::path& input : inputs) {
    SCOPED_TRACE(input.string());
    // Printed first: if the entry aborts, the log names the input.
    std::fprintf(stderr, "replaying %s\n", input.c_str());
    entry(inboxsim::testing::ReadFile(input));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Targets, FuzzRegression, ::testing::ValuesIn(TargetNames()),
    [](const ::testing::TestParamInfo<std::string>& param) {
      return param.param;
    });

}  // namespace
}  // namespace inboxsim::fuzz
