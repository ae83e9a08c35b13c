#include "sim/bench/proc_fields.h"

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace inboxsim::bench {
namespace {

TEST(ProcFields, NamesMatchWholeBeforeTheColon) {
  testing::TempDir dir;
  const std::string path =
      dir.Write("status",
                "VmHWMx:\t 1 kB\nVmHWM:\t   2048 kB\nmodel name\t: AMD EPYC\n"
                "Empty:\nNotANumber:\tlots kB\n");
  EXPECT_EQ(ProcField(path.c_str(), "VmHWM"), "2048 kB");
  EXPECT_EQ(ProcFieldBytes(path.c_str(), "VmHWM"), 2048u * 1024);
  EXPECT_EQ(ProcField(path.c_str(), "model name"), "AMD EPYC");
  EXPECT_EQ(ProcField(path.c_str(), "Empty"), "");
  EXPECT_EQ(ProcField(path.c_str(), "Vm"), "");
  EXPECT_EQ(ProcFieldBytes(path.c_str(), "NotANumber"), 0u);
  EXPECT_EQ(ProcFieldBytes("/no/such/file", "VmHWM"), 0u);
}

}  // namespace
}  // namespace inboxsim::bench
