// MessageViews: one message's SpamAssassin views, each built once when a
// rule first reads it and then shared by every target that needs it. A
// message's rules read the rendered body three ways (body, body without
// the subject, the URI list), the parsed Received chain for nine
// pseudo-headers, and the same decoded header fields for dozens of
// requests; rendering each once per request cost more than the scan.
//
//   sa::MessageViews views;          // one per thread, reused
//   views.Reset(message);            // per message, before any view
//   sa::AppendHeaderText(views, request, &text);
//
// Not thread-safe: one per thread.
#ifndef INBOXSIM_SA_MESSAGE_VIEWS_H_
#define INBOXSIM_SA_MESSAGE_VIEWS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/mime/message.h"
#include "sim/sa/sa_relays.h"

namespace inboxsim::sa {

class MessageViews {
 public:
  MessageViews() = default;
  explicit MessageViews(const mime::Message& message) { Reset(message); }

  // Forgets every view of the previous message (keeping the buffers) and
  // reads `message` from now on; `message` must outlive the views' use.
  void Reset(const mime::Message& message);
  const mime::Message& message() const { return *message_; }

  // AppendBodyText's text, with or without the subject line.
  std::string_view Body(bool with_subject);
  // The links of the HTML parts, from the same rendering as Body().
  const std::vector<std::string>& HtmlUris();
  // ParseRelays(message()).
  const Relays& relays();
  // detail::SaDecodedValue(field) for a field of message()'s own header.
  const std::string& DecodedValue(const mime::HeaderField& field);

 private:
  void RenderBody();

  const mime::Message* message_ = nullptr;
  bool body_ready_ = false;
  std::string body_;  // with the subject as its first line
  std::vector<std::string> html_uris_;
  std::optional<Relays> relays_;
  // By field index; decoded_ready_[i] says whether decoded_[i] is filled.
  std::vector<std::string> decoded_;
  std::vector<bool> decoded_ready_;
};

}  // namespace inboxsim::sa

#endif  // INBOXSIM_SA_MESSAGE_VIEWS_H_
