// Block and allow lists: sender addresses and domains (subdomains included),
// connecting IPs by CIDR prefix, URL registrable domains, Reply-To and
// Return-Path domains. Entries go into sorted arrays (one append each, one
// sort when sealed), so lists of millions of entries load in well under a
// second; a lookup is a binary search per domain level or prefix length.
// Add() entries, Seal() once, then Match() from any number of threads.
//
//   DomainList senders;  senders.Add("spam.example"); senders.Add("joe@x.org");
//   senders.Contains("a@mail.spam.example")  -> true (subdomain)
//   IpPrefixList ips;    ips.Add("203.0.113.0/24");
//   ips.Contains("203.0.113.7")              -> true
#ifndef INBOXSIM_PROFILE_LISTS_H_
#define INBOXSIM_PROFILE_LISTS_H_

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/ip_address.h"
#include "sim/core/result.h"
#include "sim/mime/message.h"

namespace inboxsim::profile {

// Addresses ("joe@x.org", matched whole) and domains ("x.org", matching
// itself and every subdomain). Case-insensitive.
class DomainList {
 public:
  // Adds an address or a domain; false for an empty or malformed entry.
  bool Add(std::string_view entry);
  // Sorts the entries and drops duplicates; Match() needs it.
  void Seal();
  // Room for `entries` entries of `bytes` bytes in all.
  void Reserve(size_t entries, size_t bytes) {
    spans_.reserve(entries);
    blob_.reserve(bytes);
  }
  // The entry that `address_or_domain` matches, or nullopt.
  std::optional<std::string> Match(std::string_view address_or_domain) const;
  size_t size() const { return sorted_.size(); }

 private:
  bool Contains(std::string_view entry) const;
  std::string_view Entry(uint32_t index) const {
    return std::string_view(blob_).substr(spans_[index].first,
                                          spans_[index].second);
  }
  // Entries back to back in one buffer (a million small strings would be a
  // million allocations), and (hash, index) sorted by hash: sorting integers
  // is several times faster than sorting strings that share long prefixes,
  // and a lookup compares one or two strings.
  std::string blob_;
  std::vector<std::pair<uint32_t, uint32_t>> spans_;  // offset, length
  std::vector<std::pair<uint64_t, uint32_t>> sorted_;
};

// IPv4 and IPv6 prefixes ("203.0.113.0/24", "2001:db8::/32", or a bare
// address). Longest-prefix membership through one hash set per prefix
// length in use: at most 33 (IPv4) or 129 (IPv6) probes, never a scan.
class IpPrefixList {
 public:
  // Fails with the reason for a malformed entry.
  Status Add(std::string_view cidr);
  // Sorts each prefix length's entries; Match() needs it.
  void Seal();
  // The prefix (as written) that contains `ip`, or nullopt (also for text
  // that is no IP address).
  std::optional<std::string> Match(std::string_view ip) const;
  size_t size() const { return count_; }

 private:
  // Masked network addresses, one sorted vector per prefix length.
  std::vector<std::vector<IpAddress>> by_length_v4_ =
      std::vector<std::vector<IpAddress>>(33);
  std::vector<std::vector<IpAddress>> by_length_v6_ =
      std::vector<std::vector<IpAddress>>(129);
  std::vector<int> lengths_v4_, lengths_v6_;  // lengths in use, longest first
  size_t count_ = 0;
};

// What a list rule looks at.
enum class ListSubject : unsigned char {
  kSenders,     // From (address or domain) and the PRA
  kIps,         // the connecting IP
  kUrlDomains,  // every URL's registrable domain and host
  kReplyTo,     // the Reply-To domain
  kReturnPath,  // the Return-Path domain
};
inline constexpr ListSubject kListSubjects[] = {
    ListSubject::kSenders, ListSubject::kIps, ListSubject::kUrlDomains,
    ListSubject::kReplyTo, ListSubject::kReturnPath};
// "senders", "ips", "url_domains", "reply_to", "return_path".
std::string_view ListSubjectName(ListSubject subject);

struct ListCheck {
  ListSubject subject = ListSubject::kSenders;
  bool allow = false;
  DomainList domains;  // all subjects but kIps
  IpPrefixList ips;    // kIps
  std::string source;  // "profiles/x.toml:12" or the list file, for reasons
  size_t size() const {
    return subject == ListSubject::kIps ? ips.size() : domains.size();
  }
  void Seal() {
    domains.Seal();
    ips.Seal();
  }
  void Reserve(size_t entries, size_t bytes) {
    if (subject != ListSubject::kIps) domains.Reserve(entries, bytes);
  }
  // Adds an entry of the list's kind (a prefix for kIps, else an address or
  // domain); fails with the reason for a malformed one.
  Status Add(std::string_view entry);
};

// Why `message` is on `list` ("sender joe@spam.example on block list
// senders (spam.example, lists/senders.txt)"), or nullopt.
std::optional<std::string> MatchList(const ListCheck& list,
                                     const mime::Message& message);

// Calls `visit` with each entry of a list-style file: one entry a line,
// '#' starts a comment, blank lines skipped, white space trimmed. `reserve`
// (may be empty) first gets the line and byte counts. A failed visit stops
// the read with its message at file:line.
Status ForEachListLine(
    const std::string& path,
    const std::function<Status(std::string_view entry)>& visit,
    const std::function<void(size_t lines, size_t bytes)>& reserve = {});

// Reads a list file: one entry a line, '#' starts a comment, blank lines
// skipped. Fails naming file:line for an entry that is malformed.
Status LoadListFile(const std::string& path, ListCheck* list);

}  // namespace inboxsim::profile

#endif  // INBOXSIM_PROFILE_LISTS_H_
