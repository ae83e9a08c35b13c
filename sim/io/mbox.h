// The mbox format family: finding the "From " envelope lines that separate
// messages, and undoing the ">From " escaping of mboxo and mboxrd.
//
//   size_t next = FindFromLine(bytes, 1, FromLineRule::kStrict);  // npos: none
//   yet std::string clean; if (NeedsUnescape(message))
//   UnescapeFromLines(message, MboxVariant::kMboxrd, &clean);
#ifndef INBOXSIM_IO_MBOX_H_
#define INBOXSIM_IO_MBOX_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace inboxsim::io {

// How sure we must be that a line starting "From " is an envelope line.
// Bodies of mboxo files and single-message files carry unescaped "From "
// lines, so by default the line must also end in an asctime-like date.
enum class FromLineRule : unsigned char {
  kStrict,  // "From " + sender + a date with hh:mm and a four-digit year
  kLoose,   // any line "From" or starting "From " that a header field follows
            // (for mboxes written without dates)
};

enum class MboxVariant : unsigned char {
  kMboxrd,  // every ">+From " line lost one '>' when written: remove one
  kMboxo,   // only ">From " was escaped: remove the '>' of exactly ">From "
};

// True if `line` (without its newline) is an envelope line under `rule`;
// under kLoose the caller must also check that a header field follows.
bool IsFromLine(std::string_view line, FromLineRule rule);

// Position of the next envelope line that starts at a line start at or after
// `from`, or npos. A candidate whose line does not end within `bytes` is not
// reported: the caller reads more input and asks again.
size_t FindFromLine(std::string_view bytes, size_t from, FromLineRule rule);

// How an input's first bytes say to cut it.
struct MboxLayout {
  bool is_mbox = false;  // its first line is an envelope line
  size_t start = 0;      // where its first message starts (after a UTF-8 BOM)
  // The rule for the envelope lines after the first: an mbox whose own first
  // envelope line has no date was written by a tool that never writes
  // dates, so none is demanded of the rest of it either.
  FromLineRule rule = FromLineRule::kStrict;
};
MboxLayout ProbeMbox(std::string_view first_bytes, FromLineRule configured);
// How many first bytes to read for ProbeMbox: enough to see the first line
// of any real mbox or message (more is fine).
inline constexpr size_t kMboxProbeBytes = 64u << 10;

// True when some line of `message` starts with ">From " or ">>From " etc.
bool NeedsUnescape(std::string_view message);

// Writes `message` to `out` with the escaping of `variant` undone.
void UnescapeFromLines(std::string_view message, MboxVariant variant,
                       std::string* out);

}  // namespace inboxsim::io

#endif  // INBOXSIM_IO_MBOX_H_
