#include "sim/scan/reversed_pattern.h"

#include <cstring>
#include <vector>

#include "sim/core/text.h"

namespace inboxsim::scan::detail {
namespace {

class Reverser {
 public:
  Reverser(std::string_view e, bool multiline) : e_(e), multiline_(multiline) {}

  std::optional<std::string> Run() {
    std::string whole = Alternation();
    if (failed_ || i_ != e_.size()) return std::nullopt;
    return widened_flags_ + whole;
  }

 private:
  bool AtEnd() const { return i_ >= e_.size(); }
  std::string Fail() {
    failed_ = true;
    i_ = e_.size();
    return "";
  }

  // Alternatives up to a ")" (left for the caller) or the end, each
  // reversed; their order does not matter.
  std::string Alternation() {
    std::string out = Sequence();
    while (!failed_ && !AtEnd() && e_[i_] == '|') {
      ++i_;
      out.push_back('|');
      out += Sequence();
    }
    return out;
  }

  // One alternative: its atoms, each with its quantifier, last first.
  std::string Sequence() {
    std::vector<std::string> items;
    while (!AtEnd() && e_[i_] != '|' && e_[i_] != ')') {
      std::string atom = Atom();
      std::string quantifier = Quantifier();
      if (failed_) return "";
      // A dropped assertion goes with its quantifier.
      if (!atom.empty()) items.push_back(atom + quantifier);
    }
    std::string out;
    for (auto it = items.rbegin(); it != items.rend(); ++it) out += *it;
    return out;
  }

  // The quantifier after an atom, if any, without a lazy or possessive
  // mark (either only narrows what matches).
  std::string Quantifier() {
    if (AtEnd()) return "";
    const size_t start = i_;
    const char c = e_[i_];
    if (c == '*' || c == '+' || c == '?') {
      ++i_;
    } else if (c == '{') {
      std::optional<CountedRepeat> repeat = ReadCountedRepeat(e_, i_);
      if (!repeat) return "";  // a literal brace: the next atom
      i_ = repeat->end;
    } else {
      return "";
    }
    std::string out(e_.substr(start, i_ - start));
    if (!AtEnd() && (e_[i_] == '?' || e_[i_] == '+')) ++i_;
    if (!AtEnd() && std::strchr("*+?", e_[i_]) != nullptr) return Fail();
    return out;
  }

  // One atom reversed; "" for an assertion dropped or a comment.
  std::string Atom() {
    const char c = e_[i_];
    if (c == '(') return Group();
    if (c == '\\') return Escape();
    if (c == '[') {
      const std::optional<size_t> end = ClassEnd(e_, i_);
      if (!end) return Fail();
      const size_t start = i_;
      i_ = *end;
      return std::string(e_.substr(start, *end - start));
    }
    if (c == '*' || c == '+' || c == '?') return Fail();  // nothing to repeat
    ++i_;
    if (c == '^' || c == '$') {
      if (!multiline_) return "";  // the text's ends: dropped
      return c == '^' ? "$" : "^";
    }
    // Braces escaped: read backwards, "{" and "}" could form a repeat.
    if (c == '{' || c == '}') return std::string{'\\', c};
    return std::string(1, c);
  }

  std::string Group() {
    const size_t start = i_;
    const std::string_view rest = e_.substr(i_);
    if (rest.starts_with("(*")) return Fail();
    if (rest.starts_with("(?#")) {
      const size_t close = e_.find(')', i_);
      if (close == std::string_view::npos) return Fail();
      i_ = close + 1;
      // A quantifier after a comment repeats the atom before it, which
      // this reader has already placed: refused rather than misread.
      if (!AtEnd() &&
          (std::strchr("*+?", e_[i_]) != nullptr || ReadCountedRepeat(e_, i_)))
        return Fail();
      return "";
    }
    if (rest.starts_with("(?=") || rest.starts_with("(?!") ||
        rest.starts_with("(?<=") || rest.starts_with("(?<!")) {
      const std::optional<size_t> end = GroupEnd(e_, start);
      if (!end) return Fail();
      i_ = *end;
      return "";
    }
    std::string opening = "(?:";
    if (rest.starts_with("(?:") || rest.starts_with("(?>")) {
      i_ += 3;
    } else if (rest.starts_with("(?<") || rest.starts_with("(?P<") ||
               rest.starts_with("(?'")) {
      const char close = rest[2] == '\'' ? '\'' : '>';
      const size_t end = rest.find(close, 3);
      if (end == std::string_view::npos) return Fail();
      i_ += end + 1;
    } else if (rest.starts_with("(?")) {
      return OptionGroup();
    } else {
      i_ += 1;
    }
    return Enclosed(opening, multiline_);
  }

  // The group body from i_ to its ")", reversed inside `opening`, with
  // `multiline` in force there; "" when nothing of it is left.
  std::string Enclosed(const std::string& opening, bool multiline) {
    const bool outer_multiline = multiline_;
    multiline_ = multiline;
    std::string inner = Alternation();
    multiline_ = outer_multiline;
    if (failed_) return "";
    if (AtEnd() || e_[i_] != ')') return Fail();
    ++i_;
    if (inner.empty()) return "";
    return opening + inner + ")";
  }

  // "(?i-s:" opens a group with those options, "(?is)" sets them for the
  // rest of the enclosing group.
  std::string OptionGroup() {
    size_t j = i_ + 2;
    bool turning_off = false;
    bool multiline = multiline_;
    std::string turned_on;
    for (; j < e_.size() && (IsAlphaAscii(e_[j]) || e_[j] == '-'); ++j) {
      const char letter = e_[j];
      if (letter == '-') {
        turning_off = true;
      } else if (letter == 'x' || letter == 'u') {
        return Fail();
      } else if (letter == 'm') {
        multiline = !turning_off;
      } else if (!turning_off) {
        turned_on.push_back(letter);
      }
    }
    if (j == i_ + 2 || j >= e_.size() || (e_[j] != ')' && e_[j] != ':'))
      return Fail();
    const std::string written(e_.substr(i_, j + 1 - i_));
    i_ = j + 1;
    if (e_[j] == ':') {
      ++option_groups_;
      std::string group = Enclosed(written, multiline);
      --option_groups_;
      return group;
    }
    // A setting reaches back to where its group opened, which reversed is
    // where it ends: widened to the whole pattern when it only lets more
    // match (case, dot), refused otherwise.
    // Inside an option group, which may turn the letter off again around
    // it, a setting cannot be moved to the front.
    if (turning_off || multiline != multiline_ || option_groups_ > 0)
      return Fail();
    for (char letter : turned_on) {
      if (letter != 'i' && letter != 's') return Fail();
      widened_flags_ += std::string("(?") + letter + ")";
    }
    return "";
  }

  // An escape as written, or "" for a dropped assertion.
  std::string Escape() {
    if (i_ + 1 >= e_.size()) return Fail();
    const size_t start = i_;
    const char c = e_[i_ + 1];
    i_ += 2;
    if (c == 'A' || c == 'z' || c == 'Z') return "";
    if (c == 'x') {
      if (!AtEnd() && e_[i_] == '{') {
        const size_t close = e_.find('}', i_);
        if (close == std::string_view::npos) return Fail();
        i_ = close + 1;
      } else {
        for (int n = 0; n < 2 && !AtEnd() && HexDigitValue(e_[i_]) >= 0; ++n)
          ++i_;
      }
    } else if (c == '0') {
      for (int n = 0; n < 2 && !AtEnd() && e_[i_] >= '0' && e_[i_] <= '7'; ++n)
        ++i_;
    } else if (c == 'c') {
      if (AtEnd()) return Fail();
      ++i_;
    } else if (IsDigitAscii(c) ||
               (IsAlphaAscii(c) &&
                std::strchr("bBdDsSwWhHvVntrfea", c) == nullptr)) {
      // Back-references, \Q, \K, \G, \R, \X, \C, \N, \p, \o and letters
      // PCRE2 may give other meanings.
      return Fail();
    }
    return std::string(e_.substr(start, i_ - start));
  }

  std::string_view e_;
  size_t i_ = 0;
  bool multiline_;
  bool failed_ = false;
  int option_groups_ = 0;      // "(?flags:" groups open around i_
  std::string widened_flags_;  // "(?i)" and "(?s)" set inside the pattern
};

}  // namespace

std::optional<std::string> ReversedSuperset(std::string_view expression,
                                            const Flags& flags) {
  if (flags.utf || flags.extended) return std::nullopt;
  return Reverser(expression, flags.multiline).Run();
}

}  // namespace inboxsim::scan::detail
