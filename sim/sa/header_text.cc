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
#include "sim/sa/sa_regex.h"
#include "sim/sa/sa_relays.h"

namespace inboxsim::sa {
namespace {

using Values = std::vector<std::string>;

// Every occurrence of `name` in the message's own header, in order.
void AddField(MessageViews& views, std::string_view name, bool raw,
              Values* values) {
  views.message().headers().ForEach(name, [&](const mime::HeaderField& field) {
    values->push_back(raw ? detail::SaRawValue(field)
                          : views.DecodedValue(field));
  });
}

// "Name: value\n" for every field, in order (get_all_headers).
void AddAll(MessageViews& views, Values* values) {
  for (const mime::HeaderField& field : views.message().headers().fields()) {
    std::string_view name = field.name;
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t'))
      name.remove_suffix(1);
    values->push_back(std::string(name) + ": " + views.DecodedValue(field));
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
        // SpamAssassin keeps the domain as written and has no address for
        // a bare local part ("root").
        if (address.local_part.empty() && address.domain.empty()) {
          out.push_back(std::string());
        } else if (!address.domain.empty()) {
          out.push_back(address.local_part + "@" + address.domain_as_written);
        }
      } else if (!address.display_name.empty()) {
        out.push_back(CleanName(address.display_name));
      }
    }
  }
  *values = std::move(out);
}

// The relay list an X-Spam-Relays-* request reads, or nullptr for any
// other name (PerMsgStatus::_get compares these without case).
const std::vector<Relay> Relays::*RelayList(std::string_view name) {
  if (EqualsIgnoreCase(name, "X-Spam-Relays-Trusted")) return &Relays::trusted;
  if (EqualsIgnoreCase(name, "X-Spam-Relays-Untrusted")) {
    return &Relays::untrusted;
  }
  if (EqualsIgnoreCase(name, "X-Spam-Relays-Internal")) {
    return &Relays::internal;
  }
  if (EqualsIgnoreCase(name, "X-Spam-Relays-External")) {
    return &Relays::external;
  }
  return nullptr;
}

// The header lines (of ALL's text, split after each line break) from the
// start_index-th Received field on, through the end_index-th one
// (PerMsgStatus::get_all_hdrs_in_rcvd_index_range); nullopt for no bound.
// Lines before the first Received field have index -1.
void AddReceivedRange(MessageViews& views, std::optional<int> start_index,
                      std::optional<int> end_index, Values* values) {
  if (end_index && *end_index < 0) return;
  Values fields;
  AddAll(views, &fields);
  int index = -1;
  for (const std::string& field : fields) {
    for (size_t begin = 0; begin < field.size();) {
      size_t end = field.find('\n', begin);
      end = end == std::string::npos ? field.size() : end + 1;
      std::string line = field.substr(begin, end - begin);
      begin = end;
      if (StartsWithIgnoreCase(line, "Received:")) ++index;
      if ((!start_index || *start_index <= index) &&
          (!end_index || index < *end_index)) {
        values->push_back(std::move(line));
      } else if (end_index && index == *end_index) {
        values->push_back(std::move(line));
        return;
      }
    }
  }
}

// ALL-TRUSTED, ALL-INTERNAL, ALL-UNTRUSTED, ALL-EXTERNAL: the header up to
// and including the Received field that follows the last trusted
// (internal) relay, or from that field on.
bool IsTrustRange(std::string_view name) {
  return name == "ALL-TRUSTED" || name == "ALL-INTERNAL" ||
         name == "ALL-UNTRUSTED" || name == "ALL-EXTERNAL";
}

void AddTrustRange(MessageViews& views, std::string_view name, Values* values) {
  const bool trusted = name == "ALL-TRUSTED" || name == "ALL-UNTRUSTED";
  const bool before = name == "ALL-TRUSTED" || name == "ALL-INTERNAL";
  const Relays& relays = views.relays();
  // The Received field after the boundary is added too: it was written by
  // a host on the trusted side.
  const int split =
      (trusted ? relays.last_trusted_index : relays.last_internal_index) + 1;
  if (before) {
    AddReceivedRange(views, std::nullopt, split, values);
  } else {
    AddReceivedRange(views, split, std::nullopt, values);
  }
}

// The first address `name`:first:addr gives, nullopt when none.
std::optional<std::string> FirstAddress(MessageViews& views, const char* name) {
  HeaderRequest request;
  request.name = name;
  request.modifiers = {"first", "addr"};
  std::string text;
  if (!AppendHeaderText(views, request, &text)) return std::nullopt;
  return text.substr(0, text.find('\n'));
}

// SpamAssassin's EnvelopeFrom guess (PerMsgStatus::get_envelope_from,
// without envelope_sender_header configured): the envelope sender the
// last untrusted relay (else the first trusted) recorded, else
// X-Envelope-From, Envelope-Sender or Return-Path when no Received field
// precedes it. nullopt when none can be trusted.
std::optional<std::string> EnvelopeFrom(MessageViews& views) {
  const Relays& relays = views.relays();
  const Relay* last_hop = !relays.untrusted.empty() ? &relays.untrusted.front()
                          : !relays.trusted.empty() ? &relays.trusted.back()
                                                    : nullptr;
  // An empty envfrom is Perl's undef here: a recorded one never is empty.
  if (last_hop != nullptr && last_hop->envfrom.find('@') != std::string::npos &&
      last_hop->envfrom.find('@') > 0) {
    return last_hop->envfrom;
  }
  // fetchmail copies a list's X-Sender into the envelope: no header is
  // reliable then.
  const std::optional<std::string> x_sender = FirstAddress(views, "X-Sender");
  if (x_sender && x_sender->find('@') != std::string::npos) {
    bool fetchmail = false;
    views.message().headers().ForEach(
        "Received", [&](const mime::HeaderField& field) {
          fetchmail = fetchmail || views.DecodedValue(field).find(
                                       "(fetchmail") != std::string::npos;
        });
    if (fetchmail) return std::nullopt;
  }
  Values all;
  AddAll(views, &all);
  std::string all_text;
  for (const std::string& line : all) all_text += line;
  if (auto envf = FirstAddress(views, "X-Envelope-From")) {
    if (detail::Re<R"~((?smi)^Received:.*?^X-Envelope-From:)~">().Find(
            all_text)) {
      return std::nullopt;  // perhaps a list's new envelope sender
    }
    return envf;
  }
  if (auto envf = FirstAddress(views, "Envelope-Sender");
      envf && !detail::Re<R"~((?smi)^Received:.*?^Envelope-Sender:)~">().Find(
                  all_text)) {
    return envf;
  }
  if (auto envf = FirstAddress(views, "Return-Path");
      envf &&
      !detail::Re<R"~((?smi)^Received:.*?^Return-Path:)~">().Find(all_text)) {
    return envf;
  }
  return std::nullopt;
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
  // X-Spam-Relays-*, ALL-* and EnvelopeFrom agree with SpamAssassin's on
  // >= 99% of the SpamAssassin public corpus (scripts/sa-text-compare.py);
  // ALL-* with :raw would need the pristine header section.
  if (IsTrustRange(request.name) && request.has("raw")) {
    return "pseudo-header " + request.name +
           ":raw needs SpamAssassin's pristine header text";
  }
  return std::nullopt;
}

bool AppendHeaderText(const mime::Message& message,
                      const HeaderRequest& request, std::string* out) {
  MessageViews views(message);
  return AppendHeaderText(views, request, out);
}

bool AppendHeaderText(MessageViews& views, const HeaderRequest& request,
                      std::string* out) {
  const bool raw = request.has("raw");
  const bool addresses = request.has("addr");
  const bool names = request.has("name");
  // :addr and :name parse the raw value (SpamAssassin's $needraw).
  const bool read_raw = raw || addresses || names;
  const std::string& name = request.name;

  Values values;
  // ALL and ALL-*: whole header lines, no modifiers apply.
  const bool whole_lines = name == "ALL" || IsTrustRange(name);
  if (name == "ALL") {
    AddAll(views, &values);
  } else if (whole_lines) {
    AddTrustRange(views, name, &values);
  } else if (auto list = RelayList(name)) {
    // Always present once SpamAssassin has parsed the Received fields,
    // "" when the list is empty.
    values.push_back(RelaysText(views.relays().*list));
  } else if (EqualsIgnoreCase(name, "EnvelopeFrom")) {
    if (auto envelope_from = EnvelopeFrom(views)) {
      values.push_back(std::move(*envelope_from));
    }
  } else if (EqualsIgnoreCase(name, "ToCc")) {
    AddField(views, "To", read_raw, &values);
    AddField(views, "Cc", read_raw, &values);
  } else if (name == "MESSAGEID") {
    // Lists that resend a message move its Message-Id to these.
    for (const char* field : {"X-Message-Id", "Resent-Message-Id",
                              "X-Original-Message-ID", "Message-Id"}) {
      AddField(views, field, read_raw, &values);
    }
    std::erase_if(values, [](const std::string& v) { return v.empty(); });
  } else {
    AddField(views, name, read_raw, &values);
  }
  if (values.empty()) return false;
  if (!whole_lines) {
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
