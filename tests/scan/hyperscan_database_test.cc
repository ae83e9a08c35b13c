#include "sim/scan/hyperscan_database.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/scan/scan_test_util.h"

namespace inboxsim::scan {
namespace {

using Ids = std::vector<uint32_t>;

// Hyperscan accepts these in hs_expression_info but refuses them natively
// in a full compile ("Pattern is too large": no engine holds the unrolled
// alternation); their prefilter forms compile. The first is large enough
// (2,100 positions written out) to be tried alone before the union, the
// second (600) is found by the union itself.
constexpr char kTriedAlone[] = "(?:a|b.){700}";
constexpr char kFoundByUnion[] = "(?:a|b.){200}";

std::vector<detail::HsPattern> HsPatterns(
    const std::vector<std::string>& expressions) {
  std::vector<detail::HsPattern> patterns;
  for (const std::string& e : expressions) {
    patterns.push_back(detail::MakeHsPattern(e, detail::Flags{}));
  }
  return patterns;
}

// The modes the plain loop gives: compile the union, demote the pattern
// Hyperscan names one step (native, prefiltered, PCRE2-only), repeat.
// CompileHyperscan must decide the same, with fewer union compiles.
std::vector<PatternMode> ModesByUnionAlone(
    std::vector<detail::HsPattern> patterns) {
  for (detail::HsPattern& p : patterns) {
    if (!detail::HyperscanRejects(p)) continue;
    detail::HsPattern prefilter = p;
    prefilter.flags |= HS_FLAG_PREFILTER;
    p.mode = detail::HyperscanRejects(prefilter) ? PatternMode::kPcre2Only
                                                 : PatternMode::kPrefiltered;
  }
  while (true) {
    std::vector<const char*> expressions;
    std::vector<unsigned> flags;
    std::vector<unsigned> ids;
    for (size_t k = 0; k < patterns.size(); ++k) {
      if (patterns[k].mode == PatternMode::kPcre2Only) continue;
      expressions.push_back(patterns[k].expression.c_str());
      flags.push_back(patterns[k].flags |
                      (patterns[k].mode == PatternMode::kPrefiltered
                           ? HS_FLAG_PREFILTER
                           : 0));
      ids.push_back(static_cast<unsigned>(k));
    }
    hs_database_t* db = nullptr;
    hs_compile_error_t* error = nullptr;
    hs_error_t rc =
        hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                         static_cast<unsigned>(expressions.size()),
                         HS_MODE_BLOCK, nullptr, &db, &error);
    detail::HsDatabasePtr db_owner(db);
    std::unique_ptr<hs_compile_error_t, detail::HsCompileErrorFree> owner(
        error);
    if (rc == HS_SUCCESS) break;
    EXPECT_NE(error, nullptr);
    if (error == nullptr || error->expression < 0) break;
    detail::HsPattern& failed = patterns[ids[error->expression]];
    failed.mode = failed.mode == PatternMode::kNative
                      ? PatternMode::kPrefiltered
                      : PatternMode::kPcre2Only;
  }
  std::vector<PatternMode> modes;
  for (const detail::HsPattern& p : patterns) modes.push_back(p.mode);
  return modes;
}

TEST(CompileHyperscan, PatternRefusedOnlyInFullCompileIsPrefiltered) {
  const std::vector<std::string> expressions = {"plain", kTriedAlone,
                                                kFoundByUnion, "(\\w+)\\s+\\1"};
  std::vector<detail::HsPattern> patterns = HsPatterns(expressions);
  // hs_expression_info cannot tell: only a full compile refuses them.
  EXPECT_EQ(detail::HyperscanRejects(patterns[1]), std::nullopt);
  EXPECT_EQ(detail::HyperscanRejects(patterns[2]), std::nullopt);
  EXPECT_GT(detail::ExpandedPositions(kTriedAlone), 2000u);
  EXPECT_LT(detail::ExpandedPositions(kFoundByUnion), 2000u);

  const std::vector<PatternMode> reference = ModesByUnionAlone(patterns);
  Result<detail::HsDatabasePtr> db = detail::CompileHyperscan(&patterns);
  ASSERT_TRUE(db.ok()) << db.error().ToString();
  EXPECT_NE(*db, nullptr);
  const std::vector<PatternMode> expected = {
      PatternMode::kNative, PatternMode::kPrefiltered,
      PatternMode::kPrefiltered, PatternMode::kPrefiltered};
  EXPECT_EQ(reference, expected);
  for (size_t k = 0; k < patterns.size(); ++k) {
    SCOPED_TRACE(expressions[k]);
    EXPECT_EQ(patterns[k].mode, expected[k]);
  }
  EXPECT_EQ(patterns[0].hyperscan_error, "");
  // Both are prefiltered by their repeats widened (X{700} to X+), not by
  // Hyperscan's HS_FLAG_PREFILTER form.
  for (size_t k : {1, 2}) {
    EXPECT_EQ(patterns[k].hyperscan_error,
              "Hyperscan: Pattern is too large.; prefiltered with its repeats "
              "widened");
    EXPECT_EQ(patterns[k].widened, "(?:a|b.)+");
  }
  EXPECT_EQ(patterns[0].widened, "");
  EXPECT_EQ(patterns[3].widened, "");  // back-reference: Hyperscan's form
}

TEST(PatternSet, PatternRefusedOnlyInFullCompileStillMatches) {
  std::vector<PatternSpec> specs = {
      {kTriedAlone, "", 0}, {kFoundByUnion, "", 1}, {"plain", "", 2}};
  Result<PatternSet> set =
      PatternSet::Compile(specs, Uncached(Engine::kHyperscan));
  ASSERT_TRUE(set.ok()) << set.error().ToString();
  EXPECT_EQ(set->mode(0), PatternMode::kPrefiltered);
  EXPECT_EQ(set->mode(1), PatternMode::kPrefiltered);
  EXPECT_EQ(set->mode(2), PatternMode::kNative);
  EXPECT_EQ(set->report().unsupported, 0u);

  Result<PatternSet> pcre2 =
      PatternSet::Compile(specs, Uncached(Engine::kPcre2));
  ASSERT_TRUE(pcre2.ok());
  const std::string a700(700, 'a');
  std::string mixed(150, 'a');  // then 50 "bx": b. takes each pair
  for (int k = 0; k < 50; ++k) mixed += "bx";
  const std::vector<std::string> texts = {
      a700,  std::string(699, 'a'), std::string(199, 'a'),
      mixed, "plain " + a700,       ""};
  for (const std::string& text : texts) {
    SCOPED_TRACE(text.size());
    EXPECT_EQ(Hits(*set, text, specs.size()), Hits(*pcre2, text, specs.size()));
  }
  EXPECT_EQ(Hits(*set, a700, specs.size()), Ids({0, 1}));
  EXPECT_EQ(Hits(*set, std::string(699, 'a'), specs.size()), Ids({1}));
  EXPECT_EQ(Hits(*set, std::string(199, 'a'), specs.size()), Ids({}));
  EXPECT_EQ(Hits(*set, mixed, specs.size()), Ids({1}));
  EXPECT_EQ(Hits(*set, "plain " + a700, specs.size()), Ids({0, 1, 2}));
}

}  // namespace
}  // namespace inboxsim::scan
