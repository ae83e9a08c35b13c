#include "sim/profile/zone_auth.h"

#include "sim/auth/sender_id.h"
#include "sim/auth/zone_file.h"

namespace inboxsim::profile {

Result<std::shared_ptr<const ZoneAuth>> LoadZoneAuth(const std::string& path) {
  Result<auth::DnsZone> zone = auth::LoadZoneFile(path);
  if (!zone) return zone.error();
  return std::shared_ptr<const ZoneAuth>(
      std::make_shared<ZoneAuth>(*std::move(zone), path));
}

EvaluatedAuth EvaluateAuth(const ZoneAuth& zone, AuthMethod method,
                           const mime::Message& message) {
  const mime::SenderFacts& sender = message.sender;
  const char* what = method == AuthMethod::kSpf ? "SPF" : "Sender ID";
  const std::optional<IpAddress> ip = IpAddress::Parse(sender.connecting_ip);
  if (!ip) {
    return {AuthResult::kNone,
            std::string(what) +
                " none: no Received header names a public connecting IP"};
  }
  const std::string helo =
      sender.connecting_hop >= 0
          ? sender.received[static_cast<size_t>(sender.connecting_hop)]
                .from_helo
          : std::string();
  auth::SpfVerdict verdict;
  if (method == AuthMethod::kSpf) {
    if (sender.return_path) {
      verdict =
          zone.spf.CheckMailFrom(*ip, sender.return_path->AddrSpec(), helo);
    } else if (sender.null_return_path) {
      verdict = zone.spf.CheckMailFrom(*ip, "", helo);
    } else {
      return {AuthResult::kNone,
              "SPF none: no envelope sender recorded (Return-Path)"};
    }
  } else {
    verdict =
        auth::CheckSenderId(zone.spf, *ip, sender.pra, sender.pra_status, helo);
  }
  const std::optional<AuthResult> result =
      ParseAuthResult(auth::SpfResultName(verdict.result));
  return {result.value_or(AuthResult::kPermerror), std::move(verdict.reason)};
}

}  // namespace inboxsim::profile
