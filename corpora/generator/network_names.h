// Names the synthetic corpus puts in headers and links: domains, mailbox
// addresses, IP addresses, URLs, Message-IDs, MIME boundaries and dates.
// All draw from the caller's Rng, so they are deterministic per message.
//
//   std::string domain = HamDomain(rng.Below(kHamDomainPoolSize));
//   std::string url = MakeUrl(rng, domain, UrlStyle::kTracked);
//   std::string date = FormatRfc5322Date(MakeTimestamp(index, rng));
#ifndef INBOXSIM_CORPORA_GENERATOR_NETWORK_NAMES_H_
#define INBOXSIM_CORPORA_GENERATOR_NETWORK_NAMES_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "corpora/generator/deterministic_rng.h"

namespace inboxsim::gen::detail {

// Legitimate senders come from a fixed pool of this many domains, so the
// same organisations recur across a corpus as they do in a real mailbox.
constexpr uint64_t kHamDomainPoolSize = 420;

// Ham domain number `id` (< kHamDomainPoolSize), e.g. "bluepeaklabs.co.uk".
std::string HamDomain(uint64_t id);
// "Bluepeak Labs" for "bluepeaklabs.co.uk"-style ids: the organisation name.
std::string CompanyName(uint64_t id);
// A throwaway spam domain such as "promo-offers24.top".
std::string SpamDomain(Rng& rng);

std::string PublicIpv4(Rng& rng);
std::string PrivateIpv4(Rng& rng);
std::string PublicIpv6(Rng& rng);

enum class UrlStyle {
  kPlain,      // https://domain/path/page
  kTracked,    // with utm_* query parameters
  kRedirect,   // click-tracking redirect with an encoded target
  kShortened,  // https://bit.ly/3xYz1Ab
  kIpLiteral,  // http://203.0.113.9/login.php (spam)
  kWithPort,   // http://domain:8080/... (spam)
};
std::string MakeUrl(Rng& rng, std::string_view domain, UrlStyle style);

// A random string of `length` characters from `alphabet`.
std::string RandomToken(Rng& rng, std::string_view alphabet, size_t length);
inline constexpr std::string_view kHexAlphabet = "0123456789abcdef";
inline constexpr std::string_view kAlnumAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

std::string MessageId(Rng& rng, std::string_view domain);
// Unique within a message because `serial` differs per multipart.
std::string MimeBoundary(Rng& rng, int serial);

// Seconds since the Unix epoch for message `index`: corpora run forward in
// time from 2022-01-01 at a steady pace, with per-message jitter.
int64_t MessageTimestamp(uint64_t index, Rng& rng);
// A time-zone offset in minutes east of UTC, as mail servers use.
int RandomZoneOffsetMinutes(Rng& rng);
// "Tue, 14 Mar 2023 09:26:53 +0100" for `utc_seconds` shown at `offset`.
std::string FormatRfc5322Date(int64_t utc_seconds, int offset_minutes);
// "Tue Mar 14 08:26:53 2023" in UTC, the mbox From_ line's asctime form.
std::string FormatAsctime(int64_t utc_seconds);

}  // namespace inboxsim::gen::detail

#endif  // INBOXSIM_CORPORA_GENERATOR_NETWORK_NAMES_H_
