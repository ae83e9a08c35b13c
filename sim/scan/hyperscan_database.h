// The Hyperscan side of a PatternSet: RAII for its C handles, the
// compile-with-fallback loop that decides each pattern's mode, and
// (de)serialization for the cache.
//
//   std::vector<detail::HsPattern> patterns = ...;  // expression, flags, mode
//   Result<detail::HsDatabasePtr> db = detail::CompileHyperscan(&patterns);
//   // patterns[k].mode is now kNative, kPrefiltered or kPcre2Only
#ifndef INBOXSIM_SCAN_HYPERSCAN_DATABASE_H_
#define INBOXSIM_SCAN_HYPERSCAN_DATABASE_H_

#include <hs/hs.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.h"
#include "sim/scan/pattern_set.h"
#include "sim/scan/pattern_syntax.h"

namespace inboxsim::scan::detail {

struct HsDatabaseFree {
  void operator()(hs_database_t* db) const { hs_free_database(db); }
};
struct HsScratchFree {
  void operator()(hs_scratch_t* scratch) const { hs_free_scratch(scratch); }
};
struct HsCompileErrorFree {
  void operator()(hs_compile_error_t* error) const {
    hs_free_compile_error(error);
  }
};
using HsDatabasePtr = std::unique_ptr<hs_database_t, HsDatabaseFree>;
using HsScratchPtr = std::unique_ptr<hs_scratch_t, HsScratchFree>;

// One pattern as the Hyperscan compiler sees it. The database's expression
// ids are indices into the vector passed to CompileHyperscan().
struct HsPattern {
  std::string expression;  // "(?x)"-prefixed for the x flag
  unsigned flags = 0;      // HS_FLAG_* without HS_FLAG_PREFILTER
  PatternMode mode = PatternMode::kNative;  // in: kUnsupported to leave out
  std::string hyperscan_error;  // why Hyperscan could not run it natively
  // For a kPrefiltered pattern: "" when Hyperscan's own prefilter form
  // (HS_FLAG_PREFILTER) runs, else the pattern with its repeats widened
  // (WidenRepeats), compiled as it is.
  std::string widened;
  // For a widened one: its reverse (ReversedSuperset), when Hyperscan
  // compiles that into its start finder (CompileStartFinders).
  std::string start_finder;
};

// The Hyperscan form of a pattern: the flags mapped, x handled by an inline
// (?x) (Hyperscan's parser honours it), and HS_FLAG_ALLOWEMPTY because a
// pattern that matches the empty string hits every text, as in PCRE2.
HsPattern MakeHsPattern(std::string_view expression, const Flags& flags);

// Decides each pattern's mode and compiles the native and prefiltered ones
// into one block-mode database: a pattern Hyperscan rejects is retried with
// HS_FLAG_PREFILTER, then left to PCRE2 (kPcre2Only, with hyperscan_error
// set). Patterns entering as kUnsupported stay out. A rejection that only a
// full compile shows (resource limits) is the same whether the pattern is
// compiled alone or with others, so large patterns (ExpandedPositions) are
// tried alone first, in parallel, and a pattern the union still refuses has
// its prefilter form tried alone: each such pattern costs at most one more
// compile of the whole set, not one per mode. A pattern refused for its
// size is prefiltered by its widened form (HsPattern::widened) when that
// compiles: Hyperscan's own prefilter of such a pattern can shrink to one
// that passes every text. Returns a null pointer
// when no pattern is left for Hyperscan, an Error when Hyperscan fails for a
// reason no pattern is to blame for (expression -1: out of memory, ...).
Result<HsDatabasePtr> CompileHyperscan(std::vector<HsPattern>* patterns);

// After CompileHyperscan: a start finder for each pattern prefiltered by
// its widened form whose reverse (ReversedSuperset) Hyperscan compiles (its
// `start_finder` is set): a database of that reverse alone, without
// HS_FLAG_SINGLEMATCH. Scanned over a text of n bytes read backwards, it
// reports every offset n - end where the pattern may begin to match; PCRE2
// needs to try only those. Those patterns are the ones too large for
// Hyperscan, which PCRE2 otherwise runs slowly from every offset. One
// database per pattern, so that a text pays only for the patterns whose
// prefilter it passed. Indexed like `patterns`, null for the others.
std::vector<HsDatabasePtr> CompileStartFinders(
    std::vector<HsPattern>* patterns);

// `expression` alone compiled with `flags` (block mode): the database, or
// null with `*error` set to Hyperscan's message when the pattern is to
// blame ("" when it fails for another reason: out of memory).
HsDatabasePtr CompileAlone(const std::string& expression, unsigned flags,
                           std::string* error);

// An hs_scan match handler counting every match into the uint64_t that
// `context` points to, and scanning on.
int CountEveryMatch(unsigned int id, unsigned long long from,
                    unsigned long long to, unsigned int flags, void* context);

// Hyperscan's message when it cannot run `pattern` natively, nullopt when
// hs_expression_info accepts it (cheap: no database is built).
std::optional<std::string> HyperscanRejects(const HsPattern& pattern);

// hs_serialize_database into bytes; an Error when Hyperscan fails.
Result<std::string> SerializeDatabase(const hs_database_t& db);
// hs_deserialize_database; an Error (with Hyperscan's code) for bytes
// from another platform or Hyperscan version, or corrupt ones.
Result<HsDatabasePtr> DeserializeDatabase(std::string_view bytes);

}  // namespace inboxsim::scan::detail

#endif  // INBOXSIM_SCAN_HYPERSCAN_DATABASE_H_
