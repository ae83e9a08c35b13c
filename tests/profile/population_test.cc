#include "sim/profile/population.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "sim/engine/run.h"
#include "sim/profile/judge.h"
#include "sim/profile/loader.h"
#include "sim/report/population_report.h"
#include "tests/scan/scan_test_util.h"
#include "tests/test_util.h"

namespace inboxsim::profile {
namespace {

using testing::TempDir;

std::string Shipped() { return std::string(INBOXSIM_SOURCE_DIR) + "/profiles"; }

TEST(Population, ShippedSurveyReproducesTheSurveyMarginals) {
  Result<ProfileSet> profiles = LoadProfiles({Shipped()}, {});
  ASSERT_TRUE(profiles.ok()) << profiles.error().ToString();
  Result<Population> population =
      LoadPopulation(Shipped() + "/populations/survey.toml", *profiles);
  ASSERT_TRUE(population.ok()) << population.error().ToString();
  // DESIGN.md: 80 / 64 / 75 / 51%, 3% no filter, to 0.1%.
  const std::array<double, kPracticeCount> survey = {0.80, 0.64, 0.75, 0.51};
  for (Practice practice : kPractices) {
    EXPECT_NEAR(population->practice_shares[static_cast<int>(practice)],
                survey[static_cast<int>(practice)], 0.001)
        << PracticeName(practice);
  }
  EXPECT_NEAR(population->no_filter_share, 0.03, 0.001);
  uint64_t total = 0;
  for (const PopulationMember& member : population->members)
    total += member.weight;
  EXPECT_EQ(total, kPopulationWhole);
  EXPECT_EQ(population->members.size(), 17u);  // no filter + 16 combinations
  EXPECT_NE(population->assumption.find("independently"), std::string::npos);
}

// Three tiny profiles: words (trigger), a content ban, an allow list.
constexpr char kWords[] =
    "name = \"words\"\n[thresholds]\njunk = 1\nreject = 5\n[[rules]]\n"
    "id = \"PRIZE\"\ntarget = \"body\"\npattern = 'prize'\nscore = 2\n";
constexpr char kImages[] =
    "name = \"images\"\n[thresholds]\njunk = 5\nreject = 10\n[content]\n"
    "images = \"reject\"\n";
constexpr char kAllow[] =
    "name = \"allow\"\n[thresholds]\njunk = 5\nreject = 10\n[lists]\n"
    "allow_senders = [\"friend.example\"]\n";

struct Fixture {
  TempDir dir;
  ProfileSet profiles;
  Fixture() {
    dir.Write("p/words.toml", kWords);
    dir.Write("p/images.toml", kImages);
    dir.Write("p/allow.toml", kAllow);
    Result<ProfileSet> loaded = LoadProfiles({(dir.path() / "p").string()}, {});
    EXPECT_TRUE(loaded.ok()) << loaded.error().ToString();
    if (loaded.ok()) profiles = std::move(*loaded);
  }
  uint32_t Index(const std::string& name) const {
    for (uint32_t i = 0; i < profiles.profiles.size(); ++i)
      if (profiles.profiles[i].name == name) return i;
    ADD_FAILURE() << name;
    return 0;
  }
  Result<Population> Load(const std::string& text) {
    return LoadPopulation(dir.Write("pop.toml", text), profiles);
  }
};

TEST(Population, StacksTakeTheStrictestActionAndAllowListsWin) {
  Fixture f;
  Result<Population> population = f.Load(
      "name = \"mix\"\n"
      "[[members]]\nstack = []\nweight = 0.1\n"
      "[[members]]\nstack = [\"words\"]\nweight = 0.2\n"
      "[[members]]\nstack = [\"words\", \"images\"]\nweight = 0.3\n"
      "[[members]]\nstack = [\"images\", \"allow\"]\nweight = 0.4\n");
  ASSERT_TRUE(population.ok()) << population.error().ToString();
  EXPECT_NEAR(population->practice_shares[static_cast<int>(Practice::kTrigger)],
              0.5, 1e-9);
  EXPECT_NEAR(population->practice_shares[static_cast<int>(Practice::kContent)],
              0.7, 1e-9);
  EXPECT_NEAR(population->practice_shares[static_cast<int>(Practice::kLists)],
              0.4, 1e-9);
  EXPECT_NEAR(population->no_filter_share, 0.1, 1e-9);
  EXPECT_EQ(population->members[2].label, "words + images");

  PopulationScorer scorer(*population, f.profiles);
  std::vector<Verdict> verdicts(f.profiles.profiles.size());
  verdicts[f.Index("words")].action = Action::kJunk;
  verdicts[f.Index("images")].action = Action::kReject;
  std::array<uint64_t, kActionCount> placed = scorer.Place(verdicts);
  // words alone junks (0.2); words + images rejects (0.3); images + allow
  // rejects too while the allow list is silent (0.4).
  EXPECT_EQ(placed[0], 100'000'000u);
  EXPECT_EQ(placed[1], 200'000'000u);
  EXPECT_EQ(placed[2], 700'000'000u);
  verdicts[f.Index("allow")].allowed = true;
  placed = scorer.Place(verdicts);
  EXPECT_EQ(placed[0], 500'000'000u);  // the allow list's receivers inbox it
  EXPECT_EQ(placed[2], 300'000'000u);
}

TEST(Population, ReasonsAreCreditedOncePerReceiverThatActed) {
  Fixture f;
  Result<Population> population = f.Load(
      "name = \"mix\"\n"
      "[[members]]\nstack = [\"words\"]\nweight = 0.25\n"
      "[[members]]\nstack = [\"words\", \"images\"]\nweight = 0.75\n");
  ASSERT_TRUE(population.ok()) << population.error().ToString();
  PopulationScorer scorer(*population, f.profiles);
  std::vector<Verdict> verdicts(f.profiles.profiles.size());
  verdicts[f.Index("words")].action = Action::kJunk;
  verdicts[f.Index("images")].action = Action::kReject;
  scan::HitSet hits(f.profiles.catalog.rules.size());
  for (uint32_t rule = 0; rule < hits.size(); ++rule) hits.Set(rule);
  std::map<std::pair<std::string, Action>, uint64_t> credited;
  scorer.Attribute(
      verdicts, hits, [&](uint32_t rule, Action action, uint64_t weight) {
        credited[{f.profiles.catalog.rules[rule].id, action}] += weight;
      });
  // PRIZE junked for the words-only receivers; where images rejected, the
  // reject is the image ban's doing, not the words'.
  EXPECT_EQ((credited[{"PRIZE", Action::kJunk}]), 250'000'000u);
  EXPECT_EQ((credited[{"PRIZE", Action::kReject}]), 0u);
  EXPECT_EQ((credited[{"CONTENT_IMAGES", Action::kReject}]), 750'000'000u);
}

TEST(Population, WithoutOtherTheNoneOfFourReceiversAreNotNoFilter) {
  Fixture f;
  f.dir.Write("p/spf.toml",
              "name = \"spf\"\n[thresholds]\njunk = 5\nreject = 10\n[auth]\n"
              "spf_fail = 3\n");
  Result<ProfileSet> loaded = LoadProfiles({(f.dir.path() / "p").string()}, {});
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  f.profiles = std::move(*loaded);
  Result<Population> population = f.Load(
      "name = \"x\"\n[practices]\nno_filter = 0.1\ntrigger = 0.45\n"
      "content = 0.45\nlists = 0.45\nauth = 0.45\n[components]\n"
      "trigger = \"words\"\ncontent = \"images\"\nlists = \"allow\"\n"
      "auth = \"spf\"\n");
  ASSERT_TRUE(population.ok()) << population.error().ToString();
  // Half of the 90% that filter run none of the four: (1/2)^4 of them,
  // inboxing everything, yet they are not the 10% without a filter.
  EXPECT_NEAR(population->no_filter_share, 0.1, 1e-9);
  for (Practice practice : kPractices) {
    EXPECT_NEAR(population->practice_shares[static_cast<int>(practice)], 0.45,
                1e-9);
  }
}

TEST(Population, RulesThatPulledTowardsTheInboxAreNoReasons) {
  Fixture f;
  f.dir.Write("p/mixed.toml",
              "name = \"mixed\"\n[thresholds]\njunk = 1\nreject = 5\n"
              "[[rules]]\nid = \"PRIZE\"\ntarget = \"body\"\n"
              "pattern = 'prize'\nscore = 2\n[[rules]]\nid = \"TRUSTED\"\n"
              "target = \"body\"\npattern = 'invoice'\nscore = -0.5\n");
  Result<ProfileSet> loaded = LoadProfiles({(f.dir.path() / "p").string()}, {});
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  f.profiles = std::move(*loaded);
  Result<Population> population =
      f.Load("name = \"one\"\n[[members]]\nstack = [\"mixed\"]\nweight = 1\n");
  ASSERT_TRUE(population.ok()) << population.error().ToString();
  PopulationScorer scorer(*population, f.profiles);
  std::vector<Verdict> verdicts(f.profiles.profiles.size());
  verdicts[f.Index("mixed")].action = Action::kJunk;
  scan::HitSet hits(f.profiles.catalog.rules.size());
  for (uint32_t rule = 0; rule < hits.size(); ++rule) hits.Set(rule);
  std::set<std::string> credited;
  scorer.Attribute(verdicts, hits, [&](uint32_t rule, Action, uint64_t) {
    credited.insert(f.profiles.catalog.rules[rule].id);
  });
  EXPECT_TRUE(credited.count("PRIZE"));
  EXPECT_FALSE(credited.count("TRUSTED"));
}

TEST(Population, BadFilesFailWithFileLineAndReason) {
  Fixture f;
  struct Case {
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"name = \"x\"\n[[members]]\nstack = [\"words\"]\nweight = 0.5\n",
       "sum to 0.5"},
      {"name = \"x\"\n[[members]]\nstack = [\"nobody\"]\nweight = 1\n",
       "no loaded profile is named 'nobody'"},
      {"name = \"x\"\n[[members]]\nstack = [\"words\"]\nweight = 1\n"
       "[practices]\nno_filter = 0.1\n",
       "not both"},
      {"name = \"x\"\nsizes = 3\n", "unknown key 'sizes'"},
      {"name = \"x\"\n[[members]]\nstack = [\"words\"]\nweight = nan\n",
       "needs a 'weight' between 0 and 1"},
      {"name = \"x\"\n[practices]\nno_filter = 0.03\ntrigger = 0.8\n"
       "content = 0.6\nlists = 0.7\nauth = 0.5\n[components]\n"
       "trigger = \"images\"\ncontent = \"images\"\nlists = \"allow\"\n"
       "auth = \"allow\"\n",
       "'images' does not run the trigger practice"},
      {"name = \"x\"\n[practices]\nno_filter = 0.5\ntrigger = 0.8\n"
       "content = 0.1\nlists = 0.1\nauth = 0.1\n[components]\n"
       "trigger = \"words\"\ncontent = \"images\"\nlists = \"allow\"\n"
       "auth = \"allow\"\n",
       "trigger must be a share between 0 and 0.5"},
  };
  for (const Case& c : cases) {
    Result<Population> population = f.Load(c.text);
    ASSERT_FALSE(population.ok()) << c.text;
    EXPECT_NE(population.error().message.find(c.message), std::string::npos)
        << population.error().ToString();
    EXPECT_NE(population.error().where.find("pop.toml"), std::string::npos);
  }
}

TEST(Population, RunPlacesEveryMessageTheSameAtAnyThreadCount) {
  Fixture f;
  f.dir.Write("corpus/spam/1.eml", "Subject: a\n\nwin a prize\n");
  f.dir.Write("corpus/spam/2.eml",
              "Content-Type: text/html\n\n<img src=x.png> a prize\n");
  f.dir.Write("corpus/ham/3.eml", "From: a@friend.example\n\nhello\n");
  Result<Judge> judge =
      Judge::Load({(f.dir.path() / "p").string()}, {}, scan::Uncached());
  ASSERT_TRUE(judge.ok()) << judge.error().ToString();
  Result<Population> population = LoadPopulation(
      f.dir.Write("pop.toml",
                  "name = \"mix\"\n[[members]]\nstack = []\nweight = 0.5\n"
                  "[[members]]\nstack = [\"words\", \"images\"]\n"
                  "weight = 0.5\n"),
      judge->profiles());
  ASSERT_TRUE(population.ok()) << population.error().ToString();
  PopulationScorer scorer(*population, judge->profiles());
  Result<io::CorpusPlan> plan =
      io::PlanCorpus({(f.dir.path() / "corpus").string()}, {});
  ASSERT_TRUE(plan.ok());
  for (int threads : {1, 2}) {
    engine::RunOptions options;
    options.threads = threads;
    options.judge = &*judge;
    options.population = &scorer;
    const engine::RunResult result = engine::RunCorpus(*plan, options);
    // Message 1: junk for half; message 2: reject for half; ham: inbox.
    EXPECT_EQ(result.tally.population_messages(Label::kSpam), 2u);
    EXPECT_EQ(result.tally.population_parts(Label::kSpam, Action::kJunk),
              500'000'000u);
    EXPECT_EQ(result.tally.population_parts(Label::kSpam, Action::kReject),
              500'000'000u);
    EXPECT_EQ(result.tally.population_parts(Label::kHam, Action::kInbox),
              1'000'000'000u);
    const report::Proportion inbox =
        report::PopulationShare(result.tally, Action::kInbox);
    EXPECT_NEAR(inbox.share, 4.0 / 6.0, 1e-12);
    EXPECT_LT(inbox.low, inbox.share);
    EXPECT_GT(inbox.high, inbox.share);
  }
}

}  // namespace
}  // namespace inboxsim::profile
