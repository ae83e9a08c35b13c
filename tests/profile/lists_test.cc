#include "sim/profile/lists.h"

#include <gtest/gtest.h>

#include "sim/profile/judge.h"
#include "tests/test_util.h"

namespace inboxsim::profile {
namespace {

using testing::TempDir;

TEST(DomainList, DomainsMatchThemselvesAndSubdomains) {
  DomainList list;
  ASSERT_TRUE(list.Add("Spam.Example"));
  ASSERT_TRUE(list.Add("joe@x.org"));
  ASSERT_TRUE(list.Add("spam.example"));  // a duplicate counts once
  list.Seal();
  EXPECT_EQ(list.size(), 2u);
  EXPECT_EQ(list.Match("a@spam.example"), "spam.example");
  EXPECT_EQ(list.Match("a@mail.SPAM.example"), "spam.example");
  EXPECT_EQ(list.Match("mail.spam.example"), "spam.example");
  EXPECT_FALSE(list.Match("a@notspam.example").has_value());
  EXPECT_FALSE(list.Match("a@example").has_value());
  EXPECT_EQ(list.Match("JOE@x.org"), "joe@x.org");
  EXPECT_FALSE(
      list.Match("ann@x.org").has_value());  // an address entry is exact
  EXPECT_FALSE(list.Add("  "));
  EXPECT_FALSE(list.Add("two words"));
}

TEST(IpPrefixList, CidrEdges) {
  IpPrefixList list;
  ASSERT_TRUE(list.Add("203.0.113.0/24").ok());
  ASSERT_TRUE(list.Add("198.51.100.7").ok());
  ASSERT_TRUE(list.Add("2001:db8::/32").ok());
  list.Seal();
  EXPECT_EQ(list.Match("203.0.113.0"), "203.0.113.0/24");
  EXPECT_EQ(list.Match("203.0.113.255"), "203.0.113.0/24");
  EXPECT_FALSE(list.Match("203.0.114.0").has_value());
  EXPECT_FALSE(list.Match("203.0.112.255").has_value());
  EXPECT_EQ(list.Match("198.51.100.7"), "198.51.100.7/32");
  EXPECT_FALSE(list.Match("198.51.100.8").has_value());
  EXPECT_EQ(list.Match("2001:db8:ffff::1"), "2001:db8::/32");
  EXPECT_FALSE(list.Match("2001:db9::1").has_value());
  EXPECT_EQ(list.Match("::ffff:203.0.113.9"), "203.0.113.0/24");  // mapped IPv4
  EXPECT_FALSE(list.Match("not an ip").has_value());
  EXPECT_EQ(list.size(), 3u);
}

TEST(IpPrefixList, HostBitsAreIgnoredAndZeroPrefixMatchesAll) {
  IpPrefixList list;
  ASSERT_TRUE(list.Add("10.1.2.3/8").ok());
  list.Seal();
  EXPECT_EQ(list.Match("10.200.0.1"), "10.0.0.0/8");
  IpPrefixList everything;
  ASSERT_TRUE(everything.Add("0.0.0.0/0").ok());
  everything.Seal();
  EXPECT_TRUE(everything.Match("192.0.2.1").has_value());
}

TEST(IpPrefixList, MalformedEntriesFail) {
  IpPrefixList list;
  EXPECT_FALSE(list.Add("300.1.1.1").ok());
  EXPECT_FALSE(list.Add("10.0.0.0/33").ok());
  EXPECT_FALSE(list.Add("10.0.0.0/").ok());
  EXPECT_FALSE(list.Add("10.0.0.0/x").ok());
  EXPECT_FALSE(list.Add("2001:db8::/129").ok());
}

TEST(LoadListFile, CommentsBlanksAndFileLineErrors) {
  TempDir dir;
  ListCheck list;
  list.subject = ListSubject::kIps;
  const std::string good = dir.Write(
      "ips.txt", "# bad networks\n203.0.113.0/24  # test net\n\n10.0.0.1\n");
  ASSERT_TRUE(LoadListFile(good, &list).ok());
  EXPECT_EQ(list.size(), 2u);
  const std::string bad = dir.Write("bad.txt", "10.0.0.1\n\nnonsense\n");
  Status loaded = LoadListFile(bad, &list);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().where, bad + ":3");
}

constexpr char kListProfile[] = R"(name = "lists"
[thresholds]
junk = 3
reject = 6
[lists]
block_senders = ["spam.example"]
allow_senders = ["friend@spam.example"]
block_ips_file = "ips.txt"
block_url_domains = ["bad.example"]
block_action = "junk"
[[rules]]
id = "FREE_MONEY"
target = "body"
pattern = 'free\s+money'
flags = "i"
score = 10
)";

struct Case {
  std::string raw;
  Action expected;
  bool allowed;
};

TEST(ListsInProfiles, AllowListBeatsBlockListsAndRules) {
  TempDir dir;
  dir.Write("p/ips.txt", "203.0.113.0/24\n");
  dir.Write("p/lists.toml", kListProfile);
  scan::CompileOptions options;
  options.use_cache = false;
  Result<Judge> judge =
      Judge::Load({(dir.path() / "p/lists.toml").string()}, {}, options);
  ASSERT_TRUE(judge.ok()) << judge.error().ToString();
  const std::vector<Case> cases = {
      {"From: a@spam.example\n\nhello\n", Action::kJunk, false},
      {"From: friend@spam.example\n\nfree money\n", Action::kInbox, true},
      {"From: a@ok.example\nReceived: from x (x [203.0.113.9]) by y\n\nhello\n",
       Action::kJunk, false},
      {"From: a@ok.example\n\nsee http://www.bad.example/x\n", Action::kJunk,
       false},
      {"From: a@ok.example\n\nhello\n", Action::kInbox, false},
      {"From: a@ok.example\n\nfree money\n", Action::kReject, false},
  };
  auto scratch = judge->scanner().MakeScratch();
  scan::ScanCounters counters;
  for (const Case& c : cases) {
    Result<mime::Message> message = mime::ParseMessage(c.raw, {});
    ASSERT_TRUE(message.ok());
    const std::vector<ProfileVerdict> verdicts =
        judge->JudgeMessage(*message, *scratch, &counters);
    EXPECT_EQ(verdicts[0].verdict.action, c.expected) << c.raw;
    EXPECT_EQ(verdicts[0].verdict.allowed, c.allowed) << c.raw;
  }
}

TEST(ListsInProfiles, BadEntriesAndUnknownKeysFailWithFileLine) {
  TempDir dir;
  const std::string bad_ip =
      dir.Write("a.toml",
                "name = \"a\"\n[thresholds]\njunk = 1\nreject = "
                "2\n[lists]\nblock_ips = [\"10.0.0.0/40\"]\n");
  Result<ProfileSet> set = LoadProfiles({bad_ip}, {});
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.error().where.find("a.toml:6"), std::string::npos)
      << set.error().where;
  const std::string unknown =
      dir.Write("b.toml",
                "name = \"b\"\n[thresholds]\njunk = 1\nreject = "
                "2\n[lists]\nblock_domains = [\"x\"]\n");
  set = LoadProfiles({unknown}, {});
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.error().message.find("unknown key 'block_domains'"),
            std::string::npos);
}

}  // namespace
}  // namespace inboxsim::profile
