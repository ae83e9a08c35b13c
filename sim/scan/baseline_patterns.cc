#include "sim/scan/baseline_patterns.h"

#include <re2/re2.h>

namespace inboxsim::scan::detail {

std::unique_ptr<Re2Pattern> Re2Pattern::Compile(std::string_view expression,
                                                const Flags& flags,
                                                std::string* error,
                                                int64_t max_memory) {
  Translation t = TranslateForRe2(expression, flags);
  if (!t.error.empty()) {
    *error = "RE2: " + t.error;
    return nullptr;
  }
  RE2::Options options;
  options.set_log_errors(false);  // errors are values, returned below
  options.set_max_mem(max_memory);
  // Without u, PCRE2 and Hyperscan see bytes; Latin-1 makes RE2 do so too.
  options.set_encoding(flags.utf ? RE2::Options::EncodingUTF8
                                 : RE2::Options::EncodingLatin1);
  std::unique_ptr<Re2Pattern> pattern(new Re2Pattern);
  pattern->re_ = std::make_unique<RE2>(t.expression, options);
  if (!pattern->re_->ok()) {
    *error = "RE2: " + pattern->re_->error();
    return nullptr;
  }
  return pattern;
}

Re2Pattern::~Re2Pattern() = default;

bool Re2Pattern::Match(std::string_view text) const {
  // No submatches asked for: RE2 can answer with its DFA alone.
  return re_->Match(text, 0, text.size(), RE2::UNANCHORED, nullptr, 0);
}

std::unique_ptr<StdPattern> StdPattern::Compile(std::string_view expression,
                                                const Flags& flags,
                                                std::string* error) {
  Translation t = TranslateForStd(expression, flags);
  if (!t.error.empty()) {
    *error = t.error;
    return nullptr;
  }
  auto syntax = std::regex::ECMAScript | std::regex::optimize;
  if (flags.caseless) syntax |= std::regex::icase;
  std::unique_ptr<StdPattern> pattern(new StdPattern);
  try {
    pattern->re_.assign(t.expression, syntax);
  } catch (const std::regex_error& e) {  // its only way to report a bad pattern
    *error = std::string("std::regex: ") + e.what();
    return nullptr;
  }
  return pattern;
}

StdOutcome StdPattern::Match(std::string_view text) const {
  try {
    return std::regex_search(text.begin(), text.end(), re_)
               ? StdOutcome::kMatch
               : StdOutcome::kNoMatch;
  } catch (const std::regex_error&) {  // error_complexity or error_stack
    return StdOutcome::kLimit;
  }
}

}  // namespace inboxsim::scan::detail
