#include "sim/io/corpus_reader.h"

#include <limits>

#include "sim/core/text.h"

namespace inboxsim::io {
namespace {

// Enough to see the first line of any real mbox or message.
constexpr size_t kProbeBytes = 64u << 10;
constexpr uint32_t kNoSource = std::numeric_limits<uint32_t>::max();
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool Full(const MessageBatch& batch, const ReaderOptions& options) {
  return batch.messages.size() >= options.max_batch_messages ||
         batch.bytes >= options.max_batch_bytes;
}

}  // namespace

CorpusReader::CorpusReader(const CorpusPlan& plan, const ReaderOptions& options)
    : plan_(plan), options_(options) {}

bool CorpusReader::Next(MessageBatch* batch) {
  batch->Clear();
  while (unreadable_reported_ < plan_.unreadable.size() &&
         !Full(*batch, options_)) {
    source_index_ = kNoSource;
    AddFailure(plan_.unreadable[unreadable_reported_++], batch);
  }
  while (!Full(*batch, options_)) {
    if (!source_) {
      if (next_source_ >= plan_.sources.size()) break;
      OpenNextSource(batch);
      continue;
    }
    if (is_mbox_) {
      if (!CutNextMboxMessage(batch)) CloseSource();
    } else {
      ReadWholeInput(batch);
      CloseSource();
    }
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
  return path + "#" + std::to_string(message.ordinal) + " (byte " +
         std::to_string(message.offset) + ")";
}

bool CorpusReader::OpenNextSource(MessageBatch* batch) {
  source_index_ = static_cast<uint32_t>(next_source_++);
  const InputSource& input = plan_.sources[source_index_];
  Result<std::unique_ptr<ByteSource>> opened = OpenByteSource(input.path);
  if (!opened) {
    AddFailure(opened.error(), batch);
    return false;
  }
  source_ = std::move(*opened);
  cursor_ = 0;
  ordinal_ = 0;
  window_ = Window{};
  if (!Extend(0, kProbeBytes, batch)) return false;

  std::string_view view = window_.view();
  if (view.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    cursor_ = kUtf8Bom.size();  // editors add it; no mail reader wants it
    view.remove_prefix(kUtf8Bom.size());
  }
  const std::string_view first_line = view.substr(0, view.find('\n'));
  is_mbox_ = IsFromLine(first_line, FromLineRule::kLoose);
  // An mbox whose own first envelope line has no date was written by a tool
  // that never writes dates: demand none for the rest of it either.
  from_rule_ = is_mbox_ && !IsFromLine(first_line, options_.from_rule)
                   ? FromLineRule::kLoose
                   : options_.from_rule;
  return true;
}

void CorpusReader::CloseSource() {
  source_.reset();
  window_ = Window{};
}

bool CorpusReader::Extend(uint64_t from, size_t min_bytes,
                          MessageBatch* batch) {
  Result<Window> window = source_->WindowFrom(from, min_bytes);
  if (!window) {
    AddFailure(window.error(), batch);
    CloseSource();
    return false;
  }
  window_ = std::move(*window);
  return true;
}

void CorpusReader::AddFailure(Error error, MessageBatch* batch) {
  RawMessage message;
  message.source = source_index_;
  message.label = source_index_ < plan_.sources.size()
                      ? plan_.sources[source_index_].label
                      : Label::kUnlabelled;
  message.ordinal = ++ordinal_;
  message.offset = cursor_;
  message.read_error = std::move(error);
  batch->messages.push_back(std::move(message));
}

void CorpusReader::AddMessage(std::string_view bytes, uint64_t offset,
                              MessageBatch* batch) {
  if (batch->buffers.empty() || batch->buffers.back() != window_.buffer) {
    batch->buffers.push_back(window_.buffer);
  }
  RawMessage message;
  message.bytes = bytes;
  message.label = plan_.sources[source_index_].label;
  message.source = source_index_;
  message.ordinal = ++ordinal_;
  message.offset = offset;
  message.from_mbox = is_mbox_;
  batch->messages.push_back(message);
  batch->bytes += bytes.size();
}

void CorpusReader::ReadWholeInput(MessageBatch* batch) {
  while (!window_.reaches_end) {
    if (window_.view().size() > options_.max_message_bytes) {
      AddFailure(
          Error{ErrorCode::kMessageTooLarge, plan_.sources[source_index_].path,
                "input is not an mbox and exceeds the message size limit of " +
                    std::to_string(options_.max_message_bytes) + " bytes"},
          batch);
      return;
    }
    if (!Extend(cursor_, 2 * window_.view().size() + 1, batch)) return;
  }
  AddMessage(window_.view().substr(cursor_ - window_.offset), cursor_, batch);
}

bool CorpusReader::CutNextMboxMessage(MessageBatch* batch) {
  for (;;) {
    const std::string_view view = window_.view();
    const size_t local = static_cast<size_t>(cursor_ - window_.offset);
    if (local >= view.size() && window_.reaches_end) return false;
    const size_t next = FindFromLine(view, local + 1, from_rule_);
    if (next != std::string_view::npos) {
      AddMessage(view.substr(local, next - local), cursor_, batch);
      cursor_ = window_.offset + next;
      return true;
    }
    if (window_.reaches_end) {
      const std::string_view rest = view.substr(local);
      if (!TrimAscii(rest).empty()) AddMessage(rest, cursor_, batch);
      cursor_ = window_.end_offset();
      return false;
    }
    // The message runs past the window: read on from its start.
    if (!Extend(cursor_, 2 * (view.size() - local) + 1, batch)) return false;
  }
}

}  // namespace inboxsim::io
