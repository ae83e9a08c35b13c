// CorpusReader: the serial first stage of a run. It walks a CorpusPlan and
// cuts its inputs into messages, handed out in batches of byte ranges over
// mapped or decompressed input. Nothing is copied or parsed here.
//
//   CorpusReader reader(plan, ReaderOptions{});
//   MessageBatch batch;
//   while (reader.Next(&batch)) { for (const RawMessage& m : batch.messages)
//   ... }
//
// Not thread-safe: one thread calls Next(). A batch owns (shares) the bytes
// its messages point into, so batches may be processed on any thread, in any
// order, and memory is bounded by the batches alive, not the corpus.
#ifndef INBOXSIM_IO_CORPUS_READER_H_
#define INBOXSIM_IO_CORPUS_READER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/label.h"
#include "sim/core/result.h"
#include "sim/io/byte_source.h"
#include "sim/io/corpus_plan.h"
#include "sim/io/mbox.h"

namespace inboxsim::io {

struct RawMessage {
  std::string_view bytes;  // the message, its mbox envelope line included
  Label label = Label::kUnlabelled;
  uint32_t source = 0;   // index into CorpusPlan::sources
  uint32_t ordinal = 0;  // 1-based message number within that source
  uint64_t offset = 0;   // byte offset within the (decompressed) source
  bool from_mbox =
      false;  // cut from an mbox: ">From " lines may need unescaping
  // Set when the input could not be read: the message counts as failed.
  std::optional<Error> read_error;
};

struct MessageBatch {
  std::vector<RawMessage> messages;
  std::vector<std::shared_ptr<const Buffer>> buffers;  // keep the bytes alive
  uint64_t bytes = 0;
  void Clear() {
    messages.clear();
    buffers.clear();
    bytes = 0;
  }
};

struct ReaderOptions {
  size_t max_batch_messages = 256;
  size_t max_batch_bytes = 4u << 20;
  size_t max_message_bytes =
      64u << 20;  // a single-message file larger is not read whole
  FromLineRule from_rule = FromLineRule::kStrict;
  MboxVariant mbox_variant = MboxVariant::kMboxrd;
};

class CorpusReader {
 public:
  CorpusReader(const CorpusPlan& plan, const ReaderOptions& options);

  // Replaces `batch`'s contents with the next messages; false when none remain.
  bool Next(MessageBatch* batch);

  // "path" or "path#N (byte B)" for messages cut from an mbox.
  std::string Describe(const RawMessage& message) const;

 private:
  bool OpenNextSource(MessageBatch* batch);
  void AddFailure(Error error, MessageBatch* batch);
  void AddMessage(std::string_view bytes, uint64_t offset, MessageBatch* batch);
  void ReadWholeInput(MessageBatch* batch);
  bool CutNextMboxMessage(MessageBatch* batch);
  bool Extend(uint64_t from, size_t min_bytes, MessageBatch* batch);
  void CloseSource();

  const CorpusPlan& plan_;
  ReaderOptions options_;
  size_t next_source_ = 0;
  size_t unreadable_reported_ = 0;

  // The open source.
  std::unique_ptr<ByteSource> source_;
  uint32_t source_index_ = 0;
  Window window_;
  uint64_t cursor_ = 0;
  uint32_t ordinal_ = 0;
  bool is_mbox_ = false;
  FromLineRule from_rule_ = FromLineRule::kStrict;
};

}  // namespace inboxsim::io

#endif  // INBOXSIM_IO_CORPUS_READER_H_
