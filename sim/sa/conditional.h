// The expression of an `if` line (Conf/Parser.pm handle_conditional):
// `version >= 3.004000`, `plugin(Mail::SpamAssassin::Plugin::X)`,
// `can(Mail::SpamAssassin::Conf::feature_x)`, `has(...)`, `perl_version`,
// `local_tests_only`, numbers, `!`, `&&`, `||`, comparisons, parentheses.
//
//   Result<bool> on = EvaluateCondition("!plugin(Mail::...::DKIM)",
//                                       {4.000001, &plugins, &compat_flags});
#ifndef INBOXSIM_SA_CONDITIONAL_H_
#define INBOXSIM_SA_CONDITIONAL_H_

#include <set>
#include <string>
#include <string_view>

#include "sim/core/result.h"

namespace inboxsim::sa::detail {

// What a condition can ask about.
struct ConditionContext {
  double version = 0;                                   // `version`
  const std::set<std::string>* plugins = nullptr;       // plugin(...)
  const std::set<std::string>* compat_flags = nullptr;  // can(...::compat_x)
};

// True when SpamAssassin in `context` would read the block; fails, saying
// what, for text SpamAssassin cannot evaluate either.
Result<bool> EvaluateCondition(std::string_view expression,
                               const ConditionContext& context);

}  // namespace inboxsim::sa::detail

#endif  // INBOXSIM_SA_CONDITIONAL_H_
