#include "sim/scan/ascii_projection.h"

#include <cstdint>
#include <cstring>

#include "sim/core/text.h"

namespace inboxsim::scan::detail {
namespace {

constexpr unsigned kAsciiMax = 0x7f;

// A parsed piece of the pattern: its projected text, or dead when it needs
// a byte >= 0x80 to match.
struct Piece {
  std::string text;
  bool dead = false;
};

// A class member or a range end written so that no position in a class
// can change its meaning.
std::string ClassCharacter(unsigned value) {
  const char c = static_cast<char>(value);
  if (IsAlphaAscii(c) || IsDigitAscii(c)) return std::string(1, c);
  // Braced, so a digit that follows cannot extend the escape.
  static constexpr char kHex[] = "0123456789abcdef";
  return std::string{'\\', 'x', '{', kHex[value >> 4], kHex[value & 15], '}'};
}

class Projector {
 public:
  explicit Projector(std::string_view e) : e_(e) {}

  std::optional<Projection> Run() {
    Piece whole = Alternation();
    if (failed_ || i_ != e_.size()) return std::nullopt;
    if (whole.dead) return Projection{"", true};
    if (!changed_) return std::nullopt;
    return Projection{std::move(whole.text), false};
  }

 private:
  bool AtEnd() const { return i_ >= e_.size(); }
  bool Fail() {
    failed_ = true;
    i_ = e_.size();
    return false;
  }

  // Alternatives up to a ")" (left for the caller) or the end; dead when
  // every alternative is.
  Piece Alternation() {
    Piece out{"", true};
    bool first_live = true;
    while (true) {
      Piece branch = Sequence();
      if (failed_) return out;
      if (branch.dead) {
        changed_ = true;
      } else {
        if (!first_live) out.text.push_back('|');
        out.text += branch.text;
        out.dead = false;
        first_live = false;
      }
      if (AtEnd() || e_[i_] != '|') return out;
      ++i_;
    }
  }

  // One alternative: atoms, each with its quantifier.
  Piece Sequence() {
    Piece out;
    while (!AtEnd() && e_[i_] != '|' && e_[i_] != ')') {
      std::optional<Piece> atom = Atom();
      if (failed_) return out;
      if (!atom) continue;  // a comment or an option setting: no atom
      const size_t quantifier_start = i_;
      const bool optional = Quantifier();
      if (failed_) return out;
      const std::string_view quantifier =
          e_.substr(quantifier_start, i_ - quantifier_start);
      if (!atom->dead) {
        out.text += atom->text;
        out.text += quantifier;
      } else if (optional) {
        changed_ = true;  // zero copies of a dead atom: left out
      } else {
        out.dead = true;  // keep parsing to the end of the alternative
      }
    }
    return out;
  }

  // Reads a quantifier after an atom, if any; true when it allows zero
  // copies.
  bool Quantifier() {
    if (AtEnd()) return false;
    bool optional = false;
    const char c = e_[i_];
    if (c == '*' || c == '?') {
      optional = true;
      ++i_;
    } else if (c == '+') {
      ++i_;
    } else if (c == '{') {
      std::optional<CountedRepeat> repeat = ReadCountedRepeat(e_, i_);
      if (!repeat) return false;  // a literal brace: the next atom
      optional = repeat->low == 0;
      i_ = repeat->end;
    } else {
      return false;
    }
    if (!AtEnd() && (e_[i_] == '?' || e_[i_] == '+')) ++i_;  // lazy, possessive
    if (!AtEnd() && std::strchr("*+?", e_[i_]) != nullptr) return Fail();
    return optional;
  }

  // An atom; nullopt for constructs that are not atoms (comments, option
  // settings), which are copied to the output by the caller's sequence.
  std::optional<Piece> Atom() {
    const char c = e_[i_];
    if (c == '(') return Group();
    if (c == '[') return Class();
    if (c == '\\') return Escape();
    if (c == '*' || c == '+' || c == '?') {
      Fail();  // a quantifier with nothing to repeat
      return Piece{};
    }
    if (c == '{' && ReadCountedRepeat(e_, i_)) {
      Fail();
      return Piece{};
    }
    ++i_;
    if (static_cast<unsigned char>(c) > kAsciiMax) return Piece{"", true};
    return Piece{std::string(1, c), false};
  }

  std::optional<Piece> Group() {
    const size_t start = i_;
    std::string_view rest = e_.substr(i_);
    if (rest.starts_with("(*")) {
      Fail();
      return Piece{};
    }
    if (rest.starts_with("(?#")) {
      const size_t close = e_.find(')', i_);
      if (close == std::string_view::npos) {
        Fail();
        return Piece{};
      }
      i_ = close + 1;
      return std::nullopt;
    }
    if (rest.starts_with("(?=") || rest.starts_with("(?!") ||
        rest.starts_with("(?<=") || rest.starts_with("(?<!")) {
      // Kept as written: on ASCII text the look-alikes in it cannot
      // match there either.
      const std::optional<size_t> end = detail::GroupEnd(e_, start);
      if (!end) {
        Fail();
        return Piece{};
      }
      i_ = *end;
      return Piece{std::string(e_.substr(start, i_ - start)), false};
    }
    std::string opening;
    if (rest.starts_with("(?:") || rest.starts_with("(?>")) {
      opening = std::string(rest.substr(0, 3));
    } else if (rest.starts_with("(?<") || rest.starts_with("(?P<") ||
               rest.starts_with("(?'")) {
      const char close = rest[2] == '\'' ? '\'' : '>';
      const size_t end = rest.find(close, 3);
      if (end == std::string_view::npos) {
        Fail();
        return Piece{};
      }
      opening = std::string(rest.substr(0, end + 1));
    } else if (rest.starts_with("(?")) {
      // Option letters: "(?i)" sets them for the rest of the group,
      // "(?i-s:" opens a group with them. Anything else ((?|, (?(, (?R,
      // (?1, (?&, (?P=, (?P>) is refused.
      size_t j = 2;
      while (j < rest.size() &&
             (IsAlphaAscii(rest[j]) || rest[j] == '-' || rest[j] == '^')) {
        if (rest[j] == 'x' || rest[j] == 'u') {
          Fail();
          return Piece{};
        }
        ++j;
      }
      if (j == 2 || j >= rest.size() || (rest[j] != ')' && rest[j] != ':')) {
        Fail();
        return Piece{};
      }
      if (rest[j] == ')') {
        // Copied as a zero-width atom so the sequence keeps it in place.
        i_ += j + 1;
        return Piece{std::string(rest.substr(0, j + 1)), false};
      }
      opening = std::string(rest.substr(0, j + 1));
    } else {
      opening = "(";
    }
    i_ += opening.size();
    Piece inner = Alternation();
    if (failed_) return Piece{};
    if (AtEnd() || e_[i_] != ')') {
      Fail();
      return Piece{};
    }
    ++i_;
    if (inner.dead) return Piece{"", true};
    return Piece{opening + inner.text + ")", false};
  }

  // Just past the class opening at `start`; fails for an unterminated one.
  size_t ClassEnd(size_t start) {
    const std::optional<size_t> end = detail::ClassEnd(e_, start);
    if (!end) Fail();
    return end.value_or(e_.size());
  }

  // The value of the escape at i_ ("\x41", "\n", "\.") when it stands for
  // one character, advancing past it; nullopt (i_ unmoved) for escapes
  // standing for a set or an assertion, and a failure for those refused.
  std::optional<unsigned> EscapedValue(bool in_class) {
    if (i_ + 1 >= e_.size()) {
      Fail();
      return std::nullopt;
    }
    const char c = e_[i_ + 1];
    if (c == 'x') {
      size_t j = i_ + 2;
      unsigned value = 0;
      if (j < e_.size() && e_[j] == '{') {
        const size_t close = e_.find('}', j);
        if (close == std::string_view::npos || close == j + 1) {
          Fail();
          return std::nullopt;
        }
        for (size_t k = j + 1; k < close; ++k) {
          const int digit = HexDigitValue(e_[k]);
          if (digit < 0 || value > 0xffffff) {
            Fail();
            return std::nullopt;
          }
          value = value * 16 + static_cast<unsigned>(digit);
        }
        i_ = close + 1;
        return value;
      }
      for (int n = 0; n < 2 && j < e_.size() && HexDigitValue(e_[j]) >= 0; ++n)
        value = value * 16 + static_cast<unsigned>(HexDigitValue(e_[j++]));
      i_ = j;
      return value;
    }
    if (c == '0') {  // \0, \0n, \0nn: octal
      size_t j = i_ + 2;
      unsigned value = 0;
      for (int n = 0; n < 2 && j < e_.size() && e_[j] >= '0' && e_[j] <= '7';
           ++n)
        value = value * 8 + static_cast<unsigned>(e_[j++] - '0');
      i_ = j;
      return value;
    }
    if (c == 'c') {  // \cX: a control character
      if (i_ + 2 >= e_.size()) {
        Fail();
        return std::nullopt;
      }
      // PCRE2 upper-cases a lower-case letter first.
      char control = e_[i_ + 2];
      if (control >= 'a' && control <= 'z') control -= 'a' - 'A';
      const unsigned value = static_cast<unsigned char>(control) ^ 0x40u;
      i_ += 3;
      return value;
    }
    static constexpr std::string_view kControls = "ntrfea";
    static constexpr unsigned kControlValues[] = {'\n', '\t', '\r',
                                                  '\f', 0x1b, 0x07};
    if (const size_t k = kControls.find(c); k != std::string_view::npos) {
      i_ += 2;
      return kControlValues[k];
    }
    if (in_class && c == 'b') {  // backspace inside a class
      i_ += 2;
      return 0x08;
    }
    if (std::strchr("dDsSwWhHvV", c) != nullptr ||
        (!in_class && std::strchr("bBAzZGR", c) != nullptr)) {
      return std::nullopt;  // a set or an assertion, ASCII-compatible
    }
    if (IsAlphaAscii(c) || IsDigitAscii(c)) {
      // \1..\9 \g \k (back-references), \p \P \X \C \Q \E \o \N{..}, and
      // escapes PCRE2 may give other meanings.
      Fail();
      return std::nullopt;
    }
    i_ += 2;  // an escaped punctuation character, or a raw byte
    return static_cast<unsigned char>(c);
  }

  Piece Escape() {
    const size_t start = i_;
    std::optional<unsigned> value = EscapedValue(/*in_class=*/false);
    if (failed_) return Piece{};
    if (!value) {
      i_ += 2;
      return Piece{std::string(e_.substr(start, 2)), false};
    }
    if (*value > kAsciiMax) return Piece{"", true};
    return Piece{std::string(e_.substr(start, i_ - start)), false};
  }

  Piece Class() {
    const size_t start = i_;
    const size_t end = ClassEnd(start);
    if (failed_) return Piece{};
    if (e_.substr(start, 2) == "[^") {
      // A negated class matches the same ASCII bytes whatever high bytes
      // it lists.
      i_ = end;
      return Piece{std::string(e_.substr(start, end - start)), false};
    }
    std::string members;
    bool lost_any = false;
    i_ = start + 1;
    // A leading "]" (ClassEnd skipped it) is read as a literal member.
    while (i_ < end - 1) {
      if (e_[i_] == '[' && i_ + 1 < e_.size() && e_[i_ + 1] == ':') {
        const size_t close = e_.find(":]", i_ + 2);
        members += e_.substr(i_, close + 2 - i_);  // POSIX: ASCII here
        i_ = close + 2;
        continue;
      }
      const size_t member_start = i_;
      std::optional<unsigned> low = Member();
      if (failed_) return Piece{};
      if (!low) {  // a set escape (\d, \s, \w ...): as written
        members += e_.substr(member_start, i_ - member_start);
        continue;
      }
      unsigned high = *low;
      if (i_ + 1 < end - 1 && e_[i_] == '-') {
        ++i_;
        std::optional<unsigned> range_end = Member();
        if (failed_) return Piece{};
        if (!range_end || *range_end < *low) {
          Fail();
          return Piece{};
        }
        high = *range_end;
      }
      if (*low > kAsciiMax) {
        lost_any = true;
        continue;
      }
      if (high > kAsciiMax) {
        lost_any = true;
        high = kAsciiMax;
      }
      members += ClassCharacter(*low);
      if (high != *low) {
        members.push_back('-');
        members += ClassCharacter(high);
      }
    }
    i_ = end;
    if (members.empty()) {
      changed_ = true;
      return Piece{"", true};
    }
    if (!lost_any) {
      return Piece{std::string(e_.substr(start, end - start)), false};
    }
    changed_ = true;
    return Piece{"[" + members + "]", false};
  }

  // One class member at i_, advancing past it: its value, or nullopt for a
  // set escape (\d, \s, \w ...).
  std::optional<unsigned> Member() {
    const char c = e_[i_];
    if (c != '\\') {
      ++i_;
      return static_cast<unsigned char>(c);
    }
    const size_t start = i_;
    std::optional<unsigned> value = EscapedValue(/*in_class=*/true);
    if (failed_) return std::nullopt;
    if (!value) i_ = start + 2;
    return value;
  }

  std::string_view e_;
  size_t i_ = 0;
  bool failed_ = false;
  bool changed_ = false;
};

}  // namespace

std::optional<Projection> AsciiProjection(std::string_view expression,
                                          const Flags& flags) {
  if (flags.utf || flags.extended) return std::nullopt;
  return Projector(expression).Run();
}

}  // namespace inboxsim::scan::detail
