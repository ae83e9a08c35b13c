// ReversedSuperset: a pattern for the text read backwards, so that a
// Hyperscan scan of the reversed text reports where matches may start.
//
// Hyperscan reports where a match ends, never every place one may start;
// PCRE2, asked whether a pattern matches anywhere, tries every start in
// turn. For a pattern too large for Hyperscan that costs PCRE2 tens of
// nanoseconds a byte. Scanning the reversed text with the reversed pattern
// gives, as its match ends, every offset where a match of the original can
// begin; PCRE2 then runs anchored at those offsets only, with the same
// answer.
//
//   detail::Flags flags;
//   flags.multiline = true;
//   auto r = detail::ReversedSuperset("^ab+(?=c)|d$", flags);
//   // *r == "b+a$|^d": the lookahead dropped, ^ and $ exchanged
#ifndef INBOXSIM_SCAN_REVERSED_PATTERN_H_
#define INBOXSIM_SCAN_REVERSED_PATTERN_H_

#include <optional>
#include <string>
#include <string_view>

#include "sim/scan/pattern_syntax.h"

namespace inboxsim::scan::detail {

// A pattern matching, in the reversed text, at least every reversed match
// of `expression`, under the same flags: sequences written backwards,
// groups non-capturing, ^ and $ exchanged under m (else dropped, as are
// \A \z \Z), lookaround, atomic grouping and possessive or lazy marks
// dropped (each only narrows a match), and a (?i) or (?s) set inside the
// pattern applied to the whole. Each dropped restriction can only widen
// the language, so offsets found with it are a superset of the true ones.
// nullopt for what it cannot reverse or does not parse: the u and x flags,
// back-references, \Q..\E, \K \G \R \X \C \N \p \o, verbs, recursion,
// conditionals, a (?m) or (?-...) setting, and malformed patterns.
std::optional<std::string> ReversedSuperset(std::string_view expression,
                                            const Flags& flags);

}  // namespace inboxsim::scan::detail

#endif  // INBOXSIM_SCAN_REVERSED_PATTERN_H_
