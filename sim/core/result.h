// Result<T>: a value or an Error, the way every library function reports
// failure. Per-message failures are expected data (millions per run), so they
// travel as values and are counted, never thrown.
//
//   Result<Message> parsed = ParseMessage(bytes, limits);
//   if (!parsed) { tally.CountFailure(parsed.error().code); return; }
//   Use(*parsed);
#ifndef INBOXSIM_CORE_RESULT_H_
#define INBOXSIM_CORE_RESULT_H_

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace inboxsim {

// Why something failed. Message-level codes feed the report's
// `failed_by_reason`; ErrorCodeName() gives their stable JSON spelling.
enum class ErrorCode {
  kEmptyMessage,     // zero bytes, or only whitespace
  kNotAMessage,      // no RFC 5322 header field where the header must start
  kMessageTooLarge,  // larger than ParseLimits::max_message_bytes
  kUnreadable,       // the file could not be opened or read (permissions, I/O)
  kDecompressError,  // a compressed input is corrupt or truncated
  kBadInput,         // a path or index entry that names no usable input
  kBadOption,        // a command-line value out of range or malformed
  kOutputError,      // a report could not be written
  kInternal,         // a bug: an invariant of ours does not hold
};
inline constexpr int kErrorCodeCount =
    static_cast<int>(ErrorCode::kInternal) + 1;

// Stable snake_case name used in reports, e.g. "not_a_message".
std::string_view ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string
      where;  // "corpus/spam.mbox:1204" or "profiles/acme.toml:12 rule X"
  std::string message;  // what went wrong, in the failing engine's own words

  // "where: message", or just the message when `where` is empty.
  std::string ToString() const;
};

// A kBadInput error whose place the caller adds (an input's path and line).
inline Error BadInput(std::string message) {
  return Error{ErrorCode::kBadInput, "", std::move(message)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error)
      : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<T>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<Error>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

// Result<void>: success carries nothing.
struct Ok {};
using Status = Result<Ok>;

}  // namespace inboxsim

#endif  // INBOXSIM_CORE_RESULT_H_
