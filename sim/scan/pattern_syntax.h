// Pattern-text helpers shared by the engines: the flag letters, UTF-8
// validation, and the rewrites that let RE2 and std::regex (the one-at-a-time
// baselines) run a PCRE-syntax pattern with exactly PCRE2's meaning, or say
// why they cannot.
//
//   detail::Flags flags;
//   if (auto bad = detail::ParseFlags("im", &flags)) { /* *bad: the reason */ }
//   detail::Translation t = detail::TranslateForRe2("free\\s+money$", flags);
//   // t.expression == "free[[:space:]]+money(?:\\n?\\z)", t.error empty
#ifndef INBOXSIM_SCAN_PATTERN_SYNTAX_H_
#define INBOXSIM_SCAN_PATTERN_SYNTAX_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace inboxsim::scan::detail {

// The flag letters of PatternSpec::flags, decoded.
struct Flags {
  bool caseless = false;   // i
  bool multiline = false;  // m
  bool dotall = false;     // s
  bool utf = false;        // u
  bool extended = false;   // x
};

// Decodes `letters` into `*flags`; returns why it cannot (an unknown letter),
// nullopt on success. Repeated letters are allowed.
std::optional<std::string> ParseFlags(std::string_view letters, Flags* flags);

// A pattern rewritten for a baseline engine, or why that engine cannot run it
// with PCRE2's meaning (`error` non-empty; `expression` then unspecified).
struct Translation {
  std::string expression;
  std::string error;
};

// For RE2 (flags become the (?i) (?m) (?s) prefix; the caller picks Latin-1
// or UTF-8 encoding from flags.utf). Rewrites \s and \S to [[:space:]] forms
// (RE2's \s lacks \v), and a final $ without m to (?:\n?\z) (PCRE2's $ also
// matches before a final newline, RE2's does not). Refuses x, \v (vertical
// space in PCRE2, VT in RE2), a $ with more pattern after it, and with u any
// of \w \d \s \b and POSIX classes (ASCII-only in RE2, Unicode with
// PCRE2_UCP). Constructs RE2 lacks (back-references, lookaround) are left
// for RE2's own parser to reject, in its words.
Translation TranslateForRe2(std::string_view expression, const Flags& flags);

// For std::regex (ECMAScript, icase for i). Rewrites . to [^\n] or, with s,
// [\s\S] (libstdc++'s . also excludes \r), and a final $ as for RE2.
// Refuses u and x, m when the pattern has ^ or $ (libstdc++'s multiline
// also breaks lines at \r), and escapes ECMAScript reads differently or as a
// literal letter (\A \z \Z \h \v \Q \x{..} ...).
Translation TranslateForStd(std::string_view expression, const Flags& flags);

// For a text that never holds two white-space characters in a row (the body
// target: Message::body_text collapses every run), `\s+` matches exactly
// what `\s` does and `\s*` what `\s?` does. Returns `expression` with those
// repeats (lazy and possessive forms too) bounded so; Hyperscan runs the
// bounded forms several times faster, since an unbounded repeat before a
// literal keeps a prefix engine alive over the whole text. Unchanged under
// u (\s then also means Unicode spaces the body keeps), x (white space in
// the pattern is not literal), inline flags that turn either on, \Q quoting
// and leading (*VERB)s.
std::string BoundWhitespaceRepeats(std::string_view expression,
                                   const Flags& flags);

// The number of character positions in `expression` once every bounded
// repeat is written out: X{3} counts X three times, X{2,5} five, X{4,} five,
// X* X+ X? once; alternatives add up. This is about the size of the automaton
// Hyperscan builds before its own reductions (an over-estimate: escapes such
// as \b and inline comments count too), so a large value flags a pattern
// Hyperscan may refuse only in a full compile ("Pattern is too large").
// Saturates instead of overflowing; never fails (malformed patterns get some
// estimate, their engine's parser reports them).
uint64_t ExpandedPositions(std::string_view expression);

// Index just past the character class opening at `expression[start]`
// ("["): after its closing "]" (a leading "]" is a literal, POSIX
// "[:name:]" and escapes are skipped); nullopt when it is unterminated.
std::optional<size_t> ClassEnd(std::string_view expression, size_t start);

// Index just past the ")" closing the group that opens at
// `expression[start]` ("("), skipping escapes and classes; nullopt when it
// is unterminated or holds \Q (whose quoted text could hold a bracket).
std::optional<size_t> GroupEnd(std::string_view expression, size_t start);

// A counted repeat {n}, {n,} or {n,m} starting at `at` (the "{"): its
// bounds (high nullopt for {n,}) and the index just past the "}"; nullopt
// when the "{" there is a literal one.
struct CountedRepeat {
  uint64_t low = 0;
  std::optional<uint64_t> high;
  size_t end = 0;
};
std::optional<CountedRepeat> ReadCountedRepeat(std::string_view expression,
                                               size_t at);

// A pattern matching wherever `expression` does, and perhaps elsewhere: a
// prefilter for one too large for Hyperscan. Every counted repeat whose
// upper bound exceeds `keep_up_to` (or is unbounded) is widened: to X{m,},
// or with keep_up_to 0 to X* (m = 0) or X+, which Hyperscan runs as one
// loop instead of writing the copies out; a possessive mark is dropped.
// nullopt when nothing is widened, and under x or \Q..\E (a brace there
// may be literal).
std::optional<std::string> WidenRepeats(std::string_view expression,
                                        const Flags& flags,
                                        uint64_t keep_up_to);

}  // namespace inboxsim::scan::detail

#endif  // INBOXSIM_SCAN_PATTERN_SYNTAX_H_
