// The passes SpamAssassin makes once every configuration file is read
// (Conf/Parser.pm fix_tests and finish_parsing, ReplaceTags.pm
// finish_parsing_end): scores, descriptions and tflags joined to their
// rules, defaults for unscored rules, ReplaceTags, and metas that cannot
// run because what they read cannot.
#ifndef INBOXSIM_SA_CONFIG_FINISH_H_
#define INBOXSIM_SA_CONFIG_FINISH_H_

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/sa/config.h"
#include "sim/sa/replace_tags.h"
#include "sim/sa/rule_line.h"

namespace inboxsim::sa::detail {

// What score / describe / tflags / priority lines said about one name.
struct RuleAttributes {
  std::optional<std::array<double, 4>> scores;
  std::optional<std::string> description;
  std::optional<std::vector<std::string>> tflags;
  std::optional<int> priority;
};

struct FinishInput {
  std::vector<Definition> definitions;  // one per name, first-definition order
  std::map<std::string, RuleAttributes> attributes;  // by rule name
  std::vector<std::string> replace_rules;            // replace_rules names
  ReplaceTagSet replace_tags;
};

// The finished rules and unsupported entries, with warnings for names
// that attributes, replace_rules or metas refer to but nothing defines.
// The other Config fields are left for the caller.
Config FinishConfig(FinishInput input);

}  // namespace inboxsim::sa::detail

#endif  // INBOXSIM_SA_CONFIG_FINISH_H_
