#include "sim/io/corpus_reader.h"

#include <sys/stat.h>

#include <algorithm>
#include <limits>

namespace inboxsim::io {
namespace {

constexpr uint32_t kNoSource = std::numeric_limits<uint32_t>::max();

bool Full(const MessageBatch& batch, const ReaderOptions& options) {
  return batch.messages.size() >= options.max_batch_messages ||
         batch.bytes >= options.max_batch_bytes;
}

}  // namespace

CorpusReader::CorpusReader(const CorpusPlan& plan, const ReaderOptions& options)
    : plan_(plan), options_(options) {}

std::optional<uint64_t> CorpusReader::SizeIfReadInWorker(
    const InputSource& input) const {
  if (input.path == "-") return std::nullopt;
  struct stat status;
  if (stat(input.path.c_str(), &status) != 0 || !S_ISREG(status.st_mode))
    return std::nullopt;
  const uint64_t size =
      std::min<uint64_t>(static_cast<uint64_t>(status.st_size), input.end) -
      std::min<uint64_t>(static_cast<uint64_t>(status.st_size), input.begin);
  if (size >= options_.read_in_worker_below_bytes) return std::nullopt;
  return size;
}

bool CorpusReader::Next(MessageBatch* batch) {
  batch->Clear();
  while (unreadable_reported_ < plan_.unreadable.size() &&
         !Full(*batch, options_)) {
    RawMessage failure;
    failure.source = kNoSource;
    failure.read_error = plan_.unreadable[unreadable_reported_++];
    failure.ordinal = static_cast<uint32_t>(unreadable_reported_);
    batch->messages.push_back(std::move(failure));
  }
  while (!Full(*batch, options_)) {
    if (!cutter_) {
      if (next_source_ >= plan_.sources.size()) break;
      const auto index = static_cast<uint32_t>(next_source_++);
      const InputSource& input = plan_.sources[index];
      if (std::optional<uint64_t> size = SizeIfReadInWorker(input)) {
        RawMessage unread;
        unread.source = index;
        unread.label = input.label;
        unread.unread_input = true;
        batch->messages.push_back(std::move(unread));
        batch->bytes += *size;
        continue;
      }
      cutter_.emplace(input, index, options_);
    }
    if (!cutter_->Next(batch)) cutter_.reset();
  }
  return !batch->messages.empty();
}

std::string CorpusReader::Describe(const RawMessage& message) const {
  if (message.source == kNoSource || message.source >= plan_.sources.size()) {
    return message.read_error ? message.read_error->where
                              : std::string("(unknown input)");
  }
  const std::string& path = plan_.sources[message.source].path;
  if (!message.from_mbox) return path;
  return DescribeMboxMessage(path, message.ordinal, message.offset);
}

}  // namespace inboxsim::io
