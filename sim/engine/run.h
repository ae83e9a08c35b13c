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
  std::string_view where;    // "path" or "mbox path, message N"
  uint64_t order;            // input order: (source << 32) | ordinal
  const scan::HitSet& hits;  // every rule of the catalog that fired
  const std::vector<profile::Verdict>& verdicts;  // by profile
};

// Where a run's time went, with RunOptions::stage_timers on: seconds per
// stage summed over the threads that ran it, so together they come to no
// more than elapsed seconds times threads (the rest is waiting: for the
// reader, for a token, for the pipeline to start and end).
struct StageTimes {
  double read = 0;      // reading input and cutting it into messages
  double parse = 0;     // MIME parsing and decoding (HTML extraction apart)
  double html = 0;      // extracting HTML's visible text and facts
  double checks = 0;    // content/list/auth/reputation checks, meta rules
  double evaluate = 0;  // scoring every profile, placing in the population
  double tally = 0;     // counting into the tallies, and merging them
  // Per scan target, in Scanner::reports() order.
  std::vector<scan::TargetSeconds> targets;

  double scan() const;   // text + match over every target
  double total() const;  // every stage
  void Add(const StageTimes& other);
  void AddTargets(const std::vector<scan::TargetSeconds>& other);
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
  // Time every stage into RunResult::stages (a clock read per stage and per
  // scan target per message: about 1% of the run). Off by default.
  bool stage_timers = false;
};

struct RunResult {
  report::Tally tally;
  double elapsed_seconds = 0;
  int threads = 0;
  StageTimes stages;  // zero unless RunOptions::stage_timers
};

RunResult RunCorpus(const io::CorpusPlan& plan, const RunOptions& options);

// The label `message`'s `header` names, or kUnlabelled.
Label LabelFromHeader(const mime::Message& message, std::string_view header);

}  // namespace inboxsim::engine

#endif  // INBOXSIM_ENGINE_RUN_H_
