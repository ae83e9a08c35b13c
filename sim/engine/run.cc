#include "sim/engine/run.h"

#include <tbb/concurrent_queue.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <memory>

#include "sim/core/text.h"
#include "sim/io/mbox.h"

namespace inboxsim::engine {
namespace {

constexpr size_t kBatchesPerThread =
    4;  // keeps every thread fed while the reader runs

// Order key for failure examples: input first, then message number.
uint64_t InputOrder(const io::RawMessage& message) {
  return (static_cast<uint64_t>(message.source) << 32) | message.ordinal;
}

class BatchProcessor {
 public:
  BatchProcessor(const io::CorpusPlan& plan, const io::CorpusReader& reader,
                 const RunOptions& options)
      : plan_(plan), reader_(reader), options_(options) {}

  void Process(const io::MessageBatch& batch, report::Tally* tally) const {
    for (const io::RawMessage& raw : batch.messages) {
      if (raw.unread_input) {
        ProcessUnreadInput(raw, tally);
      } else {
        ProcessMessage(raw, tally);
      }
    }
  }

 private:
  // A small file the reader passed on unread: read and cut it here, in
  // parallel.
  void ProcessUnreadInput(const io::RawMessage& unread,
                          report::Tally* tally) const {
    thread_local io::MessageBatch messages;
    messages.Clear();
    io::InputCutter cutter(plan_.sources[unread.source], unread.source,
                           options_.reader);
    while (cutter.Next(&messages)) {
    }
    for (const io::RawMessage& raw : messages.messages)
      ProcessMessage(raw, tally);
    messages.Clear();
  }

  void ProcessMessage(const io::RawMessage& raw, report::Tally* tally) const {
    thread_local std::string unescaped;
    auto where = [&] { return reader_.Describe(raw); };
    if (raw.read_error) {
      tally->CountFailed(raw.label, raw.bytes.size(), *raw.read_error,
                         InputOrder(raw), where);
      return;
    }
    std::string_view bytes = raw.bytes;
    if (raw.from_mbox && io::NeedsUnescape(bytes)) {
      io::UnescapeFromLines(bytes, options_.reader.mbox_variant, &unescaped);
      bytes = unescaped;
    }
    Result<mime::Message> message = mime::ParseMessage(bytes, options_.limits);
    if (!message) {
      tally->CountFailed(raw.label, raw.bytes.size(), message.error(),
                         InputOrder(raw), where);
      return;
    }
    Label label = raw.label;
    if (label == Label::kUnlabelled && !options_.label_header.empty()) {
      label = LabelFromHeader(*message, options_.label_header);
    }
    tally->CountParsed(label, raw.bytes.size(), *message);
  }

  const io::CorpusPlan& plan_;
  const io::CorpusReader& reader_;
  const RunOptions& options_;
};

}  // namespace

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
  tbb::enumerable_thread_specific<report::Tally> tallies;
  // Batches are recycled so their vectors keep their capacity.
  tbb::concurrent_queue<io::MessageBatch*> free_batches;
  std::vector<std::unique_ptr<io::MessageBatch>> owned;
  for (size_t i = 0; i < tokens; ++i) {
    owned.push_back(std::make_unique<io::MessageBatch>());
    free_batches.push(owned.back().get());
  }

  const auto start = std::chrono::steady_clock::now();
  tbb::task_arena arena(result.threads);
  arena.execute([&] {
    tbb::parallel_pipeline(
        tokens,
        tbb::make_filter<void, io::MessageBatch*>(
            tbb::filter_mode::serial_in_order,
            [&](tbb::flow_control& control) -> io::MessageBatch* {
              io::MessageBatch* batch = nullptr;
              // A token is free whenever the pipeline asks: there are as
              // many batches as tokens.
              const bool popped = free_batches.try_pop(batch);
              if (!popped || !reader.Next(batch)) {
                if (popped) free_batches.push(batch);
                control.stop();
                return nullptr;
              }
              return batch;
            }) &
            tbb::make_filter<io::MessageBatch*, void>(
                tbb::filter_mode::parallel, [&](io::MessageBatch* batch) {
                  processor.Process(*batch, &tallies.local());
                  batch->Clear();  // release the bytes before the token returns
                  free_batches.push(batch);
                }));
  });
  tallies.combine_each(
      [&](const report::Tally& tally) { result.tally.Merge(tally); });
  result.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return result;
}

}  // namespace inboxsim::engine
