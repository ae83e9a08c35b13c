// FullText: what `full` rules read (Message::get_pristine, which keeps no
// mbox separator).
#include "sim/sa/message_text.h"

namespace inboxsim::sa {

std::string_view FullText(const mime::Message& message) {
  std::string_view raw = message.raw;
  if (raw.substr(0, 5) == "From " || raw.substr(0, 5) == "From\n" ||
      raw.substr(0, 6) == "From\r\n") {
    const size_t newline = raw.find('\n');
    raw.remove_prefix(newline == std::string_view::npos ? raw.size()
                                                        : newline + 1);
  }
  return raw;
}

}  // namespace inboxsim::sa
