// TokenTrainer: counts, for every token, the spam and the ham messages that
// hold it, from many threads at once, then builds the TokenModel.
//
//   TokenTrainer trainer;
//   trainer.Add(message, label);          // on any worker thread
//   TrainStats stats;
//   Result<TokenModel> model = trainer.Finish({.min_count = 2}, &stats);
//
// Add() may run on many threads at once: each thread counts into its own
// table, and Finish() sums them. Sums do not depend on which thread saw which
// message, so the model is the same whatever the thread count. Finish() must
// not overlap an Add(); the trainer may go on adding after it.
#ifndef INBOXSIM_MODEL_TOKEN_TRAINER_H_
#define INBOXSIM_MODEL_TOKEN_TRAINER_H_

#include <cstdint>
#include <memory>
#include <span>

#include "sim/core/label.h"
#include "sim/core/result.h"
#include "sim/mime/message.h"
#include "sim/model/token_model.h"

namespace inboxsim::model {

struct TrainOptions {
  // Features seen in fewer training messages (spam and ham together) are
  // dropped: most tokens appear once, and a single sighting weighs little
  // (Robinson's prior pulls it to near 0.5) but costs 16 bytes of model.
  uint32_t min_count = 2;
};

struct TrainStats {
  uint64_t spam_messages = 0;
  uint64_t ham_messages = 0;
  uint64_t unlabelled_messages = 0;  // given to Add() and skipped
  uint64_t features_seen = 0;        // distinct, before pruning
  uint64_t features_kept = 0;
};

namespace detail {
struct TrainerShards;
}  // namespace detail

class TokenTrainer {
 public:
  TokenTrainer();
  ~TokenTrainer();
  TokenTrainer(const TokenTrainer&) = delete;
  TokenTrainer& operator=(const TokenTrainer&) = delete;

  // Counts the message's distinct tokens under `label`; an unlabelled
  // message is counted as skipped and teaches nothing.
  void Add(const mime::Message& message, Label label);
  // The same for a message already tokenized: `ids` ascending, unique.
  void AddFeatures(std::span<const FeatureId> ids, Label label);

  // Sums the threads' counts and keeps the features seen in at least
  // options.min_count messages. Fails (kBadInput) when no spam or no ham was
  // added: a model needs both to tell them apart. `stats` may be null.
  Result<TokenModel> Finish(const TrainOptions& options,
                            TrainStats* stats) const;

 private:
  std::unique_ptr<detail::TrainerShards> shards_;
};

}  // namespace inboxsim::model

#endif  // INBOXSIM_MODEL_TOKEN_TRAINER_H_
