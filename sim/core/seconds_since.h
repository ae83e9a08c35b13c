// Wall time measured on the steady clock, in seconds: how every stage,
// load, compile and run reports its duration.
//
//   const auto start = std::chrono::steady_clock::now();
//   ...
//   double elapsed = SecondsSince(start);
#ifndef INBOXSIM_CORE_SECONDS_SINCE_H_
#define INBOXSIM_CORE_SECONDS_SINCE_H_

#include <chrono>

namespace inboxsim {

inline double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace inboxsim

#endif  // INBOXSIM_CORE_SECONDS_SINCE_H_
