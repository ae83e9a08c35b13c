// The command line as users and their scripts see it: exit codes, flags and
// the JSON keys the issues name.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "sim/model/model_file.h"
#include "tests/test_util.h"

namespace inboxsim {
namespace {

using testing::RunInboxsim;
using testing::TempDir;

TEST(Cli, VersionAndHelpSucceed) {
  std::string out;
  EXPECT_EQ(RunInboxsim("--version", &out), 0);
  EXPECT_EQ(out.rfind("inboxsim ", 0), 0u);
  EXPECT_EQ(RunInboxsim("--help", &out), 0);
  EXPECT_NE(out.find("exit codes"), std::string::npos);
  EXPECT_EQ(RunInboxsim("run --help", &out), 0);
  EXPECT_NE(out.find("--threads"), std::string::npos);
  EXPECT_EQ(RunInboxsim("gen --help", &out), 0);
  EXPECT_NE(out.find("--spam-ratio"), std::string::npos);
  for (const char* command :
       {"run", "check", "compare", "train", "gen", "profiles check", "bench"}) {
    ASSERT_EQ(RunInboxsim(std::string(command) + " --help", &out), 0)
        << command;
    EXPECT_NE(out.find("examples:\n  inboxsim " + std::string(command)),
              std::string::npos)
        << command;
  }
}

TEST(Cli, UsageErrorsExitTwo) {
  std::string out;
  EXPECT_EQ(RunInboxsim("frobnicate 2>/dev/null", &out), 2);
  EXPECT_EQ(RunInboxsim("run --no-such-flag x 2>/dev/null", &out), 2);
  EXPECT_EQ(RunInboxsim("run x --format yaml 2>/dev/null", &out), 2);
  EXPECT_EQ(RunInboxsim("run 2>/dev/null", &out), 2);
}

TEST(Cli, MissingInputExitsThreeNamingThePath) {
  std::string out;
  EXPECT_EQ(RunInboxsim("run /no/such/corpus 2>&1", &out), 3);
  EXPECT_NE(out.find("/no/such/corpus"), std::string::npos);
}

TEST(Cli, RunJsonHasTheContractedKeys) {
  TempDir dir;
  dir.Write("ham/1.eml", "Subject: a\n\nhello\n");
  dir.Write("spam/2.eml", "not mail at all");
  std::string out;
  ASSERT_EQ(
      RunInboxsim("run --format json --threads 1 " + dir.path().string(), &out),
      0);
  const nlohmann::json doc = nlohmann::json::parse(out);
  EXPECT_EQ(doc["schema_version"], 1);
  const nlohmann::json& totals = doc["totals"];
  EXPECT_EQ(totals["read"], 2);
  EXPECT_EQ(totals["parsed"], 1);
  EXPECT_EQ(totals["failed"], 1);
  EXPECT_EQ(totals["bytes"], 33);
  EXPECT_EQ(totals["failed_by_reason"]["not_a_message"], 1);
  EXPECT_EQ(totals["by_label"]["ham"]["parsed"], 1);
  EXPECT_EQ(totals["by_label"]["spam"]["failed"], 1);
  EXPECT_TRUE(totals["accounting_ok"].get<bool>());
  EXPECT_TRUE(totals.contains("messages_per_second"));
  EXPECT_TRUE(totals.contains("mb_per_second"));
  ASSERT_EQ(doc["failure_examples"].size(), 1u);
  EXPECT_EQ(doc["failure_examples"][0]["reason"], "not_a_message");
}

TEST(Cli, OutputFileAndStdinInput) {
  TempDir dir;
  const std::string report = (dir.path() / "report.json").string();
  const std::string message = dir.Write("in.eml", "Subject: x\n\nhi\n");
  std::string out;
  ASSERT_EQ(
      RunInboxsim("run - --format json -o " + report + " < " + message, &out),
      0);
  EXPECT_TRUE(out.empty());
  const nlohmann::json doc = nlohmann::json::parse(testing::ReadFile(report));
  EXPECT_EQ(doc["totals"]["parsed"], 1);
  EXPECT_EQ(doc["run"]["inputs"][0], "-");
}

TEST(Cli, UnwritableOutputExitsFour) {
  std::string out;
  EXPECT_EQ(
      RunInboxsim("run - -o /no/such/dir/report.json < /dev/null 2>/dev/null",
                  &out),
      4);
}

TEST(Cli, GenIsDeterministicAndReadable) {
  TempDir dir;
  const std::string a = (dir.path() / "a.mbox").string();
  const std::string b = (dir.path() / "b.mbox").string();
  std::string out;
  ASSERT_EQ(RunInboxsim(
                "gen --count 300 --seed 9 --spam-ratio 0.3 -j 1 -o " + a, &out),
            0);
  ASSERT_EQ(RunInboxsim(
                "gen --count 300 --seed 9 --spam-ratio 0.3 -j 2 -o " + b, &out),
            0);
  EXPECT_EQ(testing::ReadFile(a), testing::ReadFile(b));
  ASSERT_EQ(RunInboxsim("run --format json " + a, &out), 0);
  const nlohmann::json doc = nlohmann::json::parse(out);
  EXPECT_EQ(doc["totals"]["read"], 300);
  EXPECT_EQ(doc["totals"]["parsed"], 300);
  const int spam = doc["totals"]["by_label"]["spam"]["parsed"];
  EXPECT_GT(spam, 60);
  EXPECT_LT(spam, 120);
  EXPECT_EQ(
      RunInboxsim("gen --count 5 --spam-ratio 1.5 -o " + a + " 2>/dev/null",
                  &out),
      2);
}

}  // namespace
}  // namespace inboxsim

namespace inboxsim {
namespace {

constexpr char kCliProfile[] = R"(name = "tiny"
description = "a test profile"
[thresholds]
junk = 1
reject = 3
[[rules]]
id = "FREE_MONEY"
target = "body"
pattern = 'free\s+money'
flags = "i"
score = 1.5
description = "Offers free money"
)";

TEST(CliProfiles, CheckAcceptsGoodAndRejectsBadWithFileLine) {
  TempDir dir;
  const std::string good = dir.Write("good.toml", kCliProfile);
  const std::string bad = dir.Write("bad.toml",
                                    "name = \"bad\"\n[thresholds]\njunk = "
                                    "1\nreject = 2\n[[rules]]\nid = \"B\"\n"
                                    "target = \"body\"\npattern = 'a(b'\n");
  std::string out;
  EXPECT_EQ(RunInboxsim("profiles check --no-cache " + good, &out), 0);
  EXPECT_NE(out.find("ok"), std::string::npos);
  EXPECT_EQ(RunInboxsim("profiles check --no-cache " + bad + " 2>&1", &out), 3);
  EXPECT_NE(out.find("bad.toml:5 rule B"), std::string::npos) << out;
  EXPECT_EQ(RunInboxsim("profiles check --engine perl " + good + " 2>/dev/null",
                        &out),
            2);
}

// A rule only PCRE2 can run (a subroutine call), written to backtrack
// exponentially on a long run of a's: every message hits the match limit
// instead of hanging the run, the limit hit counts as no match, and the
// report names the rule and how many messages it gave up on.
TEST(CliProfiles, CatastrophicBacktrackingIsCountedPerRuleNotAHang) {
  TempDir dir;
  const std::string profile =
      dir.Write("p/slow.toml", std::string(kCliProfile) + R"(
[[rules]]
id = "BACKTRACKS"
target = "body"
pattern = '^(a+)+(?1)$'
flags = "m"
score = 1
)");
  const std::string body = std::string(40, 'a') + "b\n";
  for (int i = 0; i < 3; ++i)
    dir.Write("c/" + std::to_string(i) + ".eml", "Subject: s\n\n" + body);
  std::string out;
  ASSERT_EQ(RunInboxsim("run --no-cache --quiet --format json -p " + profile +
                            " " + (dir.path() / "c").string(),
                        &out),
            0);
  const nlohmann::json doc = nlohmann::json::parse(out);
  EXPECT_EQ(doc["scan"]["match_limit_hits"]["BACKTRACKS"], 3);
  std::string table;
  ASSERT_EQ(RunInboxsim("run --no-cache --quiet -p " + profile + " " +
                            (dir.path() / "c").string(),
                        &table),
            0);
  EXPECT_NE(table.find("PCRE2 match limit hit (messages)  BACKTRACKS 3"),
            std::string::npos)
      << table;
}

TEST(CliProfiles, TuneKeepsAPlanInTheCacheAndRefusesWhatCannotKeepIt) {
  TempDir dir;
  const std::string profile = dir.Write("p/tiny.toml", kCliProfile);
  for (int i = 0; i < 5; ++i) {
    dir.Write(
        "c/" + std::to_string(i) + ".eml",
        "Subject: s\n\nfree money, free  money " + std::to_string(i) + "\n");
  }
  const std::string cache = (dir.path() / "cache").string();
  const std::string corpus = (dir.path() / "c").string();
  std::string out;
  ASSERT_EQ(RunInboxsim("tune --quiet --cache-dir " + cache + " -p " + profile +
                            " " + corpus,
                        &out),
            0);
  EXPECT_NE(out.find("patterns behind prefilters; measured in"),
            std::string::npos)
      << out;
  size_t plans = 0;
  for (const auto& entry : std::filesystem::directory_iterator(cache))
    plans += entry.path().filename().string().rfind("plan-", 0) == 0 ? 1 : 0;
  EXPECT_EQ(plans, 1u);  // the body target's, even when it chose nothing

  EXPECT_EQ(RunInboxsim(
                "tune --no-cache -p " + profile + " " + corpus + " 2>&1", &out),
            2);
  EXPECT_NE(out.find("--no-cache"), std::string::npos) << out;
  EXPECT_EQ(RunInboxsim("tune --engine pcre2 --cache-dir " + cache + " -p " +
                            profile + " " + corpus + " 2>&1",
                        &out),
            2);
  EXPECT_NE(out.find("only Hyperscan"), std::string::npos) << out;
}

TEST(CliProfiles, CheckMessageGivesEveryVerdictAsJson) {
  TempDir dir;
  const std::string profile = dir.Write("p/tiny.toml", kCliProfile);
  const std::string message =
      dir.Write("m.eml", "Subject: x\n\nFree money inside\n");
  std::string out;
  ASSERT_EQ(
      RunInboxsim(
          "check --no-cache --format json -p " + profile + " " + message, &out),
      0);
  const nlohmann::json doc = nlohmann::json::parse(out);
  ASSERT_EQ(doc["profiles"].size(), 1u);
  const nlohmann::json& verdict = doc["profiles"][0];
  EXPECT_EQ(verdict["name"], "tiny");
  EXPECT_EQ(verdict["action"], "junk");
  EXPECT_EQ(verdict["score"], 1.5);
  ASSERT_EQ(verdict["fired"].size(), 1u);
  EXPECT_EQ(verdict["fired"][0]["id"], "FREE_MONEY");
  EXPECT_EQ(verdict["fired"][0]["family"], "trigger");
  EXPECT_EQ(verdict["fired"][0]["score"], 1.5);
  EXPECT_EQ(verdict["fired"][0]["reason"], "Offers free money");
}

TEST(CliProfiles, CheckEvaluatesSpfAgainstAZoneForAnyIpAndSender) {
  TempDir dir;
  const std::string zone =
      dir.Write("z.zone", "example.com TXT \"v=spf1 ip4:192.0.2.0/24 -all\"\n");
  const std::string profile =
      dir.Write("p/auth.toml",
                "name = \"auth\"\n[thresholds]\njunk = 5\nreject = 10\n"
                "[auth]\nspf_fail = \"reject\"\nspf_pass = -1\n"
                "spf_none = 0.5\n");
  const std::string message =
      dir.Write("m.eml", "From: a@example.com\nSubject: x\n\nhello\n");
  auto verdict = [&](const std::string& flags) {
    std::string out;
    EXPECT_EQ(RunInboxsim("check --no-cache --format json -p " + profile +
                              " --zone " + zone + " " + flags + " " + message,
                          &out),
              0);
    return nlohmann::json::parse(out)["profiles"][0];
  };
  // No Received chain and no Return-Path: nothing to check, and the advice
  // says how to give what is missing rather than to fix a record.
  EXPECT_EQ(verdict("")["fired"][0]["id"], "AUTH_SPF_NONE");
  auto advice_ids = [&](const std::string& flags) {
    std::string json_out;
    EXPECT_EQ(RunInboxsim("check --no-cache --format json -p " + profile +
                              " --zone " + zone + " " + flags + " " + message,
                          &json_out),
              0);
    const nlohmann::json doc = nlohmann::json::parse(json_out);
    std::vector<std::string> ids;
    for (const nlohmann::json& a : doc["advice"]) ids.push_back(a["id"]);
    return ids;
  };
  EXPECT_EQ(advice_ids(""), std::vector<std::string>{"publish_spf"});
  EXPECT_EQ(advice_ids("--connecting-ip 203.0.113.7 --mail-from a@example.com"),
            std::vector<std::string>{"fix_spf"});
  nlohmann::json fail =
      verdict("--connecting-ip 203.0.113.7 --mail-from bounce@example.com");
  EXPECT_EQ(fail["action"], "reject");
  EXPECT_EQ(fail["fired"][0]["family"], "auth");
  EXPECT_EQ(fail["fired"][0]["forced"], "reject");
  EXPECT_NE(fail["fired"][0]["reason"].get<std::string>().find(
                "SPF fail for 203.0.113.7"),
            std::string::npos);
  EXPECT_EQ(
      verdict(
          "--connecting-ip 192.0.2.8 --mail-from bounce@example.com")["fired"]
                                                                     [0]["id"],
      "AUTH_SPF_PASS");
  std::string out;
  EXPECT_EQ(
      RunInboxsim("check --no-cache -p " + profile + " --zone " + zone +
                      " --connecting-ip 999.1.2.3 " + message + " 2>/dev/null",
                  &out),
      2);
  const std::string bad_zone = dir.Write("bad.zone", "example.com NS x\n");
  EXPECT_EQ(RunInboxsim("check --no-cache -p " + profile + " --zone " +
                            bad_zone + " " + message + " 2>&1",
                        &out),
            3);
  EXPECT_NE(out.find("bad.zone:1"), std::string::npos) << out;
}

TEST(CliPopulation, RunWithoutProfilesPlacesTheSampleInTheSurveyPopulation) {
  std::string out;
  ASSERT_EQ(
      RunInboxsim("run --no-cache --format json " +
                      std::string(INBOXSIM_SOURCE_DIR) + "/corpora/sample",
                  &out),
      0);
  const nlohmann::json doc = nlohmann::json::parse(out);
  ASSERT_TRUE(doc.contains("population")) << out.substr(0, 400);
  const nlohmann::json& population = doc["population"];
  EXPECT_EQ(population["name"], "survey");
  double total = 0;
  for (const char* action : {"inbox", "junk", "reject"}) {
    const nlohmann::json& share = population[action];
    EXPECT_LE(share["low"].get<double>(), share["share"].get<double>());
    EXPECT_GE(share["high"].get<double>(), share["share"].get<double>());
    total += share["share"].get<double>();
  }
  EXPECT_NEAR(total, 1.0, 1e-9);
  EXPECT_NEAR(population["practices"]["trigger"].get<double>(), 0.80, 0.001);
  EXPECT_NEAR(population["practices"]["no_filter"].get<double>(), 0.03, 0.001);
  EXPECT_FALSE(population["top_reasons"].empty());
  EXPECT_GE(doc["profiles"].size(), 8u);  // every shipped profile

  ASSERT_EQ(
      RunInboxsim("run --parse-only --format json " +
                      std::string(INBOXSIM_SOURCE_DIR) + "/corpora/sample",
                  &out),
      0);
  const nlohmann::json parsed_only = nlohmann::json::parse(out);
  EXPECT_FALSE(parsed_only.contains("profiles"));
  EXPECT_FALSE(parsed_only.contains("population"));
}

TEST(CliPopulation, CheckGivesThePopulationEstimateAndAdvice) {
  TempDir dir;
  const std::string message = dir.Write(
      "m.eml",
      "From: news@shop.example\nPrecedence: bulk\nSubject: FREE MONEY "
      "INSIDE TODAY ONLY!!!\n\nClaim your free money now\n");
  std::string out;
  ASSERT_EQ(RunInboxsim("check --no-cache --format json " + message, &out), 0);
  const nlohmann::json doc = nlohmann::json::parse(out);
  double total = 0;
  for (const char* action : {"inbox", "junk", "reject"})
    total += doc["population"][action]["share"].get<double>();
  EXPECT_NEAR(total, 1.0, 1e-9);
  EXPECT_EQ(doc["population"]["name"], "survey");
  std::vector<std::string> ids;
  for (const nlohmann::json& advice : doc["advice"]) {
    ids.push_back(advice["id"]);
    EXPECT_FALSE(advice["because"].empty());
    EXPECT_FALSE(advice["text"].get<std::string>().empty());
  }
  for (const char* id : {"add_unsubscribe", "calm_subject"}) {
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id << out;
  }
}

TEST(CliCompare, NamesTheOnePhraseThatDiffersAsTheDifference) {
  TempDir dir;
  const std::string profile = dir.Write("p/tiny.toml", kCliProfile);
  const std::string common =
      "From: news@shop.example\nSubject: Spring news\n\nOur spring "
      "collection is here.";
  const std::string a = dir.Write("a.eml", common + " Free money inside!\n");
  const std::string b = dir.Write("b.eml", common + " New colours inside!\n");
  std::string out;
  ASSERT_EQ(RunInboxsim("compare --no-cache --format json -p " + profile + " " +
                            a + " " + b,
                        &out),
            0);
  const nlohmann::json doc = nlohmann::json::parse(out);
  ASSERT_EQ(doc["variants"].size(), 2u);
  EXPECT_EQ(doc["variants"][0]["profiles"][0]["junk"], 1.0);
  EXPECT_EQ(doc["variants"][1]["profiles"][0]["inbox"], 1.0);
  const nlohmann::json& difference = doc["differences"][0];
  EXPECT_EQ(difference["profiles"][0]["inbox"]["difference"], 1.0);
  EXPECT_TRUE(difference["profiles"][0]["inbox"]["p_value"].is_null());
  ASSERT_EQ(difference["rules"].size(), 1u);
  EXPECT_EQ(difference["rules"][0]["id"], "FREE_MONEY");
  EXPECT_EQ(difference["rules"][0]["fired"]["against"], 1.0);
  EXPECT_EQ(difference["rules"][0]["fired"]["variant"], 0.0);
  EXPECT_NE(doc["test"].get<std::string>().find("no test"), std::string::npos);

  // Corpora of 20 messages each: a real test, named.
  std::string mbox_a, mbox_b;
  for (int i = 0; i < 20; ++i) {
    const std::string head =
        "From x@y Thu Jan  1 00:00:00 2026\nSubject: " + std::to_string(i) +
        "\n\n";
    mbox_a += head + (i < 15 ? "free money\n\n" : "hello\n\n");
    mbox_b += head + (i < 5 ? "free money\n\n" : "hello\n\n");
  }
  const std::string ca = dir.Write("a.mbox", mbox_a);
  const std::string cb = dir.Write("b.mbox", mbox_b);
  ASSERT_EQ(RunInboxsim("compare --no-cache --format json -p " + profile + " " +
                            ca + " " + cb,
                        &out),
            0);
  const nlohmann::json corpora = nlohmann::json::parse(out);
  EXPECT_EQ(corpora["test"],
            "two-proportion z-test, pooled, messages as units, two-sided");
  const nlohmann::json& inbox =
      corpora["differences"][0]["profiles"][0]["inbox"];
  EXPECT_NEAR(inbox["difference"].get<double>(), 0.5, 1e-12);
  EXPECT_LT(inbox["p_value"].get<double>(), 0.01);
  EXPECT_EQ(RunInboxsim("compare " + a + " 2>/dev/null", &out), 2);
}

TEST(CliProfiles, RunReportsPlacementsInJsonAndCsv) {
  TempDir dir;
  const std::string profile = dir.Write("p/tiny.toml", kCliProfile);
  dir.Write("c/spam/1.eml", "Subject: x\n\nfree money\n");
  dir.Write("c/ham/2.eml", "Subject: y\n\nhello\n");
  const std::string corpus = (dir.path() / "c").string();
  std::string out;
  ASSERT_EQ(
      RunInboxsim("run --no-cache --format json -p " + profile + " " + corpus,
                  &out),
      0);
  const nlohmann::json doc = nlohmann::json::parse(out);
  ASSERT_EQ(doc["profiles"].size(), 1u);
  const nlohmann::json& row = doc["profiles"][0];
  EXPECT_EQ(row["name"], "tiny");
  EXPECT_EQ(row["inbox"], 1);
  EXPECT_EQ(row["junk"], 1);
  EXPECT_EQ(row["reject"], 0);
  EXPECT_EQ(row["shares"]["junk"]["share"], 0.5);
  EXPECT_LT(row["shares"]["junk"]["low"].get<double>(), 0.5);
  EXPECT_GT(row["shares"]["junk"]["high"].get<double>(), 0.5);
  EXPECT_EQ(row["confusion"]["spam"]["junk"], 1);
  EXPECT_EQ(row["false_positive_rate"]["share"], 0.0);
  ASSERT_EQ(row["top_rules"].size(), 1u);
  EXPECT_EQ(row["top_rules"][0]["id"], "FREE_MONEY");
  EXPECT_EQ(row["top_rules"][0]["hits_by_label"]["spam"], 1);
  EXPECT_EQ(doc["scan"]["rules"], 1);
  ASSERT_EQ(
      RunInboxsim("run --no-cache --format csv -p " + profile + " " + corpus,
                  &out),
      0);
  EXPECT_EQ(out.rfind("profile,messages,inbox,", 0), 0u) << out;
  EXPECT_NE(out.find("\ntiny,2,1,"), std::string::npos) << out;
}

TEST(CliTrain, WritesALoadableModelAndReportsTheHoldout) {
  TempDir dir;
  const std::string corpus = (dir.path() / "gen.mbox").string();
  const std::string model_path = (dir.path() / "model.bin").string();
  std::string out;
  ASSERT_EQ(RunInboxsim("gen -n 600 -s 4 -o " + corpus, &out), 0);
  ASSERT_EQ(RunInboxsim("train " + corpus + " -o " + model_path +
                            " --threads 2 --holdout 0.25 --min-count 1",
                        &out),
            0);
  EXPECT_NE(out.find("trained on "), std::string::npos) << out;
  EXPECT_NE(out.find("skipped        0 unlabelled, 0 failed to parse"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("written        " + model_path), std::string::npos) << out;
  EXPECT_NE(out.find("AUC "), std::string::npos) << out;
  Result<model::TokenModel> model = model::LoadTokenModel(model_path);
  ASSERT_TRUE(model.ok()) << model.error().ToString();
  EXPECT_GT(model->features().size(), 100u);
  EXPECT_GT(model->spam_messages() + model->ham_messages(), 300u);
}

TEST(CliTrain, UsageAndInputErrorsExitWithTheirCodes) {
  TempDir dir;
  const std::string ham = dir.Write("ham/1.eml", "Subject: a\n\nhello there\n");
  const std::string model_path = (dir.path() / "model.bin").string();
  std::string out;
  EXPECT_EQ(RunInboxsim("train --help", &out), 0);
  EXPECT_NE(out.find("--min-count"), std::string::npos);
  EXPECT_NE(out.find("--index"), std::string::npos);  // the corpus options
  EXPECT_EQ(RunInboxsim("train " + ham + " 2>/dev/null", &out), 2);  // no -o
  EXPECT_EQ(RunInboxsim("train -o " + model_path + " 2>/dev/null", &out), 2);
  EXPECT_EQ(RunInboxsim("train " + ham + " -o " + model_path +
                            " --holdout 1.5 2>/dev/null",
                        &out),
            2);
  EXPECT_EQ(RunInboxsim("train " + ham + " -o " + model_path + " 2>&1", &out),
            3);
  EXPECT_NE(out.find("holds no spam"), std::string::npos) << out;
  EXPECT_FALSE(std::filesystem::exists(model_path));
}

}  // namespace
}  // namespace inboxsim
