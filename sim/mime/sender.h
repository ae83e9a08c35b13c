// Who sent a message, as filters see it: the author and reply addresses, the
// Sender ID purported responsible address (RFC 4407), and the connecting IP
// from the Received chain.
//
//   SenderFacts facts = ExtractSenderFacts(message_headers);
//   facts.pra->domain      -> domain Sender ID checks
//   facts.connecting_ip    -> the IP SPF checks, "" when no hop names one
#ifndef INBOXSIM_MIME_SENDER_H_
#define INBOXSIM_MIME_SENDER_H_

#include <optional>
#include <string>
#include <vector>

#include "sim/mime/address.h"
#include "sim/mime/header.h"
#include "sim/mime/received.h"

namespace inboxsim::mime {

// Why no PRA could be chosen (RFC 4407 section 2): the message is then
// "permerror" for Sender ID.
enum class PraStatus : unsigned char {
  kFound,
  kNoCandidate,     // no Resent-Sender, Resent-From, Sender or From with an
                    // address
  kMultipleFrom,    // several From fields (or From with several mailboxes, no
                    // Sender)
  kMultipleSender,  // several Sender fields
  kMalformed,       // the chosen field holds no parseable mailbox
};

struct SenderFacts {
  std::optional<Address> from;         // first mailbox of From
  std::optional<Address> sender;       // Sender
  std::optional<Address> reply_to;     // first mailbox of Reply-To
  std::optional<Address> return_path;  // Return-Path (the envelope sender, when
                                       // the delivering MTA recorded it)
  bool null_return_path = false;       // Return-Path: <> (the null sender of
                                       // bounces and notifications)
  std::optional<Address> pra;          // purported responsible address
  PraStatus pra_status = PraStatus::kNoCandidate;
  std::vector<ReceivedHop>
      received;               // newest (top) first; unparseable ones skipped
  std::string connecting_ip;  // from_ip of the first hop, from the top,
                              // whose IP is public; "" when none is
  int connecting_hop = -1;    // its index in `received`, or -1
};

SenderFacts ExtractSenderFacts(const HeaderList& headers);

}  // namespace inboxsim::mime

#endif  // INBOXSIM_MIME_SENDER_H_
