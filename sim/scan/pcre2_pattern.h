// One pattern compiled with PCRE2 and JIT, and the per-thread state that
// runs it: the Hyperscan fallback (prefilter confirmation, PCRE2-only
// patterns) and the Engine::kPcre2 baseline.
//
//   std::string error;
//   auto pattern =
//       detail::Pcre2Pattern::Compile("(\\w+)\\s+\\1", flags, &error);
//   auto scratch = detail::Pcre2Scratch::Create(100000, 10000);  // a thread's
//   detail::Pcre2Outcome outcome = pattern->Match("the the", *scratch);
//
// A Pcre2Pattern is immutable after Compile() and may be matched from many
// threads at once, each with its own Pcre2Scratch.
#ifndef INBOXSIM_SCAN_PCRE2_PATTERN_H_
#define INBOXSIM_SCAN_PCRE2_PATTERN_H_

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sim/scan/pattern_syntax.h"

namespace inboxsim::scan::detail {

struct Pcre2CodeFree {
  void operator()(pcre2_code* code) const { pcre2_code_free(code); }
};
struct Pcre2MatchDataFree {
  void operator()(pcre2_match_data* data) const { pcre2_match_data_free(data); }
};
struct Pcre2MatchContextFree {
  void operator()(pcre2_match_context* context) const {
    pcre2_match_context_free(context);
  }
};
struct Pcre2CompileContextFree {
  void operator()(pcre2_compile_context* context) const {
    pcre2_compile_context_free(context);
  }
};
struct Pcre2JitStackFree {
  void operator()(pcre2_jit_stack* stack) const { pcre2_jit_stack_free(stack); }
};

// The match data, limits and JIT stack of one thread.
class Pcre2Scratch {
 public:
  // nullptr when PCRE2 cannot allocate.
  static std::unique_ptr<Pcre2Scratch> Create(uint32_t match_limit,
                                              uint32_t depth_limit);

  pcre2_match_data* match_data() const { return match_data_.get(); }
  pcre2_match_context* context() const { return context_.get(); }

 private:
  Pcre2Scratch() = default;
  std::unique_ptr<pcre2_match_data, Pcre2MatchDataFree> match_data_;
  std::unique_ptr<pcre2_match_context, Pcre2MatchContextFree> context_;
  std::unique_ptr<pcre2_jit_stack, Pcre2JitStackFree> jit_stack_;
};

enum class Pcre2Outcome {
  kNoMatch,
  kMatch,
  kLimit,  // match, depth, heap or JIT stack limit: counted, means no hit
  kError,  // any other PCRE2 error (a bug of ours or out of memory)
};

class Pcre2Pattern {
 public:
  // nullptr with `*error` set to PCRE2's message and offset when PCRE2
  // rejects the pattern. A JIT failure is not an error: the interpreter
  // runs it, under the same limits.
  static std::unique_ptr<Pcre2Pattern> Compile(std::string_view expression,
                                               const Flags& flags,
                                               std::string* error);
  // PCRE2's complaint about `expression`, without the cost of JIT
  // compilation; nullopt when it compiles.
  static std::optional<std::string> SyntaxError(std::string_view expression,
                                                const Flags& flags);

  // Whether the pattern matches anywhere in `text`. With the u flag `text`
  // must be valid UTF-8 (the caller checks once per text, see IsValidUtf8).
  Pcre2Outcome Match(std::string_view text, const Pcre2Scratch& scratch) const;

  // How many times the pattern matches in `text`, left to right without
  // overlap (Perl's `while (/re/g)`: an empty match moves on one byte), at
  // most `max`. A limit or error stops the count where it is.
  uint32_t CountMatches(std::string_view text, const Pcre2Scratch& scratch,
                        uint32_t max) const;

  bool jit() const { return jit_; }

 private:
  static std::unique_ptr<Pcre2Pattern> Compile(std::string_view expression,
                                               const Flags& flags, bool jit,
                                               std::string* error);

  Pcre2Pattern() = default;
  std::unique_ptr<pcre2_code, Pcre2CodeFree> code_;
  bool utf_ = false;
  bool jit_ = false;
};

}  // namespace inboxsim::scan::detail

#endif  // INBOXSIM_SCAN_PCRE2_PATTERN_H_
