#include "sim/cli/progress.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "tests/test_util.h"

namespace inboxsim::cli {
namespace {

TEST(ProgressLine, SaysCountRatesAndAnEtaWhenTheSizeIsKnown) {
  EXPECT_EQ(ProgressLine::Format(12345, 50'000'000, 200'000'000, 10.0),
            "12,345 messages, 1234 msg/s, 5.0 MB/s, 25%, ETA 0:30");
  EXPECT_EQ(ProgressLine::Format(999, 1'000'000, 0, 2.0),
            "999 messages, 500 msg/s, 0.5 MB/s");  // size unknown: no ETA
  EXPECT_EQ(
      ProgressLine::Format(1'000'000, 3'000'000'000, 3'000'000'000, 125.0),
      "1,000,000 messages, 8000 msg/s, 24.0 MB/s, 100%, ETA 0:00");
}

// Drawn on a terminal (script(1) gives the run one), silent with --quiet and
// when stderr is not a terminal. Needs a run longer than the redraw period.
TEST(ProgressLine, DrawnOnATerminalOnlyAndNotWithQuiet) {
  if (std::system("command -v script >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "script(1) not installed: no terminal to test with";
  testing::TempDir dir;
  const std::string corpus = (dir.path() / "c.mbox").string();
  std::string out;
  ASSERT_EQ(
      testing::RunInboxsim(
          "gen --count 30000 --seed 3 -o " + corpus + " >/dev/null", &out),
      0);
  const std::string run = testing::InboxsimBinary() + " run " + corpus +
                          " --parse-only -j 1 >/dev/null";
  const std::string log = (dir.path() / "tty.log").string();
  ASSERT_EQ(
      std::system(("script -qec '" + run + "' /dev/null > " + log).c_str()), 0);
  EXPECT_NE(testing::ReadFile(log).find(" messages, "), std::string::npos);
  ASSERT_EQ(
      std::system(
          ("script -qec '" + run + " --quiet' /dev/null > " + log).c_str()),
      0);
  EXPECT_EQ(testing::ReadFile(log).find(" messages, "), std::string::npos);
  ASSERT_EQ(std::system((run + " 2> " + log).c_str()), 0);
  EXPECT_EQ(testing::ReadFile(log), "");
}

}  // namespace
}  // namespace inboxsim::cli
