// The syntax of SPF records (RFC 7208 sections 4.5, 4.6, 5, 6, 12) and of
// Sender ID's "spf2.0/<scopes>" version tag (RFC 4406 section 3). A record
// is parsed whole before any term is evaluated, because any syntax error
// anywhere makes the check "permerror" (RFC 7208 4.6).
//
//   std::optional<VersionTag> tag = ReadVersionTag("v=spf1 mx -all");
//   Result<SpfRecord> record = ParseSpfTerms("mx -all");
//   record->mechanisms[1].qualifier -> Qualifier::kFail
#ifndef INBOXSIM_AUTH_SPF_RECORD_H_
#define INBOXSIM_AUTH_SPF_RECORD_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/ip_address.h"
#include "sim/core/result.h"

namespace inboxsim::auth {

enum class Qualifier : unsigned char {
  kPass,      // "+", the default
  kFail,      // "-"
  kSoftfail,  // "~"
  kNeutral,   // "?"
};

enum class MechanismKind : unsigned char {
  kAll,
  kInclude,
  kA,
  kMx,
  kPtr,
  kIp4,
  kIp6,
  kExists,
};

struct Mechanism {
  Qualifier qualifier = Qualifier::kPass;
  MechanismKind kind = MechanismKind::kAll;
  std::string domain_spec;  // unexpanded; empty: the domain being checked
  IpAddress network;        // ip4 and ip6
  int prefix_v4 = 32;       // ip4, and a/mx against an IPv4 client
  int prefix_v6 = 128;      // ip6, and a/mx against an IPv6 client
  std::string text;         // the term as written, e.g. "-ip4:192.0.2.0/24"

  // include, a, mx, ptr and exists count toward the limit of 10 DNS terms
  // (RFC 7208 4.6.4); all, ip4 and ip6 do not.
  bool CountsTowardLookupLimit() const {
    return kind != MechanismKind::kAll && kind != MechanismKind::kIp4 &&
           kind != MechanismKind::kIp6;
  }
};

struct SpfRecord {
  std::vector<Mechanism> mechanisms;  // in record order
  std::string redirect;     // redirect= domain-spec; empty when absent
  std::string explanation;  // exp= domain-spec; empty when absent
};

// What a TXT record says it is. Sender ID scopes other than mfrom and pra
// are ignored, as RFC 4406 3.1 allows future ones.
struct VersionTag {
  bool spf1 = false;   // "v=spf1"
  bool mfrom = false;  // "spf2.0/...mfrom..."
  bool pra = false;    // "spf2.0/...pra..."
  size_t length = 0;   // bytes of the tag; the terms follow
};

// The version tag `txt` opens with (case-insensitive, ended by a space or
// the end of the record), or nullopt when `txt` is no SPF or Sender ID
// record, e.g. "v=spf10" or "spf2.0/" with no scope.
std::optional<VersionTag> ReadVersionTag(std::string_view txt);

// Parses the terms that follow the version tag. Fails with kBadInput, an
// empty `where` and the first syntax error, e.g. "unknown mechanism
// 'foo:bar'" or "redirect= appears twice".
Result<SpfRecord> ParseSpfTerms(std::string_view terms);

}  // namespace inboxsim::auth

#endif  // INBOXSIM_AUTH_SPF_RECORD_H_
