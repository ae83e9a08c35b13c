// Reads a DnsZone from zone-file text, a small subset of RFC 1035 master
// files enough to publish SPF and Sender ID test data:
//
//   $ORIGIN example.com.          ; later names without a final dot are
//                                 ; relative to it; "@" is the origin
//   @        600 IN TXT "v=spf1 mx " "-all"   ; strings are concatenated
//   @           MX  10 mail-a     ; a line starting with blanks reuses the
//               A   192.0.2.10    ; owner of the line above
//   mail-a      A   192.0.2.129
//   www         CNAME example.com.
//   broken      TEMPFAIL          ; every lookup: temporary DNS failure
//   flaky       TEMPFAIL TXT      ; only TXT lookups fail
//   # '#' and ';' start comments; parentheses join lines.
//
// Types: A, AAAA, MX (preference host), TXT (quoted strings, or unquoted
// text taken whole), PTR, CNAME, and the pseudo type TEMPFAIL (alias
// SERVFAIL). TTL and class IN are accepted and ignored. Without $ORIGIN
// every name is absolute, final dot or not. Other types (NS, SOA, SPF...)
// and wildcard names are errors, not silently dropped.
//
//   Result<DnsZone> zone = LoadZoneFile("zones/example.zone");
//   if (!zone) std::cerr << zone.error().ToString();  // "file:12: reason"
#ifndef INBOXSIM_AUTH_ZONE_FILE_H_
#define INBOXSIM_AUTH_ZONE_FILE_H_

#include <string>
#include <string_view>

#include "sim/auth/dns_zone.h"
#include "sim/core/result.h"

namespace inboxsim::auth {

// Adds the records in `text` to `zone`. On a bad line fails with kBadInput,
// `where` = "source:line" and the reason; records of earlier lines stay.
Status ParseZoneText(std::string_view text, std::string_view source,
                     DnsZone* zone);

// Reads and parses the file at `path`: kUnreadable when it cannot be read,
// else as ParseZoneText with `path` as the source.
Result<DnsZone> LoadZoneFile(const std::string& path);

}  // namespace inboxsim::auth

#endif  // INBOXSIM_AUTH_ZONE_FILE_H_
