// Byte semantics of the parser vs Hyperscan: for single-position
// expressions, which of the 256 bytes Hyperscan matches (via MakeHsPattern
// with the given flags) and which the parser's set holds.
#include "common.h"
#include "rx.h"
using namespace ex;
static int Found(unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) { *static_cast<bool*>(ctx) = true; return 1; }
int main() {
  const char* exprs[] = {"\\s", "\\S", "\\w", "\\W", "\\d", "\\D", ".", "[_\\W]", "[^a]", "\\xe0", "[\\xe0-\\xe6]", "[[:punct:]]",
                         "[[:alpha:]]", "[[:space:]]", "[[:^alpha:]]", "\\h", "[\\s)]", "[^\\s.]", "[a40\\xE0-\\xE6@]", "a", "\\x41", "[^0-9a-z]", "[\\w\\s]"};
  int bad = 0;
  for (const char* e : exprs) for (const char* fl : {"", "i", "s", "is", "m"}) {
    inboxsim::scan::detail::Flags f; inboxsim::scan::detail::ParseFlags(fl, &f);
    auto hp = inboxsim::scan::detail::MakeHsPattern(e, f);
    std::string err;
    Db d = Compile({hp.expression}, {hp.flags}, {0}, &err);
    if (!d) { printf("hs refuses %s: %s\n", e, err.c_str()); continue; }
    hs_scratch_t* s = nullptr; hs_alloc_scratch(d.get(), &s);
    rx::NodeP n = rx::Parse(e, fl, &err);
    if (n && n->kind == rx::Kind::kConcat && n->kids.size() == 1) n = n->kids[0];
    if (!n || n->kind != rx::Kind::kSet) { printf("parser: %s %s\n", e, err.c_str()); continue; }
    for (int c = 0; c < 256; ++c) {
      char b = (char)c; bool found = false;
      hs_scan(d.get(), &b, 1, 0, s, Found, &found);
      if (found != (bool)n->set[c]) { ++bad; printf("DIFF %s /%s byte 0x%02x: hs %d parser %d\n", e, fl, c, found, (int)n->set[c]); }
    }
    hs_free_scratch(s);
  }
  printf("%d differences\n", bad);
}
