// Fields of Linux's "Name:  value" files (/proc/self/status, /proc/meminfo,
// /proc/cpuinfo), which the benchmark reads for memory and the machine.
#ifndef INBOXSIM_BENCH_PROC_FIELDS_H_
#define INBOXSIM_BENCH_PROC_FIELDS_H_

#include <cstdint>
#include <string>

namespace inboxsim::bench {

// The value of the first line of `path` whose name (before the colon,
// trailing blanks dropped) is `name`, leading blanks dropped; "" when there
// is none or the file cannot be read.
std::string ProcField(const char* path, const std::string& name);

// A "Name:  123 kB" field in bytes; 0 when absent or not a number.
uint64_t ProcFieldBytes(const char* path, const std::string& name);

}  // namespace inboxsim::bench

#endif  // INBOXSIM_BENCH_PROC_FIELDS_H_
