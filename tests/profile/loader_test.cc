#include "sim/profile/loader.h"

#include <gtest/gtest.h>

#include <map>

#include "sim/profile/reputation_table.h"
#include "tests/test_util.h"

namespace inboxsim::profile {
namespace {

using testing::TempDir;

constexpr char kMoneySet[] = R"(name = "money"
[[rules]]
id = "FREE_MONEY"
target = "body"
pattern = 'free\s+money'
flags = "i"
score = 2.5
description = "Offers free money"

[[rules]]
id = "WINNER_SUBJECT"
target = "header:Subject"
pattern = 'winner'
flags = "i"
)";

std::string ProfileText(const std::string& name,
                        const std::string& extra = "") {
  return "name = \"" + name +
         "\"\ndescription = \"d\"\ninclude = [\"rulesets/money.toml\"]\n" +
         extra + "[thresholds]\njunk = 2.0\nreject = 5\n";
}

TEST(LoadProfiles, ReadsProfilesRuleSetsAndDefaults) {
  TempDir dir;
  dir.Write("rulesets/money.toml", kMoneySet);
  dir.Write(
      "a.toml",
      ProfileText("a") +
          "[[rules]]\nid = \"OWN\"\ntarget = \"uri\"\npattern = 'bit\\.ly'\n");
  Result<ProfileSet> set = LoadProfiles({dir.path().string()}, {});
  ASSERT_TRUE(set.ok()) << set.error().ToString();
  ASSERT_EQ(set->profiles.size(), 1u);
  const Profile& profile = set->profiles[0];
  EXPECT_EQ(profile.name, "a");
  EXPECT_EQ(profile.junk_threshold, 2.0);
  EXPECT_EQ(profile.reject_threshold, 5.0);
  ASSERT_EQ(profile.rules.size(), 3u);
  const Rule& money = set->catalog.rules[profile.rules[0].rule];
  EXPECT_EQ(money.id, "FREE_MONEY");
  EXPECT_EQ(money.target.ToString(), "body");
  EXPECT_EQ(money.flags, "i");
  EXPECT_EQ(profile.rules[0].score, 2.5);
  EXPECT_EQ(profile.rules[1].score, 1.0);  // default score
  EXPECT_EQ(set->catalog.rules[profile.rules[1].rule].target.ToString(),
            "header:subject");
  EXPECT_NE(money.where.find("rulesets/money.toml:2"), std::string::npos)
      << money.where;
}

TEST(LoadProfiles, SharedRuleSetsShareCatalogRules) {
  TempDir dir;
  dir.Write("rulesets/money.toml", kMoneySet);
  dir.Write("a.toml", ProfileText("a"));
  dir.Write("b.toml", ProfileText("b", "[scores]\nFREE_MONEY = 4.0\n"));
  Result<ProfileSet> set = LoadProfiles({dir.path().string()}, {});
  ASSERT_TRUE(set.ok()) << set.error().ToString();
  EXPECT_EQ(set->catalog.rules.size(), 2u);
  ASSERT_EQ(set->profiles.size(), 2u);
  EXPECT_EQ(set->profiles[0].rules[0].rule, set->profiles[1].rules[0].rule);
  EXPECT_EQ(set->profiles[0].rules[0].score, 2.5);
  EXPECT_EQ(set->profiles[1].rules[0].score, 4.0);  // [scores] override
}

TEST(LoadProfiles, DisableRemovesIncludedRules) {
  TempDir dir;
  dir.Write("rulesets/money.toml", kMoneySet);
  dir.Write("a.toml", ProfileText("a", "disable = [\"WINNER_SUBJECT\"]\n"));
  Result<ProfileSet> set = LoadProfiles({dir.path().string()}, {});
  ASSERT_TRUE(set.ok()) << set.error().ToString();
  ASSERT_EQ(set->profiles[0].rules.size(), 1u);
  EXPECT_EQ(set->catalog.rules[set->profiles[0].rules[0].rule].id,
            "FREE_MONEY");
}

struct BadProfileCase {
  const char* name;
  std::string profile;  // a.toml
  std::string where;    // expected suffix of error.where
  std::string message;  // expected part of error.message
};

class BadProfileTest : public ::testing::TestWithParam<BadProfileCase> {};

TEST_P(BadProfileTest, FailsWithFileLineRuleAndReason) {
  TempDir dir;
  dir.Write("rulesets/money.toml", kMoneySet);
  const std::string path = dir.Write("a.toml", GetParam().profile);
  Result<ProfileSet> set = LoadProfiles({path}, {});
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().code, ErrorCode::kBadInput);
  const std::string& where = set.error().where;
  EXPECT_TRUE(where.size() >= GetParam().where.size() &&
              where.compare(where.size() - GetParam().where.size(),
                            std::string::npos, GetParam().where) == 0)
      << "where: " << where;
  EXPECT_NE(set.error().message.find(GetParam().message), std::string::npos)
      << "message: " << set.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadProfileTest,
    ::testing::Values(
        BadProfileCase{"InvalidToml", "name = \"a\"\n[thresholds\n", "a.toml:2",
                       "invalid TOML"},
        BadProfileCase{"MissingName", "[thresholds]\njunk = 1\nreject = 2\n",
                       "a.toml", "non-empty 'name'"},
        BadProfileCase{"MissingThresholds", "name = \"a\"\n", "a.toml",
                       "[thresholds]"},
        BadProfileCase{"RejectBelowJunk",
                       "name = \"a\"\n[thresholds]\njunk = 5\nreject = 2\n",
                       "a.toml:4", "below the junk threshold"},
        BadProfileCase{
            "UnknownKey",
            "name = \"a\"\ntreshold = 3\n[thresholds]\njunk = 1\nreject = 2\n",
            "a.toml:2", "unknown key 'treshold'"},
        BadProfileCase{"BadPattern",
                       "name = \"a\"\n[thresholds]\njunk = 1\nreject = "
                       "2\n[[rules]]\nid = \"BROKEN\"\n"
                       "target = \"body\"\npattern = 'free(money'\n",
                       "a.toml:5 rule BROKEN", "pattern cannot be compiled"},
        BadProfileCase{"BadTarget",
                       "name = \"a\"\n[thresholds]\njunk = 1\nreject = "
                       "2\n[[rules]]\nid = \"T\"\n"
                       "target = \"bodies\"\npattern = 'x'\n",
                       "a.toml:5 rule T", "unknown target 'bodies'"},
        BadProfileCase{"BadFlags",
                       "name = \"a\"\n[thresholds]\njunk = 1\nreject = "
                       "2\n[[rules]]\nid = \"F\"\n"
                       "target = \"body\"\npattern = 'x'\nflags = \"iq\"\n",
                       "a.toml:5 rule F", "flags 'iq'"},
        BadProfileCase{
            "MissingInclude",
            "name = \"a\"\ninclude = "
            "[\"rulesets/nope.toml\"]\n[thresholds]\njunk = 1\nreject = 2\n",
            "a.toml:2", "does not exist"},
        BadProfileCase{"ScoreForUnknownRule",
                       "name = \"a\"\ninclude = "
                       "[\"rulesets/money.toml\"]\n[thresholds]\njunk = 1\n"
                       "reject = 2\n[scores]\nNOPE = 3\n",
                       "a.toml:7", "no rule 'NOPE'"},
        BadProfileCase{"DuplicateIdDifferentRule",
                       "name = \"a\"\ninclude = "
                       "[\"rulesets/money.toml\"]\n[thresholds]\njunk = 1\n"
                       "reject = 2\n[[rules]]\nid = \"FREE_MONEY\"\ntarget = "
                       "\"body\"\npattern = 'other'\n",
                       "a.toml:6 rule FREE_MONEY",
                       "already used by a different rule"}),
    [](const ::testing::TestParamInfo<BadProfileCase>& param_info) {
      return param_info.param.name;
    });

TEST(LoadProfiles, DuplicateProfileNamesNameBothFiles) {
  TempDir dir;
  dir.Write("rulesets/money.toml", kMoneySet);
  const std::string first = dir.Write("a.toml", ProfileText("same"));
  dir.Write("b.toml", ProfileText("same"));
  Result<ProfileSet> set = LoadProfiles({dir.path().string()}, {});
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.error().message.find(first), std::string::npos);
}

TEST(LoadProfiles, IncludeCycleIsAnError) {
  TempDir dir;
  dir.Write("rulesets/loop.toml", "include = [\"loop.toml\"]\n");
  const std::string path = dir.Write(
      "a.toml",
      "name = \"a\"\ninclude = [\"rulesets/loop.toml\"]\n[thresholds]\njunk = "
      "1\nreject = 2\n");
  Result<ProfileSet> set = LoadProfiles({path}, {});
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.error().message.find("nest deeper"), std::string::npos);
}

TEST(LoadProfiles, MissingPathOrEmptyFolderIsAnError) {
  TempDir dir;
  EXPECT_FALSE(LoadProfiles({(dir.path() / "none").string()}, {}).ok());
  EXPECT_FALSE(LoadProfiles({dir.path().string()}, {}).ok());
}

TEST(LoadProfiles, ShippedProfilesLoad) {
  Result<ProfileSet> set =
      LoadProfiles({std::string(INBOXSIM_SOURCE_DIR) + "/profiles"}, {});
  ASSERT_TRUE(set.ok()) << set.error().ToString();
  EXPECT_GE(set->profiles.size(), 5u);
  EXPECT_GE(set->catalog.rules.size(), 100u);
}

TEST(LoadProfiles, ContentBansTakeEveryActionForm) {
  TempDir dir;
  const std::string path =
      dir.Write("c.toml",
                "name = \"c\"\n[thresholds]\njunk = 5\nreject = "
                "10\n[content]\nimages = 1.5\n"
                "multimedia = \"score 2.5\"\nactive_script = "
                "\"reject\"\nhidden_text = \"junk\"\n");
  Result<ProfileSet> set = LoadProfiles({path}, {});
  ASSERT_TRUE(set.ok()) << set.error().ToString();
  const Profile& profile = set->profiles[0];
  ASSERT_EQ(profile.rules.size(), 4u);
  std::map<std::string, ProfileRule> by_id;
  for (const ProfileRule& rule : profile.rules)
    by_id[set->catalog.rules[rule.rule].id] = rule;
  EXPECT_EQ(by_id["CONTENT_IMAGES"].score, 1.5);
  EXPECT_EQ(by_id["CONTENT_IMAGES"].forced, Action::kInbox);
  EXPECT_EQ(by_id["CONTENT_MULTIMEDIA"].score, 2.5);
  EXPECT_EQ(by_id["CONTENT_ACTIVE_SCRIPT"].forced, Action::kReject);
  EXPECT_EQ(by_id["CONTENT_HIDDEN_TEXT"].forced, Action::kJunk);
  EXPECT_EQ(set->catalog.rules[by_id["CONTENT_HIDDEN_TEXT"].rule].family,
            Family::kContent);
}

TEST(LoadProfiles, ContentAllowAddsNothingAndBadValuesFail) {
  TempDir dir;
  const std::string allow =
      dir.Write("a.toml",
                "name = \"a\"\n[thresholds]\njunk = 5\nreject = "
                "10\n[content]\nimages = \"allow\"\n");
  Result<ProfileSet> set = LoadProfiles({allow}, {});
  ASSERT_TRUE(set.ok()) << set.error().ToString();
  EXPECT_TRUE(set->profiles[0].rules.empty());
  const std::string bad =
      dir.Write("b.toml",
                "name = \"b\"\n[thresholds]\njunk = 5\nreject = "
                "10\n[content]\nimages = \"block\"\n");
  set = LoadProfiles({bad}, {});
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.error().where.find("b.toml:6"), std::string::npos)
      << set.error().where;
  EXPECT_NE(set.error().message.find("'block'"), std::string::npos);
  const std::string unknown =
      dir.Write("u.toml",
                "name = \"u\"\n[thresholds]\njunk = 5\nreject = "
                "10\n[content]\nflash = \"junk\"\n");
  set = LoadProfiles({unknown}, {});
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.error().message.find("unknown ban 'flash'"), std::string::npos);
}

TEST(LoadProfiles, ReputationSignalsAndTableClassesBecomeRules) {
  TempDir dir;
  dir.Write("rep/senders.txt", "spam.example bad\npartner.example good\n");
  const std::string path = dir.Write(
      "r.toml",
      "name = \"r\"\n[thresholds]\njunk = 5\nreject = 10\n[reputation]\n"
      "url_shortener = 1.5\nsubject_caps = \"allow\"\n"
      "table_file = \"rep/senders.txt\"\nsender_bad = \"reject\"\n"
      "sender_good = -2\n");
  Result<ProfileSet> set = LoadProfiles({path}, {});
  ASSERT_TRUE(set.ok()) << set.error().ToString();
  std::map<std::string, ProfileRule> by_id;
  for (const ProfileRule& rule : set->profiles[0].rules)
    by_id[set->catalog.rules[rule.rule].id] = rule;
  ASSERT_EQ(by_id.size(), 3u);
  EXPECT_EQ(by_id["REP_URL_SHORTENER"].score, 1.5);
  EXPECT_EQ(by_id["REP_SENDER_BAD"].forced, Action::kReject);
  EXPECT_EQ(by_id["REP_SENDER_GOOD"].score, -2);
  const Rule& bad = set->catalog.rules[by_id["REP_SENDER_BAD"].rule];
  EXPECT_EQ(bad.family, Family::kReputation);
  EXPECT_EQ(bad.check, CheckKind::kReputationTable);
  ASSERT_NE(bad.reputation, nullptr);
  EXPECT_EQ(bad.reputation->size(), 2u);
}

TEST(LoadProfiles, ReputationErrorsNameTheLine) {
  TempDir dir;
  const std::string head =
      "name = \"r\"\n[thresholds]\njunk = 5\nreject = 10\n[reputation]\n";
  Result<ProfileSet> set =
      LoadProfiles({dir.Write("a.toml", head + "sender_bad = 3\n")}, {});
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.error().where.find("a.toml:6"), std::string::npos);
  EXPECT_NE(set.error().message.find("needs a table_file"), std::string::npos);
  set = LoadProfiles({dir.Write("b.toml", head + "shouting = 3\n")}, {});
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.error().message.find("unknown key 'shouting'"),
            std::string::npos);
  set = LoadProfiles(
      {dir.Write("c.toml", head + "table_file = \"missing.txt\"\n")}, {});
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.error().where.find("missing.txt"), std::string::npos);
}

}  // namespace
}  // namespace inboxsim::profile
