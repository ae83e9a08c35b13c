#include "corpora/generator/network_names.h"

#include <array>
#include <cstdio>

#include "corpora/generator/word_lists.h"

namespace inboxsim::gen::detail {
namespace {

// First octets of real, publicly routed IPv4 space (cloud providers,
// residential ISPs, hosting); excludes 0/8, 10/8, 127/8, 100.64/10 users,
// 169.254/16, 172.16/12, 192.168/16 and multicast.
constexpr int kPublicFirstOctets[] = {
    2,   5,   23,  31,  37,  45,  46,  50,  52,  54,  62,  64,  66,  69,  72,
    74,  77,  78,  80,  81,  82,  85,  87,  88,  89,  91,  93,  94,  95,  104,
    107, 108, 109, 113, 118, 121, 123, 130, 134, 141, 142, 146, 151, 154, 157,
    162, 163, 173, 176, 178, 182, 185, 186, 188, 190, 193, 194, 195, 198, 199,
    203, 204, 205, 206, 207, 208, 209, 212, 213, 216, 217};

// /48-ish prefixes of large mail senders' IPv6 space.
constexpr std::string_view kIpv6Prefixes[] = {
    "2a00:1450:4864", "2607:f8b0:4004", "2a01:111:f400", "2001:4860:4864",
    "2a02:c7f:7e4d",  "2603:10a6:20b",  "2a01:4f8:c17",  "2600:1f18:4a3"};

constexpr std::string_view kUrlPathWords[] = {
    "news",     "blog",    "account", "login",       "offers",      "deals",
    "products", "support", "help",    "events",      "docs",        "download",
    "track",    "orders",  "invoice", "article",     "2023",        "2024",
    "en-us",    "de",      "promo",   "unsubscribe", "preferences", "verify",
    "secure",   "update",  "view",    "campaign",    "c",           "r"};

constexpr std::string_view kUrlPageNames[] = {
    "index.html", "view.php", "login.php", "details", "summary.aspx",
    "read",       "item",     "signin",    "confirm", "landing.html"};

constexpr std::string_view kUtmSources[] = {"newsletter", "email", "mailchimp",
                                            "crm", "digest"};

constexpr std::string_view kWeekdays[] = {"Thu", "Fri", "Sat", "Sun",
                                          "Mon", "Tue", "Wed"};
constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr",
                                        "May", "Jun", "Jul", "Aug",
                                        "Sep", "Oct", "Nov", "Dec"};

// Time zones mail servers commonly stamp, in minutes east of UTC.
constexpr int kZoneOffsets[] = {0,    0,   60,  120, -300, -240, -360, -420,
                                -480, 330, 480, 540, 600,  180,  -180, 0};

constexpr int64_t kCorpusStartEpoch = 1640995200;  // 2022-01-01T00:00:00Z
// About 1.8 million messages a year: a million-message corpus spans
// roughly seven months, long enough for dates to look lived-in.
constexpr int64_t kSecondsPerMessage = 17;
constexpr int64_t kSecondsPerDay = 86400;
constexpr int kMinutesPerHour = 60;

struct CivilDate {
  int64_t year;
  int month;  // 1..12
  int day;    // 1..31
};

// Howard Hinnant's days_from_civil inverse: exact for the proleptic
// Gregorian calendar, no time library or locale involved.
CivilDate CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

std::string Capitalised(std::string_view word) {
  std::string out(word);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

}  // namespace

std::string HamDomain(uint64_t id) {
  const uint64_t stems = kHamDomainStems.size();
  const std::string_view stem = kHamDomainStems[id % stems];
  const std::string_view suffix =
      kHamDomainSuffixes[(id / stems) % kHamDomainSuffixes.size()];
  // A multiplier coprime to the TLD count spreads neighbouring ids over
  // different TLDs, so one stem appears under several countries.
  constexpr uint64_t kTldStride = 7;
  const std::string_view tld =
      kHamTlds[(id * kTldStride + id / stems) % kHamTlds.size()];
  std::string out;
  out.reserve(stem.size() + suffix.size() + tld.size() + 1);
  out.append(stem).append(suffix).append(".").append(tld);
  return out;
}

std::string CompanyName(uint64_t id) {
  const uint64_t stems = kHamDomainStems.size();
  std::string out = Capitalised(kHamDomainStems[id % stems]);
  std::string_view suffix =
      kHamDomainSuffixes[(id / stems) % kHamDomainSuffixes.size()];
  if (!suffix.empty() && suffix[0] == '-') suffix.remove_prefix(1);
  if (!suffix.empty()) out.append(" ").append(Capitalised(suffix));
  return out;
}

std::string SpamDomain(Rng& rng) {
  std::string out(rng.Pick(kSpamDomainStems));
  constexpr double kNumberedDomainShare = 0.4;  // "fastcash24", "promo-7731"
  constexpr int kMaxDomainNumber = 999;
  if (rng.Bernoulli(kNumberedDomainShare))
    out.append(std::to_string(rng.Uniform(1, kMaxDomainNumber)));
  out.append(".").append(rng.Pick(kSpamTlds));
  return out;
}

std::string PublicIpv4(Rng& rng) {
  const int first =
      kPublicFirstOctets[rng.Below(std::size(kPublicFirstOctets))];
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%d.%d.%d.%d", first,
                rng.Uniform(0, 255), rng.Uniform(0, 255), rng.Uniform(1, 254));
  return buffer;
}

std::string PrivateIpv4(Rng& rng) {
  char buffer[48];
  switch (rng.Below(3)) {
    case 0:
      std::snprintf(buffer, sizeof buffer, "10.%d.%d.%d", rng.Uniform(0, 255),
                    rng.Uniform(0, 255), rng.Uniform(1, 254));
      break;
    case 1:
      std::snprintf(buffer, sizeof buffer, "192.168.%d.%d", rng.Uniform(0, 255),
                    rng.Uniform(1, 254));
      break;
    default:
      std::snprintf(buffer, sizeof buffer, "172.%d.%d.%d", rng.Uniform(16, 31),
                    rng.Uniform(0, 255), rng.Uniform(1, 254));
      break;
  }
  return buffer;
}

std::string PublicIpv6(Rng& rng) {
  constexpr int kMaxGroup = 0xffff;
  std::string out(kIpv6Prefixes[rng.Below(std::size(kIpv6Prefixes))]);
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, ":%x::%x", rng.Uniform(0, kMaxGroup),
                rng.Uniform(1, kMaxGroup));
  out.append(buffer);
  return out;
}

std::string RandomToken(Rng& rng, std::string_view alphabet, size_t length) {
  std::string out(length, ' ');
  for (char& c : out) c = alphabet[rng.Below(alphabet.size())];
  return out;
}

std::string MakeUrl(Rng& rng, std::string_view domain, UrlStyle style) {
  constexpr int kMaxPathDepth = 3;
  constexpr size_t kShortCodeLength = 7;
  constexpr size_t kRedirectTokenLength = 48;
  constexpr int kMaxId = 99999;
  std::string out;
  out.reserve(128);
  switch (style) {
    case UrlStyle::kShortened:
      out.append("https://").append(rng.Pick(kUrlShorteners)).append("/");
      out.append(RandomToken(rng, kAlnumAlphabet, kShortCodeLength));
      return out;
    case UrlStyle::kIpLiteral:
      out.append("http://").append(PublicIpv4(rng)).append("/");
      break;
    case UrlStyle::kWithPort:
      out.append("http://").append(domain).append(":");
      out.append(rng.Bernoulli(0.5) ? "8080" : "8443").append("/");
      break;
    case UrlStyle::kRedirect:
      out.append("https://click.").append(domain).append("/ls/click?upn=");
      out.append(RandomToken(rng, kAlnumAlphabet, kRedirectTokenLength));
      return out;
    default:
      out.append(rng.Bernoulli(0.85) ? "https://" : "http://");
      if (rng.Bernoulli(0.5)) out.append("www.");
      out.append(domain).append("/");
      break;
  }
  const int depth = rng.Uniform(0, kMaxPathDepth);
  for (int i = 0; i < depth; ++i)
    out.append(rng.Pick(kUrlPathWords)).append("/");
  out.append(rng.Pick(kUrlPageNames));
  if (style == UrlStyle::kTracked) {
    out.append("?utm_source=").append(rng.Pick(kUtmSources));
    out.append("&utm_medium=email&utm_campaign=");
    out.append(rng.Pick(kAdjectives));
    out.append("_").append(std::to_string(rng.Uniform(1, kMaxId)));
  } else if (rng.Bernoulli(0.3)) {
    out.append("?id=").append(std::to_string(rng.Uniform(1, kMaxId)));
    if (rng.Bernoulli(0.5))
      out.append("&ref=").append(RandomToken(rng, kHexAlphabet, 8));
  }
  return out;
}

std::string MessageId(Rng& rng, std::string_view domain) {
  constexpr size_t kGmailTokenLength = 40;
  constexpr size_t kUuidGroups[] = {8, 4, 4, 4, 12};
  std::string out = "<";
  switch (rng.Below(4)) {
    case 0:
      out.append(RandomToken(rng, kHexAlphabet, 16))
          .append(".")
          .append(RandomToken(rng, kHexAlphabet, 8));
      out.append("@").append(domain);
      break;
    case 1:
      out.append("CA")
          .append(RandomToken(rng, kAlnumAlphabet, kGmailTokenLength))
          .append("@mail.gmail.com");
      break;
    case 2:
      for (size_t i = 0; i < std::size(kUuidGroups); ++i) {
        if (i > 0) out.push_back('-');
        out.append(RandomToken(rng, kHexAlphabet, kUuidGroups[i]));
      }
      out.append("@").append(domain);
      break;
    default:
      out.append(std::to_string(rng.Uniform(100000000, 999999999))).append(".");
      out.append(std::to_string(rng.Uniform(1000, 65000))).append(".JavaMail.");
      out.append(RandomToken(rng, kHexAlphabet, 6)).append("@").append(domain);
      break;
  }
  out.push_back('>');
  return out;
}

std::string MimeBoundary(Rng& rng, int serial) {
  // The styles of JavaMail, Outlook, Gmail, Rails and PHPMailer; `serial`
  // keeps nested boundaries of one message distinct.
  constexpr size_t kLongToken = 16;
  constexpr size_t kShortToken = 8;
  const std::string token = RandomToken(rng, kHexAlphabet, kLongToken);
  const std::string serial_text = std::to_string(serial);
  std::string out;
  switch (rng.Below(5)) {
    case 0:
      out.append("----=_Part_")
          .append(serial_text)
          .append("_")
          .append(token)
          .append(".");
      out.append(std::to_string(rng.Uniform(100000, 999999)));
      break;
    case 1:
      out.append("_00")
          .append(serial_text)
          .append("_")
          .append(token)
          .append("_");
      break;
    case 2:
      out.append("0000000000").append(serial_text).append(token);
      break;
    case 3:
      out.append("----==_mimepart_")
          .append(token)
          .append("_")
          .append(serial_text);
      break;
    default:
      out.append("b")
          .append(serial_text)
          .append("_")
          .append(RandomToken(rng, kHexAlphabet, kShortToken));
      out.append(token);
      break;
  }
  return out;
}

int64_t MessageTimestamp(uint64_t index, Rng& rng) {
  return kCorpusStartEpoch + static_cast<int64_t>(index) * kSecondsPerMessage +
         static_cast<int64_t>(rng.Below(kSecondsPerMessage));
}

int RandomZoneOffsetMinutes(Rng& rng) {
  return kZoneOffsets[rng.Below(std::size(kZoneOffsets))];
}

std::string FormatRfc5322Date(int64_t utc_seconds, int offset_minutes) {
  const int64_t local = utc_seconds + int64_t{offset_minutes} * kMinutesPerHour;
  const int64_t days = FloorDiv(local, kSecondsPerDay);
  const int64_t second_of_day = local - days * kSecondsPerDay;
  const CivilDate date = CivilFromDays(days);
  const int weekday = static_cast<int>(((days % 7) + 7) % 7);
  const int abs_offset = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buffer[64];
  std::snprintf(
      buffer, sizeof buffer, "%s, %d %s %lld %02d:%02d:%02d %c%02d%02d",
      kWeekdays[weekday].data(), date.day, kMonths[date.month - 1].data(),
      static_cast<long long>(date.year), static_cast<int>(second_of_day / 3600),
      static_cast<int>(second_of_day / 60 % 60),
      static_cast<int>(second_of_day % 60), offset_minutes < 0 ? '-' : '+',
      abs_offset / kMinutesPerHour, abs_offset % kMinutesPerHour);
  return buffer;
}

std::string FormatAsctime(int64_t utc_seconds) {
  const int64_t days = FloorDiv(utc_seconds, kSecondsPerDay);
  const int64_t second_of_day = utc_seconds - days * kSecondsPerDay;
  const CivilDate date = CivilFromDays(days);
  const int weekday = static_cast<int>(((days % 7) + 7) % 7);
  char buffer[40];
  // asctime pads the day of the month with a space: "Mar  4".
  std::snprintf(buffer, sizeof buffer, "%s %s %2d %02d:%02d:%02d %lld",
                kWeekdays[weekday].data(), kMonths[date.month - 1].data(),
                date.day, static_cast<int>(second_of_day / 3600),
                static_cast<int>(second_of_day / 60 % 60),
                static_cast<int>(second_of_day % 60),
                static_cast<long long>(date.year));
  return buffer;
}

}  // namespace inboxsim::gen::detail
