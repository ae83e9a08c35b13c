// Holding messages back from training, and how well scores separate the
// held-back spam from the ham: the honest check of a trained model.
//
//   if (IsHeldOut(message.raw, 0.2)) scored.push_back({score, label});
//   Evaluation result = Evaluate(std::move(scored), 0.5);
//   result.auc  // 0.5: chance, 1: every spam above every ham
#ifndef INBOXSIM_MODEL_EVALUATION_H_
#define INBOXSIM_MODEL_EVALUATION_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "sim/core/label.h"

namespace inboxsim::model {

// Whether the message with these bytes is in the held-back share `fraction`
// (0..1). Decided by a hash of the bytes alone: the same message lands on the
// same side in every run, on every thread, and copies of it on the same side
// (so no message is judged by a model that trained on its twin).
bool IsHeldOut(std::string_view raw_message, double fraction);

struct ScoredMessage {
  double spam_probability = 0.5;
  Label label = Label::kUnlabelled;  // kSpam or kHam; others are ignored
};

struct Evaluation {
  uint64_t spam = 0;
  uint64_t ham = 0;
  double threshold = 0.5;        // spam when spam_probability >= threshold
  uint64_t false_positives = 0;  // ham at or above the threshold
  uint64_t false_negatives = 0;  // spam below it
  double accuracy = 0;           // right calls over spam + ham; 0 with neither
  // The chance that a random spam scores above a random ham (ties count
  // half): the area under the ROC curve. 0.5 when either label is missing.
  double auc = 0.5;
};

// Evaluates `scored` in O(n log n). The result does not depend on the
// order of `scored`.
Evaluation Evaluate(std::vector<ScoredMessage> scored, double threshold);

}  // namespace inboxsim::model

#endif  // INBOXSIM_MODEL_EVALUATION_H_
