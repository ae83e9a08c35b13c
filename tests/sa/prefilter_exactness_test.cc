// A prefilter plan changes how SpamAssassin's body rules are scanned, never
// what they hit: on every sa-body text of the shared SpamAssassin corpus,
// and on the same texts obfuscated, the set with a prefilter in front of
// every rule that can take one hits exactly what the plain set hits. The
// plan is forced (every rule the trees can rewrite, not only those timing
// would choose), so the proof covers any plan `inboxsim tune` may keep.
// Skips where the stock rules or the shared corpus are absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "sim/profile/loader.h"
#include "sim/scan/pattern_cache.h"
#include "sim/scan/pattern_set.h"
#include "sim/scan/prefilter_plan.h"
#include "sim/scan/regex_tree.h"
#include "sim/scan/scanner.h"
#include "tests/scan/scan_test_util.h"
#include "tests/test_util.h"

namespace inboxsim {
namespace {

namespace fs = std::filesystem;
using scan::detail::PlannedPrefilter;
using scan::detail::PrefilterText;
using scan::detail::RegexTree;

constexpr char kStockRules[] = "/usr/share/spamassassin";

// For each rule the trees can rewrite: its separators-deleted image when
// that needs a literal of two bytes or more, else (and for every other
// rule that has one, so both kinds are well exercised) its first window,
// widened, that does.
std::vector<PlannedPrefilter> ForcedPlan(
    const std::vector<scan::PatternSpec>& specs) {
  std::vector<PlannedPrefilter> plan;
  for (uint32_t k = 0; k < specs.size(); ++k) {
    scan::detail::Flags flags;
    if (scan::detail::ParseFlags(specs[k].flags, &flags)) continue;
    std::optional<RegexTree> tree =
        RegexTree::Parse(specs[k].expression, flags);
    if (!tree) continue;
    const RegexTree image =
        tree->Project(scan::detail::AlnumBytes()).TrimEdges();
    if (image.RequiredLiteralLength() >= 2 && k % 2 == 0) {
      plan.push_back(
          {k, PrefilterText::kSeparatorsDeleted, image.Emit(), false});
      continue;
    }
    for (const RegexTree& window : tree->DropWordAssertions().Windows(10)) {
      const RegexTree wide = window.Widen();
      if (wide.RequiredLiteralLength() < 2) continue;
      plan.push_back(
          {k, PrefilterText::kAsWritten, wide.Emit(), tree->multiline()});
      break;
    }
    if ((plan.empty() || plan.back().pattern != k) &&
        image.RequiredLiteralLength() >= 2) {
      plan.push_back(
          {k, PrefilterText::kSeparatorsDeleted, image.Emit(), false});
    }
  }
  return plan;
}

// Separators between letters and look-alike digits: what the drug rules
// look for, so that they and their prefilters are exercised.
std::string Obfuscated(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == 'i') {
      out += "1";
    } else if (c == 'o') {
      out += "0";
    } else if (c == ' ') {
      out += " _ ";
    } else {
      out += c;
      if ((c >= 'a' && c <= 'z') && (out.size() % 3 == 0)) out += '.';
    }
  }
  return out;
}

TEST(PrefilterExactness, SpamAssassinBodyRulesHitTheSameWithEveryPrefilter) {
  const fs::path source(INBOXSIM_SOURCE_DIR);
  if (!fs::exists(fs::path(kStockRules) / "72_active.cf")) {
    GTEST_SKIP() << "SpamAssassin's stock rules are not installed in "
                 << kStockRules << " (apt-get install spamassassin)";
  }
  const std::optional<fs::path> corpora = testing::SharedCorpora();
  if (!corpora || !fs::is_directory(*corpora / "spamassassin")) {
    GTEST_SKIP() << "the shared SpamAssassin corpus is absent (set "
                    "INBOXSIM_CORPORA; see ../shared/corpora/MANIFEST.md)";
  }
  Result<profile::ProfileSet> profiles = profile::LoadProfiles(
      {(source / "profiles/spamassassin/stock.toml").string()}, {});
  ASSERT_TRUE(profiles) << profiles.error().ToString();
  std::vector<scan::PatternSpec> specs;
  scan::Target body;
  body.kind = scan::TargetKind::kSaBody;
  for (const profile::Rule& rule : profiles->catalog.rules) {
    if (rule.check != profile::CheckKind::kPattern || rule.target != body)
      continue;
    // Ids as the scanner gives them, so the plain set is the one every
    // load of the stock rules compiles, and comes from the cache.
    specs.push_back(
        {rule.pattern, rule.flags,
         static_cast<uint32_t>(&rule - &profiles->catalog.rules[0])});
  }
  const size_t id_limit = profiles->catalog.rules.size();
  ASSERT_GT(specs.size(), 400u);

  testing::TempDir dir;
  const std::vector<PlannedPrefilter> plan = ForcedPlan(specs);
  const std::string key = scan::detail::CacheKey(specs);
  ASSERT_TRUE(scan::detail::WriteFileAtomically(
      scan::detail::PlanPath(dir.path().string(), key),
      scan::detail::FormatPlan(key, plan)));
  scan::CompileOptions planned_options;
  planned_options.cache_dir = dir.path().string();
  Result<scan::PatternSet> planned =
      scan::PatternSet::Compile(specs, planned_options);
  ASSERT_TRUE(planned) << planned.error().ToString();
  Result<scan::PatternSet> plain =
      scan::PatternSet::Compile(specs, scan::CompileOptions{});
  ASSERT_TRUE(plain) << plain.error().ToString();
  // Most of the rules stand behind a prefilter, both kinds among them.
  size_t deleted = 0, written = 0;
  for (const scan::PrefilterChoice& choice : planned->report().prefilters)
    (choice.text == "separators-deleted" ? deleted : written) += 1;
  EXPECT_GT(deleted, 100u);
  EXPECT_GT(written, 100u);

  // The sa-body texts as the scanner renders them.
  Result<scan::Scanner> renderer =
      scan::Scanner::Compile({{body, {"x", "", 0}}}, 1, scan::Uncached());
  ASSERT_TRUE(renderer);
  auto render_scratch = renderer->MakeScratch();
  auto plain_scratch = plain->MakeScratch();
  auto planned_scratch = planned->MakeScratch();
  ASSERT_TRUE(plain_scratch && planned_scratch);
  scan::HitSet plain_hits(id_limit), planned_hits(id_limit);
  scan::ScanCounters counters;
  size_t texts = 0, differing = 0, hits = 0;
  const auto compare = [&](std::string_view text, const std::string& name) {
    plain_hits.Clear();
    planned_hits.Clear();
    plain->Match(text, *plain_scratch, &plain_hits, &counters);
    planned->Match(text, *planned_scratch, &planned_hits, &counters);
    ++texts;
    hits += plain_hits.Count();
    if (plain_hits.words() != planned_hits.words()) {
      ++differing;
      ADD_FAILURE() << name << ": " << plain_hits.Count() << " hits plain, "
                    << planned_hits.Count() << " with the plan";
    }
  };
  for (const auto& entry :
       fs::recursive_directory_iterator(*corpora / "spamassassin")) {
    if (!entry.is_regular_file()) continue;
    const testing::ParsedMessage parsed =
        testing::ParseOwned(testing::ReadFile(entry.path()));
    std::string text;
    renderer->ForEachText(parsed.message, *render_scratch,
                          [&](size_t, std::string_view t) { text = t; });
    compare(text, entry.path().string());
    if (texts % 4 == 0)
      compare(Obfuscated(text), entry.path().string() + " obfuscated");
    if (differing > 20) break;  // enough to go on
  }
  EXPECT_EQ(differing, 0u);
  EXPECT_GT(texts, 6000u);
  EXPECT_GT(hits, 30000u);  // the rules do hit: the comparison is not vacuous
}

}  // namespace
}  // namespace inboxsim
