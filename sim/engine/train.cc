#include "sim/engine/train.h"

#include <tbb/enumerable_thread_specific.h>

#include <chrono>

#include "sim/core/clock.h"

namespace inboxsim::engine {

Result<TrainCorpusResult> TrainCorpus(const io::CorpusPlan& plan,
                                      const TrainCorpusOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const bool holdout = options.holdout > 0;
  RunOptions run = options.run;
  run.judge = nullptr;  // training needs the messages, not verdicts

  model::TokenTrainer trainer;
  run.on_message = [&](const mime::Message& message, Label label) {
    if (holdout && label != Label::kUnlabelled &&
        model::IsHeldOut(message.raw, options.holdout)) {
      return;  // scored by the second pass
    }
    trainer.Add(message, label);
  };
  const RunResult trained = RunCorpus(plan, run);
  model::TrainStats stats;
  Result<model::TokenModel> model = trainer.Finish(options.train, &stats);
  if (!model) {
    Error error = model.error();
    if (holdout) error.message += "; held-back messages are not trained on";
    return error;
  }

  std::optional<model::Evaluation> evaluation;
  if (holdout) {
    tbb::enumerable_thread_specific<std::vector<model::ScoredMessage>> scored;
    run.on_message = [&](const mime::Message& message, Label label) {
      if (label == Label::kUnlabelled ||
          !model::IsHeldOut(message.raw, options.holdout)) {
        return;
      }
      scored.local().push_back({model->Score(message).spam_probability, label});
    };
    RunCorpus(plan, run);
    std::vector<model::ScoredMessage> all;
    for (const auto& local : scored)
      all.insert(all.end(), local.begin(), local.end());
    evaluation = model::Evaluate(std::move(all), options.threshold);
  }
  const double elapsed_seconds = SecondsSince(start);
  return TrainCorpusResult{
      std::move(model).value(), stats,          trained.tally, evaluation,
      elapsed_seconds,          trained.threads};
}

}  // namespace inboxsim::engine
