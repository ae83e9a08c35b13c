// TokenModel: how often each token appeared in the spam and in the ham of a
// labelled corpus, and the spam probability of a message by Robinson's
// per-token probabilities combined with Fisher's chi-square method, as
// SpamBayes and SpamAssassin's Bayes plug-in do.
//
//   Result<TokenModel> model = LoadTokenModel("model.bin");  // model_file.h
//   ModelScore score = model->Score(message, {.explain = 5});
//   score.spam_probability      // 0 (ham) .. 1 (spam); 0.5: no evidence
//   score.top[0].token          // "subject:viagra", the strongest clue
//   score.top[0].spam_probability, .spam_count, .ham_count
//
// Immutable after construction: Score() may run on many threads at once.
#ifndef INBOXSIM_MODEL_TOKEN_MODEL_H_
#define INBOXSIM_MODEL_TOKEN_MODEL_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/mime/message.h"
#include "sim/model/tokenizer.h"

namespace inboxsim::model {

// One feature's evidence: in how many training messages of each label it
// appeared (at most once per message).
struct FeatureCounts {
  FeatureId id = 0;
  uint32_t spam = 0;
  uint32_t ham = 0;
};

// Robinson's parameters, with SpamBayes' defaults (tuned there on large
// real corpora).
struct ScoreOptions {
  // How many messages' worth of weight the prior `unknown_word_prob` has
  // against a token's own counts: rare tokens lean towards the prior. Must
  // be positive: it keeps every f(w) off 0 and 1, whose logarithms the
  // combining takes.
  double unknown_word_strength = 0.45;
  double unknown_word_prob = 0.5;
  // Tokens closer than this to 0.5 are not evidence and are left out.
  double minimum_prob_strength = 0.1;
  // The most extreme tokens used; more adds noise, not signal.
  size_t max_discriminators = 150;
  // Clues returned in ModelScore::top with their text (0: none, which skips
  // the second tokenizing pass that recovers token text).
  size_t explain = 0;
};

struct TokenContribution {
  std::string token;  // as the tokenizer wrote it
  FeatureId id = 0;
  double spam_probability = 0.5;  // Robinson's f(w) for this token
  uint32_t spam_count = 0;        // training spam holding it
  uint32_t ham_count = 0;         // training ham holding it
};

struct ModelScore {
  double spam_probability = 0.5;       // (S - H + 1) / 2
  double spamminess = 0;               // S: 1 - chi2Q(-2 sum ln(1 - f), 2n)
  double hamminess = 0;                // H: 1 - chi2Q(-2 sum ln f, 2n)
  size_t clues = 0;                    // n: tokens that counted
  std::vector<TokenContribution> top;  // strongest first, `explain` at most
};

class TokenModel {
 public:
  // `features` must be ascending by id without repeats (asserted);
  // `spam_messages` and `ham_messages` (the training totals) positive.
  TokenModel(uint64_t spam_messages, uint64_t ham_messages,
             std::vector<FeatureCounts> features);

  // The message's score; top tokens (with their text) when options.explain.
  ModelScore Score(const mime::Message& message,
                   const ScoreOptions& options = {}) const;
  // The score of a message whose distinct feature ids, ascending, are `ids`.
  // `top` holds ids and counts but no token text.
  ModelScore ScoreFeatures(std::span<const FeatureId> ids,
                           const ScoreOptions& options = {}) const;

  // Robinson's f(w) for a feature with these counts.
  double TokenProbability(const FeatureCounts& counts,
                          const ScoreOptions& options = {}) const;
  // The feature's counts, or nullptr when training never kept it.
  const FeatureCounts* Find(FeatureId id) const;

  uint64_t spam_messages() const { return spam_messages_; }
  uint64_t ham_messages() const { return ham_messages_; }
  const std::vector<FeatureCounts>& features() const { return features_; }

 private:
  uint64_t spam_messages_;
  uint64_t ham_messages_;
  std::vector<FeatureCounts> features_;  // ascending by id
};

// chi2Q(x2, v): the probability that a chi-square variable with `v` degrees
// of freedom (even) is at least `x2`. Exposed for its tests.
double ChiSquareSurvival(double x2, int v);

}  // namespace inboxsim::model

#endif  // INBOXSIM_MODEL_TOKEN_MODEL_H_
