// Adversarial texts: for every parsed native rule, strings generated from its
// AST (random members of each set, favouring separators, look-alike bytes
// >= 0x80 and other non-alnum members; random repeat counts up to and just
// past the bounds; random branches), placed at the start, the end, the
// middle of filler, alone, and mutated (a byte dropped, doubled, or replaced
// by a separator), plus hand-written obfuscated spellings.
// Writes adv.bin (the texts.bin format).
#include <random>
#ifndef SEED
#define SEED 12345
#endif

#include "common.h"
#include "rx.h"

using namespace ex;

std::mt19937 rng(SEED);

int Pick(const rx::Bytes& b) {
  std::vector<int> all, odd;
  for (int c = 0; c < 256; ++c) if (b[c]) { all.push_back(c); if (!isalnum(c)) odd.push_back(c); }
  if (all.empty()) return 'x';
  if (!odd.empty() && rng() % 2) return odd[rng() % odd.size()];
  return all[rng() % all.size()];
}

void Gen(const rx::NodeP& n, std::string* out, int depth = 0) {
  switch (n->kind) {
    case rx::Kind::kEmpty: case rx::Kind::kAssert: case rx::Kind::kOpaque: return;
    case rx::Kind::kSet: out->push_back((char)Pick(n->set)); return;
    case rx::Kind::kConcat: for (auto& k : n->kids) Gen(k, out, depth + 1); return;
    case rx::Kind::kAlt: Gen(n->kids[rng() % n->kids.size()], out, depth + 1); return;
    case rx::Kind::kRepeat: {
      int hi = n->max < 0 ? n->min + 5 : n->max;
      if (hi > n->min + 40) hi = n->min + 40;
      int count = n->min + (hi > n->min ? rng() % (hi - n->min + 1) : 0);
      if (rng() % 8 == 0) count = hi + 1;  // just past the bound: a near miss
      if (depth > 30) count = n->min;
      for (int i = 0; i < count; ++i) Gen(n->kids[0], out, depth + 1);
      return;
    }
  }
}

std::string Filler(bool high) {
  static const char* words[] = {"the", "price", "of", "our", "pills", "is", "low", "buy", "now", "and", "save",
                                "money", "viagra", "valium", "email", "account", "100%", "$", "us", "...", "-", "!"};
  std::string s;
  int n = rng() % 12;
  for (int i = 0; i < n; ++i) {
    s += words[rng() % (sizeof words / sizeof *words)];
    s += (rng() % 5 == 0) ? "\n" : " ";
    if (high && rng() % 4 == 0) s.push_back((char)(0xA0 + rng() % 0x60));
  }
  return s;
}

int main() {
  auto rules = LoadRules("rules.tsv");
  std::vector<uint32_t> native;
  { std::ifstream in("native.txt"); uint32_t x; while (in >> x) native.push_back(x); }
  std::vector<std::string> texts = {
      "viagra", "VIAGRA", "v_i_a_g_r_a", "v-1-@-g-r-@", "\\/iagra", "\\/ i a g r a", "v!agr@", "V\xEC\xE0gr\xE0",
      "v...i...a...g...r...a", "v....iagra", " v i a g r a ", "xviagra", "viagrax", "vi@gra.", "_viagra_",
      "val1um", "\\/@l|um", "v@l!\xFCm", "amb\xEE" "en", "@mb!3n", "x@n@x", "xan@x", "X4N4X", "s0n@t@", "s o n a t a",
      "c\xEB" "l" "\xE9" "brex", "v!c0d!n", "hydr0c0d0ne", "t\xE8nu\xE0t\xE9", "phent3rm1ne", "u l t r a m",
      "ZZZZZZZZZZZZZZZZZZZZ words", "word ABCDEFGHIJKLMNOPQRSTU word", "fifty percent for you", "50% of your money",
      "$1,000,000", "US$ 5 million", "usd 100 M", "",
  };
  for (uint32_t r : native) {
    std::string err;
    rx::NodeP n = rx::Parse(rules[r].expr, rules[r].flags, &err);
    if (!n) continue;
    rx::NodeP ascii = rx::Restrict(n, rx::Range(0, 0x7f));
    for (int k = 0; k < 24; ++k) {
      std::string m;
      // half of them from the rule restricted to ASCII, with ASCII filler
      const bool asc = k >= 12 && ascii;
      Gen(asc ? ascii : n, &m);
      if (m.size() > 4000) m.resize(4000);
      bool high = !asc && k % 2;
      switch (k % 6) {
        case 0: texts.push_back(m); break;
        case 1: texts.push_back(Filler(high) + m); break;
        case 2: texts.push_back(m + Filler(high)); break;
        case 3: texts.push_back(Filler(high) + " " + m + " " + Filler(high)); break;
        case 4: {  // mutation: drop, double, or replace one byte by a separator
          if (!m.empty()) {
            size_t at = rng() % m.size();
            int op = rng() % 3;
            if (op == 0) m.erase(at, 1);
            else if (op == 1) m.insert(at, 1, m[at]);
            else m[at] = "_ .-@!|\xE0\n"[rng() % 9];
          }
          texts.push_back(Filler(high) + m);
          break;
        }
        case 5: texts.push_back(m + "\n" + m); break;
      }
    }
  }
  std::ofstream out("adv.bin", std::ios::binary);
  size_t bytes = 0;
  for (auto& t : texts) { uint32_t len = t.size(); out.write((const char*)&len, 4); out.write(t.data(), len); bytes += len; }
  fprintf(stderr, "%zu adversarial texts, %zu bytes\n", texts.size(), bytes);
}
