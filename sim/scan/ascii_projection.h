// AsciiProjection: a pattern cut down to what it can match in a text of
// ASCII bytes only. SpamAssassin's ReplaceTags rules spell each letter as
// an alternation of look-alikes, most of them multi-byte UTF-8 sequences;
// written out they exceed Hyperscan's pattern length and run with PCRE2 on
// every text. Most mail is ASCII, and there the look-alikes cannot match:
// without them the same rule is a few hundred bytes Hyperscan runs
// natively, and PCRE2 is needed only for the texts with a byte >= 0x80.
//
//   detail::Flags flags;  // no u, no x
//   auto p = detail::AsciiProjection("(?:[a\\xe0]|\\xc3\\xa0)b", flags);
//   // p->expression == "(?:[a])b": the same hits on ASCII text
#ifndef INBOXSIM_SCAN_ASCII_PROJECTION_H_
#define INBOXSIM_SCAN_ASCII_PROJECTION_H_

#include <optional>
#include <string>
#include <string_view>

#include "sim/scan/pattern_syntax.h"

namespace inboxsim::scan::detail {

struct Projection {
  // Matches an ASCII text exactly where the pattern does; "" when
  // `never` is set.
  std::string expression;
  // The pattern cannot match any ASCII text at all.
  bool never = false;
};

// The ASCII projection of `expression`: every literal, escape and class
// member for a byte >= 0x80 removed, with what needed it (a sequence
// needing it is dead, an alternation keeps its live alternatives, an
// optional one is dropped). Lookaround bodies are kept as written. nullopt
// when nothing would change, and for what it does not parse or cannot
// decide: the u flag (case folding can map a non-ASCII letter onto an
// ASCII one), x, \Q..\E, back-references, recursion, conditionals, verbs,
// \p, \X, \C, and malformed patterns.
std::optional<Projection> AsciiProjection(std::string_view expression,
                                          const Flags& flags);

}  // namespace inboxsim::scan::detail

#endif  // INBOXSIM_SCAN_ASCII_PROJECTION_H_
