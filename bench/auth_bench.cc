// SPF / Sender ID evaluation micro-benchmarks: the work one message costs
// when a profile evaluates authentication against a zone file. A realistic
// sender record (an include chain three deep, mx, a and ip4 terms) checked
// from an IP the last term allows, and from one nothing allows (every term
// evaluated, then -all).
//
//   build/bench/inboxsim_bench --benchmark_filter=BM_Spf
#include <benchmark/benchmark.h>

#include "sim/auth/sender_id.h"
#include "sim/auth/spf.h"
#include "sim/auth/zone_file.h"

namespace inboxsim::auth {
namespace {

constexpr char kZone[] = R"(
example.com           TXT "v=spf1 mx a:mail.example.com include:_spf.esp.example ip4:198.51.100.0/24 -all"
example.com           TXT "spf2.0/pra include:_spf.esp.example ip4:198.51.100.0/24 -all"
example.com           MX  10 mx1.example.com.
example.com           MX  20 mx2.example.com.
mx1.example.com       A   192.0.2.1
mx2.example.com       A   192.0.2.2
mail.example.com      A   192.0.2.3
_spf.esp.example      TXT "v=spf1 include:_netblocks.esp.example include:_netblocks2.esp.example ~all"
_netblocks.esp.example  TXT "v=spf1 ip4:203.0.113.0/26 ip6:2001:db8:1::/48 ~all"
_netblocks2.esp.example TXT "v=spf1 ip4:203.0.113.64/26 ip4:203.0.113.128/25 ~all"
)";

const DnsZone& Zone() {
  static const DnsZone zone = [] {
    DnsZone parsed;
    if (!ParseZoneText(kZone, "bench", &parsed)) std::abort();
    return parsed;
  }();
  return zone;
}

void CheckFrom(benchmark::State& state, const char* ip_text,
               SpfResult expected) {
  const SpfEvaluator evaluator(Zone());
  const IpAddress ip = *IpAddress::Parse(ip_text);
  if (evaluator.CheckMailFrom(ip, "bounce@example.com", "mx.sender").result !=
      expected) {
    state.SkipWithError("unexpected SPF result");
    return;
  }
  for (auto _ : state) {
    SpfVerdict verdict =
        evaluator.CheckMailFrom(ip, "bounce@example.com", "mx.sender");
    benchmark::DoNotOptimize(verdict);
  }
}

void BM_Spf_PassByLastTerm(benchmark::State& state) {
  CheckFrom(state, "198.51.100.7", SpfResult::kPass);
}
BENCHMARK(BM_Spf_PassByLastTerm);

void BM_Spf_FailAfterEveryTerm(benchmark::State& state) {
  CheckFrom(state, "192.0.2.200", SpfResult::kFail);
}
BENCHMARK(BM_Spf_FailAfterEveryTerm);

void BM_Spf_SenderIdThroughInclude(benchmark::State& state) {
  const SpfEvaluator evaluator(Zone());
  const IpAddress ip = *IpAddress::Parse("203.0.113.200");
  const mime::Address pra{"", "news", "example.com"};
  for (auto _ : state) {
    SpfVerdict verdict =
        CheckSenderId(evaluator, ip, pra, mime::PraStatus::kFound, "mx.sender");
    benchmark::DoNotOptimize(verdict);
  }
}
BENCHMARK(BM_Spf_SenderIdThroughInclude);

}  // namespace
}  // namespace inboxsim::auth
