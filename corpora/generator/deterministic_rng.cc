#include "corpora/generator/deterministic_rng.h"

namespace inboxsim::gen::detail {

uint64_t SplitMix64(uint64_t& state) {
  state += 0x9e3779b97f4a7c15ULL;
  uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t MessageSeed(uint64_t seed, uint64_t index) {
  // Hash the seed first, then fold the index into the hashed value and hash
  // again: a plain seed ^ index would make (s, i) and (s ^ 1, i ^ 1) collide.
  uint64_t state = seed;
  uint64_t mixed = SplitMix64(state) ^ index;
  return SplitMix64(mixed);
}

Rng::Rng(uint64_t seed) {
  uint64_t state = seed;
  for (uint64_t& word : state_) word = SplitMix64(state);
}

namespace {

// The 128-bit product of a and b as (high, low) words, in portable integer
// arithmetic so every compiler computes the same bits.
void Multiply64(uint64_t a, uint64_t b, uint64_t* high, uint64_t* low) {
  constexpr uint64_t kLowMask = 0xffffffffULL;
  const uint64_t a_lo = a & kLowMask, a_hi = a >> 32;
  const uint64_t b_lo = b & kLowMask, b_hi = b >> 32;
  const uint64_t lo_lo = a_lo * b_lo;
  const uint64_t hi_lo = a_hi * b_lo;
  const uint64_t lo_hi = a_lo * b_hi;
  const uint64_t hi_hi = a_hi * b_hi;
  const uint64_t cross = (lo_lo >> 32) + (hi_lo & kLowMask) + lo_hi;
  *high = hi_hi + (hi_lo >> 32) + (cross >> 32);
  *low = (cross << 32) | (lo_lo & kLowMask);
}

}  // namespace

uint64_t Rng::Below(uint64_t n) {
  assert(n > 0);
  // Lemire's multiply-and-reject: the high word of r * n is uniform in
  // [0, n) once the few low words below (2^64 mod n) are rejected. Avoids a
  // division on almost every call.
  uint64_t high = 0, low = 0;
  Multiply64(Next(), n, &high, &low);
  if (low < n) {
    const uint64_t threshold = (0 - n) % n;
    while (low < threshold) Multiply64(Next(), n, &high, &low);
  }
  return high;
}

size_t Rng::PickWeighted(std::span<const int> weights) {
  uint64_t total = 0;
  for (int w : weights) total += static_cast<uint64_t>(w);
  assert(total > 0);
  uint64_t r = Below(total);
  for (size_t i = 0; i < weights.size(); ++i) {
    const auto w = static_cast<uint64_t>(weights[i]);
    if (r < w) return i;
    r -= w;
  }
  return weights.size() - 1;  // unreachable: r < total
}

void Rng::AppendBytes(std::string& out, size_t count) {
  constexpr size_t kBytesPerWord = 8;
  const size_t start = out.size();
  out.resize(start + count);
  size_t i = 0;
  for (; i + kBytesPerWord <= count; i += kBytesPerWord) {
    uint64_t word = Next();
    // Byte by byte, lowest first, so the output ignores host endianness.
    for (size_t b = 0; b < kBytesPerWord; ++b) {
      out[start + i + b] = static_cast<char>(word & 0xff);
      word >>= 8;
    }
  }
  if (i < count) {
    uint64_t word = Next();
    for (; i < count; ++i) {
      out[start + i] = static_cast<char>(word & 0xff);
      word >>= 8;
    }
  }
}

}  // namespace inboxsim::gen::detail
