#include "sim/auth/dns_zone.h"

#include "sim/core/text.h"

namespace inboxsim::auth {
namespace {

// Real resolvers give up on alias chains after a handful of hops (BIND: 16,
// Unbound: 11) and answer SERVFAIL; 8 is plenty for any sane zone and makes
// a loop cost nothing.
constexpr int kMaxCnameHops = 8;

constexpr DnsType kDnsTypes[] = {DnsType::kA,   DnsType::kAaaa,
                                 DnsType::kMx,  DnsType::kTxt,
                                 DnsType::kPtr, DnsType::kCname};

std::string_view WithoutTrailingDot(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return name;
}

uint8_t TypeBit(DnsType type) {
  return static_cast<uint8_t>(1u << static_cast<unsigned>(type));
}

}  // namespace

std::string_view DnsTypeName(DnsType type) {
  switch (type) {
    case DnsType::kA:
      return "A";
    case DnsType::kAaaa:
      return "AAAA";
    case DnsType::kMx:
      return "MX";
    case DnsType::kTxt:
      return "TXT";
    case DnsType::kPtr:
      return "PTR";
    case DnsType::kCname:
      return "CNAME";
  }
  return "A";
}

std::optional<DnsType> ParseDnsType(std::string_view text) {
  for (DnsType type : kDnsTypes) {
    if (EqualsIgnoreCase(text, DnsTypeName(type))) return type;
  }
  return std::nullopt;
}

std::string_view DnsStatusName(DnsStatus status) {
  switch (status) {
    case DnsStatus::kOk:
      return "ok";
    case DnsStatus::kNoData:
      return "nodata";
    case DnsStatus::kNxDomain:
      return "nxdomain";
    case DnsStatus::kTempFail:
      return "tempfail";
  }
  return "tempfail";
}

std::string CanonicalDnsName(std::string_view name) {
  return ToLowerAscii(WithoutTrailingDot(name));
}

size_t DnsZone::NameHash::operator()(std::string_view name) const {
  // FNV-1a over the lower-cased bytes.
  uint64_t hash = 14695981039346656037ull;
  for (char c : WithoutTrailingDot(name)) {
    hash ^= static_cast<unsigned char>(ToLowerAscii(c));
    hash *= 1099511628211ull;
  }
  return static_cast<size_t>(hash);
}

bool DnsZone::NameEqual::operator()(std::string_view a,
                                    std::string_view b) const {
  return EqualsIgnoreCase(WithoutTrailingDot(a), WithoutTrailingDot(b));
}

DnsZone::Node& DnsZone::NodeFor(std::string_view name) {
  std::string canonical = CanonicalDnsName(name);
  // Parents exist as empty non-terminals: a query for them is NODATA, not
  // NXDOMAIN, as in real DNS.
  for (size_t dot = canonical.find('.'); dot != std::string::npos;
       dot = canonical.find('.', dot + 1)) {
    const std::string_view parent = std::string_view(canonical).substr(dot + 1);
    if (!parent.empty() && nodes_.find(parent) == nodes_.end()) {
      nodes_.emplace(std::string(parent), Node{});
    }
  }
  auto found = nodes_.find(std::string_view(canonical));
  if (found != nodes_.end()) return found->second;
  return nodes_.emplace(std::move(canonical), Node{}).first->second;
}

void DnsZone::AddTxt(std::string_view name, std::string text) {
  NodeFor(name).txt.push_back(std::move(text));
}

void DnsZone::AddAddress(std::string_view name, const IpAddress& address) {
  Node& node = NodeFor(name);
  (address.is_v4() ? node.a : node.aaaa).push_back(address);
}

void DnsZone::AddMx(std::string_view name, uint16_t preference,
                    std::string_view exchange) {
  NodeFor(name).mx.push_back({preference, CanonicalDnsName(exchange)});
}

void DnsZone::AddPtr(std::string_view name, std::string_view target) {
  NodeFor(name).ptr.push_back(CanonicalDnsName(target));
}

void DnsZone::AddCname(std::string_view name, std::string_view target) {
  NodeFor(name).cname = CanonicalDnsName(target);
}

void DnsZone::AddTempFail(std::string_view name, std::optional<DnsType> type) {
  NodeFor(name).tempfail_types |= type ? TypeBit(*type) : uint8_t{0xFF};
}

const DnsZone::Node* DnsZone::Resolve(std::string_view name, DnsType type,
                                      DnsStatus* status) const {
  for (int hop = 0; hop <= kMaxCnameHops; ++hop) {
    const auto found = nodes_.find(name);
    if (found == nodes_.end()) {
      *status = DnsStatus::kNxDomain;
      return nullptr;
    }
    const Node& node = found->second;
    if (node.tempfail_types & TypeBit(type)) {
      *status = DnsStatus::kTempFail;
      return nullptr;
    }
    if (node.cname.empty()) {
      *status = DnsStatus::kOk;
      return &node;
    }
    name = node.cname;
  }
  *status = DnsStatus::kTempFail;
  return nullptr;
}

template <typename T>
DnsAnswer<T> DnsZone::Lookup(std::string_view name, DnsType type,
                             std::vector<T> Node::*records) const {
  DnsAnswer<T> answer;
  const Node* node = Resolve(name, type, &answer.status);
  if (node == nullptr) return answer;
  const std::vector<T>& found = node->*records;
  if (found.empty()) {
    answer.status = DnsStatus::kNoData;
  } else {
    answer.records = found;
  }
  return answer;
}

DnsAnswer<std::string> DnsZone::Txt(std::string_view name) const {
  return Lookup(name, DnsType::kTxt, &Node::txt);
}
DnsAnswer<IpAddress> DnsZone::A(std::string_view name) const {
  return Lookup(name, DnsType::kA, &Node::a);
}
DnsAnswer<IpAddress> DnsZone::Aaaa(std::string_view name) const {
  return Lookup(name, DnsType::kAaaa, &Node::aaaa);
}
DnsAnswer<MxRecord> DnsZone::Mx(std::string_view name) const {
  return Lookup(name, DnsType::kMx, &Node::mx);
}
DnsAnswer<std::string> DnsZone::Ptr(std::string_view name) const {
  return Lookup(name, DnsType::kPtr, &Node::ptr);
}

std::string ReverseName(const IpAddress& ip) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string name;
  const std::span<const unsigned char> bytes = ip.bytes();
  for (size_t i = bytes.size(); i-- > 0;) {
    if (ip.is_v4()) {
      name += std::to_string(bytes[i]);
    } else {
      name += kHex[bytes[i] & 0xF];
      name += '.';
      name += kHex[bytes[i] >> 4];
    }
    name += '.';
  }
  name += ip.is_v4() ? "in-addr.arpa" : "ip6.arpa";
  return name;
}

}  // namespace inboxsim::auth
