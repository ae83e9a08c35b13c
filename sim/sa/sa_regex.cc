#include "sim/sa/sa_regex.h"

#include <cassert>
#include <utility>

namespace inboxsim::sa::detail {
namespace {

// Mail::SpamAssassin::Constants, written out without /x white space.
constexpr std::string_view kOctet =
    R"~((?:1\d\d|2[0-4]\d|25[0-5]|[1-9]\d|\d))~";
constexpr std::string_view kHex = "[a-f0-9]{1,4}";

std::string Ipv4() {
  const std::string octet(kOctet);
  return octet + R"(\.)" + octet + R"(\.)" + octet + R"(\.)" + octet;
}

// An IPv6 prefix that may carry an "IPv6:" tag, else must not continue an
// address.
constexpr std::string_view kIpv6Start = R"~((?:IPv6:|(?<![a-f0-9:])))~";
constexpr std::string_view kIpv6End = R"~((?![a-f0-9:]))~";

// The first 12 bytes of an IPv4-mapped IPv6 address (::ffff:), in each
// spelling SpamAssassin accepts.
constexpr std::string_view kMappedPrefix =
    "(?:(?:0{1,4}:){5}ffff:|::(?:0{1,4}:){0,4}ffff:|(?:0{1,4}:){1,4}:ffff:|"
    "0{1,4}::(?:0{1,4}:){1,3}ffff:|(?:0{1,4}:){2}:0{1,2}:ffff:|"
    "(?:0{1,4}:){3}:0:ffff:|(?:0{1,4}:){4}:ffff:)";

// ::1 in each spelling SpamAssassin accepts.
constexpr std::string_view kIpv6Loopback =
    "(?:0{1,4}:){7}0{0,3}1|:(?::0{1,4}){0,6}:0{0,3}1|"
    "0{1,4}:(?::0{1,4}){0,5}:0{0,3}1|(?:0{1,4}:){2}(?::0{1,4}){0,4}:0{0,3}1|"
    "(?:0{1,4}:){3}(?::0{1,4}){0,3}:0{0,3}1|"
    "(?:0{1,4}:){4}(?::0{1,4}){0,2}:0{0,3}1|"
    "(?:0{1,4}:){5}(?::0{1,4}){0,1}:0{0,3}1|(?:0{1,4}:){6}:0{0,3}1";

// The first octets of private IPv4 networks (IP_PRIVATE).
constexpr std::string_view kPrivateIpv4 =
    R"~((?:10|127|169\.254|172\.(?:1[6-9]|2[0-9]|3[01])|192\.168|)~"
    R"~(100\.(?:6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])))~";

std::string IpAddress() {
  const std::string h(kHex);
  std::string any_ipv6 =
      "(?:" + h + ":){7}" + h + "|:(?::" + h + "){1,7}|(?:" + h + ":){1,7}:|" +
      h + ":(?::" + h + "){1,6}|(?:" + h + ":){2}(?::" + h + "){1,5}|(?:" + h +
      ":){3}(?::" + h + "){1,4}|(?:" + h + ":){4}(?::" + h + "){1,3}|(?:" + h +
      ":){5}(?::" + h + "){1,2}|(?:" + h + ":){6}:" + h + "|::";
  std::string mapped_prefix =
      "(?:(?:" + h + ":){6}|::(?:" + h + ":){0,5}|(?:" + h + ":){1,5}:|" + h +
      "::(?:" + h + ":){1,4}|(?:" + h + ":){2}:(?:" + h + ":){1,3}|(?:" + h +
      ":){3}:(?:" + h + ":){1,2}|(?:" + h + ":){4}:" + h + ":)";
  return R"~((?i:\b(?<!:))~" + Ipv4() + R"(\b|)" + std::string(kIpv6Start) +
         "(?:" + mapped_prefix + Ipv4() + "|" + any_ipv6 + ")" +
         std::string(kIpv6End) + ")";
}

std::string Localhost() {
  return R"~((?i:localhost(?:\.localdomain)?|\b(?<!:)127\.0\.0\.1\b|)~" +
         std::string(kIpv6Start) + "(?:" + std::string(kMappedPrefix) +
         R"(127\.0\.0\.1|)" + std::string(kIpv6Loopback) + ")" +
         std::string(kIpv6End) + ")";
}

std::string IpPrivate() {
  return "(?i:^(?:" + std::string(kPrivateIpv4) + R"(\..*|)" +
         std::string(kIpv6Start) + "(?:" + std::string(kMappedPrefix) +
         std::string(kPrivateIpv4) + R"(\..*|fe[89ab][0-9a-f]:.*|)" +
         std::string(kIpv6Loopback) + ")" + std::string(kIpv6End) + "))";
}

// `pattern` with {IP}, {LOCALHOST} and {IP_PRIVATE} written out.
std::string Expand(std::string_view pattern) {
  const std::pair<std::string_view, std::string> constants[] = {
      {"{IP}", IpAddress()},
      {"{LOCALHOST}", Localhost()},
      {"{IP_PRIVATE}", IpPrivate()},
  };
  std::string out(pattern);
  for (const auto& [name, text] : constants) {
    for (size_t at = out.find(name); at != std::string::npos;
         at = out.find(name, at + text.size())) {
      out.replace(at, name.size(), text);
    }
  }
  return out;
}

struct MatchDataFree {
  void operator()(pcre2_match_data* data) const { pcre2_match_data_free(data); }
};

// This thread's match data, with room for `groups` capture groups: the
// Received parser runs ~150 of these patterns per message, and a match data
// of its own per call (a malloc and a free) cost as much as many of the
// matches.
pcre2_match_data* ThreadMatchData(uint32_t groups) {
  thread_local std::unique_ptr<pcre2_match_data, MatchDataFree> data;
  if (!data || pcre2_get_ovector_count(data.get()) < groups + 1) {
    data.reset(
        pcre2_match_data_create(std::max<uint32_t>(groups + 1, 16), nullptr));
  }
  return data.get();
}

}  // namespace

std::string Captures::operator[](int i) const {
  if (!defined(i)) return std::string();
  return std::string(subject_.substr(begin(i), end(i) - begin(i)));
}

bool Captures::defined(int i) const {
  return 2 * static_cast<size_t>(i) + 1 < offsets_.size() &&
         offsets_[2 * i] != PCRE2_UNSET;
}

Regex::Regex(std::string_view pattern) {
  const std::string expanded = Expand(pattern);
  int error = 0;
  PCRE2_SIZE offset = 0;
  code_.reset(pcre2_compile(reinterpret_cast<PCRE2_SPTR>(expanded.data()),
                            expanded.size(), 0, &error, &offset, nullptr));
  assert(code_ != nullptr && "SpamAssassin regex rejected by PCRE2");
  // Interpretation works if JIT is unavailable.
  (void)pcre2_jit_compile(code_.get(), PCRE2_JIT_COMPLETE);
  pcre2_pattern_info(code_.get(), PCRE2_INFO_CAPTURECOUNT, &groups_);
}

bool Regex::Find(std::string_view subject, Captures* captures) const {
  pcre2_match_data* data = ThreadMatchData(groups_);
  const int rc =
      pcre2_match(code_.get(), reinterpret_cast<PCRE2_SPTR>(subject.data()),
                  subject.size(), 0, 0, data, nullptr);
  if (rc < 0) return false;
  if (captures != nullptr) {
    const uint32_t pairs = groups_ + 1;
    const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data);
    captures->subject_ = subject;
    captures->offsets_.assign(ovector, ovector + 2 * pairs);
    // Groups past the highest that matched are left unset by PCRE2 only
    // when rc says so.
    for (uint32_t i = static_cast<uint32_t>(rc); i < pairs; ++i) {
      captures->offsets_[2 * i] = captures->offsets_[2 * i + 1] = PCRE2_UNSET;
    }
  }
  return true;
}

bool Regex::ReplaceFirst(std::string* subject,
                         std::string_view replacement) const {
  return Replace(subject, replacement, 0);
}

bool Regex::ReplaceAll(std::string* subject,
                       std::string_view replacement) const {
  return Replace(subject, replacement, PCRE2_SUBSTITUTE_GLOBAL);
}

bool Regex::Replace(std::string* subject, std::string_view replacement,
                    uint32_t options) const {
  options |= PCRE2_SUBSTITUTE_OVERFLOW_LENGTH;
  std::string out(subject->size() + 64, '\0');
  for (;;) {
    PCRE2_SIZE length = out.size();
    const int rc = pcre2_substitute(
        code_.get(), reinterpret_cast<PCRE2_SPTR>(subject->data()),
        subject->size(), 0, options, ThreadMatchData(groups_), nullptr,
        reinterpret_cast<PCRE2_SPTR>(replacement.data()), replacement.size(),
        reinterpret_cast<PCRE2_UCHAR*>(out.data()), &length);
    if (rc == PCRE2_ERROR_NOMEMORY) {
      out.resize(length);
      continue;
    }
    if (rc <= 0) return false;
    out.resize(length);
    *subject = std::move(out);
    return true;
  }
}

}  // namespace inboxsim::sa::detail
