// What a synthetic message says: its subject and body Document, written in
// one of ten registers (five ham, five spam) with trigger phrases inserted
// only when the caller asks for them.
//
//   ContentRequest request{.kind = ContentKind::kWork, ...};
//   Content content = ComposeContent(request, composer);
//   RenderPlain(content.body, text);
//
// Deterministic from the composer's Rng; one call per message.
#ifndef INBOXSIM_CORPORA_GENERATOR_MESSAGE_CONTENT_H_
#define INBOXSIM_CORPORA_GENERATOR_MESSAGE_CONTENT_H_

#include <string>

#include "corpora/generator/document.h"
#include "corpora/generator/text_composer.h"

namespace inboxsim::gen::detail {

enum class ContentKind {
  // Ham.
  kPersonal,
  kWork,
  kNewsletter,
  kReceipt,
  kMailingList,
  // Spam.
  kOffer,
  kPharma,
  kFinance,
  kPhishing,
  kLottery,
};

// True for the kinds sent in bulk, which carry List-Unsubscribe headers.
bool IsBulkKind(ContentKind kind);

struct ContentRequest {
  ContentKind kind = ContentKind::kPersonal;
  bool is_spam = false;
  bool with_triggers = false;   // insert >= 1 trigger phrase
  bool is_reply = false;        // "Re:" with quoted text
  bool html_devices = false;    // hidden text, forms, scripts (spam HTML)
  std::string sender_name;      // signs the message
  std::string sender_address;   // shown in the "wrote:" line of replies
  std::string recipient_name;   // greeted
  std::string web_domain;       // where links point
  std::string brand_domain;     // phishing: the domain the link text shows
  std::string list_name;        // mailing lists
  std::string quoted_date;      // RFC 5322 date of the quoted message
  std::string postal_address;   // newsletter and receipt footers
  std::string unsubscribe_url;  // bulk mail footers
};

struct Content {
  std::string subject;  // UTF-8, before RFC 2047 encoding
  Document body;
};

Content ComposeContent(const ContentRequest& request, TextComposer& composer);

// A one-line postal address for footers, e.g. "Bluepeak Labs, 12 Mill Road,
// Boston, MA 02108".
std::string PostalAddress(Rng& rng, std::string_view company);

}  // namespace inboxsim::gen::detail

#endif  // INBOXSIM_CORPORA_GENERATOR_MESSAGE_CONTENT_H_
