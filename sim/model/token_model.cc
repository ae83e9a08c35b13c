#include "sim/model/token_model.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace inboxsim::model {
namespace {

struct Clue {
  double distance;  // |f(w) - 0.5|: how strongly the token points either way
  double probability;
  const FeatureCounts* counts;
};

// Strongest first; the id breaks ties so the chosen clues, and the order
// their logarithms are summed in, never depend on the sort's whims.
bool StrongerClue(const Clue& a, const Clue& b) {
  if (a.distance != b.distance) return a.distance > b.distance;
  return a.counts->id < b.counts->id;
}

}  // namespace

double ChiSquareSurvival(double x2, int v) {
  assert(v % 2 == 0 && v > 0);
  // The series for even degrees of freedom (SpamBayes chi2Q): exact, and
  // exp(-m) underflowing to 0 only when the true value is negligible too.
  const double m = x2 / 2.0;
  double term = std::exp(-m);
  double sum = term;
  for (int i = 1; i < v / 2; ++i) {
    term *= m / i;
    sum += term;
  }
  return std::min(sum, 1.0);
}

TokenModel::TokenModel(uint64_t spam_messages, uint64_t ham_messages,
                       std::vector<FeatureCounts> features)
    : spam_messages_(spam_messages),
      ham_messages_(ham_messages),
      features_(std::move(features)) {
  assert(spam_messages_ > 0 && ham_messages_ > 0);
  assert(std::adjacent_find(features_.begin(), features_.end(),
                            [](const FeatureCounts& a, const FeatureCounts& b) {
                              return a.id >= b.id;
                            }) == features_.end());
}

double TokenModel::TokenProbability(const FeatureCounts& counts,
                                    const ScoreOptions& options) const {
  // Ratios, not raw counts: a corpus with four times more ham than spam must
  // not make every token look hammy.
  const double spam_ratio =
      static_cast<double>(counts.spam) / static_cast<double>(spam_messages_);
  const double ham_ratio =
      static_cast<double>(counts.ham) / static_cast<double>(ham_messages_);
  const double total = spam_ratio + ham_ratio;
  const double raw = total > 0 ? spam_ratio / total : options.unknown_word_prob;
  const double n =
      static_cast<double>(counts.spam) + static_cast<double>(counts.ham);
  const double s = options.unknown_word_strength;
  return (s * options.unknown_word_prob + n * raw) / (s + n);
}

const FeatureCounts* TokenModel::Find(FeatureId id) const {
  auto found = std::lower_bound(features_.begin(), features_.end(), id,
                                [](const FeatureCounts& counts, FeatureId key) {
                                  return counts.id < key;
                                });
  return found != features_.end() && found->id == id ? &*found : nullptr;
}

ModelScore TokenModel::ScoreFeatures(std::span<const FeatureId> ids,
                                     const ScoreOptions& options) const {
  std::vector<Clue> clues;
  // Both sides are ascending: each search starts where the last one ended.
  auto cursor = features_.begin();
  for (FeatureId id : ids) {
    cursor = std::lower_bound(cursor, features_.end(), id,
                              [](const FeatureCounts& counts, FeatureId key) {
                                return counts.id < key;
                              });
    if (cursor == features_.end()) break;
    if (cursor->id != id) continue;
    const double probability = TokenProbability(*cursor, options);
    const double distance = std::abs(probability - 0.5);
    if (distance >= options.minimum_prob_strength) {
      clues.push_back({distance, probability, &*cursor});
    }
  }
  if (clues.size() > options.max_discriminators) {
    std::partial_sort(clues.begin(), clues.begin() + options.max_discriminators,
                      clues.end(), StrongerClue);
    clues.resize(options.max_discriminators);
  } else {
    std::sort(clues.begin(), clues.end(), StrongerClue);
  }

  ModelScore score;
  score.clues = clues.size();
  if (clues.empty()) return score;
  // Sums of logarithms rather than products: 150 probabilities near 0
  // underflow a double's product.
  double log_ham = 0;   // ln prod f
  double log_spam = 0;  // ln prod (1 - f)
  for (const Clue& clue : clues) {
    log_ham += std::log(clue.probability);
    log_spam += std::log1p(-clue.probability);
  }
  const int degrees = 2 * static_cast<int>(clues.size());
  score.spamminess = 1.0 - ChiSquareSurvival(-2.0 * log_spam, degrees);
  score.hamminess = 1.0 - ChiSquareSurvival(-2.0 * log_ham, degrees);
  score.spam_probability = (score.spamminess - score.hamminess + 1.0) / 2.0;
  const size_t explained = std::min(options.explain, clues.size());
  for (size_t i = 0; i < explained; ++i) {
    const FeatureCounts& counts = *clues[i].counts;
    score.top.push_back(
        {"", counts.id, clues[i].probability, counts.spam, counts.ham});
  }
  return score;
}

ModelScore TokenModel::Score(const mime::Message& message,
                             const ScoreOptions& options) const {
  std::vector<FeatureId> ids;
  FeatureIds(message, &ids);
  ModelScore score = ScoreFeatures(ids, options);
  if (score.top.empty()) return score;
  // Token text only for the few clues shown: tokenizing again is cheaper
  // than keeping a string for every token of every message.
  size_t missing = score.top.size();
  ForEachToken(message, [&](std::string_view text) {
    if (missing == 0) return;
    const FeatureId id = HashToken(text);
    for (TokenContribution& clue : score.top) {
      if (clue.id == id && clue.token.empty()) {
        clue.token = text;
        --missing;
      }
    }
  });
  return score;
}

}  // namespace inboxsim::model
