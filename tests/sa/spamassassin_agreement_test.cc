// The imported SpamAssassin stock rules hit exactly what SpamAssassin 4.0.1
// itself reported on corpora/spamassassin-sample (recorded once, see the
// fixture's header), for every rule inboxsim runs. Skips where the stock
// rules are not installed, or differ from the ones recorded against.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "sim/profile/judge.h"
#include "tests/test_util.h"

namespace inboxsim {
namespace {

namespace fs = std::filesystem;

constexpr char kStockRules[] = "/usr/share/spamassassin";

struct Recorded {
  uint64_t rules_bytes = 0;
  std::map<std::string, std::set<std::string>> hits;  // file -> rules
};

Recorded ReadRecorded(const fs::path& path) {
  Recorded recorded;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# rules-bytes: ", 0) == 0) {
      recorded.rules_bytes = std::stoull(line.substr(15));
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    std::set<std::string>& rules = recorded.hits[line.substr(0, tab)];
    std::stringstream names(tab == std::string::npos ? ""
                                                     : line.substr(tab + 1));
    for (std::string name; std::getline(names, name, ',');) {
      if (!name.empty()) rules.insert(name);
    }
  }
  return recorded;
}

uint64_t InstalledRulesBytes() {
  uint64_t bytes = 0;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(kStockRules, error)) {
    if (entry.path().extension() == ".cf") bytes += entry.file_size();
  }
  return bytes;
}

TEST(SpamAssassinAgreement, SampleCorpusHitsWhatSpamAssassinRecorded) {
  const fs::path source(INBOXSIM_SOURCE_DIR);
  const Recorded recorded =
      ReadRecorded(source / "tests/sa/spamassassin_sample_hits.tsv");
  ASSERT_GT(recorded.rules_bytes, 0u);
  ASSERT_EQ(recorded.hits.size(), 45u);
  if (!fs::exists(fs::path(kStockRules) / "72_active.cf")) {
    GTEST_SKIP() << "SpamAssassin's stock rules are not installed in "
                 << kStockRules << " (apt-get install spamassassin)";
  }
  if (InstalledRulesBytes() != recorded.rules_bytes) {
    GTEST_SKIP() << "the rules in " << kStockRules
                 << " differ from the ones the hits were recorded with ("
                 << recorded.rules_bytes << " bytes of *.cf)";
  }

  Result<profile::Judge> judge = profile::Judge::Load(
      {(source / "profiles/spamassassin/stock.toml").string()}, {}, {});
  ASSERT_TRUE(judge) << judge.error().ToString();
  const profile::Profile& stock = judge->profiles().profiles.at(0);
  const std::vector<profile::Rule>& catalog = judge->profiles().catalog.rules;
  std::set<std::string> compared;  // the rules both engines run
  for (const profile::ProfileRule& rule : stock.rules)
    compared.insert(catalog[rule.rule].id);
  ASSERT_GT(compared.size(), 300u);

  auto scratch = judge->scanner().MakeScratch();
  scan::ScanCounters counters;
  size_t hits_compared = 0;
  for (const auto& [file, sa_hits] : recorded.hits) {
    const testing::ParsedMessage parsed = testing::ParseOwned(
        testing::ReadFile(source / "corpora/spamassassin-sample" / file));
    const std::vector<profile::ProfileVerdict> verdicts =
        judge->JudgeMessage(parsed.message, *scratch, &counters);
    std::set<std::string> ours;
    for (size_t fired : verdicts.at(0).fired)
      ours.insert(catalog[stock.rules[fired].rule].id);
    std::set<std::string> expected;
    std::copy_if(sa_hits.begin(), sa_hits.end(),
                 std::inserter(expected, expected.end()),
                 [&](const std::string& rule) { return compared.count(rule); });
    EXPECT_EQ(ours, expected) << file;
    hits_compared += expected.size();
  }
  // The sample exercises many rules, not just a handful.
  EXPECT_GT(hits_compared, 50u);
}

}  // namespace
}  // namespace inboxsim
