// detail::ParseReceivedLine: SpamAssassin 4's parse_received_line
// (Mail::SpamAssassin::Message::Metadata::Received), its cascade of MTA
// formats in the same order, so each field yields the same relay. The
// format examples are in Received.pm next to each pattern.
#include <optional>
#include <string>

#include "sim/sa/sa_regex.h"
#include "sim/sa/sa_relays.h"

namespace inboxsim::sa::detail {
namespace {

// The fields parse_received_line fills while it reads.
struct Fields {
  std::string ip, helo, rdns, by, id, ident, auth;
  std::optional<std::string> envfrom;
};

enum class Outcome {
  kEnough,       // Perl's `goto enough`: build the relay
  kFallThrough,  // no format matched; the generic [ip] search decides
  kIgnored,
  kMailFetcher,
  kQmailScanner,
};

// Perl's `$sub =~ s/re// and $var = $1`.
void TakeFirstGroup(const Regex& re, std::string* sub, std::string* var) {
  Captures m;
  if (!re.Find(*sub, &m)) return;
  *var = m[1];
  sub->erase(m.begin(0), m.end(0) - m.begin(0));
}

// The helo= and ident= items of an Exim comment.
void EximHeloIdent(std::string sub, Fields* f) {
  TakeFirstGroup(Re<R"~(helo=(\S+))~">(), &sub, &f->helo);
  TakeFirstGroup(Re<R"~(ident=(\S*))~">(), &sub, &f->ident);
}

// SpamAssassin's marker for authenticated submission, from the whole line.
std::string FindAuth(const std::string& s) {
  Captures m;
  const bool by = s.find(" by ") != std::string::npos;
  if (by &&
      Re<R"~((?i) with ((?:ES|L|UTF8S|UTF8L)MTPS?A|ASMTP|HTTP[SU]?)(?: |;|$))~">()
          .Find(s, &m)) {
    return m[1];
  }
  if (Re<R"~( by mx\.google\.com with ESMTPS id [a-z0-9]{1,4}sm[0-9]{2,9}[a-z]{3}\.[0-9]{1,3}\.[0-9]{4}\.(?:[0-6][0-9]\.){4}[0-6][0-9])~">()
          .Find(s) &&
      Re<R"~(\(version=([^ ]+) cipher=([^\)]+)\))~">().Find(s, &m)) {
    return "GMail - transport=" + m[1] + " cipher=" + m[2];
  }
  if (Re<R"~(^from .*?(?:\]\)|\)\]) \(AUTH: (LOGIN|PLAIN|DIGEST-MD5|CRAM-MD5) \S+(?:, .*?)?\) by )~">()
          .Find(s, &m)) {
    return m[1];
  }
  if (s.find("authenticated") != std::string::npos &&
      Re<R"~(^from .*?(?:\](?: \([^)]*\))?\)|\)\]) .*?\(.*?authenticated.*?\).*? by)~">()
          .Find(s)) {
    return "Sendmail";
  }
  if (Re<R"~(from \S* \((?:HELO|EHLO) (\S*)\) \[({IP})\] by (mail\.gmx\.(?:net|com)) \([^\)]+\) with ((?:ESMTP|SMTP)))~">()
          .Find(s, &m)) {
    return "GMX (" + m[4] + " / " + m[3] + ")";
  }
  if (s.find(" (authenticated as ") != std::string::npos &&
      Re<R"~(\) by .+ \(\d{1,2}\.\d\.\d{3}(?:\.\d{1,3})?\) \(authenticated as .+\) id )~">()
          .Find(s)) {
    return "CriticalPath";
  }
  if (Re<R"~(\) \(Authenticated sender: \S+\) by \S+ \(([^\)]+)\) with )~">()
          .Find(s, &m)) {
    return m[1] == "Postfix" ? m[1] : "Postfix (" + m[1] + ")";
  }
  if (Re<R"~(CommuniGate Pro (HTTP|SMTP|XIMSS|IMAP))~">().Find(s) &&
      s.find(" (account ") != std::string::npos) {
    return "Communigate";
  }
  if (Re<R"~( with Microsoft Exchange Server HTTP-DAV\b)~">().Find(s)) {
    return "HTTP-DAV";
  }
  if (by && Re<R"~((?i) \(via (HTTP.?)\)(?: |;|$))~">().Find(s, &m)) {
    return m[1];
  }
  return std::string();
}

// The MTA-specific formats tried before the generic ones, each keyed on
// a product marker (Received.pm's if/elsif chain).
std::optional<Outcome> ProductFormats(const std::string& s, Fields* f) {
  Captures m;
  if (s.find(" SMTPSVC") != std::string::npos) {
    if (Re<R"~(^(\S*) \(\[({IP})\][^\)]{0,40}\) by (\S+) with Microsoft SMTPSVC)~">()
            .Find(s, &m)) {
      f->helo = m[1], f->ip = m[2], f->by = m[3];
      return Outcome::kEnough;
    }
    if (Re<R"~(^mail pickup service by (\S+) with Microsoft SMTPSVC$)~">().Find(
            s)) {
      return Outcome::kIgnored;
    }
  } else if (
      Re<R"~( with (?:Microsoft SMTP Server|mapi id) (?:\([^\)]+\) )?\d+\.\d+\.\d+\.\d+(?:$| ))~">()
          .Find(s)) {
    if (Re<R"~(^(\S+) \(\[?({IP})(?:%[A-Z0-9._~-]*)?\]?\) by (\S+) )~">().Find(
            s, &m)) {
      f->helo = m[1], f->ip = m[2], f->by = m[3], f->id.clear();
      return Outcome::kEnough;
    }
  } else if (s.find("[XMail ") != std::string::npos) {
    if (Re<R"~(^(\S+) \((\[?{IP}\]?)(?::\d+)\) by (\S+)(?: \(\S+\))? with \[XMail)~">()
            .Find(s, &m)) {
      f->helo = m[1], f->ip = m[2], f->by = m[3];
      if (Re<R"~( id <(\S+)>)~">().Find(s, &m)) f->id = m[1];
      if (Re<R"~( from <(\S+)>)~">().Find(s, &m)) f->envfrom = m[1];
      return Outcome::kEnough;
    }
  } else if (Re<R"~(\(ecelerity\b)~">().Find(s)) {
    if (Re<R"~(^\(\[({IP}):\d+\] helo=(\S+)\) by (\S+) )~">().Find(s, &m)) {
      f->ip = m[1], f->helo = m[2], f->by = m[3];
      return Outcome::kEnough;
    }
    if (Re<R"~(^\S+ \(\[({IP}):\d+\]\) by (\S+) )~">().Find(s, &m)) {
      f->ip = m[1], f->by = m[2];
      return Outcome::kEnough;
    }
  } else if (s.find("Exim") != std::string::npos) {
    if (Re<R"~(\bwith local(?:-\S+)? )~">().Find(s)) return Outcome::kIgnored;
    if (Re<R"~(^\[({IP})\] \((.*?)\) by (\S+) )~">().Find(s, &m)) {
      f->ip = m[1], f->by = m[3];
      EximHeloIdent(m[2], f);
      return Outcome::kEnough;
    }
    if (Re<R"~(^(\S+) \(\[({IP})\](.*?)\) by (\S+) )~">().Find(s, &m)) {
      f->rdns = m[1], f->ip = m[2], f->by = m[4];
      f->helo = f->rdns;  // SpamAssassin bug 5112
      EximHeloIdent(m[3], f);
      return Outcome::kEnough;
    }
    if (Re<R"~(^(\S+) \[({IP})\](:\d+)? by (\S+) )~">().Find(s, &m)) {
      f->rdns = m[1], f->ip = m[2], f->helo = m[1], f->by = m[4];
      return Outcome::kEnough;
    }
    // Odd Exim formats: take what can be found.
    if (Re<R"~(^(\S+) )~">().Find(s, &m)) f->rdns = m[1];
    if (Re<R"~( \((\S+)\) )~">().Find(s, &m)) f->helo = m[1];
    if (Re<R"~( \[({IP})(?:\.\d+)?\] )~">().Find(s, &m)) f->ip = m[1];
    if (Re<R"~(by (\S+) )~">().Find(s, &m)) {
      f->by = m[1];
      if (!f->ip.empty()) return Outcome::kEnough;
    }
  } else if (s.find(" (Postfix) with") != std::string::npos) {
    if (Re<R"~(^(\S+) \((\S+) \[({IP})\]\) by (\S+) )~">().Find(s, &m) ||
        Re<R"~(^(\S+) \((\S+)\[({IP})\]\) by (\S+) )~">().Find(s, &m)) {
      f->helo = m[1], f->rdns = m[2], f->ip = m[3], f->by = m[4];
      if (f->rdns == "unknown") f->rdns.clear();
      return Outcome::kEnough;
    }
  } else if (s.find("(Scalix SMTP Relay") != std::string::npos) {
    if (Re<R"~(^(\S+) \( ?({IP})\) by (\S+))~">().Find(s, &m)) {
      f->helo = m[1], f->ip = m[2], f->by = m[3];
      return Outcome::kEnough;
    }
  } else if (s.find(" (Lotus Domino ") != std::string::npos) {
    if (Re<R"~(^(\S+) \(\[({IP})\]\) by (\S+) \(Lotus)~">().Find(s, &m)) {
      f->helo = m[1], f->ip = m[2], f->by = m[3];
      return Outcome::kEnough;
    }
  }
  return std::nullopt;
}

// qmail and its many patches (Received.pm's "MiB" block).
std::optional<Outcome> QmailFormats(const std::string& s, Fields* f) {
  if (!Re<R"~(^\S+( \((?:HELO|EHLO) \S*\))? \((\S+\@)?\[?{IP}\]?\)( \(envelope-sender <\S+>\))? by \S+( \(.+\))* with (.* )?(SMTP|QMQP)(?! id ))~">()
           .Find(s)) {
    return std::nullopt;
  }
  Captures m;
  if (Re<R"~(^(\S+) \((?:HELO|EHLO) ([^ \(\)]*)\) \((\S*)\@\[?({IP})\]?\)( \(envelope-sender <\S+>\))? by (\S+))~">()
          .Find(s, &m)) {
    f->rdns = m[1], f->helo = m[2], f->ident = m[3], f->ip = m[4];
    f->by = m[6];
  } else if (
      Re<R"~(^(\S+) \((?:HELO|EHLO) ([^ \(\)]*)\) \(\[?({IP})\]?\)( \(envelope-sender <\S+>\))? by (\S+))~">()
          .Find(s, &m)) {
    f->rdns = m[1], f->helo = m[2], f->ip = m[3], f->by = m[5];
  } else if (
      Re<R"~(^(\S+) \((\S*)\@\[?({IP})\]?\)( \(envelope-sender <\S+>\))? by (\S+))~">()
          .Find(s, &m)) {
    // No HELO means it matched the rDNS, in qmail-land.
    f->helo = f->rdns = m[1], f->ident = m[2], f->ip = m[3], f->by = m[5];
  } else if (
      Re<R"~(^(\S+) \(\[?({IP})\]?\)( \(envelope-sender <\S+>\))? by (\S+))~">()
          .Find(s, &m)) {
    f->helo = f->rdns = m[1], f->ip = m[2], f->by = m[4];
  }
  if (f->rdns == "unknown") f->rdns.clear();
  return Outcome::kEnough;
}

// Everything after the product formats in the "from" branch, up to the
// generic HELO guess.
Outcome GenericFormats(const std::string& s, Fields* f) {
  Captures m;
  if (s.find("with HTTP") != std::string::npos &&
      Re<R"~(\bwith HTTP\b)~">().Find(s) &&
      Re<R"~(^({IP}) \(\[{IP}\]\) by (\S+))~">().Find(s, &m)) {
    f->ip = m[1], f->by = m[2];
    return Outcome::kEnough;
  }
  // qmail-ldap lines look like sendmail's; sendmail formats skip them.
  if (!Re<R"~( by \S+ \(qmail-\S+\) with )~">().Find(s) &&
      Re<R"~(^(\S+) \((\S+) \[({IP})\].*\) by (\S+) \()~">().Find(s, &m)) {
    f->helo = m[1], f->rdns = m[2], f->ip = m[3], f->by = m[4];
    TakeFirstGroup(Re<R"~(^IDENT:([^\@]*)\@)~">(), &f->rdns, &f->ident);
    TakeFirstGroup(Re<R"~(^([^\@]*)\@)~">(), &f->rdns, &f->ident);
    return Outcome::kEnough;
  }
  if (Re<R"~(^(\S+) \((\S+) \[({IP})\]\) by (\S+) with \S+ \()~">().Find(s,
                                                                         &m)) {
    f->rdns = m[2], f->ip = m[3], f->helo = m[1], f->by = m[4];
    return Outcome::kEnough;
  }
  if (Re<R"~(^(\S+) \(\[({IP})\] helo=(\S+)\) by (\S+) with )~">().Find(s,
                                                                        &m)) {
    f->rdns = m[1], f->ip = m[2], f->helo = m[3], f->by = m[4];
    return Outcome::kEnough;
  }
  if (Re<R"~(^(\S+) \(<unknown\S*>\[({IP})\]\) by (\S+) )~">().Find(s, &m)) {
    f->helo = m[1], f->ip = m[2], f->by = m[3];
    return Outcome::kEnough;
  }
  if (Re<R"~(^(\S+) \((\S+\.\S+)\[({IP})\]\) by (\S+) )~">().Find(s, &m)) {
    f->helo = m[1], f->rdns = m[2], f->ip = m[3], f->by = m[4];
    return Outcome::kEnough;
  }
  if (Re<R"~(^(\S+) \((\S*)\@\[({IP})\].*\) by (\S+) \()~">().Find(s, &m)) {
    f->helo = m[1], f->ip = m[3], f->by = m[4], f->ident = m[2];
    return Outcome::kEnough;
  }
  if (Re<R"~(by (\S+\.hotmail\.msn\.com) )~">().Find(s, &m)) {
    f->by = m[1];
    if (Re<R"~(^({IP}) )~">().Find(s, &m)) f->ip = m[1];
    return Outcome::kEnough;
  }
  if (Re<R"~(^(\S+) \((?:HELO|EHLO) (\S*)\) \(({IP})\) by (\S+) \(qpsmtpd/\S+\) with (?:ESMTP|SMTP))~">()
          .Find(s, &m) ||
      Re<R"~(^(\S+) \(LHLO (\S*)\) \(({IP})\) by (\S+) with LMTP)~">().Find(
          s, &m) ||
      Re<R"~(^(\S+) \((?:HELO|EHLO) (\S*)\) \[({IP})\] by (\S+) \([^\)]+\) with (?:ESMTP|SMTP))~">()
          .Find(s, &m)) {
    f->rdns = m[1], f->helo = m[2], f->ip = m[3], f->by = m[4];
    return Outcome::kEnough;
  }
  if (Re<R"~(^(\S+) \(\[({IP})\]\) by (\S+) via smtpd \(for \S+\) with SMTP\()~">()
          .Find(s, &m)) {
    f->helo = m[1], f->ip = m[2], f->by = m[3];
    return Outcome::kEnough;
  }
  if (auto qmail = QmailFormats(s, f)) return *qmail;
  return Outcome::kFallThrough;
}

// The less standard formats after qmail's, up to the synthetic
// X-Originating-IP relay.
Outcome LateFormats(const std::string& s, Fields* f) {
  Captures m;
  // Sets ip and by from groups 1 and 2 of `re`, when it matches.
  const auto ip_by = [&](const Regex& re) {
    if (!re.Find(s, &m)) return false;
    f->ip = m[1], f->by = m[2];
    return true;
  };
  // Sets helo, ip and by from groups 1, 2 and 3.
  const auto helo_ip_by = [&](const Regex& re) {
    if (!re.Find(s, &m)) return false;
    f->helo = m[1], f->ip = m[2], f->by = m[3];
    return true;
  };
  // Sets helo, rdns, ip and by from groups 1 to 4.
  const auto helo_rdns_ip_by = [&](const Regex& re) {
    if (!re.Find(s, &m)) return false;
    f->helo = m[1], f->rdns = m[2], f->ip = m[3], f->by = m[4];
    return true;
  };
  // Sets rdns, ip and by from groups 1, 2 and 3.
  const auto rdns_ip_by = [&](const Regex& re) {
    if (!re.Find(s, &m)) return false;
    f->rdns = m[1], f->ip = m[2], f->by = m[3];
    return true;
  };
  // Exim-like "[ip] (helo=x ident=y) by host".
  const auto ip_comment_by = [&](const Regex& re) {
    if (!re.Find(s, &m)) return false;
    f->ip = m[1], f->by = m[3];
    EximHeloIdent(m[2], f);
    return true;
  };
  const auto has = [&](std::string_view text) {
    return s.find(text) != std::string::npos;
  };

  if (ip_by(Re<R"~(^\[({IP})\] by (\S+) via HTTP$)~">()))
    return Outcome::kEnough;
  if (Re<R"~(^(\S+) \( \[({IP})\]\).*? by (\S+) )~">().Find(s, &m)) {
    f->ip = m[2], f->by = m[3];
    return Outcome::kEnough;
  }
  if (helo_ip_by(Re<R"~(^\((\S+) \[({IP})\]\) by (\S+) )~">()) ||
      ip_by(Re<R"~(^\[({IP})\] by (\S+) )~">()) ||
      ip_by(Re<R"~(^\(\[?({IP})\]?\) by (\S+) )~">()) ||
      helo_ip_by(Re<R"~(^(\S+) \[({IP})\] by (\S+) \[{IP}\] with )~">()) ||
      helo_ip_by(Re<R"~(^(\S+) \[\(({IP})\)\] by (\S+) \({IP}\) )~">()) ||
      helo_ip_by(Re<R"~(^(\S+) \(\[({IP})\]\) by (\S+) \()~">())) {
    return Outcome::kEnough;
  }
  if (Re<R"~(^(\S+) \((\S+) \[({IP})\]\).*? by (\S+)\b)~">().Find(s, &m)) {
    if (m[2] != "softdnserr") f->rdns = m[2];  // couriertcpd, bug 2326
    f->helo = m[1], f->ip = m[3], f->by = m[4];
    return Outcome::kEnough;
  }
  if (helo_ip_by(Re<R"~(^(\S+) \(\[({IP})(?:[.:]\d+)?\]\).*? by (\S+) )~">()) ||
      helo_rdns_ip_by(
          Re<R"~(^(\S+) \((\S+) \[({IP})\]\)(?: \(authenticated bits=\d+\))? by (\S+) \()~">())) {
    return Outcome::kEnough;
  }
  if (Re<R"~(with (?:POP3|IMAP))~">().Find(s)) return Outcome::kMailFetcher;
  if (Re<R"~(^(\S+) \((?:HELO|EHLO) ([^\)]*)\) \((\S*@)?\[?({IP})\]?\).* by (\S+) )~">()
          .Find(s, &m)) {
    f->rdns = m[1], f->helo = m[2], f->ident = m[3], f->ip = m[4];
    f->by = m[5];
    Re<R"~(\@$)~">().ReplaceFirst(&f->ident, "");
    return Outcome::kEnough;
  }
  if (Re<R"~(^(\S+) \((\S*@)?\[?({IP})\]?\).* by (\S+) )~">().Find(s, &m)) {
    // Bug 2744: qmail drops the HELO when it equals the rDNS.
    f->rdns = f->helo = m[1], f->ident = m[2], f->ip = m[3], f->by = m[4];
    Re<R"~(\@$)~">().ReplaceFirst(&f->ident, "");
    return Outcome::kEnough;
  }
  if ((has(" with http for ") &&
       ip_by(Re<R"~(^\[({IP})\] by (\S+) with http for )~">())) ||
      (has(" via smap ") &&
       rdns_ip_by(Re<R"~(^(\S+)\(({IP})\) by (\S+) via smap )~">()))) {
    return Outcome::kEnough;
  }
  if (Re<R"~(^(\S+)\(({IP}), (?:HELO|EHLO) (\S*)\) by (\S+) via smap )~">()
          .Find(s, &m)) {
    f->rdns = m[1], f->ip = m[2], f->helo = m[3], f->by = m[4];
    return Outcome::kEnough;
  }
  if ((has(" (Post") && ip_by(Re<R"~(^\[({IP})\] by (\S+) \(Post)~">())) ||
      (has(" (ArGoSoft") &&
       ip_by(Re<R"~(^\[({IP})\] by (\S+) \(ArGoSoft)~">())) ||
      ip_by(Re<R"~(^({IP}) by (\S+) \((?:SMTPL|InterScan)\b)~">())) {
    return Outcome::kEnough;
  }
  if (has(" with BSMTP") && Re<R"~(^\S+ by \S+ with BSMTP)~">().Find(s)) {
    return Outcome::kIgnored;  // not a TCP/IP handover
  }
  if (helo_rdns_ip_by(
          Re<R"~(^(\S+) \((\S+) \[({IP})\]\) by (\S+) with )~">())) {
    return Outcome::kEnough;
  }
  if (Re<R"~(^(\S+) \((?:HELO|EHLO) (\S*)\) \((?:(\S+)\@)?({IP}).*?\) by (\S+) with )~">()
          .Find(s, &m)) {
    f->rdns = m[1], f->helo = m[2], f->ip = m[4], f->by = m[5];
    if (m.defined(3)) f->ident = m[3];
    return Outcome::kEnough;
  }
  if (Re<R"~(^\[({IP})\] \((?:account \S+ )?(?:HELO|EHLO) (\S*)\) by (\S+) \()~">()
          .Find(s, &m)) {
    f->ip = m[1], f->helo = m[2], f->by = m[3];
    return Outcome::kEnough;
  }
  if (has(" (CommuniGate Pro") &&
      Re<R"~(^(\S+) \(\[({IP})\] verified\) by (\S+) \()~">().Find(s, &m)) {
    f->rdns = f->helo = m[1], f->ip = m[2], f->by = m[3];
    return Outcome::kEnough;
  }
  if (ip_by(Re<R"~(^\(\[({IP})\]\) by (\S+) with )~">()) ||
      helo_ip_by(Re<R"~(^([^\d]\S+) \(({IP})\) by (\S+) )~">())) {
    return Outcome::kEnough;
  }
  if (Re<R"~(^\S+ \(\S+\) by \S+ \(Content Technologies )~">().Find(s)) {
    return Outcome::kIgnored;  // no IP, bug 4704
  }
  if (Re<R"~(^(\S+) \(\[({IP})\] \[(\S+)\]\) by (\S+) with )~">().Find(s, &m)) {
    f->helo = m[1], f->ip = m[2], f->by = m[4];
    return Outcome::kEnough;
  }
  // Sets ip, helo and by from groups 1, 2 and 3.
  const auto ip_helo_by = [&](const Regex& re) {
    if (!re.Find(s, &m)) return false;
    f->ip = m[1], f->helo = m[2], f->by = m[3];
    return true;
  };
  if (ip_by(Re<R"~(^({IP}) by (\S+) with )~">()) ||
      helo_rdns_ip_by(Re<R"~(^(\S+) \((\S+)\[({IP})\]\) by (\S+) )~">()) ||
      ip_helo_by(
          Re<R"~(^\[({IP})\]\S+ \((?:HELO|EHLO) (\S*)\) by (\S+) )~">()) ||
      ip_helo_by(Re<R"~(^({IP}) \((?:HELO|EHLO) (\S*)\) by (\S+) )~">()) ||
      helo_ip_by(Re<R"~(^(\S+) \[({IP})\] by (\S+) )~">()) ||
      rdns_ip_by(Re<R"~(^(\S+)\(({IP})\) by (\S+) )~">()) ||
      ip_by(Re<R"~(^\[({IP})\] by (\S+) \(MailGate )~">()) ||
      helo_ip_by(Re<R"~(^(\S+) \(unverified \[({IP})\]\) by (\S+) )~">()) ||
      ip_by(Re<R"~(^({IP}) \([A-Za-z][^\)]+\) by (\S+) with )~">()) ||
      ip_comment_by(Re<R"~(^\[({IP})\] \(([^\)]+)\) by (\S+) )~">()) ||
      rdns_ip_by(Re<R"~(^(\S+) \((?:\S+\@)?({IP})\) by (\S+) with )~">())) {
    return Outcome::kEnough;
  }
  // Obtuse smtpd.
  if (Re<R"~(^(\S+)\(({IP})\)(?:, claiming to be "(\S+)")? via \S+ by (\S+),)~">()
          .Find(s, &m)) {
    f->rdns = m[1], f->ip = m[2], f->helo = m[3], f->by = m[4];
    return Outcome::kEnough;
  }
  // Yahoo authenticated SMTP, bug 6535.
  if (Re<R"~(^(\S+) \((\S+)@({IP}) with login\) by (\S+\.yahoo\.com) with SMTP)~">()
          .Find(s, &m)) {
    f->helo = m[1], f->ip = m[3], f->by = m[4];
    return Outcome::kEnough;
  }
  // The synthetic field ParseRelays makes of an originating-IP header.
  if (Re<R"~(^X-Originating-IP: ({IP})$)~">().Find(s, &m)) {
    f->ip = m[1], f->by.clear();
    return Outcome::kEnough;
  }
  return Outcome::kFallThrough;
}

// Handovers SpamAssassin knows it can skip: local submissions and MTAs that
// log no IP.
Outcome IgnoredFormats(const std::string& s) {
  if (Re<R"~(^\S+ \([^\s\@]+\@{LOCALHOST}\) by \S+ \()~">().Find(s) ||
      Re<R"~(^\S+ \S+ by \S+ with local-e?smtp )~">().Find(s) ||
      Re<R"~(^127\.0\.0\.1 \(AVG SMTP \S+ \[\S+\]\))~">().Find(s) ||
      Re<R"~(^\S+\@\S+ by \S+ by uid \S+ )~">().Find(s) ||
      Re<R"~(^\S+\@\S+ by \S+ )~">().Find(s) ||
      Re<R"~(^Unknown/Local \()~">().Find(s) ||
      Re<R"~(^{LOCALHOST} \((?:\S+\@)?{LOCALHOST}[\)\[])~">().Find(s) ||
      Re<R"~(^\S+ \((?:\S+\@)?{LOCALHOST}\) )~">().Find(s) ||
      Re<R"~(^\S+ \(\S+\@\S+ \[{LOCALHOST}\]\) )~">().Find(s) ||
      Re<R"~(^\(AUTH: \S+\) by \S+ with )~">().Find(s) ||
      Re<R"~(^localhost \(localhost \[\[UNIX: localhost\]\]\) by )~">().Find(
          s) ||
      Re<R"~(^\S+\.amazon\.com by \S+\.amazon\.com with ESMTP \(peer crosscheck: )~">()
          .Find(s) ||
      Re<R"~(^[^\.]+ by \S+ with Novell_GroupWise)~">().Find(s) ||
      Re<R"~(^no\.name\.available by \S+ via smtpd \(for )~">().Find(s)) {
    return Outcome::kIgnored;
  }
  // qmail-scanner logging the previous handover again.
  if (Re<R"~(^\S+ by \S+ \(.{0,100}\) with qmail-scanner)~">().Find(s)) {
    return Outcome::kQmailScanner;
  }
  if (Re<R"~(^\S+ by \S+ with local)~">().Find(s) ||
      Re<R"~(^\S+ \(\[unix socket\]\) by \S+ \(Cyrus v[0-9]*?\.[0-9]*?\.[0-9]*?\) with LMTPA)~">()
          .Find(s) ||
      Re<R"~(^\S+ by \S+ (?:with|via|for|\())~">().Find(s) ||
      Re<R"~(^\S+ (?:(?:with|via|for) \S+|\(unverified\)) by\b)~">().Find(s) ||
      Re<R"~(^\S+ \(unknown\) by \S+ \(SG\) with \b)~">().Find(s) ||
      Re<R"~(^\S+ \(\S+ \[local\]\) by \S+ \(OpenSMTPD\) with \b)~">().Find(
          s) ||
      Re<R"~(\(LSMTP for)~">().Find(s) ||
      Re<R"~(^\(\[{LOCALHOST}\]\) with MailEnable )~">().Find(s) ||
      Re<R"~(^facebook\.com \([^\)]+\) by facebook\.com with Thrift id \S+$)~">()
          .Find(s) ||
      Re<R"~(^\S+ named \S+ by gmailapi\.google\.com with HTTPREST$)~">().Find(
          s) ||
      Re<R"~(^\S+ id \S+$)~">().Find(s) ||
      Re<R"~(^\[<.*? \(Jetsend)~">().Find(s)) {
    return Outcome::kIgnored;
  }
  return Outcome::kFallThrough;
}

// After "from " has been removed from the front of `s`.
Outcome FromClause(const std::string& s, Fields* f) {
  Captures m;
  if (Re<R"~((?i)(?:return-path:? |envelope-(?:sender|from)[ =])(\S+)\b)~">()
          .Find(s, &m)) {
    f->envfrom = m[1];
  }
  if (Re<R"~( \((?:SquirrelMail|NaSMail) authenticated user )~">().Find(s) &&
      Re<R"~(({IP})\b(?![.-]).{10,80}by (\S+) with HTTP)~">().Find(s, &m)) {
    f->ip = m[1], f->by = m[2];
    return Outcome::kEnough;
  }
  if (s.find("aol.com") != std::string::npos &&
      s.find("with HTTP (WebMailUI)") != std::string::npos &&
      Re<R"~(({IP}) by (\S+) \({IP}\) with HTTP \(WebMailUI\))~">().Find(s,
                                                                         &m)) {
    f->ip = m[1], f->by = m[2];
    return Outcome::kEnough;
  }
  if (auto product = ProductFormats(s, f)) return *product;
  Outcome outcome = GenericFormats(s, f);
  if (outcome != Outcome::kFallThrough) return outcome;
  outcome = LateFormats(s, f);
  if (outcome != Outcome::kFallThrough) return outcome;
  outcome = IgnoredFormats(s);
  if (outcome != Outcome::kFallThrough) return outcome;
  // Still no HELO: guess the first word.
  if (f->helo.empty() && Re<R"~(^(\S+)[^-A-Za-z0-9\.])~">().Find(s, &m)) {
    f->helo = m[1];
  }
  return Outcome::kFallThrough;
}

// Received.pm's replacement for characters a relay text must not hold.
void FlagStrippedChars(std::string* text) {
  Re<R"~([\s\x00\#\[\]\(\)\<\>\|])~">().ReplaceAll(text, "!");
}

// Received.pm's cleanup of an envelope sender: outer <> and white space
// removed, flagged characters replaced.
std::string CleanEnvfrom(std::string envfrom) {
  Re<R"~(^\s*<*)~">().ReplaceAll(&envfrom, "");
  Re<R"~(>*\s*$)~">().ReplaceAll(&envfrom, "");
  FlagStrippedChars(&envfrom);
  return envfrom;
}

Relay MakeRelay(Fields f) {
  Re<R"~(\.+\z)~">().ReplaceFirst(&f.rdns, "");
  if (Re<R"~((?i)^unknown$)~">().Find(f.rdns) || f.rdns.starts_with("[")) {
    f.rdns.clear();
  }
  Re<R"~((?i)^ipv6:)~">().ReplaceFirst(&f.ip, "");
  Re<R"~(^\[)~">().ReplaceFirst(&f.ip, "");
  Re<R"~(\]\z)~">().ReplaceFirst(&f.ip, "");
  Re<R"~((?is)%[A-Z0-9._~-]*\z)~">().ReplaceFirst(&f.ip, "");
  Re<R"~((?i)^0*:0*:(?:0*:)*ffff:(\d+\.\d+\.\d+\.\d+)$)~">().ReplaceFirst(&f.ip,
                                                                          "$1");
  Re<R"~(\;$)~">().ReplaceFirst(&f.by, "");
  for (std::string* text : {&f.ip, &f.rdns, &f.helo, &f.by, &f.ident}) {
    FlagStrippedChars(text);
  }
  Relay relay;
  relay.envfrom = f.envfrom ? CleanEnvfrom(*f.envfrom) : std::string();
  relay.ip_private = Re<R"~({IP_PRIVATE})~">().Find(f.ip);
  relay.ip = std::move(f.ip);
  relay.rdns = std::move(f.rdns);
  relay.helo = std::move(f.helo);
  relay.by = std::move(f.by);
  relay.ident = std::move(f.ident);
  relay.id = std::move(f.id);
  relay.auth = std::move(f.auth);
  return relay;
}

}  // namespace

ReceivedParse ParseReceivedLine(std::string_view value) {
  std::string s(value);
  Re<R"~(\s+)~">().ReplaceAll(&s, " ");
  Re<R"~(^ )~">().ReplaceFirst(&s, "");
  Re<R"~( $)~">().ReplaceFirst(&s, "");
  while (Re<R"~(\s?;$)~">().ReplaceFirst(&s, "")) {
  }

  const auto skip = [](ReceivedSkip why) { return ReceivedParse{why, {}}; };
  Captures m;
  if (!Re<R"~((?i)^\(?from )~">().Find(s)) return skip(ReceivedSkip::kIgnored);
  if (Re<R"~(\bwith local for\b)~">().Find(s)) {
    return skip(ReceivedSkip::kIgnored);
  }
  if (Re<R"~((?i)^from (\S+) by [^\s;]+ ?;)~">().Find(s, &m) &&
      !Re<R"~(^\[[\d.]+\]$)~">().Find(m[1])) {
    return skip(ReceivedSkip::kIgnored);
  }
  // The date at the end.
  Re<R"~([\s;]+(?:(?:Mon|T(?:ue|hu)|Wed|Fri|S(?:at|un)), )?\d+ (?:J(?:an|u[nl])|Feb|Ma[ry]|A(?:pr|ug)|Sep|Oct|Nov|Dec) \d+ \d+:\d+(?::\d+)? \S+$)~">()
      .ReplaceFirst(&s, "");
  Re<R"~(\)by )~">().ReplaceFirst(&s, ") by ");

  Fields f;
  if (Re<R"~( id <?([^\s<>;]{3,}))~">().Find(s, &m)) f.id = m[1];
  if (Re<R"~(\bhelo=([-A-Za-z0-9\.\^+_&:=?!@%*\$\\/]+)(?:[^-A-Za-z0-9\.\^+_&:=?!@%*\$\\/]|$))~">()
          .Find(s, &m) ||
      Re<R"~(\b(?:HELO|EHLO) ([-A-Za-z0-9\.\^+_&:=?!@%*\$\\/]+)(?:[^-A-Za-z0-9\.\^+_&:=?!@%*\$\\/]|$))~">()
          .Find(s, &m)) {
    f.helo = m[1];
  }
  if (Re<R"~( by (\S+)(?:[^-A-Za-z0-9\;\.]|$))~">().Find(s, &m)) f.by = m[1];
  f.auth = FindAuth(s);

  Outcome outcome = Outcome::kFallThrough;
  if (s.starts_with("from ")) {
    s.erase(0, 5);
    outcome = FromClause(s, &f);
  } else if (s.starts_with("FROM ")) {
    s.erase(0, 5);
    // simta, in capitals.
    if (Re<R"~(^(\S+) \((\S+) \[({IP})\]\) BY (\S+) (?:\([^\)]+\) WITH SMTP )?ID <?(\S+?)>?(?: FOR <[^>]+>)?$)~">()
            .Find(s, &m)) {
      f.helo = m[1], f.rdns = m[2], f.ip = m[3], f.by = m[4], f.id = m[5];
      if (f.rdns == "unverified") f.rdns.clear();
      outcome = Outcome::kEnough;
    }
  } else if (s.starts_with("(from ")) {
    s.erase(0, 6);
    if (Re<R"~(^(\S*) \[({IP})\]\) by (\S+) \(NAVGW .*?\) with )~">().Find(
            s, &m)) {
      f.helo = m[1], f.ip = m[2], f.by = m[3];
      outcome = Outcome::kEnough;
    } else if (Re<R"~(^\S+\@localhost\) by \S+ )~">().Find(s) ||
               Re<R"~(^[^\s\@]+\@[^)]+\) by \S+\(jqueuemail\) id [^\s;]+)~">()
                   .Find(s)) {
      outcome = Outcome::kIgnored;
    }
  }

  switch (outcome) {
    case Outcome::kIgnored:
      return skip(ReceivedSkip::kIgnored);
    case Outcome::kMailFetcher:
      return skip(ReceivedSkip::kMailFetcher);
    case Outcome::kQmailScanner:
      return ReceivedParse{ReceivedSkip::kQmailScanner,
                           f.envfrom ? CleanEnvfrom(*f.envfrom) : ""};
    case Outcome::kFallThrough:
      if (f.ip.empty() && Re<R"~(\[({IP})\])~">().Find(s, &m)) f.ip = m[1];
      if (f.ip.empty() || f.by.empty()) {
        return skip(ReceivedSkip::kUnparseable);
      }
      break;
    case Outcome::kEnough:
      break;
  }
  return ReceivedParse{MakeRelay(std::move(f)), {}};
}

}  // namespace inboxsim::sa::detail
