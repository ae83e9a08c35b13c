#include "sim/engine/run.h"

#include <tbb/concurrent_queue.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <memory>

#include "sim/core/clock.h"
#include "sim/core/text.h"
#include "sim/io/mbox.h"
#include "sim/profile/evaluate.h"
#include "sim/profile/fact_checks.h"

namespace inboxsim::engine {
namespace {

constexpr size_t kBatchesPerThread =
    4;  // keeps every thread fed while the reader runs

// The order on_judged reports: input first, then message number.
uint64_t InputOrder(const io::RawMessage& message) {
  return (static_cast<uint64_t>(message.source) << 32) | message.ordinal;
}

// Everything one worker thread owns: its tally and its scan state.
struct WorkerState {
  StageTimes stages;  // with RunOptions::stage_timers
  report::Tally tally;
  std::unique_ptr<scan::Scanner::Scratch> scratch;  // made on first use
  scan::HitSet hits;
  scan::ScanCounters counters;
  std::vector<profile::Verdict>
      verdicts;                      // by profile, for the current message
  io::MessageBatch unread_messages;  // messages of a file read in this worker
  std::string unescaped;             // an mbox message with ">From " undone
};

class BatchProcessor {
 public:
  BatchProcessor(const io::CorpusPlan& plan, const io::CorpusReader& reader,
                 const RunOptions& options)
      : plan_(plan), reader_(reader), options_(options) {}

  void Process(const io::MessageBatch& batch, WorkerState* worker) const {
    for (const io::RawMessage& raw : batch.messages) {
      if (raw.unread_input) {
        ProcessUnreadInput(raw, worker);
      } else {
        ProcessMessage(raw, worker);
      }
    }
  }

 private:
  // A small file the reader passed on unread: read and cut it here, in
  // parallel.
  void ProcessUnreadInput(const io::RawMessage& unread,
                          WorkerState* worker) const {
    io::MessageBatch& messages = worker->unread_messages;
    messages.Clear();
    LapClock clock(options_.stage_timers);
    io::InputCutter cutter(plan_.sources[unread.source], unread.source,
                           options_.reader);
    // Message by message: a small compressed file can hold a large mbox, and
    // the cutter's window keeps the bytes of the current message alive.
    while (cutter.Next(&messages)) {
      clock.Lap(&worker->stages.read);
      for (const io::RawMessage& raw : messages.messages)
        ProcessMessage(raw, worker);
      messages.Clear();
      clock.Lap(nullptr);  // ProcessMessage timed itself
    }
    clock.Lap(&worker->stages.read);
  }

  // The input `raw` was cut from, or null for an entry the plan could not
  // read.
  const io::InputSource* InputOf(const io::RawMessage& raw) const {
    return raw.source < plan_.sources.size() ? &plan_.sources[raw.source]
                                             : nullptr;
  }

  // Where `raw` stands in the whole corpus, shards and all.
  report::MessageOrder OrderOf(const io::RawMessage& raw) const {
    const io::InputSource* input = InputOf(raw);
    return {input ? input->index : UINT32_MAX, raw.offset, raw.ordinal};
  }

  report::MessageName NameOf(const io::RawMessage& raw) const {
    report::MessageName name{reader_.Describe(raw), {}};
    const io::InputSource* input = InputOf(raw);
    if (input != nullptr && input->begin > 0 && raw.from_mbox)
      name.piece = {input->begin, input->path};
    return name;
  }

  void ProcessMessage(const io::RawMessage& raw, WorkerState* worker) const {
    report::Tally& tally = worker->tally;
    StageTimes& stages = worker->stages;
    LapClock clock(options_.stage_timers);
    if (const io::InputSource* input = InputOf(raw); input && input->piece())
      tally.CountPieceMessage(input->index, input->begin);
    auto name = [&] { return NameOf(raw); };
    if (raw.read_error) {
      tally.CountFailed(raw.label, raw.bytes.size(), *raw.read_error,
                        OrderOf(raw), name);
      clock.Lap(&stages.tally);
      return;
    }
    std::string_view bytes = raw.bytes;
    if (raw.from_mbox && io::NeedsUnescape(bytes)) {
      io::UnescapeFromLines(bytes, options_.reader.mbox_variant,
                            &worker->unescaped);
      bytes = worker->unescaped;
    }
    clock.Lap(&stages.read);
    const double html_before = stages.html;
    Result<mime::Message> message = mime::ParseMessage(
        bytes, options_.limits, clock.on() ? &stages.html : nullptr);
    Label label = raw.label;
    if (message && label == Label::kUnlabelled &&
        !options_.label_header.empty()) {
      label = LabelFromHeader(*message, options_.label_header);
    }
    clock.Lap(&stages.parse);
    stages.parse -= stages.html - html_before;  // timed inside the parse
    if (!message) {
      tally.CountFailed(raw.label, raw.bytes.size(), message.error(),
                        OrderOf(raw), name);
      clock.Lap(&stages.tally);
      return;
    }
    tally.CountParsed(label, raw.bytes.size(), *message);
    clock.Lap(&stages.tally);
    if (options_.judge != nullptr) Judge(*message, label, raw, worker);
    if (options_.on_message) options_.on_message(*message, label);
  }

  // Scans once for every rule of every profile, then lets each profile decide.
  void Judge(const mime::Message& message, Label label,
             const io::RawMessage& raw, WorkerState* worker) const {
    const profile::Judge& judge = *options_.judge;
    StageTimes& stages = worker->stages;
    if (!worker->scratch) {
      worker->scratch = judge.scanner().MakeScratch();
      worker->scratch->timed = options_.stage_timers;
    }
    LapClock clock(options_.stage_timers);
    // The scanner times each target itself; the rest of Judge::Scan is
    // the checks.
    const double scan_before =
        clock.on() ? scan::TotalSeconds(worker->scratch->target_seconds) : 0;
    judge.Scan(message, *worker->scratch, &worker->hits, &worker->counters);
    clock.Lap(&stages.checks);
    if (clock.on())
      stages.checks -=
          scan::TotalSeconds(worker->scratch->target_seconds) - scan_before;
    worker->tally.CountRuleHits(label, worker->hits);
    const std::vector<profile::Rule>& rules = judge.profiles().catalog.rules;
    const report::MessageOrder order = OrderOf(raw);
    worker->hits.ForEach([&](uint32_t rule) {
      worker->tally.NoteRuleExample(rule, order, [&] {
        report::MessageName name = NameOf(raw);
        return report::RuleExample{order, std::move(name.where),
                                   std::move(name.piece),
                                   profile::RuleReason(rules[rule], message)};
      });
    });
    clock.Lap(&stages.tally);
    judge.ScoreAll(worker->hits, &worker->verdicts);
    clock.Lap(&stages.evaluate);
    const std::vector<profile::Profile>& profiles = judge.profiles().profiles;
    for (size_t i = 0; i < profiles.size(); ++i) {
      worker->tally.CountVerdict(i, label, worker->verdicts[i].action);
    }
    clock.Lap(&stages.tally);
    if (options_.on_judged) {
      const std::string where = reader_.Describe(raw);
      options_.on_judged(JudgedMessage{message, label, where, InputOrder(raw),
                                       worker->hits, worker->verdicts});
      clock.Lap(nullptr);  // the caller's time, not a stage
    }
    if (options_.population != nullptr) {
      const profile::PopulationScorer& population = *options_.population;
      const auto placement = population.Place(worker->verdicts);
      clock.Lap(&stages.evaluate);
      worker->tally.CountPopulation(label, placement);
      clock.Lap(&stages.tally);
      population.Attribute(worker->verdicts, worker->hits,
                           [&](uint32_t rule, Action action, uint64_t parts) {
                             worker->tally.CreditPopulationReason(rule, action,
                                                                  parts);
                           });
      clock.Lap(&stages.evaluate);
    }
  }

  const io::CorpusPlan& plan_;
  const io::CorpusReader& reader_;
  const RunOptions& options_;
};

}  // namespace

double StageTimes::scan() const { return scan::TotalSeconds(targets); }

double StageTimes::total() const {
  return read + parse + html + scan() + checks + evaluate + tally;
}

void StageTimes::Add(const StageTimes& other) {
  read += other.read;
  parse += other.parse;
  html += other.html;
  checks += other.checks;
  evaluate += other.evaluate;
  tally += other.tally;
  AddTargets(other.targets);
}

void StageTimes::AddTargets(const std::vector<scan::TargetSeconds>& other) {
  if (targets.size() < other.size()) targets.resize(other.size());
  for (size_t i = 0; i < other.size(); ++i) {
    targets[i].text += other[i].text;
    targets[i].match += other[i].match;
  }
}

Label LabelFromHeader(const mime::Message& message, std::string_view header) {
  const std::optional<Label> label =
      ParseLabel(TrimAscii(message.headers().Value(header)));
  return label.value_or(Label::kUnlabelled);
}

RunResult RunCorpus(const io::CorpusPlan& plan, const RunOptions& options) {
  RunResult result;
  result.threads =
      options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  const size_t tokens =
      options.batches_in_flight > 0
          ? options.batches_in_flight
          : kBatchesPerThread * static_cast<size_t>(result.threads);

  io::CorpusReader reader(plan, options.reader);
  BatchProcessor processor(plan, reader, options);
  tbb::enumerable_thread_specific<WorkerState> workers;
  // Batches are recycled so their vectors keep their capacity.
  tbb::concurrent_queue<io::MessageBatch*> free_batches;
  std::vector<std::unique_ptr<io::MessageBatch>> owned;
  for (size_t i = 0; i < tokens; ++i) {
    owned.push_back(std::make_unique<io::MessageBatch>());
    free_batches.push(owned.back().get());
  }

  double serial_read_seconds = 0;
  const auto start = std::chrono::steady_clock::now();
  tbb::task_arena arena(result.threads);
  arena.execute([&] {
    tbb::parallel_pipeline(
        tokens,
        tbb::make_filter<void, io::MessageBatch*>(
            tbb::filter_mode::serial_in_order,
            [&](tbb::flow_control& control) -> io::MessageBatch* {
              io::MessageBatch* batch = nullptr;
              LapClock clock(options.stage_timers);
              // A token is free whenever the pipeline asks: there are as
              // many batches as tokens.
              const bool popped = free_batches.try_pop(batch);
              const bool read = popped && reader.Next(batch);
              clock.Lap(&serial_read_seconds);  // one thread at a time
              if (!read) {
                if (popped) free_batches.push(batch);
                control.stop();
                return nullptr;
              }
              if (options.on_progress)
                options.on_progress(batch->messages.size(), batch->bytes);
              return batch;
            }) &
            tbb::make_filter<io::MessageBatch*, void>(
                tbb::filter_mode::parallel, [&](io::MessageBatch* batch) {
                  processor.Process(*batch, &workers.local());
                  batch->Clear();  // release the bytes before the token returns
                  free_batches.push(batch);
                }));
  });
  LapClock merge_clock(options.stage_timers);
  workers.combine_each([&](const WorkerState& worker) {
    result.tally.Merge(worker.tally);
    result.tally.AddScanCounters(worker.counters);
    if (!options.stage_timers) return;
    result.stages.Add(worker.stages);
    if (worker.scratch)
      result.stages.AddTargets(worker.scratch->target_seconds);
  });
  merge_clock.Lap(&result.stages.tally);
  result.stages.read += serial_read_seconds;
  result.elapsed_seconds = SecondsSince(start);
  return result;
}

}  // namespace inboxsim::engine
