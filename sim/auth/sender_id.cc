#include "sim/auth/sender_id.h"

#include <string>

namespace inboxsim::auth {
namespace {

std::string_view WhyNoPra(mime::PraStatus status) {
  switch (status) {
    case mime::PraStatus::kFound:
      return "the PRA has no domain";
    case mime::PraStatus::kNoCandidate:
      return "no Resent-Sender, Resent-From, Sender or From address";
    case mime::PraStatus::kMultipleFrom:
      return "several From mailboxes and no Sender";
    case mime::PraStatus::kMultipleSender:
      return "several Sender fields";
    case mime::PraStatus::kMalformed:
      return "the chosen header holds no parseable mailbox";
  }
  return "unknown PRA status";
}

}  // namespace

std::string_view PraStatusName(mime::PraStatus status) {
  switch (status) {
    case mime::PraStatus::kFound:
      return "found";
    case mime::PraStatus::kNoCandidate:
      return "no_candidate";
    case mime::PraStatus::kMultipleFrom:
      return "multiple_from";
    case mime::PraStatus::kMultipleSender:
      return "multiple_sender";
    case mime::PraStatus::kMalformed:
      return "malformed";
  }
  return "malformed";
}

SpfVerdict CheckSenderId(const SpfEvaluator& evaluator, const IpAddress& ip,
                         const std::optional<mime::Address>& pra,
                         mime::PraStatus status, std::string_view helo) {
  if (status != mime::PraStatus::kFound || !pra || pra->domain.empty()) {
    // RFC 4407 2: no PRA means the message is malformed for Sender ID.
    SpfVerdict verdict;
    verdict.result = SpfResult::kPermerror;
    verdict.reason = "Sender ID permerror for " + ip.Unmapped().ToString() +
                     ": no purported responsible address (" +
                     std::string(WhyNoPra(status)) + ")";
    return verdict;
  }
  SpfRequest request{ip, pra->domain, pra->AddrSpec(), std::string(helo)};
  return evaluator.CheckHost(request, RecordScope::kSenderIdPra);
}

}  // namespace inboxsim::auth
