// Fixed vocabulary for the synthetic corpus: names, domains, words,
// sentence templates and trigger phrases. Immutable data, safe to read from
// any thread. Defined in word_lists.cc (words, names, domains) and
// sentence_templates.cc (templates, per-charset words).
//
// Templates are plain text with one-character slots in braces, expanded by
// TextComposer (text_composer.h):
//   {n} work noun   {e} everyday noun  {v} verb        {V} past verb
//   {a} adjective   {t} tech term      {d} day/time    {p} first name
//   {c} company     {#} small number   {$} money       {P} product
//   {x} spam offer  {m} medicine       {N} word in the message's charset
//   {T} trigger phrase (only in trigger templates)
//
// Invariant the tests rely on: no list except kTriggerPhrases and the
// *Trigger* templates contains any trigger phrase as a substring, so a
// message carries one exactly when the composer decided it should.
#ifndef INBOXSIM_CORPORA_GENERATOR_WORD_LISTS_H_
#define INBOXSIM_CORPORA_GENERATOR_WORD_LISTS_H_

#include <span>
#include <string_view>

#include "corpora/generator/mime_encoders.h"

namespace inboxsim::gen::detail {

using WordList = std::span<const std::string_view>;

// Spam trigger phrases, lower case as filters match them.
extern const WordList kTriggerPhrases;
// The subset a legitimate sender plausibly writes ("act now", "click here").
extern const WordList kHamTriggerPhrases;

// People and organisations. Some names are non-ASCII (UTF-8) so display
// names need RFC 2047 encoding.
extern const WordList kFirstNames;
extern const WordList kLastNames;
extern const WordList kMailboxWords;  // local parts of role addresses

// Domains are built as stem [+ suffix] + "." + tld.
extern const WordList kHamDomainStems;
extern const WordList kHamDomainSuffixes;
extern const WordList kHamTlds;  // includes co.uk, com.au, co.jp
extern const WordList kFreemailDomains;
extern const WordList kSpamDomainStems;
extern const WordList kSpamTlds;
extern const WordList kUrlShorteners;
extern const WordList kRecipientDomains;  // mailboxes the corpus is "for"
extern const WordList kMtaHostPrefixes;   // mx1, smtp-out, relay ...
extern const WordList kXMailers;

// Vocabulary by register.
extern const WordList kWorkNouns;
extern const WordList kEverydayNouns;
extern const WordList kVerbs;
extern const WordList kPastVerbs;
extern const WordList kAdjectives;
extern const WordList kTechTerms;
extern const WordList kTimeExpressions;
extern const WordList kProducts;
extern const WordList kSpamOffers;
extern const WordList kMedicines;
extern const WordList kStreets;
extern const WordList kCities;

// Sentence templates by register.
extern const WordList kWorkSentences;
extern const WordList kPersonalSentences;
extern const WordList kListSentences;
extern const WordList kNewsletterSentences;
extern const WordList kFromLineSentences;  // begin with "From ", for mboxrd
extern const WordList kOfferSentences;
extern const WordList kPharmaSentences;
extern const WordList kFinanceSentences;
extern const WordList kPhishingSentences;
extern const WordList kLotterySentences;
extern const WordList kTriggerSentences;

// Subject templates by register.
extern const WordList kWorkSubjects;
extern const WordList kPersonalSubjects;
extern const WordList kListSubjects;
extern const WordList kNewsletterSubjects;
extern const WordList kReceiptSubjects;
extern const WordList kOfferSubjects;
extern const WordList kPharmaSubjects;
extern const WordList kFinanceSubjects;
extern const WordList kPhishingSubjects;
extern const WordList kLotterySubjects;

extern const WordList kGreetings;
extern const WordList kSignOffs;

// Non-ASCII words (UTF-8 source) representable in each legacy charset,
// indexed like Charset; the us-ascii entry is empty.
extern const WordList kNativeWords[kCharsetCount];

}  // namespace inboxsim::gen::detail

#endif  // INBOXSIM_CORPORA_GENERATOR_WORD_LISTS_H_
