// The on-disk cache of compiled Hyperscan databases, so a warm start does
// no Hyperscan compile at all.
//
//   std::string key = detail::CacheKey(specs);
//   std::string path = detail::CachePath(dir, key);
//   Result<detail::CacheEntry> entry = detail::ReadCache(path, key);
//   if (!entry) {
//     // ...compile, then:
//     Status written = detail::WriteCache(path, key, built);
//   }
//
// A file holds the key it was written for (compared byte for byte, so a
// hash collision is a miss, not a wrong database), each pattern's mode,
// reason, start-finder flag and widened prefilter form, the
// hs_serialize_database bytes of each of
// the set's databases, and an FNV-1a checksum of all that.
// Files are written to a temporary name and renamed into place, so
// concurrent runs never read half a file.
#ifndef INBOXSIM_SCAN_PATTERN_CACHE_H_
#define INBOXSIM_SCAN_PATTERN_CACHE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.h"
#include "sim/scan/pattern_set.h"

namespace inboxsim::scan::detail {

// 64-bit FNV-1a: std::hash is not stable across builds, this is.
uint64_t Fnv1a64(std::string_view bytes, uint64_t seed = 0xcbf29ce484222325ULL);

// Everything the compiled result depends on: the file format version, the
// Hyperscan and PCRE2 versions, and each pattern's expression, flags and id
// in order.
std::string CacheKey(const std::vector<PatternSpec>& specs);

// $XDG_CACHE_HOME/inboxsim, else $HOME/.cache/inboxsim; "" when neither
// variable is set.
std::string DefaultCacheDir();

// The 16 hex digits of Fnv1a64(key): how a file kept for `key` is named.
std::string KeyHash(std::string_view key);

// `dir`/hs-<KeyHash(key)>.db
std::string CachePath(const std::string& dir, std::string_view key);

struct CachedPattern {
  PatternMode mode = PatternMode::kNative;
  std::string reason;  // the engines' words for a fallback or kUnsupported
  bool start_finder = false;  // its start finder is in CacheEntry::databases
  std::string widened;        // the widened form prefiltering it, or ""
};

struct CacheEntry {
  std::vector<CachedPattern> patterns;  // in PatternSpec order
  // hs_serialize_database bytes, "" for a database the set does not need;
  // what each is, and their order, is the PatternSet's business.
  std::vector<std::string> databases;
};

// The entry stored at `path` for `key`; an Error saying why not (missing,
// truncated, checksum mismatch, written for another key).
Result<CacheEntry> ReadCache(const std::string& path, std::string_view key);

// Writes `entry` for `key` atomically, creating the directory; an Error with
// the system's words when it cannot.
Status WriteCache(const std::string& path, std::string_view key,
                  const CacheEntry& entry);

// The bytes of `path`; nullopt when it cannot be opened or read.
std::optional<std::string> ReadWholeFile(const std::string& path);

// Writes `bytes` to a temporary name beside `path`, creating the directory,
// and renames it into place; an Error with the system's words when it
// cannot.
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

}  // namespace inboxsim::scan::detail

#endif  // INBOXSIM_SCAN_PATTERN_CACHE_H_
