#include "sim/core/ip_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>

#include "sim/core/text.h"

namespace inboxsim {
namespace {

// Longer than any text inet_pton accepts (45 characters for IPv6 with an
// embedded IPv4 quad); longer input is rejected before copying.
constexpr size_t kMaxIpTextBytes = 64;

}  // namespace

std::optional<IpAddress> IpAddress::Parse(std::string_view text) {
  if (text.empty() || text.size() >= kMaxIpTextBytes) return std::nullopt;
  // inet_pton wants a NUL-terminated string; a stack copy keeps list loading
  // (a million entries) free of allocations.
  char buffer[kMaxIpTextBytes];
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  IpAddress ip;
  if (text.find(':') == std::string_view::npos) {
    // glibc's inet_pton rejects "01.2.3.4" and "1.2.3", as RFC 7208's qnum
    // grammar does.
    if (inet_pton(AF_INET, buffer, ip.bytes_.data()) != 1) return std::nullopt;
    ip.family_ = Family::kV4;
    return ip;
  }
  if (inet_pton(AF_INET6, buffer, ip.bytes_.data()) != 1) return std::nullopt;
  ip.family_ = Family::kV6;
  return ip;
}

IpAddress IpAddress::Unmapped() const {
  static constexpr unsigned char kMappedPrefix[12] = {0, 0, 0, 0, 0,    0,
                                                      0, 0, 0, 0, 0xff, 0xff};
  if (is_v4() || std::memcmp(bytes_.data(), kMappedPrefix, 12) != 0) {
    return *this;
  }
  IpAddress v4;
  std::memcpy(v4.bytes_.data(), bytes_.data() + 12, 4);
  return v4;
}

IpAddress IpAddress::Masked(int length) const {
  length = std::clamp(length, 0, bit_count());
  IpAddress masked = *this;
  const int full_bytes = length / 8;
  if (length % 8 != 0) {
    masked.bytes_[full_bytes] &=
        static_cast<unsigned char>(0xFFu << (8 - length % 8));
  }
  const int first_cleared = full_bytes + (length % 8 != 0 ? 1 : 0);
  std::fill(masked.bytes_.begin() + first_cleared, masked.bytes_.end(), 0);
  return masked;
}

bool IpAddress::InPrefix(const IpAddress& network, int length) const {
  if (family_ != network.family_) return false;
  return Masked(length) == network.Masked(length);
}

std::string IpAddress::ToString() const {
  char buffer[INET6_ADDRSTRLEN];
  if (inet_ntop(is_v4() ? AF_INET : AF_INET6, bytes_.data(), buffer,
                sizeof buffer) == nullptr) {
    return "";  // cannot happen: the buffer fits every address
  }
  return buffer;
}

}  // namespace inboxsim
