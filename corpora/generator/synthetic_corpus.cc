#include "corpora/generator/synthetic_corpus.h"

#include <string_view>
#include <vector>

#include "corpora/generator/attachments.h"
#include "corpora/generator/deterministic_rng.h"
#include "corpora/generator/document.h"
#include "corpora/generator/message_content.h"
#include "corpora/generator/mime_encoders.h"
#include "corpora/generator/network_names.h"
#include "corpora/generator/received_chain.h"
#include "corpora/generator/text_composer.h"
#include "corpora/generator/word_lists.h"

namespace inboxsim::gen {
namespace {

using detail::Attachment;
using detail::BlockKind;
using detail::Charset;
using detail::ContentKind;
using detail::Document;
using detail::Rng;

// Weights below are shares in percent-ish units; they shape the corpus the
// way a typical mixed mailbox looks, not any particular data set.
constexpr ContentKind kHamKinds[] = {
    ContentKind::kPersonal, ContentKind::kWork, ContentKind::kNewsletter,
    ContentKind::kReceipt, ContentKind::kMailingList};
constexpr int kHamKindWeights[] = {22, 30, 18, 10, 20};
constexpr ContentKind kSpamKinds[] = {
    ContentKind::kOffer, ContentKind::kPharma, ContentKind::kFinance,
    ContentKind::kPhishing, ContentKind::kLottery};
constexpr int kSpamKindWeights[] = {28, 15, 17, 25, 15};

// Indexed like detail::Charset.
constexpr int kHamCharsetWeights[] = {30, 40, 12, 8, 5, 5};
constexpr int kSpamCharsetWeights[] = {25, 45, 8, 12, 3, 7};

enum class Structure {
  kPlain,        // text/plain
  kHtmlOnly,     // text/html
  kAlternative,  // multipart/alternative: plain + html
  kMixed,        // multipart/mixed: plain + attachments
  kNested,       // multipart/mixed > multipart/alternative + attachments
  kRelated,      // (alternative >) multipart/related: html + cid images
  kForward,      // multipart/mixed: note + message/rfc822
};
constexpr int kHamStructureWeights[] = {38, 2, 28, 11, 8, 7, 6};
constexpr int kSpamStructureWeights[] = {22, 12, 30, 12, 8, 14, 2};

enum class Cte { k7bit, k8bit, kQuotedPrintable, kBase64 };

constexpr double kReplyShare = 0.35;
constexpr double kIpv6Share = 0.08;
constexpr double kAuthResultsShare = 0.4;
constexpr double kReceivedSpfShare = 0.25;
constexpr double kXMailerShare = 0.6;
constexpr double kFreemailPersonalShare = 0.7;
constexpr double kSpamReplyToShare = 0.4;
constexpr double kHamReplyToShare = 0.05;
constexpr double kSpamEncodedSubjectShare = 0.12;
constexpr double kLatin1EncodingShare = 0.4;
constexpr double kCcShare = 0.15;
constexpr double kPrecedenceBulkShare = 0.5;
constexpr double kSpamListHeadersShare = 0.3;
constexpr double kSpamFreemailShare = 0.25;
constexpr double kMultipleAttachmentsShare = 0.2;
constexpr int kMaxCc = 3;
constexpr int kMaxInlineImages = 3;
constexpr size_t kTypicalMessageBytes = 8192;

std::string_view CteName(Cte cte) {
  switch (cte) {
    case Cte::k7bit:
      return "7bit";
    case Cte::k8bit:
      return "8bit";
    case Cte::kQuotedPrintable:
      return "quoted-printable";
    case Cte::kBase64:
      return "base64";
  }
  return "7bit";
}

// 7bit only for ASCII text; 8-bit charsets go 8bit, QP or base64. HTML is
// more often QP, as bulk mailers send it.
Cte ChooseTextCte(Rng& rng, Charset charset, bool html) {
  if (charset == Charset::kUsAscii) {
    constexpr int kAsciiWeights[] = {70, 0, 20, 10};
    constexpr int kAsciiHtmlWeights[] = {45, 0, 45, 10};
    return static_cast<Cte>(
        rng.PickWeighted(html ? kAsciiHtmlWeights : kAsciiWeights));
  }
  constexpr int kWeights[] = {0, 40, 40, 20};
  constexpr int kHtmlWeights[] = {0, 20, 60, 20};
  return static_cast<Cte>(rng.PickWeighted(html ? kHtmlWeights : kWeights));
}

// Lower-case ASCII letters and digits of `name`: a mailbox local part.
std::string LocalPart(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z')
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out.push_back(c);
  }
  return out.empty() ? "user" : out;
}

std::string PersonalAddress(Rng& rng, std::string_view first,
                            std::string_view last, std::string_view domain) {
  const std::string f = LocalPart(first);
  const std::string l = LocalPart(last);
  std::string out;
  switch (rng.Below(5)) {
    case 0:
      out = f + "." + l;
      break;
    case 1:
      out = f + l;
      break;
    case 2:
      out = f.substr(0, 1) + l;
      break;
    case 3:
      out = f + "_" + l;
      break;
    default:
      out = f + std::to_string(rng.Uniform(1, 99));
      break;
  }
  return out + "@" + std::string(domain);
}

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// A header value holding UTF-8 `text`: as is when ASCII, otherwise RFC 2047
// encoded in ISO-8859-1 when it fits (sometimes) or UTF-8, B or Q.
std::string EncodeHeaderText(Rng& rng, std::string_view text, bool force) {
  if (IsAscii(text) && !force) return std::string(text);
  const Charset charset = detail::IsRepresentable(text, Charset::kIso88591) &&
                                  rng.Bernoulli(kLatin1EncodingShare)
                              ? Charset::kIso88591
                              : Charset::kUtf8;
  const auto kind = rng.Bernoulli(0.5) ? detail::EncodedWordKind::kBase64
                                       : detail::EncodedWordKind::kQ;
  return detail::EncodeWord(detail::TranscodeFromUtf8(text, charset), charset,
                            kind);
}

// "Name <address>", quoting or encoding the display name as needed.
std::string Mailbox(Rng& rng, std::string_view display_name,
                    std::string_view address) {
  std::string out;
  if (!display_name.empty()) {
    if (!IsAscii(display_name)) {
      out = EncodeHeaderText(rng, display_name, false);
    } else {
      bool plain = true;
      for (char c : display_name) {
        if (!(c == ' ' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9'))) {
          plain = false;
        }
      }
      out = plain ? std::string(display_name)
                  : "\"" + std::string(display_name) + "\"";
    }
    out.push_back(' ');
  }
  out.append("<").append(address).append(">");
  return out;
}

struct Party {
  std::string display_name;  // UTF-8
  std::string address;
};

// Everything decided about one message before its bytes are written.
struct Plan {
  bool is_spam = false;
  bool with_triggers = false;
  ContentKind kind = ContentKind::kPersonal;
  Charset charset = Charset::kUsAscii;
  Structure structure = Structure::kPlain;
  Party from;
  Party to;
  std::string company;
  std::string from_domain;
  std::string web_domain;
  std::string bounce_address;
  std::string reply_to;
  std::string sender_header;  // Sender:, for mailing lists
  std::string list_name;
  int64_t sent_utc = 0;
  int zone_minutes = 0;
};

class MessageWriter {
 public:
  MessageWriter(const SyntheticCorpusOptions& options, Rng& rng)
      : options_(options), rng_(rng) {}

  // Writes a whole message into `out`; `nested` messages (inside
  // message/rfc822) get no trace headers or label.
  void Write(Plan& plan, bool nested, std::string& out, SyntheticMessage* top);

 private:
  void PlanParties(Plan& plan, detail::TextComposer& composer);
  void WriteBody(const Plan& plan, const detail::Content& content,
                 bool html_devices, std::string& out);
  void AppendText(const Plan& plan, const Document& doc, bool html,
                  std::string_view title, bool html_devices, std::string& out);
  void AppendAttachment(const Attachment& attachment, std::string& out);
  void AppendInlineImage(const Attachment& image, std::string_view cid,
                         std::string& out);
  std::string OpenMultipart(std::string_view subtype, std::string_view extra,
                            std::string& out);
  static void Delimit(std::string_view boundary, bool close, std::string& out);
  void AppendRelated(const Plan& plan, Document doc, std::string_view title,
                     bool html_devices, std::string& out);
  void AppendForwarded(const Plan& outer, std::string& out);

  const SyntheticCorpusOptions& options_;
  Rng& rng_;
  int boundary_serial_ = 0;
};

void MessageWriter::PlanParties(Plan& plan, detail::TextComposer& composer) {
  const std::string first(composer.FirstName());
  const std::string last(composer.LastName());
  const std::string full = first + " " + last;
  switch (plan.kind) {
    case ContentKind::kPersonal: {
      const std::string domain =
          rng_.Bernoulli(kFreemailPersonalShare)
              ? std::string(rng_.Pick(detail::kFreemailDomains))
              : plan.from_domain;
      plan.from_domain = domain;
      plan.from = {full, PersonalAddress(rng_, first, last, domain)};
      plan.bounce_address = plan.from.address;
      break;
    }
    case ContentKind::kWork:
      plan.from = {full, PersonalAddress(rng_, first, last, plan.from_domain)};
      plan.bounce_address = plan.from.address;
      break;
    case ContentKind::kMailingList: {
      plan.from = {full, PersonalAddress(rng_, first, last,
                                         rng_.Pick(detail::kFreemailDomains))};
      plan.list_name = LocalPart(rng_.Pick(detail::kTechTerms)) + "-" +
                       (rng_.Bernoulli(0.5) ? "devel" : "users");
      const std::string list_host = "lists." + plan.web_domain;
      plan.bounce_address = plan.list_name + "-bounces@" + list_host;
      plan.sender_header = plan.bounce_address;
      break;
    }
    case ContentKind::kNewsletter:
    case ContentKind::kReceipt: {
      const std::string_view role = plan.kind == ContentKind::kReceipt
                                        ? "orders"
                                        : rng_.Pick(detail::kMailboxWords);
      plan.from_domain = (rng_.Bernoulli(0.5) ? "mail." : "") + plan.web_domain;
      plan.from = {plan.company, std::string(role) + "@" + plan.from_domain};
      // VERP bounce addresses identify the recipient of a bounced copy.
      plan.bounce_address =
          "bounces+" + detail::RandomToken(rng_, detail::kHexAlphabet, 12) +
          "@em." + plan.web_domain;
      break;
    }
    case ContentKind::kPhishing:
      plan.from = {
          plan.company + (rng_.Bernoulli(0.5) ? " Security" : " Support"),
          std::string(rng_.Bernoulli(0.5) ? "security" : "no-reply") + "@" +
              plan.from_domain};
      plan.bounce_address = LocalPart(first) + "@" + plan.from_domain;
      break;
    default: {  // bulk spam and lottery
      const bool freemail = rng_.Bernoulli(kSpamFreemailShare);
      if (freemail) plan.from_domain = rng_.Pick(detail::kFreemailDomains);
      plan.from = {rng_.Bernoulli(0.5) ? full : plan.company,
                   PersonalAddress(rng_, first, last, plan.from_domain)};
      plan.bounce_address =
          detail::RandomToken(rng_, detail::kHexAlphabet, 10) + "@" +
          plan.from_domain;
      break;
    }
  }
  if (rng_.Bernoulli(plan.is_spam ? kSpamReplyToShare : kHamReplyToShare)) {
    plan.reply_to =
        PersonalAddress(rng_, first, last, rng_.Pick(detail::kFreemailDomains));
  }
  const std::string to_first(composer.FirstName());
  const std::string to_last(composer.LastName());
  plan.to = {to_first + " " + to_last,
             PersonalAddress(rng_, to_first, to_last,
                             rng_.Pick(detail::kRecipientDomains))};
}

void MessageWriter::Write(Plan& plan, bool nested, std::string& out,
                          SyntheticMessage* top) {
  plan.kind = plan.is_spam ? kSpamKinds[rng_.PickWeighted(kSpamKindWeights)]
                           : kHamKinds[rng_.PickWeighted(kHamKindWeights)];
  plan.charset = static_cast<Charset>(rng_.PickWeighted(
      plan.is_spam ? kSpamCharsetWeights : kHamCharsetWeights));
  plan.structure = static_cast<Structure>(rng_.PickWeighted(
      plan.is_spam ? kSpamStructureWeights : kHamStructureWeights));
  // People forward mail, bulk senders do not; and forwards do not nest.
  const bool can_forward = plan.is_spam ||
                           plan.kind == ContentKind::kPersonal ||
                           plan.kind == ContentKind::kWork;
  if (plan.structure == Structure::kForward && (nested || !can_forward)) {
    plan.structure = nested ? Structure::kPlain : Structure::kMixed;
  }
  const uint64_t company_id = rng_.Below(detail::kHamDomainPoolSize);
  plan.company = detail::CompanyName(company_id);
  const std::string brand_domain = detail::HamDomain(company_id);
  if (plan.is_spam) {
    plan.from_domain = detail::SpamDomain(rng_);
    plan.web_domain = detail::SpamDomain(rng_);
  } else {
    plan.from_domain = brand_domain;
    plan.web_domain = brand_domain;
  }
  detail::TextComposer composer(
      rng_, plan.charset, plan.company,
      plan.is_spam ? detail::kTriggerPhrases : detail::kHamTriggerPhrases);
  PlanParties(plan, composer);

  // What the message says.
  detail::ContentRequest request;
  request.kind = plan.kind;
  request.is_spam = plan.is_spam;
  request.with_triggers = plan.with_triggers;
  request.is_reply =
      (plan.kind == ContentKind::kWork || plan.kind == ContentKind::kPersonal ||
       plan.kind == ContentKind::kMailingList) &&
      rng_.Bernoulli(kReplyShare);
  request.html_devices = plan.is_spam;
  const std::string quoted_first(composer.FirstName());
  request.sender_name = plan.from.display_name;
  request.recipient_name =
      plan.to.display_name.substr(0, plan.to.display_name.find(' '));
  request.sender_address = PersonalAddress(
      rng_, quoted_first, composer.LastName(), plan.from_domain);
  request.web_domain = plan.web_domain;
  request.brand_domain = brand_domain;
  request.list_name = plan.list_name;
  request.quoted_date = detail::FormatRfc5322Date(
      plan.sent_utc - rng_.Uniform(600, 400000), plan.zone_minutes);
  request.postal_address = detail::PostalAddress(rng_, plan.company);
  request.unsubscribe_url =
      detail::MakeUrl(rng_, plan.web_domain, detail::UrlStyle::kTracked);
  detail::Content content = detail::ComposeContent(request, composer);
  if (plan.structure == Structure::kForward)
    content.subject = "Fwd: " + content.subject;

  const std::string recipient_domain =
      plan.to.address.substr(plan.to.address.find('@') + 1);
  if (!nested) {
    out.append("Return-Path: <").append(plan.bounce_address).append(">\n");
    detail::TraceRequest trace;
    trace.hops = rng_.Uniform(1, detail::kMaxReceivedHops);
    trace.sent_utc = plan.sent_utc;
    trace.sender_zone_minutes = plan.zone_minutes;
    trace.sender_host =
        std::string(rng_.Pick(detail::kMtaHostPrefixes)) + "." +
        plan.bounce_address.substr(plan.bounce_address.find('@') + 1);
    trace.sender_domain =
        plan.bounce_address.substr(plan.bounce_address.find('@') + 1);
    trace.envelope_sender = plan.bounce_address;
    trace.recipient = plan.to.address;
    trace.recipient_domain = recipient_domain;
    trace.is_spam = plan.is_spam;
    trace.ipv6_share = kIpv6Share;
    trace.auth_results_share = kAuthResultsShare;
    trace.received_spf_share = kReceivedSpfShare;
    const detail::TraceHeaders trace_headers =
        detail::MakeTraceHeaders(rng_, trace);
    out.append(trace_headers.text);
    top->envelope_sender = plan.bounce_address;
    top->envelope_date = detail::FormatAsctime(trace_headers.delivered_utc);
  }
  out.append("Date: ")
      .append(detail::FormatRfc5322Date(plan.sent_utc, plan.zone_minutes))
      .append("\n");
  out.append("From: ")
      .append(Mailbox(rng_, plan.from.display_name, plan.from.address))
      .append("\n");
  if (!plan.sender_header.empty())
    out.append("Sender: ").append(plan.sender_header).append("\n");
  if (!plan.reply_to.empty())
    out.append("Reply-To: ").append(plan.reply_to).append("\n");
  if (plan.kind == ContentKind::kMailingList) {
    out.append("To: ")
        .append(plan.list_name)
        .append("@lists.")
        .append(plan.web_domain)
        .append("\n");
  } else {
    out.append("To: ")
        .append(Mailbox(rng_, plan.to.display_name, plan.to.address))
        .append("\n");
  }
  if (!plan.is_spam && rng_.Bernoulli(kCcShare)) {
    out.append("Cc: ");
    const int cc = rng_.Uniform(1, kMaxCc);
    for (int i = 0; i < cc; ++i) {
      if (i > 0) out.append(",\n ");
      const std::string first(composer.FirstName());
      const std::string last(composer.LastName());
      out.append(Mailbox(rng_, first + " " + last,
                         PersonalAddress(rng_, first, last, recipient_domain)));
    }
    out.append("\n");
  }
  const bool force_encoding =
      plan.is_spam && rng_.Bernoulli(kSpamEncodedSubjectShare);
  out.append("Subject: ")
      .append(EncodeHeaderText(rng_, content.subject, force_encoding))
      .append("\n");
  out.append("Message-ID: ")
      .append(detail::MessageId(rng_, plan.from_domain))
      .append("\n");
  if (request.is_reply) {
    const std::string parent = detail::MessageId(rng_, plan.from_domain);
    out.append("In-Reply-To: ")
        .append(parent)
        .append("\nReferences: ")
        .append(parent)
        .append("\n");
  }
  out.append("MIME-Version: 1.0\n");
  if (rng_.Bernoulli(kXMailerShare))
    out.append("X-Mailer: ").append(rng_.Pick(detail::kXMailers)).append("\n");
  if (plan.kind == ContentKind::kMailingList) {
    const std::string list_host = "lists." + plan.web_domain;
    out.append("List-Id: <")
        .append(plan.list_name)
        .append(".")
        .append(list_host)
        .append(">\n");
    out.append("List-Unsubscribe: <https://")
        .append(list_host)
        .append("/mailman/options/");
    out.append(plan.list_name).append(">,\n <mailto:").append(plan.list_name);
    out.append("-request@").append(list_host).append("?subject=unsubscribe>\n");
    out.append("List-Post: <mailto:")
        .append(plan.list_name)
        .append("@")
        .append(list_host)
        .append(">\n");
    out.append("Precedence: list\n");
  } else if (detail::IsBulkKind(plan.kind) &&
             (!plan.is_spam || rng_.Bernoulli(kSpamListHeadersShare))) {
    out.append("List-Id: ")
        .append(plan.company)
        .append(" <news.")
        .append(plan.web_domain)
        .append(">\n");
    out.append("List-Unsubscribe: <")
        .append(request.unsubscribe_url)
        .append(">,\n <mailto:unsubscribe@");
    out.append(plan.web_domain).append(">\n");
    out.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click\n");
    if (rng_.Bernoulli(kPrecedenceBulkShare)) out.append("Precedence: bulk\n");
  }
  if (!nested && options_.label_header) {
    out.append("X-Inboxsim-Label: ")
        .append(plan.is_spam ? "spam" : "ham")
        .append("\n");
  }
  WriteBody(plan, content, request.html_devices, out);
}

std::string MessageWriter::OpenMultipart(std::string_view subtype,
                                         std::string_view extra,
                                         std::string& out) {
  std::string boundary = detail::MimeBoundary(rng_, ++boundary_serial_);
  out.append("Content-Type: multipart/").append(subtype).append(";");
  if (!extra.empty()) out.append(" ").append(extra).append(";");
  out.append("\n\tboundary=\"").append(boundary).append("\"\n\n");
  if (rng_.Bernoulli(0.5))
    out.append("This is a multi-part message in MIME format.\n\n");
  return boundary;
}

void MessageWriter::Delimit(std::string_view boundary, bool close,
                            std::string& out) {
  if (out.back() != '\n') out.push_back('\n');
  out.append("--").append(boundary).append(close ? "--\n" : "\n");
}

void MessageWriter::AppendText(const Plan& plan, const Document& doc, bool html,
                               std::string_view title, bool html_devices,
                               std::string& out) {
  std::string utf8;
  utf8.reserve(kTypicalMessageBytes);
  if (html) {
    detail::HtmlOptions options;
    options.title = title;
    options.charset = detail::CharsetName(plan.charset);
    options.newsletter_layout = detail::IsBulkKind(plan.kind);
    options.onload_handler = html_devices && rng_.Bernoulli(0.15);
    options.mouseover_links = html_devices && rng_.Bernoulli(0.2);
    detail::RenderHtml(doc, options, utf8);
  } else {
    detail::RenderPlain(doc, utf8);
  }
  if (plan.with_triggers) detail::RestoreSpaces(utf8);
  const std::string bytes = detail::TranscodeFromUtf8(utf8, plan.charset);
  const Cte cte = ChooseTextCte(rng_, plan.charset, html);
  out.append("Content-Type: text/")
      .append(html ? "html" : "plain")
      .append("; charset=");
  // Quoting the charset parameter is optional; mailers differ.
  const bool quote = rng_.Bernoulli(0.5);
  if (quote) out.push_back('"');
  out.append(detail::CharsetName(plan.charset));
  if (quote) out.push_back('"');
  out.append("\nContent-Transfer-Encoding: ")
      .append(CteName(cte))
      .append("\n\n");
  switch (cte) {
    case Cte::k7bit:
    case Cte::k8bit:
      out.append(bytes);
      break;
    case Cte::kQuotedPrintable:
      detail::AppendQuotedPrintable(bytes, out);
      break;
    case Cte::kBase64:
      detail::AppendBase64(bytes, out);
      break;
  }
}

void MessageWriter::AppendAttachment(const Attachment& attachment,
                                     std::string& out) {
  out.append("Content-Type: ")
      .append(attachment.content_type)
      .append(";\n\tname=\"");
  out.append(attachment.filename)
      .append("\"\nContent-Disposition: attachment;\n\tfilename=\"");
  out.append(attachment.filename)
      .append("\"\nContent-Transfer-Encoding: base64\n\n");
  detail::AppendBase64(attachment.bytes, out);
}

void MessageWriter::AppendInlineImage(const Attachment& image,
                                      std::string_view cid, std::string& out) {
  out.append("Content-Type: ")
      .append(image.content_type)
      .append("; name=\"")
      .append(image.filename);
  out.append("\"\nContent-ID: <")
      .append(cid)
      .append(">\nContent-Disposition: inline; filename=\"");
  out.append(image.filename)
      .append("\"\nContent-Transfer-Encoding: base64\n\n");
  detail::AppendBase64(image.bytes, out);
}

void MessageWriter::AppendRelated(const Plan& plan, Document doc,
                                  std::string_view title, bool html_devices,
                                  std::string& out) {
  const int images = rng_.Uniform(1, kMaxInlineImages);
  std::vector<std::string> cids;
  for (int i = 0; i < images; ++i) {
    cids.push_back("image00" + std::to_string(i + 1) + "." +
                   detail::RandomToken(rng_, detail::kHexAlphabet, 8) + "@" +
                   plan.from_domain);
    // The first image is a logo on top; later ones go below the text.
    detail::Block block{BlockKind::kImage,
                        i == 0 ? plan.company : "",
                        "cid:" + cids.back(),
                        {},
                        0};
    if (i == 0) {
      doc.blocks.insert(doc.blocks.begin(), std::move(block));
    } else {
      doc.blocks.push_back(std::move(block));
    }
  }
  const std::string boundary =
      OpenMultipart("related", "type=\"text/html\"", out);
  Delimit(boundary, false, out);
  AppendText(plan, doc, /*html=*/true, title, html_devices, out);
  for (int i = 0; i < images; ++i) {
    Delimit(boundary, false, out);
    AppendInlineImage(detail::MakeInlineImage(rng_, i + 1), cids[i], out);
  }
  Delimit(boundary, true, out);
}

void MessageWriter::AppendForwarded(const Plan& outer, std::string& out) {
  Plan inner;
  // A forwarded message is ham-like mail the sender received; it never
  // carries triggers, so the outer message alone decides whether it has one.
  inner.is_spam = outer.is_spam && rng_.Bernoulli(0.5);
  inner.sent_utc = outer.sent_utc - rng_.Uniform(3600, 3000000);
  inner.zone_minutes = detail::RandomZoneOffsetMinutes(rng_);
  out.append("Content-Type: message/rfc822\nContent-Disposition: ");
  out.append(rng_.Bernoulli(0.5)
                 ? "inline\n\n"
                 : "attachment; filename=\"forwarded.eml\"\n\n");
  Write(inner, /*nested=*/true, out, nullptr);
}

void MessageWriter::WriteBody(const Plan& plan, const detail::Content& content,
                              bool html_devices, std::string& out) {
  const Document& doc = content.body;
  const std::string_view title = content.subject;
  switch (plan.structure) {
    case Structure::kPlain:
      AppendText(plan, doc, false, title, html_devices, out);
      return;
    case Structure::kHtmlOnly:
      AppendText(plan, doc, true, title, html_devices, out);
      return;
    case Structure::kAlternative: {
      const std::string b = OpenMultipart("alternative", "", out);
      Delimit(b, false, out);
      AppendText(plan, doc, false, title, html_devices, out);
      Delimit(b, false, out);
      AppendText(plan, doc, true, title, html_devices, out);
      Delimit(b, true, out);
      return;
    }
    case Structure::kRelated: {
      if (rng_.Bernoulli(0.5)) {
        AppendRelated(plan, doc, title, html_devices, out);
        return;
      }
      const std::string b = OpenMultipart("alternative", "", out);
      Delimit(b, false, out);
      AppendText(plan, doc, false, title, html_devices, out);
      Delimit(b, false, out);
      AppendRelated(plan, doc, title, html_devices, out);
      Delimit(b, true, out);
      return;
    }
    case Structure::kMixed:
    case Structure::kNested: {
      const std::string b = OpenMultipart("mixed", "", out);
      Delimit(b, false, out);
      if (plan.structure == Structure::kNested) {
        const std::string inner = OpenMultipart("alternative", "", out);
        Delimit(inner, false, out);
        AppendText(plan, doc, false, title, html_devices, out);
        Delimit(inner, false, out);
        AppendText(plan, doc, true, title, html_devices, out);
        Delimit(inner, true, out);
      } else {
        AppendText(plan, doc, false, title, html_devices, out);
      }
      const int attachments = rng_.Bernoulli(kMultipleAttachmentsShare) ? 2 : 1;
      for (int i = 0; i < attachments; ++i) {
        Delimit(b, false, out);
        AppendAttachment(
            detail::MakeAttachment(rng_, plan.is_spam, /*allow_large=*/i == 0),
            out);
      }
      Delimit(b, true, out);
      return;
    }
    case Structure::kForward: {
      const std::string b = OpenMultipart("mixed", "", out);
      Delimit(b, false, out);
      // The forwarding note is the body composed above, so trigger phrases
      // placed there stay in the outer message.
      AppendText(plan, doc, false, title, html_devices, out);
      Delimit(b, false, out);
      AppendForwarded(plan, out);
      Delimit(b, true, out);
      return;
    }
  }
}

}  // namespace

std::span<const std::string_view> TriggerPhrases() {
  return detail::kTriggerPhrases;
}

SyntheticCorpus::SyntheticCorpus(const SyntheticCorpusOptions& options)
    : options_(options) {}

SyntheticMessage SyntheticCorpus::Generate(uint64_t index) const {
  Rng rng(detail::MessageSeed(options_.seed, index));
  SyntheticMessage message;
  // Drawn first, in a fixed order, so the label and trigger decision of
  // message i never depend on how the rest of the message is built.
  message.is_spam = rng.Bernoulli(options_.spam_ratio);
  Plan plan;
  plan.is_spam = message.is_spam;
  plan.with_triggers = rng.Bernoulli(
      message.is_spam ? options_.spam_trigger_rate : options_.ham_trigger_rate);
  plan.sent_utc = detail::MessageTimestamp(index, rng);
  plan.zone_minutes = detail::RandomZoneOffsetMinutes(rng);
  message.bytes.reserve(kTypicalMessageBytes);
  MessageWriter writer(options_, rng);
  writer.Write(plan, /*nested=*/false, message.bytes, &message);
  return message;
}

void WriteMboxrdMessage(const SyntheticMessage& message, std::ostream& out) {
  out << "From " << message.envelope_sender << ' ' << message.envelope_date
      << '\n';
  const std::string_view bytes = message.bytes;
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t end = bytes.find('\n', pos);
    end = end == std::string_view::npos ? bytes.size() : end + 1;
    const std::string_view line = bytes.substr(pos, end - pos);
    size_t quotes = 0;
    while (quotes < line.size() && line[quotes] == '>') ++quotes;
    if (line.substr(quotes).starts_with("From ")) out.put('>');
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
    pos = end;
  }
  if (bytes.empty() || bytes.back() != '\n') out.put('\n');
  out.put('\n');
}

}  // namespace inboxsim::gen
