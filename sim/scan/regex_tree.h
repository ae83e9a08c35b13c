// RegexTree: a pattern parsed into a tree over byte sets, for the rewrites
// that build exact prefilters (prefilter_plan.h). Each rewrite yields a
// pattern that matches every text the original matches (a superset), so a
// prefilter hit confirmed by the original rule alone gives exactly the
// original's hits.
//
//   detail::Flags flags;
//   flags.caseless = true;
//   std::optional<RegexTree> tree = RegexTree::Parse("v[_\\W]{0,3}iagra",
//   flags); RegexTree image = tree->Project(AlnumBytes()).TrimEdges();
//   image.Emit();  // "(?:[Vv][Ii][Aa][Gg][Rr][Aa])", ready for Hyperscan
//
// The subset understood is what byte-oriented rules use (SpamAssassin's
// body rules): flags i, m and s; literals, escapes \d \D \w \W \s \S \h \n
// \r \t \f \e \a \xHH and escaped punctuation; classes with ranges and
// POSIX names; groups (?:...) and plain (...); lookaround, kept opaque;
// the anchors ^ $ \A \z \Z \b \B; greedy, lazy and possessive repeats.
// Anything else (u, x, back-references, \Q..\E, \p, inline flags, \v, \R,
// \x{...}, verbs, ...) makes Parse() return nullopt, and the pattern is then
// left as it is. Case folding is ASCII-only, as in Hyperscan and PCRE2
// without u; . excludes \n unless s.
#ifndef INBOXSIM_SCAN_REGEX_TREE_H_
#define INBOXSIM_SCAN_REGEX_TREE_H_

#include <bitset>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scan/pattern_syntax.h"

namespace inboxsim::scan::detail {

using ByteSet = std::bitset<256>;

// [0-9A-Za-z]: the bytes the separator-deleted copy of a text keeps.
ByteSet AlnumBytes();

// `text` with every byte outside `keep` deleted, into `*out` (cleared
// first). The image of a match of R in `text` is a substring of the result
// and matches R.Project(keep).
void DeleteBytesOutside(std::string_view text, const ByteSet& keep,
                        std::string* out);

class RegexTree {
 public:
  struct Node;
  using NodePtr = std::shared_ptr<const Node>;

  // nullopt when `expression` uses anything outside the subset above or is
  // malformed.
  static std::optional<RegexTree> Parse(std::string_view expression,
                                        const Flags& flags);

  // The pattern in Hyperscan syntax, without flag letters: case folding is
  // written into the sets. Pass HS_FLAG_MULTILINE when the source had m (^
  // and $ are emitted as they are). Lookarounds are emitted as written, in
  // a (?i:...) group when the source had i.
  std::string Emit() const;

  // Whether it matches the empty string.
  bool Nullable() const;
  // The length of the shortest string in the best set of literals every
  // match must contain (case folded); 0 when no literal is required. A
  // pattern with a required literal of 2 or more bytes is one Hyperscan
  // finds with its literal matcher; one without is scanned by automata.
  size_t RequiredLiteralLength() const;

  // Superset rewrites.
  // The image under the homomorphism that deletes every byte outside
  // `keep`: a set becomes its kept bytes, optional when it also held
  // deleted ones; assertions and lookarounds become empty. Then simplified.
  RegexTree Project(const ByteSet& keep) const;
  // Every {m,n} with n > 1 becomes {m,}.
  RegexTree Widen() const;
  // \b, \B and lookarounds become empty (other anchors stay).
  RegexTree DropWordAssertions() const;
  // Drops nullable elements at either end of the top-level sequence: a
  // superset for "does the text contain a match" (exact when none of them
  // is an assertion, as after Project).
  RegexTree TrimEdges() const;
  // The contiguous runs of at most `max_length` elements of the top-level
  // sequence (the whole pattern is one element when it is not a
  // sequence), each one non-nullable, in order of start then length. Any
  // match of the pattern contains a match of each window.
  std::vector<RegexTree> Windows(size_t max_length) const;

  // Whether the source had m (for HS_FLAG_MULTILINE) and kept anchors.
  bool multiline() const { return multiline_; }

 private:
  RegexTree(NodePtr root, bool multiline)
      : root_(std::move(root)), multiline_(multiline) {}
  NodePtr root_;
  bool multiline_ = false;
};

}  // namespace inboxsim::scan::detail

#endif  // INBOXSIM_SCAN_REGEX_TREE_H_
