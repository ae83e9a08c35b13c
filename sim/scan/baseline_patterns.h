// The one-pattern-at-a-time baselines Hyperscan is compared with: a pattern
// compiled with RE2 or std::regex after TranslateForRe2/TranslateForStd made
// it mean what PCRE2 means, or the reason it cannot.
//
//   std::string error;
//   auto re2 = detail::Re2Pattern::Compile("\\bfree\\b", flags, &error);
//   bool hit = re2->Match("it is free");
//
// Both are immutable after Compile() and may be matched from many threads.
#ifndef INBOXSIM_SCAN_BASELINE_PATTERNS_H_
#define INBOXSIM_SCAN_BASELINE_PATTERNS_H_

#include <cstdint>
#include <memory>
#include <regex>
#include <string>
#include <string_view>

#include "sim/scan/pattern_syntax.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace inboxsim::scan::detail {

class Re2Pattern {
 public:
  // nullptr with `*error` set (the translation's reason or RE2's error, e.g.
  // for back-references and lookaround) when RE2 cannot run the pattern.
  // `max_memory`: RE2's budget for the compiled program (RE2's default is
  // 8 MiB; the fallback for patterns too large for PCRE2 gives more).
  static std::unique_ptr<Re2Pattern> Compile(std::string_view expression,
                                             const Flags& flags,
                                             std::string* error,
                                             int64_t max_memory = 8 << 20);
  ~Re2Pattern();

  // Unanchored search; RE2 runs in linear time, so there is no limit.
  bool Match(std::string_view text) const;

 private:
  Re2Pattern() = default;
  std::unique_ptr<re2::RE2> re_;
};

enum class StdOutcome { kNoMatch, kMatch, kLimit };

class StdPattern {
 public:
  // nullptr with `*error` set (the translation's reason or regex_error's
  // what()) when std::regex cannot run the pattern exactly.
  static std::unique_ptr<StdPattern> Compile(std::string_view expression,
                                             const Flags& flags,
                                             std::string* error);

  // Unanchored regex_search. libstdc++ matches by recursion, one frame per
  // input character for some patterns: texts of many megabytes can exhaust
  // the stack. That is a known limit of this baseline, not of the scan
  // engine; a regex_error raised while matching is kLimit.
  StdOutcome Match(std::string_view text) const;

 private:
  StdPattern() = default;
  std::regex re_;
};

}  // namespace inboxsim::scan::detail

#endif  // INBOXSIM_SCAN_BASELINE_PATTERNS_H_
