// The trace headers of a synthetic message: a Received chain of 1-4 hops
// in sendmail, Postfix or Exim format, plus optional Authentication-Results
// and Received-SPF. The internet-facing hop has a public IPv4 (sometimes
// IPv6) address; submission and internal hops use private ones.
//
//   TraceRequest trace{.hops = 3, .sent_utc = t, ...};
//   TraceHeaders h = MakeTraceHeaders(rng, trace);
//   out.append(h.text);   // "Received: ...\n" lines, newest first
//
// Deterministic from the Rng.
#ifndef INBOXSIM_CORPORA_GENERATOR_RECEIVED_CHAIN_H_
#define INBOXSIM_CORPORA_GENERATOR_RECEIVED_CHAIN_H_

#include <cstdint>
#include <string>

#include "corpora/generator/deterministic_rng.h"

namespace inboxsim::gen::detail {

constexpr int kMaxReceivedHops = 4;

struct TraceRequest {
  int hops = 1;                 // 1..kMaxReceivedHops
  int64_t sent_utc = 0;         // when the sender submitted the message
  int sender_zone_minutes = 0;  // the sender's time zone
  std::string sender_host;      // the sender's outbound MTA, e.g. "smtp.a.com"
  std::string sender_domain;    // envelope domain, for SPF and DKIM
  std::string envelope_sender;  // Return-Path address
  std::string recipient;        // envelope recipient address
  std::string recipient_domain;
  bool is_spam = false;     // spam gets failing auth and unknown rDNS
  double ipv6_share = 0.0;  // chance the public hop is IPv6
  double auth_results_share = 0.0;
  double received_spf_share = 0.0;
};

struct TraceHeaders {
  std::string text;           // complete header lines, each ending in "\n"
  int64_t delivered_utc = 0;  // arrival time at the last hop
};

TraceHeaders MakeTraceHeaders(Rng& rng, const TraceRequest& request);

}  // namespace inboxsim::gen::detail

#endif  // INBOXSIM_CORPORA_GENERATOR_RECEIVED_CHAIN_H_
