#include "sim/scan/pcre2_pattern.h"

namespace inboxsim::scan::detail {
namespace {

// The JIT's default 32 KiB machine stack runs out on nested groups over long
// texts; 1 MiB per thread is cheap and lets the match limit, not the stack,
// decide when a pattern is too expensive.
constexpr size_t kJitStackStartBytes = 32 * 1024;
constexpr size_t kJitStackMaxBytes = 1024 * 1024;

// PCRE2's longest error message is about 120 bytes.
constexpr size_t kErrorBufferBytes = 256;

std::string ErrorMessage(int code) {
  unsigned char buffer[kErrorBufferBytes];
  int length = pcre2_get_error_message(code, buffer, sizeof buffer);
  if (length < 0) return "PCRE2 error " + std::to_string(code);
  return std::string(reinterpret_cast<const char*>(buffer), length);
}

}  // namespace

std::unique_ptr<Pcre2Scratch> Pcre2Scratch::Create(uint32_t match_limit,
                                                   uint32_t depth_limit) {
  std::unique_ptr<Pcre2Scratch> scratch(new Pcre2Scratch);
  // Hit or no hit is all we need: one ovector pair does, and pcre2_match
  // still reports a match when captures do not fit.
  scratch->match_data_.reset(pcre2_match_data_create(1, nullptr));
  scratch->context_.reset(pcre2_match_context_create(nullptr));
  scratch->jit_stack_.reset(
      pcre2_jit_stack_create(kJitStackStartBytes, kJitStackMaxBytes, nullptr));
  if (!scratch->match_data_ || !scratch->context_ || !scratch->jit_stack_) {
    return nullptr;
  }
  pcre2_set_match_limit(scratch->context_.get(), match_limit);
  pcre2_set_depth_limit(scratch->context_.get(), depth_limit);
  pcre2_jit_stack_assign(scratch->context_.get(), nullptr,
                         scratch->jit_stack_.get());
  return scratch;
}

std::unique_ptr<Pcre2Pattern> Pcre2Pattern::Compile(std::string_view expression,
                                                    const Flags& flags,
                                                    std::string* error) {
  return Compile(expression, flags, /*jit=*/true, error);
}

std::optional<std::string> Pcre2Pattern::SyntaxError(
    std::string_view expression, const Flags& flags) {
  std::string error;
  if (Compile(expression, flags, /*jit=*/false, &error)) return std::nullopt;
  return error;
}

std::unique_ptr<Pcre2Pattern> Pcre2Pattern::Compile(std::string_view expression,
                                                    const Flags& flags,
                                                    bool jit,
                                                    std::string* error) {
  uint32_t options = 0;
  if (flags.caseless) options |= PCRE2_CASELESS;
  if (flags.multiline) options |= PCRE2_MULTILINE;
  if (flags.dotall) options |= PCRE2_DOTALL;
  if (flags.utf) options |= PCRE2_UTF | PCRE2_UCP;
  if (flags.extended) options |= PCRE2_EXTENDED;

  std::unique_ptr<pcre2_compile_context, Pcre2CompileContextFree> context(
      pcre2_compile_context_create(nullptr));
  if (!context) {
    *error = "PCRE2: out of memory";
    return nullptr;
  }
  // Hyperscan knows only \n as a line end; a PCRE2 built with another
  // default must not disagree with it about ^, $ and . under m and s.
  pcre2_set_newline(context.get(), PCRE2_NEWLINE_LF);

  int code = 0;
  PCRE2_SIZE offset = 0;
  std::unique_ptr<pcre2_code, Pcre2CodeFree> compiled(
      pcre2_compile(reinterpret_cast<PCRE2_SPTR>(expression.data()),
                    expression.size(), options, &code, &offset, context.get()));
  if (!compiled) {
    *error =
        "PCRE2: " + ErrorMessage(code) + " at offset " + std::to_string(offset);
    return nullptr;
  }
  std::unique_ptr<Pcre2Pattern> pattern(new Pcre2Pattern);
  pattern->jit_ =
      jit && pcre2_jit_compile(compiled.get(), PCRE2_JIT_COMPLETE) == 0;
  pattern->code_ = std::move(compiled);
  pattern->utf_ = flags.utf;
  return pattern;
}

Pcre2Outcome Pcre2Pattern::Match(std::string_view text,
                                 const Pcre2Scratch& scratch) const {
  // PCRE2 10.42 rejects a null subject even when it is empty.
  static constexpr char kEmpty[] = "";
  const char* data = text.data() != nullptr ? text.data() : kEmpty;
  // The caller validated UTF-8 once for all patterns of the text.
  uint32_t options = utf_ ? PCRE2_NO_UTF_CHECK : 0;
  int rc =
      pcre2_match(code_.get(), reinterpret_cast<PCRE2_SPTR>(data), text.size(),
                  0, options, scratch.match_data(), scratch.context());
  if (rc >= 0) return Pcre2Outcome::kMatch;  // 0: ovector too small, matched
  switch (rc) {
    case PCRE2_ERROR_NOMATCH:
    case PCRE2_ERROR_PARTIAL:
      return Pcre2Outcome::kNoMatch;
    case PCRE2_ERROR_MATCHLIMIT:
    case PCRE2_ERROR_DEPTHLIMIT:
    case PCRE2_ERROR_HEAPLIMIT:
    case PCRE2_ERROR_JIT_STACKLIMIT:
      return Pcre2Outcome::kLimit;
    default:
      // PCRE2_ERROR_UTF8_* cannot happen for validated texts; if the caller
      // broke that promise it is still no hit, never a failed run.
      return rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21
                 ? Pcre2Outcome::kNoMatch
                 : Pcre2Outcome::kError;
  }
}

uint32_t Pcre2Pattern::CountMatches(std::string_view text,
                                    const Pcre2Scratch& scratch,
                                    uint32_t max) const {
  static constexpr char kEmpty[] = "";
  const char* data = text.data() != nullptr ? text.data() : kEmpty;
  const uint32_t options = utf_ ? PCRE2_NO_UTF_CHECK : 0;
  uint32_t count = 0;
  size_t start = 0;
  while (count < max && start <= text.size()) {
    const int rc = pcre2_match(code_.get(), reinterpret_cast<PCRE2_SPTR>(data),
                               text.size(), start, options,
                               scratch.match_data(), scratch.context());
    if (rc < 0) break;  // no more matches, or a limit: count what was found
    ++count;
    const PCRE2_SIZE* span = pcre2_get_ovector_pointer(scratch.match_data());
    start = span[1] > span[0] ? span[1] : span[0] + 1;
    // Under UTF, a step past an empty match goes to the next character.
    while (utf_ && start < text.size() && (data[start] & 0xC0) == 0x80) ++start;
  }
  return count;
}

}  // namespace inboxsim::scan::detail
