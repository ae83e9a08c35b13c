#include "sim/scan/hyperscan_database.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>
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

TEST(CompileStartFinders, ReversesTheWidenedPrefiltersOnly) {
  std::vector<detail::HsPattern> patterns =
      HsPatterns({"plain", kTriedAlone, "(\\w+)\\s+\\1"});
  ASSERT_TRUE(detail::CompileHyperscan(&patterns).ok());
  std::vector<detail::HsDatabasePtr> finders =
      detail::CompileStartFinders(&patterns);
  ASSERT_EQ(finders.size(), patterns.size());
  EXPECT_EQ(patterns[0].start_finder, "");  // native
  EXPECT_EQ(finders[0], nullptr);
  EXPECT_EQ(patterns[1].start_finder, "(?:a|.b)+");
  EXPECT_NE(finders[1], nullptr);
  EXPECT_EQ(patterns[2].start_finder, "");  // Hyperscan's prefilter form
  EXPECT_EQ(finders[2], nullptr);
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
  EXPECT_NE(set->reason(0).find("PCRE2 tries only the offsets"),
            std::string_view::npos)
      << set->reason(0);
}

// PCRE2 runs anchored where the start finder says a match may begin: the
// hits are PCRE2's own wherever the match starts, mid-text, at a line end
// (m) or as the first of several copies of a group.
TEST(PatternSet, StartFindersGiveThePcre2Hits) {
  std::vector<PatternSpec> specs = {
      {"x(?:a|b.){700}", "", 0},
      {"(?:a|b.){700}$", "m", 1},
      {"(?:k\\s*(?:a|b.){1,300}\\s*){3}", "i", 2},
  };
  Result<PatternSet> set =
      PatternSet::Compile(specs, Uncached(Engine::kHyperscan));
  ASSERT_TRUE(set.ok()) << set.error().ToString();
  Result<PatternSet> pcre2 =
      PatternSet::Compile(specs, Uncached(Engine::kPcre2));
  ASSERT_TRUE(pcre2.ok());
  for (uint32_t id = 0; id < specs.size(); ++id) {
    EXPECT_NE(set->reason(id).find("PCRE2 tries only the offsets"),
              std::string_view::npos)
        << set->reason(id);
  }
  const std::string a700(700, 'a');
  const std::string keys = "K aaa k bx  K a";
  // Joined with append: GCC 12 warns falsely (-Wrestrict) on "s\n" + a700.
  auto join = [](std::initializer_list<std::string_view> parts) {
    std::string out;
    for (std::string_view part : parts) out.append(part);
    return out;
  };
  const std::string x_a700 = join({"zz x", a700});
  const std::string line = join({"s\n", a700, "\nt"});
  const std::string not_at_end = join({"s\n", a700, "xt"});
  const std::string with_keys = join({"intro ", keys});
  const std::vector<std::string> texts = {
      x_a700,      join({"x", std::string(699, 'a')}),
      line,        join({"s\n", a700, "a\n"}),
      not_at_end,  with_keys,
      "k a k a k", join({keys, keys}),
      ""};
  for (const std::string& text : texts) {
    SCOPED_TRACE(text.substr(0, 30));
    EXPECT_EQ(Hits(*set, text, specs.size()), Hits(*pcre2, text, specs.size()));
  }
  EXPECT_EQ(Hits(*set, x_a700, specs.size()), Ids({0, 1}));
  EXPECT_EQ(Hits(*set, line, specs.size()), Ids({1}));
  EXPECT_EQ(Hits(*set, not_at_end, specs.size()), Ids({}));
  EXPECT_EQ(Hits(*set, with_keys, specs.size()), Ids({2}));
  EXPECT_EQ(Hits(*set, "k a k a k", specs.size()), Ids({}));
}

}  // namespace
}  // namespace inboxsim::scan
