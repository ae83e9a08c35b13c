// A small, fully specified pseudo-random generator for the synthetic corpus.
//
//   detail::Rng rng(detail::MessageSeed(options.seed, index));
//   bool spam = rng.Bernoulli(0.4);
//   int paragraphs = rng.Uniform(2, 6);
//   std::string_view word = rng.Pick(kNouns);
//
// Why not <random>: the engines are specified but the distributions
// (uniform_int_distribution, bernoulli_distribution) are not, so libstdc++,
// libc++ and MSVC turn the same engine output into different numbers. Every
// helper here is written out with integer arithmetic (and one exactly
// representable double scale), so a corpus regenerates byte for byte on any
// platform. The generator is xoshiro256** seeded through splitmix64, as its
// authors recommend; an Rng is cheap, so each message gets its own.
//
// Not thread-safe: one Rng per message (or per thread).
#ifndef INBOXSIM_CORPORA_GENERATOR_DETERMINISTIC_RNG_H_
#define INBOXSIM_CORPORA_GENERATOR_DETERMINISTIC_RNG_H_

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <string>

namespace inboxsim::gen::detail {

// One splitmix64 step: advances `state` and returns a well-mixed output.
uint64_t SplitMix64(uint64_t& state);

// The seed for message `index` of a corpus with seed `seed`. Mixes both
// inputs so neighbouring indices and neighbouring seeds give unrelated
// streams (seed s, index i+1 must not replay seed s+1, index i).
uint64_t MessageSeed(uint64_t seed, uint64_t index);

class Rng {
 public:
  explicit Rng(uint64_t seed);

  // xoshiro256**: the next 64 random bits.
  uint64_t Next() {
    const uint64_t result = RotateLeft(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = RotateLeft(state_[3], 45);
    return result;
  }

  // Uniform in [0, n), without modulo bias; n must be > 0.
  uint64_t Below(uint64_t n);

  // Uniform in [lo, hi], both inclusive; lo must be <= hi.
  int Uniform(int lo, int hi) {
    assert(lo <= hi);
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }

  // Uniform in [0, 1) with 53 random bits: exact in IEEE doubles, so the same
  // everywhere. Bernoulli(0) is never true and Bernoulli(1) always is.
  double UnitDouble() {
    return static_cast<double>(Next() >> 11) * kTwoPowMinus53;
  }
  bool Bernoulli(double p) { return UnitDouble() < p; }

  // A uniformly chosen element of a non-empty array or span.
  template <typename Container>
  const auto& Pick(const Container& items) {
    assert(std::size(items) > 0);
    return items[Below(std::size(items))];
  }

  // Index chosen with probability proportional to weights[i].
  size_t PickWeighted(std::span<const int> weights);

  // Appends `count` random bytes (for attachment payloads).
  void AppendBytes(std::string& out, size_t count);

 private:
  static constexpr double kTwoPowMinus53 = 1.0 / 9007199254740992.0;
  static uint64_t RotateLeft(uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
  }

  uint64_t state_[4];
};

}  // namespace inboxsim::gen::detail

#endif  // INBOXSIM_CORPORA_GENERATOR_DETERMINISTIC_RNG_H_
