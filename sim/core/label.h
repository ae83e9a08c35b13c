// Label: the ground truth a corpus may carry for a message (ham or spam).
// Unlabelled is normal: a marketer's campaign folder has no labels.
#ifndef INBOXSIM_CORE_LABEL_H_
#define INBOXSIM_CORE_LABEL_H_

#include <optional>
#include <string_view>

namespace inboxsim {

enum class Label : unsigned char { kUnlabelled, kHam, kSpam };
inline constexpr int kLabelCount = 3;
// Every label, in the order reports list them.
inline constexpr Label kReportedLabels[] = {Label::kHam, Label::kSpam,
                                            Label::kUnlabelled};

// "unlabelled", "ham", "spam": the spelling used in reports.
std::string_view LabelName(Label label);

// Parses "ham" or "spam" (any case); nullopt for anything else.
std::optional<Label> ParseLabel(std::string_view text);

}  // namespace inboxsim

#endif  // INBOXSIM_CORE_LABEL_H_
