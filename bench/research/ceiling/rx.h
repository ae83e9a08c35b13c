// A small parser for the PCRE subset SpamAssassin body rules use (8-bit,
// non-UTF, flags i m s), into an AST of byte sets, so that a pattern can be
// analysed (required literals) and rewritten into an exact superset
// (prefilter) and emitted again as a flag-free Hyperscan expression.
// Anything it does not understand makes Parse() fail: the rule is then left
// untouched (conservative).
#pragma once
#include <bitset>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace rx {

using Bytes = std::bitset<256>;

enum class Kind { kEmpty, kSet, kAssert, kConcat, kAlt, kRepeat, kOpaque };

struct Node {
  Kind kind = Kind::kEmpty;
  Bytes set;                 // kSet
  std::string text;          // kAssert: "\\b", "\\B", "^", "$", "\\A", "\\z", "\\Z"; kOpaque: raw
  std::vector<std::shared_ptr<Node>> kids;  // kConcat, kAlt, kRepeat (1)
  int min = 0, max = -1;     // kRepeat; max -1 = unbounded
};
using NodeP = std::shared_ptr<Node>;

inline NodeP Make(Kind k) { auto n = std::make_shared<Node>(); n->kind = k; return n; }

struct Flags { bool i = false, m = false, s = false; };

inline Bytes Range(int a, int b) { Bytes r; for (int c = a; c <= b; ++c) r.set(c); return r; }
inline Bytes Word() { return Range('0', '9') | Range('A', 'Z') | Range('a', 'z') | Range('_', '_'); }
inline Bytes Digit() { return Range('0', '9'); }
inline Bytes Space() { Bytes r = Range(9, 13); r.set(' '); return r; }
inline Bytes Fold(Bytes b) {
  for (int c = 'a'; c <= 'z'; ++c) if (b[c] || b[c - 32]) { b.set(c); b.set(c - 32); }
  return b;
}

class Parser {
 public:
  Parser(const std::string& s, Flags f) : s_(s), f_(f) {}
  NodeP Parse() {
    NodeP n = ParseAlt();
    if (!ok_ || p_ != s_.size()) return nullptr;
    return n;
  }
  std::string error;

 private:
  const std::string& s_;
  Flags f_;
  size_t p_ = 0;
  bool ok_ = true;
  void Fail(const std::string& e) { if (ok_) error = e + " at " + std::to_string(p_); ok_ = false; }
  bool More() const { return ok_ && p_ < s_.size(); }

  NodeP ParseAlt() {
    auto alt = Make(Kind::kAlt);
    alt->kids.push_back(ParseConcat());
    while (More() && s_[p_] == '|') { ++p_; alt->kids.push_back(ParseConcat()); }
    if (alt->kids.size() == 1) return alt->kids[0];
    return alt;
  }
  NodeP ParseConcat() {
    auto cat = Make(Kind::kConcat);
    while (More() && s_[p_] != '|' && s_[p_] != ')') {
      NodeP atom = ParseAtom();
      if (!ok_) return cat;
      if (!atom) continue;  // nothing (e.g. a comment)
      atom = ParseQuant(atom);
      cat->kids.push_back(atom);
    }
    return cat;
  }
  NodeP ParseQuant(NodeP atom) {
    while (More()) {
      char c = s_[p_];
      int mn, mx;
      if (c == '*') { mn = 0; mx = -1; ++p_; }
      else if (c == '+') { mn = 1; mx = -1; ++p_; }
      else if (c == '?') { mn = 0; mx = 1; ++p_; }
      else if (c == '{') {
        size_t q = p_ + 1; std::string a, b; bool comma = false;
        while (q < s_.size() && isdigit((unsigned char)s_[q])) a += s_[q++];
        if (q < s_.size() && s_[q] == ',') { comma = true; ++q; while (q < s_.size() && isdigit((unsigned char)s_[q])) b += s_[q++]; }
        if (q >= s_.size() || s_[q] != '}' || a.empty()) return atom;  // literal '{' follows: handled by caller
        mn = std::stoi(a); mx = comma ? (b.empty() ? -1 : std::stoi(b)) : mn;
        p_ = q + 1;
      } else break;
      // lazy: same hit set; possessive: matches a subset of the greedy
      // form's, so reading it as greedy is a superset (fine for prefilters
      // and for the required-literal analysis).
      if (More() && (s_[p_] == '?' || s_[p_] == '+')) ++p_;
      auto r = Make(Kind::kRepeat); r->min = mn; r->max = mx; r->kids.push_back(atom);
      atom = r;
    }
    return atom;
  }
  NodeP SetNode(Bytes b) {
    if (f_.i) b = Fold(b);
    auto n = Make(Kind::kSet); n->set = b; return n;
  }
  // An escape after '\' (p_ at the char after the backslash); in_class: inside [].
  // Returns the byte set, or sets *assert for \b etc.
  std::optional<Bytes> Escape(bool in_class, std::string* assert_text) {
    if (p_ >= s_.size()) { Fail("trailing backslash"); return std::nullopt; }
    char c = s_[p_++];
    switch (c) {
      case 'd': return Digit();
      case 'D': return ~Digit();
      case 'w': return Word();
      case 'W': return ~Word();
      case 's': return Space();
      case 'S': return ~Space();
      case 'h': { Bytes b; b.set(9); b.set(32); b.set(0xA0); return b; }
      case 'n': return Range(10, 10);
      case 'r': return Range(13, 13);
      case 't': return Range(9, 9);
      case 'f': return Range(12, 12);
      case 'e': return Range(27, 27);
      case 'a': return Range(7, 7);
      case 'x': {
        if (p_ < s_.size() && s_[p_] == '{') { Fail("\\x{}"); return std::nullopt; }
        int v = 0, k = 0;
        while (k < 2 && p_ < s_.size() && isxdigit((unsigned char)s_[p_])) { v = v * 16 + std::stoi(std::string(1, s_[p_]), nullptr, 16); ++p_; ++k; }
        return Range(v, v);
      }
      case 'b': if (in_class) return Range(8, 8); *assert_text = "\\b"; return std::nullopt;
      case 'B': case 'A': case 'z': case 'Z': case 'G':
        if (in_class) { Fail("class escape"); return std::nullopt; }
        *assert_text = std::string("\\") + c; return std::nullopt;
      default:
        if (isalnum((unsigned char)c)) { Fail(std::string("escape \\") + c); return std::nullopt; }
        return Range((unsigned char)c, (unsigned char)c);
    }
  }
  NodeP ParseClass() {  // p_ after '['
    bool neg = false;
    if (p_ < s_.size() && s_[p_] == '^') { neg = true; ++p_; }
    Bytes b;
    bool first = true;
    while (true) {
      if (p_ >= s_.size()) { Fail("unterminated class"); return nullptr; }
      char c = s_[p_];
      if (c == ']' && !first) { ++p_; break; }
      first = false;
      int lo = -1; Bytes single;
      if (c == '[' && p_ + 1 < s_.size() && s_[p_ + 1] == ':') {
        size_t e = s_.find(":]", p_ + 2);
        if (e == std::string::npos) { Fail("posix"); return nullptr; }
        std::string name = s_.substr(p_ + 2, e - p_ - 2); p_ = e + 2;
        bool pn = false; if (!name.empty() && name[0] == '^') { pn = true; name = name.substr(1); }
        Bytes x;
        if (name == "alpha") x = Range('a','z') | Range('A','Z');
        else if (name == "digit") x = Digit();
        else if (name == "alnum") x = Range('a','z') | Range('A','Z') | Digit();
        else if (name == "space") x = Space();
        else if (name == "upper") x = Range('A','Z');
        else if (name == "lower") x = Range('a','z');
        else if (name == "punct") { for (int k = 33; k < 127; ++k) if (!isalnum(k)) x.set(k); }
        else if (name == "xdigit") x = Digit() | Range('a','f') | Range('A','F');
        else if (name == "word") x = Word();
        else if (name == "blank") { x.set(' '); x.set(9); }
        else if (name == "cntrl") x = Range(0, 31) | Range(127, 127);
        else if (name == "print") x = Range(32, 126);
        else if (name == "graph") x = Range(33, 126);
        else { Fail("posix " + name); return nullptr; }
        b |= pn ? ~x : x;
        continue;
      }
      if (c == '\\') {
        ++p_; std::string at;
        auto e = Escape(true, &at);
        if (!ok_ || !e) { Fail("class escape"); return nullptr; }
        single = *e;
        if (single.count() == 1) { for (int k = 0; k < 256; ++k) if (single[k]) lo = k; }
      } else { lo = (unsigned char)c; single = Range(lo, lo); ++p_; }
      // range?
      if (lo >= 0 && p_ + 1 < s_.size() && s_[p_] == '-' && s_[p_ + 1] != ']') {
        ++p_;
        int hi;
        if (s_[p_] == '\\') { ++p_; std::string at; auto e = Escape(true, &at); if (!ok_ || !e || e->count() != 1) { Fail("range"); return nullptr; } hi = -1; for (int k = 0; k < 256; ++k) if ((*e)[k]) hi = k; }
        else hi = (unsigned char)s_[p_++];
        if (hi < lo) { Fail("bad range"); return nullptr; }
        single = Range(lo, hi);
      }
      b |= single;
    }
    if (f_.i) b = Fold(b);
    if (neg) b = ~b;  // PCRE folds before negating
    auto n = Make(Kind::kSet); n->set = b; return n;
  }
  NodeP ParseAtom() {
    char c = s_[p_];
    if (c == '(') {
      ++p_;
      if (p_ < s_.size() && s_[p_] == '?') {
        ++p_;
        if (p_ >= s_.size()) { Fail("group"); return nullptr; }
        char d = s_[p_];
        if (d == ':') { ++p_; }
        else if (d == '=' || d == '!' || (d == '<' && p_ + 1 < s_.size() && (s_[p_+1] == '=' || s_[p_+1] == '!'))) {
          // lookaround: opaque, raw text kept
          size_t start = p_ - 2;
          size_t depth = 1; size_t q = p_;
          while (q < s_.size() && depth) {
            if (s_[q] == '\\') { q += 2; continue; }
            if (s_[q] == '[') { // skip class
              size_t r = q + 1; if (r < s_.size() && s_[r] == '^') ++r; if (r < s_.size() && s_[r] == ']') ++r;
              while (r < s_.size() && s_[r] != ']') { if (s_[r] == '\\') ++r; else if (s_[r] == '[' && r + 1 < s_.size() && s_[r+1] == ':') { size_t e = s_.find(":]", r); if (e == std::string::npos) break; r = e + 1; } ++r; }
              q = r + 1; continue;
            }
            if (s_[q] == '(') ++depth; else if (s_[q] == ')') --depth;
            ++q;
          }
          if (depth) { Fail("lookaround"); return nullptr; }
          auto n = Make(Kind::kOpaque); n->text = s_.substr(start, q - start);
          if (f_.i) n->text = "(?i:" + n->text + ")";
          p_ = q; return n;
        } else if (d == '#') {
          size_t e = s_.find(')', p_); if (e == std::string::npos) { Fail("comment"); return nullptr; }
          p_ = e + 1; return nullptr;
        } else { Fail("group type"); return nullptr; }
      }
      NodeP inner = ParseAlt();
      if (!More() || s_[p_] != ')') { Fail("unclosed group"); return nullptr; }
      ++p_;
      return inner;
    }
    if (c == '[') { ++p_; return ParseClass(); }
    if (c == '.') { ++p_; Bytes b; b.set(); if (!f_.s) b.reset('\n'); auto n = Make(Kind::kSet); n->set = b; return n; }
    if (c == '^' || c == '$') { ++p_; auto n = Make(Kind::kAssert); n->text = std::string(1, c); return n; }
    if (c == '\\') {
      ++p_; std::string at;
      auto e = Escape(false, &at);
      if (!ok_) return nullptr;
      if (!e) { auto n = Make(Kind::kAssert); n->text = at; return n; }
      return SetNode(*e);
    }
    if (c == '*' || c == '+' || c == '?') { Fail("dangling quantifier"); return nullptr; }
    ++p_;
    return SetNode(Range((unsigned char)c, (unsigned char)c));
  }
};

inline NodeP Parse(const std::string& s, const std::string& flags, std::string* err) {
  Flags f;
  for (char c : flags) { if (c == 'i') f.i = true; else if (c == 'm') f.m = true; else if (c == 's') f.s = true; else { *err = "flag"; return nullptr; } }
  // possessive quantifiers change the hit set: refuse them.
  Parser p(s, f);
  NodeP n = p.Parse();
  if (!n) *err = p.error;
  return n;
}

// ---- emission (flag-free except m for ^ $; caller passes HS_FLAG_MULTILINE when m) ----
inline std::string Hex(int c) { char buf[8]; snprintf(buf, sizeof buf, "\\x%02x", c); return buf; }
inline std::string EmitSet(const Bytes& b) {
  if (b.count() == 256) return "[\\x00-\\xff]";
  if (b.count() == 1) { for (int c = 0; c < 256; ++c) if (b[c]) return Hex(c); }
  std::string out = "[";
  for (int c = 0; c < 256;) {
    if (!b[c]) { ++c; continue; }
    int d = c; while (d + 1 < 256 && b[d + 1]) ++d;
    out += Hex(c); if (d > c) { out += "-"; out += Hex(d); }
    c = d + 1;
  }
  return out + "]";
}
inline std::string Emit(const NodeP& n) {
  switch (n->kind) {
    case Kind::kEmpty: return "";
    case Kind::kSet: return EmitSet(n->set);
    case Kind::kAssert: return n->text;
    case Kind::kOpaque: return n->text;
    case Kind::kConcat: { std::string s; for (auto& k : n->kids) s += Emit(k); return "(?:" + s + ")"; }
    case Kind::kAlt: { std::string s; for (size_t i = 0; i < n->kids.size(); ++i) { if (i) s += "|"; s += Emit(n->kids[i]); } return "(?:" + s + ")"; }
    case Kind::kRepeat: {
      std::string q;
      if (n->min == 0 && n->max == -1) q = "*";
      else if (n->min == 1 && n->max == -1) q = "+";
      else if (n->min == 0 && n->max == 1) q = "?";
      else if (n->max == -1) q = "{" + std::to_string(n->min) + ",}";
      else if (n->min == n->max) q = "{" + std::to_string(n->min) + "}";
      else q = "{" + std::to_string(n->min) + "," + std::to_string(n->max) + "}";
      return "(?:" + Emit(n->kids[0]) + ")" + q;
    }
  }
  return "";
}

// ---- analysis ----
inline bool Nullable(const NodeP& n) {
  switch (n->kind) {
    case Kind::kEmpty: case Kind::kAssert: case Kind::kOpaque: return true;
    case Kind::kSet: return false;
    case Kind::kConcat: for (auto& k : n->kids) if (!Nullable(k)) return false; return true;
    case Kind::kAlt: for (auto& k : n->kids) if (Nullable(k)) return true; return false;
    case Kind::kRepeat: return n->min == 0 || Nullable(n->kids[0]);
  }
  return true;
}

// Required-literal info: every match contains one of `req` (a set of
// strings over folded bytes); `exact` when the node's language is exactly
// `req` (finite, small).
struct Lit {
  bool exact = false;
  std::set<std::string> req;  // empty set with !exact: nothing required
  size_t MinLen() const {
    if (req.empty()) return 0;
    size_t m = SIZE_MAX; for (auto& s : req) m = std::min(m, s.size()); return m;
  }
};
constexpr size_t kMaxSet = 64;
constexpr size_t kMaxClass = 4;  // classes of up to this many (case-folded) bytes expand into literals

inline int FoldByte(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

inline Lit Better(const Lit& a, const Lit& b) {
  // prefer the larger min length
  return a.MinLen() >= b.MinLen() ? a : b;
}

inline Lit Analyse(const NodeP& n) {
  Lit out;
  switch (n->kind) {
    case Kind::kEmpty: case Kind::kAssert: case Kind::kOpaque:
      out.exact = true; out.req = {""}; return out;
    case Kind::kSet: {
      std::set<std::string> s;
      for (int c = 0; c < 256; ++c) if (n->set[c]) s.insert(std::string(1, (char)FoldByte(c)));
      if (s.size() <= kMaxClass) { out.exact = true; out.req = s; }
      return out;
    }
    case Kind::kAlt: {
      bool all_exact = true; std::set<std::string> u;
      for (auto& k : n->kids) {
        Lit l = Analyse(k);
        if (l.req.empty()) return Lit{};  // some branch requires nothing
        all_exact &= l.exact;
        u.insert(l.req.begin(), l.req.end());
      }
      out.exact = all_exact && u.size() <= kMaxSet;
      if (u.size() > kMaxSet * 4) return Lit{};
      out.req = u; return out;
    }
    case Kind::kRepeat: {
      Lit l = Analyse(n->kids[0]);
      if (n->min == 0) { if (n->max == 1 && l.exact) { out.exact = true; out.req = l.req; out.req.insert(""); if (out.req.size() > kMaxSet) return Lit{}; return out; } return Lit{}; }
      if (n->min == n->max && l.exact && n->min <= 8) {
        std::set<std::string> cur = {""};
        for (int r = 0; r < n->min; ++r) {
          std::set<std::string> nx;
          for (auto& a : cur) for (auto& b : l.req) nx.insert(a + b);
          if (nx.size() > kMaxSet) { out.exact = false; out.req = l.req; return out; }
          cur = nx;
        }
        out.exact = true; out.req = cur; return out;
      }
      out.exact = false; out.req = l.req; return out;  // at least one copy
    }
    case Kind::kConcat: {
      // Runs of exact children combine by cross product; best of runs and
      // non-exact children's requirements.
      Lit best;
      std::set<std::string> run = {""}; bool run_ok = true;
      auto flush = [&]() {
        if (run_ok) { Lit l; l.req = run; best = Better(best, l); }
        run = {""}; run_ok = true;
      };
      bool all_exact = true;
      for (auto& k : n->kids) {
        Lit l = Analyse(k);
        if (l.exact) {
          std::set<std::string> nx;
          for (auto& a : run) for (auto& b : l.req) nx.insert(a + b);
          if (nx.size() > kMaxSet) {
            // too many: keep the best so far and restart from this child
            flush(); run = l.req; all_exact = false;
          } else run = nx;
        } else {
          all_exact = false;
          flush();
          best = Better(best, l);
        }
      }
      if (all_exact && run_ok) { out.exact = true; out.req = run; return out; }
      flush();
      return best;
    }
  }
  return out;
}

// ---- superset rewrites ----
// Widen every bounded repeat {m,n} with n > 1 to {m,} (m=0: *, m=1: +).
inline NodeP Widen(const NodeP& n) {
  auto c = std::make_shared<Node>(*n);
  for (auto& k : c->kids) k = Widen(k);
  if (c->kind == Kind::kRepeat && c->max > 1) c->max = -1;
  return c;
}
// Replace zero-width assertions \b \B and lookarounds by empty (superset).
inline NodeP DropAsserts(const NodeP& n) {
  if (n->kind == Kind::kAssert && (n->text == "\\b" || n->text == "\\B")) return Make(Kind::kEmpty);
  if (n->kind == Kind::kOpaque) return Make(Kind::kEmpty);
  auto c = std::make_shared<Node>(*n);
  for (auto& k : c->kids) k = DropAsserts(k);
  return c;
}
// Simplify: flatten concat, remove empties.
inline NodeP Simplify(const NodeP& n) {
  auto c = std::make_shared<Node>(*n);
  for (auto& k : c->kids) k = Simplify(k);
  if (c->kind == Kind::kConcat) {
    std::vector<NodeP> kids;
    for (auto& k : c->kids) {
      if (k->kind == Kind::kEmpty) continue;
      if (k->kind == Kind::kConcat) for (auto& g : k->kids) kids.push_back(g);
      else kids.push_back(k);
    }
    c->kids = kids;
    if (kids.empty()) return Make(Kind::kEmpty);
    if (kids.size() == 1) return kids[0];
  }
  if (c->kind == Kind::kAlt) {
    // an alternation whose branches are all single sets -> one set
    bool sets = true; Bytes u;
    for (auto& k : c->kids) { if (k->kind != Kind::kSet) { sets = false; break; } u |= k->set; }
    if (sets) { auto s = Make(Kind::kSet); s->set = u; return s; }
    // an alternation containing an empty branch whose other branches are all zero-width-or-nullable: keep
  }
  return c;
}
// For unanchored "does the text contain a match" (hit sets), dropping
// leading/trailing elements of the top-level concatenation gives a superset
// (any match contains a match of the rest), and dropping leading/trailing
// NULLABLE elements is exact when the rest is non-empty... (we only need superset).
// Trims leading and trailing nullable elements and any element that is an
// alternation with a nullable branch (such as (?:\b|\s) after DropAsserts).
inline NodeP TrimEdges(const NodeP& n) {
  if (n->kind != Kind::kConcat) return n;
  auto c = std::make_shared<Node>(*n);
  auto droppable = [](const NodeP& k) { return Nullable(k); };
  while (c->kids.size() > 1 && droppable(c->kids.front())) c->kids.erase(c->kids.begin());
  while (c->kids.size() > 1 && droppable(c->kids.back())) c->kids.pop_back();
  return c;
}
inline bool HasAnchors(const NodeP& n) {
  if (n->kind == Kind::kAssert && n->text != "\\b" && n->text != "\\B") return true;
  for (auto& k : n->kids) if (HasAnchors(k)) return true;
  return false;
}

}  // namespace rx

namespace rx {
// The image of a pattern under the byte homomorphism that deletes every byte
// outside `keep` (and keeps the others as they are): a set becomes its kept
// part, made optional when it also holds deleted bytes; assertions and
// lookarounds become empty (their language only shrinks the match set, so
// dropping them is a superset). If the text T contains a match w, the
// projected text h(T) contains h(w), and h(w) is in L(Project(R)).
inline NodeP Project(const NodeP& n, const Bytes& keep) {
  switch (n->kind) {
    case Kind::kEmpty: case Kind::kAssert: case Kind::kOpaque: return Make(Kind::kEmpty);
    case Kind::kSet: {
      Bytes k = n->set & keep;
      bool del = (n->set & ~keep).any();
      if (k.none()) return Make(Kind::kEmpty);
      auto s = Make(Kind::kSet); s->set = k;
      if (!del) return s;
      auto r = Make(Kind::kRepeat); r->min = 0; r->max = 1; r->kids.push_back(s); return r;
    }
    default: {
      auto c = std::make_shared<Node>(*n);
      for (auto& k : c->kids) k = Project(k, keep);
      return c;
    }
  }
}
// Removes empties from repeats and alternations (after Project).
inline NodeP Clean(const NodeP& n) {
  auto c = std::make_shared<Node>(*n);
  for (auto& k : c->kids) k = Clean(k);
  if (c->kind == Kind::kRepeat) {
    if (c->kids[0]->kind == Kind::kEmpty || c->max == 0) return Make(Kind::kEmpty);
    // (X?){0,n} and the like: keep; a nullable child under {m,n} with m>0 is fine for Hyperscan
    return c;
  }
  if (c->kind == Kind::kAlt) {
    std::vector<NodeP> kids; bool empty = false;
    for (auto& k : c->kids) { if (k->kind == Kind::kEmpty) empty = true; else kids.push_back(k); }
    if (kids.empty()) return Make(Kind::kEmpty);
    NodeP body;
    if (kids.size() == 1) body = kids[0]; else { body = Make(Kind::kAlt); body->kids = kids; }
    if (!empty) return Simplify(body);
    auto r = Make(Kind::kRepeat); r->min = 0; r->max = 1; r->kids.push_back(Simplify(body)); return r;
  }
  return Simplify(c);
}
}  // namespace rx

namespace rx {
// The pattern restricted to texts made only of `allowed` bytes: every set
// intersected with `allowed`; what can then match nothing is dead (nullptr):
// a sequence with a dead part is dead, an alternation loses its dead
// branches, a repeat of a dead part matches only the empty string (min 0)
// or is dead. On a text of allowed bytes only, every match uses allowed
// bytes only, so the restricted pattern has exactly the same matches there.
// Lookarounds are kept as written (they read the same text).
inline NodeP Restrict(const NodeP& n, const Bytes& allowed) {
  switch (n->kind) {
    case Kind::kEmpty: case Kind::kAssert: case Kind::kOpaque: return n;
    case Kind::kSet: {
      Bytes k = n->set & allowed;
      if (k.none()) return nullptr;
      auto s = Make(Kind::kSet); s->set = k; return s;
    }
    case Kind::kConcat: {
      auto c = Make(Kind::kConcat);
      for (auto& k : n->kids) { NodeP x = Restrict(k, allowed); if (!x) return nullptr; c->kids.push_back(x); }
      return c;
    }
    case Kind::kAlt: {
      auto c = Make(Kind::kAlt);
      for (auto& k : n->kids) { NodeP x = Restrict(k, allowed); if (x) c->kids.push_back(x); }
      if (c->kids.empty()) return nullptr;
      if (c->kids.size() == 1) return c->kids[0];
      return c;
    }
    case Kind::kRepeat: {
      NodeP x = Restrict(n->kids[0], allowed);
      if (!x) return n->min == 0 ? Make(Kind::kEmpty) : nullptr;
      auto c = std::make_shared<Node>(*n); c->kids[0] = x; return c;
    }
  }
  return n;
}
}  // namespace rx
