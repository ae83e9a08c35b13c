#include "sim/io/input_cutter.h"

#include "sim/core/text.h"

namespace inboxsim::io {
InputCutter::InputCutter(const InputSource& input, uint32_t source_index,
                         const ReaderOptions& options)
    : input_(input), source_index_(source_index), options_(options) {}

bool InputCutter::Next(MessageBatch* batch) {
  const size_t before = batch->messages.size();
  if (!opened_) Open(batch);
  while (!done_ && batch->messages.size() == before) {
    if (is_mbox_) {
      if (!CutNextMboxMessage(batch)) done_ = true;
    } else {
      ReadWholeInput(batch);
      done_ = true;
    }
  }
  if (done_ && source_) {
    if (std::optional<Error> error = source_->TakeDeferredError())
      AddFailure(*error, batch);
    source_.reset();
    window_ = Window{};
  }
  return batch->messages.size() > before;
}

void InputCutter::Open(MessageBatch* batch) {
  opened_ = true;
  Result<std::unique_ptr<ByteSource>> opened = OpenByteSource(input_.path);
  if (!opened) {
    AddFailure(opened.error(), batch);
    done_ = true;
    return;
  }
  source_ = std::move(*opened);
  if (!Extend(0, kMboxProbeBytes, batch)) return;

  const MboxLayout layout = ProbeMbox(window_.view(), options_.from_rule);
  cursor_ = layout.start;
  is_mbox_ = layout.is_mbox;
  from_rule_ = layout.rule;
  // A piece of a sharded mbox: its first envelope line is at `begin`, and the
  // one at `end` starts the next piece.
  if (input_.piece() && is_mbox_ && input_.begin > cursor_) {
    cursor_ = input_.begin;
    Extend(cursor_, kMboxProbeBytes, batch);
  }
}

std::string DescribeMboxMessage(std::string_view path, uint64_t ordinal,
                                uint64_t offset) {
  return std::string(path) + "#" + std::to_string(ordinal) + " (byte " +
         std::to_string(offset) + ")";
}

bool InputCutter::Extend(uint64_t from, size_t min_bytes, MessageBatch* batch) {
  Result<Window> window = source_->WindowFrom(from, min_bytes);
  if (!window) {
    AddFailure(window.error(), batch);
    done_ = true;
    return false;
  }
  window_ = std::move(*window);
  return true;
}

void InputCutter::AddFailure(Error error, MessageBatch* batch) {
  RawMessage message;
  message.source = source_index_;
  message.label = input_.label;
  message.ordinal = ++ordinal_;
  message.offset = cursor_;
  message.from_mbox = is_mbox_;
  message.read_error = std::move(error);
  batch->messages.push_back(std::move(message));
}

void InputCutter::AddMessage(std::string_view bytes, uint64_t offset,
                             MessageBatch* batch) {
  if (batch->buffers.empty() || batch->buffers.back() != window_.buffer) {
    batch->buffers.push_back(window_.buffer);
  }
  RawMessage message;
  message.bytes = bytes;
  message.label = input_.label;
  message.source = source_index_;
  message.ordinal = ++ordinal_;
  message.offset = offset;
  message.from_mbox = is_mbox_;
  batch->messages.push_back(message);
  batch->bytes += bytes.size();
}

void InputCutter::ReadWholeInput(MessageBatch* batch) {
  while (!window_.reaches_end) {
    if (window_.view().size() > options_.max_message_bytes) {
      AddFailure(
          Error{ErrorCode::kMessageTooLarge, input_.path,
                "input is not an mbox and exceeds the message size limit of " +
                    std::to_string(options_.max_message_bytes) + " bytes"},
          batch);
      return;
    }
    if (!Extend(cursor_, 2 * window_.view().size() + 1, batch)) return;
  }
  AddMessage(window_.view().substr(cursor_ - window_.offset), cursor_, batch);
}

bool InputCutter::SkipWindow(MessageBatch* batch) {
  // Keep only what follows the window's last line break: an envelope line
  // can start nowhere else. A window without one is skipped but its last
  // byte, so the next window does not begin at a false line start.
  const std::string_view view = window_.view();
  const size_t local = static_cast<size_t>(cursor_ - window_.offset);
  const size_t last_newline = view.rfind('\n');
  if (last_newline != std::string_view::npos && last_newline >= local) {
    cursor_ = window_.offset + last_newline + 1;
  } else if (view.size() > local + 1) {
    cursor_ = window_.offset + view.size() - 1;
  }
  return Extend(cursor_, kMboxProbeBytes, batch);
}

bool InputCutter::CutNextMboxMessage(MessageBatch* batch) {
  for (;;) {
    const std::string_view view = window_.view();
    const size_t local = static_cast<size_t>(cursor_ - window_.offset);
    if (local >= view.size() && window_.reaches_end) return false;
    if (cursor_ >= input_.end) return false;  // the next piece's
    // While skipping an oversized message the cursor sits at a line start
    // that may itself be the next envelope line.
    const size_t next =
        FindFromLine(view, skipping_ ? local : local + 1, from_rule_);
    if (next != std::string_view::npos) {
      if (skipping_) {
        skipping_ = false;
        cursor_ = window_.offset + next;
        continue;
      }
      AddMessage(view.substr(local, next - local), cursor_, batch);
      cursor_ = window_.offset + next;
      return true;
    }
    if (window_.reaches_end) {
      const std::string_view rest = view.substr(local);
      const bool has_message = !skipping_ && !TrimAscii(rest).empty();
      if (has_message) AddMessage(rest, cursor_, batch);
      cursor_ = window_.end_offset();
      return has_message;
    }
    if (!skipping_ && view.size() - local > options_.max_message_bytes) {
      // Holding a message larger than the limit would make memory grow with
      // the input: count it once, then read on without keeping its bytes.
      AddFailure(
          Error{ErrorCode::kMessageTooLarge, "",
                "message exceeds the size limit of " +
                    std::to_string(options_.max_message_bytes) + " bytes"},
          batch);
      skipping_ = true;
      SkipWindow(batch);
      return true;
    }
    if (skipping_) {
      if (!SkipWindow(batch)) return true;
      continue;
    }
    // The message runs past the window: read on from its start.
    if (!Extend(cursor_, 2 * (view.size() - local) + 1, batch)) return true;
  }
}

}  // namespace inboxsim::io
