// CorpusReader: the serial first stage of a run. It walks a CorpusPlan and
// hands out its messages in batches: byte ranges over mapped or decompressed
// input for large inputs (cut here by an InputCutter), and small files
// unread, for a worker to read and cut in parallel. Nothing is parsed here.
//
//   CorpusReader reader(plan, ReaderOptions{});
//   MessageBatch batch;
//   while (reader.Next(&batch)) { for (const RawMessage& m : batch.messages)
//   ... }
//
// Not thread-safe: one thread calls Next(); Describe() may be called from
// any thread. A batch owns (shares) the bytes its messages point into, so
// batches may be processed on any thread, in any order, and memory is
// bounded by the batches alive, not the corpus.
#ifndef INBOXSIM_IO_CORPUS_READER_H_
#define INBOXSIM_IO_CORPUS_READER_H_

#include <optional>
#include <string>

#include "sim/io/corpus_plan.h"
#include "sim/io/input_cutter.h"

namespace inboxsim::io {

class CorpusReader {
 public:
  CorpusReader(const CorpusPlan& plan, const ReaderOptions& options);

  // Replaces `batch`'s contents with the next messages; false when none remain.
  bool Next(MessageBatch* batch);

  // "path" or "path#N (byte B)" for messages cut from an mbox.
  std::string Describe(const RawMessage& message) const;

 private:
  // The size of a plain file small enough to hand to a worker unread, or
  // nullopt (stdin, large files, anything stat cannot see).
  std::optional<uint64_t> SizeIfReadInWorker(const InputSource& input) const;

  const CorpusPlan& plan_;
  ReaderOptions options_;
  size_t next_source_ = 0;
  size_t unreadable_reported_ = 0;
  std::optional<InputCutter> cutter_;  // cutting the current large input
};

}  // namespace inboxsim::io

#endif  // INBOXSIM_IO_CORPUS_READER_H_
