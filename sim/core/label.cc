#include "sim/core/label.h"

#include "sim/core/text.h"

namespace inboxsim {

std::string_view LabelName(Label label) {
  switch (label) {
    case Label::kHam:
      return "ham";
    case Label::kSpam:
      return "spam";
    case Label::kUnlabelled:
      return "unlabelled";
  }
  return "unlabelled";
}

std::optional<Label> ParseLabel(std::string_view text) {
  if (EqualsIgnoreCase(text, "ham")) return Label::kHam;
  if (EqualsIgnoreCase(text, "spam")) return Label::kSpam;
  return std::nullopt;
}

}  // namespace inboxsim
