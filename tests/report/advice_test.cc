#include "sim/report/advice.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/scan/scan_test_util.h"
#include "tests/test_util.h"

namespace inboxsim::report {
namespace {

using testing::TempDir;

constexpr char kProfile[] = R"(name = "sender-hygiene"
[thresholds]
junk = 2
reject = 10
[reputation]
no_unsubscribe = 2.0
no_postal_address = 1.0
[[rules]]
id = "FREE_MONEY"
target = "body"
pattern = 'free\s+money'
flags = "i"
score = 2.5
description = "Offers free money"
)";

// Bulk-looking (Precedence: bulk) mail with `footer` at its end.
std::string Newsletter(const std::string& body, const std::string& footer) {
  return "From: news@shop.example\nPrecedence: bulk\nSubject: News\n\n" + body +
         "\n\n" + footer + "\n";
}

struct Checked {
  std::vector<Advice> advice;
  const Advice* Find(const std::string& id) const {
    auto it = std::find_if(advice.begin(), advice.end(),
                           [&](const Advice& a) { return a.id == id; });
    return it == advice.end() ? nullptr : &*it;
  }
};

Checked Check(const profile::Judge& judge, std::string raw) {
  const testing::ParsedMessage parsed = testing::ParseOwned(std::move(raw));
  auto scratch = judge.scanner().MakeScratch();
  scan::ScanCounters counters;
  return {AdviseOn(judge.profiles(),
                   judge.JudgeMessage(parsed.message, *scratch, &counters),
                   parsed.message)};
}

profile::Judge LoadJudge(const TempDir& dir) {
  dir.Write("p/hygiene.toml", kProfile);
  Result<profile::Judge> judge =
      profile::Judge::Load({(dir.path() / "p").string()}, {}, scan::Uncached());
  EXPECT_TRUE(judge.ok()) << judge.error().ToString();
  return std::move(*judge);
}

TEST(Advice, UnsubscribeAdviceAppearsWithItsCauseAndGoesWhenFixed) {
  TempDir dir;
  const profile::Judge judge = LoadJudge(dir);
  const Checked without =
      Check(judge, Newsletter("Our spring collection is here.",
                              "Shop Inc, 12 High St, London"));
  const Advice* unsubscribe = without.Find("add_unsubscribe");
  ASSERT_NE(unsubscribe, nullptr);
  EXPECT_EQ(unsubscribe->because,
            std::vector<std::string>{"REP_NO_UNSUBSCRIBE"});
  EXPECT_NE(unsubscribe->text.find("List-Unsubscribe"), std::string::npos);
  EXPECT_EQ(without.Find("add_postal_address"), nullptr);  // it has one

  const Checked with =
      Check(judge, Newsletter("Our spring collection is here.",
                              "Shop Inc, 12 High St, London. Unsubscribe: "
                              "https://shop.example/unsubscribe"));
  EXPECT_EQ(with.Find("add_unsubscribe"), nullptr);
  EXPECT_TRUE(with.advice.empty());
}

TEST(Advice, TriggerPhraseAdviceNamesTheRuleAndComesFirstWhenItDecided) {
  TempDir dir;
  const profile::Judge judge = LoadJudge(dir);
  const Checked checked = Check(
      judge,
      Newsletter("Get FREE money now!", "Unsubscribe: https://shop.example/u"));
  ASSERT_FALSE(checked.advice.empty());
  // The trigger phrase and the missing address both fired; the phrase
  // (2.5 of a junk threshold of 2) is what moved the verdict.
  EXPECT_EQ(checked.advice.front().id, "remove_trigger_phrases");
  EXPECT_EQ(checked.advice.front().because,
            std::vector<std::string>{"FREE_MONEY"});
  EXPECT_NE(checked.advice.front().text.find("Offers free money"),
            std::string::npos);
  ASSERT_NE(checked.Find("add_postal_address"), nullptr);
}

}  // namespace
}  // namespace inboxsim::report
