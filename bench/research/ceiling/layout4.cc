// The best layout: texts dispatched by class (ASCII-only or not); for each
// class a plan chosen by measuring on a sample of that class:
//   - rules whose projection onto the alnum-only copy of the text (lead b)
//     is selective and cheap: that projection, in one database over the
//     projected copy, confirmed by the rule alone on the original text;
//   - other costly rules for which a contiguous window of their top-level
//     sequence (as written or with bounded repeats widened; lead a) is
//     selective and cheap: that window, merged into the main database,
//     confirmed likewise;
//   - every other rule: as it is, in the main database.
// For the ASCII class every rule is first restricted to ASCII (rx::Restrict),
// which is exact on ASCII texts.
//
//   layout4 [save=PREFIX] [load=PREFIX] [passes=N] [classes=2|1] [print]
//           [pmax=0.10] [factor=3] [gain=0.5]
#include <map>
#include <numeric>
#include <set>

#include "common.h"
#include "rx.h"

using namespace ex;

namespace {

constexpr uint32_t kPf = 1u << 20;

int Collect(unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) {
  static_cast<std::vector<uint32_t>*>(ctx)->push_back(id);
  return 0;
}
int Found(unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) {
  *static_cast<bool*>(ctx) = true;
  return 1;
}

// A rule as one text class sees it.
struct Form {
  std::string hs_expr;  // for Hyperscan
  unsigned hs_flags = 0;
  std::string pexpr, pflags;  // for rx::Parse
  bool dead = false;          // can never match in this class
};

struct Options {
  double pmax = 0.10, factor = 3, gain = 0.5;
  bool print = false, heavy = false, heavy_all = false;
};

struct Plan {
  std::vector<uint32_t> main;
  std::vector<uint32_t> heavy;  // costly rules no prefilter pays for: their own database
  std::map<uint32_t, std::string> proj;  // projected-copy prefilter
  std::map<uint32_t, std::pair<std::string, unsigned>> core;  // window prefilter, flags
};

rx::Bytes Keep() { return rx::Range('0', '9') | rx::Range('A', 'Z') | rx::Range('a', 'z'); }

void Project(const Texts& t, const rx::Bytes& keep, Texts* out) {
  for (size_t i = 0; i < t.size(); ++i) {
    out->begin.push_back(out->bytes.size());
    const unsigned char* p = (const unsigned char*)t.data(i);
    for (size_t j = 0; j < t.len(i); ++j) if (keep[p[j]]) out->bytes.push_back(p[j]);
    out->end.push_back(out->bytes.size());
  }
}

// Scans `db` over each text: seconds, and bytes of the texts it hit.
std::pair<double, size_t> Measure(const hs_database_t* db, const Texts& t, const Texts* bytes_of = nullptr) {
  hs_scratch_t* s = nullptr; hs_alloc_scratch(db, &s);
  std::vector<uint32_t> sink;
  size_t pass = 0;
  auto t0 = Clock::now();
  for (size_t i = 0; i < t.size(); ++i) {
    sink.clear();
    hs_scan(db, t.data(i), t.len(i), 0, s, Collect, &sink);
    if (!sink.empty()) pass += (bytes_of ? bytes_of : &t)->len(i);
  }
  double sec = Since(t0);
  hs_free_scratch(s);
  return {sec, pass};
}

Plan Select(const std::vector<Form>& forms, const std::vector<uint32_t>& native, const Texts& sample,
            const Options& o, const std::vector<Rule>& rules) {
  const rx::Bytes keep = Keep();
  Texts nsample; Project(sample, keep, &nsample);
  std::map<uint32_t, double> cost;
  for (uint32_t r : native) {
    if (forms[r].dead) continue;
    Db d = Compile({forms[r].hs_expr}, {forms[r].hs_flags}, {r});
    cost[r] = d ? Measure(d.get(), sample).first : 0;
  }
  // The fixed cost of a scan call over the sample (a database whose literal
  // never occurs), taken off every measured cost: in a union it is paid once.
  double base = 0;
  {
    Db d = Compile({"\\x01\\x02\\x03\\x04zqzq"}, {HS_FLAG_SINGLEMATCH}, {0});
    std::vector<double> t; for (int k = 0; k < 3; ++k) t.push_back(Measure(d.get(), sample).first);
    base = Median(t);
  }
  for (auto& [k, c] : cost) c = std::max(0.0, c - base);
  std::vector<double> cv; for (auto& [k, c] : cost) cv.push_back(c);
  const double med = Median(cv);
  fprintf(stderr, "base scan cost on sample %.5f s, median net rule cost %.5f s\n", base, med);
  Plan plan;
  for (uint32_t r : native) {
    if (forms[r].dead) continue;
    std::string err;
    rx::NodeP n = rx::Parse(forms[r].pexpr, forms[r].pflags, &err);
    const bool costly = cost[r] > o.factor * med;
    if (!n || !(costly || rx::Analyse(n).MinLen() < 2)) { plan.main.push_back(r); continue; }
    // (b) the projection
    {
      rx::NodeP h = rx::Simplify(rx::TrimEdges(rx::Clean(rx::Project(n, keep))));
      if (rx::Analyse(h).MinLen() >= 2) {
        std::string e = rx::Emit(h);
        Db d = Compile({e}, {HS_FLAG_SINGLEMATCH | HS_FLAG_ALLOWEMPTY}, {r}, &err);
        if (d) {
          auto [tn, pb] = Measure(d.get(), nsample, &sample);
          tn = std::max(0.0, tn - base);
          double p = (double)pb / sample.bytes.size();
          double expect = tn + p * cost[r];
          if (o.print) fprintf(stderr, "  proj %-22s cost %.4f pass %.3f N %.4f expect %.4f\n", rules[r].id.c_str(), cost[r], p, tn, expect);
          if (p <= o.pmax && expect <= o.gain * cost[r]) { plan.proj[r] = e; continue; }
        }
      }
    }
    if (!costly) { plan.main.push_back(r); continue; }
    // (a) the best window
    rx::NodeP top = rx::Simplify(rx::DropAsserts(n));
    std::vector<rx::NodeP> kids = top->kind == rx::Kind::kConcat ? top->kids : std::vector<rx::NodeP>{top};
    unsigned fl = HS_FLAG_SINGLEMATCH | HS_FLAG_ALLOWEMPTY | (forms[r].pflags.find('m') != std::string::npos ? HS_FLAG_MULTILINE : 0);
    double best = cost[r]; std::string best_e;
    for (size_t i = 0; i < kids.size(); ++i) {
      for (size_t j = i; j < kids.size() && j < i + 10; ++j) {
        auto w = rx::Make(rx::Kind::kConcat);
        w->kids.assign(kids.begin() + i, kids.begin() + j + 1);
        if (rx::Nullable(w)) continue;
        std::string plain = rx::Emit(rx::Simplify(w));
        for (int v = 0; v < 2; ++v) {
          std::string e = v ? rx::Emit(rx::Simplify(rx::Widen(w))) : plain;
          if ((v && e == plain) || e.size() > 20000) continue;
          Db d = Compile({e}, {fl}, {r}, &err);
          if (!d) continue;
          auto [tc, pb] = Measure(d.get(), sample);
          tc = std::max(0.0, tc - base);
          double expect = tc + (double)pb / sample.bytes.size() * cost[r];
          if (expect < best) { best = expect; best_e = e; }
        }
      }
    }
    if (o.print) fprintf(stderr, "  core %-22s cost %.4f best %.4f %s\n", rules[r].id.c_str(), cost[r], best, best_e.substr(0, 120).c_str());
    if (!best_e.empty() && best <= o.gain * cost[r]) plan.core[r] = {best_e, fl};
    else if (o.heavy && (o.heavy_all || rx::Analyse(n).MinLen() < 2)) plan.heavy.push_back(r);
    else plan.main.push_back(r);
  }
  fprintf(stderr, "plan: main %zu, heavy %zu, projected %zu, windows %zu\n", plan.main.size(), plan.heavy.size(), plan.proj.size(), plan.core.size());
  return plan;
}

void SavePlan(const std::string& path, const Plan& p) {
  std::ofstream out(path);
  for (uint32_t r : p.main) out << r << "\tmain\t0\t\n";
  for (uint32_t r : p.heavy) out << r << "\theavy\t0\t\n";
  for (auto& [r, e] : p.proj) out << r << "\tproj\t0\t" << e << "\n";
  for (auto& [r, c] : p.core) out << r << "\tcore\t" << c.second << "\t" << c.first << "\n";
}
Plan LoadPlan(const std::string& path) {
  Plan p; std::ifstream in(path); std::string line;
  while (std::getline(in, line)) {
    size_t a = line.find('\t'), b = line.find('\t', a + 1), c = line.find('\t', b + 1);
    uint32_t r = std::stoul(line.substr(0, a)); std::string kind = line.substr(a + 1, b - a - 1);
    unsigned fl = std::stoul(line.substr(b + 1, c - b - 1)); std::string e = line.substr(c + 1);
    if (kind == "proj") p.proj[r] = e; else if (kind == "heavy") p.heavy.push_back(r); else if (kind == "core") p.core[r] = {e, fl}; else p.main.push_back(r);
  }
  return p;
}

// One text class's databases.
struct Sub {
  Db main;   // rules as they are + windows (ids | kPf)
  Db ndb;    // projections, over the projected copy
  Db heavy;  // Plan::heavy
  std::map<uint32_t, Db> confirm;
  bool Build(const Plan& p, const std::vector<Form>& forms) {
    std::vector<std::string> e; std::vector<unsigned> f, id;
    for (uint32_t r : p.main) { e.push_back(forms[r].hs_expr); f.push_back(forms[r].hs_flags); id.push_back(r); }
    for (auto& [r, c] : p.core) { e.push_back(c.first); f.push_back(c.second); id.push_back(r | kPf); }
    std::string err;
    main = Compile(e, f, id, &err);
    if (!main && !e.empty()) { std::cerr << "main: " << err << "\n"; return false; }
    e.clear(); f.clear(); id.clear();
    for (uint32_t r : p.heavy) { e.push_back(forms[r].hs_expr); f.push_back(forms[r].hs_flags); id.push_back(r); }
    heavy = Compile(e, f, id, &err);
    e.clear(); f.clear(); id.clear();
    for (auto& [r, x] : p.proj) { e.push_back(x); f.push_back(HS_FLAG_SINGLEMATCH | HS_FLAG_ALLOWEMPTY); id.push_back(r); }
    ndb = Compile(e, f, id, &err);
    if (!ndb && !e.empty()) { std::cerr << "ndb: " << err << "\n"; return false; }
    for (auto& [r, x] : p.proj) confirm[r] = Compile({forms[r].hs_expr}, {forms[r].hs_flags}, {r});
    for (auto& [r, c] : p.core) confirm[r] = Compile({forms[r].hs_expr}, {forms[r].hs_flags}, {r});
    return true;
  }
};

struct Layout {
  Sub sub[2];  // [0] every text (or non-ASCII), [1] ASCII texts
  bool classes = false;
  bool keep[256] = {};
  hs_scratch_t* scratch = nullptr;
  std::string nbuf;
  std::vector<uint32_t> pending;
  uint64_t confirms = 0, confirmed = 0;
  bool timed = false;
  double t_main[2] = {}, t_proj[2] = {}, t_n[2] = {}, t_conf[2] = {}, t_class = 0;
  size_t bytes[2] = {};

  void Alloc() {
    for (auto& s : sub) {
      if (s.main) hs_alloc_scratch(s.main.get(), &scratch);
      if (s.ndb) hs_alloc_scratch(s.ndb.get(), &scratch);
      if (s.heavy) hs_alloc_scratch(s.heavy.get(), &scratch);
      for (auto& [k, d] : s.confirm) hs_alloc_scratch(d.get(), &scratch);
    }
  }
  bool Confirm(Sub& s, uint32_t r, const char* data, size_t len) {
    ++confirms;
    bool found = false;
    hs_scan(s.confirm[r].get(), data, len, 0, scratch, Found, &found);
    confirmed += found;
    return found;
  }
  void Scan(const char* data, size_t len, std::vector<uint32_t>* hits) {
    hits->clear();
    const unsigned char* p = reinterpret_cast<const unsigned char*>(data);
    bool ascii = false;
    if (classes) {
      unsigned char acc = 0;
      for (size_t i = 0; i < len; ++i) acc |= p[i];
      ascii = acc < 0x80;
    }
    Sub& s = sub[ascii ? 1 : 0];
    const int c = ascii ? 1 : 0;
    Clock::time_point t0;
    if (timed) { t0 = Clock::now(); bytes[c] += len; }
    if (s.main) hs_scan(s.main.get(), data, len, 0, scratch, Collect, hits);
    if (s.heavy) hs_scan(s.heavy.get(), data, len, 0, scratch, Collect, hits);
    if (timed) { t_main[c] += Since(t0); t0 = Clock::now(); }
    size_t kept = 0;
    for (size_t k = 0; k < hits->size(); ++k) {
      uint32_t id = (*hits)[k];
      if (!(id & kPf)) { (*hits)[kept++] = id; continue; }
      id &= ~kPf;
      if (Confirm(s, id, data, len)) (*hits)[kept++] = id;
    }
    hits->resize(kept);
    if (timed) { t_conf[c] += Since(t0); t0 = Clock::now(); }
    if (s.ndb) {
      nbuf.resize(len);
      char* out = nbuf.data();
      size_t n = 0;
      for (size_t i = 0; i < len; ++i) { out[n] = data[i]; n += keep[p[i]]; }
      if (timed) { t_proj[c] += Since(t0); t0 = Clock::now(); }
      pending.clear();
      hs_scan(s.ndb.get(), out, n, 0, scratch, Collect, &pending);
      if (timed) { t_n[c] += Since(t0); t0 = Clock::now(); }
      for (uint32_t r : pending) if (Confirm(s, r, data, len)) hits->push_back(r);
      if (timed) { t_conf[c] += Since(t0); t0 = Clock::now(); }
    }
    std::sort(hits->begin(), hits->end());
  }
  double Time(const Texts& t, HitSets* out) {
    confirms = confirmed = 0;
    auto t0 = Clock::now();
    for (size_t i = 0; i < t.size(); ++i) Scan(t.data(i), t.len(i), &(*out)[i]);
    return Since(t0);
  }
};

bool IsAscii(const char* d, size_t n) {
  for (size_t i = 0; i < n; ++i) if ((unsigned char)d[i] >= 0x80) return false;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  std::string save, load, extra_texts;
  int passes = 3, classes = 2, prof = -1;
  for (int a = 1; a < argc; ++a) {
    std::string s = argv[a];
    auto eq = s.find('=');
    std::string k = s.substr(0, eq), v = eq == std::string::npos ? "" : s.substr(eq + 1);
    if (k == "pmax") o.pmax = std::stod(v);
    else if (k == "factor") o.factor = std::stod(v);
    else if (k == "gain") o.gain = std::stod(v);
    else if (k == "print") o.print = true;
    else if (k == "heavy") { o.heavy = v != "0"; o.heavy_all = v == "all"; }
    else if (k == "save") save = v;
    else if (k == "load") load = v;
    else if (k == "passes") passes = std::stoi(v);
    else if (k == "classes") classes = std::stoi(v);
    else if (k == "prof") prof = std::stoi(v);
    else if (k == "texts") extra_texts = v;  // verify on another text file (no reference needed)
  }
  auto rules = LoadRules("rules.tsv");
  Texts texts = LoadTexts(extra_texts.empty() ? "texts.bin" : extra_texts);
  std::vector<uint32_t> native;
  { std::ifstream in("native.txt"); uint32_t x; while (in >> x) native.push_back(x); }

  // The forms: [0] as written, [1] restricted to ASCII.
  std::vector<Form> forms[2];
  for (int c = 0; c < 2; ++c) forms[c].resize(rules.size());
  size_t changed = 0, dead = 0;
  for (uint32_t r : native) {
    Form f0{rules[r].hs_expr, rules[r].hs_flags, rules[r].expr, rules[r].flags, false};
    forms[0][r] = f0;
    forms[1][r] = f0;
    std::string err;
    rx::NodeP n = rx::Parse(rules[r].expr, rules[r].flags, &err);
    if (!n) continue;
    rx::NodeP a = rx::Restrict(n, rx::Range(0, 0x7f));
    if (!a) { forms[1][r].dead = true; ++dead; continue; }
    std::string ae = rx::Emit(rx::Simplify(a));
    if (ae == rx::Emit(rx::Simplify(n))) continue;
    const bool m = rules[r].flags.find('m') != std::string::npos;
    Form f1{ae, HS_FLAG_SINGLEMATCH | HS_FLAG_ALLOWEMPTY | (m ? HS_FLAG_MULTILINE : 0u), ae, m ? "m" : "", false};
    // the restricted form must parse again (lookarounds under i do not): else keep as written
    if (!rx::Parse(ae, f1.pflags, &err)) f1.pexpr = rules[r].expr, f1.pflags = rules[r].flags;
    forms[1][r] = f1;
    ++changed;
  }
  fprintf(stderr, "ASCII forms: %zu changed, %zu dead\n", changed, dead);

  Plan plans[2];
  if (!load.empty()) {
    for (int c = 0; c < classes; ++c) plans[c] = LoadPlan(load + "." + std::to_string(c));
  } else {
    auto tsel = Clock::now();
    // samples: every 8th text, of the class (non-ASCII: every 2nd, fewer texts)
    Texts samp[2];
    for (size_t i = 0; i < texts.size(); ++i) {
      bool a = IsAscii(texts.data(i), texts.len(i));
      int c = classes == 2 && a ? 1 : 0;
      int every = (classes == 2 && !a) ? 2 : 8;
      if (i % every) continue;
      samp[c].begin.push_back(samp[c].bytes.size());
      samp[c].bytes.append(texts.data(i), texts.len(i));
      samp[c].end.push_back(samp[c].bytes.size());
    }
    for (int c = 0; c < classes; ++c) {
      fprintf(stderr, "class %d sample: %zu texts, %zu bytes\n", c, samp[c].size(), samp[c].bytes.size());
      plans[c] = Select(forms[c], native, samp[c], o, rules);
    }
    fprintf(stderr, "selection %.1f s\n", Since(tsel));
    if (!save.empty()) for (int c = 0; c < classes; ++c) SavePlan(save + "." + std::to_string(c), plans[c]);
  }
  if (prof >= 0) {
    // the class's texts; each main rule alone; main without the top K
    Texts ct;
    for (size_t i = 0; i < texts.size(); ++i) {
      if (classes == 2 && IsAscii(texts.data(i), texts.len(i)) != (prof == 1)) continue;
      ct.begin.push_back(ct.bytes.size()); ct.bytes.append(texts.data(i), texts.len(i)); ct.end.push_back(ct.bytes.size());
    }
    const auto& F = forms[prof];
    std::vector<std::pair<double, uint32_t>> c;
    for (uint32_t r : plans[prof].main) { Db d = Compile({F[r].hs_expr}, {F[r].hs_flags}, {r}); c.push_back({Measure(d.get(), ct).first, r}); }
    std::sort(c.rbegin(), c.rend());
    for (size_t k = 0; k < 20 && k < c.size(); ++k) fprintf(stderr, "%.4f %-22s %s\n", c[k].first, rules[c[k].second].id.c_str(), F[c[k].second].hs_expr.substr(0, 150).c_str());
    for (size_t K : {0, 5, 10, 20, 40}) {
      std::vector<std::string> e; std::vector<unsigned> f, id;
      for (size_t k = K; k < c.size(); ++k) { uint32_t r = c[k].second; e.push_back(F[r].hs_expr); f.push_back(F[r].hs_flags); id.push_back(r); }
      Db d = Compile(e, f, id);
      std::vector<double> t; for (int p = 0; p < 3; ++p) t.push_back(Measure(d.get(), ct).first);
      fprintf(stderr, "main without top %zu: %.3f s\n", K, Median(t));
    }
    return 0;
  }
  Layout L;
  L.classes = classes == 2;
  const rx::Bytes keep = Keep();
  for (int c = 0; c < 256; ++c) L.keep[c] = keep[c];
  for (int c = 0; c < classes; ++c) if (!L.sub[c].Build(plans[c], forms[c])) return 1;
  L.Alloc();
  Layout U;
  {
    std::vector<std::string> e; std::vector<unsigned> f, id;
    for (uint32_t r : native) { e.push_back(rules[r].hs_expr); f.push_back(rules[r].hs_flags); id.push_back(r); }
    U.sub[0].main = Compile(e, f, id);
    U.Alloc();
  }
  HitSets got(texts.size()), ugot(texts.size());
  std::vector<double> tu, tl;
  for (int pass = 0; pass < passes; ++pass) {
    tu.push_back(U.Time(texts, &ugot));
    tl.push_back(L.Time(texts, &got));
    std::cerr << "pass " << pass << ": union " << tu.back() << " layout " << tl.back() << "\n";
  }
  L.timed = true;
  L.Time(texts, &got);
  for (int c = 0; c < 2; ++c)
    fprintf(stderr, "class %d (%zu bytes): main %.3f, projection %.3f, N db %.3f, confirm %.3f\n", c, L.bytes[c], L.t_main[c], L.t_proj[c], L.t_n[c], L.t_conf[c]);
  // equality: against the union scanned here (and the saved reference for the corpus)
  size_t bad = 0;
  HitSets ref = extra_texts.empty() ? LoadHits("ref_hits.txt") : ugot;
  std::map<uint32_t, int> missing, extra;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (got[i] == ref[i] && ugot[i] == ref[i]) continue;
    ++bad;
    std::vector<uint32_t> d;
    std::set_difference(ugot[i].begin(), ugot[i].end(), got[i].begin(), got[i].end(), std::back_inserter(d));
    for (auto r : d) missing[r]++;
    d.clear();
    std::set_difference(got[i].begin(), got[i].end(), ugot[i].begin(), ugot[i].end(), std::back_inserter(d));
    for (auto r : d) extra[r]++;
  }
  for (auto& [r, c] : missing) fprintf(stderr, "MISSING %s x%d\n", rules[r].id.c_str(), c);
  for (auto& [r, c] : extra) fprintf(stderr, "EXTRA %s x%d\n", rules[r].id.c_str(), c);
  size_t hitcount = 0; for (auto& h : got) hitcount += h.size();
  if (o.print) {
    // hits of the rules a prefilter stands for, per class plan
    for (int c = 0; c < classes; ++c) {
      std::map<uint32_t, int> n;
      for (auto& [r, e] : plans[c].proj) n[r] = 0;
      for (auto& [r, e] : plans[c].core) n[r] = 0;
      for (size_t i = 0; i < texts.size(); ++i) {
        if (classes == 2 && IsAscii(texts.data(i), texts.len(i)) != (c == 1)) continue;
        for (uint32_t r : ugot[i]) if (n.count(r)) n[r]++;
      }
      size_t rules_hit = 0, total = 0; for (auto& [r, k] : n) { rules_hit += k > 0; total += k; }
      fprintf(stderr, "class %d: %zu prefiltered rules, %zu of them hit, %zu hits\n", c, n.size(), rules_hit, total);
    }
  }
  double mu = Median(tu), ml = Median(tl);
  printf("layout4 classes=%d: union %.3f s (%.1f MB/s), layout %.3f s (%.1f MB/s), speedup %.2fx (min-based %.2fx); confirms %lu (confirmed %lu); hits %zu; texts differing %zu of %zu\n",
         classes, mu, texts.bytes.size() / mu / 1e6, ml, texts.bytes.size() / ml / 1e6, mu / ml,
         *std::min_element(tu.begin(), tu.end()) / *std::min_element(tl.begin(), tl.end()),
         (unsigned long)L.confirms, (unsigned long)L.confirmed, hitcount, bad, texts.size());
}
