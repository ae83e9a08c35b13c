#include "sim/profile/lists.h"

#include <algorithm>
#include <fstream>
#include <functional>

#include "sim/core/text.h"

namespace inboxsim::profile {
namespace {

// The domain part of an address, or the text itself when it has no '@'.
std::string_view DomainOf(std::string_view address_or_domain) {
  const size_t at = address_or_domain.rfind('@');
  return at == std::string_view::npos ? address_or_domain
                                      : address_or_domain.substr(at + 1);
}

}  // namespace

bool DomainList::Add(std::string_view entry) {
  std::string_view trimmed = TrimAscii(entry);
  while (!trimmed.empty() && trimmed.back() == '.') trimmed.remove_suffix(1);
  if (trimmed.empty() || trimmed.find_first_of(" \t") != std::string_view::npos)
    return false;
  spans_.emplace_back(static_cast<uint32_t>(blob_.size()),
                      static_cast<uint32_t>(trimmed.size()));
  for (char c : trimmed) blob_.push_back(ToLowerAscii(c));
  return true;
}

void DomainList::Seal() {
  sorted_.clear();
  sorted_.reserve(spans_.size());
  for (uint32_t i = 0; i < spans_.size(); ++i) {
    sorted_.emplace_back(std::hash<std::string_view>()(Entry(i)), i);
  }
  std::sort(sorted_.begin(), sorted_.end());
  // Drop duplicates in place: equal strings have equal hashes, so a
  // duplicate's twin is among the kept entries of the same hash run.
  size_t kept = 0;
  for (size_t i = 0; i < sorted_.size(); ++i) {
    bool seen = false;
    for (size_t j = kept; j > 0 && sorted_[j - 1].first == sorted_[i].first;
         --j) {
      if (Entry(sorted_[j - 1].second) == Entry(sorted_[i].second)) {
        seen = true;
        break;
      }
    }
    if (!seen) sorted_[kept++] = sorted_[i];
  }
  sorted_.resize(kept);
}

bool DomainList::Contains(std::string_view entry) const {
  const uint64_t hash = std::hash<std::string_view>()(entry);
  auto it = std::lower_bound(sorted_.begin(), sorted_.end(),
                             std::make_pair(hash, uint32_t{0}));
  for (; it != sorted_.end() && it->first == hash; ++it) {
    if (Entry(it->second) == entry) return true;
  }
  return false;
}

std::optional<std::string> DomainList::Match(
    std::string_view address_or_domain) const {
  if (sorted_.empty() || address_or_domain.empty()) return std::nullopt;
  const std::string lowered = ToLowerAscii(address_or_domain);
  if (lowered.find('@') != std::string::npos && Contains(lowered))
    return lowered;
  // The domain and each parent: "a.b.example" -> "b.example" -> "example".
  std::string_view domain = DomainOf(lowered);
  while (!domain.empty()) {
    if (Contains(domain)) return std::string(domain);
    const size_t dot = domain.find('.');
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
  }
  return std::nullopt;
}

Status IpPrefixList::Add(std::string_view cidr) {
  const std::string_view text = TrimAscii(cidr);
  const size_t slash = text.find('/');
  const std::optional<IpAddress> ip =
      IpAddress::Parse(TrimAscii(text.substr(0, slash)));
  if (!ip) {
    return Error{ErrorCode::kBadInput, "",
                 "not an IP address or prefix: '" + std::string(text) + "'"};
  }
  const int bits = ip->bit_count();
  int length = bits;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3 ||
        !std::all_of(digits.begin(), digits.end(), IsDigitAscii)) {
      return Error{ErrorCode::kBadInput, "",
                   "bad prefix length in '" + std::string(text) + "'"};
    }
    length = std::stoi(std::string(digits));
    if (length > bits) {
      return Error{ErrorCode::kBadInput, "",
                   "prefix length " + std::to_string(length) +
                       " is longer than the address"};
    }
  }
  auto& sets = ip->is_v4() ? by_length_v4_ : by_length_v6_;
  auto& lengths = ip->is_v4() ? lengths_v4_ : lengths_v6_;
  sets[length].push_back(ip->Masked(length));
  if (std::find(lengths.begin(), lengths.end(), length) == lengths.end()) {
    lengths.push_back(length);
    std::sort(lengths.rbegin(), lengths.rend());
  }
  return Ok{};
}

void IpPrefixList::Seal() {
  count_ = 0;
  for (auto* sets : {&by_length_v4_, &by_length_v6_}) {
    for (std::vector<IpAddress>& keys : *sets) {
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
      count_ += keys.size();
    }
  }
}

std::optional<std::string> IpPrefixList::Match(std::string_view ip) const {
  const std::optional<IpAddress> parsed = IpAddress::Parse(TrimAscii(ip));
  if (!parsed) return std::nullopt;
  // An IPv4-mapped IPv6 address is judged as the IPv4 address it carries.
  const IpAddress address = parsed->Unmapped();
  const auto& sets = address.is_v4() ? by_length_v4_ : by_length_v6_;
  const auto& lengths = address.is_v4() ? lengths_v4_ : lengths_v6_;
  for (int length : lengths) {
    const IpAddress masked = address.Masked(length);
    if (std::binary_search(sets[length].begin(), sets[length].end(), masked)) {
      return masked.ToString() + "/" + std::to_string(length);
    }
  }
  return std::nullopt;
}

std::string_view ListSubjectName(ListSubject subject) {
  switch (subject) {
    case ListSubject::kSenders:
      return "senders";
    case ListSubject::kIps:
      return "ips";
    case ListSubject::kUrlDomains:
      return "url_domains";
    case ListSubject::kReplyTo:
      return "reply_to";
    case ListSubject::kReturnPath:
      return "return_path";
  }
  return "senders";
}

std::optional<std::string> MatchList(const ListCheck& list,
                                     const mime::Message& message) {
  const mime::SenderFacts& sender = message.sender;
  const std::string kind = list.allow ? "allow" : "block";
  auto reason = [&](const std::string& what, const std::string& value,
                    const std::string& entry) {
    return what + " " + value + " on " + kind + " list " +
           std::string(ListSubjectName(list.subject)) + " (" + entry + ", " +
           list.source + ")";
  };
  auto match_address =
      [&](const std::optional<mime::Address>& address,
          const std::string& what) -> std::optional<std::string> {
    if (!address) return std::nullopt;
    const std::string spec = address->AddrSpec();
    if (auto entry = list.domains.Match(spec))
      return reason(what, spec, *entry);
    return std::nullopt;
  };
  switch (list.subject) {
    case ListSubject::kSenders:
      if (auto found = match_address(sender.from, "sender")) return found;
      return match_address(sender.pra, "sender");
    case ListSubject::kIps:
      if (auto entry = list.ips.Match(sender.connecting_ip)) {
        return reason("connecting IP", sender.connecting_ip, *entry);
      }
      return std::nullopt;
    case ListSubject::kUrlDomains:
      for (const mime::Url& url : message.urls) {
        if (auto entry = list.domains.Match(url.host))
          return reason("URL", url.url, *entry);
      }
      return std::nullopt;
    case ListSubject::kReplyTo:
      return match_address(sender.reply_to, "Reply-To");
    case ListSubject::kReturnPath:
      return match_address(sender.return_path, "Return-Path");
  }
  return std::nullopt;
}

Status ListCheck::Add(std::string_view entry) {
  if (subject == ListSubject::kIps) return ips.Add(entry);
  if (!domains.Add(entry)) {
    return Error{ErrorCode::kBadInput, "",
                 "not an address or domain: '" + std::string(entry) + "'"};
  }
  return Ok{};
}

Status ForEachListLine(
    const std::string& path,
    const std::function<Status(std::string_view entry)>& visit,
    const std::function<void(size_t lines, size_t bytes)>& reserve) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Error{ErrorCode::kBadInput, path, "cannot open list file"};
  // One read, then lines as views: a million-entry list must load in well
  // under a second.
  std::string bytes(static_cast<size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  // Reserve once: on this kind of machine page faults from repeated growth
  // cost more than parsing the entries.
  if (reserve) {
    reserve(
        static_cast<size_t>(std::count(bytes.begin(), bytes.end(), '\n')) + 1,
        bytes.size());
  }
  int number = 0;
  size_t line_start = 0;
  while (line_start < bytes.size()) {
    size_t line_end = bytes.find('\n', line_start);
    if (line_end == std::string::npos) line_end = bytes.size();
    std::string_view entry(bytes.data() + line_start, line_end - line_start);
    line_start = line_end + 1;
    ++number;
    if (const size_t hash = entry.find('#'); hash != std::string_view::npos) {
      entry = entry.substr(0, hash);
    }
    entry = TrimAscii(entry);
    if (entry.empty()) continue;
    if (Status visited = visit(entry); !visited) {
      return Error{ErrorCode::kBadInput, path + ":" + std::to_string(number),
                   visited.error().message};
    }
  }
  return Ok{};
}

Status LoadListFile(const std::string& path, ListCheck* list) {
  Status loaded = ForEachListLine(
      path, [list](std::string_view entry) { return list->Add(entry); },
      [list](size_t lines, size_t bytes) { list->Reserve(lines, bytes); });
  if (loaded) list->Seal();
  return loaded;
}

}  // namespace inboxsim::profile
