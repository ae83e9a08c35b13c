// An IPv4 or IPv6 address as plain bytes: the value that IP block lists, SPF
// ip4:/ip6: mechanisms and DNS A/AAAA records share. Parsing never touches
// the network or the locale; prefix tests compare bytes.
//
//   std::optional<IpAddress> ip = IpAddress::Parse("203.0.113.7");
//   ip->InPrefix(*IpAddress::Parse("203.0.113.0"), 24)   -> true
//   ip->ToString()                                        -> "203.0.113.7"
#ifndef INBOXSIM_CORE_IP_ADDRESS_H_
#define INBOXSIM_CORE_IP_ADDRESS_H_

#include <array>
#include <compare>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace inboxsim {

class IpAddress {
 public:
  enum class Family : unsigned char { kV4 = 4, kV6 = 6 };

  IpAddress() = default;  // 0.0.0.0

  // Dotted-quad IPv4 (no leading zeros) or any RFC 4291 IPv6 text, without
  // surrounding spaces, brackets, prefix or zone; nullopt for anything else.
  static std::optional<IpAddress> Parse(std::string_view text);

  Family family() const { return family_; }
  bool is_v4() const { return family_ == Family::kV4; }
  // 32 or 128.
  int bit_count() const { return is_v4() ? 32 : 128; }
  // Network byte order: 4 bytes for IPv4, 16 for IPv6.
  std::span<const unsigned char> bytes() const {
    return std::span<const unsigned char>(bytes_.data(), is_v4() ? 4 : 16);
  }

  // ::ffff:a.b.c.d reaches an IPv4 host, so filters judge it as a.b.c.d.
  // Returns that IPv4 address, or the address itself when not mapped.
  IpAddress Unmapped() const;
  // The address with every bit past the first `length` cleared; `length` is
  // clamped to [0, bit_count()].
  IpAddress Masked(int length) const;
  // Whether the first `length` bits equal those of `network`; false when the
  // families differ (an ip4: prefix never matches an IPv6 client).
  bool InPrefix(const IpAddress& network, int length) const;

  // inet_ntop form: "192.0.2.3", "2001:db8::cb01".
  std::string ToString() const;

  friend auto operator<=>(const IpAddress&, const IpAddress&) = default;

 private:
  Family family_ = Family::kV4;
  std::array<unsigned char, 16> bytes_{};  // IPv4 uses the first 4
};

}  // namespace inboxsim

#endif  // INBOXSIM_CORE_IP_ADDRESS_H_
