// One rule-defining line of a SpamAssassin configuration (`body NAME
// /re/i`, `header NAME From:addr =~ /re/`, `meta NAME A && B`, `askdns
// NAME ...`) read into a Rule, or into an Unsupported entry saying why it
// cannot run here. Scores, descriptions and tflags come from other lines
// and are filled in later by the config reader.
//
//   Result<Definition> d = ParseRuleLine("body", "FOO /foo/i", "x.cf:3");
#ifndef INBOXSIM_SA_RULE_LINE_H_
#define INBOXSIM_SA_RULE_LINE_H_

#include <string>
#include <string_view>
#include <variant>

#include "sim/core/result.h"
#include "sim/sa/config.h"

namespace inboxsim::sa::detail {

using Definition = std::variant<Rule, Unsupported>;

// Whether `setting` (lower case) defines a rule: the core rule types and
// the rule types plugins add (mimeheader, askdns, urirhssub ...).
bool DefinesRule(std::string_view setting);

// Reads `value`, the text after `setting`; `where` is copied into the
// result. Fails, saying why, only when the line names no valid rule
// (SpamAssassin then defines nothing); a rule it cannot express becomes
// an Unsupported with the reason.
Result<Definition> ParseRuleLine(std::string_view setting,
                                 std::string_view value,
                                 const std::string& where);

}  // namespace inboxsim::sa::detail

#endif  // INBOXSIM_SA_RULE_LINE_H_
