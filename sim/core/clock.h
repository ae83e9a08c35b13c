// Wall time measured on the steady clock, in seconds: how every stage,
// load, compile and run reports its duration.
//
//   const auto start = std::chrono::steady_clock::now();
//   ...
//   double elapsed = SecondsSince(start);
//
//   LapClock clock(timing_on);   // stage timers that cost a branch when off
//   Parse(...);  clock.Lap(&parse_seconds);
//   Scan(...);   clock.Lap(&scan_seconds);
#ifndef INBOXSIM_CORE_CLOCK_H_
#define INBOXSIM_CORE_CLOCK_H_

#include <chrono>

namespace inboxsim {

inline double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

// Adds the time since the previous lap (or construction) to a stage's
// seconds; does nothing when off, so an untimed run pays a branch per lap.
class LapClock {
 public:
  explicit LapClock(bool on) : on_(on) {
    if (on_) last_ = Clock::now();
  }
  // `seconds` may be null: the time since the previous lap is nobody's.
  void Lap(double* seconds) {
    if (!on_) return;
    const Clock::time_point now = Clock::now();
    if (seconds) *seconds += std::chrono::duration<double>(now - last_).count();
    last_ = now;
  }
  bool on() const { return on_; }

 private:
  using Clock = std::chrono::steady_clock;
  bool on_;
  Clock::time_point last_;
};

}  // namespace inboxsim

#endif  // INBOXSIM_CORE_CLOCK_H_
