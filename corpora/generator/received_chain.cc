#include "corpora/generator/received_chain.h"

#include <vector>

#include "corpora/generator/network_names.h"
#include "corpora/generator/word_lists.h"

namespace inboxsim::gen::detail {
namespace {

enum class MtaStyle { kSendmail, kPostfix, kExim };

constexpr std::string_view kUpperHex = "0123456789ABCDEF";
constexpr std::string_view kInternalHostNames[] = {
    "mailstore", "filter", "imap", "lmtp", "av-scan", "mbox"};
constexpr std::string_view kExeCiphers[] = {
    "TLS1.3) tls TLS_AES_256_GCM_SHA384",
    "TLS1.2) tls TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"};
// Seconds a hop adds: a few for internal relays, more across the internet
// (queueing, greylisting retries).
constexpr int kMaxInternalDelaySeconds = 3;
constexpr int kMaxInternetDelaySeconds = 40;
constexpr int kMaxSubmissionDelaySeconds = 5;
constexpr double kUnknownRdnsSpamShare = 0.4;
constexpr size_t kPostfixIdLength = 10;
constexpr size_t kSendmailIdLength = 14;

struct Hop {
  std::string helo;  // what the client said in HELO/EHLO
  std::string rdns;  // reverse DNS of the client, or "unknown"
  std::string ip;    // client address
  bool ipv6 = false;
  std::string by;        // receiving host
  std::string protocol;  // ESMTP, ESMTPS, ESMTPSA, LMTP
  int64_t time_utc = 0;
  int zone_minutes = 0;
};

void AppendHop(Rng& rng, const Hop& hop, const TraceRequest& request,
               std::string& out) {
  const auto style = static_cast<MtaStyle>(rng.Below(3));
  const std::string date = FormatRfc5322Date(hop.time_utc, hop.zone_minutes);
  out.append("Received: from ");
  if (style == MtaStyle::kExim) {
    // Exim: "from rdns ([ip] helo=name)", or "from [ip] (helo=name)" when
    // the client has no reverse DNS.
    if (hop.rdns == "unknown") {
      out.append("[").append(hop.ip).append("] (helo=");
    } else {
      out.append(hop.rdns).append(" ([").append(hop.ip).append("] helo=");
    }
    out.append(hop.helo).append(")\n\tby ");
    out.append(hop.by).append(" with ");
    if (hop.protocol == "ESMTPS") {
      out.append("esmtps (")
          .append(rng.Pick(kExeCiphers))
          .append("\n\t(Exim 4.96)\n");
    } else {
      out.append(hop.protocol == "LMTP" ? "lmtp" : "esmtp")
          .append(" (Exim 4.94.2)\n");
    }
    out.append("\t(envelope-from <")
        .append(request.envelope_sender)
        .append(">)\n\tid ");
    out.append(RandomToken(rng, kAlnumAlphabet, 6)).append("-");
    out.append(RandomToken(rng, kAlnumAlphabet, 6)).append("-");
    out.append(RandomToken(rng, kAlnumAlphabet, 2)).append("\n\tfor ");
    out.append(request.recipient).append("; ").append(date).append("\n");
    return;
  }
  out.append(hop.helo).append(" (").append(hop.rdns).append(" [");
  // Sendmail marks IPv6 literals the RFC 5321 way; Postfix does not.
  if (hop.ipv6 && style == MtaStyle::kSendmail) out.append("IPv6:");
  out.append(hop.ip).append("])\n\tby ").append(hop.by);
  if (style == MtaStyle::kPostfix) {
    out.append(" (Postfix) with ").append(hop.protocol).append(" id ");
    out.append(RandomToken(rng, kUpperHex, kPostfixIdLength));
  } else {
    out.append(" (8.15.2/8.15.2) with ").append(hop.protocol).append(" id ");
    out.append(RandomToken(rng, kAlnumAlphabet, kSendmailIdLength));
  }
  out.append("\n\tfor <")
      .append(request.recipient)
      .append(">; ")
      .append(date)
      .append("\n");
}

std::string AuthenticationResults(Rng& rng, const TraceRequest& request,
                                  std::string_view mx) {
  constexpr std::string_view kSpamSpf[] = {"softfail", "fail", "none",
                                           "neutral", "pass"};
  constexpr std::string_view kSpamDkim[] = {"none", "fail", "pass"};
  constexpr std::string_view kSpamDmarc[] = {"fail", "none", "pass"};
  const std::string_view spf = request.is_spam ? rng.Pick(kSpamSpf) : "pass";
  const std::string_view dkim = request.is_spam ? rng.Pick(kSpamDkim) : "pass";
  const std::string_view dmarc =
      request.is_spam ? rng.Pick(kSpamDmarc) : "pass";
  std::string out = "Authentication-Results: ";
  out.append(mx).append(";\n\tspf=").append(spf).append(" smtp.mailfrom=");
  out.append(request.sender_domain).append(";\n\tdkim=").append(dkim);
  out.append(" header.d=").append(request.sender_domain).append(";\n\tdmarc=");
  out.append(dmarc)
      .append(" header.from=")
      .append(request.sender_domain)
      .append("\n");
  return out;
}

std::string ReceivedSpf(Rng& rng, const TraceRequest& request,
                        std::string_view mx, std::string_view ip) {
  const bool pass = !request.is_spam || rng.Bernoulli(0.3);
  std::string out = "Received-SPF: ";
  out.append(pass ? "pass" : "softfail")
      .append(" (")
      .append(mx)
      .append(": domain of ");
  out.append(request.envelope_sender)
      .append(pass ? " designates " : " does not designate ");
  out.append(ip).append(" as permitted sender)\n\tclient-ip=").append(ip);
  out.append("; envelope-from=").append(request.envelope_sender).append(";\n");
  return out;
}

}  // namespace

TraceHeaders MakeTraceHeaders(Rng& rng, const TraceRequest& request) {
  const int recipient_zone = RandomZoneOffsetMinutes(rng);
  const std::string mx =
      std::string(rng.Pick(kMtaHostPrefixes)) + "." + request.recipient_domain;
  std::vector<Hop> hops;  // oldest first
  int64_t now = request.sent_utc;
  constexpr int kHopsWithSubmission = 3;
  if (request.hops >= kHopsWithSubmission) {
    // The sender's client submitting to its own server, from a LAN address.
    const std::string client_ip = PrivateIpv4(rng);
    now += rng.Uniform(0, kMaxSubmissionDelaySeconds);
    hops.push_back({"[" + client_ip + "]", "unknown", client_ip, false,
                    request.sender_host, "ESMTPSA", now,
                    request.sender_zone_minutes});
  }
  const bool ipv6 = rng.Bernoulli(request.ipv6_share);
  const std::string public_ip = ipv6 ? PublicIpv6(rng) : PublicIpv4(rng);
  const bool unknown_rdns =
      request.is_spam && rng.Bernoulli(kUnknownRdnsSpamShare);
  now += rng.Uniform(1, kMaxInternetDelaySeconds);
  hops.push_back({request.sender_host,
                  unknown_rdns ? "unknown" : request.sender_host, public_ip,
                  ipv6, mx, "ESMTPS", now, recipient_zone});
  std::string previous = mx;
  while (static_cast<int>(hops.size()) < request.hops) {
    const std::string host = std::string(rng.Pick(kInternalHostNames)) +
                             std::to_string(rng.Uniform(1, 9)) + "." +
                             request.recipient_domain;
    now += rng.Uniform(0, kMaxInternalDelaySeconds);
    hops.push_back({previous, previous, PrivateIpv4(rng), false, host,
                    rng.Bernoulli(0.5) ? "LMTP" : "ESMTP", now,
                    recipient_zone});
    previous = host;
  }
  TraceHeaders result;
  result.delivered_utc = now;
  result.text.reserve(static_cast<size_t>(request.hops) * 256);
  for (auto it = hops.rbegin(); it != hops.rend(); ++it)
    AppendHop(rng, *it, request, result.text);
  if (rng.Bernoulli(request.auth_results_share))
    result.text.append(AuthenticationResults(rng, request, mx));
  if (rng.Bernoulli(request.received_spf_share)) {
    result.text.append(ReceivedSpf(rng, request, mx, public_ip));
  }
  return result;
}

}  // namespace inboxsim::gen::detail
