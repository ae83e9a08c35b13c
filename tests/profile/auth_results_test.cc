#include "sim/profile/auth_results.h"

#include <gtest/gtest.h>

#include "sim/profile/judge.h"
#include "tests/test_util.h"

namespace inboxsim::profile {
namespace {

RecordedAuth Read(const std::string& header_text) {
  const std::string raw = header_text + "\n";  // field names point into it
  mime::HeaderSection section = mime::ParseHeaderSection(raw, {});
  return ReadRecordedAuth(section.headers);
}

TEST(ReadRecordedAuth, ReceivedSpfFirstWord) {
  RecordedAuth auth = Read(
      "Received-SPF: pass (google.com: domain of a@b.example designates "
      "192.0.2.1 as "
      "permitted sender) client-ip=192.0.2.1;");
  EXPECT_EQ(auth.spf, AuthResult::kPass);
  EXPECT_FALSE(auth.sender_id.has_value());
}

TEST(ReadRecordedAuth, TopmostHeaderWins) {
  // The receiver adds its header on top; a lower one may come from the sender.
  RecordedAuth auth =
      Read("Received-SPF: SoftFail (x)\nReceived-SPF: pass (forged)");
  EXPECT_EQ(auth.spf, AuthResult::kSoftfail);
}

TEST(ReadRecordedAuth, AuthenticationResultsMethods) {
  RecordedAuth auth = Read(
      "Authentication-Results: mx.example.org;\n dkim=pass "
      "header.d=x.example;\n"
      " spf=fail smtp.mailfrom=a@x.example;\n sender-id=neutral "
      "header.from=x.example");
  EXPECT_EQ(auth.spf, AuthResult::kFail);
  EXPECT_EQ(auth.sender_id, AuthResult::kNeutral);
  EXPECT_EQ(Read("Authentication-Results: mx; senderid=pass").sender_id,
            AuthResult::kPass);
  // "x-dkim-spf=pass" is not the spf method.
  EXPECT_FALSE(
      Read("Authentication-Results: mx; x-dkim-spf=pass").spf.has_value());
  EXPECT_FALSE(Read("Subject: nothing recorded").spf.has_value());
}

TEST(ParseAuthResult, ReadsOldSpellings) {
  EXPECT_EQ(ParseAuthResult("error"), AuthResult::kTemperror);
  EXPECT_EQ(ParseAuthResult("unknown"), AuthResult::kPermerror);
  EXPECT_EQ(ParseAuthResult("PermError"), AuthResult::kPermerror);
  EXPECT_FALSE(ParseAuthResult("maybe").has_value());
}

TEST(AuthInProfiles, RecordedVerdictsDriveActions) {
  testing::TempDir dir;
  const std::string path =
      dir.Write("auth.toml",
                "name = \"auth\"\n[thresholds]\njunk = 5\nreject = "
                "10\n[auth]\nspf_fail = \"reject\"\n"
                "spf_softfail = \"junk\"\nspf_pass = -1.0\nsenderid_fail = "
                "\"score 6\"\n");
  scan::CompileOptions options;
  options.use_cache = false;
  Result<Judge> judge = Judge::Load({path}, {}, options);
  ASSERT_TRUE(judge.ok()) << judge.error().ToString();
  struct Case {
    const char* header;
    Action action;
    double score;
  };
  const Case cases[] = {
      {"Received-SPF: fail (x)", Action::kReject, 0},
      {"Received-SPF: softfail (x)", Action::kJunk, 0},
      {"Received-SPF: pass (x)", Action::kInbox, -1},
      {"Authentication-Results: mx; sender-id=fail", Action::kJunk, 6},
      {"Subject: none recorded", Action::kInbox, 0},
  };
  auto scratch = judge->scanner().MakeScratch();
  scan::ScanCounters counters;
  for (const Case& c : cases) {
    const std::string raw = std::string(c.header) + "\n\nbody\n";
    Result<mime::Message> message = mime::ParseMessage(raw, {});
    ASSERT_TRUE(message.ok());
    const std::vector<ProfileVerdict> verdicts =
        judge->JudgeMessage(*message, *scratch, &counters);
    EXPECT_EQ(verdicts[0].verdict.action, c.action) << c.header;
    EXPECT_EQ(verdicts[0].verdict.score, c.score) << c.header;
  }
  const std::string bad =
      dir.Write("bad.toml",
                "name = \"bad\"\n[thresholds]\njunk = 5\nreject = "
                "10\n[auth]\nspf_failed = \"junk\"\n");
  Result<ProfileSet> set = LoadProfiles({bad}, {});
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.error().where.find("bad.toml:6"), std::string::npos);
  EXPECT_NE(set.error().message.find("unknown key 'spf_failed'"),
            std::string::npos);
}

}  // namespace
}  // namespace inboxsim::profile
