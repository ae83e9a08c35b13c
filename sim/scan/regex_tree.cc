#include "sim/scan/regex_tree.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <set>
#include <utility>

#include "sim/core/text.h"

namespace inboxsim::scan::detail {

// A node of the tree. Parse() builds the tree with the pattern's exact
// meaning (a byte-set language plus zero-width assertions), with one
// exception: a possessive repeat (X*+, X{m,n}+) is read as the greedy one.
// A possessive repeat never gives back what it consumed, so it matches a
// subset of what the greedy form matches: Emit() of a tree parsed from a
// pattern with a possessive repeat is a superset of that pattern, not an
// equivalent. That is enough for every use here (prefilters, and the
// required-literal analysis, which only needs a superset's literals).
// Anchors keep their text, and so their meaning: $ without m matches at the
// end or before a final newline in PCRE2 and Hyperscan alike, and with m
// the caller passes HS_FLAG_MULTILINE (multiline()).
struct RegexTree::Node {
  enum class Kind {
    kEmpty,        // matches the empty string
    kSet,          // one byte of `set` (never empty)
    kAssert,       // zero-width: `text` is ^ $ \A \z \Z \b or \B
    kSequence,     // `kids` in order
    kAlternation,  // one of `kids`
    kRepeat,       // kids[0] from `min` to `max` times
    kLookaround,   // zero-width, opaque: `text` as emitted
  };
  Kind kind = Kind::kEmpty;
  ByteSet set;
  std::string text;
  std::vector<NodePtr> kids;
  uint32_t min = 0;
  std::optional<uint32_t> max;  // nullopt: unbounded
};

namespace {

using Node = RegexTree::Node;
using NodePtr = RegexTree::NodePtr;
using Kind = Node::Kind;

// PCRE2's own limits: its default parenthesis nesting limit (which also
// keeps the recursive parser and every rewrite off the end of the stack)
// and its largest repeat bound.
constexpr int kMaxNesting = 250;
constexpr uint64_t kMaxRepeat = 65535;

NodePtr MakeEmpty() { return std::make_shared<const Node>(); }

NodePtr MakeSet(const ByteSet& set) {
  auto node = std::make_shared<Node>();
  node->kind = Kind::kSet;
  node->set = set;
  return node;
}

NodePtr MakeText(Kind kind, std::string text) {
  auto node = std::make_shared<Node>();
  node->kind = kind;
  node->text = std::move(text);
  return node;
}

NodePtr MakeList(Kind kind, std::vector<NodePtr> kids) {
  auto node = std::make_shared<Node>();
  node->kind = kind;
  node->kids = std::move(kids);
  return node;
}

NodePtr MakeRepeat(NodePtr kid, uint32_t min, std::optional<uint32_t> max) {
  auto node = std::make_shared<Node>();
  node->kind = Kind::kRepeat;
  node->kids.push_back(std::move(kid));
  node->min = min;
  node->max = max;
  return node;
}

// A copy of `node` with `kids` in place of its own.
NodePtr WithKids(const Node& node, std::vector<NodePtr> kids) {
  auto copy = std::make_shared<Node>(node);
  copy->kids = std::move(kids);
  return copy;
}

ByteSet Range(unsigned low, unsigned high) {
  ByteSet set;
  for (unsigned c = low; c <= high; ++c) set.set(c);
  return set;
}
ByteSet Single(unsigned c) { return Range(c, c); }
ByteSet Digits() { return Range('0', '9'); }
ByteSet Letters() { return Range('A', 'Z') | Range('a', 'z'); }
ByteSet WordBytes() { return Digits() | Letters() | Single('_'); }
// \s in PCRE2 (since 10.0) and Hyperscan includes VT (0x0b).
ByteSet SpaceBytes() { return Range('\t', '\r') | Single(' '); }
// \h without UTF: tab, space and NBSP (0xa0 in Latin-1).
ByteSet HorizontalSpace() { return Single('\t') | Single(' ') | Single(0xa0); }

// ASCII-only case folding, as PCRE2 without UTF (its default tables) and
// Hyperscan do it.
ByteSet Fold(ByteSet set) {
  for (unsigned c = 'a'; c <= 'z'; ++c) {
    if (set[c] || set[c - 32]) {
      set.set(c);
      set.set(c - 32);
    }
  }
  return set;
}

// A POSIX class by name, as PCRE2 reads it in the C locale; nullopt for a
// name PCRE2 does not know. Under i PCRE2 reads upper and lower as alpha,
// also negated: [[:^upper:]] then excludes the lower-case letters too.
std::optional<ByteSet> PosixClass(std::string_view name, bool caseless) {
  if (caseless && (name == "upper" || name == "lower")) name = "alpha";
  if (name == "alpha") return Letters();
  if (name == "digit") return Digits();
  if (name == "alnum") return Letters() | Digits();
  if (name == "space") return SpaceBytes();
  if (name == "upper") return Range('A', 'Z');
  if (name == "lower") return Range('a', 'z');
  if (name == "xdigit") return Digits() | Range('a', 'f') | Range('A', 'F');
  if (name == "word") return WordBytes();
  if (name == "blank") return Single(' ') | Single('\t');
  if (name == "cntrl") return Range(0, 31) | Single(127);
  if (name == "print") return Range(32, 126);
  if (name == "graph") return Range(33, 126);
  if (name == "ascii") return Range(0, 127);
  if (name == "punct") return Range(33, 126) & ~(Letters() | Digits());
  return std::nullopt;
}

// The length every match of `node` has, nullopt when it varies.
std::optional<uint64_t> FixedLength(const Node& node) {
  switch (node.kind) {
    case Kind::kEmpty:
    case Kind::kAssert:
    case Kind::kLookaround:
      return 0;
    case Kind::kSet:
      return 1;
    case Kind::kSequence: {
      uint64_t total = 0;
      for (const NodePtr& kid : node.kids) {
        std::optional<uint64_t> length = FixedLength(*kid);
        if (!length) return std::nullopt;
        total += *length;
      }
      return total;
    }
    case Kind::kAlternation: {
      std::optional<uint64_t> common;
      for (const NodePtr& kid : node.kids) {
        std::optional<uint64_t> length = FixedLength(*kid);
        if (!length || (common && *common != *length)) return std::nullopt;
        common = length;
      }
      return common.value_or(0);
    }
    case Kind::kRepeat: {
      if (node.max != node.min) return std::nullopt;
      std::optional<uint64_t> length = FixedLength(*node.kids[0]);
      if (!length) return std::nullopt;
      return *length * node.min;
    }
  }
  return std::nullopt;
}

// A recursive-descent parser for the subset in regex_tree.h. Anything
// outside it, and anything PCRE2 would reject that it notices, fails the
// whole parse: a rule it cannot read exactly is left alone.
class Parser {
 public:
  Parser(std::string_view expression, const Flags& flags)
      : e_(expression), flags_(flags) {}

  NodePtr Run() {
    NodePtr root = Alternation(0);
    if (failed_ || i_ != e_.size()) return nullptr;
    return root;
  }

 private:
  bool AtEnd() const { return i_ >= e_.size(); }
  // Stops every loop: they all test AtEnd().
  NodePtr Fail() {
    failed_ = true;
    i_ = e_.size();
    return nullptr;
  }
  NodePtr Literal(unsigned char c) {
    return MakeSet(flags_.caseless ? Fold(Single(c)) : Single(c));
  }

  // Branches up to a ")" (left for the caller) or the end.
  NodePtr Alternation(int depth) {
    std::vector<NodePtr> branches;
    branches.push_back(Sequence(depth));
    while (!failed_ && !AtEnd() && e_[i_] == '|') {
      ++i_;
      branches.push_back(Sequence(depth));
    }
    if (failed_) return nullptr;
    if (branches.size() == 1) return branches[0];
    return MakeList(Kind::kAlternation, std::move(branches));
  }

  NodePtr Sequence(int depth) {
    std::vector<NodePtr> items;
    while (!AtEnd() && e_[i_] != '|' && e_[i_] != ')') {
      NodePtr atom = Atom(depth);
      if (failed_) return nullptr;
      // A comment: no atom. A quantifier right after one would apply to
      // the atom before it (PCRE2), which Atom() refuses as dangling.
      if (atom == nullptr) continue;
      atom = Quantified(std::move(atom));
      if (failed_) return nullptr;
      items.push_back(std::move(atom));
    }
    return MakeList(Kind::kSequence, std::move(items));
  }

  // `atom` with the quantifier at i_, if any.
  NodePtr Quantified(NodePtr atom) {
    if (AtEnd()) return atom;
    uint64_t low = 0;
    std::optional<uint64_t> high;
    size_t end = i_ + 1;
    switch (e_[i_]) {
      case '*':
        break;
      case '+':
        low = 1;
        break;
      case '?':
        high = 1;
        break;
      case '{': {
        std::optional<CountedRepeat> repeat = ReadCountedRepeat(e_, i_);
        if (!repeat) return atom;  // a literal "{": the next atom
        low = repeat->low;
        high = repeat->high;
        end = repeat->end;
        break;
      }
      default:
        return atom;
    }
    // PCRE2 refuses a quantified anchor, and reads a quantified lookaround
    // as at most one: rare enough to refuse both.
    if (atom->kind == Kind::kAssert || atom->kind == Kind::kLookaround) {
      return Fail();
    }
    // Refused rather than overflowing: PCRE2 refuses them too.
    if (low > kMaxRepeat || (high && (*high > kMaxRepeat || *high < low))) {
      return Fail();
    }
    i_ = end;
    // Lazy: the same hit set. Possessive: read as greedy (see Node).
    if (!AtEnd() && (e_[i_] == '?' || e_[i_] == '+')) ++i_;
    // A quantifier on a quantifier is an error in PCRE2.
    if (!AtEnd() && (e_[i_] == '*' || e_[i_] == '+' || e_[i_] == '?' ||
                     (e_[i_] == '{' && ReadCountedRepeat(e_, i_)))) {
      return Fail();
    }
    std::optional<uint32_t> max;
    if (high) max = static_cast<uint32_t>(*high);
    return MakeRepeat(std::move(atom), static_cast<uint32_t>(low), max);
  }

  // One atom at i_; nullptr for a comment (failed_ unset) or a failure.
  NodePtr Atom(int depth) {
    const unsigned char c = e_[i_];
    switch (c) {
      case '(':
        return Group(depth);
      case '[':
        return Class();
      case '\\': {
        std::string anchor;
        std::optional<ByteSet> set = Escape(/*in_class=*/false, &anchor);
        if (failed_) return nullptr;
        if (!set) return MakeText(Kind::kAssert, anchor);
        return MakeSet(flags_.caseless ? Fold(*set) : *set);
      }
      case '.': {
        ++i_;
        ByteSet all;
        all.set();
        if (!flags_.dotall) all.reset('\n');
        return MakeSet(all);
      }
      case '^':
      case '$':
        ++i_;
        return MakeText(Kind::kAssert, std::string(1, static_cast<char>(c)));
      case '*':
      case '+':
      case '?':
        return Fail();  // nothing to repeat
      case '{':
        if (ReadCountedRepeat(e_, i_)) return Fail();
        break;  // PCRE2: a "{" that starts no counted repeat is literal
      default:
        break;
    }
    ++i_;
    return Literal(c);
  }

  NodePtr Group(int depth) {
    if (depth >= kMaxNesting) return Fail();
    const size_t start = i_;
    const std::string_view rest = e_.substr(i_);
    if (rest.starts_with("(*")) return Fail();  // a verb
    if (rest.starts_with("(?#")) {
      const size_t close = e_.find(')', i_);
      if (close == std::string_view::npos) return Fail();
      i_ = close + 1;
      return nullptr;
    }
    bool lookaround = false;
    bool lookbehind = false;
    size_t opening = 1;  // "(": capturing, but nothing refers to it
    if (rest.starts_with("(?:")) {
      opening = 3;
    } else if (rest.starts_with("(?=") || rest.starts_with("(?!")) {
      lookaround = true;
      opening = 3;
    } else if (rest.starts_with("(?<=") || rest.starts_with("(?<!")) {
      lookaround = lookbehind = true;
      opening = 4;
    } else if (rest.starts_with("(?")) {
      // Inline options, named and atomic groups, conditionals, recursion,
      // branch resets, ...
      return Fail();
    }
    i_ += opening;
    NodePtr inner = Alternation(depth + 1);
    if (failed_) return nullptr;
    if (AtEnd() || e_[i_] != ')') return Fail();
    ++i_;
    if (!lookaround) return inner;
    // PCRE2 refuses a lookbehind whose branches are not of fixed length;
    // as Hyperscan never sees it, that error would otherwise go unseen.
    if (lookbehind) {
      if (inner->kind == Kind::kAlternation) {
        for (const NodePtr& branch : inner->kids) {
          if (!FixedLength(*branch)) return Fail();
        }
      } else if (!FixedLength(*inner)) {
        return Fail();
      }
    }
    // Kept as written; the flags that change its meaning wrap it, since
    // the emitted pattern carries no flags of its own (but m: see Emit()).
    std::string text(e_.substr(start, i_ - start));
    std::string options;
    if (flags_.caseless) options += 'i';
    if (flags_.dotall) options += 's';
    if (!options.empty()) text = "(?" + options + ":" + text + ")";
    return MakeText(Kind::kLookaround, std::move(text));
  }

  // The escape at i_ (its backslash): the bytes it matches, unfolded; or,
  // for an anchor, nullopt with the anchor in `*anchor`. Fails for escapes
  // outside the subset: every other letter or digit (back-references,
  // octal, \Q \E \p \v \R \K \G \N \X \C \c \o \g \k, ...).
  std::optional<ByteSet> Escape(bool in_class, std::string* anchor) {
    ++i_;
    if (AtEnd()) {
      Fail();
      return std::nullopt;
    }
    const unsigned char c = e_[i_++];
    switch (c) {
      case 'd':
        return Digits();
      case 'D':
        return ~Digits();
      case 'w':
        return WordBytes();
      case 'W':
        return ~WordBytes();
      case 's':
        return SpaceBytes();
      case 'S':
        return ~SpaceBytes();
      case 'h':
        return HorizontalSpace();
      case 'H':
        return ~HorizontalSpace();
      case 'n':
        return Single('\n');
      case 'r':
        return Single('\r');
      case 't':
        return Single('\t');
      case 'f':
        return Single('\f');
      case 'e':
        return Single(0x1b);
      case 'a':
        return Single(0x07);
      case 'x': {
        if (!AtEnd() && e_[i_] == '{') break;
        // Up to two digits; none is \x00, as in PCRE2.
        unsigned value = 0;
        for (int k = 0; k < 2 && !AtEnd() && HexDigitValue(e_[i_]) >= 0; ++k) {
          value = value * 16 + HexDigitValue(e_[i_++]);
        }
        return Single(value);
      }
      case 'b':
        if (in_class) return Single(0x08);  // backspace in a class
        *anchor = "\\b";
        return std::nullopt;
      case 'B':
      case 'A':
      case 'z':
      case 'Z':
        if (in_class) break;
        *anchor = std::string{'\\', static_cast<char>(c)};
        return std::nullopt;
      default:
        if (IsAlnumAscii(static_cast<char>(c))) break;
        return Single(c);  // escaped punctuation, space or high byte
    }
    Fail();
    return std::nullopt;
  }

  // For "[" at `at` followed by ":", "." or "=": the index of that
  // character's closing twin (before "]") when PCRE2 reads the text as a
  // POSIX item (its check_posix_syntax), else nullopt.
  std::optional<size_t> PosixItemEnd(size_t at) const {
    const char terminator = e_[at + 1];
    for (size_t p = at + 2; p + 1 < e_.size(); ++p) {
      if (e_[p] == '\\' && (e_[p + 1] == ']' || e_[p + 1] == '\\')) {
        ++p;
      } else if ((e_[p] == '[' && e_[p + 1] == terminator) || e_[p] == ']') {
        return std::nullopt;
      } else if (e_[p] == terminator && e_[p + 1] == ']') {
        return p;
      }
    }
    return std::nullopt;
  }
  bool StartsPosixItem(size_t at) const {
    if (at + 1 >= e_.size() || e_[at] != '[') return false;
    const char c = e_[at + 1];
    return (c == ':' || c == '.' || c == '=') && PosixItemEnd(at).has_value();
  }

  NodePtr Class() {
    // "[:alpha:]" outside a class is an error in PCRE2, as are "[.a.]" and
    // "[=a=]" anywhere.
    if (StartsPosixItem(i_)) return Fail();
    ++i_;
    bool negated = false;
    if (!AtEnd() && e_[i_] == '^') {
      negated = true;
      ++i_;
    }
    ByteSet set;
    for (bool first = true;; first = false) {
      if (AtEnd()) return Fail();  // unterminated
      const unsigned char c = e_[i_];
      if (c == ']' && !first) {
        ++i_;
        break;
      }
      if (StartsPosixItem(i_)) {
        const size_t end = *PosixItemEnd(i_);
        if (e_[i_ + 1] != ':') return Fail();
        std::string_view name = e_.substr(i_ + 2, end - i_ - 2);
        const bool complement = name.starts_with('^');
        if (complement) name.remove_prefix(1);
        std::optional<ByteSet> members = PosixClass(name, flags_.caseless);
        if (!members) return Fail();
        set |= complement ? ~*members : *members;
        i_ = end + 2;
        continue;
      }
      std::optional<unsigned> low;
      ByteSet member;
      if (c == '\\') {
        std::string anchor;
        std::optional<ByteSet> escaped = Escape(/*in_class=*/true, &anchor);
        if (failed_ || !escaped) return Fail();
        member = *escaped;
        // No class escape (\d, \w, \s, \h, negated) holds a single byte.
        if (member.count() == 1) low = Lowest(member);
      } else {
        ++i_;
        member = Single(c);
        low = c;
      }
      if (!AtEnd() && e_[i_] == '-' && i_ + 1 < e_.size() &&
          e_[i_ + 1] != ']') {
        // A range: both ends single bytes (PCRE2 refuses [\d-z] and
        // [!-[:digit:]]).
        if (!low) return Fail();
        ++i_;
        unsigned high;
        if (e_[i_] == '\\') {
          std::string anchor;
          std::optional<ByteSet> escaped = Escape(/*in_class=*/true, &anchor);
          if (failed_ || !escaped || escaped->count() != 1) return Fail();
          high = Lowest(*escaped);
        } else if (StartsPosixItem(i_)) {
          return Fail();
        } else {
          high = static_cast<unsigned char>(e_[i_++]);
        }
        if (high < *low) return Fail();
        member = Range(*low, high);
      }
      set |= member;
    }
    // PCRE2 folds the members, then complements.
    if (flags_.caseless) set = Fold(set);
    if (negated) set = ~set;
    // Matches nothing, which the emitted syntax cannot say.
    if (set.none()) return Fail();
    return MakeSet(set);
  }

  static unsigned Lowest(const ByteSet& set) {
    for (unsigned c = 0; c < 256; ++c) {
      if (set[c]) return c;
    }
    return 0;
  }

  std::string_view e_;
  const Flags flags_;
  size_t i_ = 0;
  bool failed_ = false;
};

bool NodeNullable(const Node& node) {
  switch (node.kind) {
    case Kind::kEmpty:
    case Kind::kAssert:
    case Kind::kLookaround:
      return true;
    case Kind::kSet:
      return false;
    case Kind::kSequence:
      return std::all_of(node.kids.begin(), node.kids.end(),
                         [](const NodePtr& kid) { return NodeNullable(*kid); });
    case Kind::kAlternation:
      return std::any_of(node.kids.begin(), node.kids.end(),
                         [](const NodePtr& kid) { return NodeNullable(*kid); });
    case Kind::kRepeat:
      return node.min == 0 || NodeNullable(*node.kids[0]);
  }
  return true;
}

// ---- Emission ----

// A byte written so it means itself anywhere, in a class or out: letters
// and digits as they are (readable), the rest in hex. Two hex digits
// always, so a digit after it cannot extend it.
void EmitByte(unsigned c, std::string* out) {
  if (IsAlnumAscii(static_cast<char>(c))) {
    out->push_back(static_cast<char>(c));
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out->append({'\\', 'x', kHex[c >> 4], kHex[c & 15]});
}

void EmitSet(const ByteSet& set, std::string* out) {
  if (set.count() == 1) {
    for (unsigned c = 0; c < 256; ++c) {
      if (set[c]) EmitByte(c, out);
    }
    return;
  }
  out->push_back('[');
  for (unsigned c = 0; c < 256;) {
    if (!set[c]) {
      ++c;
      continue;
    }
    unsigned last = c;
    while (last + 1 < 256 && set[last + 1]) ++last;
    EmitByte(c, out);
    if (last >= c + 2) out->push_back('-');
    if (last > c) EmitByte(last, out);
    c = last + 1;
  }
  out->push_back(']');
}

void EmitNode(const Node& node, std::string* out) {
  switch (node.kind) {
    case Kind::kEmpty:
      return;
    case Kind::kSet:
      EmitSet(node.set, out);
      return;
    case Kind::kAssert:
    case Kind::kLookaround:
      out->append(node.text);
      return;
    case Kind::kSequence:
    case Kind::kAlternation:
      out->append("(?:");
      for (size_t k = 0; k < node.kids.size(); ++k) {
        if (k > 0 && node.kind == Kind::kAlternation) out->push_back('|');
        EmitNode(*node.kids[k], out);
      }
      out->push_back(')');
      return;
    case Kind::kRepeat: {
      const Node& kid = *node.kids[0];
      // A set is one atom already; anything else gets a group (which a
      // sequence or an alternation brings itself).
      const bool grouped = kid.kind == Kind::kSet ||
                           kid.kind == Kind::kSequence ||
                           kid.kind == Kind::kAlternation;
      if (!grouped) out->append("(?:");
      EmitNode(kid, out);
      if (!grouped) out->push_back(')');
      if (node.min == 0 && !node.max) {
        out->push_back('*');
      } else if (node.min == 1 && !node.max) {
        out->push_back('+');
      } else if (node.min == 0 && node.max == 1u) {
        out->push_back('?');
      } else {
        out->push_back('{');
        out->append(std::to_string(node.min));
        if (node.max != node.min) {
          out->push_back(',');
          if (node.max) out->append(std::to_string(*node.max));
        }
        out->push_back('}');
      }
      return;
    }
  }
}

// ---- Required literals ----

// Every match of a node holds one of `required` (strings of case-folded
// bytes; none required when empty); when `exact`, the node's language is
// exactly `required` (folded), a small finite set.
struct Literals {
  bool exact = false;
  std::set<std::string> required;

  size_t MinLength() const {
    size_t shortest = std::numeric_limits<size_t>::max();
    for (const std::string& s : required)
      shortest = std::min(shortest, s.size());
    return required.empty() ? 0 : shortest;
  }
};

// Bounds that keep the analysis cheap: literal sets of up to kMaxLiterals
// strings; a class of up to kMaxClassLiterals (folded) bytes expands into
// literals, a larger one is "anything".
constexpr size_t kMaxLiterals = 64;
constexpr size_t kMaxClassLiterals = 4;
constexpr uint32_t kMaxRepeatExpansion = 8;

const Literals& Longer(const Literals& a, const Literals& b) {
  return a.MinLength() >= b.MinLength() ? a : b;
}

std::set<std::string> Product(const std::set<std::string>& a,
                              const std::set<std::string>& b) {
  std::set<std::string> out;
  for (const std::string& x : a) {
    for (const std::string& y : b) out.insert(x + y);
  }
  return out;
}

Literals Analyse(const Node& node) {
  Literals out;
  switch (node.kind) {
    case Kind::kEmpty:
    case Kind::kAssert:
    case Kind::kLookaround:
      out.exact = true;
      out.required = {""};
      return out;
    case Kind::kSet: {
      std::set<std::string> bytes;
      for (unsigned c = 0; c < 256; ++c) {
        if (node.set[c])
          bytes.insert(std::string(1, ToLowerAscii(static_cast<char>(c))));
      }
      if (bytes.size() <= kMaxClassLiterals) {
        out.exact = true;
        out.required = std::move(bytes);
      }
      return out;
    }
    case Kind::kAlternation: {
      // Each match holds one of some branch's literals.
      bool all_exact = true;
      for (const NodePtr& kid : node.kids) {
        Literals branch = Analyse(*kid);
        if (branch.required.empty()) return Literals{};
        all_exact = all_exact && branch.exact;
        out.required.insert(branch.required.begin(), branch.required.end());
        if (out.required.size() > kMaxLiterals * 4) return Literals{};
      }
      out.exact = all_exact && out.required.size() <= kMaxLiterals;
      return out;
    }
    case Kind::kRepeat: {
      Literals kid = Analyse(*node.kids[0]);
      if (node.min == 0) {
        // X?: X's strings or the empty one; other optional repeats
        // require nothing.
        if (node.max != 1u || !kid.exact) return Literals{};
        kid.required.insert("");
        if (kid.required.size() > kMaxLiterals) return Literals{};
        return kid;
      }
      if (node.max == node.min && kid.exact &&
          node.min <= kMaxRepeatExpansion) {
        std::set<std::string> strings = {""};
        for (uint32_t r = 0; r < node.min; ++r) {
          strings = Product(strings, kid.required);
          if (strings.size() > kMaxLiterals) {
            kid.exact = false;  // at least one copy
            return kid;
          }
        }
        out.exact = true;
        out.required = std::move(strings);
        return out;
      }
      kid.exact = false;  // at least one copy
      return kid;
    }
    case Kind::kSequence: {
      // Runs of exact items combine by product; the answer is the best of
      // the runs and of the other items' own literals.
      Literals best;
      std::set<std::string> run = {""};
      bool all_exact = true;
      auto end_run = [&] {
        Literals literals;
        literals.required = std::move(run);
        best = Longer(best, literals);
        run = {""};
      };
      for (const NodePtr& kid : node.kids) {
        Literals item = Analyse(*kid);
        if (!item.exact) {
          all_exact = false;
          end_run();
          best = Longer(best, item);
          continue;
        }
        std::set<std::string> longer = Product(run, item.required);
        if (longer.size() > kMaxLiterals) {
          all_exact = false;
          end_run();
          run = std::move(item.required);
        } else {
          run = std::move(longer);
        }
      }
      if (all_exact) {
        out.exact = true;
        out.required = std::move(run);
        return out;
      }
      end_run();
      return best;
    }
  }
  return out;
}

// ---- Rewrites ----

// The branches of an alternation, simplified and flattened, as one
// equivalent node: the sets merged into one set, repeated branches dropped
// (by their emitted text), and empty branches dropped with the rest made
// optional, (?:ab|) -> (?:ab)?, which Hyperscan runs better. When the rest
// is nullable it may still hold an assertion that can fail, so the empty
// branch stays: (?:\b|).
NodePtr SimplifyAlternation(const Node& node, std::vector<NodePtr> kids) {
  bool empty_branch = false;
  bool any_set = false;
  ByteSet merged;
  std::set<std::string> seen;
  std::vector<NodePtr> branches;
  for (NodePtr& kid : kids) {
    if (kid->kind == Kind::kEmpty) {
      empty_branch = true;
    } else if (kid->kind == Kind::kSet) {
      any_set = true;
      merged |= kid->set;
    } else {
      std::string text;
      EmitNode(*kid, &text);
      if (seen.insert(std::move(text)).second) branches.push_back(kid);
    }
  }
  if (any_set) branches.insert(branches.begin(), MakeSet(merged));
  if (branches.empty()) return MakeEmpty();
  NodePtr body =
      branches.size() == 1 ? branches[0] : WithKids(node, std::move(branches));
  if (!empty_branch) return body;
  if (NodeNullable(*body)) {
    return MakeList(Kind::kAlternation, {std::move(body), MakeEmpty()});
  }
  return MakeRepeat(std::move(body), 0, 1);
}

// Equivalent, smaller: sequences flattened and without empties, one-item
// lists unwrapped, alternations as SimplifyAlternation() says, empty and
// X{0} repeats dropped, X{1} unwrapped, (X?){m,n} -> X{0,n} and
// (X*){m,n} -> X* (every copy may be empty).
NodePtr Simplify(const NodePtr& node) {
  if (node->kids.empty()) {
    return node->kind == Kind::kSequence ? MakeEmpty() : node;
  }
  std::vector<NodePtr> kids;
  for (const NodePtr& kid : node->kids) {
    NodePtr simple = Simplify(kid);
    if (node->kind == Kind::kSequence) {
      if (simple->kind == Kind::kEmpty) continue;
      if (simple->kind == Kind::kSequence) {
        kids.insert(kids.end(), simple->kids.begin(), simple->kids.end());
        continue;
      }
    }
    if (node->kind == Kind::kAlternation &&
        simple->kind == Kind::kAlternation) {
      kids.insert(kids.end(), simple->kids.begin(), simple->kids.end());
      continue;
    }
    kids.push_back(std::move(simple));
  }
  switch (node->kind) {
    case Kind::kSequence:
      if (kids.empty()) return MakeEmpty();
      if (kids.size() == 1) return kids[0];
      break;
    case Kind::kAlternation:
      return SimplifyAlternation(*node, std::move(kids));
    case Kind::kRepeat: {
      const Node& kid = *kids[0];
      if (kid.kind == Kind::kEmpty || node->max == 0u) return MakeEmpty();
      if (node->min == 1 && node->max == 1u) return kids[0];
      if (kid.kind == Kind::kRepeat && kid.min == 0 &&
          (kid.max == 1u || !kid.max)) {
        return MakeRepeat(kid.kids[0], 0, kid.max ? node->max : std::nullopt);
      }
      break;
    }
    default:
      break;
  }
  return WithKids(*node, std::move(kids));
}

// The image under deleting the bytes outside `keep`, before simplifying.
NodePtr ProjectNode(const NodePtr& node, const ByteSet& keep) {
  switch (node->kind) {
    case Kind::kEmpty:
    case Kind::kAssert:
    case Kind::kLookaround:
      // Zero-width: they only ever remove matches.
      return MakeEmpty();
    case Kind::kSet: {
      const ByteSet kept = node->set & keep;
      if (kept.none()) return MakeEmpty();
      NodePtr image = MakeSet(kept);
      if ((node->set & ~keep).none()) return image;
      return MakeRepeat(std::move(image), 0, 1);  // a deleted byte: nothing
    }
    default: {
      std::vector<NodePtr> kids;
      for (const NodePtr& kid : node->kids) {
        kids.push_back(ProjectNode(kid, keep));
      }
      return WithKids(*node, std::move(kids));
    }
  }
}

NodePtr WidenNode(const NodePtr& node) {
  if (node->kids.empty()) return node;
  std::vector<NodePtr> kids;
  for (const NodePtr& kid : node->kids) kids.push_back(WidenNode(kid));
  auto copy = std::make_shared<Node>(*node);
  copy->kids = std::move(kids);
  if (copy->kind == Kind::kRepeat && copy->max && *copy->max > 1) {
    copy->max.reset();
  }
  return copy;
}

NodePtr DropWordAssertionsNode(const NodePtr& node) {
  if (node->kind == Kind::kLookaround ||
      (node->kind == Kind::kAssert &&
       (node->text == "\\b" || node->text == "\\B"))) {
    return MakeEmpty();
  }
  if (node->kids.empty()) return node;
  std::vector<NodePtr> kids;
  for (const NodePtr& kid : node->kids) {
    kids.push_back(DropWordAssertionsNode(kid));
  }
  return WithKids(*node, std::move(kids));
}

}  // namespace

ByteSet AlnumBytes() {
  static const ByteSet kAlnum = Digits() | Letters();
  return kAlnum;
}

void DeleteBytesOutside(std::string_view text, const ByteSet& keep,
                        std::string* out) {
  // Branch-free: every byte is written, and the end advances only past
  // the kept ones, so the loop has no data-dependent branch to mispredict.
  std::array<uint8_t, 256> kept;
  for (unsigned c = 0; c < 256; ++c) kept[c] = keep[c] ? 1 : 0;
  out->resize(text.size());
  char* const dst = out->data();
  size_t n = 0;
  for (const char c : text) {
    dst[n] = c;
    n += kept[static_cast<unsigned char>(c)];
  }
  out->resize(n);
}

std::optional<RegexTree> RegexTree::Parse(std::string_view expression,
                                          const Flags& flags) {
  // u changes what \w, \s, . and case folding mean (code points, not
  // bytes); x makes white space and # comments syntax.
  if (flags.utf || flags.extended) return std::nullopt;
  NodePtr root = Parser(expression, flags).Run();
  if (root == nullptr) return std::nullopt;
  return RegexTree(Simplify(root), flags.multiline);
}

std::string RegexTree::Emit() const {
  std::string out;
  EmitNode(*root_, &out);
  return out;
}

bool RegexTree::Nullable() const { return NodeNullable(*root_); }

size_t RegexTree::RequiredLiteralLength() const {
  return Analyse(*root_).MinLength();
}

RegexTree RegexTree::Project(const ByteSet& keep) const {
  return RegexTree(Simplify(ProjectNode(root_, keep)), multiline_);
}

RegexTree RegexTree::Widen() const {
  return RegexTree(WidenNode(root_), multiline_);
}

RegexTree RegexTree::DropWordAssertions() const {
  // Simplified so that the top-level sequence Windows() reads has no
  // empty items left where the assertions were.
  return RegexTree(Simplify(DropWordAssertionsNode(root_)), multiline_);
}

RegexTree RegexTree::TrimEdges() const {
  // A match of the rest is a match of the whole with the dropped items
  // matching empty: exact when they are plain (a projection's sets), a
  // superset when an anchor among them could fail there.
  if (root_->kind != Kind::kSequence) return *this;
  std::vector<NodePtr> kids = root_->kids;
  size_t begin = 0;
  size_t end = kids.size();
  while (end - begin > 1 && NodeNullable(*kids[begin])) ++begin;
  while (end - begin > 1 && NodeNullable(*kids[end - 1])) --end;
  std::vector<NodePtr> kept(kids.begin() + begin, kids.begin() + end);
  return RegexTree(Simplify(MakeList(Kind::kSequence, std::move(kept))),
                   multiline_);
}

std::vector<RegexTree> RegexTree::Windows(size_t max_length) const {
  // Assertions in a window test the same text positions as in the whole
  // match, so they hold there too.
  std::vector<NodePtr> items;
  if (root_->kind == Kind::kSequence) {
    items = root_->kids;
  } else {
    items.push_back(root_);
  }
  std::vector<RegexTree> windows;
  for (size_t start = 0; start < items.size(); ++start) {
    for (size_t length = 1;
         length <= max_length && start + length <= items.size(); ++length) {
      NodePtr window =
          length == 1
              ? items[start]
              : MakeList(Kind::kSequence,
                         std::vector<NodePtr>(items.begin() + start,
                                              items.begin() + start + length));
      if (NodeNullable(*window)) continue;
      windows.push_back(RegexTree(Simplify(window), multiline_));
    }
  }
  return windows;
}

}  // namespace inboxsim::scan::detail
