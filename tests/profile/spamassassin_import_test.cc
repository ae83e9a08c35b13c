// SpamAssassin configurations included by a profile: what is imported, with
// which scores, and how the imported rules fire on messages.
#include "sim/profile/spamassassin_import.h"

#include <gtest/gtest.h>

#include <set>

#include "sim/profile/judge.h"
#include "sim/profile/meta_program.h"
#include "tests/test_util.h"

namespace inboxsim::profile {
namespace {

constexpr char kRules[] = R"(# hand-written rules, one of each construct
body     BODY_FREE      /\bfree money\b/i
describe BODY_FREE      Talks about free money
score    BODY_FREE      1.0 2.0 3.0 4.0
body     SUBJ_LINE      /^Hello there$/
body     NOSUBJ_HELLO   /Hello there/
tflags   NOSUBJ_HELLO   nosubject
rawbody  RAW_BLINK      /<blink>/i
header   FROM_EXAMPLE   From:addr =~ /\@example\.com$/
header   NOT_MUTT       X-Mailer !~ /mutt/i
header   SUBJ_UNSET     Subject =~ /^UNSET$/ [if-unset: UNSET]
header   HAS_MARKER     exists:X-Marker
uri      URI_IP         /^https?:\/\/\d+\.\d+\.\d+\.\d+/
full     FULL_MARKER    /^X-Marker: yes/m
meta     META_TWO       (BODY_FREE + RAW_BLINK + URI_IP) >= 2
meta     __SUB          BODY_FREE && !NOT_MUTT
meta     META_OF_META   META_TWO || __SUB
meta     META_UNDEFINED NO_SUCH_RULE || SUBJ_UNSET
body     ZERO_RULE      /free/
score    ZERO_RULE      0
body     EVAL_RULE      eval:check_something()
meta     META_EVAL      EVAL_RULE && BODY_FREE
body     LINE_END_Z     /lunch\s*\z/
body     LITERAL_Z      /[\z]z\\z/
body     __FREE_WORD    /\bfree\b/i
tflags   __FREE_WORD    multiple maxhits=3
meta     FREE_TWICE     __FREE_WORD > 1
meta     FREE_4_TIMES   __FREE_WORD > 3
ifplugin Mail::SpamAssassin::Plugin::NotInstalledHere
body     IN_MISSING_PLUGIN /free/
endif
)";

constexpr char kSpamMessage[] =
    "From: Deals <offers@example.com>\r\n"
    "To: you@example.org\r\n"
    "Subject: Hello there\r\n"
    "X-Marker: yes\r\n"
    "Content-Type: text/html\r\n"
    "\r\n"
    "<p>Get free money now</p><blink>now</blink>\r\n"
    "<a href=\"http://192.0.2.1/x\">here</a>\r\n";

constexpr char kHamMessage[] =
    "From: friend@example.net\r\n"
    "To: you@example.org\r\n"
    "X-Mailer: Mutt/2.2\r\n"
    "\r\n"
    "Nothing to see here.\r\n";

class SpamAssassinImportTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_.Write("sa/10_rules.cf", kRules); }

  // A profile including the rules with `extra` TOML appended.
  std::string WriteProfile(const std::string& extra) {
    return dir_.Write("profile.toml",
                      "name = \"sa\"\n"
                      "include = [\"spamassassin:sa\"]\n"
                      "[thresholds]\njunk = 5.0\nreject = 15.0\n" +
                          extra);
  }

  Result<Judge> Load(const std::string& extra) {
    scan::CompileOptions compile;
    compile.use_cache = false;
    return Judge::Load({WriteProfile(extra)}, {}, compile);
  }

  // The names of the profile's rules that fired on `raw`, and its score.
  static std::set<std::string> Fired(const Judge& judge, std::string raw,
                                     double* score = nullptr) {
    const testing::ParsedMessage parsed = testing::ParseOwned(std::move(raw));
    auto scratch = judge.scanner().MakeScratch();
    scan::ScanCounters counters;
    const std::vector<ProfileVerdict> verdicts =
        judge.JudgeMessage(parsed.message, *scratch, &counters);
    const Profile& profile = judge.profiles().profiles.at(0);
    std::set<std::string> names;
    for (size_t fired : verdicts.at(0).fired)
      names.insert(
          judge.profiles().catalog.rules[profile.rules[fired].rule].id);
    if (score != nullptr) *score = verdicts.at(0).verdict.score;
    return names;
  }

  static const ProfileRule* Find(const Judge& judge, std::string_view id) {
    for (const ProfileRule& rule : judge.profiles().profiles.at(0).rules) {
      if (judge.profiles().catalog.rules[rule.rule].id == id) return &rule;
    }
    return nullptr;
  }

  testing::TempDir dir_;
};

TEST_F(SpamAssassinImportTest, ImportsEveryConstructAndListsWhatItCannotRun) {
  Result<Judge> judge = Load("");
  ASSERT_TRUE(judge) << judge.error().ToString();
  const ProfileSet& set = judge->profiles();
  ASSERT_EQ(set.spamassassin.size(), 1u);
  const SpamAssassinImport& import = set.spamassassin[0];
  EXPECT_EQ(import.profile, "sa");
  EXPECT_EQ(import.score_set, 0);
  EXPECT_EQ(import.disabled, 1u);  // ZERO_RULE
  // Sub-rules are imported (metas read them) but not scored.
  EXPECT_EQ(Find(*judge, "__SUB"), nullptr);
  EXPECT_EQ(import.rules.size(), 19u);
  EXPECT_EQ(import.scored, 17u);
  EXPECT_EQ(Find(*judge, "ZERO_RULE"), nullptr);
  EXPECT_EQ(Find(*judge, "IN_MISSING_PLUGIN"), nullptr);
  // The eval rule and the meta reading it, each with why.
  ASSERT_EQ(import.unsupported.size(), 2u);
  std::string unsupported = import.unsupported[0] + import.unsupported[1];
  EXPECT_NE(unsupported.find("EVAL_RULE"), std::string::npos);
  EXPECT_NE(unsupported.find("check_something"), std::string::npos);
  EXPECT_NE(unsupported.find("META_EVAL"), std::string::npos);
  const Rule& body = set.catalog.rules[Find(*judge, "BODY_FREE")->rule];
  EXPECT_EQ(body.description, "Talks about free money");
  EXPECT_EQ(body.target.ToString(), "sa-body");
  // Escapes and classes are left as written: only anchors change.
  EXPECT_EQ(set.catalog.rules[Find(*judge, "LITERAL_Z")->rule].pattern,
            "[\\z]z\\\\z");
  EXPECT_EQ(set.catalog.rules[Find(*judge, "LINE_END_Z")->rule].pattern,
            "lunch\\s*$");
  // Matched line by line, as SpamAssassin matches body lines.
  EXPECT_NE(body.flags.find('m'), std::string::npos);
}

TEST_F(SpamAssassinImportTest, ScoreSetPicksTheColumn) {
  for (const auto& [extra, expected] :
       std::vector<std::pair<std::string, double>>{
           {"", 1.0},
           {"[spamassassin]\nscore_set = 1\n", 2.0},
           {"[spamassassin]\nscore_set = 3\n", 4.0}}) {
    Result<Judge> judge = Load(extra);
    ASSERT_TRUE(judge) << judge.error().ToString();
    EXPECT_EQ(Find(*judge, "BODY_FREE")->score, expected) << extra;
    // No score line: SpamAssassin's default of 1.
    EXPECT_EQ(Find(*judge, "URI_IP")->score, 1.0);
  }
}

TEST_F(SpamAssassinImportTest, BadScoreSetFailsAtLoadWithTheLine) {
  Result<Judge> judge = Load("[spamassassin]\nscore_set = 4\n");
  ASSERT_FALSE(judge);
  EXPECT_NE(judge.error().ToString().find("profile.toml:7"), std::string::npos)
      << judge.error().ToString();
  EXPECT_NE(judge.error().message.find("score_set"), std::string::npos);
}

TEST_F(SpamAssassinImportTest, MissingConfigurationFailsNamingTheInclude) {
  const std::string path =
      dir_.Write("missing.toml",
                 "name = \"x\"\ninclude = [\"spamassassin:nowhere\"]\n"
                 "[thresholds]\njunk = 5.0\nreject = 15.0\n");
  Result<Judge> judge = Judge::Load({path}, {}, {});
  ASSERT_FALSE(judge);
  EXPECT_NE(judge.error().ToString().find("missing.toml:2"), std::string::npos)
      << judge.error().ToString();
  EXPECT_NE(judge.error().message.find("nowhere"), std::string::npos);
}

TEST_F(SpamAssassinImportTest, RulesFireOnSpamAssassinsViewOfTheMessage) {
  Result<Judge> judge = Load("");
  ASSERT_TRUE(judge) << judge.error().ToString();
  double score = 0;
  EXPECT_EQ(
      Fired(*judge, kSpamMessage, &score),
      (std::set<std::string>{"BODY_FREE", "SUBJ_LINE", "RAW_BLINK",
                             "FROM_EXAMPLE", "NOT_MUTT", "HAS_MARKER", "URI_IP",
                             "FULL_MARKER", "META_TWO", "META_OF_META"}));
  EXPECT_DOUBLE_EQ(score, 10.0);
  // No subject: the if-unset text; X-Mailer present and matching: !~ quiet.
  EXPECT_EQ(Fired(*judge, kHamMessage),
            (std::set<std::string>{"SUBJ_UNSET", "META_UNDEFINED"}));
}

TEST_F(SpamAssassinImportTest, MetasCountMatchesOfMultipleRulesUpToMaxhits) {
  Result<Judge> judge = Load("");
  ASSERT_TRUE(judge) << judge.error().ToString();
  const std::string head = "From: a@example.net\r\nSubject: hi\r\n\r\n";
  EXPECT_FALSE(Fired(*judge, head + "free\r\n").count("FREE_TWICE"));
  const std::set<std::string> twice =
      Fired(*judge, head + "free lunch, free beer\r\n");
  EXPECT_TRUE(twice.count("FREE_TWICE"));
  // \z ends SpamAssassin's line, not the whole text.
  EXPECT_TRUE(
      Fired(*judge, head + "free lunch\r\n\r\nlater\r\n").count("LINE_END_Z"));
  EXPECT_FALSE(Fired(*judge, head + "lunch later\r\n").count("LINE_END_Z"));
  // maxhits=3: the count stops at 3, so "> 3" never holds.
  EXPECT_FALSE(Fired(*judge, head + "free free free free free\r\n")
                   .count("FREE_4_TIMES"));
}

TEST_F(SpamAssassinImportTest, NosubjectRuleSeesOnlyTheBody) {
  Result<Judge> judge = Load("");
  ASSERT_TRUE(judge) << judge.error().ToString();
  const std::set<std::string> fired =
      Fired(*judge,
            "From: a@example.net\r\nSubject: Hello there\r\n\r\n"
            "Hello there, friend\r\n");
  EXPECT_TRUE(fired.count("NOSUBJ_HELLO"));
  EXPECT_TRUE(fired.count("SUBJ_LINE"));  // the subject is the first line
  EXPECT_FALSE(Fired(*judge,
                     "From: a@example.net\r\nSubject: Hello there\r\n\r\n"
                     "Goodbye\r\n")
                   .count("NOSUBJ_HELLO"));
}

// MetaProgram gives sa::EvaluateMeta's values over a hit set.
TEST(MetaProgramTest, EvaluatesLikePerlOverRuleHits) {
  const std::map<std::string, uint32_t> ids = {{"A", 0}, {"B", 1}, {"C", 2}};
  scan::HitSet hits(3);
  hits.Set(0);  // A hit, B and C did not
  auto value = [&](std::string_view expression) {
    Result<std::unique_ptr<sa::MetaNode>> tree =
        sa::ParseMetaExpression(expression);
    EXPECT_TRUE(tree) << expression;
    if (!tree) return -999.0;
    const MetaProgram program = MetaProgram::Compile(
        **tree, [&](std::string_view name) -> std::optional<uint32_t> {
          auto found = ids.find(std::string(name));
          if (found == ids.end()) return std::nullopt;
          return found->second;
        });
    const double via_tree =
        sa::EvaluateMeta(**tree, [&](const std::string& name) {
          auto found = ids.find(name);
          return found != ids.end() && hits.test(found->second) ? 1.0 : 0.0;
        });
    EXPECT_EQ(program.Value(hits), via_tree) << expression;
    return program.Value(hits);
  };
  EXPECT_EQ(value("A && B"), 0);
  EXPECT_EQ(value("A || B"), 1);
  EXPECT_EQ(value("A && !B"), 1);
  EXPECT_EQ(value("(A + B + C) > 1"), 0);
  EXPECT_EQ(value("(A + B + C) >= 1"), 1);
  EXPECT_EQ(value("A * 3 - 1"), 2);
  EXPECT_EQ(value("UNDEFINED || C"), 0);
  EXPECT_EQ(value("!UNDEFINED"), 1);
  EXPECT_EQ(value("A / B"), 0);  // division by zero reads 0
  EXPECT_EQ(value("-A + 2"), 1);
  EXPECT_EQ(value("A + B * 2 == 1 && !(B || C)"), 1);
  // Perl's && and || give the deciding operand's value, not 1.
  EXPECT_EQ(value("(B || 5) + 1"), 6);
}

}  // namespace
}  // namespace inboxsim::profile
