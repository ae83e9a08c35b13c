#include "corpora/generator/message_content.h"

#include <vector>

#include "corpora/generator/network_names.h"

namespace inboxsim::gen::detail {
namespace {

// Shares of ham paragraphs that open with "From ", so mboxrd escaping is
// exercised on realistic text rather than only in unit tests.
constexpr double kFromLineShare = 0.12;
constexpr double kSignatureShare = 0.4;
constexpr double kSubjectTriggerShare = 0.35;
constexpr double kHiddenTextShare = 0.4;
constexpr double kFormShare = 0.35;
constexpr double kScriptShare = 0.2;
constexpr double kCodeBlockShare = 0.3;
constexpr double kOptOutFooterShare = 0.5;
constexpr int kMaxSpamTriggers = 3;
constexpr int kMaxIssueNumber = 240;
constexpr int kMaxOrderNumber = 9999999;

constexpr std::string_view kReadMoreTexts[] = {
    "Read more", "Read the full story", "Learn more",
    "Register",  "Shop the collection", "See details"};
constexpr std::string_view kSpamLinkTexts[] = {
    "Shop the sale",   "Get yours today", "See details",
    "Visit our store", "Start here",      "Reserve yours"};
constexpr std::string_view kPhishingLinkTexts[] = {
    "Review your account", "Sign in to continue", "Confirm your details",
    "Restore access", "View document"};
constexpr std::string_view kPhishingGreetings[] = {
    "Dear customer,", "Dear user,", "Hello,", "Dear account holder,"};
constexpr std::string_view kLotteryGreetings[] = {
    "Dear Beneficiary,", "Attention Beneficiary,", "Dear Email Owner,"};
constexpr std::string_view kTitles[] = {"Project Manager",  "Senior Engineer",
                                        "Account Director", "Operations Lead",
                                        "Research Fellow",  "Office Manager",
                                        "Product Owner",    "Finance Analyst"};

std::string Capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
    text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

std::string Greeting(TextComposer& composer, std::string_view recipient) {
  std::string greeting(composer.rng().Pick(kGreetings));
  const size_t slot = greeting.find("{p}");
  if (slot != std::string::npos) greeting.replace(slot, 3, recipient);
  return greeting;
}

// Body paragraphs in `templates`; some ham paragraphs open with "From ".
void AddParagraphs(Document& doc, TextComposer& composer, WordList templates,
                   int min_count, int max_count, int min_sentences,
                   int max_sentences, bool from_lines) {
  const int count = composer.rng().Uniform(min_count, max_count);
  for (int i = 0; i < count; ++i) {
    std::string text;
    if (from_lines && composer.rng().Bernoulli(kFromLineShare)) {
      text = composer.Sentence(kFromLineSentences);
      text.push_back(' ');
    }
    text.append(composer.Paragraph(templates, min_sentences, max_sentences));
    doc.Add(BlockKind::kParagraph, std::move(text));
  }
}

// Appends `sentence` to a random paragraph, or adds it as one.
void AppendToRandomParagraph(Document& doc, Rng& rng,
                             const std::string& sentence) {
  std::vector<size_t> paragraphs;
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    if (doc.blocks[i].kind == BlockKind::kParagraph) paragraphs.push_back(i);
  }
  if (paragraphs.empty()) {
    doc.Add(BlockKind::kParagraph, sentence);
    return;
  }
  std::string& text = doc.blocks[paragraphs[rng.Below(paragraphs.size())]].text;
  text.push_back(' ');
  text.append(sentence);
}

void AddNativeWords(Document& doc, TextComposer& composer) {
  if (composer.charset() == Charset::kUsAscii) return;
  const int count = composer.rng().Uniform(1, 3);
  for (int i = 0; i < count; ++i) {
    std::string words(composer.NativeWord());
    words.append(composer.rng().Bernoulli(0.5) ? "!" : ".");
    AppendToRandomParagraph(doc, composer.rng(), words);
  }
}

void AddQuote(Document& doc, TextComposer& composer,
              const ContentRequest& request, WordList templates) {
  std::string intro = "On " + request.quoted_date + ", " + request.sender_name;
  if (!request.sender_address.empty())
    intro.append(" <").append(request.sender_address).append(">");
  intro.append(" wrote:");
  doc.Add(BlockKind::kPreformatted, std::move(intro));
  std::string quoted;
  const int paragraphs = composer.rng().Uniform(1, 3);
  for (int i = 0; i < paragraphs; ++i) {
    if (i > 0) quoted.append("\n\n");
    if (composer.rng().Bernoulli(kFromLineShare)) {
      quoted.append(composer.Sentence(kFromLineSentences)).push_back(' ');
    }
    quoted.append(composer.Paragraph(templates, 1, 4));
  }
  // Some clients quote with ">" and no space, which turns a quoted "From "
  // line into ">From " -- the case mboxrd exists for.
  doc.Add(BlockKind::kQuote, std::move(quoted)).variant =
      composer.rng().Bernoulli(0.3) ? 1 : 0;
}

void AddSignOff(Document& doc, TextComposer& composer,
                const ContentRequest& request) {
  std::string sign_off(composer.rng().Pick(kSignOffs));
  sign_off.append("\n").append(request.sender_name);
  doc.Add(BlockKind::kPreformatted, std::move(sign_off));
}

Content Work(const ContentRequest& request, TextComposer& composer) {
  Content c;
  Rng& rng = composer.rng();
  c.subject = Capitalised(composer.Expand(rng.Pick(kWorkSubjects)));
  c.body.Add(BlockKind::kParagraph, Greeting(composer, request.recipient_name));
  AddParagraphs(c.body, composer, kWorkSentences, 1, 4, 2, 5,
                /*from_lines=*/true);
  AddSignOff(c.body, composer, request);
  if (rng.Bernoulli(kSignatureShare)) {
    std::string signature =
        "-- \n" + request.sender_name + "\n" + std::string(rng.Pick(kTitles));
    signature.append(" | ").append(composer.company()).append("\n+1 555 01");
    signature.append(std::to_string(rng.Uniform(10, 99)))
        .append("\nhttps://www.");
    signature.append(request.web_domain).append("/");
    c.body.Add(BlockKind::kPreformatted, std::move(signature));
  }
  if (request.is_reply) AddQuote(c.body, composer, request, kWorkSentences);
  return c;
}

Content Personal(const ContentRequest& request, TextComposer& composer) {
  Content c;
  c.subject =
      Capitalised(composer.Expand(composer.rng().Pick(kPersonalSubjects)));
  c.body.Add(BlockKind::kParagraph, Greeting(composer, request.recipient_name));
  AddParagraphs(c.body, composer, kPersonalSentences, 1, 3, 1, 4,
                /*from_lines=*/true);
  AddSignOff(c.body, composer, request);
  if (request.is_reply) AddQuote(c.body, composer, request, kPersonalSentences);
  return c;
}

Content Newsletter(const ContentRequest& request, TextComposer& composer) {
  Content c;
  Rng& rng = composer.rng();
  c.subject = Capitalised(composer.Expand(rng.Pick(kNewsletterSubjects)));
  c.body.AddLink("View this email in your browser",
                 MakeUrl(rng, request.web_domain, UrlStyle::kTracked));
  c.body.Add(BlockKind::kImage, composer.company(),
             "https://cdn." + request.web_domain + "/images/banner_" +
                 RandomToken(rng, kHexAlphabet, 8) + ".jpg");
  c.body.Add(BlockKind::kHeading,
             composer.company() + " Newsletter - Issue #" +
                 std::to_string(rng.Uniform(1, kMaxIssueNumber)));
  const int sections = rng.Uniform(2, 4);
  for (int i = 0; i < sections; ++i) {
    c.body.Add(BlockKind::kHeading, Capitalised(composer.Expand("{a} {n}")));
    c.body.Add(BlockKind::kParagraph,
               composer.Paragraph(kNewsletterSentences, 2, 4));
    c.body.AddLink(
        std::string(rng.Pick(kReadMoreTexts)),
        MakeUrl(rng, request.web_domain,
                rng.Bernoulli(0.5) ? UrlStyle::kTracked : UrlStyle::kRedirect));
  }
  c.body.Add(BlockKind::kRule, "");
  c.body.Add(BlockKind::kPreformatted,
             "You are receiving this email because you signed up at " +
                 request.web_domain + ".\nUnsubscribe: " +
                 request.unsubscribe_url + "\n" + request.postal_address);
  return c;
}

Content Receipt(const ContentRequest& request, TextComposer& composer) {
  Content c;
  Rng& rng = composer.rng();
  c.subject = Capitalised(composer.Expand(rng.Pick(kReceiptSubjects)));
  c.body.Add(BlockKind::kHeading, "Thank you for your order");
  c.body.Add(BlockKind::kParagraph,
             Greeting(composer, request.recipient_name) +
                 " we have received order #" +
                 std::to_string(rng.Uniform(100000, kMaxOrderNumber)) +
                 " and will let you know when it ships.");
  std::string table = "Item\tQty\tPrice\n";
  int total_cents = 0;
  const int items = rng.Uniform(1, 5);
  for (int i = 0; i < items; ++i) {
    const int cents = rng.Uniform(299, 25999);
    const int quantity = rng.Uniform(1, 3);
    total_cents += cents * quantity;
    table.append(rng.Pick(kProducts))
        .append("\t")
        .append(std::to_string(quantity));
    table.append("\t$").append(std::to_string(cents / 100)).append(".");
    table.append(std::to_string(100 + cents % 100).substr(1)).append("\n");
  }
  table.append("Total\t\t$")
      .append(std::to_string(total_cents / 100))
      .append(".");
  table.append(std::to_string(100 + total_cents % 100).substr(1));
  c.body.Add(BlockKind::kTable, std::move(table));
  c.body.AddLink("Track your package",
                 MakeUrl(rng, request.web_domain, UrlStyle::kTracked));
  c.body.Add(BlockKind::kPreformatted, request.postal_address +
                                           "\nQuestions? Visit https://" +
                                           request.web_domain + "/help");
  return c;
}

Content MailingList(const ContentRequest& request, TextComposer& composer) {
  Content c;
  Rng& rng = composer.rng();
  c.subject =
      "[" + request.list_name + "] " + composer.Expand(rng.Pick(kListSubjects));
  if (request.is_reply) AddQuote(c.body, composer, request, kListSentences);
  AddParagraphs(c.body, composer, kListSentences, 1, 3, 2, 5,
                /*from_lines=*/true);
  if (rng.Bernoulli(kCodeBlockShare)) {
    std::string log = "$ make check\n";
    const int lines = rng.Uniform(2, 6);
    for (int i = 0; i < lines; ++i) {
      log.append("  test ").append(std::to_string(i + 1)).append(": ");
      log.append(composer.Expand("{t} ... "))
          .append(rng.Bernoulli(0.8) ? "ok\n" : "FAILED\n");
    }
    c.body.Add(BlockKind::kPreformatted, std::move(log));
  }
  c.body.Add(BlockKind::kPreformatted, "-- \n" + request.sender_name);
  const std::string list_host = "lists." + request.web_domain;
  c.body.Add(BlockKind::kPreformatted,
             "_______________________________________________\n" +
                 request.list_name + " mailing list\n" + request.list_name +
                 "@" + list_host + "\nhttps://" + list_host +
                 "/mailman/listinfo/" + request.list_name);
  return c;
}

UrlStyle SpamUrlStyle(Rng& rng) {
  constexpr UrlStyle kStyles[] = {UrlStyle::kPlain,     UrlStyle::kShortened,
                                  UrlStyle::kIpLiteral, UrlStyle::kWithPort,
                                  UrlStyle::kTracked,   UrlStyle::kRedirect};
  constexpr int kWeights[] = {35, 20, 15, 8, 12, 10};
  return kStyles[rng.PickWeighted(kWeights)];
}

void AddHiddenText(Document& doc, TextComposer& composer) {
  // Hash-buster: ham words the reader never sees, to dilute spam scores.
  Block& block = doc.Add(BlockKind::kHiddenText,
                         composer.Paragraph(kPersonalSentences, 2, 5));
  block.variant = static_cast<int>(composer.rng().Below(kHiddenStyleCount));
}

Content Promotion(const ContentRequest& request, TextComposer& composer,
                  WordList sentences, WordList subjects) {
  Content c;
  Rng& rng = composer.rng();
  c.subject = Capitalised(composer.Expand(rng.Pick(subjects)));
  if (request.html_devices && rng.Bernoulli(kHiddenTextShare))
    AddHiddenText(c.body, composer);
  c.body.Add(BlockKind::kHeading, c.subject);
  c.body.Add(BlockKind::kImage, "",
             "http://" + request.web_domain + "/img/" +
                 RandomToken(rng, kAlnumAlphabet, 10) + ".jpg");
  AddParagraphs(c.body, composer, sentences, 1, 3, 2, 4, /*from_lines=*/false);
  c.body.AddLink(std::string(rng.Pick(kSpamLinkTexts)),
                 MakeUrl(rng, request.web_domain, SpamUrlStyle(rng)));
  if (rng.Bernoulli(kOptOutFooterShare)) {
    c.body.Add(BlockKind::kPreformatted,
               "To stop receiving these messages visit " +
                   MakeUrl(rng, request.web_domain, UrlStyle::kPlain) + "\n" +
                   request.postal_address);
  }
  return c;
}

Content Phishing(const ContentRequest& request, TextComposer& composer) {
  Content c;
  Rng& rng = composer.rng();
  c.subject = Capitalised(composer.Expand(rng.Pick(kPhishingSubjects)));
  c.body.Add(BlockKind::kParagraph, std::string(rng.Pick(kPhishingGreetings)));
  AddParagraphs(c.body, composer, kPhishingSentences, 1, 2, 2, 4,
                /*from_lines=*/false);
  Block& link =
      c.body.AddLink(std::string(rng.Pick(kPhishingLinkTexts)),
                     MakeUrl(rng, request.web_domain, SpamUrlStyle(rng)));
  // The link text shows the impersonated brand's address; the href goes
  // elsewhere.
  link.display_url =
      "https://www." + request.brand_domain + "/account/security";
  if (request.html_devices && rng.Bernoulli(kFormShare)) {
    c.body.Add(BlockKind::kForm, "",
               MakeUrl(rng, request.web_domain, UrlStyle::kIpLiteral));
  }
  if (request.html_devices && rng.Bernoulli(kScriptShare)) {
    c.body.Add(BlockKind::kScript,
               "setTimeout(function(){window.location='" +
                   MakeUrl(rng, request.web_domain, UrlStyle::kPlain) +
                   "';},3000);");
  }
  if (request.html_devices && rng.Bernoulli(kHiddenTextShare))
    AddHiddenText(c.body, composer);
  c.body.Add(BlockKind::kPreformatted,
             composer.company() + " Security Team\n(c) 2023 " +
                 composer.company() + ". All rights reserved.");
  return c;
}

Content Lottery(const ContentRequest& request, TextComposer& composer) {
  Content c;
  Rng& rng = composer.rng();
  c.subject = composer.Expand(rng.Pick(kLotterySubjects));
  c.body.Add(BlockKind::kParagraph, std::string(rng.Pick(kLotteryGreetings)));
  AddParagraphs(c.body, composer, kLotterySentences, 1, 3, 2, 4,
                /*from_lines=*/false);
  c.body.Add(
      BlockKind::kPreformatted,
      composer.Expand(
          "Reference number: {#}/{#}/{#}\nBatch: {#}-{#}\nClaims agent: {p} ") +
          std::string(composer.LastName()) + "\nEmail: claims@" +
          request.web_domain);
  return c;
}

}  // namespace

bool IsBulkKind(ContentKind kind) {
  return kind == ContentKind::kNewsletter || kind == ContentKind::kReceipt ||
         kind == ContentKind::kMailingList || kind == ContentKind::kOffer ||
         kind == ContentKind::kPharma || kind == ContentKind::kFinance;
}

std::string PostalAddress(Rng& rng, std::string_view company) {
  constexpr int kMaxHouseNumber = 480;
  std::string out(company);
  out.append(", ")
      .append(std::to_string(rng.Uniform(1, kMaxHouseNumber)))
      .append(" ");
  out.append(rng.Pick(kStreets)).append(", ").append(rng.Pick(kCities));
  return out;
}

Content ComposeContent(const ContentRequest& request, TextComposer& composer) {
  Content c;
  switch (request.kind) {
    case ContentKind::kPersonal:
      c = Personal(request, composer);
      break;
    case ContentKind::kWork:
      c = Work(request, composer);
      break;
    case ContentKind::kNewsletter:
      c = Newsletter(request, composer);
      break;
    case ContentKind::kReceipt:
      c = Receipt(request, composer);
      break;
    case ContentKind::kMailingList:
      c = MailingList(request, composer);
      break;
    case ContentKind::kOffer:
      c = Promotion(request, composer, kOfferSentences, kOfferSubjects);
      break;
    case ContentKind::kPharma:
      c = Promotion(request, composer, kPharmaSentences, kPharmaSubjects);
      break;
    case ContentKind::kFinance:
      c = Promotion(request, composer, kFinanceSentences, kFinanceSubjects);
      break;
    case ContentKind::kPhishing:
      c = Phishing(request, composer);
      break;
    case ContentKind::kLottery:
      c = Lottery(request, composer);
      break;
  }
  Rng& rng = composer.rng();
  if (request.is_reply && request.kind != ContentKind::kMailingList) {
    c.subject = (rng.Bernoulli(0.2) ? "RE: " : "Re: ") + c.subject;
  } else if (request.is_reply) {
    const size_t tag_end = c.subject.find("] ");
    c.subject.insert(tag_end + 2, "Re: ");
  }
  AddNativeWords(c.body, composer);
  if (request.with_triggers) {
    const int count = request.is_spam ? rng.Uniform(1, kMaxSpamTriggers) : 1;
    for (int i = 0; i < count; ++i)
      AppendToRandomParagraph(c.body, rng, composer.TriggerSentence());
    if (rng.Bernoulli(kSubjectTriggerShare)) {
      c.subject = Capitalised(composer.Expand("{T}: ")) + c.subject;
    }
  }
  RestoreSpaces(c.subject);
  // A native word in the subject gives non-ASCII subjects something to
  // encode with RFC 2047.
  if (composer.charset() != Charset::kUsAscii && rng.Bernoulli(0.3)) {
    c.subject.append(" - ").append(composer.NativeWord());
  }
  return c;
}

}  // namespace inboxsim::gen::detail
