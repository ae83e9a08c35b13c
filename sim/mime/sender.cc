#include "sim/mime/sender.h"

#include "sim/core/text.h"

namespace inboxsim::mime {
namespace {

bool IsTraceField(std::string_view name) {
  return EqualsIgnoreCase(name, "received") ||
         EqualsIgnoreCase(name, "return-path");
}

bool HasMailbox(const HeaderField& field) {
  return ParseMailbox(field.value).has_value();
}

// RFC 4407 section 2, steps 1-4.
void ChoosePra(const HeaderList& headers, SenderFacts* facts) {
  const std::vector<HeaderField>& fields = headers.fields();
  // Step 1: the first non-empty Resent-Sender, unless a Resent-From precedes
  // it with trace fields between them (then it belongs to an older resend).
  int resent_sender = -1;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (EqualsIgnoreCase(fields[i].name, "resent-sender") &&
        HasMailbox(fields[i])) {
      resent_sender = static_cast<int>(i);
      break;
    }
  }
  if (resent_sender >= 0) {
    bool older_block = false;
    bool trace_between = false;
    for (int i = resent_sender - 1; i >= 0; --i) {
      if (IsTraceField(fields[i].name)) trace_between = true;
      if (EqualsIgnoreCase(fields[i].name, "resent-from") &&
          HasMailbox(fields[i])) {
        older_block = trace_between;
        break;
      }
    }
    if (!older_block) {
      facts->pra = ParseMailbox(fields[resent_sender].value);
      facts->pra_status = PraStatus::kFound;
      return;
    }
  }
  // Step 2: the first non-empty Resent-From.
  for (const HeaderField& field : fields) {
    if (EqualsIgnoreCase(field.name, "resent-from") && HasMailbox(field)) {
      facts->pra = ParseMailbox(field.value);
      facts->pra_status = PraStatus::kFound;
      return;
    }
  }
  // Step 3: Sender, which must be unique.
  const size_t sender_count = headers.Count("sender");
  if (sender_count > 1) {
    facts->pra_status = PraStatus::kMultipleSender;
    return;
  }
  if (sender_count == 1) {
    facts->pra = ParseMailbox(headers.Value("sender"));
    facts->pra_status = facts->pra ? PraStatus::kFound : PraStatus::kMalformed;
    return;
  }
  // Step 4: From, which must be unique and hold one mailbox.
  const size_t from_count = headers.Count("from");
  if (from_count == 0) {
    facts->pra_status = PraStatus::kNoCandidate;
    return;
  }
  if (from_count > 1 || ParseAddressList(headers.Value("from")).size() > 1) {
    facts->pra_status = PraStatus::kMultipleFrom;
    return;
  }
  facts->pra = ParseMailbox(headers.Value("from"));
  facts->pra_status = facts->pra ? PraStatus::kFound : PraStatus::kMalformed;
}

std::optional<Address> FirstMailbox(const HeaderList& headers,
                                    std::string_view name) {
  const HeaderField* field = headers.Find(name);
  if (field == nullptr) return std::nullopt;
  return ParseMailbox(field->value);
}

}  // namespace

SenderFacts ExtractSenderFacts(const HeaderList& headers) {
  SenderFacts facts;
  facts.from = FirstMailbox(headers, "from");
  facts.sender = FirstMailbox(headers, "sender");
  facts.reply_to = FirstMailbox(headers, "reply-to");
  facts.return_path = FirstMailbox(headers, "return-path");
  facts.null_return_path = TrimAscii(headers.Value("return-path")) == "<>";
  ChoosePra(headers, &facts);

  headers.ForEach("received", [&facts](const HeaderField& field) {
    if (std::optional<ReceivedHop> hop = ParseReceived(field.value)) {
      facts.received.push_back(std::move(*hop));
    }
  });
  // Offline we cannot know which relays the receiver trusts, so the
  // connecting IP is the newest hop whose sending IP is on the public
  // Internet: internal relays (private addresses) are passed over.
  for (size_t i = 0; i < facts.received.size(); ++i) {
    if (IsPublicIp(facts.received[i].from_ip)) {
      facts.connecting_ip = facts.received[i].from_ip;
      facts.connecting_hop = static_cast<int>(i);
      break;
    }
  }
  return facts;
}

}  // namespace inboxsim::mime
