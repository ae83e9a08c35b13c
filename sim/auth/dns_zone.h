// A local DNS zone that SPF and Sender ID query instead of the network, so
// a run gives the same verdicts on every machine and never waits on a
// resolver. Records come from a zone file (see zone_file.h) or are added in
// code; lookups tell a name that does not exist (NXDOMAIN) from a name with
// no record of the type asked (NODATA) and from a simulated server failure,
// because SPF answers each differently (RFC 7208 sections 4.4, 4.6.4, 5).
//
//   DnsZone zone;
//   zone.AddTxt("example.com", "v=spf1 a -all");
//   zone.AddAddress("example.com", *IpAddress::Parse("192.0.2.10"));
//   DnsAnswer<std::string> txt = zone.Txt("EXAMPLE.com.");  // status kOk
//
// Names are case-insensitive and a trailing dot is optional. Built by one
// thread; once built, the lookups (const) may run on many threads at once
// and return views into the zone, which must outlive them.
#ifndef INBOXSIM_AUTH_DNS_ZONE_H_
#define INBOXSIM_AUTH_DNS_ZONE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/core/ip_address.h"

namespace inboxsim::auth {

enum class DnsType : unsigned char { kA, kAaaa, kMx, kTxt, kPtr, kCname };
// "A", "AAAA", "MX", "TXT", "PTR", "CNAME".
std::string_view DnsTypeName(DnsType type);
// Case-insensitive inverse of DnsTypeName(); nullopt for other types.
std::optional<DnsType> ParseDnsType(std::string_view text);

enum class DnsStatus : unsigned char {
  kOk,        // one or more records
  kNoData,    // the name exists but has no record of that type
  kNxDomain,  // the name does not exist
  kTempFail,  // the server failed (SERVFAIL, timeout): marked TEMPFAIL, or a
              // CNAME chain that loops or is too long
};
// "ok", "nodata", "nxdomain", "tempfail".
std::string_view DnsStatusName(DnsStatus status);

struct MxRecord {
  uint16_t preference = 0;
  std::string exchange;  // lower case, no trailing dot
};

template <typename T>
struct DnsAnswer {
  DnsStatus status = DnsStatus::kNxDomain;
  std::span<const T> records;  // views into the zone; empty unless kOk

  bool ok() const { return status == DnsStatus::kOk; }
  // RFC 7208 4.6.4 "void lookup": an empty answer or NXDOMAIN.
  bool is_void() const {
    return status == DnsStatus::kNoData || status == DnsStatus::kNxDomain;
  }
};

class DnsZone {
 public:
  // Adders take a name in any case, with or without the trailing dot. Adding
  // a name also makes its parent names exist (as empty non-terminals answer
  // NODATA in real DNS), so "_spf.example.com" makes "example.com" exist.

  // One TXT record; `text` is the record's character strings already
  // concatenated (RFC 7208 3.3).
  void AddTxt(std::string_view name, std::string text);
  // An A record for an IPv4 address, an AAAA record for an IPv6 one.
  void AddAddress(std::string_view name, const IpAddress& address);
  void AddMx(std::string_view name, uint16_t preference,
             std::string_view exchange);
  // `name` is the reverse name ("10.2.0.192.in-addr.arpa", see ReverseName).
  void AddPtr(std::string_view name, std::string_view target);
  // Lookups of any type at `name` follow the alias to `target` (records of
  // other types at `name` are then never seen, as DNS forbids them).
  void AddCname(std::string_view name, std::string_view target);
  // Every lookup at `name`, or only those of `type`, fails with kTempFail.
  void AddTempFail(std::string_view name,
                   std::optional<DnsType> type = std::nullopt);

  DnsAnswer<std::string> Txt(std::string_view name) const;
  DnsAnswer<IpAddress> A(std::string_view name) const;
  DnsAnswer<IpAddress> Aaaa(std::string_view name) const;
  DnsAnswer<MxRecord> Mx(std::string_view name) const;
  DnsAnswer<std::string> Ptr(std::string_view name) const;

  // Names that exist, empty non-terminals included.
  size_t name_count() const { return nodes_.size(); }

 private:
  struct Node {
    std::vector<std::string> txt;
    std::vector<IpAddress> a;
    std::vector<IpAddress> aaaa;
    std::vector<MxRecord> mx;
    std::vector<std::string> ptr;
    std::string cname;           // empty: no alias
    uint8_t tempfail_types = 0;  // bit per DnsType
  };
  // Case-insensitive hash and equality, transparent so that a lookup hashes
  // the caller's view in place instead of building a lower-case copy.
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view name) const;
  };
  struct NameEqual {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const;
  };

  Node& NodeFor(std::string_view name);
  // The node answering a `type` query at `name` after following CNAMEs, or
  // the status that ends the lookup instead.
  const Node* Resolve(std::string_view name, DnsType type,
                      DnsStatus* status) const;
  template <typename T>
  DnsAnswer<T> Lookup(std::string_view name, DnsType type,
                      std::vector<T> Node::*records) const;

  std::unordered_map<std::string, Node, NameHash, NameEqual> nodes_;
};

// The name a PTR lookup of `ip` queries: "3.2.0.192.in-addr.arpa", or 32
// reversed nibbles then "ip6.arpa" for IPv6.
std::string ReverseName(const IpAddress& ip);

// `name` in lower case without its trailing dot: the form the zone stores.
std::string CanonicalDnsName(std::string_view name);

}  // namespace inboxsim::auth

#endif  // INBOXSIM_AUTH_DNS_ZONE_H_
