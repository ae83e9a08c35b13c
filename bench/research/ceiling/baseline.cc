// Step 1 and 2: the union database of the Hyperscan-native sa-body rules
// over our sa-body texts (reference hit sets, time), and each rule alone.
//   baseline            -> native.txt (rule indices), ref_hits.txt, timing
//   baseline costs      -> costs.tsv: index id seconds_alone minlit
#include "common.h"
#include "rx.h"

using namespace ex;

static int OnMatch(unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) {
  static_cast<std::vector<uint32_t>*>(ctx)->push_back(id);
  return 0;
}

int main(int argc, char** argv) {
  const bool costs = argc > 1 && std::string(argv[1]) == "costs";
  auto rules = LoadRules("rules.tsv");
  Texts texts = LoadTexts("texts.bin");
  std::cerr << rules.size() << " rules, " << texts.size() << " texts, " << texts.bytes.size() << " bytes\n";
  // Native: compiles alone with the MakeHsPattern flags.
  std::vector<std::string> ex; std::vector<unsigned> fl, ids;
  for (size_t i = 0; i < rules.size(); ++i) {
    std::string err;
    Db d = Compile({rules[i].hs_expr}, {rules[i].hs_flags}, {0}, &err);
    rules[i].native = d != nullptr;
    if (d) { ex.push_back(rules[i].hs_expr); fl.push_back(rules[i].hs_flags); ids.push_back(i); }
  }
  std::cerr << ex.size() << " native\n";
  {
    std::ofstream o("native.txt");
    for (unsigned i : ids) o << i << "\n";
  }
  auto t0 = Clock::now();
  std::string err;
  Db db = Compile(ex, fl, ids, &err);
  if (!db) { std::cerr << "union compile failed: " << err << "\n"; return 1; }
  std::cerr << "union compile " << Since(t0) << " s\n";
  hs_scratch_t* scratch = nullptr;
  hs_alloc_scratch(db.get(), &scratch);
  if (!costs) {
    HitSets hits(texts.size());
    std::vector<double> times;
    for (int pass = 0; pass < 3; ++pass) {
      auto t = Clock::now();
      for (size_t i = 0; i < texts.size(); ++i) {
        hits[i].clear();
        hs_scan(db.get(), texts.data(i), texts.len(i), 0, scratch, OnMatch, &hits[i]);
      }
      times.push_back(Since(t));
      std::cerr << "pass " << pass << " " << times.back() << " s\n";
    }
    for (auto& h : hits) std::sort(h.begin(), h.end());
    SaveHits("ref_hits.txt", hits);
    size_t total = 0; for (auto& h : hits) total += h.size();
    double m = Median(times);
    printf("union: %zu rules, median %.3f s, %.1f MB/s, %zu hits\n", ex.size(), m, texts.bytes.size() / m / 1e6, total);
    return 0;
  }
  // Each rule alone.
  std::ofstream o("costs.tsv");
  for (size_t k = 0; k < ids.size(); ++k) {
    const Rule& r = rules[ids[k]];
    Db one = Compile({r.hs_expr}, {r.hs_flags}, {ids[k]});
    hs_scratch_t* s1 = nullptr;
    hs_alloc_scratch(one.get(), &s1);
    std::vector<uint32_t> sink;
    std::vector<double> times;
    for (int pass = 0; pass < 3; ++pass) {
      auto t = Clock::now();
      for (size_t i = 0; i < texts.size(); ++i) {
        sink.clear();
        hs_scan(one.get(), texts.data(i), texts.len(i), 0, s1, OnMatch, &sink);
      }
      times.push_back(Since(t));
    }
    hs_free_scratch(s1);
    std::string perr;
    rx::NodeP node = rx::Parse(r.expr, r.flags, &perr);
    long minlit = -1;
    if (node) minlit = (long)rx::Analyse(node).MinLen();
    o << ids[k] << "\t" << r.id << "\t" << Median(times) << "\t" << minlit << "\t" << (node ? "" : perr) << "\n";
  }
  return 0;
}
