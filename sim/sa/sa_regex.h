// A Perl regex as SpamAssassin's Perl code runs it, compiled once with
// PCRE2 (whose syntax and matching follow Perl's), for the ports of
// SpamAssassin's own parsers (sa_relays.cc). Internal to sim/sa.
//
//   detail::Captures m;
//   if (detail::Re<R"~(^from (\S+) by)~">().Find(text, &m)) host = m[1];
//
// Patterns may name SpamAssassin's constants: {IP} (IP_ADDRESS, IPv4 or
// IPv6) and {LOCALHOST}. A Regex is immutable and may be used from many
// threads at once; Re<>() compiles each literal once, on first use.
#ifndef INBOXSIM_SA_SA_REGEX_H_
#define INBOXSIM_SA_SA_REGEX_H_

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace inboxsim::sa::detail {

// What the last successful Find() captured; groups index as $1, $2 ...
class Captures {
 public:
  // The text of group `i`, "" when it did not take part (Perl's undef).
  std::string operator[](int i) const;
  bool defined(int i) const;
  size_t begin(int i) const { return offsets_[2 * i]; }
  size_t end(int i) const { return offsets_[2 * i + 1]; }

 private:
  friend class Regex;
  std::string_view subject_;
  std::vector<size_t> offsets_;
};

class Regex {
 public:
  // Aborts (assert) on a pattern PCRE2 rejects: patterns are our literals.
  explicit Regex(std::string_view pattern);

  // Whether the pattern matches anywhere in `subject` (Perl's =~ m//),
  // with the groups in `*captures` when given. `subject` must outlive
  // `*captures`.
  bool Find(std::string_view subject, Captures* captures = nullptr) const;

  // Perl's s/re/replacement/ (first match only) and s/re/replacement/g;
  // `replacement` may name groups as $1. Return whether anything matched.
  bool ReplaceFirst(std::string* subject, std::string_view replacement) const;
  bool ReplaceAll(std::string* subject, std::string_view replacement) const;

 private:
  bool Replace(std::string* subject, std::string_view replacement,
               uint32_t options) const;

  struct CodeFree {
    void operator()(pcre2_code* code) const { pcre2_code_free(code); }
  };
  std::unique_ptr<pcre2_code, CodeFree> code_;
  uint32_t groups_ = 0;  // capture groups, read once from code_
};

// A string literal usable as a template argument, so each Re<"...">()
// call site owns one compiled Regex.
template <size_t N>
struct PatternLiteral {
  constexpr PatternLiteral(const char (&text)[N]) {  // NOLINT: implicit
    std::copy_n(text, N, chars);
  }
  char chars[N];
};

template <PatternLiteral kPattern>
const Regex& Re() {
  static const Regex regex(std::string_view(kPattern.chars));
  return regex;
}

}  // namespace inboxsim::sa::detail

#endif  // INBOXSIM_SA_SA_REGEX_H_
