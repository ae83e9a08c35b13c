// A progress line on stderr for long runs: messages done, rate, and an ETA
// when the input's size is known. Drawn only when stderr is a terminal (a
// log file or a pipe gets nothing), at most four times a second, and
// cleared when the run ends.
//
//   ProgressLine progress("run", total_bytes);   // 0: size unknown, no ETA
//   run.on_progress = [&](uint64_t m, uint64_t b) { progress.Update(m, b); };
#ifndef INBOXSIM_CLI_PROGRESS_H_
#define INBOXSIM_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <string>

namespace inboxsim::cli {

class ProgressLine {
 public:
  ProgressLine(std::string command, uint64_t total_bytes);
  ~ProgressLine();  // clears the line
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // Adds a batch read: `messages` messages of `bytes` bytes.
  void Update(uint64_t messages, uint64_t bytes);

  // The text the line shows after `seconds` (for tests and the drawing).
  static std::string Format(uint64_t messages, uint64_t bytes,
                            uint64_t total_bytes, double seconds);

 private:
  std::string command_;
  uint64_t total_bytes_;
  uint64_t messages_ = 0;
  uint64_t bytes_ = 0;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace inboxsim::cli

#endif  // INBOXSIM_CLI_PROGRESS_H_
