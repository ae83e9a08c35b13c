// RunCorpus: the parallel engine. A TBB pipeline with a serial reader
// handing out batches of byte ranges and parallel parse stages, each thread
// counting into its own Tally; the tallies are merged at the end.
//
//   RunOptions options;  options.threads = 2;
//   RunResult result = RunCorpus(plan, options);
//   result.tally.read() == result.tally.parsed() + result.tally.failed()
//
// Memory is bounded by the batches in flight (RunOptions::batches_in_flight
// times ReaderOptions::max_batch_bytes, plus the mapped windows they hold),
// never by the corpus size.
#ifndef INBOXSIM_ENGINE_RUN_H_
#define INBOXSIM_ENGINE_RUN_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/corpus_plan.h"
#include "sim/io/corpus_reader.h"
#include "sim/mime/message.h"
#include "sim/profile/judge.h"
#include "sim/profile/population.h"
#include "sim/report/tally.h"

namespace inboxsim::engine {

// One judged message, as RunOptions::on_judged sees it. Everything it points
// to lives only during the call.
struct JudgedMessage {
  const mime::Message& message;
  Label label;
  std::string_view where;  // "path" or "mbox path, message N"
  uint64_t order;          // input order: (source << 32) | ordinal
  const scan::HitSet& hits;  // every rule of the catalog that fired
  const std::vector<profile::Verdict>& verdicts;  // by profile
};

struct RunOptions {
  int threads = 0;               // 0: every core
  size_t batches_in_flight = 0;  // 0: four per thread
  io::ReaderOptions reader;
  mime::ParseLimits limits;
  // A header naming a message's label ("X-Inboxsim-Label: spam", as `inboxsim
  // gen` writes), used when the path or index gives none; "" to ignore.
  std::string label_header = "X-Inboxsim-Label";
  // When set, every parsed message is scanned once and judged by every profile.
  const profile::Judge* judge = nullptr;
  // With a judge: also place every message in this population (over the
  // judge's profiles) and credit the rules that junked or rejected it.
  const profile::PopulationScorer* population = nullptr;
  // Called by the (serial) reading stage after each batch: the batch's
  // messages and bytes. Runs on one thread at a time; keep it cheap.
  std::function<void(uint64_t messages, uint64_t bytes)> on_progress;
  // When set, called with every parsed message and its label (kUnlabelled
  // included) after it is counted and judged: a hook for passes that need
  // the messages themselves, such as training a model. It runs on the worker
  // threads, many at once and in no fixed order, so it must keep per-thread
  // state (tbb::enumerable_thread_specific) and merge it after RunCorpus
  // returns. The message, and the bytes it views, live only during the call.
  std::function<void(const mime::Message&, Label)> on_message;
  // With a judge: called with every judged message, its rule hits and
  // verdicts (per-message evaluation, hit lists). Same threading rules as
  // on_message.
  std::function<void(const JudgedMessage&)> on_judged;
};

struct RunResult {
  report::Tally tally;
  double elapsed_seconds = 0;
  int threads = 0;
};

RunResult RunCorpus(const io::CorpusPlan& plan, const RunOptions& options);

// The label `message`'s `header` names, or kUnlabelled.
Label LabelFromHeader(const mime::Message& message, std::string_view header);

}  // namespace inboxsim::engine

#endif  // INBOXSIM_ENGINE_RUN_H_
