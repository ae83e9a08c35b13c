// `inboxsim eval` as scripts see it: the JSON keys, counts that add up, and
// the --hits-out lines.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/test_util.h"

namespace inboxsim {
namespace {

using testing::RunInboxsim;
using testing::TempDir;

constexpr int kMessages = 200;

// A generated labelled corpus (X-Inboxsim-Label headers) with the spam
// share `gen` was asked for, plus one unlabelled message and one that
// fails to parse, in a folder whose name gives no label.
class EvalCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("corpus/plain.eml", "Subject: no label\n\nhello\n");
    dir_.Write("corpus/broken.eml", "not mail at all");
    std::string out;
    corpus_ = (dir_.path() / "corpus").string();
    ASSERT_EQ(RunInboxsim("gen -n " + std::to_string(kMessages) +
                              " -s 3 --spam-ratio 0.4 -j 1 -o " + corpus_ +
                              "/generated.mbox",
                          &out),
              0);
  }

  TempDir dir_;
  std::string corpus_;
};

TEST_F(EvalCli, JsonCountsAddUp) {
  std::string out;
  ASSERT_EQ(RunInboxsim("eval --format json -j 2 -q " + corpus_, &out), 0);
  const nlohmann::json doc = nlohmann::json::parse(out);
  EXPECT_EQ(doc["schema_version"], 1);
  const nlohmann::json& totals = doc["totals"];
  EXPECT_EQ(totals["read"], kMessages + 2);
  EXPECT_EQ(totals["failed"], 1);
  EXPECT_EQ(totals["unlabelled"], 1);
  const uint64_t spam = totals["spam"], ham = totals["ham"];
  EXPECT_EQ(spam + ham, static_cast<uint64_t>(kMessages));
  EXPECT_GT(spam, 0u);
  EXPECT_GT(ham, 0u);
  EXPECT_EQ(totals["parsed"], spam + ham + 1);
  EXPECT_TRUE(doc.contains("excluded"));
  EXPECT_FALSE(doc["scoring_profile"].get<std::string>().empty());

  ASSERT_FALSE(doc["rules"].empty());
  for (const nlohmann::json& rule : doc["rules"]) {
    for (const char* key :
         {"name", "where", "check", "spam_hits", "ham_hits", "overall_percent",
          "spam_percent", "ham_percent", "so", "rank", "score", "nice"}) {
      ASSERT_TRUE(rule.contains(key)) << key;
    }
    EXPECT_LE(rule["spam_hits"].get<uint64_t>(), spam);
    EXPECT_LE(rule["ham_hits"].get<uint64_t>(), ham);
    EXPECT_GE(rule["rank"].get<double>(), 0);
    EXPECT_LE(rule["rank"].get<double>(), 1);
  }
  ASSERT_FALSE(doc["profiles"].empty());
  for (const nlohmann::json& profile : doc["profiles"]) {
    const nlohmann::json& c = profile["confusion"];
    EXPECT_EQ(profile["spam"], spam);
    EXPECT_EQ(profile["ham"], ham);
    EXPECT_EQ(c["true_positives"].get<uint64_t>() +
                  c["false_negatives"].get<uint64_t>(),
              spam);
    EXPECT_EQ(c["false_positives"].get<uint64_t>() +
                  c["true_negatives"].get<uint64_t>(),
              ham);
    for (const char* key :
         {"precision", "recall", "false_positive_rate", "accuracy", "f1", "auc",
          "forced_verdicts", "junk_threshold", "reject_threshold"}) {
      ASSERT_TRUE(profile.contains(key)) << key;
    }
    const nlohmann::json& roc = profile["roc"];
    ASSERT_FALSE(roc.empty());
    EXPECT_DOUBLE_EQ(roc.back()["tpr"].get<double>(), 1);  // lowest: all
    EXPECT_DOUBLE_EQ(roc.back()["fpr"].get<double>(), 1);
    for (size_t i = 1; i < roc.size(); ++i) {
      EXPECT_LT(roc[i]["threshold"].get<double>(),
                roc[i - 1]["threshold"].get<double>());
    }
    EXPECT_EQ(profile["target"]["max_fpr"], 0.001);
  }
}

TEST_F(EvalCli, HitsOutHasOneLinePerParsedMessage) {
  const std::string hits = (dir_.path() / "hits.tsv").string();
  std::string out;
  ASSERT_EQ(
      RunInboxsim("eval -q --hits-out " + hits + " -o " +
                      (dir_.path() / "report.txt").string() + " " + corpus_,
                  &out),
      0);
  std::istringstream lines(testing::ReadFile(hits));
  std::string line;
  int count = 0;
  std::set<std::string> labels;
  while (std::getline(lines, line)) {
    ++count;
    const size_t first = line.find('\t');
    ASSERT_NE(first, std::string::npos) << line;
    const size_t second = line.find('\t', first + 1);
    ASSERT_NE(second, std::string::npos) << line;
    EXPECT_EQ(line.find('\t', second + 1), std::string::npos) << line;
    labels.insert(line.substr(0, first));
    // Rule names ascending, comma-separated.
    std::istringstream names(line.substr(second + 1));
    std::string name, previous;
    while (std::getline(names, name, ',')) {
      EXPECT_FALSE(name.empty()) << line;
      EXPECT_LT(previous, name) << line;
      previous = name;
    }
  }
  EXPECT_EQ(count, kMessages + 1);  // the parse failure is not judged
  EXPECT_EQ(labels, (std::set<std::string>{"ham", "spam", "unlabelled"}));
  const std::string report = testing::ReadFile(dir_.path() / "report.txt");
  EXPECT_NE(report.find("OVERALL%   SPAM%     HAM%     S/O    RANK   SCORE  "
                        "NAME\n"),
            std::string::npos);
  EXPECT_NE(report.find("(all messages)"), std::string::npos);
  EXPECT_NE(report.find("TP "), std::string::npos);
}

TEST_F(EvalCli, BadOptionValuesExitTwo) {
  std::string out;
  EXPECT_EQ(RunInboxsim("eval " + corpus_ + " --sort score 2>/dev/null", &out),
            2);
  EXPECT_EQ(
      RunInboxsim("eval " + corpus_ + " --target-fpr 2 2>/dev/null", &out), 2);
  EXPECT_EQ(
      RunInboxsim("eval " + corpus_ + " --profile no-such 2>/dev/null", &out),
      2);
  EXPECT_EQ(RunInboxsim("eval --help", &out), 0);
  EXPECT_NE(out.find("examples:\n  inboxsim eval"), std::string::npos);
  EXPECT_NE(out.find("JSON keys"), std::string::npos);
}

}  // namespace
}  // namespace inboxsim
