// One pattern compiled with PCRE2 and JIT, and the per-thread state that
// runs it: the Hyperscan fallback (prefilter confirmation, PCRE2-only
// patterns) and the Engine::kPcre2 baseline.
//
//   std::string error;
//   auto pattern =
//       detail::Pcre2Pattern::Compile("(\\w+)\\s+\\1", flags, &error);
//   auto scratch = detail::Pcre2Scratch::Create(100000, 10000);  // a thread's
//   detail::Pcre2Outcome outcome =
//       pattern->Match(detail::AsPcre2Units("the the"), *scratch);
//
// Two libraries, one template: Pcre2Pattern is the 8-bit library, one code
// unit per byte of pattern and text. Pcre2WidePattern is the 32-bit library
// run the same way, one unit per byte widened to 32 bits (WidenToPcre2Units):
// the same matching, but its compiled code links with 32-bit offsets, so it
// compiles patterns past the 8-bit library's 64 KiB limit (Debian builds it
// with LINK_SIZE 2). It refuses the u flag: UTF-8 text would have to be
// converted to UTF-32 first, which nothing needs yet.
//
// A pattern is immutable after Compile() and may be matched from many
// threads at once, each with its own scratch of the same width.
#ifndef INBOXSIM_SCAN_PCRE2_PATTERN_H_
#define INBOXSIM_SCAN_PCRE2_PATTERN_H_

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scan/pattern_syntax.h"

namespace inboxsim::scan::detail {

// The PCRE2 library of one code-unit width, 8 or 32: its types and the
// functions we call, so that one template serves both.
template <int kBits>
struct Pcre2Api;

#define INBOXSIM_PCRE2_API(W)                                                 \
  template <>                                                                 \
  struct Pcre2Api<W> {                                                        \
    using Unit = PCRE2_UCHAR##W;                                              \
    using Code = pcre2_code_##W;                                              \
    using MatchData = pcre2_match_data_##W;                                   \
    using MatchContext = pcre2_match_context_##W;                             \
    using CompileContext = pcre2_compile_context_##W;                         \
    using JitStack = pcre2_jit_stack_##W;                                     \
    static constexpr auto& compile = pcre2_compile_##W;                       \
    static constexpr auto& code_free = pcre2_code_free_##W;                   \
    static constexpr auto& jit_compile = pcre2_jit_compile_##W;               \
    static constexpr auto& match = pcre2_match_##W;                           \
    static constexpr auto& match_data_create = pcre2_match_data_create_##W;   \
    static constexpr auto& match_data_free = pcre2_match_data_free_##W;       \
    static constexpr auto& match_context_create =                             \
        pcre2_match_context_create_##W;                                       \
    static constexpr auto& match_context_free = pcre2_match_context_free_##W; \
    static constexpr auto& compile_context_create =                           \
        pcre2_compile_context_create_##W;                                     \
    static constexpr auto& compile_context_free =                             \
        pcre2_compile_context_free_##W;                                       \
    static constexpr auto& set_newline = pcre2_set_newline_##W;               \
    static constexpr auto& set_match_limit = pcre2_set_match_limit_##W;       \
    static constexpr auto& set_depth_limit = pcre2_set_depth_limit_##W;       \
    static constexpr auto& jit_stack_create = pcre2_jit_stack_create_##W;     \
    static constexpr auto& jit_stack_free = pcre2_jit_stack_free_##W;         \
    static constexpr auto& jit_stack_assign = pcre2_jit_stack_assign_##W;     \
    static constexpr auto& get_error_message = pcre2_get_error_message_##W;   \
    static constexpr auto& get_ovector_pointer =                              \
        pcre2_get_ovector_pointer_##W;                                        \
  }
INBOXSIM_PCRE2_API(8);
INBOXSIM_PCRE2_API(32);
#undef INBOXSIM_PCRE2_API

// unique_ptr deleter calling one of PCRE2's *_free functions.
template <auto& kFree>
struct Pcre2Free {
  template <typename T>
  void operator()(T* handle) const {
    kFree(handle);
  }
};

// The match data, limits and JIT stack of one thread, for one width.
template <int kBits>
class BasicPcre2Scratch {
 public:
  using Api = Pcre2Api<kBits>;

  // nullptr when PCRE2 cannot allocate.
  static std::unique_ptr<BasicPcre2Scratch> Create(uint32_t match_limit,
                                                   uint32_t depth_limit);

  typename Api::MatchData* match_data() const { return match_data_.get(); }
  typename Api::MatchContext* context() const { return context_.get(); }

 private:
  BasicPcre2Scratch() = default;
  std::unique_ptr<typename Api::MatchData, Pcre2Free<Api::match_data_free>>
      match_data_;
  std::unique_ptr<typename Api::MatchContext,
                  Pcre2Free<Api::match_context_free>>
      context_;
  std::unique_ptr<typename Api::JitStack, Pcre2Free<Api::jit_stack_free>>
      jit_stack_;
};

enum class Pcre2Outcome {
  kNoMatch,
  kMatch,
  kLimit,  // match, depth, heap or JIT stack limit: counted, means no hit
  kError,  // any other PCRE2 error (a bug of ours or out of memory)
};

template <int kBits>
class BasicPcre2Pattern {
 public:
  using Api = Pcre2Api<kBits>;
  using Unit = typename Api::Unit;

  // nullptr with `*error` set to PCRE2's message and offset when PCRE2
  // rejects the pattern ("PCRE2: ..." or "PCRE2-32: ..."), and `*too_large`
  // (when given) to whether the reason is the compiled size, the one
  // refusal the 32-bit library may not share. A JIT failure is not an
  // error: the interpreter runs it, under the same limits.
  static std::unique_ptr<BasicPcre2Pattern> Compile(std::string_view expression,
                                                    const Flags& flags,
                                                    std::string* error,
                                                    bool* too_large = nullptr);
  // As Compile(), plus a twin compiled with PCRE2_ANCHORED for
  // MatchAnchoredAt(): PCRE2 runs a match-time PCRE2_ANCHORED in its
  // interpreter (no JIT, and under the depth limit the JIT ignores), so
  // only a pattern anchored at compile time runs anchored with JIT.
  static std::unique_ptr<BasicPcre2Pattern> CompileWithAnchoredTwin(
      std::string_view expression, const Flags& flags, std::string* error,
      bool* too_large = nullptr);
  // PCRE2's complaint about `expression`, without the cost of JIT
  // compilation; nullopt when it compiles. `*too_large` as for Compile().
  static std::optional<std::string> SyntaxError(std::string_view expression,
                                                const Flags& flags,
                                                bool* too_large = nullptr);

  // Whether the pattern matches anywhere in `text`, one unit per byte of the
  // original text. With the u flag `text` must be valid UTF-8 (the caller
  // checks once per text, see IsValidUtf8).
  Pcre2Outcome Match(std::span<const Unit> text,
                     const BasicPcre2Scratch<kBits>& scratch) const;

  // Whether a match of the pattern begins exactly at `start` (PCRE2_ANCHORED
  // there; lookbehind still sees the text before it). `start` must be at
  // most text.size() and, with the u flag, at a character boundary. With
  // JIT only when compiled by CompileWithAnchoredTwin.
  Pcre2Outcome MatchAnchoredAt(std::span<const Unit> text, size_t start,
                               const BasicPcre2Scratch<kBits>& scratch) const;

  // How many times the pattern matches in `text`, left to right without
  // overlap (Perl's `while (/re/g)`: an empty match moves on one byte), at
  // most `max`. A limit or error stops the count where it is.
  uint32_t CountMatches(std::span<const Unit> text,
                        const BasicPcre2Scratch<kBits>& scratch,
                        uint32_t max) const;

  bool jit() const { return jit_; }

 private:
  static std::unique_ptr<BasicPcre2Pattern> Compile(
      std::string_view expression, const Flags& flags, bool jit,
      uint32_t extra_options, std::string* error, bool* too_large);

  Pcre2Outcome Run(const typename Api::Code& code, std::span<const Unit> text,
                   size_t start, uint32_t options,
                   const BasicPcre2Scratch<kBits>& scratch) const;

  BasicPcre2Pattern() = default;
  std::unique_ptr<typename Api::Code, Pcre2Free<Api::code_free>> code_;
  // CompileWithAnchoredTwin's; null otherwise.
  std::unique_ptr<typename Api::Code, Pcre2Free<Api::code_free>> anchored_;
  bool utf_ = false;
  bool jit_ = false;
};

extern template class BasicPcre2Scratch<8>;
extern template class BasicPcre2Scratch<32>;
extern template class BasicPcre2Pattern<8>;
extern template class BasicPcre2Pattern<32>;

using Pcre2Scratch = BasicPcre2Scratch<8>;
using Pcre2Pattern = BasicPcre2Pattern<8>;
using Pcre2WideScratch = BasicPcre2Scratch<32>;
using Pcre2WidePattern = BasicPcre2Pattern<32>;

// `text` as the 8-bit library's units (the same bytes).
inline std::span<const PCRE2_UCHAR8> AsPcre2Units(std::string_view text) {
  return {reinterpret_cast<const PCRE2_UCHAR8*>(text.data()), text.size()};
}

// `text` widened into `*buffer` (reused: no allocation once it has grown),
// one 32-bit unit per byte, for a Pcre2WidePattern.
std::span<const PCRE2_UCHAR32> WidenToPcre2Units(
    std::string_view text, std::vector<PCRE2_UCHAR32>* buffer);

}  // namespace inboxsim::scan::detail

#endif  // INBOXSIM_SCAN_PCRE2_PATTERN_H_
