#include "sim/scan/pattern_cache.h"

#include <gtest/gtest.h>
#include <hs/hs.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/scan/pattern_set.h"
#include "tests/scan/scan_test_util.h"
#include "tests/test_util.h"

namespace inboxsim::scan {
namespace {

namespace fs = std::filesystem;
using Ids = std::vector<uint32_t>;

const std::vector<PatternSpec>& CacheSpecs() {
  static const std::vector<PatternSpec> specs = {
      {R"(\bfree\s+money\b)", "i", 0},
      {R"((\w+)\s+\1)", "", 1},    // prefiltered
      {R"((fo|ba)(?1)z)", "", 2},  // PCRE2 only
      {"(", "", 3},                // unsupported
      {R"(^click here$)", "m", 4},
  };
  return specs;
}

const std::vector<std::string>& CacheTexts() {
  static const std::vector<std::string> texts = {
      "get FREE money", "the the", "fobaz", "x\nclick here\n", "nothing"};
  return texts;
}

std::vector<Ids> AllHits(const PatternSet& set) {
  std::vector<Ids> out;
  for (const std::string& text : CacheTexts())
    out.push_back(Hits(set, text, 5));
  return out;
}

CompileOptions CachedIn(const fs::path& dir) {
  CompileOptions options;
  options.cache_dir = dir.string();
  return options;
}

size_t FilesIn(const fs::path& dir) {
  if (!fs::exists(dir)) return 0;
  return std::distance(fs::directory_iterator(dir), fs::directory_iterator());
}

const std::vector<Ids> kExpectedHits = {{0}, {1}, {2}, {4}, {}};

TEST(PatternCache, SecondCompileLoadsTheDatabaseAndTheModes) {
  inboxsim::testing::TempDir dir;
  fs::path cache = dir.path() / "cache";  // created by the first compile
  Result<PatternSet> cold = PatternSet::Compile(CacheSpecs(), CachedIn(cache));
  ASSERT_TRUE(cold.ok()) << cold.error().ToString();
  EXPECT_FALSE(cold->report().cache_hit);
  EXPECT_EQ(cold->report().cache_note, "no cache file");
  ASSERT_FALSE(cold->report().cache_path.empty());
  EXPECT_EQ(fs::path(cold->report().cache_path).parent_path(), cache);
  EXPECT_TRUE(fs::exists(cold->report().cache_path));
  EXPECT_EQ(FilesIn(cache), 1u);  // no temporary left behind
  EXPECT_EQ(AllHits(*cold), kExpectedHits);

  Result<PatternSet> warm = PatternSet::Compile(CacheSpecs(), CachedIn(cache));
  ASSERT_TRUE(warm.ok()) << warm.error().ToString();
  const CompileReport& report = warm->report();
  EXPECT_TRUE(report.cache_hit);
  EXPECT_EQ(report.cache_note, "");
  EXPECT_EQ(report.cache_path, cold->report().cache_path);
  EXPECT_EQ(report.native, 2u);
  EXPECT_EQ(report.prefiltered, 1u);
  EXPECT_EQ(report.pcre2_only, 1u);
  EXPECT_EQ(report.unsupported, 1u);
  EXPECT_EQ(report.unsupported_reasons, cold->report().unsupported_reasons);
  EXPECT_EQ(warm->mode(1), PatternMode::kPrefiltered);
  EXPECT_EQ(warm->mode(2), PatternMode::kPcre2Only);
  EXPECT_EQ(warm->mode(3), PatternMode::kUnsupported);
  EXPECT_EQ(AllHits(*warm), kExpectedHits);
}

TEST(PatternCache, StartFindersAreCachedWithTheirPatterns) {
  inboxsim::testing::TempDir dir;
  const std::vector<PatternSpec> specs = {{"x(?:a|b.){700}", "", 0},
                                          {"plain", "", 1}};
  const std::string hit = "zz x" + std::string(700, 'a');
  const std::string miss = "zz x" + std::string(699, 'a');
  for (bool warm : {false, true}) {
    SCOPED_TRACE(warm ? "warm" : "cold");
    Result<PatternSet> set = PatternSet::Compile(specs, CachedIn(dir.path()));
    ASSERT_TRUE(set.ok()) << set.error().ToString();
    EXPECT_EQ(set->report().cache_hit, warm);
    EXPECT_NE(set->reason(0).find("PCRE2 tries only the offsets"),
              std::string_view::npos)
        << set->reason(0);
    EXPECT_EQ(Hits(*set, hit, 2), Ids({0}));
    EXPECT_EQ(Hits(*set, miss + " plain", 2), Ids({1}));
  }
}

// The forms `inboxsim bench` costs each pattern in: the same whether the
// databases were compiled or loaded from the cache.
TEST(PatternCache, DatabasePatternsAreTheCompiledFormsColdOrWarm) {
  inboxsim::testing::TempDir dir;
  const std::vector<PatternSpec> specs = {{"x(?:a|b.){700}", "", 0},
                                          {"plain", "i", 1},
                                          {R"((\w+)\s+\1)", "", 2},
                                          {R"((fo|ba)(?1)z)", "", 3}};
  std::vector<std::string> cold_expressions;
  for (bool warm : {false, true}) {
    SCOPED_TRACE(warm ? "warm" : "cold");
    Result<PatternSet> set = PatternSet::Compile(specs, CachedIn(dir.path()));
    ASSERT_TRUE(set.ok()) << set.error().ToString();
    EXPECT_EQ(set->report().cache_hit, warm);
    const std::vector<DatabasePattern> patterns = set->DatabasePatterns();
    ASSERT_EQ(patterns.size(), 3u);  // the PCRE2-only one is in no database
    EXPECT_EQ(patterns[0].id, 0u);
    // Widened: the counted repeat is gone, and Hyperscan takes it alone.
    EXPECT_EQ(patterns[0].expression.find("{700}"), std::string::npos)
        << patterns[0].expression;
    EXPECT_EQ(patterns[0].hs_flags & HS_FLAG_PREFILTER, 0u);
    EXPECT_EQ(patterns[1].expression, "plain");
    EXPECT_NE(patterns[1].hs_flags & HS_FLAG_CASELESS, 0u);
    EXPECT_NE(patterns[2].hs_flags & HS_FLAG_PREFILTER, 0u);
    for (const DatabasePattern& pattern : patterns) {
      EXPECT_EQ(pattern.texts, DatabasePattern::Texts::kEvery);
      EXPECT_FALSE(pattern.projection);
    }
    std::vector<std::string> expressions;
    for (const DatabasePattern& pattern : patterns)
      expressions.push_back(pattern.expression);
    if (!warm) cold_expressions = expressions;
    EXPECT_EQ(expressions, cold_expressions);
  }
  // Other engines have no database.
  EXPECT_TRUE(PatternSet::Compile(specs, Uncached(Engine::kPcre2))
                  ->DatabasePatterns()
                  .empty());
}

TEST(PatternCache, ChangedPatternOrFlagsIsAMiss) {
  inboxsim::testing::TempDir dir;
  Result<PatternSet> first =
      PatternSet::Compile(CacheSpecs(), CachedIn(dir.path()));
  ASSERT_TRUE(first.ok());

  std::vector<PatternSpec> changed = CacheSpecs();
  changed[0].expression = R"(\bfree\s+cash\b)";
  Result<PatternSet> other = PatternSet::Compile(changed, CachedIn(dir.path()));
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->report().cache_hit);
  EXPECT_NE(other->report().cache_path, first->report().cache_path);
  EXPECT_EQ(Hits(*other, "FREE cash", 5), Ids({0}));
  EXPECT_EQ(Hits(*other, "free money", 5), Ids({}));

  std::vector<PatternSpec> reflagged = CacheSpecs();
  reflagged[0].flags = "";
  Result<PatternSet> case_sensitive =
      PatternSet::Compile(reflagged, CachedIn(dir.path()));
  ASSERT_TRUE(case_sensitive.ok());
  EXPECT_FALSE(case_sensitive->report().cache_hit);
  EXPECT_EQ(Hits(*case_sensitive, "FREE money", 5), Ids({}));
  EXPECT_EQ(Hits(*case_sensitive, "free money", 5), Ids({0}));

  std::vector<PatternSpec> renumbered = CacheSpecs();
  renumbered[0].id = 9;
  Result<PatternSet> moved =
      PatternSet::Compile(renumbered, CachedIn(dir.path()));
  ASSERT_TRUE(moved.ok());
  EXPECT_FALSE(moved->report().cache_hit);
  EXPECT_EQ(FilesIn(dir.path()), 4u);
}

TEST(PatternCache, CorruptFileIsRecompiledAndOverwritten) {
  inboxsim::testing::TempDir dir;
  Result<PatternSet> first =
      PatternSet::Compile(CacheSpecs(), CachedIn(dir.path()));
  ASSERT_TRUE(first.ok());
  const std::string path = first->report().cache_path;
  std::string bytes = inboxsim::testing::ReadFile(path);
  ASSERT_GT(bytes.size(), 100u);
  bytes[bytes.size() / 2] ^= 0x5a;  // inside the serialized database
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;

  Result<PatternSet> second =
      PatternSet::Compile(CacheSpecs(), CachedIn(dir.path()));
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->report().cache_hit);
  EXPECT_EQ(second->report().cache_note,
            "checksum mismatch (corrupt or truncated)");
  EXPECT_EQ(AllHits(*second), kExpectedHits);

  Result<PatternSet> third =
      PatternSet::Compile(CacheSpecs(), CachedIn(dir.path()));
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(third->report().cache_hit);  // the recompile rewrote it
  EXPECT_EQ(AllHits(*third), kExpectedHits);
}

TEST(PatternCache, TruncatedFileIsAMiss) {
  inboxsim::testing::TempDir dir;
  Result<PatternSet> first =
      PatternSet::Compile(CacheSpecs(), CachedIn(dir.path()));
  ASSERT_TRUE(first.ok());
  const std::string path = first->report().cache_path;
  for (size_t keep : {size_t{0}, size_t{5}, size_t{40}}) {
    SCOPED_TRACE(keep);
    fs::resize_file(path, keep);
    Result<PatternSet> again =
        PatternSet::Compile(CacheSpecs(), CachedIn(dir.path()));
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again->report().cache_hit);
    EXPECT_FALSE(again->report().cache_note.empty());
    EXPECT_EQ(AllHits(*again), kExpectedHits);
  }
}

TEST(PatternCache, DatabaseHyperscanRefusesIsRecompiled) {
  // A well-formed file whose database bytes Hyperscan cannot load, as from
  // another platform: hs_deserialize_database fails, the set recompiles.
  inboxsim::testing::TempDir dir;
  std::string key = detail::CacheKey(CacheSpecs());
  std::string path = detail::CachePath(dir.path().string(), key);
  ASSERT_TRUE(PatternSet::Compile(CacheSpecs(), CachedIn(dir.path())).ok());
  Result<detail::CacheEntry> bogus = detail::ReadCache(path, key);
  ASSERT_TRUE(bogus.ok()) << bogus.error().ToString();
  ASSERT_FALSE(bogus->databases.empty());
  for (std::string& database : bogus->databases) {
    if (!database.empty()) database = "not a Hyperscan database";
  }
  ASSERT_TRUE(detail::WriteCache(path, key, *bogus).ok());

  Result<PatternSet> set =
      PatternSet::Compile(CacheSpecs(), CachedIn(dir.path()));
  ASSERT_TRUE(set.ok());
  EXPECT_FALSE(set->report().cache_hit);
  EXPECT_EQ(set->report().cache_path, path);
  EXPECT_EQ(set->report().cache_note, "invalid database or parameter");
  EXPECT_EQ(AllHits(*set), kExpectedHits);
}

TEST(PatternCache, FileWithAnotherDatabaseCountIsAMiss) {
  inboxsim::testing::TempDir dir;
  std::string key = detail::CacheKey(CacheSpecs());
  std::string path = detail::CachePath(dir.path().string(), key);
  detail::CacheEntry other;
  other.patterns.resize(CacheSpecs().size());
  other.databases = {""};
  ASSERT_TRUE(detail::WriteCache(path, key, other).ok());
  Result<PatternSet> set =
      PatternSet::Compile(CacheSpecs(), CachedIn(dir.path()));
  ASSERT_TRUE(set.ok());
  EXPECT_FALSE(set->report().cache_hit);
  EXPECT_EQ(set->report().cache_note, "database count differs");
  EXPECT_EQ(AllHits(*set), kExpectedHits);
}

TEST(PatternCache, UseCacheFalseNeitherReadsNorWrites) {
  inboxsim::testing::TempDir dir;
  CompileOptions options = CachedIn(dir.path());
  options.use_cache = false;
  Result<PatternSet> set = PatternSet::Compile(CacheSpecs(), options);
  ASSERT_TRUE(set.ok());
  EXPECT_FALSE(set->report().cache_hit);
  EXPECT_EQ(set->report().cache_path, "");
  EXPECT_EQ(set->report().cache_note, "");
  EXPECT_EQ(FilesIn(dir.path()), 0u);
  EXPECT_EQ(AllHits(*set), kExpectedHits);
}

TEST(PatternCache, EmptySetIsCachedToo) {
  inboxsim::testing::TempDir dir;
  Result<PatternSet> cold = PatternSet::Compile({}, CachedIn(dir.path()));
  ASSERT_TRUE(cold.ok());
  Result<PatternSet> warm = PatternSet::Compile({}, CachedIn(dir.path()));
  ASSERT_TRUE(warm.ok());
  EXPECT_TRUE(warm->report().cache_hit);
  EXPECT_EQ(Hits(*warm, "text", 0), Ids({}));
}

TEST(PatternCache, KeyAndPathAreStable) {
  // FNV-1a's published test vectors: the cache name must not change
  // between builds, as std::hash may.
  EXPECT_EQ(detail::Fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(detail::Fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(detail::Fnv1a64("foobar"), 0x85944171f73967e8ULL);
  std::string key = detail::CacheKey(CacheSpecs());
  EXPECT_EQ(detail::CacheKey(CacheSpecs()), key);
  std::string path = detail::CachePath("/c", key);
  EXPECT_EQ(path.rfind("/c/hs-", 0), 0u);
  EXPECT_EQ(path.size(), std::string("/c/hs-0123456789abcdef.db").size());
  // The id is part of the key: the same expressions under other ids differ.
  std::vector<PatternSpec> specs = CacheSpecs();
  std::swap(specs[0], specs[4]);
  EXPECT_NE(detail::CacheKey(specs), key);
}

TEST(PatternCache, DefaultDirFollowsXdgThenHome) {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  std::string saved_xdg = xdg ? xdg : "";
  std::string saved_home = home ? home : "";
  ::setenv("XDG_CACHE_HOME", "/x/cache", 1);
  ::setenv("HOME", "/home/u", 1);
  EXPECT_EQ(detail::DefaultCacheDir(), "/x/cache/inboxsim");
  ::setenv("XDG_CACHE_HOME", "relative", 1);  // ignored, as the spec says
  EXPECT_EQ(detail::DefaultCacheDir(), "/home/u/.cache/inboxsim");
  ::unsetenv("XDG_CACHE_HOME");
  EXPECT_EQ(detail::DefaultCacheDir(), "/home/u/.cache/inboxsim");
  if (xdg) ::setenv("XDG_CACHE_HOME", saved_xdg.c_str(), 1);
  if (home) {
    ::setenv("HOME", saved_home.c_str(), 1);
  } else {
    ::unsetenv("HOME");
  }
}

}  // namespace
}  // namespace inboxsim::scan
