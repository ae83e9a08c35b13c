#include "sim/sa/config.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "tests/test_util.h"

namespace inboxsim::sa {
namespace {

using ::inboxsim::testing::TempDir;

Config Parse(std::string_view text, ConfigOptions options = {}) {
  Result<Config> config = ParseConfig(text, "t.cf", options);
  EXPECT_TRUE(config.ok()) << config.error().ToString();
  return config.ok() ? std::move(*config) : Config{};
}

const Rule* Find(const Config& config, std::string_view name) {
  for (const Rule& rule : config.rules) {
    if (rule.name == name) return &rule;
  }
  return nullptr;
}

const Unsupported* FindUnsupported(const Config& config,
                                   std::string_view name) {
  for (const Unsupported& u : config.unsupported) {
    if (u.name == name) return &u;
  }
  return nullptr;
}

std::vector<std::string> Names(const Config& config) {
  std::vector<std::string> names;
  for (const Rule& rule : config.rules) names.push_back(rule.name);
  return names;
}

TEST(SaConfig, ReadsEachRegexRuleKind) {
  Config config = Parse(R"(
body     B1  /free money/i
rawbody  R1  /<font/
uri      U1  /\.cn\//
full     F1  /^X-Foo: bar/m
)");
  ASSERT_EQ(config.rules.size(), 4u);
  EXPECT_EQ(config.rules[0].kind, RuleKind::kBody);
  EXPECT_EQ(config.rules[0].pattern, "free money");
  EXPECT_EQ(config.rules[0].flags, "i");
  EXPECT_EQ(config.rules[0].where, "t.cf:2");
  EXPECT_EQ(config.rules[1].kind, RuleKind::kRawBody);
  EXPECT_EQ(config.rules[1].pattern, "<font");
  EXPECT_EQ(config.rules[2].kind, RuleKind::kUri);
  EXPECT_EQ(config.rules[2].pattern, "\\.cn\\/");  // kept as written
  EXPECT_EQ(config.rules[3].kind, RuleKind::kFull);
  EXPECT_EQ(config.rules[3].flags, "m");
  EXPECT_TRUE(config.unsupported.empty());
}

TEST(SaConfig, HeaderModifiersExistsNegationAndIfUnset) {
  Config config = Parse(R"(
header H_ADDR  From:addr =~ /\@example\.com$/i
header H_RAW   Subject:raw =~ /=\?utf-8\?/
header H_NAME  From:name:first =~ /^bob/
header H_ALL   ALL =~ /^X-Mailer: spam/m
header H_EX    exists:X-Spam-Flag
header H_NEG   Message-Id !~ /@/ [if-unset: none]
)");
  ASSERT_EQ(config.rules.size(), 6u);
  const Rule& addr = *Find(config, "H_ADDR");
  EXPECT_EQ(addr.kind, RuleKind::kHeader);
  EXPECT_EQ(addr.header.name, "From");
  EXPECT_TRUE(addr.header.has("addr"));
  EXPECT_EQ(addr.pattern, "\\@example\\.com$");
  EXPECT_TRUE(Find(config, "H_RAW")->header.has("raw"));
  const Rule& name = *Find(config, "H_NAME");
  EXPECT_TRUE(name.header.has("name"));
  EXPECT_TRUE(name.header.has("first"));
  EXPECT_EQ(Find(config, "H_ALL")->header.name, "ALL");
  const Rule& exists = *Find(config, "H_EX");
  EXPECT_TRUE(exists.header.exists);
  EXPECT_EQ(exists.header.name, "X-Spam-Flag");
  EXPECT_EQ(exists.pattern, "");
  const Rule& negated = *Find(config, "H_NEG");
  EXPECT_TRUE(negated.header.negated);
  EXPECT_EQ(negated.pattern, "@");
  ASSERT_TRUE(negated.header.if_unset.has_value());
  EXPECT_EQ(*negated.header.if_unset, "none");
}

TEST(SaConfig, CaptureTemplateIsUnsupportedButNamedCaptureIsNot) {
  Config config = Parse(R"(
uri  T_TEMPLATE /^https?:\/\/x\.com\/\#%{GB_TO_ADDR}/i
body NAMED      /(?<GB_NAME>\w+) wrote/
body ESCAPED    /100\%{2}/
)");
  EXPECT_EQ(FindUnsupported(config, "T_TEMPLATE")->reason,
            "matches %{GB_TO_ADDR}, a tag captured by another rule at scan "
            "time");
  ASSERT_NE(Find(config, "NAMED"), nullptr);
  ASSERT_NE(Find(config, "ESCAPED"), nullptr);
}

TEST(SaConfig, UnknownHeaderModifierIsUnsupported) {
  Config config = Parse("header H From:bogus =~ /x/\n");
  ASSERT_NE(FindUnsupported(config, "H"), nullptr);
  EXPECT_EQ(FindUnsupported(config, "H")->reason,
            "unknown header modifier :bogus");
}

TEST(SaConfig, OtherDelimitersAndFlags) {
  Config config = Parse(R"(
body M1 m{foo\}bar}i
body M2 m!a/b!s
body M3 /x y/ixg
body M4 qr<abc>
)");
  EXPECT_EQ(Find(config, "M1")->pattern, "foo\\}bar");
  EXPECT_EQ(Find(config, "M1")->flags, "i");
  EXPECT_EQ(Find(config, "M2")->pattern, "a/b");
  EXPECT_EQ(Find(config, "M2")->flags, "s");
  EXPECT_EQ(Find(config, "M3")->flags, "ix");  // g means nothing to a match
  EXPECT_EQ(Find(config, "M4")->pattern, "abc");
}

struct BadRegexCase {
  const char* line;
  const char* reason;
};
class SaConfigBadRegex : public ::testing::TestWithParam<BadRegexCase> {};

TEST_P(SaConfigBadRegex, BecomesUnsupportedWithReasonAndWhere) {
  Config config = Parse(std::string("\n") + GetParam().line + "\n");
  ASSERT_EQ(config.unsupported.size(), 1u);
  EXPECT_EQ(config.unsupported[0].name, "BAD");
  EXPECT_EQ(config.unsupported[0].reason, GetParam().reason);
  EXPECT_EQ(config.unsupported[0].where, "t.cf:2");
  EXPECT_TRUE(config.rules.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Table, SaConfigBadRegex,
    ::testing::Values(
        BadRegexCase{"body BAD /foo",
                     "bad regex /foo: no closing '/' delimiter"},
        BadRegexCase{"body BAD m{foo",
                     "bad regex m{foo: no closing '}' delimiter"},
        BadRegexCase{"body BAD foo",
                     "bad regex foo: missing regexp delimiters "
                     "(expected /re/ or m{re})"},
        BadRegexCase{
            "body BAD /a/b/",
            "bad regex /a/b/: unescaped delimiter '/' inside the regex"},
        BadRegexCase{"uri BAD /x/u",
                     "bad regex /x/u: regex flag 'u' changes "
                     "matching in a way not supported here"},
        BadRegexCase{"header BAD Subject =~ /x",
                     "bad regex /x: no closing '/' "
                     "delimiter"}));

TEST(SaConfig, CommentsWhitespaceAndCase) {
  Config config = Parse(
      "  # a comment line\n"
      "BODY   HASH  /a\\#b/   # trailing comment\n"
      "\tdescribe HASH  Has a # sign\n");
  ASSERT_EQ(config.rules.size(), 1u);
  EXPECT_EQ(config.rules[0].pattern, "a#b");
  EXPECT_EQ(config.rules[0].description, "Has a");
}

TEST(SaConfig, ScoresOneAndFourValuesAndBeforeDefinition) {
  Config config = Parse(R"(
score EARLY 2.5
body ONE /one/
body FOUR /four/
body EARLY /early/
score ONE 3
score FOUR 0 1.5 0 -2
)");
  EXPECT_EQ(Find(config, "ONE")->scores, (std::array<double, 4>{3, 3, 3, 3}));
  EXPECT_TRUE(Find(config, "ONE")->has_score);
  EXPECT_EQ(Find(config, "FOUR")->scores,
            (std::array<double, 4>{0, 1.5, 0, -2}));
  EXPECT_FALSE(Find(config, "FOUR")->enabled(0));
  EXPECT_TRUE(Find(config, "FOUR")->enabled(1));
  EXPECT_EQ(Find(config, "EARLY")->scores[0], 2.5);
}

TEST(SaConfig, DefaultScores) {
  Config config = Parse(R"(
body PLAIN /a/
body __SUB /b/
body T_TESTING /c/
body NICE /d/
tflags NICE nice
)");
  EXPECT_EQ(Find(config, "PLAIN")->scores[0], 1.0);
  EXPECT_FALSE(Find(config, "PLAIN")->has_score);
  EXPECT_EQ(Find(config, "__SUB")->scores[3], 0.0);
  EXPECT_TRUE(Find(config, "__SUB")->enabled(0));  // runs for its metas
  EXPECT_EQ(Find(config, "T_TESTING")->scores[0], 0.01);
  EXPECT_EQ(Find(config, "NICE")->scores[0], -1.0);
}

TEST(SaConfig, RelativeAndBadScores) {
  Config config = Parse(R"(
body A /a/
score A 1
score A (2)
score A x
score A 1 2
)");
  EXPECT_EQ(Find(config, "A")->scores[0], 3.0);
  ASSERT_EQ(config.warnings.size(), 2u);
  EXPECT_EQ(config.warnings[0], "t.cf:5: score A: 'x' is not a number");
  EXPECT_EQ(config.warnings[1], "t.cf:6: score A: needs 1 or 4 scores, not 2");
}

TEST(SaConfig, DescribeTflagsPriorityAndLang) {
  Config config = Parse(R"(
body R /r/
describe R Says what it is
lang de describe R Sagt was
tflags R multiple maxhits=5 nosubject
priority R -50
)");
  const Rule& rule = *Find(config, "R");
  EXPECT_EQ(rule.description, "Says what it is");
  EXPECT_EQ(rule.tflags,
            (std::vector<std::string>{"multiple", "maxhits=5", "nosubject"}));
  EXPECT_TRUE(rule.has_tflag("maxhits"));
  EXPECT_TRUE(rule.has_tflag("nosubject"));
  EXPECT_FALSE(rule.has_tflag("nice"));
  EXPECT_EQ(rule.priority, -50);
  EXPECT_EQ(config.ignored_settings.at("lang"), 1u);
}

TEST(SaConfig, RequiredScoreAndIgnoredSettings) {
  Config config = Parse(R"(
required_hits 6.5
report_safe 1
whitelist_from a@b.c
whitelist_from d@e.f
)");
  EXPECT_EQ(config.required_score, 6.5);
  EXPECT_EQ(config.ignored_settings.at("report_safe"), 1u);
  EXPECT_EQ(config.ignored_settings.at("whitelist_from"), 2u);
  EXPECT_EQ(Parse("required_score 4\n").required_score, 4.0);
}

TEST(SaConfig, IfpluginFollowsLoadedPlugins) {
  ConfigOptions options;
  options.plugins = {"Mail::SpamAssassin::Plugin::Check"};
  Config config = Parse(R"(
ifplugin Mail::SpamAssassin::Plugin::Check
body LOADED /a/
endif
ifplugin Mail::SpamAssassin::Plugin::DKIM
body NOT_LOADED /b/
endif
loadplugin Mail::SpamAssassin::Plugin::DKIM
ifplugin Mail::SpamAssassin::Plugin::DKIM
body LOADED_LATER /c/
endif
)",
                        options);
  EXPECT_EQ(Names(config),
            (std::vector<std::string>{"LOADED", "LOADED_LATER"}));
}

TEST(SaConfig, StockPluginsAreTheDefault) {
  Config config = Parse(R"(
ifplugin Mail::SpamAssassin::Plugin::ReplaceTags
body STOCK /a/
endif
ifplugin Mail::SpamAssassin::Plugin::TextCat
body NOT_STOCK /b/
endif
)");
  EXPECT_EQ(Names(config), (std::vector<std::string>{"STOCK"}));
}

TEST(SaConfig, IfVersionCanAndNestedElse) {
  Config config = Parse(R"(
if (version >= 3.004000)
  body V_NEW /a/
else
  body V_OLD /b/
endif
if version < 3.0
  body V_ANCIENT /c/
endif
if can(Mail::SpamAssassin::Conf::feature_capture_rules)
  body CAN /d/
endif
if !can(Mail::SpamAssassin::Conf::feature_no_such_thing)
  body CANNOT /e/
endif
if !(plugin(Mail::SpamAssassin::Plugin::DKIM) && version >= 9)
  if plugin(Mail::SpamAssassin::Plugin::SPF) || version > 99
    body NESTED /f/
  else
    body NESTED_ELSE /g/
  endif
else
  if 1
  else
    body OUTER_SKIPPED_ELSE /h/
  endif
endif
)");
  EXPECT_EQ(Names(config),
            (std::vector<std::string>{"V_NEW", "CAN", "CANNOT", "NESTED"}));
}

TEST(SaConfig, EnableCompatFlagsFeedCan) {
  constexpr std::string_view kText = R"(
enable_compat my_flag
if can(Mail::SpamAssassin::Conf::compat_my_flag)
  body MINE /a/
endif
if can(Mail::SpamAssassin::Conf::compat_welcomelist_blocklist)
  body STOCK_COMPAT /b/
endif
)";
  EXPECT_EQ(Names(Parse(kText)),
            (std::vector<std::string>{"MINE", "STOCK_COMPAT"}));
  ConfigOptions no_compat;
  no_compat.compat_flags.clear();
  EXPECT_EQ(Names(Parse(kText, no_compat)), (std::vector<std::string>{"MINE"}));
}

struct BadBlockCase {
  const char* text;
  const char* where;
  const char* message;
};
class SaConfigBadBlock : public ::testing::TestWithParam<BadBlockCase> {};

TEST_P(SaConfigBadBlock, FailsSayingWhere) {
  Result<Config> config = ParseConfig(GetParam().text, "t.cf", {});
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().where, GetParam().where);
  EXPECT_EQ(config.error().message, GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Table, SaConfigBadBlock,
    ::testing::Values(
        BadBlockCase{"body A /a/\nendif\n", "t.cf:2",
                     "'endif' without an open 'if'"},
        BadBlockCase{"else\n", "t.cf:1", "'else' without an open 'if'"},
        BadBlockCase{"if 1\nbody A /a/\n", "t.cf:1",
                     "'if' block never closed by 'endif'"},
        BadBlockCase{"if frobnicate\nendif\n", "t.cf:1",
                     "condition 'frobnicate': unknown word 'frobnicate'"},
        BadBlockCase{"ifplugin\n", "t.cf:1", "'ifplugin' without condition"}));

TEST(SaConfig, RedefinitionReplacesButKeepsFirstPosition) {
  Config config = Parse(R"(
body FIRST /one/
body SECOND /two/
body FIRST /uno/
)");
  EXPECT_EQ(Names(config), (std::vector<std::string>{"FIRST", "SECOND"}));
  EXPECT_EQ(Find(config, "FIRST")->pattern, "uno");
  EXPECT_EQ(Find(config, "FIRST")->where, "t.cf:4");
}

TEST(SaConfig, EvalRulesAreUnsupportedWithTheFunction) {
  Config config = Parse(R"(
body   B_EVAL  eval:check_stock_info()
header H_EVAL  eval:check_for_missing_to_header()
header H_RBL   eval:check_rbl('zen', 'zen.spamhaus.org.')
rawbody R_EVAL eval:check_foo('x')
askdns A_DNS   _SENDERDOMAIN_ A 127.0.0.2
mimeheader M_H Content-Type =~ /foo/
)");
  EXPECT_TRUE(config.rules.empty());
  ASSERT_EQ(config.unsupported.size(), 6u);
  EXPECT_EQ(config.unsupported[0].type, "body eval");
  EXPECT_EQ(config.unsupported[0].reason,
            "eval:check_stock_info() runs SpamAssassin's Perl code "
            "(check_stock_info)");
  EXPECT_EQ(config.unsupported[1].type, "header eval");
  EXPECT_EQ(config.unsupported[2].reason,
            "eval:check_rbl() is a DNS blocklist lookup");
  EXPECT_EQ(config.unsupported[3].type, "rawbody eval");
  EXPECT_EQ(config.unsupported[4].type, "askdns");
  EXPECT_EQ(config.unsupported[4].where, "t.cf:6");
  EXPECT_EQ(config.unsupported[5].type, "mimeheader");
}

TEST(SaConfig, MetaOnUnsupportedRuleIsUnsupportedTransitively) {
  Config config = Parse(R"(
header __EVAL eval:check_for_missing_to_header()
body   __OK   /ok/
meta   DIRECT  __OK && __EVAL
meta   INDIRECT DIRECT || __OK
meta   FINE    __OK && !__UNDEFINED
)");
  EXPECT_EQ(Names(config), (std::vector<std::string>{"__OK", "FINE"}));
  EXPECT_EQ(FindUnsupported(config, "DIRECT")->reason,
            "depends on header eval rule __EVAL");
  EXPECT_EQ(FindUnsupported(config, "DIRECT")->type, "meta");
  EXPECT_EQ(FindUnsupported(config, "INDIRECT")->reason,
            "depends on meta rule DIRECT");
  ASSERT_EQ(config.warnings.size(), 1u);
  EXPECT_EQ(config.warnings[0],
            "t.cf:6: meta FINE reads undefined rule __UNDEFINED (as 0)");
}

TEST(SaConfig, MetaCycleIsUnsupported) {
  Config config = Parse("meta A B\nmeta B A\nmeta C B\nmeta D 1\n");
  EXPECT_EQ(Names(config), (std::vector<std::string>{"D"}));
  EXPECT_EQ(FindUnsupported(config, "C")->reason,
            "unsolved meta dependencies (a cycle among metas)");
}

TEST(SaConfig, ReplaceTagsWithNestingAndPreInterPost) {
  Config config = Parse(R"(
replace_tag   A  [a@]
replace_tag   B  (?:<A>|b)
replace_tag   C  c
replace_inter W1 \W?
replace_pre   P  (?:x)
replace_post  P2 {1,2}
body   FUZZY  /<inter W1><post P2>z<A><B>/i
body   PRE    /<pre P><C>-<C>/
body   UNLISTED /<A>/
body   UNKNOWN /<NOPE><C>/
replace_rules FUZZY PRE UNKNOWN
)");
  // The inner <A> came from a replacement: later passes add no post/inter.
  EXPECT_EQ(Find(config, "FUZZY")->pattern, "z[a@]{1,2}\\W?(?:[a@]|b){1,2}");
  EXPECT_EQ(Find(config, "FUZZY")->flags, "i");
  EXPECT_EQ(Find(config, "PRE")->pattern, "(?:x)c-(?:x)c");
  EXPECT_EQ(Find(config, "UNLISTED")->pattern, "<A>");
  EXPECT_EQ(Find(config, "UNKNOWN")->pattern, "<NOPE>c");
}

TEST(SaConfig, ReplaceTagsNoInterBeforeALeadingTagAndCustomDelimiters) {
  Config config = Parse(R"(
replace_start {{
replace_end   }}
replace_tag   X  x
replace_inter S  _
body LEAD /{{inter S}}{{X}}{{X}}/
replace_rules LEAD
)");
  // SpamAssassin splits "(?aa)" + the pattern, so there is no empty field
  // before the first tag to put an inter in (T_FUZZY_SPRM in 72_active.cf).
  EXPECT_EQ(Find(config, "LEAD")->pattern, "x_x");
}

TEST(SaConfig, IncludeIsRelativeToTheIncludingFile) {
  TempDir dir;
  dir.Write("rules/main.cf",
            "body BEFORE /a/\ninclude sub/extra.cf\nbody AFTER /c/\n");
  dir.Write("rules/sub/extra.cf", "body INCLUDED /b/\nscore BEFORE 4\n");
  Result<Config> config =
      LoadConfig({(dir.path() / "rules/main.cf").string()}, {});
  ASSERT_TRUE(config.ok()) << config.error().ToString();
  EXPECT_EQ(Names(*config),
            (std::vector<std::string>{"BEFORE", "INCLUDED", "AFTER"}));
  EXPECT_EQ(Find(*config, "BEFORE")->scores[0], 4.0);
  EXPECT_EQ(config->files.size(), 2u);
  EXPECT_EQ(Find(*config, "INCLUDED")->where,
            (dir.path() / "rules/sub/extra.cf").string() + ":1");
}

TEST(SaConfig, DirectoryReadsPreThenCfInNameOrder) {
  TempDir dir;
  dir.Write("b.cf", "body B /b/\nscore A 2\n");
  dir.Write("a.cf", "body A /a/\nscore A 1\n");
  dir.Write("z.pre", "body Z /z/\n");
  dir.Write("notes.txt", "body IGNORED /x/\n");
  Result<Config> config = LoadConfig({dir.path().string()}, {});
  ASSERT_TRUE(config.ok()) << config.error().ToString();
  EXPECT_EQ(Names(*config), (std::vector<std::string>{"Z", "A", "B"}));
  EXPECT_EQ(Find(*config, "A")->scores[0], 2.0);  // the later file wins
}

TEST(SaConfig, UnreadablePathFails) {
  Result<Config> config = LoadConfig({"/nonexistent/rules.cf"}, {});
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().code, ErrorCode::kUnreadable);
  EXPECT_EQ(config.error().where, "/nonexistent/rules.cf");
}

double Eval(std::string_view expression,
            const std::map<std::string, double>& values = {}) {
  Result<std::unique_ptr<MetaNode>> tree = ParseMetaExpression(expression);
  EXPECT_TRUE(tree.ok()) << expression << ": " << tree.error().message;
  if (!tree.ok()) return -999;
  return EvaluateMeta(**tree, [&](const std::string& name) {
    auto it = values.find(name);
    return it == values.end() ? 0.0 : it->second;
  });
}

TEST(MetaExpression, Precedence) {
  EXPECT_EQ(Eval("1 + 2 * 3"), 7);
  EXPECT_EQ(Eval("(1 + 2) * 3"), 9);
  EXPECT_EQ(Eval("10 - 4 - 3"), 3);  // left-associative
  EXPECT_EQ(Eval("8 / 4 / 2"), 1);
  EXPECT_EQ(Eval("!0 + 1"), 2);  // ! binds tighter than +
  EXPECT_EQ(Eval("-2 * 3"), -6);
  EXPECT_EQ(Eval("1 + 1 > 1"), 1);    // arithmetic before comparison
  EXPECT_EQ(Eval("2 > 1 == 1"), 1);   // relational before equality
  EXPECT_EQ(Eval("1 || 0 && 0"), 1);  // && before ||
  EXPECT_EQ(Eval("0 && 1 || 1"), 1);
  EXPECT_EQ(Eval("3 >= 3 && 2 <= 1"), 0);
  EXPECT_EQ(Eval("1 != 2"), 1);
  EXPECT_EQ(Eval("4 / 0"), 0);  // SpamAssassin would die; we say 0
}

TEST(MetaExpression, PerlValuesOfAndOr) {
  const std::map<std::string, double> values = {{"A", 3}, {"B", 5}, {"Z", 0}};
  EXPECT_EQ(Eval("A && B", values), 5);  // the deciding operand
  EXPECT_EQ(Eval("Z && B", values), 0);
  EXPECT_EQ(Eval("A || B", values), 3);
  EXPECT_EQ(Eval("Z || B", values), 5);
  EXPECT_EQ(Eval("!A", values), 0);
  EXPECT_EQ(Eval("!!A", values), 1);
  EXPECT_EQ(Eval("(A + B + UNDEFINED) >= 8", values), 1);
}

TEST(MetaExpression, RuleNamesOnceInOrder) {
  auto tree = ParseMetaExpression("(__B || __A) && !__B && T_C > 1.5");
  ASSERT_TRUE(tree.ok());
  EXPECT_EQ(MetaRuleNames(**tree),
            (std::vector<std::string>{"__B", "__A", "T_C"}));
}

struct BadMetaCase {
  const char* expression;
  const char* message;
};
class MetaExpressionError : public ::testing::TestWithParam<BadMetaCase> {};

TEST_P(MetaExpressionError, SaysWhereAndWhat) {
  auto tree = ParseMetaExpression(GetParam().expression);
  ASSERT_FALSE(tree.ok());
  EXPECT_EQ(tree.error().message, GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Table, MetaExpressionError,
    ::testing::Values(
        BadMetaCase{"A &&",
                    "meta expression, column 5: expression ends where "
                    "a rule name or number was expected"},
        BadMetaCase{"(A || B", "meta expression, column 8: missing ')'"},
        BadMetaCase{"A B", "meta expression, column 3: unexpected 'B'"},
        BadMetaCase{"A ^ B", "meta expression, column 3: unexpected '^'"},
        BadMetaCase{"A ** 2", "meta expression, column 4: unexpected '*'"},
        BadMetaCase{"rules_matching(__X*)",
                    "meta expression, column 1: function call "
                    "'rules_matching(...)' is not supported"}));

TEST(SaConfig, BadMetaIsUnsupportedWithTheParseError) {
  Config config = Parse("meta M (A || B\n");
  ASSERT_NE(FindUnsupported(config, "M"), nullptr);
  EXPECT_EQ(FindUnsupported(config, "M")->reason,
            "meta expression, column 8: missing ')'");
}

TEST(SaConfig, RealSpamAssassinRules) {
  const std::string kRules = "/usr/share/spamassassin";
  if (!std::filesystem::exists(kRules + "/50_scores.cf")) {
    GTEST_SKIP() << "SpamAssassin rules not installed at " << kRules;
  }
  Result<Config> config = LoadConfig({kRules}, {});
  ASSERT_TRUE(config.ok()) << config.error().ToString();
  std::map<RuleKind, int> by_kind;
  for (const Rule& rule : config->rules) ++by_kind[rule.kind];
  EXPECT_GT(by_kind[RuleKind::kBody], 500);
  EXPECT_GT(by_kind[RuleKind::kMeta], 300);
  EXPECT_GT(by_kind[RuleKind::kHeader], 200);
  EXPECT_GT(config->unsupported.size(), 0u);
  for (const Unsupported& u : config->unsupported) {
    EXPECT_FALSE(u.reason.empty()) << u.name;
    EXPECT_FALSE(u.where.empty()) << u.name;
  }
  EXPECT_EQ(config->required_score, 5.0);

  const Rule* fuzzy = Find(*config, "FUZZY_MONEY");
  ASSERT_NE(fuzzy, nullptr);
  EXPECT_EQ(fuzzy->pattern.find("<M>"), std::string::npos) << fuzzy->pattern;
  EXPECT_EQ(fuzzy->pattern.find("<Y>"), std::string::npos) << fuzzy->pattern;
  EXPECT_EQ(fuzzy->pattern.rfind("(?!money)(?:[mM", 0), 0u) << fuzzy->pattern;
  const Rule* drugs = Find(*config, "__DRUGS_ERECTILE1");
  ASSERT_NE(drugs, nullptr);
  EXPECT_EQ(drugs->kind, RuleKind::kBody);
  EXPECT_EQ(drugs->pattern.find('<'), std::string::npos);
  for (const Rule& rule : config->rules) {
    if (rule.kind != RuleKind::kMeta && !rule.header.exists) {
      EXPECT_FALSE(rule.pattern.empty()) << rule.name;
    }
  }
}

}  // namespace
}  // namespace inboxsim::sa
