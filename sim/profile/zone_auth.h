// SPF and Sender ID evaluated offline for a message: the connecting IP from
// the Received chain, the envelope sender from Return-Path, the PRA from the
// header, checked against a local DNS zone file that a profile ([auth]
// zone_file) or the command line (--zone) names.
//
//   Result<std::shared_ptr<const ZoneAuth>> zone = LoadZoneAuth("auth.zone");
//   EvaluatedAuth spf = EvaluateAuth(**zone, AuthMethod::kSpf, message);
//   spf.result -> AuthResult::kFail
//   spf.reason -> "SPF fail for 203.0.113.7: example.com does not authorise
//                  it (-all)"
#ifndef INBOXSIM_PROFILE_ZONE_AUTH_H_
#define INBOXSIM_PROFILE_ZONE_AUTH_H_

#include <memory>
#include <string>

#include "sim/auth/dns_zone.h"
#include "sim/auth/spf.h"
#include "sim/core/result.h"
#include "sim/mime/message.h"
#include "sim/profile/auth_results.h"

namespace inboxsim::profile {

// A loaded zone and its evaluator; immutable, shared by the rules (and
// threads) that use it.
struct ZoneAuth {
  ZoneAuth(auth::DnsZone loaded_zone, std::string zone_source)
      : zone(std::move(loaded_zone)),
        spf(zone),
        source(std::move(zone_source)) {}
  ZoneAuth(const ZoneAuth&) = delete;
  ZoneAuth& operator=(const ZoneAuth&) = delete;
  const auth::DnsZone zone;
  const auth::SpfEvaluator spf;  // refers to `zone`
  const std::string source;      // the zone file
};

// Fails as LoadZoneFile does (file:line and the reason).
Result<std::shared_ptr<const ZoneAuth>> LoadZoneAuth(const std::string& path);

struct EvaluatedAuth {
  AuthResult result = AuthResult::kNone;
  std::string reason;  // the evaluator's line, or why nothing was checked
};

// SPF: the envelope sender (Return-Path; "<>" is the null sender, checked
// as postmaster@HELO) from the connecting IP. Sender ID: the PRA
// (RFC 4407) from the connecting IP. "none" with the reason when the
// message names no connecting IP or no envelope sender.
EvaluatedAuth EvaluateAuth(const ZoneAuth& zone, AuthMethod method,
                           const mime::Message& message);

}  // namespace inboxsim::profile

#endif  // INBOXSIM_PROFILE_ZONE_AUTH_H_
