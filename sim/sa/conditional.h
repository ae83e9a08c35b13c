// The expression of an `if` line (Conf/Parser.pm handle_conditional):
// `version >= 3.004000`, `plugin(Mail::SpamAssassin::Plugin::X)`,
// `can(Mail::SpamAssassin::Conf::feature_x)`, `has(...)`, `perl_version`,
// `local_tests_only`, numbers, `!`, `&&`, `||`, comparisons, parentheses.
//
//   Result<bool> on = EvaluateCondition("!plugin(Mail::...::DKIM)", 4.000001,
//                                       loaded_plugins);
#ifndef INBOXSIM_SA_CONDITIONAL_H_
#define INBOXSIM_SA_CONDITIONAL_H_

#include <set>
#include <string>
#include <string_view>

#include "sim/core/result.h"

namespace inboxsim::sa::detail {

// True when SpamAssassin `version` with `loaded_plugins` would read the
// block; fails, saying what, for text SpamAssassin cannot evaluate either.
Result<bool> EvaluateCondition(std::string_view expression, double version,
                               const std::set<std::string>& loaded_plugins);

}  // namespace inboxsim::sa::detail

#endif  // INBOXSIM_SA_CONDITIONAL_H_
