// TrainCorpus: a token model from a labelled corpus, trained in one parallel
// pass of RunCorpus (its on_message hook feeds a TokenTrainer). With a
// holdout, a hash-chosen share of the messages is kept out of training and a
// second pass scores them with the new model.
//
//   TrainCorpusOptions options;  options.run.threads = 2;
//   options.holdout = 0.2;
//   Result<TrainCorpusResult> trained = TrainCorpus(plan, options);
//   if (!trained) ...   // no spam or no ham in the corpus
//   model::SaveTokenModel(trained->model, "model.bin");
//   trained->evaluation->auc
//
// The model does not depend on the thread count (see TokenTrainer). Memory
// is RunCorpus's plus the per-thread count tables, never the corpus.
#ifndef INBOXSIM_ENGINE_TRAIN_H_
#define INBOXSIM_ENGINE_TRAIN_H_

#include <optional>

#include "sim/core/result.h"
#include "sim/engine/run.h"
#include "sim/io/corpus_plan.h"
#include "sim/model/evaluation.h"
#include "sim/model/token_model.h"
#include "sim/model/token_trainer.h"

namespace inboxsim::engine {

struct TrainCorpusOptions {
  RunOptions run;  // its on_message is TrainCorpus's own; judge is ignored
  model::TrainOptions train;
  // Share of the labelled messages held back from training and scored
  // afterwards (0: none, no second pass), chosen by model::IsHeldOut.
  double holdout = 0;
  // Held-back messages scoring at least this are called spam.
  double threshold = 0.5;
};

struct TrainCorpusResult {
  model::TokenModel model;
  model::TrainStats stats;  // the messages trained on, and those skipped
  report::Tally tally;      // the training pass: read, parsed, failed
  std::optional<model::Evaluation> evaluation;  // with a holdout
  double elapsed_seconds = 0;                   // both passes
  int threads = 0;
};

// Fails (kBadInput) when the messages trained on hold no spam or no ham; the
// message gives the counts by label.
Result<TrainCorpusResult> TrainCorpus(const io::CorpusPlan& plan,
                                      const TrainCorpusOptions& options);

}  // namespace inboxsim::engine

#endif  // INBOXSIM_ENGINE_TRAIN_H_
