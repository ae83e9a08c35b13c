#include "sim/scan/prefilter_plan.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "sim/scan/pattern_cache.h"
#include "sim/scan/pattern_set.h"
#include "sim/scan/regex_tree.h"
#include "tests/scan/scan_test_util.h"
#include "tests/test_util.h"

namespace inboxsim::scan {
namespace {

namespace fs = std::filesystem;
using detail::PlannedPrefilter;
using detail::PrefilterText;

TEST(PrefilterPlan, FormatThenParseGivesThePlanBack) {
  const std::vector<PlannedPrefilter> plan = {
      {3, PrefilterText::kSeparatorsDeleted, "(?:\\x76\\x69)", false, 1, 0.5},
      {7, PrefilterText::kAsWritten, "^\\x61+$", true, 2, 0.25},
  };
  const std::string file = detail::FormatPlan("the key\nwith a newline", plan);
  Result<std::vector<PlannedPrefilter>> back =
      detail::ParsePlan(file, "the key\nwith a newline");
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].pattern, 3u);
  EXPECT_EQ((*back)[0].text, PrefilterText::kSeparatorsDeleted);
  EXPECT_EQ((*back)[0].expression, "(?:\\x76\\x69)");
  EXPECT_FALSE((*back)[0].multiline);
  EXPECT_EQ((*back)[1].pattern, 7u);
  EXPECT_EQ((*back)[1].text, PrefilterText::kAsWritten);
  EXPECT_EQ((*back)[1].expression, "^\\x61+$");
  EXPECT_TRUE((*back)[1].multiline);
}

TEST(PrefilterPlan, ParseRefusesAnotherKeyAndMalformedFiles) {
  const std::vector<PlannedPrefilter> plan = {
      {0, PrefilterText::kAsWritten, "abc", false, 0, 0}};
  const std::string file = detail::FormatPlan("key", plan);
  EXPECT_FALSE(detail::ParsePlan(file, "other").ok());
  EXPECT_FALSE(detail::ParsePlan("", "key").ok());
  EXPECT_FALSE(detail::ParsePlan(file.substr(0, file.size() - 1), "key").ok());
  const std::string header = file.substr(0, file.rfind("0\t"));
  EXPECT_FALSE(detail::ParsePlan(header + "0\tsideways\t-\tabc\n", "key").ok());
  EXPECT_FALSE(
      detail::ParsePlan(header + "x\tas-written\t-\tabc\n", "key").ok());
  EXPECT_FALSE(
      detail::ParsePlan(header + "0\tas-written\t?\tabc\n", "key").ok());
  EXPECT_TRUE(
      detail::ParsePlan(header + "0\tas-written\t-\tabc\n", "key").ok());
  Result<std::vector<PlannedPrefilter>> empty =
      detail::ParsePlan(detail::FormatPlan("key", {}), "key");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

// Rules of the kinds the plans are for: no literal of two bytes, or a
// costly counting one, with every flag the trees handle.
const std::vector<PatternSpec>& PlanSpecs() {
  static const std::vector<PatternSpec> specs = {
      {R"((?:\b|\s)[_\W]{0,3}v[_\W]{0,3}[i1!|l][_\W]{0,3}a[_\W]{0,3}g[_\W]{0,3}r[_\W]{0,3}a)",
       "i", 0},
      {R"(\bfree\s+money\b)", "i", 1},
      {R"((?:[a-z]{5,}[\s\.]+){4})", "", 2},
      {R"(^subject: .{0,20}win)", "m", 3},
      {R"([A-Z]{16,}[a-z]?)", "", 4},
      {R"(c[_\W]{0,2}i[_\W]{0,2}a[_\W]{0,2}l[_\W]{0,2}i[_\W]{0,2}s)", "is", 5},
  };
  return specs;
}

// A prefilter for every pattern of PlanSpecs() but one, built the way
// ChoosePrefilters builds them, without timing anything: the plan is the
// test's choice, the hits must not depend on it.
std::vector<PlannedPrefilter> HandMadePlan() {
  const auto tree_of = [](uint32_t k) {
    detail::Flags flags;
    EXPECT_FALSE(detail::ParseFlags(PlanSpecs()[k].flags, &flags));
    std::optional<detail::RegexTree> tree =
        detail::RegexTree::Parse(PlanSpecs()[k].expression, flags);
    EXPECT_TRUE(tree) << k;
    return tree;
  };
  std::vector<PlannedPrefilter> plan;
  for (uint32_t k : {0u, 5u}) {
    std::optional<detail::RegexTree> tree = tree_of(k);
    if (!tree) continue;
    plan.push_back({k, PrefilterText::kSeparatorsDeleted,
                    tree->Project(detail::AlnumBytes()).TrimEdges().Emit(),
                    false});
  }
  for (uint32_t k : {2u, 3u, 4u}) {
    std::optional<detail::RegexTree> tree = tree_of(k);
    if (!tree) continue;
    std::vector<detail::RegexTree> windows =
        tree->DropWordAssertions().Windows(10);
    EXPECT_FALSE(windows.empty()) << k;
    if (windows.empty()) continue;
    // The first window widened: the loosest prefilter the plans may use.
    plan.push_back({k, PrefilterText::kAsWritten, windows[0].Widen().Emit(),
                    tree->multiline()});
  }
  return plan;
}

// Texts built to hit and nearly hit the rules: their words spelled with
// separators (sometimes one too many), look-alikes, case changes and line
// breaks, between runs of noise.
std::vector<std::string> PlanTexts() {
  std::mt19937 random(7);
  const std::vector<std::string> words = {"viagra",
                                          "v1agra",
                                          "vl@gra",
                                          "cialis",
                                          "free money",
                                          "subject: you win",
                                          "abcdefghijklmnopqrs",
                                          "hello world again today friend"};
  const std::vector<std::string> separators = {
      "", "", "_", "-", ".", " ", "\n", "__", "...", "....", "x"};
  const std::vector<std::string> noise = {"a",    "b",    " ", "\n", "hello",
                                          "\xe9", "\x01", "V", "!"};
  std::vector<std::string> texts = {"",
                                    "v i a g r a",
                                    "V_I_A_G_R_A now",
                                    " v!agra",
                                    "v....iagra",
                                    "free  money",
                                    "hello world again today friend",
                                    "x\nsubject: you win\n",
                                    "ABCDEFGHIJKLMNOPQRSTU",
                                    "c.i.a.l.i.s",
                                    "c\ni\na\nl\ni\ns"};
  const auto pick = [&random](const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<size_t>(0,
                                                      from.size() - 1)(random)];
  };
  std::bernoulli_distribution coin(0.5);
  for (int n = 0; n < 4000; ++n) {
    std::string text;
    for (int segment = 0; segment < 3; ++segment) {
      for (int k = std::uniform_int_distribution<int>(0, 4)(random); k > 0; --k)
        text += pick(noise);
      if (coin(random)) continue;
      const std::string word = pick(words);
      const std::string separator = coin(random) ? "" : pick(separators);
      const bool upper = coin(random);
      for (char c : word) {
        text.push_back(upper ? static_cast<char>(std::toupper(c)) : c);
        text.append(separator);
      }
    }
    texts.push_back(std::move(text));
  }
  return texts;
}

std::vector<std::vector<uint32_t>> HitsOfAll(
    const PatternSet& set, const std::vector<std::string>& texts) {
  std::vector<std::vector<uint32_t>> hits;
  for (const std::string& text : texts) hits.push_back(Hits(set, text, 6));
  return hits;
}

void WritePlan(const fs::path& cache,
               const std::vector<PlannedPrefilter>& plan) {
  const std::string key = detail::CacheKey(PlanSpecs());
  ASSERT_TRUE(detail::WriteFileAtomically(detail::PlanPath(cache.string(), key),
                                          detail::FormatPlan(key, plan)));
}

TEST(PatternSetPlan, AKeptPlanChangesTheLayoutNotTheHits) {
  inboxsim::testing::TempDir dir;
  const fs::path cache = dir.path() / "cache";
  const std::vector<PlannedPrefilter> plan = HandMadePlan();
  ASSERT_EQ(plan.size(), 5u);
  WritePlan(cache, plan);
  CompileOptions options;
  options.cache_dir = cache.string();

  Result<PatternSet> plain = PatternSet::Compile(PlanSpecs(), Uncached());
  ASSERT_TRUE(plain.ok()) << plain.error().ToString();
  Result<PatternSet> planned = PatternSet::Compile(PlanSpecs(), options);
  ASSERT_TRUE(planned.ok()) << planned.error().ToString();
  EXPECT_EQ(planned->report().plan_note, "");
  EXPECT_FALSE(planned->report().plan_path.empty());
  ASSERT_EQ(planned->report().prefilters.size(), 5u);
  EXPECT_EQ(planned->report().prefilters[0].text, "separators-deleted");
  EXPECT_EQ(planned->report().prefilters[2].text, "as-written");
  EXPECT_EQ(planned->report().native, 6u);

  const std::vector<std::string> texts = PlanTexts();
  const auto expected = HitsOfAll(*plain, texts);
  EXPECT_EQ(HitsOfAll(*planned, texts), expected);
  // Not vacuous: every rule hits some texts and misses others.
  for (uint32_t id = 0; id < 6; ++id) {
    size_t hit = 0;
    for (const auto& ids : expected)
      hit += std::count(ids.begin(), ids.end(), id);
    EXPECT_GT(hit, 5u) << "rule " << id;
    EXPECT_LT(hit, texts.size() - 5) << "rule " << id;
  }

  // Warm: the databases of the prefilters and of the patterns behind them
  // come from the cache.
  Result<PatternSet> warm = PatternSet::Compile(PlanSpecs(), options);
  ASSERT_TRUE(warm.ok()) << warm.error().ToString();
  EXPECT_TRUE(warm->report().cache_hit) << warm->report().cache_note;
  EXPECT_EQ(warm->report().prefilters.size(), 5u);
  EXPECT_EQ(HitsOfAll(*warm, texts), expected);

  // The prefilters are listed apart from the patterns a union would hold.
  size_t prefilters = 0, deleted_texts = 0;
  for (const DatabasePattern& p : warm->DatabasePatterns()) {
    prefilters += p.prefilter ? 1 : 0;
    deleted_texts +=
        p.texts == DatabasePattern::Texts::kSeparatorsDeleted ? 1 : 0;
  }
  EXPECT_EQ(prefilters, 5u);
  EXPECT_EQ(deleted_texts, 2u);
  EXPECT_EQ(warm->DatabasePatterns().size(), 11u);
}

TEST(PatternSetPlan, TheCeilingScanConfirmsWhatThePrefiltersPass) {
  inboxsim::testing::TempDir dir;
  WritePlan(dir.path(), HandMadePlan());
  CompileOptions options;
  options.cache_dir = dir.path().string();
  Result<PatternSet> planned = PatternSet::Compile(PlanSpecs(), options);
  ASSERT_TRUE(planned.ok());
  auto scratch = planned->MakeScratch();
  ASSERT_NE(scratch, nullptr);
  // "v_i_a_g_r_a": one separators-deleted prefilter match, one
  // confirmation; nothing else matches.
  EXPECT_EQ(planned->ScanDatabasesOnly("v_i_a_g_r_a", *scratch), 2u);
  EXPECT_EQ(planned->ScanDatabasesOnly("nothing here", *scratch), 0u);
}

TEST(PatternSetPlan, ABadPlanFileIsNotedAndIgnored) {
  inboxsim::testing::TempDir dir;
  const std::string key = detail::CacheKey(PlanSpecs());
  ASSERT_TRUE(detail::WriteFileAtomically(
      detail::PlanPath(dir.path().string(), key), "garbage"));
  CompileOptions options;
  options.cache_dir = dir.path().string();
  Result<PatternSet> set = PatternSet::Compile(PlanSpecs(), options);
  ASSERT_TRUE(set.ok());
  EXPECT_NE(set->report().plan_note.find("not a prefilter plan"),
            std::string::npos)
      << set->report().plan_note;
  EXPECT_TRUE(set->report().prefilters.empty());
  EXPECT_EQ(Hits(*set, "v_i_a_g_r_a", 6), std::vector<uint32_t>{0});
}

TEST(PatternSetPlan, EntriesForPatternsAPlanCannotTakeAreIgnored) {
  inboxsim::testing::TempDir dir;
  // A pattern that does not exist, and a second prefilter for one pattern:
  // only the first counts.
  WritePlan(dir.path(),
            {{99, PrefilterText::kAsWritten, "abc", false, 0, 0},
             {1, PrefilterText::kAsWritten, "[Ff][Rr][Ee][Ee]", false, 0, 0},
             {1, PrefilterText::kAsWritten, "zzz", false, 0, 0}});
  CompileOptions options;
  options.cache_dir = dir.path().string();
  Result<PatternSet> set = PatternSet::Compile(PlanSpecs(), options);
  ASSERT_TRUE(set.ok());
  ASSERT_EQ(set->report().prefilters.size(), 1u);
  EXPECT_EQ(set->report().prefilters[0].expression, "[Ff][Rr][Ee][Ee]");
  EXPECT_EQ(Hits(*set, "FREE money", 6), std::vector<uint32_t>{1});
  EXPECT_EQ(Hits(*set, "free moneyz", 6), std::vector<uint32_t>{});
}

TEST(PatternSetPlan, TuningWritesAPlanThatLaterCompilesUse) {
  inboxsim::testing::TempDir dir;
  const std::vector<std::string> texts = PlanTexts();
  const std::vector<std::string_view> sample(texts.begin(), texts.end());
  CompileOptions tuning;
  tuning.cache_dir = dir.path().string();
  tuning.tuning_texts = sample;
  Result<PatternSet> tuned = PatternSet::Compile(PlanSpecs(), tuning);
  ASSERT_TRUE(tuned.ok()) << tuned.error().ToString();
  EXPECT_GT(tuned->report().tuning_seconds, 0);
  EXPECT_EQ(tuned->report().plan_note, "");
  ASSERT_FALSE(tuned->report().plan_path.empty());
  EXPECT_TRUE(fs::exists(tuned->report().plan_path));

  CompileOptions later;
  later.cache_dir = dir.path().string();
  Result<PatternSet> reloaded = PatternSet::Compile(PlanSpecs(), later);
  ASSERT_TRUE(reloaded.ok());
  EXPECT_EQ(reloaded->report().plan_path, tuned->report().plan_path);
  EXPECT_EQ(reloaded->report().prefilters.size(),
            tuned->report().prefilters.size());
  EXPECT_EQ(reloaded->report().tuning_seconds, 0);

  // Whatever the timings chose, the hits are the plain set's.
  Result<PatternSet> plain = PatternSet::Compile(PlanSpecs(), Uncached());
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(HitsOfAll(*tuned, texts), HitsOfAll(*plain, texts));
}

}  // namespace
}  // namespace inboxsim::scan
