#include "sim/profile/reputation_checks.h"

#include <algorithm>
#include <array>
#include <memory>

#include "sim/core/text.h"
#include "sim/mime/url.h"
#include "sim/scan/pattern_set.h"

namespace inboxsim::profile {
namespace {

using Thresholds = ReputationThresholds;

// Brands phishers put in display names, each with the first labels of the
// registrable domains it really sends from ("paypal" for paypal.com and
// paypal.de). A display name naming a brand from any other domain fires.
struct Brand {
  std::string_view name;  // lower case, as a word or words in the name
  std::array<std::string_view, 6> domains;  // first labels; "" pads
};
constexpr Brand kBrands[] = {
    {"paypal", {"paypal", "paypal-communication"}},
    {"apple", {"apple", "icloud", "me", "mac"}},
    {"icloud", {"apple", "icloud", "me"}},
    {"microsoft",
     {"microsoft", "outlook", "live", "office", "office365", "hotmail"}},
    {"office 365", {"microsoft", "office", "office365", "microsoftonline"}},
    {"outlook", {"microsoft", "outlook", "live", "hotmail"}},
    {"amazon", {"amazon", "amazonses", "amazonaws"}},
    {"netflix", {"netflix"}},
    {"google", {"google", "gmail", "youtube"}},
    {"gmail", {"google", "gmail"}},
    {"facebook", {"facebook", "facebookmail", "meta", "fb"}},
    {"instagram", {"instagram", "facebookmail", "meta"}},
    {"linkedin", {"linkedin"}},
    {"dropbox", {"dropbox", "dropboxmail"}},
    {"docusign", {"docusign"}},
    {"fedex", {"fedex"}},
    {"dhl", {"dhl"}},
    {"usps", {"usps"}},
    {"irs", {"irs"}},
    {"hmrc", {"hmrc", "gov"}},
    {"chase", {"chase", "jpmorgan", "jpmorganchase"}},
    {"wells fargo", {"wellsfargo", "wf"}},
    {"bank of america", {"bankofamerica", "bofa"}},
    {"citibank", {"citibank", "citi"}},
    {"hsbc", {"hsbc"}},
    {"barclays", {"barclays", "barclaycard"}},
    {"american express", {"americanexpress", "aexp", "amex"}},
    {"ebay", {"ebay"}},
    {"walmart", {"walmart"}},
    {"adobe", {"adobe"}},
    {"coinbase", {"coinbase"}},
    {"binance", {"binance"}},
    {"whatsapp", {"whatsapp"}},
    {"steam", {"steampowered", "steamcommunity"}},
};

// Webmail domains: a recipient there shares its domain with millions, so
// "the recipient's domain in the display name" says nothing.
constexpr std::string_view kFreemailLabels[] = {
    "gmail", "googlemail", "yahoo",  "hotmail",    "outlook", "live",
    "msn",   "aol",        "icloud", "me",         "mac",     "gmx",
    "web",   "mail",       "proton", "protonmail", "yandex",  "zoho"};

constexpr std::string_view kShorteners[] = {
    "bit.ly",      "bitly.com",   "tinyurl.com", "goo.gl",       "t.co",
    "ow.ly",       "is.gd",       "buff.ly",     "rebrand.ly",   "cutt.ly",
    "shorturl.at", "tiny.cc",     "rb.gy",       "bit.do",       "t.ly",
    "v.gd",        "s.id",        "lnkd.in",     "soo.gd",       "shorte.st",
    "adf.ly",      "bl.ink",      "qr.ae",       "trib.al",      "tr.im",
    "snip.ly",     "clck.ru",     "u.to",        "x.co",         "su.pr",
    "mcaf.ee",     "po.st",       "t2m.io",      "shorturl.com", "urlzs.com",
    "1url.com",    "hyperurl.co", "tiny.one",    "short.gy",     "kutt.it"};

// Header names (lower-case prefixes) bulk senders and ESPs add.
constexpr std::string_view kBulkHeaderPrefixes[] = {
    "x-campaign",   "x-mailgun-",  "x-ses-",           "x-mc-user",
    "x-sg-eid",     "feedback-id", "x-csa-complaints", "x-mailer-recptid",
    "x-listmember", "x-mailchimp", "x-rpcampaign",     "x-emarsys",
    "x-mktomail"};

// Postal-address shapes: a street number and street word, a PO box, a US
// state and ZIP, UK, Canadian and Dutch postcodes, a European street with
// its number. Looked for in the footer only; compiled once per process.
const std::vector<scan::PatternSpec>& PostalPatterns() {
  static const std::vector<scan::PatternSpec> patterns = {
      {R"(\b\d{1,6}[ ,]{1,2}(?:[A-Za-z0-9.'-]+ ){0,4}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl|suite|ste|parkway|pkwy|highway|hwy|square|sq|terrace|circle|cir)\b)",
       "i", 0},
      {R"(\b(?:p\.?\s?o\.?\s?box|post\s+office\s+box|postfach|bo[iî]te\s+postale|apartado(?:\s+postal)?|casilla)\s*#?\s*\d+)",
       "i", 0},
      {R"(\b(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY]),?\s+\d{5}(?:-\d{4})?\b)",
       "", 0},
      {R"(\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b)", "", 0},  // UK
      {R"(\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b)", "", 0},          // Canada
      {R"(\b\d{4}\s?[A-Z]{2}\b\s+[A-Z][a-z]+)", "", 0},    // Netherlands
      {R"(\b[A-Za-z\x{80}-\x{ff}.-]+(?:stra(?:ss|ß)e|str\.|weg|gasse|platz|allee|ring|laan|straat|gade|gatan|vej|via|calle|rue|avenida)\s+\d{1,5}\b)",
       "i", 0},
      {R"(\b(?:rue|via|calle|avenida|avenue|boulevard|chemin|piazza|plaza|carrer)\s+(?:de\s+|du\s+|des\s+|della\s+|del\s+)?[A-Za-z\x{80}-\x{ff}'-]+[\s,]+\d{1,5}\b)",
       "i", 0},
      {R"(\b\d{1,5}(?:\s?(?:bis|ter))?,?\s(?:rue|avenue|boulevard|bd|chemin|all[ée]e|place|impasse|quai|cours|via|viale|calle|carrer)\s)",
       "i", 0},  // "12 rue de la Paix"
      {R"((?:^|[,\n]\s?)\d{5}\s+[A-Z][a-z\x{80}-\x{ff}]{2,}(?:[ -][A-Z][a-z]+)?\s*(?:$|[,\n]))",
       "m", 0},  // "75001 Paris", "10115 Berlin" on a line or after a comma
  };
  return patterns;
}

// Compiled on first use (PrepareReputationSignals() at profile load), and
// cached on disk like the rules' databases.
const Result<scan::PatternSet>& PostalPatternSet() {
  static const Result<scan::PatternSet> set =
      scan::PatternSet::Compile(PostalPatterns(), scan::CompileOptions{});
  return set;
}

bool HasPostalAddress(std::string_view footer) {
  // Should the patterns not compile (out of memory), the signal must not
  // fire on every bulk message: no address check means no finding.
  const Result<scan::PatternSet>& set = PostalPatternSet();
  if (!set.ok()) return true;
  thread_local std::unique_ptr<scan::PatternSet::Scratch> scratch;
  if (scratch == nullptr) scratch = set->MakeScratch();
  if (scratch == nullptr) return true;
  scan::HitSet hits(1);
  scan::ScanCounters counters;
  set->Match(footer, *scratch, &hits, &counters);
  return hits.test(0);
}

bool ContainsWord(std::string_view text, std::string_view word) {
  for (size_t at = FindIgnoreCase(text, word); at != std::string_view::npos;
       at = FindIgnoreCase(text, word, at + 1)) {
    const bool starts = at == 0 || !IsAlnumAscii(text[at - 1]);
    const size_t end = at + word.size();
    const bool ends = end == text.size() || !IsAlnumAscii(text[end]);
    if (starts && ends) return true;
  }
  return false;
}

std::string_view FirstLabel(std::string_view domain) {
  return domain.substr(0, domain.find('.'));
}

// A discussion list (Mailman, listserv, Google Groups): bulk by the
// headers, but people writing to people; no footer duties apply.
bool IsDiscussionList(const mime::HeaderList& headers) {
  return headers.Find("List-Post") != nullptr ||
         headers.Find("List-Archive") != nullptr ||
         headers.Find("X-Mailman-Version") != nullptr ||
         headers.Find("X-BeenThere") != nullptr;
}

// Commercial-looking bulk mail: bulk markers or a link-heavy HTML body,
// and no discussion list.
std::optional<std::string> BulkMarkerReason(const mime::Message& message) {
  if (IsDiscussionList(message.headers())) return std::nullopt;
  if (auto marker = BulkMarker(message.headers())) return marker;
  if (message.html.links.size() >= static_cast<size_t>(Thresholds::kBulkLinks))
    return "HTML with " + std::to_string(message.html.links.size()) + " links";
  return std::nullopt;
}

bool MentionsUnsubscribe(const mime::Message& message) {
  constexpr std::string_view kWords[] = {
      "unsubscribe", "opt-out",    "opt out",        "optout",
      "abmelden",    "désabonner", "desinscribirse", "uitschrijven"};
  for (std::string_view word : kWords) {
    if (FindIgnoreCase(message.body_text, word) != std::string_view::npos)
      return true;
    for (const mime::Url& url : message.urls) {
      if (FindIgnoreCase(url.url, word) != std::string_view::npos) return true;
    }
  }
  return false;
}

std::optional<std::string> NoUnsubscribe(const mime::Message& message) {
  std::optional<std::string> bulk = BulkMarkerReason(message);
  if (!bulk || message.headers().Find("List-Unsubscribe") != nullptr ||
      MentionsUnsubscribe(message)) {
    return std::nullopt;
  }
  return "bulk-looking mail (" + *bulk +
         ") with no List-Unsubscribe header and no unsubscribe link";
}

std::optional<std::string> NoPostalAddress(const mime::Message& message) {
  std::optional<std::string> bulk = BulkMarkerReason(message);
  if (!bulk) return std::nullopt;
  std::string_view text = message.body_text;
  if (text.size() > Thresholds::kFooterBytes)
    text = text.substr(text.size() - Thresholds::kFooterBytes);
  if (HasPostalAddress(text)) return std::nullopt;
  return "bulk-looking mail (" + *bulk +
         ") with no postal address in its last " +
         std::to_string(Thresholds::kFooterBytes) + " characters";
}

std::optional<std::string> ImageTextRatio(const mime::Message& message) {
  size_t images = static_cast<size_t>(message.html.image_count);
  for (const mime::Attachment& attachment : message.attachments) {
    if (attachment.is_inline &&
        StartsWithIgnoreCase(attachment.content_type, "image/"))
      ++images;
  }
  if (images == 0) return std::nullopt;
  const size_t text = message.body_text.size();
  if (text >= images * Thresholds::kTextPerImage) return std::nullopt;
  return std::to_string(images) + (images == 1 ? " image" : " images") +
         " and " + std::to_string(text) + " characters of text (under " +
         std::to_string(Thresholds::kTextPerImage) + " per image)";
}

std::optional<std::string> LinkTextMismatch(const mime::Message& message) {
  for (const mime::HtmlLink& link : message.html.links) {
    const std::string named = HostNamedByText(link.text);
    if (named.empty()) continue;
    const std::optional<mime::Url> target =
        mime::ParseUrl(link.href, mime::UrlSource::kHtmlHref);
    if (!target || (target->scheme != "http" && target->scheme != "https"))
      continue;
    const std::string named_domain = mime::RegistrableDomain(named);
    if (named_domain != target->registrable_domain) {
      return "link text names " + named_domain + " but goes to " +
             target->registrable_domain;
    }
  }
  return std::nullopt;
}

std::optional<std::string> DisplayNameSpoof(const mime::Message& message) {
  const std::optional<mime::Address>& from = message.sender.from;
  if (!from || from->display_name.empty() || from->domain.empty())
    return std::nullopt;
  const std::string& name = from->display_name;
  const std::string from_domain = mime::RegistrableDomain(from->domain);
  // An address in the display name that is not the sender's.
  if (const size_t at = name.find('@'); at != std::string::npos) {
    size_t end = at + 1;
    while (end < name.size() &&
           (IsAlnumAscii(name[end]) || name[end] == '.' || name[end] == '-'))
      ++end;
    std::string shown = ToLowerAscii(name.substr(at + 1, end - at - 1));
    while (!shown.empty() && shown.back() == '.') shown.pop_back();
    if (shown.find('.') != std::string::npos &&
        mime::RegistrableDomain(shown) != from_domain) {
      return "display name shows an address at " + shown + ", sent from " +
             from->domain;
    }
  }
  const std::string_view from_label = FirstLabel(from_domain);
  for (const Brand& brand : kBrands) {
    if (!ContainsWord(name, brand.name)) continue;
    const bool genuine = std::find(brand.domains.begin(), brand.domains.end(),
                                   from_label) != brand.domains.end();
    if (!genuine) {
      return "display name \"" + name + "\" names " + std::string(brand.name) +
             ", sent from " + from->domain;
    }
  }
  // The recipient's own organisation, from outside it.
  for (const mime::Address& to :
       mime::ParseAddressList(message.headers().Value("To"))) {
    if (to.domain.empty()) continue;
    const std::string to_domain = mime::RegistrableDomain(to.domain);
    const std::string_view label = FirstLabel(to_domain);
    const bool freemail =
        std::find(std::begin(kFreemailLabels), std::end(kFreemailLabels),
                  label) != std::end(kFreemailLabels);
    if (label.size() >= 4 && !freemail && to_domain != from_domain &&
        ContainsWord(name, label)) {
      return "display name \"" + name + "\" names the recipient's domain " +
             to_domain + ", sent from " + from->domain;
    }
  }
  return std::nullopt;
}

std::optional<std::string> UrlShortener(const mime::Message& message) {
  for (const mime::Url& url : message.urls) {
    if (IsUrlShortener(url.host))
      return "link through URL shortener " + url.host + " (" + url.url + ")";
  }
  return std::nullopt;
}

std::optional<std::string> SubjectCaps(const mime::Message& message) {
  const std::string_view subject = message.headers().Value("Subject");
  int letters = 0, upper = 0;
  for (char c : subject) {
    if (!IsAlphaAscii(c)) continue;
    ++letters;
    upper += c >= 'A' && c <= 'Z';
  }
  if (letters < Thresholds::kCapsMinLetters ||
      upper < Thresholds::kCapsShare * letters)
    return std::nullopt;
  return "subject is " + std::to_string(upper * 100 / letters) + "% capitals";
}

std::optional<std::string> SubjectPunctuation(const mime::Message& message) {
  const std::string_view subject = message.headers().Value("Subject");
  constexpr std::string_view kMarks = "!?$*#%";
  size_t run_start = 0;
  int run = 0;
  for (size_t i = 0; i < subject.size(); ++i) {
    if (kMarks.find(subject[i]) == std::string_view::npos) {
      run = 0;
      continue;
    }
    if (run++ == 0) run_start = i;
    if (run == Thresholds::kPunctuationRun) {
      size_t end = i + 1;
      while (end < subject.size() &&
             kMarks.find(subject[end]) != std::string_view::npos)
        ++end;
      return "subject has \"" +
             std::string(subject.substr(run_start, end - run_start)) + "\"";
    }
  }
  return std::nullopt;
}

std::optional<std::string> BulkWithoutListHeaders(
    const mime::Message& message) {
  const mime::HeaderList& headers = message.headers();
  if (headers.Find("List-Id") != nullptr ||
      headers.Find("List-Unsubscribe") != nullptr)
    return std::nullopt;
  std::optional<std::string> marker = BulkMarker(headers);
  if (!marker) return std::nullopt;
  return *marker + " without List-Id or List-Unsubscribe";
}

}  // namespace

void PrepareReputationSignals() { PostalPatternSet(); }

std::optional<CheckKind> ParseReputationSignal(std::string_view key) {
  constexpr CheckKind kKinds[] = {
      CheckKind::kNoUnsubscribe,         CheckKind::kNoPostalAddress,
      CheckKind::kImageTextRatio,        CheckKind::kLinkTextMismatch,
      CheckKind::kDisplayNameSpoof,      CheckKind::kUrlShortener,
      CheckKind::kSubjectCaps,           CheckKind::kSubjectPunctuation,
      CheckKind::kBulkWithoutListHeaders};
  static_assert(std::size(kKinds) == std::size(kReputationSignalKeys));
  for (size_t i = 0; i < std::size(kKinds); ++i) {
    if (key == kReputationSignalKeys[i]) return kKinds[i];
  }
  return std::nullopt;
}

std::string ReputationSignalId(CheckKind check) {
  for (std::string_view key : kReputationSignalKeys) {
    if (ParseReputationSignal(key) == check) return "REP_" + ToUpperAscii(key);
  }
  return "";
}

std::string ReputationSignalDescription(CheckKind check) {
  switch (check) {
    case CheckKind::kNoUnsubscribe:
      return "Bulk-looking mail without List-Unsubscribe or an unsubscribe "
             "link";
    case CheckKind::kNoPostalAddress:
      return "Bulk-looking mail without a postal address in the footer";
    case CheckKind::kImageTextRatio:
      return "Images with little text (under " +
             std::to_string(Thresholds::kTextPerImage) +
             " characters per image)";
    case CheckKind::kLinkTextMismatch:
      return "Link text names one domain, the link goes to another";
    case CheckKind::kDisplayNameSpoof:
      return "Display name names a brand, an address or the recipient's "
             "domain the sender is not";
    case CheckKind::kUrlShortener:
      return "Links through a URL shortener";
    case CheckKind::kSubjectCaps:
      return "Subject mostly in capitals";
    case CheckKind::kSubjectPunctuation:
      return "Subject with a run of ! ? $ * # %";
    case CheckKind::kBulkWithoutListHeaders:
      return "Bulk-mail headers without List-Id or List-Unsubscribe";
    default:
      return "";
  }
}

std::optional<std::string> ReputationSignalReason(
    CheckKind check, const mime::Message& message) {
  switch (check) {
    case CheckKind::kNoUnsubscribe:
      return NoUnsubscribe(message);
    case CheckKind::kNoPostalAddress:
      return NoPostalAddress(message);
    case CheckKind::kImageTextRatio:
      return ImageTextRatio(message);
    case CheckKind::kLinkTextMismatch:
      return LinkTextMismatch(message);
    case CheckKind::kDisplayNameSpoof:
      return DisplayNameSpoof(message);
    case CheckKind::kUrlShortener:
      return UrlShortener(message);
    case CheckKind::kSubjectCaps:
      return SubjectCaps(message);
    case CheckKind::kSubjectPunctuation:
      return SubjectPunctuation(message);
    case CheckKind::kBulkWithoutListHeaders:
      return BulkWithoutListHeaders(message);
    default:
      return std::nullopt;
  }
}

std::optional<std::string> BulkMarker(const mime::HeaderList& headers) {
  const std::string_view precedence = TrimAscii(headers.Value("Precedence"));
  if (EqualsIgnoreCase(precedence, "bulk") ||
      EqualsIgnoreCase(precedence, "list") ||
      EqualsIgnoreCase(precedence, "junk")) {
    return "Precedence: " + ToLowerAscii(precedence);
  }
  for (const mime::HeaderField& field : headers.fields()) {
    for (std::string_view prefix : kBulkHeaderPrefixes) {
      if (StartsWithIgnoreCase(field.name, prefix))
        return std::string(field.name) + " header";
    }
  }
  if (headers.Find("List-Id") != nullptr) return "List-Id header";
  if (headers.Find("List-Unsubscribe") != nullptr)
    return "List-Unsubscribe header";
  return std::nullopt;
}

std::string HostNamedByText(std::string_view link_text) {
  std::string_view text = TrimAscii(link_text);
  std::vector<std::string> found;
  mime::FindUrlsInText(text, &found);
  if (found.empty()) {
    // A bare host as the whole text: "paypal.com", "secure.paypal.com/login".
    const size_t end = text.find_first_of("/ ");
    const std::string_view host = text.substr(0, end);
    if (end != std::string_view::npos && text[end] == ' ') return "";
    const size_t dot = host.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || host.size() - dot < 3)
      return "";
    for (char c : host) {
      if (!IsAlnumAscii(c) && c != '.' && c != '-') return "";
    }
    for (size_t i = dot + 1; i < host.size(); ++i) {
      if (!IsAlphaAscii(host[i])) return "";  // "1.5" or "v2.0" is no host
    }
    found.emplace_back(host);
  }
  const std::optional<mime::Url> url =
      mime::ParseUrl(found.front(), mime::UrlSource::kText);
  if (!url || url->scheme == "mailto") return "";
  return url->host;
}

bool IsUrlShortener(std::string_view host) {
  return std::find(std::begin(kShorteners), std::end(kShorteners), host) !=
         std::end(kShorteners);
}

}  // namespace inboxsim::profile
