#include "sim/cli/progress.h"

#include <cstdio>

namespace inboxsim::cli {
namespace {

constexpr auto kRedrawEvery = std::chrono::milliseconds(250);

std::string Thousands(uint64_t value) {
  std::string digits = std::to_string(value);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
    digits.insert(static_cast<size_t>(i), ",");
  return digits;
}

}  // namespace

ProgressLine::ProgressLine(std::string command, uint64_t total_bytes)
    : command_(std::move(command)),
      total_bytes_(total_bytes),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

ProgressLine::~ProgressLine() {
  if (drawn_) std::fprintf(stderr, "\r\033[K");
}

std::string ProgressLine::Format(uint64_t messages, uint64_t bytes,
                                 uint64_t total_bytes, double seconds) {
  char text[160];
  const double rate = seconds > 0 ? messages / seconds : 0;
  const double mb_rate = seconds > 0 ? bytes / 1e6 / seconds : 0;
  std::snprintf(text, sizeof text, "%s messages, %.0f msg/s, %.1f MB/s",
                Thousands(messages).c_str(), rate, mb_rate);
  std::string line = text;
  if (total_bytes > 0 && bytes > 0 && bytes <= total_bytes && seconds > 0) {
    const double done = static_cast<double>(bytes) / total_bytes;
    const auto left = static_cast<long long>(seconds / done - seconds + 0.5);
    std::snprintf(text, sizeof text, ", %.0f%%, ETA %lld:%02lld", 100 * done,
                  left / 60, left % 60);
    line += text;
  }
  return line;
}

void ProgressLine::Update(uint64_t messages, uint64_t bytes) {
  messages_ += messages;
  bytes_ += bytes;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < kRedrawEvery) return;
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::fprintf(stderr, "\r\033[K%s: %s", command_.c_str(),
               Format(messages_, bytes_, total_bytes_, seconds).c_str());
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace inboxsim::cli
