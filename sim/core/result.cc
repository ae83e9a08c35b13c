#include "sim/core/result.h"

namespace inboxsim {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kEmptyMessage:
      return "empty_message";
    case ErrorCode::kNotAMessage:
      return "not_a_message";
    case ErrorCode::kMessageTooLarge:
      return "message_too_large";
    case ErrorCode::kUnreadable:
      return "unreadable";
    case ErrorCode::kDecompressError:
      return "decompress_error";
    case ErrorCode::kBadInput:
      return "bad_input";
    case ErrorCode::kBadOption:
      return "bad_option";
    case ErrorCode::kOutputError:
      return "output_error";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

std::string Error::ToString() const {
  if (where.empty()) return message;
  return where + ": " + message;
}

}  // namespace inboxsim
