#include "sim/scan/pcre2_pattern.h"

#include <algorithm>

namespace inboxsim::scan::detail {
namespace {

// The JIT's default 32 KiB machine stack runs out on nested groups over long
// texts; 1 MiB per thread is cheap and lets the match limit, not the stack,
// decide when a pattern is too expensive.
constexpr size_t kJitStackStartBytes = 32 * 1024;
constexpr size_t kJitStackMaxBytes = 1024 * 1024;

// PCRE2's longest error message is about 120 characters.
constexpr size_t kErrorBufferUnits = 256;

// How errors name the library, so a reason says which one refused.
template <int kBits>
constexpr const char* kLibraryName = kBits == 8 ? "PCRE2" : "PCRE2-32";

template <int kBits>
std::string ErrorMessage(int code) {
  typename Pcre2Api<kBits>::Unit buffer[kErrorBufferUnits];
  int length =
      Pcre2Api<kBits>::get_error_message(code, buffer, kErrorBufferUnits);
  if (length < 0) return "PCRE2 error " + std::to_string(code);
  // The messages are ASCII in every width.
  return std::string(buffer, buffer + length);
}

}  // namespace

std::span<const PCRE2_UCHAR32> WidenToPcre2Units(
    std::string_view text, std::vector<PCRE2_UCHAR32>* buffer) {
  buffer->resize(text.size());
  std::transform(text.begin(), text.end(), buffer->begin(),
                 [](char c) { return static_cast<unsigned char>(c); });
  return *buffer;
}

template <int kBits>
std::unique_ptr<BasicPcre2Scratch<kBits>> BasicPcre2Scratch<kBits>::Create(
    uint32_t match_limit, uint32_t depth_limit) {
  std::unique_ptr<BasicPcre2Scratch> scratch(new BasicPcre2Scratch);
  // Hit or no hit is all we need: one ovector pair does, and pcre2_match
  // still reports a match when captures do not fit.
  scratch->match_data_.reset(Api::match_data_create(1, nullptr));
  scratch->context_.reset(Api::match_context_create(nullptr));
  scratch->jit_stack_.reset(
      Api::jit_stack_create(kJitStackStartBytes, kJitStackMaxBytes, nullptr));
  if (!scratch->match_data_ || !scratch->context_ || !scratch->jit_stack_) {
    return nullptr;
  }
  Api::set_match_limit(scratch->context_.get(), match_limit);
  Api::set_depth_limit(scratch->context_.get(), depth_limit);
  Api::jit_stack_assign(scratch->context_.get(), nullptr,
                        scratch->jit_stack_.get());
  return scratch;
}

template <int kBits>
std::unique_ptr<BasicPcre2Pattern<kBits>> BasicPcre2Pattern<kBits>::Compile(
    std::string_view expression, const Flags& flags, std::string* error,
    bool* too_large) {
  return Compile(expression, flags, /*jit=*/true, 0, error, too_large);
}

template <int kBits>
std::unique_ptr<BasicPcre2Pattern<kBits>>
BasicPcre2Pattern<kBits>::CompileWithAnchoredTwin(std::string_view expression,
                                                  const Flags& flags,
                                                  std::string* error,
                                                  bool* too_large) {
  std::unique_ptr<BasicPcre2Pattern> pattern =
      Compile(expression, flags, /*jit=*/true, 0, error, too_large);
  if (!pattern) return nullptr;
  std::unique_ptr<BasicPcre2Pattern> twin = Compile(
      expression, flags, /*jit=*/true, PCRE2_ANCHORED, error, too_large);
  if (!twin) return nullptr;
  pattern->anchored_ = std::move(twin->code_);
  return pattern;
}

template <int kBits>
std::optional<std::string> BasicPcre2Pattern<kBits>::SyntaxError(
    std::string_view expression, const Flags& flags, bool* too_large) {
  std::string error;
  if (Compile(expression, flags, /*jit=*/false, 0, &error, too_large)) {
    return std::nullopt;
  }
  return error;
}

template <int kBits>
std::unique_ptr<BasicPcre2Pattern<kBits>> BasicPcre2Pattern<kBits>::Compile(
    std::string_view expression, const Flags& flags, bool jit,
    uint32_t extra_options, std::string* error, bool* too_large) {
  if (too_large != nullptr) *too_large = false;
  const std::string library = kLibraryName<kBits>;
  std::span<const Unit> units;
  std::vector<Unit> wide;
  if constexpr (kBits == 8) {
    units = AsPcre2Units(expression);
  } else {
    if (flags.utf) {
      // One unit per byte is not UTF-32; converting pattern and texts is
      // work no pattern needs yet (the u flag is rare and such patterns are
      // small).
      *error = library + ": the u flag is not supported";
      return nullptr;
    }
    units = WidenToPcre2Units(expression, &wide);
  }
  uint32_t options = extra_options;
  if (flags.caseless) options |= PCRE2_CASELESS;
  if (flags.multiline) options |= PCRE2_MULTILINE;
  if (flags.dotall) options |= PCRE2_DOTALL;
  if (flags.utf) options |= PCRE2_UTF | PCRE2_UCP;
  if (flags.extended) options |= PCRE2_EXTENDED;

  std::unique_ptr<typename Api::CompileContext,
                  Pcre2Free<Api::compile_context_free>>
      context(Api::compile_context_create(nullptr));
  if (!context) {
    *error = library + ": out of memory";
    return nullptr;
  }
  // Hyperscan knows only \n as a line end; a PCRE2 built with another
  // default must not disagree with it about ^, $ and . under m and s.
  Api::set_newline(context.get(), PCRE2_NEWLINE_LF);

  int code = 0;
  PCRE2_SIZE offset = 0;
  std::unique_ptr<typename Api::Code, Pcre2Free<Api::code_free>> compiled(
      Api::compile(units.data(), units.size(), options, &code, &offset,
                   context.get()));
  if (!compiled) {
    if (too_large != nullptr)
      *too_large = code == PCRE2_ERROR_PATTERN_TOO_LARGE;
    *error = library + ": " + ErrorMessage<kBits>(code) + " at offset " +
             std::to_string(offset);
    return nullptr;
  }
  std::unique_ptr<BasicPcre2Pattern> pattern(new BasicPcre2Pattern);
  pattern->jit_ =
      jit && Api::jit_compile(compiled.get(), PCRE2_JIT_COMPLETE) == 0;
  pattern->code_ = std::move(compiled);
  pattern->utf_ = flags.utf;
  return pattern;
}

template <int kBits>
Pcre2Outcome BasicPcre2Pattern<kBits>::Match(
    std::span<const Unit> text, const BasicPcre2Scratch<kBits>& scratch) const {
  return Run(*code_, text, 0, 0, scratch);
}

template <int kBits>
Pcre2Outcome BasicPcre2Pattern<kBits>::MatchAnchoredAt(
    std::span<const Unit> text, size_t start,
    const BasicPcre2Scratch<kBits>& scratch) const {
  if (anchored_) return Run(*anchored_, text, start, 0, scratch);
  return Run(*code_, text, start, PCRE2_ANCHORED, scratch);
}

template <int kBits>
Pcre2Outcome BasicPcre2Pattern<kBits>::Run(
    const typename Api::Code& code, std::span<const Unit> text, size_t start,
    uint32_t options, const BasicPcre2Scratch<kBits>& scratch) const {
  // PCRE2 10.42 rejects a null subject even when it is empty.
  static constexpr Unit kEmpty[1] = {0};
  const Unit* data = text.data() != nullptr ? text.data() : kEmpty;
  // The caller validated UTF-8 once for all patterns of the text.
  if (utf_) options |= PCRE2_NO_UTF_CHECK;
  int rc = Api::match(&code, data, text.size(), start, options,
                      scratch.match_data(), scratch.context());
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

template <int kBits>
uint32_t BasicPcre2Pattern<kBits>::CountMatches(
    std::span<const Unit> text, const BasicPcre2Scratch<kBits>& scratch,
    uint32_t max) const {
  static constexpr Unit kEmpty[1] = {0};
  const Unit* data = text.data() != nullptr ? text.data() : kEmpty;
  const uint32_t options = utf_ ? PCRE2_NO_UTF_CHECK : 0;
  uint32_t count = 0;
  size_t start = 0;
  while (count < max && start <= text.size()) {
    const int rc = Api::match(code_.get(), data, text.size(), start, options,
                              scratch.match_data(), scratch.context());
    if (rc < 0) break;  // no more matches, or a limit: count what was found
    ++count;
    const PCRE2_SIZE* span = Api::get_ovector_pointer(scratch.match_data());
    start = span[1] > span[0] ? span[1] : span[0] + 1;
    // Under UTF, a step past an empty match goes to the next character.
    while (utf_ && start < text.size() && (data[start] & 0xC0) == 0x80) ++start;
  }
  return count;
}

template class BasicPcre2Scratch<8>;
template class BasicPcre2Scratch<32>;
template class BasicPcre2Pattern<8>;
template class BasicPcre2Pattern<32>;

}  // namespace inboxsim::scan::detail
