// `inboxsim bench` as scripts see it: every JSON key the README lists, on a
// small generated corpus, and figures that are consistent with each other
// (never timings against a bound).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace inboxsim {
namespace {

using testing::RunInboxsim;
using testing::TempDir;

void ExpectSpread(const nlohmann::json& spread, size_t values,
                  const std::string& where) {
  SCOPED_TRACE(where);
  for (const char* key : {"median", "min", "max", "spread"})
    EXPECT_TRUE(spread[key].is_number()) << key;
  ASSERT_TRUE(spread["values"].is_array());
  EXPECT_EQ(spread["values"].size(), values);
  EXPECT_LE(spread["min"].get<double>(), spread["median"].get<double>());
  EXPECT_LE(spread["median"].get<double>(), spread["max"].get<double>());
}

class BenchCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus_ = (dir_.path() / "synthetic.mbox").string();
    std::string out;
    ASSERT_EQ(RunInboxsim("gen --count 300 --seed 5 -o " + corpus_, &out), 0)
        << out;
  }
  TempDir dir_;
  std::string corpus_;
};

TEST_F(BenchCommand, JsonHasEveryFieldAndStagesFitTheWallTime) {
  std::string out;
  ASSERT_EQ(RunInboxsim("bench " + corpus_ +
                            " --threads 2 -r 2 --warmup 0 --engines "
                            "hyperscan,pcre2 --union-layout --format json "
                            "2>/dev/null",
                        &out),
            0)
      << out;
  const nlohmann::json doc = nlohmann::json::parse(out);
  EXPECT_EQ(doc["schema_version"], 1);
  for (const char* key :
       {"cpu", "cores", "memory_bytes", "system", "hyperscan", "date"}) {
    EXPECT_TRUE(doc["machine"].contains(key)) << key;
  }
  EXPECT_EQ(doc["inputs"], nlohmann::json::array({corpus_}));
  EXPECT_EQ(doc["repetitions"], 2);
  EXPECT_EQ(doc["warmup"], 0);
  EXPECT_EQ(doc["population"], true);  // shipped profiles: the survey
  const nlohmann::json& corpus = doc["corpus"];
  EXPECT_EQ(corpus["read"], 300);
  EXPECT_EQ(corpus["parsed"].get<int>() + corpus["failed"].get<int>(), 300);
  EXPECT_GT(corpus["bytes"].get<uint64_t>(), 0u);
  EXPECT_TRUE(corpus["accounting_ok"].get<bool>());

  const nlohmann::json& run = doc["end_to_end"];
  EXPECT_EQ(run["threads"], 2);
  EXPECT_EQ(run["messages"], 300);
  EXPECT_EQ(run["bytes"], corpus["bytes"]);
  for (const char* key : {"seconds", "messages_per_second", "mb_per_second"})
    ExpectSpread(run[key], 2, key);
  EXPECT_GT(run["peak_memory_bytes"].get<uint64_t>(), 0u);
  EXPECT_TRUE(doc["memory"]["after_load_bytes"].is_number());
  EXPECT_EQ(doc["memory"]["peak_bytes"], run["peak_memory_bytes"]);
  for (const char* key : {"rules", "native", "compile_seconds", "cache_hit",
                          "load_seconds", "targets"}) {
    EXPECT_TRUE(doc["scan"].contains(key)) << key;
  }

  const nlohmann::json& stages = doc["stages"];
  EXPECT_EQ(stages["threads"], 2);
  double sum = 0;
  for (const char* stage :
       {"read", "parse", "html", "scan", "checks", "evaluate", "tally"}) {
    ASSERT_TRUE(stages["seconds"][stage].is_number()) << stage;
    EXPECT_GE(stages["seconds"][stage].get<double>(), 0) << stage;
    sum += stages["seconds"][stage].get<double>();
  }
  EXPECT_NEAR(stages["total_seconds"].get<double>(), sum, 1e-9);
  const double thread_seconds = stages["elapsed_seconds"].get<double>() * 2;
  EXPECT_NEAR(stages["thread_seconds"].get<double>(), thread_seconds, 1e-9);
  EXPECT_LE(sum, thread_seconds);
  EXPECT_GE(stages["untimed_seconds"].get<double>(), 0);
  ASSERT_EQ(stages["targets"].size(), doc["scan"]["targets"].size());
  double scan = 0;
  for (const nlohmann::json& target : stages["targets"]) {
    EXPECT_TRUE(target["target"].is_string());
    scan += target["text_seconds"].get<double>() +
            target["match_seconds"].get<double>();
  }
  EXPECT_NEAR(stages["seconds"]["scan"].get<double>(), scan, 1e-9);

  const nlohmann::json& ceiling = doc["ceiling"];
  EXPECT_EQ(ceiling["threads"], 2);
  EXPECT_EQ(ceiling["messages"], corpus["parsed"]);
  EXPECT_EQ(ceiling["texts"].get<uint64_t>(),
            corpus["parsed"].get<uint64_t>() * doc["scan"]["targets"].size());
  EXPECT_GT(ceiling["text_bytes"].get<uint64_t>(), 0u);
  EXPECT_EQ(ceiling["truncated"], false);
  EXPECT_GE(ceiling["passes_per_sample"].get<int>(), 1);
  const nlohmann::json& union_layout = ceiling["union"];
  for (const char* key :
       {"compile_seconds", "matches", "chosen_layout_speedup"})
    EXPECT_TRUE(union_layout[key].is_number()) << key;
  ExpectSpread(union_layout["seconds"], 2, "union");
  ExpectSpread(union_layout["messages_per_second"], 2, "union");
  EXPECT_GT(ceiling["matches"].get<uint64_t>(), 0u);
  for (const char* key :
       {"seconds", "messages_per_second", "text_mb_per_second"})
    ExpectSpread(ceiling[key], 2, key);
  const double fraction = ceiling["end_to_end_fraction"].get<double>();
  EXPECT_NEAR(fraction,
              run["messages_per_second"]["median"].get<double>() /
                  ceiling["messages_per_second"]["median"].get<double>(),
              1e-9);
  ASSERT_EQ(ceiling["targets"].size(), doc["scan"]["targets"].size());
  double shares = 0;
  for (const nlohmann::json& target : ceiling["targets"])
    shares += target["share"].get<double>();
  EXPECT_NEAR(shares, 1.0, 1e-9);

  const nlohmann::json& costs = doc["rule_costs"];
  EXPECT_GT(costs["measured"].get<size_t>(), 0u);
  EXPECT_TRUE(costs["scan_seconds"].is_number());
  EXPECT_TRUE(costs["compile_seconds"].is_number());
  ASSERT_EQ(costs["costliest"].size(), 10u);  // --rule-costs' default
  double previous = costs["costliest"][0]["scan_seconds"].get<double>();
  for (const nlohmann::json& cost : costs["costliest"]) {
    for (const char* key : {"rule", "target", "projection", "prefilter",
                            "texts", "compile_seconds", "error"}) {
      EXPECT_TRUE(cost.contains(key)) << key;
    }
    EXPECT_EQ(cost["error"], "");
    EXPECT_LE(cost["scan_seconds"].get<double>(), previous);  // costliest first
    previous = cost["scan_seconds"].get<double>();
  }

  const nlohmann::json& scaling = doc["scaling"];
  ASSERT_EQ(scaling.size(), 2u);
  EXPECT_EQ(scaling[0]["threads"], 1);
  EXPECT_EQ(scaling[0]["speedup"], 1.0);
  EXPECT_EQ(scaling[1]["threads"], 2);
  ExpectSpread(scaling[1]["messages_per_second"], 2, "scaling");
  EXPECT_EQ(scaling[1]["messages_per_second"], run["messages_per_second"]);

  EXPECT_TRUE(doc["corpus_scaling"].is_null());

  const nlohmann::json& engines = doc["engines"];
  ASSERT_EQ(engines.size(), 2u);
  EXPECT_EQ(engines[0]["engine"], "hyperscan");
  EXPECT_EQ(engines[0]["relative"], 1.0);
  EXPECT_EQ(engines[1]["engine"], "pcre2");
  EXPECT_EQ(engines[1]["error"], "");
  for (const char* key : {"compile_seconds", "cache_hit", "unsupported",
                          "mb_per_second", "relative", "peak_memory_bytes"}) {
    EXPECT_TRUE(engines[1].contains(key)) << key;
  }
  ExpectSpread(engines[1]["messages_per_second"], 2, "pcre2");
}

TEST_F(BenchCommand, TableWithJsonBesideItAndRepeatedInputs) {
  const std::string json = (dir_.path() / "bench.json").string();
  std::string out;
  ASSERT_EQ(RunInboxsim("bench " + corpus_ +
                            " -r 1 --warmup 0 --engines none --no-scaling "
                            "--no-stages --no-ceiling --repeat-inputs 3 "
                            "--size-scaling 2 --json " +
                            json + " 2>/dev/null",
                        &out),
            0)
      << out;
  EXPECT_NE(out.find("messages/s"), std::string::npos);
  EXPECT_NE(out.find("corpus  900 messages"), std::string::npos) << out;
  std::ifstream file(json);
  const nlohmann::json doc = nlohmann::json::parse(file);
  EXPECT_EQ(doc["corpus"]["read"], 900);
  EXPECT_TRUE(doc["stages"].is_null());
  EXPECT_TRUE(doc["ceiling"].is_null());
  EXPECT_TRUE(doc["rule_costs"].is_null());
  EXPECT_TRUE(doc["scaling"].empty());
  ASSERT_EQ(doc["engines"].size(), 1u);  // the main one
  const nlohmann::json& larger = doc["corpus_scaling"];
  EXPECT_EQ(larger["factor"], 2);
  EXPECT_EQ(larger["messages"], 1800);
  ExpectSpread(larger["seconds"], 1, "corpus_scaling");
  // One round each: the paired ratio is the ratio of the two runs.
  EXPECT_NEAR(larger["time_ratio"].get<double>(),
              larger["seconds"]["median"].get<double>() /
                  doc["end_to_end"]["seconds"]["median"].get<double>(),
              1e-9);
  EXPECT_GT(larger["memory_ratio"].get<double>(), 0);
  EXPECT_NE(out.find("corpus x2 (1800 messages"), std::string::npos) << out;
}

TEST_F(BenchCommand, BadOptionsExitTwo) {
  std::string out;
  EXPECT_EQ(RunInboxsim("bench " + corpus_ + " --engines perl 2>&1", &out), 2);
  EXPECT_NE(out.find("perl"), std::string::npos);
  EXPECT_EQ(RunInboxsim("bench " + corpus_ + " -r 0 2>/dev/null", &out), 2);
  EXPECT_EQ(RunInboxsim("bench - < " + corpus_ + " 2>&1", &out), 2);
  EXPECT_NE(out.find("standard input"), std::string::npos) << out;
  EXPECT_EQ(RunInboxsim("bench /no/such/corpus 2>&1", &out), 3);
  EXPECT_NE(out.find("/no/such/corpus"), std::string::npos);
}

}  // namespace
}  // namespace inboxsim
