// Fact rules through whole profiles: SPF and Sender ID evaluated against a
// zone file, and a trained token model, as a profile loads and scores them.
#include "sim/profile/fact_checks.h"

#include <gtest/gtest.h>

#include <map>

#include "sim/model/model_file.h"
#include "sim/model/token_trainer.h"
#include "sim/profile/judge.h"
#include "tests/scan/scan_test_util.h"
#include "tests/test_util.h"

namespace inboxsim::profile {
namespace {

using testing::TempDir;

constexpr char kZone[] = R"(example.com     TXT "v=spf1 ip4:192.0.2.0/24 -all"
example.com     TXT "spf2.0/pra ip4:192.0.2.10 -all"
soft.example    TXT "v=spf1 ~all"
)";

using Parsed = testing::ParsedMessage;
Parsed Parse(std::string raw) { return testing::ParseOwned(std::move(raw)); }

std::string FromIp(const std::string& ip, const std::string& envelope,
                   const std::string& from) {
  return "Received: from mail.sender.example (mail.sender.example [" + ip +
         "]) by mx.receiver.example with ESMTP id 1\nReturn-Path: " + envelope +
         "\nFrom: " + from + "\nSubject: hi\n\nhello\n";
}

// Every profile's fired rule ids with their reasons.
std::map<std::string, std::string> Fired(const Judge& judge,
                                         const mime::Message& message,
                                         size_t profile = 0) {
  auto scratch = judge.scanner().MakeScratch();
  scan::ScanCounters counters;
  const std::vector<ProfileVerdict> verdicts =
      judge.JudgeMessage(message, *scratch, &counters);
  const Profile& p = judge.profiles().profiles[profile];
  std::map<std::string, std::string> fired;
  for (size_t index : verdicts[profile].fired) {
    const Rule& rule = judge.profiles().catalog.rules[p.rules[index].rule];
    fired[rule.id] = RuleReason(rule, message);
  }
  return fired;
}

TEST(ZoneAuth, SpfAndSenderIdFromTheZoneDecideTheVerdict) {
  TempDir dir;
  dir.Write("p/zones/test.zone", kZone);
  dir.Write("p/auth.toml",
            "name = \"auth\"\n[thresholds]\njunk = 5\nreject = 10\n[auth]\n"
            "zone_file = \"zones/test.zone\"\nspf_fail = \"reject\"\n"
            "spf_softfail = 2\nspf_pass = -1\nsenderid_fail = 3\n"
            "senderid_pass = -1\nspf_none = 0.5\n");
  Result<Judge> judge =
      Judge::Load({(dir.path() / "p").string()}, {}, scan::Uncached());
  ASSERT_TRUE(judge.ok()) << judge.error().ToString();

  const Parsed pass =
      Parse(FromIp("192.0.2.10", "<bounce@example.com>", "ann@example.com"));
  std::map<std::string, std::string> fired = Fired(*judge, pass.message);
  EXPECT_EQ(fired.size(), 2u);
  EXPECT_NE(fired["AUTH_SPF_PASS"].find("SPF pass for 192.0.2.10"),
            std::string::npos)
      << fired["AUTH_SPF_PASS"];
  EXPECT_TRUE(fired.count("AUTH_SENDERID_PASS"));

  // In the SPF range but not the PRA's: SPF passes, Sender ID fails.
  const Parsed pra_fail =
      Parse(FromIp("192.0.2.77", "<bounce@example.com>", "ann@example.com"));
  fired = Fired(*judge, pra_fail.message);
  EXPECT_TRUE(fired.count("AUTH_SPF_PASS"));
  EXPECT_TRUE(fired.count("AUTH_SENDERID_FAIL"));

  const Parsed forged =
      Parse(FromIp("203.0.113.7", "<bounce@example.com>", "ann@example.com"));
  fired = Fired(*judge, forged.message);
  EXPECT_NE(fired["AUTH_SPF_FAIL"].find("SPF fail for 203.0.113.7"),
            std::string::npos)
      << fired["AUTH_SPF_FAIL"];
  auto scratch = judge->scanner().MakeScratch();
  scan::ScanCounters counters;
  EXPECT_EQ(judge->JudgeMessage(forged.message, *scratch, &counters)[0]
                .verdict.action,
            Action::kReject);

  const Parsed soft =
      Parse(FromIp("203.0.113.7", "<x@soft.example>", "x@soft.example"));
  EXPECT_TRUE(Fired(*judge, soft.message).count("AUTH_SPF_SOFTFAIL"));

  // No Received chain: nothing to check, said so.
  const Parsed local =
      Parse("Return-Path: <a@example.com>\nFrom: a@example.com\n\nhello\n");
  fired = Fired(*judge, local.message);
  EXPECT_NE(fired["AUTH_SPF_NONE"].find("no Received header"),
            std::string::npos);
}

TEST(ZoneAuth, CommandLineZoneReplacesRecordedVerdicts) {
  TempDir dir;
  const std::string zone = dir.Write("test.zone", kZone);
  dir.Write("p/rec.toml",
            "name = \"rec\"\n[thresholds]\njunk = 5\nreject = 10\n[auth]\n"
            "spf_fail = 4\nspf_pass = -1\n");
  // The headers claim a pass; the zone says the IP is not allowed.
  const Parsed message =
      Parse("Received-SPF: pass (forged) client-ip=203.0.113.7\n" +
            FromIp("203.0.113.7", "<a@example.com>", "a@example.com"));
  Result<Judge> recorded =
      Judge::Load({(dir.path() / "p").string()}, {}, scan::Uncached());
  ASSERT_TRUE(recorded.ok()) << recorded.error().ToString();
  EXPECT_TRUE(Fired(*recorded, message.message).count("AUTH_SPF_PASS"));
  LoadOptions with_zone;
  with_zone.zone_file = zone;
  Result<Judge> evaluated =
      Judge::Load({(dir.path() / "p").string()}, with_zone, scan::Uncached());
  ASSERT_TRUE(evaluated.ok()) << evaluated.error().ToString();
  EXPECT_TRUE(Fired(*evaluated, message.message).count("AUTH_SPF_FAIL"));
}

TEST(ZoneAuth, BadZoneFailsAtLoadWithFileAndLine) {
  TempDir dir;
  dir.Write("p/z.zone", "example.com TXT \"v=spf1 -all\"\nexample.com NS x\n");
  const std::string profile =
      dir.Write("p/a.toml",
                "name = \"a\"\n[thresholds]\njunk = 5\nreject = 10\n[auth]\n"
                "zone_file = \"z.zone\"\nspf_fail = 3\n");
  Result<Judge> judge = Judge::Load({profile}, {}, scan::Uncached());
  ASSERT_FALSE(judge.ok());
  EXPECT_NE(judge.error().where.find("z.zone:2"), std::string::npos)
      << judge.error().ToString();
  EXPECT_NE(judge.error().message.find("a.toml:6"), std::string::npos)
      << judge.error().ToString();
}

TEST(TokenModelRules, ABandRuleFiresWithTheModelsExplanation) {
  // Spam speaks of prizes, ham of meetings; a model trained on them.
  model::TokenTrainer trainer;
  std::vector<Parsed> training;
  for (int i = 0; i < 20; ++i) {
    training.push_back(Parse("Subject: prize " + std::to_string(i) +
                             "\n\nclaim your prize lottery winner now\n"));
    trainer.Add(training.back().message, Label::kSpam);
    training.push_back(Parse("Subject: meeting " + std::to_string(i) +
                             "\n\nagenda for the project meeting attached\n"));
    trainer.Add(training.back().message, Label::kHam);
  }
  Result<model::TokenModel> trained = trainer.Finish({}, nullptr);
  ASSERT_TRUE(trained.ok()) << trained.error().ToString();
  TempDir dir;
  dir.Write("p/m.toml",
            "name = \"m\"\n[thresholds]\njunk = 5\nreject = 10\n[reputation]\n"
            "model = \"tokens.model\"\nmodel_weight = 2\n");
  ASSERT_TRUE(
      model::SaveTokenModel(*trained, (dir.path() / "p/tokens.model").string())
          .ok());
  Result<Judge> judge =
      Judge::Load({(dir.path() / "p").string()}, {}, scan::Uncached());
  ASSERT_TRUE(judge.ok()) << judge.error().ToString();
  const Profile& profile = judge->profiles().profiles[0];
  ASSERT_EQ(profile.rules.size(), std::size(kTokenModelBands));

  const Parsed spam =
      Parse("Subject: prize\n\nyou are a lottery winner, claim the prize\n");
  std::map<std::string, std::string> fired = Fired(*judge, spam.message);
  ASSERT_EQ(fired.size(), 1u);  // the bands do not overlap
  const std::string spam_band = fired.begin()->first;
  EXPECT_TRUE(spam_band == "REP_TOKEN_MODEL_80" ||
              spam_band == "REP_TOKEN_MODEL_95" ||
              spam_band == "REP_TOKEN_MODEL_99")
      << spam_band;
  EXPECT_NE(fired.begin()->second.find("prize"), std::string::npos)
      << fired.begin()->second;
  double band_default = 0;
  for (const TokenModelBand& band : kTokenModelBands) {
    if (spam_band == std::string("REP_TOKEN_MODEL_") + band.name)
      band_default = band.default_score;
  }
  auto scratch = judge->scanner().MakeScratch();
  scan::ScanCounters counters;
  EXPECT_DOUBLE_EQ(
      judge->JudgeMessage(spam.message, *scratch, &counters)[0].verdict.score,
      2 * band_default);  // model_weight times the band's score

  const Parsed ham =
      Parse("Subject: meeting\n\nthe project agenda for our meeting\n");
  fired = Fired(*judge, ham.message);
  ASSERT_EQ(fired.size(), 1u);
  EXPECT_TRUE(fired.begin()->first == "REP_TOKEN_MODEL_00" ||
              fired.begin()->first == "REP_TOKEN_MODEL_05")
      << fired.begin()->first;
}

TEST(TokenModelRules, MissingOrCorruptModelFailsAtLoad) {
  TempDir dir;
  dir.Write("p/bad.model", "not a model");
  const std::string head =
      "name = \"m\"\n[thresholds]\njunk = 5\nreject = 10\n[reputation]\n";
  Result<Judge> judge =
      Judge::Load({dir.Write("p/a.toml", head + "model = \"bad.model\"\n")}, {},
                  scan::Uncached());
  ASSERT_FALSE(judge.ok());
  EXPECT_NE(judge.error().message.find("not a usable token model"),
            std::string::npos)
      << judge.error().ToString();
  judge = Judge::Load({dir.Write("p/b.toml", head + "model_weight = 2\n")}, {},
                      scan::Uncached());
  ASSERT_FALSE(judge.ok());
  EXPECT_NE(judge.error().message.find("model_weight needs a model"),
            std::string::npos);
}

}  // namespace
}  // namespace inboxsim::profile
