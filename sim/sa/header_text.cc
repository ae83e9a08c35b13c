// AppendHeaderText and UnsupportedHeaderRequest: what a `header` rule reads
// (Mail::SpamAssassin::PerMsgStatus::_get and get, joined as
// Plugin::Check joins them).
#include <string>
#include <vector>

#include "sim/core/text.h"
#include "sim/mime/address.h"
#include "sim/mime/rfc2047.h"
#include "sim/sa/header_values.h"
#include "sim/sa/message_text.h"

namespace inboxsim::sa {
namespace {

using Values = std::vector<std::string>;

// Every occurrence of `name` in the message's own header, in order.
void AddField(const mime::Message& message, std::string_view name, bool raw,
              Values* values) {
  message.headers().ForEach(name, [&](const mime::HeaderField& field) {
    values->push_back(raw ? detail::SaRawValue(field)
                          : detail::SaDecodedValue(field));
  });
}

// "Name: value\n" for every field, in order (get_all_headers).
void AddAll(const mime::Message& message, Values* values) {
  for (const mime::HeaderField& field : message.headers().fields()) {
    std::string_view name = field.name;
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t'))
      name.remove_suffix(1);
    values->push_back(std::string(name) + ": " + detail::SaDecodedValue(field));
  }
}

// A display name as :name gives it: RFC 2047 decoded, white space
// collapsed and trimmed, one pair of enclosing single quotes removed.
std::string CleanName(std::string_view phrase) {
  std::string decoded;
  mime::DecodeHeaderText(phrase, &decoded);
  std::string name;
  AppendCollapsedWhitespace(decoded, &name);
  std::string trimmed(TrimAscii(name));
  if (trimmed.size() >= 2 && trimmed.front() == '\'' &&
      trimmed.back() == '\'') {
    trimmed = trimmed.substr(1, trimmed.size() - 2);
  }
  return trimmed;
}

void ToAddressesOrNames(bool names, Values* values) {
  Values out;
  for (const std::string& line : *values) {
    for (const mime::Address& address : mime::ParseAddressList(line)) {
      if (!names) {
        out.push_back(address.local_part.empty() && address.domain.empty()
                          ? std::string()
                          : address.AddrSpec());
      } else if (!address.display_name.empty()) {
        out.push_back(CleanName(address.display_name));
      }
    }
  }
  *values = std::move(out);
}

}  // namespace

std::optional<std::string> UnsupportedHeaderRequest(
    const HeaderRequest& request) {
  for (const char* modifier : {"host", "domain", "ip", "revip"}) {
    if (request.has(modifier)) {
      return "header modifier :" + std::string(modifier) +
             " needs SpamAssassin's host and IP extraction";
    }
  }
  const std::string& name = request.name;
  if (StartsWithIgnoreCase(name, "X-Spam-Relays-") ||
      name.rfind("ALL-", 0) == 0) {
    return "pseudo-header " + name +
           " needs SpamAssassin's Received parser and trust path";
  }
  if (EqualsIgnoreCase(name, "EnvelopeFrom")) {
    return "pseudo-header EnvelopeFrom needs SpamAssassin's envelope "
           "sender heuristics";
  }
  return std::nullopt;
}

bool AppendHeaderText(const mime::Message& message,
                      const HeaderRequest& request, std::string* out) {
  const bool raw = request.has("raw");
  const bool addresses = request.has("addr");
  const bool names = request.has("name");
  // :addr and :name parse the raw value (SpamAssassin's $needraw).
  const bool read_raw = raw || addresses || names;
  const std::string& name = request.name;

  Values values;
  if (name == "ALL") {
    AddAll(message, &values);
  } else if (EqualsIgnoreCase(name, "ToCc")) {
    AddField(message, "To", read_raw, &values);
    AddField(message, "Cc", read_raw, &values);
  } else if (name == "MESSAGEID") {
    // Lists that resend a message move its Message-Id to these.
    for (const char* field : {"X-Message-Id", "Resent-Message-Id",
                              "X-Original-Message-ID", "Message-Id"}) {
      AddField(message, field, read_raw, &values);
    }
    std::erase_if(values, [](const std::string& v) { return v.empty(); });
  } else {
    AddField(message, name, read_raw, &values);
  }
  if (values.empty()) return false;
  if (name != "ALL") {
    if (request.has("first")) values.resize(1);
    if (request.has("last")) values.erase(values.begin(), values.end() - 1);
    if (addresses || names) ToAddressesOrNames(names, &values);
    if (values.empty()) return false;
  }
  // Values ending "\n" run on; bare ones (addresses, names) are lines.
  const bool ends_with_newline =
      !values.front().empty() && values.front().back() == '\n';
  for (size_t i = 0; i < values.size(); ++i) {
    if (i != 0 && !ends_with_newline) out->push_back('\n');
    out->append(values[i]);
  }
  return true;
}

}  // namespace inboxsim::sa
