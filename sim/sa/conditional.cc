#include "sim/sa/conditional.h"

#include <cctype>
#include <cstdio>
#include <string>

#include "sim/sa/config.h"
#include "sim/sa/plugins.h"

namespace inboxsim::sa::detail {
namespace {

// Perl's $] on Debian 12; only `if perl_version ...` reads it.
constexpr double kPerlVersion = 5.036;

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':';
}

Error Bad(std::string_view expression, std::string message) {
  return Error{ErrorCode::kBadInput, "",
               "condition '" + std::string(expression) + "': " + message};
}

std::string FormatNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6f", value);
  return buffer;
}

}  // namespace

Result<bool> EvaluateCondition(std::string_view expression,
                               const ConditionContext& context) {
  // The words are resolved to numbers here, the rest is arithmetic the
  // meta expression parser already reads, as SpamAssassin builds a Perl
  // string of the same shape and evals it.
  std::string arithmetic;
  size_t pos = 0;
  while (pos < expression.size()) {
    const char c = expression[pos];
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '_') {
      arithmetic += c;
      ++pos;
      continue;
    }
    size_t end = pos;
    while (end < expression.size() && IsNameChar(expression[end])) ++end;
    const std::string word(expression.substr(pos, end - pos));
    pos = end;
    if (word == "version") {
      arithmetic += FormatNumber(context.version);
    } else if (word == "perl_version") {
      arithmetic += FormatNumber(kPerlVersion);
    } else if (word == "local_tests_only") {
      arithmetic += '0';  // network tests are on in a normal run
    } else if (word == "plugin" || word == "can" || word == "has") {
      while (pos < expression.size() && expression[pos] == ' ') ++pos;
      const size_t close = expression.find(')', pos);
      if (pos >= expression.size() || expression[pos] != '(' ||
          close == std::string_view::npos) {
        return Bad(expression, word + " needs (Module::Name)");
      }
      std::string argument(expression.substr(pos + 1, close - pos - 1));
      argument.erase(0, argument.find_first_not_of(' '));
      argument.erase(argument.find_last_not_of(' ') + 1);
      pos = close + 1;
      bool value = false;
      if (word == "plugin") {
        const std::string plugin = CanonicalPluginName(argument);
        // Removed in 4.1 and always reported loaded by 4.0.1.
        value = context.plugins->count(plugin) != 0 ||
                plugin == "Mail::SpamAssassin::Plugin::RaciallyCharged";
      } else {
        value = CanCall(argument, *context.plugins, *context.compat_flags);
      }
      arithmetic += value ? " 1 " : " 0 ";
    } else {
      return Bad(expression, "unknown word '" + word + "'");
    }
  }
  Result<std::unique_ptr<MetaNode>> tree = ParseMetaExpression(arithmetic);
  if (!tree) return Bad(expression, tree.error().message);
  return EvaluateMeta(**tree, [](const std::string&) { return 0.0; }) != 0;
}

}  // namespace inboxsim::sa::detail
