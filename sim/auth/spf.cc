#include "sim/auth/spf.h"

#include <optional>
#include <vector>

#include "sim/auth/ptr_names.h"
#include "sim/auth/spf_macro.h"
#include "sim/auth/spf_record.h"
#include "sim/core/text.h"

namespace inboxsim::auth {
namespace {

// RFC 1035 2.3.4; a presentation name without its final dot.
constexpr size_t kMaxLabelBytes = 63;
// The DNS-term limit already stops include/redirect loops; this only guards
// against options that raise that limit absurdly high.
constexpr int kMaxRecursionDepth = 64;

// The state of one check_host() call: lives on the caller's stack, so one
// evaluator serves many threads.
struct Check {
  const DnsZone& zone;
  const SpfOptions& options;
  RecordScope scope;
  IpAddress ip;
  std::string sender;
  std::string local_part;
  std::string sender_domain;
  std::string helo;
  int dns_terms = 0;
  int void_lookups = 0;
};

// What checking one domain came to.
struct Outcome {
  SpfResult result = SpfResult::kNone;
  std::string detail;      // why, for none and errors
  std::string mechanism;   // the deciding term, as written
  std::string decided_by;  // the domain whose record held it
  std::string explanation;
};

// A mechanism either matched or not, unless the check must stop (limits,
// DNS failures), in which case `stop` holds the outcome.
struct MatchResult {
  bool matched = false;
  std::optional<Outcome> stop;
};

Outcome Stop(SpfResult result, std::string detail, std::string_view domain,
             std::string_view mechanism = "") {
  return Outcome{result, std::move(detail), std::string(mechanism),
                 std::string(domain), ""};
}

// A DNS lookup a mechanism needed failed temporarily: temperror, naming
// the lookup ("MX example.com") and the term that made it.
MatchResult LookupFailed(const std::string& lookup, const Mechanism& mechanism,
                         const std::string& domain) {
  MatchResult result;
  result.stop = Stop(SpfResult::kTemperror,
                     "DNS lookup of " + lookup + " failed (" + mechanism.text +
                         " in " + domain + ")",
                     domain, mechanism.text);
  return result;
}

SpfResult ResultOf(Qualifier qualifier) {
  switch (qualifier) {
    case Qualifier::kPass:
      return SpfResult::kPass;
    case Qualifier::kFail:
      return SpfResult::kFail;
    case Qualifier::kSoftfail:
      return SpfResult::kSoftfail;
    case Qualifier::kNeutral:
      return SpfResult::kNeutral;
  }
  return SpfResult::kNeutral;
}

// RFC 7208 4.3: a domain that is malformed or has a single label is "none".
bool IsValidDomain(std::string_view domain) {
  if (domain.ends_with('.')) domain.remove_suffix(1);
  if (domain.empty() || domain.size() > kMaxDomainBytes) return false;
  size_t labels = 0;
  size_t start = 0;
  for (size_t i = 0; i <= domain.size(); ++i) {
    if (i < domain.size() && domain[i] != '.') {
      if (IsSpaceAscii(domain[i])) return false;
      continue;
    }
    const size_t length = i - start;
    if (length == 0 || length > kMaxLabelBytes) return false;
    ++labels;
    start = i + 1;
  }
  return labels >= 2;
}

std::string_view ScopeLabel(RecordScope scope) {
  switch (scope) {
    case RecordScope::kSpf1:
      return "v=spf1";
    case RecordScope::kSenderIdMfrom:
      return "spf2.0/mfrom";
    case RecordScope::kSenderIdPra:
      return "spf2.0/pra";
  }
  return "v=spf1";
}

class DomainCheck {
 public:
  explicit DomainCheck(Check& check) : check_(check) {}

  // check_host() of `domain` (RFC 7208 4.3 to 4.8).
  Outcome Run(const std::string& domain, int depth);

 private:
  MacroContext ContextFor(std::string_view domain) const;
  std::string Target(const std::string& spec, const std::string& domain) const;
  std::optional<Outcome> CountDnsTerm(std::string_view domain,
                                      std::string_view term);
  std::optional<Outcome> CountVoid(std::string_view domain,
                                   std::string_view term);
  // The one record of the scope, or the outcome that ends the check.
  std::optional<Outcome> SelectRecord(const std::string& domain,
                                      std::string_view* record) const;
  MatchResult Evaluate(const Mechanism& mechanism, const std::string& domain,
                       int depth);
  MatchResult MatchAddresses(const DnsAnswer<IpAddress>& answer,
                             const Mechanism& mechanism,
                             const std::string& domain,
                             const std::string& target);
  std::string Explain(const std::string& spec, const std::string& domain) const;

  Check& check_;
};

MacroContext DomainCheck::ContextFor(std::string_view domain) const {
  MacroContext context;
  context.sender = check_.sender;
  context.local_part = check_.local_part;
  context.sender_domain = check_.sender_domain;
  context.domain = domain;
  context.ip = check_.ip;
  context.helo = check_.helo;
  context.receiver = check_.options.receiver;
  context.now_seconds = check_.options.now_seconds;
  // %{p} (RFC 7208 7.3): a validated name under <domain> if there is one,
  // else any validated name, else "unknown". Its lookups do not count
  // toward the limits; RFC 7208 discourages %{p} but does not bound it.
  context.validated_name = [this, domain]() -> std::string {
    ValidatedNames names =
        ValidateIpNames(check_.zone, check_.ip, domain,
                        static_cast<size_t>(check_.options.max_ptr_names));
    return names.names.empty() ? "unknown" : names.names.front();
  };
  return context;
}

std::string DomainCheck::Target(const std::string& spec,
                                const std::string& domain) const {
  if (spec.empty()) return domain;
  return std::string(
      TruncateDomainName(ExpandMacros(spec, ContextFor(domain))));
}

std::optional<Outcome> DomainCheck::CountDnsTerm(std::string_view domain,
                                                 std::string_view term) {
  if (++check_.dns_terms <= check_.options.max_dns_terms) return std::nullopt;
  return Stop(SpfResult::kPermerror,
              "more than " + std::to_string(check_.options.max_dns_terms) +
                  " DNS lookups (at '" + std::string(term) + "' in " +
                  std::string(domain) + ")",
              domain, term);
}

std::optional<Outcome> DomainCheck::CountVoid(std::string_view domain,
                                              std::string_view term) {
  if (++check_.void_lookups <= check_.options.max_void_lookups) {
    return std::nullopt;
  }
  return Stop(SpfResult::kPermerror,
              "more than " + std::to_string(check_.options.max_void_lookups) +
                  " void DNS lookups (at '" + std::string(term) + "' in " +
                  std::string(domain) + ")",
              domain, term);
}

std::optional<Outcome> DomainCheck::SelectRecord(
    const std::string& domain, std::string_view* record) const {
  const DnsAnswer<std::string> txt = check_.zone.Txt(domain);
  if (txt.status == DnsStatus::kTempFail) {
    return Stop(SpfResult::kTemperror,
                "DNS lookup of TXT " + domain + " failed", domain);
  }
  // RFC 4406 3.4: Sender ID reads v=spf1 records as "spf2.0/mfrom,pra" only
  // when the domain publishes no spf2.0 record at all, so a domain can opt
  // out of PRA checks with an spf2.0/mfrom record.
  bool any_sender_id = false;
  if (check_.scope != RecordScope::kSpf1) {
    for (const std::string& text : txt.records) {
      const std::optional<VersionTag> tag = ReadVersionTag(text);
      any_sender_id |= tag && !tag->spf1;
    }
  }
  int found = 0;
  for (const std::string& text : txt.records) {
    const std::optional<VersionTag> tag = ReadVersionTag(text);
    if (!tag) continue;
    bool wanted = tag->spf1 && !any_sender_id;
    if (check_.scope == RecordScope::kSenderIdMfrom) wanted |= tag->mfrom;
    if (check_.scope == RecordScope::kSenderIdPra) wanted |= tag->pra;
    if (!wanted) continue;
    ++found;
    *record = std::string_view(text).substr(tag->length);
  }
  if (found == 0) {
    const std::string what = check_.scope == RecordScope::kSpf1
                                 ? "v=spf1"
                                 : std::string(ScopeLabel(check_.scope)) +
                                       (any_sender_id ? "" : " or v=spf1");
    return Stop(SpfResult::kNone, domain + " publishes no " + what + " record",
                domain);
  }
  if (found > 1) {
    return Stop(SpfResult::kPermerror,
                domain + " publishes " + std::to_string(found) + " " +
                    std::string(ScopeLabel(check_.scope)) +
                    " records; RFC 7208 4.5 allows one",
                domain);
  }
  return std::nullopt;
}

MatchResult DomainCheck::MatchAddresses(const DnsAnswer<IpAddress>& answer,
                                        const Mechanism& mechanism,
                                        const std::string& domain,
                                        const std::string& target) {
  if (answer.status == DnsStatus::kTempFail)
    return LookupFailed(target, mechanism, domain);
  MatchResult result;
  const int prefix =
      check_.ip.is_v4() ? mechanism.prefix_v4 : mechanism.prefix_v6;
  for (const IpAddress& address : answer.records) {
    if (check_.ip.InPrefix(address, prefix)) {
      result.matched = true;
      break;
    }
  }
  return result;
}

MatchResult DomainCheck::Evaluate(const Mechanism& mechanism,
                                  const std::string& domain, int depth) {
  MatchResult result;
  const DnsZone& zone = check_.zone;
  const IpAddress& ip = check_.ip;
  const auto addresses_of = [&](std::string_view name) {
    return ip.is_v4() ? zone.A(name) : zone.Aaaa(name);
  };
  const auto on_void = [&](bool is_void) {
    if (is_void) result.stop = CountVoid(domain, mechanism.text);
  };
  switch (mechanism.kind) {
    case MechanismKind::kAll:
      result.matched = true;
      return result;
    case MechanismKind::kIp4:
      result.matched = ip.InPrefix(mechanism.network, mechanism.prefix_v4);
      return result;
    case MechanismKind::kIp6:
      result.matched = ip.InPrefix(mechanism.network, mechanism.prefix_v6);
      return result;
    case MechanismKind::kInclude: {
      const std::string target = Target(mechanism.domain_spec, domain);
      Outcome inner = Run(target, depth + 1);
      switch (inner.result) {
        case SpfResult::kPass:
          result.matched = true;
          return result;
        case SpfResult::kFail:
        case SpfResult::kSoftfail:
        case SpfResult::kNeutral:
          return result;
        case SpfResult::kTemperror:
        case SpfResult::kPermerror:
          result.stop = std::move(inner);
          return result;
        case SpfResult::kNone:
          // RFC 7208 5.2: an include of a domain without a record is a
          // broken policy, not a non-match.
          result.stop = Stop(
              SpfResult::kPermerror,
              "'" + mechanism.text + "' in " + domain + ": " + inner.detail,
              domain, mechanism.text);
          return result;
      }
      return result;
    }
    case MechanismKind::kA: {
      const std::string target = Target(mechanism.domain_spec, domain);
      const DnsAnswer<IpAddress> answer = addresses_of(target);
      result = MatchAddresses(answer, mechanism, domain, target);
      if (!result.stop) on_void(answer.is_void());
      return result;
    }
    case MechanismKind::kMx: {
      const std::string target = Target(mechanism.domain_spec, domain);
      const DnsAnswer<MxRecord> mx = zone.Mx(target);
      if (mx.status == DnsStatus::kTempFail)
        return LookupFailed("MX " + target, mechanism, domain);
      on_void(mx.is_void());
      if (result.stop) return result;
      if (mx.records.size() >
          static_cast<size_t>(check_.options.max_mx_hosts)) {
        result.stop =
            Stop(SpfResult::kPermerror,
                 target + " has " + std::to_string(mx.records.size()) +
                     " MX records, more than the " +
                     std::to_string(check_.options.max_mx_hosts) + " '" +
                     mechanism.text + "' may look up (RFC 7208 4.6.4)",
                 domain, mechanism.text);
        return result;
      }
      for (const MxRecord& record : mx.records) {
        if (record.exchange.empty()) continue;  // null MX (RFC 7505)
        result = MatchAddresses(addresses_of(record.exchange), mechanism,
                                domain, record.exchange);
        if (result.matched || result.stop) return result;
      }
      return result;
    }
    case MechanismKind::kPtr: {
      const std::string target = Target(mechanism.domain_spec, domain);
      const ValidatedNames names = ValidateIpNames(
          zone, ip, target, static_cast<size_t>(check_.options.max_ptr_names));
      // RFC 7208 5.5: a failed PTR lookup is a non-match, not a temperror.
      on_void(names.ptr_status == DnsStatus::kNoData ||
              names.ptr_status == DnsStatus::kNxDomain);
      if (result.stop) return result;
      // Validated names under the target come first.
      result.matched = !names.names.empty() &&
                       IsSameOrSubdomain(names.names.front(), target);
      return result;
    }
    case MechanismKind::kExists: {
      const std::string target = Target(mechanism.domain_spec, domain);
      // Always an A query, whatever the client's family (RFC 7208 5.7).
      const DnsAnswer<IpAddress> answer = zone.A(target);
      if (answer.status == DnsStatus::kTempFail)
        return LookupFailed(target, mechanism, domain);
      on_void(answer.is_void());
      result.matched = answer.ok();
      return result;
    }
  }
  return result;
}

std::string DomainCheck::Explain(const std::string& spec,
                                 const std::string& domain) const {
  // RFC 7208 6.2: any problem with the explanation just means there is none;
  // it never changes the result, and its lookup is not counted.
  const std::string target = Target(spec, domain);
  if (!IsValidDomain(target)) return "";
  const DnsAnswer<std::string> txt = check_.zone.Txt(target);
  if (!txt.ok() || txt.records.size() != 1) return "";
  const std::string& text = txt.records.front();
  if (!CheckMacroString(text, MacroUse::kExplanation).empty()) return "";
  return ExpandMacros(text, ContextFor(domain));
}

Outcome DomainCheck::Run(const std::string& domain, int depth) {
  if (depth > kMaxRecursionDepth) {
    return Stop(SpfResult::kPermerror,
                "include/redirect nested deeper than " +
                    std::to_string(kMaxRecursionDepth),
                domain);
  }
  if (!IsValidDomain(domain)) {
    return Stop(SpfResult::kNone, "'" + domain + "' is not a valid domain name",
                domain);
  }
  std::string_view text;
  if (std::optional<Outcome> stop = SelectRecord(domain, &text)) return *stop;
  Result<SpfRecord> record = ParseSpfTerms(text);
  if (!record) {
    return Stop(SpfResult::kPermerror,
                "syntax error in the record of " + domain + ": " +
                    record.error().message,
                domain);
  }
  for (const Mechanism& mechanism : record->mechanisms) {
    if (mechanism.CountsTowardLookupLimit()) {
      if (std::optional<Outcome> stop = CountDnsTerm(domain, mechanism.text)) {
        return *stop;
      }
    }
    MatchResult match = Evaluate(mechanism, domain, depth);
    if (match.stop) return *match.stop;
    if (!match.matched) continue;
    Outcome outcome{ResultOf(mechanism.qualifier), "", mechanism.text, domain,
                    ""};
    if (outcome.result == SpfResult::kFail && !record->explanation.empty()) {
      outcome.explanation = Explain(record->explanation, domain);
    }
    return outcome;
  }
  if (record->redirect.empty()) {
    return Stop(SpfResult::kNeutral, "no mechanism of " + domain + " matched",
                domain);
  }
  // RFC 7208 6.1: redirect applies only when no mechanism matched, and a
  // target without a record is a broken policy.
  const std::string term = "redirect=" + record->redirect;
  if (std::optional<Outcome> stop = CountDnsTerm(domain, term)) return *stop;
  const std::string target = Target(record->redirect, domain);
  Outcome redirected = Run(target, depth + 1);
  if (redirected.result == SpfResult::kNone) {
    return Stop(SpfResult::kPermerror,
                "'" + term + "' in " + domain + ": " + redirected.detail,
                domain, term);
  }
  return redirected;
}

std::string ReasonLine(RecordScope scope, const std::string& ip,
                       const std::string& domain, const Outcome& outcome) {
  std::string line =
      std::string(scope == RecordScope::kSpf1 ? "SPF " : "Sender ID ") +
      std::string(SpfResultName(outcome.result)) + " for " + ip + ": ";
  const std::string via = outcome.decided_by != domain
                              ? ", reached by redirect from " + domain
                              : "";
  const std::string term = " (" + outcome.mechanism + ")";
  switch (outcome.result) {
    case SpfResult::kPass:
      return line + outcome.decided_by + " authorises it" + term + via;
    case SpfResult::kFail:
      return line + outcome.decided_by + " does not authorise it" + term + via;
    case SpfResult::kSoftfail:
      return line + outcome.decided_by +
             " does not authorise it, but only softly" + term + via;
    case SpfResult::kNeutral:
      if (outcome.mechanism.empty()) return line + outcome.detail + via;
      return line + outcome.decided_by + " makes no assertion" + term + via;
    case SpfResult::kNone:
    case SpfResult::kTemperror:
    case SpfResult::kPermerror:
      return line + outcome.detail;
  }
  return line;
}

}  // namespace

std::string_view SpfResultName(SpfResult result) {
  switch (result) {
    case SpfResult::kNone:
      return "none";
    case SpfResult::kNeutral:
      return "neutral";
    case SpfResult::kPass:
      return "pass";
    case SpfResult::kFail:
      return "fail";
    case SpfResult::kSoftfail:
      return "softfail";
    case SpfResult::kTemperror:
      return "temperror";
    case SpfResult::kPermerror:
      return "permerror";
  }
  return "permerror";
}

SpfVerdict SpfEvaluator::CheckHost(const SpfRequest& request,
                                   RecordScope scope) const {
  Check check{.zone = zone_,
              .options = options_,
              .scope = scope,
              .ip = request.ip.Unmapped(),
              .sender = "",
              .local_part = "",
              .sender_domain = "",
              .helo = request.helo};
  const std::string domain = CanonicalDnsName(request.domain);
  // RFC 7208 4.3: a missing local part is "postmaster"; a missing sender is
  // postmaster at the domain checked.
  const size_t at = request.sender.rfind('@');
  check.local_part = at == std::string::npos || at == 0
                         ? "postmaster"
                         : request.sender.substr(0, at);
  check.sender_domain = at == std::string::npos
                            ? (request.sender.empty() ? domain : request.sender)
                            : request.sender.substr(at + 1);
  check.sender = check.local_part + "@" + check.sender_domain;

  const Outcome outcome = DomainCheck(check).Run(domain, 0);
  SpfVerdict verdict;
  verdict.result = outcome.result;
  verdict.domain = domain;
  verdict.mechanism = outcome.mechanism;
  verdict.decided_by = outcome.decided_by;
  verdict.reason = ReasonLine(scope, check.ip.ToString(), domain, outcome);
  verdict.explanation = outcome.explanation;
  verdict.dns_terms = check.dns_terms;
  verdict.void_lookups = check.void_lookups;
  return verdict;
}

SpfVerdict SpfEvaluator::CheckMailFrom(const IpAddress& ip,
                                       std::string_view sender,
                                       std::string_view helo) const {
  sender = TrimAscii(sender);
  if (sender.size() >= 2 && sender.front() == '<' && sender.back() == '>') {
    sender = sender.substr(1, sender.size() - 2);
  }
  SpfRequest request{ip, "", std::string(sender), std::string(helo)};
  if (sender.empty()) {
    // RFC 7208 2.4: the null reverse-path is checked as postmaster@helo.
    request.domain = std::string(helo);
    request.sender = "postmaster@" + std::string(helo);
  } else {
    const size_t at = sender.rfind('@');
    request.domain = std::string(
        at == std::string_view::npos ? sender : sender.substr(at + 1));
  }
  return CheckHost(request);
}

SpfVerdict SpfEvaluator::CheckHelo(const IpAddress& ip,
                                   std::string_view helo) const {
  return CheckHost(SpfRequest{ip, std::string(helo),
                              "postmaster@" + std::string(helo),
                              std::string(helo)});
}

}  // namespace inboxsim::auth
