#include "sim/model/evaluation.h"

#include <algorithm>

#include "sim/model/tokenizer.h"

namespace inboxsim::model {

bool IsHeldOut(std::string_view raw_message, double fraction) {
  // FNV-1a, then a finalizer (splitmix64's) so the top bits, which pick the
  // side, depend on every byte.
  uint64_t hash = HashToken(raw_message);
  hash ^= hash >> 30;
  hash *= 0xBF58476D1CE4E5B9ull;
  hash ^= hash >> 27;
  hash *= 0x94D049BB133111EBull;
  hash ^= hash >> 31;
  const double unit = static_cast<double>(hash >> 11) * 0x1.0p-53;  // [0, 1)
  return unit < fraction;
}

Evaluation Evaluate(std::vector<ScoredMessage> scored, double threshold) {
  Evaluation result;
  result.threshold = threshold;
  std::erase_if(scored, [](const ScoredMessage& message) {
    return message.label != Label::kSpam && message.label != Label::kHam;
  });
  std::sort(scored.begin(), scored.end(),
            [](const ScoredMessage& a, const ScoredMessage& b) {
              return a.spam_probability < b.spam_probability;
            });
  // Mann-Whitney U: the sum of the spam's ranks, tied scores sharing the
  // average rank of their run.
  double spam_rank_sum = 0;
  for (size_t i = 0; i < scored.size();) {
    size_t end = i;
    uint64_t spam_in_run = 0;
    for (; end < scored.size() &&
           scored[end].spam_probability == scored[i].spam_probability;
         ++end) {
      spam_in_run += scored[end].label == Label::kSpam;
    }
    const double average_rank = (static_cast<double>(i + 1 + end)) / 2.0;
    spam_rank_sum += average_rank * static_cast<double>(spam_in_run);
    i = end;
  }
  for (const ScoredMessage& message : scored) {
    const bool spam = message.label == Label::kSpam;
    const bool called_spam = message.spam_probability >= threshold;
    if (spam) {
      ++result.spam;
      result.false_negatives += !called_spam;
    } else {
      ++result.ham;
      result.false_positives += called_spam;
    }
  }
  const double total = static_cast<double>(result.spam + result.ham);
  if (total > 0) {
    result.accuracy = (total - static_cast<double>(result.false_positives +
                                                   result.false_negatives)) /
                      total;
  }
  if (result.spam > 0 && result.ham > 0) {
    const double spam = static_cast<double>(result.spam);
    const double ham = static_cast<double>(result.ham);
    result.auc = (spam_rank_sum - spam * (spam + 1) / 2.0) / (spam * ham);
  }
  return result;
}

}  // namespace inboxsim::model
