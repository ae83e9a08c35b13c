#include "sim/scan/pattern_set.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "sim/core/text.h"
#include "sim/scan/pattern_syntax.h"
#include "sim/scan/pcre2_pattern.h"
#include "tests/scan/scan_test_util.h"

namespace inboxsim::scan {
namespace {

using Ids = std::vector<uint32_t>;
constexpr Engine kAllEngines[] = {Engine::kHyperscan, Engine::kPcre2,
                                  Engine::kRe2, Engine::kStd};

TEST(EngineName, RoundTripsThroughParseEngine) {
  for (Engine engine : kAllEngines) {
    std::optional<Engine> parsed = ParseEngine(EngineName(engine));
    ASSERT_TRUE(parsed.has_value()) << EngineName(engine);
    EXPECT_EQ(*parsed, engine);
  }
  EXPECT_EQ(EngineName(Engine::kHyperscan), "hyperscan");
  EXPECT_EQ(EngineName(Engine::kStd), "std");
  EXPECT_FALSE(ParseEngine("Hyperscan").has_value());
  EXPECT_FALSE(ParseEngine("").has_value());
}

TEST(HitSet, CountsBitsAcrossWords) {
  HitSet hits(130);
  EXPECT_EQ(hits.Count(), 0u);
  hits.Set(0);
  hits.Set(63);
  hits.Set(64);
  hits.Set(129);
  hits.Set(64);  // a bit, not a count
  EXPECT_EQ(hits.Count(), 4u);
  EXPECT_TRUE(hits.test(129));
  EXPECT_FALSE(hits.test(128));
  hits.Clear();
  EXPECT_EQ(hits.Count(), 0u);
  EXPECT_EQ(hits.size(), 130u);
}

// Patterns every engine runs with PCRE2's meaning (std::regex sits out the
// m row), each text chosen to sit on an edge of one of them.
const std::vector<PatternSpec>& ParitySpecs() {
  static const std::vector<PatternSpec> specs = {
      {R"(\bfree\s+money\b)", "i", 0},
      {R"(viagra|cialis)", "i", 1},
      {R"([0-9]{3}-[0-9]{4})", "", 2},
      {R"(^subject:)", "i", 3},
      {R"(unsubscribe$)", "", 4},  // PCRE2's $ also before a final \n
      {R"(^click here$)", "m", 5},
      {R"(a.b)", "", 6},
      {R"(a.b)", "s", 7},
      {R"(\d+%\s+off\b)", "", 8},
      {R"(colou?r)", "", 9},
      {R"([^a-z \n]{5,})", "", 10},
      {R"(\Wwin\W)", "", 11},
      {R"((?:cheap|free)\s(?:pills|meds))", "i", 12},
  };
  return specs;
}

const std::vector<std::string>& ParityTexts() {
  static const std::vector<std::string> texts = {
      "Get FREE  money now",
      "freemoney free-money",
      "Subject: cheap VIAGRA",
      "x subject: no",
      "call 555-1234 today\n",
      "please unsubscribe\n",
      "please unsubscribe here",
      "please unsubscribe\n\n",
      "a\nb a\rb",
      "top\nclick here\nbottom",
      "click here now",
      "50% off\tnow, 5%off",
      "COLOR colour",
      "",
      std::string("with\0nul win!", 13),
      "\xff\xfe win \xc3(",
      "CHEAP\tMEDS or free pills",
  };
  return texts;
}

TEST(PatternSet, AllEnginesAgreeWithPcre2OnTheParityTable) {
  const auto& specs = ParitySpecs();
  Result<PatternSet> reference =
      PatternSet::Compile(specs, Uncached(Engine::kPcre2));
  ASSERT_TRUE(reference.ok()) << reference.error().ToString();
  ASSERT_EQ(reference->report().native, specs.size());
  for (Engine engine : kAllEngines) {
    SCOPED_TRACE(EngineName(engine));
    Result<PatternSet> set = PatternSet::Compile(specs, Uncached(engine));
    ASSERT_TRUE(set.ok()) << set.error().ToString();
    // std::regex's multiline also ends lines at \r: it refuses row 5 only.
    size_t expected_unsupported = engine == Engine::kStd ? 1 : 0;
    EXPECT_EQ(set->report().unsupported, expected_unsupported);
    EXPECT_EQ(set->report().native, specs.size() - expected_unsupported);
    for (const std::string& text : ParityTexts()) {
      SCOPED_TRACE(testing::PrintToString(text));
      Ids want = Hits(*reference, text, specs.size());
      if (engine == Engine::kStd) std::erase(want, 5u);
      EXPECT_EQ(Hits(*set, text, specs.size()), want);
    }
  }
}

// On text with white-space runs collapsed (the body), the bounded rewrite
// of each pattern hits exactly where the pattern as written does.
TEST(PatternSet, BoundedSpaceRepeatsHitAsWrittenOnCollapsedText) {
  const std::vector<std::string> expressions = {
      "free\\s+money", "\\bact\\s*now\\b", "a\\s+?b",
      "x\\s*+y",       "(?:\\s+|-)z",      "q\\s+\\s*r",
      "^\\s*hi",       "end\\s*$",         "(?m)^now\\s*$",
      "\\s+",          "(\\s+)\\1"};
  std::vector<PatternSpec> written, bounded;
  for (uint32_t id = 0; id < expressions.size(); ++id) {
    written.push_back({expressions[id], "i", id});
    detail::Flags flags;
    ASSERT_EQ(detail::ParseFlags("i", &flags), std::nullopt);
    bounded.push_back(
        {detail::BoundWhitespaceRepeats(expressions[id], flags), "i", id});
  }
  Result<PatternSet> as_written =
      PatternSet::Compile(written, Uncached(Engine::kPcre2));
  Result<PatternSet> as_bounded =
      PatternSet::Compile(bounded, Uncached(Engine::kPcre2));
  ASSERT_TRUE(as_written.ok() && as_bounded.ok());
  const char* words[] = {"free", "money", "act", "now", "a", "b",  "x",
                         "y",    "z",     "-",   "q",   "r", "hi", "end"};
  const char* spaces[] = {"", " ", "  ", "\n", "\n\n", " \t\r\n \n", "\v"};
  uint64_t state = 2026;
  auto next = [&state](uint64_t bound) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return (state >> 33) % bound;
  };
  size_t hit_texts = 0;
  for (int round = 0; round < 2000; ++round) {
    std::string raw;
    for (uint64_t n = 1 + next(6); n > 0; --n) {
      raw += spaces[next(std::size(spaces))];
      raw += words[next(std::size(words))];
    }
    raw += spaces[next(std::size(spaces))];
    std::string text;
    AppendCollapsedWhitespace(raw, &text);
    SCOPED_TRACE(testing::PrintToString(text));
    const Ids want = Hits(*as_written, text, expressions.size());
    hit_texts += !want.empty();
    ASSERT_EQ(Hits(*as_bounded, text, expressions.size()), want);
  }
  EXPECT_GT(hit_texts, 1000u);  // the texts exercise the patterns
}

TEST(PatternSet, Pcre2ReferenceHitsWhatTheParityTableIntends) {
  Result<PatternSet> set =
      PatternSet::Compile(ParitySpecs(), Uncached(Engine::kPcre2));
  ASSERT_TRUE(set.ok());
  size_t n = ParitySpecs().size();
  EXPECT_EQ(Hits(*set, "Get FREE  money now", n), Ids({0}));
  EXPECT_EQ(Hits(*set, "freemoney free-money", n), Ids({}));
  EXPECT_EQ(Hits(*set, "Subject: cheap VIAGRA", n), Ids({1, 3, 10}));
  EXPECT_EQ(Hits(*set, "please unsubscribe\n", n), Ids({4}));
  EXPECT_EQ(Hits(*set, "please unsubscribe\n\n", n), Ids({}));
  EXPECT_EQ(Hits(*set, "a\nb a\rb", n), Ids({6, 7}));
  EXPECT_EQ(Hits(*set, "top\nclick here\nbottom", n), Ids({5}));
  EXPECT_EQ(Hits(*set, std::string("with\0nul win!", 13), n), Ids({11}));
  EXPECT_EQ(Hits(*set, "CHEAP\tMEDS or free pills", n), Ids({10, 12}));
}

TEST(PatternSet, HyperscanRunsTheParityTableInOneDatabase) {
  Result<PatternSet> set =
      PatternSet::Compile(ParitySpecs(), Uncached(Engine::kHyperscan));
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->report().native, ParitySpecs().size());
  ScanCounters counters;
  EXPECT_EQ(Hits(*set, "Get FREE  money now", ParitySpecs().size(), &counters),
            Ids({0}));
  EXPECT_EQ(counters.texts_scanned, 1u);
  EXPECT_EQ(counters.bytes_scanned, 19u);
  EXPECT_EQ(counters.pcre2_runs, 0u);  // all native: PCRE2 never runs
}

TEST(PatternSet, HyperscanFallsBackForBackReferencesAndLookaround) {
  std::vector<PatternSpec> specs = {
      {R"((\w+)\s+\1)", "", 0},    // back-reference: prefiltered
      {R"(foo(?=bar))", "", 1},    // lookahead: prefiltered
      {R"((?<=x)foo)", "", 2},     // lookbehind: prefiltered
      {R"((fo|ba)(?1)z)", "", 3},  // subroutine call: not even prefiltered
      {R"(plain)", "", 4},
  };
  Result<PatternSet> set =
      PatternSet::Compile(specs, Uncached(Engine::kHyperscan));
  ASSERT_TRUE(set.ok()) << set.error().ToString();
  const CompileReport& report = set->report();
  EXPECT_EQ(report.native, 1u);
  EXPECT_EQ(report.prefiltered, 3u);
  EXPECT_EQ(report.pcre2_only, 1u);
  EXPECT_EQ(report.unsupported, 0u);
  EXPECT_EQ(set->mode(0), PatternMode::kPrefiltered);
  EXPECT_EQ(set->mode(1), PatternMode::kPrefiltered);
  EXPECT_EQ(set->mode(2), PatternMode::kPrefiltered);
  EXPECT_EQ(set->mode(3), PatternMode::kPcre2Only);
  EXPECT_EQ(set->mode(4), PatternMode::kNative);
  EXPECT_EQ(set->mode(99), PatternMode::kUnsupported);

  Result<PatternSet> pcre2 =
      PatternSet::Compile(specs, Uncached(Engine::kPcre2));
  ASSERT_TRUE(pcre2.ok());
  const std::vector<std::string> texts = {
      "the the",
      "the cat",
      "foobar",
      "foobaz",
      "xfoo",
      "yfoo",
      "fobaz",
      "fofoz",
      "plain",
      "",
      "say it it plain foobar xfoo",
  };
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    EXPECT_EQ(Hits(*set, text, specs.size()), Hits(*pcre2, text, specs.size()));
  }
  EXPECT_EQ(Hits(*set, "the the", specs.size()), Ids({0}));
  EXPECT_EQ(Hits(*set, "foobar", specs.size()), Ids({1}));
  EXPECT_EQ(Hits(*set, "foobaz", specs.size()), Ids({}));
  EXPECT_EQ(Hits(*set, "xfoo yfoo", specs.size()), Ids({2}));
  EXPECT_EQ(Hits(*set, "fobaz", specs.size()), Ids({3}));

  // A prefilter hit is confirmed by PCRE2 (the prefilter over-approximates,
  // so "foobaz" may pass more than row 1's); the PCRE2-only pattern runs on
  // every text: "zzz" passes no prefilter and costs one PCRE2 run.
  ScanCounters counters;
  EXPECT_EQ(Hits(*set, "foobaz", specs.size(), &counters), Ids({}));
  EXPECT_GE(counters.pcre2_runs, 2u);
  EXPECT_LE(counters.pcre2_runs, 4u);
  counters = {};
  EXPECT_EQ(Hits(*set, "zzz", specs.size(), &counters), Ids({}));
  EXPECT_EQ(counters.pcre2_runs, 1u);
}

TEST(PatternSet, CatastrophicBacktrackingHitsTheMatchLimitNotTheClock) {
  // Nested quantifiers over 40 a's and a final b: 2^40 ways to fail. The
  // subroutine call keeps Hyperscan out entirely; the lookbehind version
  // passes Hyperscan's prefilter and fails only in PCRE2.
  std::vector<PatternSpec> specs = {
      {R"(^(a+)+(?1)$)", "", 0},
      {R"(^(a+)+(?<=b)b$)", "", 1},
  };
  const std::string text = std::string(40, 'a') + "b";
  for (Engine engine : {Engine::kHyperscan, Engine::kPcre2}) {
    SCOPED_TRACE(EngineName(engine));
    Result<PatternSet> set = PatternSet::Compile(specs, Uncached(engine));
    ASSERT_TRUE(set.ok());
    if (engine == Engine::kHyperscan) {
      EXPECT_EQ(set->mode(0), PatternMode::kPcre2Only);
      EXPECT_EQ(set->mode(1), PatternMode::kPrefiltered);
    }
    ScanCounters counters;
    EXPECT_EQ(Hits(*set, text, specs.size(), &counters), Ids({}));
    ASSERT_EQ(counters.match_limit_hits.size(), 2u);
    EXPECT_EQ(counters.match_limit_hits[0], 1u);
    EXPECT_EQ(counters.match_limit_hits[1], 1u);
    EXPECT_EQ(counters.engine_errors, 0u);
    // Still a working pattern on texts it can decide.
    counters = {};
    EXPECT_EQ(Hits(*set, "aaaa", specs.size(), &counters), Ids({0}));
    EXPECT_TRUE(counters.match_limit_hits.empty());
  }
}

// 10,000 copies of a two-letter group compile to far more than the 8-bit
// PCRE2 library's 64 KiB (Debian's LINK_SIZE 2), as SpamAssassin's
// ReplaceTags rules __FILL_THIS_FORM_LONG1/2 do. The subroutine call keeps
// Hyperscan out (not even a prefilter) and RE2 too, so only PCRE2-32 can
// run them; the catastrophic alternative checks its limits are counted.
const std::vector<PatternSpec> kTooLargeForPcre2_8 = {
    {R"((fo|ba)(?1)z|(?:xy){10000})", "", 0},
    {R"((fo|ba)(?1)z|(?:XY){10000})", "i", 1},
    {R"(^(a+)+(?1)$|(?:xy){10000})", "", 2},
    {"plain", "", 3},
};

TEST(PatternSet, PatternTooLargeForPcre2_8RunsWithPcre2_32) {
  std::string error;
  EXPECT_EQ(detail::Pcre2Pattern::Compile(kTooLargeForPcre2_8[0].expression,
                                          detail::Flags{}, &error),
            nullptr);
  EXPECT_NE(error.find("PCRE2: regular expression is too large"),
            std::string::npos)
      << error;
  for (Engine engine : {Engine::kHyperscan, Engine::kPcre2}) {
    SCOPED_TRACE(EngineName(engine));
    const size_t n = kTooLargeForPcre2_8.size();
    Result<PatternSet> set =
        PatternSet::Compile(kTooLargeForPcre2_8, Uncached(engine));
    ASSERT_TRUE(set.ok()) << set.error().ToString();
    EXPECT_EQ(set->report().unsupported, 0u);
    if (engine == Engine::kHyperscan) {
      EXPECT_EQ(set->mode(0), PatternMode::kPcre2Only);
      EXPECT_EQ(set->mode(1), PatternMode::kPcre2Only);
      EXPECT_EQ(set->mode(2), PatternMode::kPcre2Only);
      EXPECT_EQ(set->mode(3), PatternMode::kNative);
    }
    EXPECT_EQ(ValidatePattern(kTooLargeForPcre2_8[0], engine), std::nullopt);

    std::string xy;
    for (int k = 0; k < 10000; ++k) xy += "xy";
    ScanCounters counters;
    EXPECT_EQ(Hits(*set, "fobaz", n, &counters), Ids({0, 1}));
    EXPECT_EQ(Hits(*set, "FOBAZ plain", n, &counters), Ids({1, 3}));
    EXPECT_EQ(Hits(*set, xy, n, &counters), Ids({0, 1, 2}));
    EXPECT_EQ(Hits(*set, xy.substr(2), n, &counters), Ids({}));
    EXPECT_EQ(Hits(*set, "aaaa", n, &counters), Ids({2}));
    EXPECT_EQ(Hits(*set, "fofo", n, &counters), Ids({}));
    EXPECT_TRUE(counters.match_limit_hits.empty());
    EXPECT_EQ(counters.engine_errors, 0u);
    // Limits as in the 8-bit library: counted per pattern, no hit.
    EXPECT_EQ(Hits(*set, std::string(40, 'a') + "b", n, &counters), Ids({}));
    ASSERT_EQ(counters.match_limit_hits.size(), n);
    EXPECT_EQ(counters.match_limit_hits[2], 1u);
    EXPECT_EQ(counters.match_limit_hits[0], 0u);
  }
}

TEST(PatternSet, TooLargeForPcre2_8ReasonNamesTheFallback) {
  Result<PatternSet> set =
      PatternSet::Compile(kTooLargeForPcre2_8, Uncached(Engine::kHyperscan));
  ASSERT_TRUE(set.ok()) << set.error().ToString();
  EXPECT_EQ(set->mode(0), PatternMode::kPcre2Only);
  const std::string reason0(set->reason(0));
  EXPECT_NE(reason0.find("Hyperscan: "), std::string::npos) << reason0;
  EXPECT_NE(reason0.find("PCRE2: regular expression is too large"),
            std::string::npos)
      << reason0;
  EXPECT_TRUE(reason0.ends_with("; run with PCRE2-32 instead")) << reason0;
  EXPECT_EQ(set->reason(3), "");   // native
  EXPECT_EQ(set->reason(99), "");  // unknown

  // A u-flag copy, which PCRE2-32 refuses and RE2 cannot parse, is
  // unsupported, in every engine's words.
  std::vector<PatternSpec> specs = kTooLargeForPcre2_8;
  specs[0].flags = "u";
  Result<PatternSet> utf =
      PatternSet::Compile(specs, Uncached(Engine::kHyperscan));
  ASSERT_TRUE(utf.ok()) << utf.error().ToString();
  EXPECT_EQ(utf->mode(0), PatternMode::kUnsupported);
  ASSERT_EQ(utf->report().unsupported_reasons.size(), 1u);
  const std::string& reason = utf->report().unsupported_reasons[0].second;
  EXPECT_NE(reason.find("PCRE2: regular expression is too large"),
            std::string::npos)
      << reason;
  EXPECT_NE(reason.find("PCRE2-32: the u flag is not supported"),
            std::string::npos)
      << reason;
  EXPECT_NE(reason.find("RE2: "), std::string::npos) << reason;
}

TEST(PatternSet, MatchLimitIsTheCallersSetting) {
  // 12 a's and a b: 2^12 ways to fail, within the default limit of 100000
  // steps but not within 1000.
  std::vector<PatternSpec> specs = {{R"(^(a+)+(?1)$)", "", 3}};
  const std::string text = std::string(12, 'a') + "b";
  CompileOptions options = Uncached(Engine::kPcre2);
  Result<PatternSet> relaxed = PatternSet::Compile(specs, options);
  options.pcre2_match_limit = 1000;
  Result<PatternSet> strict = PatternSet::Compile(specs, options);
  ASSERT_TRUE(relaxed.ok());
  ASSERT_TRUE(strict.ok());
  ScanCounters counters;
  EXPECT_EQ(Hits(*relaxed, text, 4, &counters), Ids({}));
  EXPECT_TRUE(counters.match_limit_hits.empty());
  EXPECT_EQ(Hits(*strict, text, 4, &counters), Ids({}));
  ASSERT_EQ(counters.match_limit_hits.size(), 4u);  // sized by the ids
  EXPECT_EQ(counters.match_limit_hits[3], 1u);
  EXPECT_EQ(counters.match_limit_hits[0], 0u);
}

TEST(PatternSet, UnparseablePatternIsReportedAndNeverHits) {
  std::vector<PatternSpec> specs = {{"(", "", 0}, {"ok", "", 1}};
  for (Engine engine : kAllEngines) {
    SCOPED_TRACE(EngineName(engine));
    Result<PatternSet> set = PatternSet::Compile(specs, Uncached(engine));
    ASSERT_TRUE(set.ok()) << set.error().ToString();
    EXPECT_EQ(set->mode(0), PatternMode::kUnsupported);
    EXPECT_EQ(set->mode(1), PatternMode::kNative);
    EXPECT_EQ(set->report().unsupported, 1u);
    ASSERT_EQ(set->report().unsupported_reasons.size(), 1u);
    EXPECT_EQ(set->report().unsupported_reasons[0].first, 0u);
    const std::string& reason = set->report().unsupported_reasons[0].second;
    if (engine == Engine::kHyperscan) {
      // Both engines' words: Hyperscan's (native and prefilter), PCRE2's.
      EXPECT_EQ(reason.rfind("Hyperscan: Missing close parenthesis", 0), 0u)
          << reason;
      EXPECT_NE(reason.find("; PCRE2: missing closing parenthesis"),
                std::string::npos)
          << reason;
    } else {
      EXPECT_EQ(reason, *ValidatePattern(specs[0], engine));
    }
    EXPECT_EQ(Hits(*set, "( ok", 2), Ids({1}));
  }
}

TEST(PatternSet, UnknownFlagIsUnsupportedUnderEveryEngine) {
  std::vector<PatternSpec> specs = {{"abc", "iq", 5}};
  for (Engine engine : kAllEngines) {
    Result<PatternSet> set = PatternSet::Compile(specs, Uncached(engine));
    ASSERT_TRUE(set.ok());
    EXPECT_EQ(set->mode(5), PatternMode::kUnsupported);
    ASSERT_EQ(set->report().unsupported_reasons.size(), 1u);
    EXPECT_EQ(set->report().unsupported_reasons[0].second,
              "unknown flag 'q' (flags are imsux)");
  }
}

TEST(PatternSet, EmptySetMatchesNothing) {
  for (Engine engine : kAllEngines) {
    SCOPED_TRACE(EngineName(engine));
    Result<PatternSet> set = PatternSet::Compile({}, Uncached(engine));
    ASSERT_TRUE(set.ok());
    EXPECT_EQ(set->size(), 0u);
    ScanCounters counters;
    EXPECT_EQ(Hits(*set, "anything", 0, &counters), Ids({}));
    EXPECT_EQ(counters.texts_scanned, 1u);
  }
}

TEST(PatternSet, EmptyMatchingPatternHitsEveryText) {
  std::vector<PatternSpec> specs = {{"x*", "", 0}, {"y", "", 1}};
  for (Engine engine : kAllEngines) {
    SCOPED_TRACE(EngineName(engine));
    Result<PatternSet> set = PatternSet::Compile(specs, Uncached(engine));
    ASSERT_TRUE(set.ok());
    EXPECT_EQ(set->report().native, 2u);
    EXPECT_EQ(Hits(*set, "", 2), Ids({0}));
    EXPECT_EQ(Hits(*set, "abc", 2), Ids({0}));
    EXPECT_EQ(Hits(*set, "y", 2), Ids({0, 1}));
  }
}

TEST(PatternSet, SharedIdHitsWhenAnyOfItsPatternsHits) {
  std::vector<PatternSpec> specs = {
      {"alpha", "", 2}, {"beta", "", 2}, {R"((\w)\1)", "", 2}};
  for (Engine engine : {Engine::kHyperscan, Engine::kPcre2}) {
    Result<PatternSet> set = PatternSet::Compile(specs, Uncached(engine));
    ASSERT_TRUE(set.ok());
    EXPECT_EQ(set->mode(2), PatternMode::kNative);  // the first pattern's
    EXPECT_EQ(Hits(*set, "beta", 3), Ids({2}));
    EXPECT_EQ(Hits(*set, "x ll", 3), Ids({2}));
    EXPECT_EQ(Hits(*set, "none", 3), Ids({}));
  }
}

TEST(PatternSet, ExtendedSyntaxRunsNativelyInHyperscan) {
  std::vector<PatternSpec> specs = {
      {"free \\s+ money  # the classic\n | cash\\ now", "ix", 0}};
  Result<PatternSet> hs =
      PatternSet::Compile(specs, Uncached(Engine::kHyperscan));
  Result<PatternSet> pcre2 =
      PatternSet::Compile(specs, Uncached(Engine::kPcre2));
  ASSERT_TRUE(hs.ok());
  ASSERT_TRUE(pcre2.ok());
  EXPECT_EQ(hs->mode(0), PatternMode::kNative);
  for (std::string text :
       {"FREE   money", "freemoney", "cash now", "cashnow", "the classic"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(Hits(*hs, text, 1), Hits(*pcre2, text, 1));
  }
  EXPECT_EQ(Hits(*hs, "cash now", 1), Ids({0}));
  EXPECT_EQ(Hits(*hs, "the classic", 1), Ids({}));
  // Neither baseline has extended syntax: reported, not mis-run.
  for (Engine engine : {Engine::kRe2, Engine::kStd}) {
    Result<PatternSet> set = PatternSet::Compile(specs, Uncached(engine));
    ASSERT_TRUE(set.ok());
    EXPECT_EQ(set->mode(0), PatternMode::kUnsupported);
  }
}

TEST(PatternSet, Utf8PatternsFoldUnicodeAndSkipInvalidTexts) {
  std::vector<PatternSpec> specs = {
      {"caf\xc3\xa9!", "iu", 0},  // café, Unicode case folding
      {R"(\w+z)", "u", 1},        // \w is Unicode with u
      {"win", "", 2},             // bytes: hits whatever the encoding
  };
  for (Engine engine : {Engine::kHyperscan, Engine::kPcre2}) {
    SCOPED_TRACE(EngineName(engine));
    Result<PatternSet> set = PatternSet::Compile(specs, Uncached(engine));
    ASSERT_TRUE(set.ok());
    EXPECT_EQ(set->report().unsupported, 0u);
    EXPECT_EQ(Hits(*set, "CAF\xc3\x89!", 3), Ids({0}));
    EXPECT_EQ(Hits(*set, "\xc3\xa9z", 3), Ids({1}));
    // Invalid UTF-8: u patterns never hit, the byte pattern still does,
    // and nothing fails.
    ScanCounters counters;
    EXPECT_EQ(Hits(*set, "CAF\xc3\x89! \xc3z win \xff", 3, &counters),
              Ids({2}));
    EXPECT_EQ(counters.engine_errors, 0u);
  }
  // RE2's \w is ASCII-only: it refuses row 1 rather than disagree.
  Result<PatternSet> re2 = PatternSet::Compile(specs, Uncached(Engine::kRe2));
  ASSERT_TRUE(re2.ok());
  EXPECT_EQ(re2->mode(0), PatternMode::kNative);
  EXPECT_EQ(re2->mode(1), PatternMode::kUnsupported);
  EXPECT_EQ(Hits(*re2, "CAF\xc3\x89!", 3), Ids({0}));
  EXPECT_EQ(Hits(*re2, "CAF\xc3\x89! \xff", 3), Ids({}));
}

TEST(PatternSet, NulBytesAreOrdinaryText) {
  std::vector<PatternSpec> specs = {{R"(a\x00b)", "", 0}, {"b.c", "", 1}};
  const std::string text("a\0b\0c", 5);
  for (Engine engine : kAllEngines) {
    SCOPED_TRACE(EngineName(engine));
    Result<PatternSet> set = PatternSet::Compile(specs, Uncached(engine));
    ASSERT_TRUE(set.ok());
    if (engine == Engine::kStd) {
      // \x00 is fine in ECMAScript too.
      EXPECT_EQ(set->report().unsupported, 0u);
    }
    EXPECT_EQ(Hits(*set, text, 2), Ids({0, 1}));
    EXPECT_EQ(Hits(*set, "ab\nc", 2), Ids({}));
  }
}

TEST(PatternSet, ThreadsWithTheirOwnScratchAgree) {
  std::vector<PatternSpec> specs = ParitySpecs();
  specs.push_back({R"((\w+)\s+\1)", "", 13});
  specs.push_back({R"((fo|ba)(?1)z)", "", 14});
  Result<PatternSet> set =
      PatternSet::Compile(specs, Uncached(Engine::kHyperscan));
  ASSERT_TRUE(set.ok());
  std::vector<std::string> texts = ParityTexts();
  texts.push_back("it it is fobaz");
  std::vector<Ids> want;
  for (const std::string& text : texts) want.push_back(Hits(*set, text, 15));

  constexpr int kRounds = 200;  // enough to interleave the two threads
  std::vector<Ids> got[2];
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      std::unique_ptr<PatternSet::Scratch> scratch = set->MakeScratch();
      ScanCounters counters;
      HitSet hits(15);
      for (int round = 0; round < kRounds; ++round) {
        for (const std::string& text : texts) {
          hits.Clear();
          set->Match(text, *scratch, &hits, &counters);
          if (round == kRounds - 1) got[t].push_back(IdsOf(hits));
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(got[0], want);
  EXPECT_EQ(got[1], want);
}

// Bad patterns, one row per engine, with the words each engine uses.
struct BadPatternRow {
  Engine engine;
  PatternSpec spec;
  std::vector<std::string> message_parts;
};

class ValidatePatternTest : public ::testing::TestWithParam<BadPatternRow> {};

TEST_P(ValidatePatternTest, NamesTheProblemInTheEnginesWords) {
  const BadPatternRow& row = GetParam();
  std::optional<std::string> message = ValidatePattern(row.spec, row.engine);
  ASSERT_TRUE(message.has_value());
  for (const std::string& part : row.message_parts) {
    EXPECT_NE(message->find(part), std::string::npos)
        << "'" << part << "' not in: " << *message;
  }
}

INSTANTIATE_TEST_SUITE_P(
    BadPatterns, ValidatePatternTest,
    ::testing::Values(
        BadPatternRow{Engine::kHyperscan,
                      {"(", "", 0},
                      {"Hyperscan: Missing close parenthesis",
                       "PCRE2: missing closing parenthesis at offset 1"}},
        BadPatternRow{Engine::kPcre2,
                      {"(", "", 0},
                      {"PCRE2: missing closing parenthesis"}},
        BadPatternRow{Engine::kRe2, {"(", "", 0}, {"RE2: missing )"}},
        BadPatternRow{Engine::kStd, {"(", "", 0}, {"std::regex: "}},
        BadPatternRow{Engine::kRe2,
                      {R"((\w+)\s+\1)", "", 0},
                      {"RE2: invalid escape sequence: \\1"}},
        BadPatternRow{Engine::kRe2,
                      {"foo(?=bar)", "", 0},
                      {"RE2: invalid perl operator: (?="}},
        BadPatternRow{Engine::kRe2, {"a$b", "", 0}, {"$", "more pattern"}},
        BadPatternRow{
            Engine::kStd, {R"(\Afoo)", "", 0}, {"std::regex reads \\A"}},
        BadPatternRow{Engine::kStd, {"^a", "m", 0}, {"\\r"}},
        BadPatternRow{
            Engine::kHyperscan, {"abc", "z", 0}, {"unknown flag 'z'"}}),
    [](const ::testing::TestParamInfo<BadPatternRow>& row) {
      return std::string(EngineName(row.param.engine)) + "_" +
             std::to_string(row.index);
    });

TEST(ValidatePattern, AcceptsWhatSomeEngineCanRun) {
  // Hyperscan rejects the back-reference but PCRE2 can confirm it.
  EXPECT_EQ(ValidatePattern({R"((\w+)\s+\1)", "", 0}, Engine::kHyperscan),
            std::nullopt);
  EXPECT_EQ(ValidatePattern({"foo(?=bar)", "i", 0}, Engine::kStd),
            std::nullopt);
  for (Engine engine : kAllEngines) {
    EXPECT_EQ(ValidatePattern({R"(\bfree\b)", "i", 0}, engine), std::nullopt)
        << EngineName(engine);
  }
}

}  // namespace
}  // namespace inboxsim::scan
