// Shared by the experiments: loading rules and texts, Hyperscan helpers,
// timing.
#pragma once
#include <hs/hs.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "sim/scan/hyperscan_database.h"
#include "sim/scan/pattern_syntax.h"

namespace ex {

struct Rule {
  std::string id, flags, expr;
  bool negated = false;
  // Hyperscan form (MakeHsPattern)
  std::string hs_expr;
  unsigned hs_flags = 0;
  bool native = false;
};

inline std::vector<Rule> LoadRules(const std::string& path) {
  std::vector<Rule> rules;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    Rule r;
    size_t a = line.find('\t'), b = line.find('\t', a + 1), c = line.find('\t', b + 1);
    r.id = line.substr(0, a);
    r.flags = line.substr(a + 1, b - a - 1);
    r.negated = line.substr(b + 1, c - b - 1) == "1";
    r.expr = line.substr(c + 1);
    inboxsim::scan::detail::Flags f;
    inboxsim::scan::detail::ParseFlags(r.flags, &f);
    auto hp = inboxsim::scan::detail::MakeHsPattern(r.expr, f);
    r.hs_expr = hp.expression;
    r.hs_flags = hp.flags;
    rules.push_back(std::move(r));
  }
  return rules;
}

struct Texts {
  std::string bytes;
  std::vector<size_t> begin, end;
  size_t size() const { return begin.size(); }
  const char* data(size_t i) const { return bytes.data() + begin[i]; }
  size_t len(size_t i) const { return end[i] - begin[i]; }
};

inline Texts LoadTexts(const std::string& path) {
  Texts t;
  std::ifstream in(path, std::ios::binary);
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t p = 0;
  while (p + 4 <= all.size()) {
    uint32_t len; memcpy(&len, all.data() + p, 4); p += 4;
    t.begin.push_back(t.bytes.size());
    t.bytes.append(all, p, len);
    t.end.push_back(t.bytes.size());
    p += len;
  }
  return t;
}

struct DbFree { void operator()(hs_database_t* d) const { hs_free_database(d); } };
using Db = std::unique_ptr<hs_database_t, DbFree>;

// Compiles patterns (expr, flags, id) into a block database; nullptr + message on failure.
inline Db Compile(const std::vector<std::string>& exprs, const std::vector<unsigned>& flags,
                  const std::vector<unsigned>& ids, std::string* error = nullptr) {
  if (exprs.empty()) return nullptr;
  std::vector<const char*> e;
  for (auto& s : exprs) e.push_back(s.c_str());
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_compile_multi(e.data(), flags.data(), ids.data(), e.size(), HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
    if (error) *error = std::string(err->message) + " (expr " + std::to_string(err->expression) + ")";
    hs_free_compile_error(err);
    return nullptr;
  }
  return Db(db);
}

using Clock = std::chrono::steady_clock;
inline double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

inline double Median(std::vector<double> v) { std::sort(v.begin(), v.end()); return v[v.size() / 2]; }

using HitSets = std::vector<std::vector<uint32_t>>;  // per text: sorted rule indices

inline void SaveHits(const std::string& path, const HitSets& h) {
  std::ofstream out(path);
  for (auto& v : h) { for (size_t i = 0; i < v.size(); ++i) out << (i ? " " : "") << v[i]; out << "\n"; }
}
inline HitSets LoadHits(const std::string& path) {
  HitSets h; std::ifstream in(path); std::string line;
  while (std::getline(in, line)) { std::istringstream ss(line); std::vector<uint32_t> v; uint32_t x; while (ss >> x) v.push_back(x); h.push_back(v); }
  return h;
}

}  // namespace ex
