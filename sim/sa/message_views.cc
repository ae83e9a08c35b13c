#include "sim/sa/message_views.h"

#include <cassert>

#include "sim/sa/header_values.h"
#include "sim/sa/html_parts.h"

namespace inboxsim::sa {

void MessageViews::Reset(const mime::Message& message) {
  message_ = &message;
  body_ready_ = false;
  relays_.reset();
  decoded_ready_.assign(message.headers().size(), false);
  if (decoded_.size() < decoded_ready_.size())
    decoded_.resize(decoded_ready_.size());
}

void MessageViews::RenderBody() {
  if (body_ready_) return;
  body_.clear();
  html_uris_.clear();
  detail::RenderBody(*message_, &body_, &html_uris_);
  body_ready_ = true;
}

std::string_view MessageViews::Body(bool with_subject) {
  RenderBody();
  if (with_subject) return body_;
  // The subject is the first line, and a line holds no "\n".
  const size_t first_break = body_.find('\n');
  if (first_break == std::string::npos) return {};
  return std::string_view(body_).substr(first_break + 1);
}

const std::vector<std::string>& MessageViews::HtmlUris() {
  RenderBody();
  return html_uris_;
}

const Relays& MessageViews::relays() {
  if (!relays_) relays_ = ParseRelays(*message_);
  return *relays_;
}

const std::string& MessageViews::DecodedValue(const mime::HeaderField& field) {
  const std::vector<mime::HeaderField>& fields = message_->headers().fields();
  assert(&field >= fields.data() && &field < fields.data() + fields.size() &&
         "field of another message");
  const size_t index = static_cast<size_t>(&field - fields.data());
  if (!decoded_ready_[index]) {
    decoded_[index] = detail::SaDecodedValue(field);
    decoded_ready_[index] = true;
  }
  return decoded_[index];
}

}  // namespace inboxsim::sa
