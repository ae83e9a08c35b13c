// PatternSet: every rule pattern of one scan target, compiled once for all
// loaded profiles, matched against a text in one pass.
//
//   std::vector<PatternSpec> specs = {{"\\bfree\\s+money\\b", "i", 0},
//                                     {"viagra", "i", 7}};
//   CompileOptions options;  // Hyperscan, cache in ~/.cache/inboxsim
//   Result<PatternSet> set = PatternSet::Compile(specs, options);
//   auto scratch = set->MakeScratch();  // one per thread
//   HitSet hits(8);
//   ScanCounters counters;
//   set->Match("Get FREE  money now", *scratch, &hits, &counters);
//   // hits.test(0)
//
// Semantics, the same for every engine: a pattern "hits" a text when it
// matches anywhere in it (unanchored search); a hit is a bit, not a count.
// Flags are letters: i (caseless), m (^ and $ at line ends), s (. matches
// newline), u (UTF-8 and Unicode properties), x (extended syntax: white space
// and #-comments ignored).
//
// With Engine::kHyperscan all patterns go into ONE Hyperscan database
// (HS_FLAG_SINGLEMATCH); a pattern Hyperscan rejects (back-references,
// lookaround, ...) is compiled with HS_FLAG_PREFILTER where it can and
// confirmed with PCRE2-JIT on a prefilter hit, else run with PCRE2-JIT on
// every text. A pattern too large for PCRE2's 8-bit library (64 KiB of
// compiled code) runs the same way with its 32-bit library, else with RE2 on
// every text. PCRE2 runs under a match limit; a limit hit counts as no match
// and is counted per pattern. The other engines run one pattern at a time,
// for comparison.
//
// Thread safety: a PatternSet is immutable after Compile() and Match() may
// run on many threads at once, each with its own Scratch.
#ifndef INBOXSIM_SCAN_PATTERN_SET_H_
#define INBOXSIM_SCAN_PATTERN_SET_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/core/result.h"

namespace inboxsim::scan {

enum class Engine : unsigned char { kHyperscan, kPcre2, kRe2, kStd };
// "hyperscan", "pcre2", "re2", "std".
std::string_view EngineName(Engine engine);
std::optional<Engine> ParseEngine(std::string_view name);

struct PatternSpec {
  std::string expression;
  std::string flags;  // letters from "imsux"
  uint32_t id = 0;    // the caller's rule id: the bit set in a HitSet
};

// A fixed-size bit set over pattern ids.
class HitSet {
 public:
  explicit HitSet(size_t size = 0) : words_((size + 63) / 64, 0), size_(size) {}
  void Resize(size_t size) {
    words_.assign((size + 63) / 64, 0);
    size_ = size;
  }
  void Clear() { std::fill(words_.begin(), words_.end(), 0); }
  void Set(uint32_t id) { words_[id >> 6] |= uint64_t{1} << (id & 63); }
  void Flip(uint32_t id) { words_[id >> 6] ^= uint64_t{1} << (id & 63); }
  bool test(uint32_t id) const { return (words_[id >> 6] >> (id & 63)) & 1; }
  size_t size() const { return size_; }
  size_t Count() const;
  const std::vector<uint64_t>& words() const { return words_; }
  // Calls `visit(id)` for every id set, ascending.
  template <typename Visit>
  void ForEach(Visit&& visit) const {
    for (size_t w = 0; w < words_.size(); ++w) {
      for (uint64_t bits = words_[w]; bits != 0; bits &= bits - 1)
        visit(static_cast<uint32_t>(w * 64 + __builtin_ctzll(bits)));
    }
  }

 private:
  std::vector<uint64_t> words_;
  size_t size_;
};

// Per-thread counts the scan keeps; merged by the caller.
struct ScanCounters {
  uint64_t texts_scanned = 0;
  uint64_t bytes_scanned = 0;
  // PCRE2 match calls: confirmations and PCRE2-only patterns (under
  // Engine::kPcre2, every pattern on every text).
  uint64_t pcre2_runs = 0;
  // Match, depth or JIT-stack limit hits by pattern id (std::regex errors
  // while matching count here too); sized to the largest id + 1 on first use.
  std::vector<uint64_t> match_limit_hits;
  // hs_scan or pcre2_match failures other than limits: out of memory, a bug.
  uint64_t engine_errors = 0;
};

struct CompileOptions {
  Engine engine = Engine::kHyperscan;
  bool use_cache = true;
  std::string cache_dir;  // "" = $XDG_CACHE_HOME/inboxsim or ~/.cache/inboxsim
  // Per match attempt (pcre2_set_match_limit).
  uint32_t pcre2_match_limit = 100000;
  uint32_t pcre2_depth_limit = 10000;  // pcre2_set_depth_limit
  // Hyperscan only: texts like those the set will scan. When given, the
  // costliest patterns are measured on them and put behind exact
  // prefilters where that pays (prefilter_plan.h); the plan is kept in the
  // cache directory and every later compile of the same patterns uses it.
  // Without them, a kept plan is used if there is one. Hits are the same
  // either way; only the time differs. The texts must outlive Compile().
  std::span<const std::string_view> tuning_texts;
};

// A pattern the tuned plan put behind a prefilter: scanned for with
// `expression` (over the text with every byte outside [0-9A-Za-z] deleted,
// or over the text as written), each text it passes confirmed by the
// pattern alone.
struct PrefilterChoice {
  uint32_t id = 0;
  std::string text;  // "separators-deleted" or "as-written"
  std::string expression;
  // Measured when tuning, over the tuning texts: the pattern alone, and the
  // prefilter with the confirmations it led to; 0 for a kept plan.
  double pattern_seconds = 0;
  double expected_seconds = 0;
};

// How one pattern is run under the chosen engine.
enum class PatternMode : unsigned char {
  kNative,       // in the engine (for Hyperscan: in the multi-pattern database)
  kPrefiltered,  // Hyperscan prefilter, confirmed with PCRE2-JIT
  kPcre2Only,    // PCRE2-JIT on every text (not even a Hyperscan prefilter).
                 // For a pattern too large for PCRE2's 8-bit library, these
                 // two use its 32-bit library, or (kPcre2Only) RE2 when that
                 // fails too; the reason names the fallback.
  kUnsupported,  // this engine cannot run it: never hits, reported
};

struct CompileReport {
  double compile_seconds = 0;  // wall time of Compile(), cache load included
  bool cache_hit = false;      // the database came from the cache
  std::string cache_path;      // file used or written ("" without cache)
  size_t native = 0, prefiltered = 0, pcre2_only = 0, unsupported = 0;
  // (id, the engines' words), one per unsupported pattern.
  std::vector<std::pair<uint32_t, std::string>> unsupported_reasons;
  // Why the cache missed or was not written ("no cache file", "checksum
  // mismatch ...", a write error); "" on a hit or with use_cache false.
  std::string cache_note;
  // The tuned plan in force (CompileOptions::tuning_texts): its file, what
  // it chose, the time spent measuring (0 when read back), and why a plan
  // file could not be read or written ("" when it was, or there is none).
  std::string plan_path;
  std::vector<PrefilterChoice> prefilters;
  double tuning_seconds = 0;
  std::string plan_note;
};

// Why `spec` cannot run at all under `engine` (for Hyperscan: neither
// Hyperscan nor PCRE2 accepts it), in the engines' own words; nullopt when
// it can. Cheap enough to call per rule at profile load.
std::optional<std::string> ValidatePattern(const PatternSpec& spec,
                                           Engine engine);

// One pattern of a set's Hyperscan databases, in the form the database
// holds it (PatternSet::DatabasePatterns): enough to compile it alone and
// see what it costs.
struct DatabasePattern {
  uint32_t id = 0;          // the caller's id (a projection: its original's)
  std::string expression;   // as Hyperscan compiles it
  unsigned hs_flags = 0;    // HS_FLAG_*
  bool projection = false;  // an ASCII projection standing for the pattern
  // A tuned prefilter (PrefilterChoice) in front of the pattern, which is
  // listed too. Not part of a union of the patterns.
  bool prefilter = false;
  // The pattern a tuned prefilter stands in front of: in a database of its
  // own, scanned only over the texts its prefilter passes.
  bool behind_prefilter = false;
  // The texts its database scans (see PatternSet::TreatsAsAscii);
  // kSeparatorsDeleted: every text with its bytes outside [0-9A-Za-z]
  // deleted (detail::DeleteBytesOutside).
  enum class Texts : unsigned char {
    kEvery,
    kAscii,
    kOther,
    kSeparatorsDeleted
  };
  Texts texts = Texts::kEvery;
};

class PatternSet {
 public:
  class Scratch;  // per-thread matching state; opaque

  // Fails only for an engine error that is not the pattern's fault (e.g. out
  // of memory); patterns that cannot run are reported in report(), not fatal.
  static Result<PatternSet> Compile(std::vector<PatternSpec> specs,
                                    const CompileOptions& options);

  PatternSet(PatternSet&&) noexcept;
  PatternSet& operator=(PatternSet&&) noexcept;
  ~PatternSet();

  // nullptr when Hyperscan or PCRE2 cannot allocate the scratch space.
  // A Scratch belongs to the PatternSet that made it.
  std::unique_ptr<Scratch> MakeScratch() const;
  // Sets in `hits` the ids of the patterns that match `text` (other bits
  // are left as they are). `hits` must be larger than every id. `text` may
  // hold any bytes; a pattern with the u flag never hits a text that is not
  // valid UTF-8. `scratch` must come from this set's MakeScratch().
  void Match(std::string_view text, Scratch& scratch, HitSet* hits,
             ScanCounters* counters) const;

  // The part of Match() that is Hyperscan alone, for the benchmark's
  // ceiling: `text` scanned with the same databases Match() would scan it
  // with, each match counted and nothing else done (no PCRE2 confirmation,
  // no PCRE2-only patterns, no hits). Returns the matches Hyperscan
  // reported; 0 under the other engines, which have no database.
  uint64_t ScanDatabasesOnly(std::string_view text, Scratch& scratch) const;
  // Every pattern of the Hyperscan databases as compiled there (widened
  // prefilters widened, HS_FLAG_PREFILTER set where used); empty under the
  // other engines. Start finders are not included.
  std::vector<DatabasePattern> DatabasePatterns() const;
  // Whether `text` is scanned with the database for ASCII texts
  // (DatabasePattern::Texts::kAscii) rather than the one for the others.
  bool TreatsAsAscii(std::string_view text) const;

  const CompileReport& report() const;
  // kUnsupported for unknown ids; for an id shared by several patterns,
  // the mode of the first.
  PatternMode mode(uint32_t id) const;
  // Why that pattern is not native: the engines' words and the fallback that
  // runs it ("...; run with PCRE2-32 instead"); "" for native patterns and
  // unknown ids.
  std::string_view reason(uint32_t id) const;
  size_t size() const;

 private:
  class Impl;
  explicit PatternSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Defined here only so std::unique_ptr<Scratch> can be destroyed anywhere;
// its contents stay private to the implementation.
class PatternSet::Scratch {
 public:
  ~Scratch();
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

 private:
  friend class PatternSet;
  struct State;
  explicit Scratch(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace inboxsim::scan

#endif  // INBOXSIM_SCAN_PATTERN_SET_H_
