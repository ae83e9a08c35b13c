// Sender ID (RFC 4406): SPF's evaluation applied to the purported
// responsible address (PRA, RFC 4407) of the message header instead of the
// envelope sender. Records come from "spf2.0/pra" (or "spf2.0/mfrom,pra")
// TXT records; a domain that publishes no "spf2.0" record at all is judged
// by its "v=spf1" record (RFC 4406 section 3.4).
//
//   SenderFacts facts = mime::ExtractSenderFacts(headers);
//   SpfVerdict verdict = CheckSenderId(spf, ip, facts.pra, facts.pra_status);
//   verdict.result -> SpfResult::kPass, ...; permerror when no PRA exists
//
// Thread safety as SpfEvaluator: callable from many threads at once.
#ifndef INBOXSIM_AUTH_SENDER_ID_H_
#define INBOXSIM_AUTH_SENDER_ID_H_

#include <optional>
#include <string_view>

#include "sim/auth/spf.h"
#include "sim/core/ip_address.h"
#include "sim/mime/address.h"
#include "sim/mime/sender.h"

namespace inboxsim::auth {

// The PRA check. When `status` is not kFound or `pra` has no domain, the
// result is permerror with the reason no PRA could be chosen (RFC 4407
// section 2); otherwise check_host() of the PRA domain with the PRA as
// <sender>, reading spf2.0/pra records (and v=spf1 as described above).
SpfVerdict CheckSenderId(const SpfEvaluator& evaluator, const IpAddress& ip,
                         const std::optional<mime::Address>& pra,
                         mime::PraStatus status, std::string_view helo = "");

// "found", "no_candidate", "multiple_from", "multiple_sender", "malformed".
std::string_view PraStatusName(mime::PraStatus status);

}  // namespace inboxsim::auth

#endif  // INBOXSIM_AUTH_SENDER_ID_H_
