// InputCutter: cuts one input (a file or stdin, plain or compressed) into
// messages: an mbox at its envelope lines, anything else as one message.
// The CorpusReader runs one per input; a pipeline worker runs one for a
// small file it was handed unread, so those reads happen in parallel.
//
//   InputCutter cutter(plan.sources[i], i, options);
//   MessageBatch batch;
//   while (cutter.Next(&batch)) {}   // batch.messages: the file's messages
//
// Not thread-safe; each cutter is used by one thread at a time.
#ifndef INBOXSIM_IO_INPUT_CUTTER_H_
#define INBOXSIM_IO_INPUT_CUTTER_H_

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
  // A small input handed over unread: the worker cuts it (bytes is empty).
  bool unread_input = false;
  // Set when the input could not be read: the message counts as failed.
  std::optional<Error> read_error;
};

// How reports name a message cut from an mbox: "path#12 (byte 40960)",
// `ordinal` counting from 1 within the whole input.
std::string DescribeMboxMessage(std::string_view path, uint64_t ordinal,
                                uint64_t offset);

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
  // A plain file smaller than this is handed to a worker unread, so the
  // open/read system calls of a folder of small files run in parallel.
  size_t read_in_worker_below_bytes = 1u << 20;
  size_t max_message_bytes =
      64u << 20;  // a non-mbox input larger is not read whole
  FromLineRule from_rule = FromLineRule::kStrict;
  MboxVariant mbox_variant = MboxVariant::kMboxrd;
};

class InputCutter {
 public:
  InputCutter(const InputSource& input, uint32_t source_index,
              const ReaderOptions& options);

  // Appends the next message (or read failure) of the input to `batch`;
  // false once the input is exhausted (nothing appended).
  bool Next(MessageBatch* batch);

 private:
  void Open(MessageBatch* batch);
  void AddFailure(Error error, MessageBatch* batch);
  void AddMessage(std::string_view bytes, uint64_t offset, MessageBatch* batch);
  void ReadWholeInput(MessageBatch* batch);
  bool CutNextMboxMessage(MessageBatch* batch);
  // Moves past the current window while skipping an oversized message.
  bool SkipWindow(MessageBatch* batch);
  bool Extend(uint64_t from, size_t min_bytes, MessageBatch* batch);

  const InputSource& input_;
  uint32_t source_index_;
  const ReaderOptions& options_;
  bool opened_ = false;
  bool done_ = false;
  std::unique_ptr<ByteSource> source_;
  Window window_;
  uint64_t cursor_ = 0;
  uint32_t ordinal_ = 0;
  bool is_mbox_ = false;
  bool skipping_ = false;  // inside a message over max_message_bytes
  FromLineRule from_rule_ = FromLineRule::kStrict;
};

}  // namespace inboxsim::io

#endif  // INBOXSIM_IO_INPUT_CUTTER_H_
