// Sentence and subject templates and per-charset words: the half of
// word_lists.h that is text rather than single words.
#include "corpora/generator/word_lists.h"

namespace inboxsim::gen::detail {
namespace {

constexpr std::string_view kWorkSentenceData[] = {
    "Could you {v} the {n} {d}?",
    "I {V} the {a} {n} and left a few comments.",
    "The {n} is attached; let me know if anything looks off.",
    "We still need to {v} the {n} before the {n} goes out.",
    "{p} mentioned that the {n} might slip to {d}.",
    "Thanks for the {a} {n}, it was really helpful.",
    "Can we move the {n} to {d}? I have a conflict.",
    "I think the {a} {n} covers most of the open questions.",
    "Please {v} the {n} and {v} the {n} when you get a chance.",
    "Let's keep the {n} as is and revisit it {d}.",
    "The numbers in the {n} don't match the {n}, can you double-check?",
    "I've {V} the {n}; the {a} version is on the shared drive.",
    "{p} and I {V} the {n} yesterday and agreed on the next steps.",
    "Quick reminder that the {n} is due {d}.",
    "If nobody objects, I'll {v} the {n} {d}.",
    "We {V} {#} items from the {n}, {#} are still open.",
    "The client asked whether we can {v} the {n} {d}.",
    "Budget for the {n} is {$}, which should be enough.",
    "I'm out {d}, so {p} will {v} the {n} in the meantime.",
    "Do you have the {a} {n} from last quarter?",
    "Agreed - the {n} needs another pass before we {v} it.",
    "Adding {p} for visibility on the {n}.",
    "The {a} {n} is ready for review.",
    "No rush on the {n}, {d} is fine.",
    "I'll set up a call {d} to {v} the {n}."};

constexpr std::string_view kPersonalSentenceData[] = {
    "Are you free for {e} {d}?",
    "We {V} the {e} last week and it was {a}.",
    "{p} says hi and asked about the {e}.",
    "Don't forget the {e} {d}!",
    "I found the {e} you were looking for.",
    "The kids loved the {e}, thank you so much.",
    "Can you {v} the {e} on your way home?",
    "It's been ages - how was the {e}?",
    "I'll bring the {e} if you bring the {e}.",
    "Mum wants to know if we're coming for {e} {d}.",
    "The weather looks {a} {d}, maybe we can go to the {e}.",
    "I {V} the {e} and it turned out {a}.",
    "Let me know what time works for the {e}.",
    "Happy birthday! Hope you have a {a} day.",
    "We're thinking about a {e} {d}, want to join?",
    "Sorry I missed your call, I was at the {e}.",
    "Pictures from the {e} are in the shared album.",
    "Thanks again for the {e}, it was {a}.",
    "{p} is staying with us {d}, so the spare room is taken.",
    "I booked the {e} for {#} people."};

constexpr std::string_view kListSentenceData[] = {
    "I can reproduce the {t} issue on the {a} release.",
    "The attached patch changes the {t} so the {t} stays consistent.",
    "Has anyone seen the {t} fail after the {t} update?",
    "This looks like a {t} in the {t}; a stack trace would help.",
    "I {V} the {t} with {#} threads and saw a {#}% slowdown.",
    "Please open a ticket for the {t} so we can track it.",
    "The {t} behaviour is documented in the {t}.",
    "We could guard the {t} behind a {t}.",
    "Reverting the {t} change fixes it for me.",
    "The {a} {t} makes the {t} about {#}% faster in my tests.",
    "Is the {t} still maintained, or should we vendor it?",
    "I'd rather not break the {t} in a point release.",
    "Patch v{#} addresses the review comments on the {t}.",
    "Tested on x86_64 and aarch64, the {t} passes.",
    "Could you send the output of the {t} with verbose logging?",
    "The {t} was removed upstream {d}."};

constexpr std::string_view kNewsletterSentenceData[] = {
    "This month we {V} a {a} {n} and a redesigned {n}.",
    "Read how {c} cut their {n} time in half.",
    "Our team {V} {#} new features based on your feedback.",
    "Join us {d} for a {a} webinar about the {n}.",
    "Members get early tickets to the {a} {e}.",
    "Here are the {#} most read stories from the past week.",
    "Tip of the month: {v} your {n} before the end of the quarter.",
    "We're hiring! See our open roles on the careers page.",
    "The {a} edition of our guide to the {n} is out.",
    "Catch up on the {e} highlights and photos.",
    "Save {#}% on the {P} with your member code.",
    "Thanks for being part of the {c} community.",
    "New in the shop: the {P} and the {P}.",
    "Our annual report shows {#}% growth in {n} usage."};

constexpr std::string_view kFromLineSentenceData[] = {
    "From what I heard, the {n} is on track.",
    "From the {n} side, everything looks fine.",
    "From my point of view the {a} {n} works.",
    "From Monday on, the office opens at 8.",
    "From the notes: {v} the {n} and {v} the {n}.",
    "From {p}: the {e} was {a}."};

constexpr std::string_view kOfferSentenceData[] = {
    "Get the {a} {x} at a fraction of the usual cost.",
    "Thousands of customers already love our {x}.",
    "Only {#} units of the {x} left in stock.",
    "Upgrade to the premium {x} today and save {#}%.",
    "Your exclusive offer on the {x} expires at midnight.",
    "Shipping is free on every {x} this week.",
    "Compare our {x} with any other and see the difference.",
    "Reply to this email to reserve your {x}.",
    "Stop paying {$} for a {x}, ours starts at {$}.",
    "Customers report {a} results within {#} days."};

constexpr std::string_view kPharmaSentenceData[] = {
    "Order {m} online from our certified pharmacy.",
    "Generic {m} {#}mg pills at {$} per dose.",
    "Discreet shipping worldwide, {m} delivered in {#} days.",
    "Men's health products including {m} and {m}.",
    "Licensed doctors approve your {m} order online.",
    "Save up to {#}% on {m} compared to your local store."};

constexpr std::string_view kFinanceSentenceData[] = {
    "You qualify for a loan of up to {$} with low monthly payments.",
    "Our {x} helped members grow savings by {#}% this year.",
    "Consolidate your debt into one payment of {$}.",
    "Bitcoin traders using our system made {$} last month.",
    "Refinance today and lock in a rate of {#}.9%.",
    "Funds can be in your account within {#} hours."};

constexpr std::string_view kPhishingSentenceData[] = {
    "We noticed unusual sign-in activity on your account.",
    "Your mailbox has reached its storage limit of {#} GB.",
    "A payment of {$} could not be processed.",
    "Please confirm your details within {#} hours to avoid interruption.",
    "Your password expires {d}; keep your current password below.",
    "Your parcel could not be delivered due to an incomplete address.",
    "We have issued a refund of {$} to your card.",
    "Security notice: a new device signed in from another country.",
    "Failure to update your information may limit your access."};

constexpr std::string_view kLotterySentenceData[] = {
    "Your email address was drawn in our international promotion.",
    "You are entitled to the sum of {$} from the annual draw.",
    "Contact our claims agent {p} with your reference number.",
    "Ticket number {#}-{#} matched the lucky numbers.",
    "Keep this notice confidential until your payout is processed.",
    "A processing fee of {$} is required to release the payment."};

constexpr std::string_view kTriggerSentenceData[] = {
    "{T}!",
    "Don't miss out: {T}.",
    "{T} - reply today.",
    "This is your chance: {T}.",
    "Remember, {T}.",
    "P.S. {T}!",
    "{T}, so don't wait.",
    "Best of all: {T}."};

constexpr std::string_view kWorkSubjectData[] = {"{a} {n}",
                                                 "{n} for {d}",
                                                 "Question about the {n}",
                                                 "{n} - {a} version",
                                                 "Updated {n}",
                                                 "Follow-up: {n}",
                                                 "{n} review",
                                                 "Action needed: {n}",
                                                 "{c} {n}",
                                                 "Notes from the {n}",
                                                 "{n} and {n}",
                                                 "Draft {n} attached"};

constexpr std::string_view kPersonalSubjectData[] = {
    "{e} {d}?",        "About the {e}", "Photos from the {e}", "{e}!",
    "Quick question",  "Plans for {d}", "Thank you!",          "Re: {e}",
    "Happy birthday!", "{e} with {p}"};

constexpr std::string_view kListSubjectData[] = {
    "[PATCH v{#}] {t}: fix {t}", "{t} regression in {a} release",
    "Question about {t}",        "[RFC] {a} {t}",
    "Proposal: {v} the {t}",     "[ANN] {t} {#}.{#} released",
    "{t} fails with {t}"};

constexpr std::string_view kNewsletterSubjectData[] = {
    "{c} monthly: {a} {n}",  "Your {a} digest",        "What's new at {c}",
    "{#} tips for your {n}", "Don't miss our {a} {e}", "The {c} Weekly",
    "Save {#}% on the {P}"};

constexpr std::string_view kReceiptSubjectData[] = {
    "Your order #{#}{#}{#} has shipped", "Receipt for your purchase",
    "Order confirmation #{#}{#}",        "Your {c} receipt",
    "Invoice {#}{#}{#} from {c}",        "Thanks for your order"};

constexpr std::string_view kOfferSubjectData[] = {
    "{a} {x} - {#}% off", "Your {x} is waiting", "Re: your {x} request",
    "Last chance for the {x}", "{p}, see this {x}"};

constexpr std::string_view kPharmaSubjectData[] = {
    "{m} {#}mg in stock", "Cheap {m} online", "Men's health: {m}",
    "Re: {m} refill"};

constexpr std::string_view kFinanceSubjectData[] = {
    "You qualify for {$}", "Loan approved: {$}", "Grow your savings {#}%",
    "Re: your loan application"};

constexpr std::string_view kPhishingSubjectData[] = {
    "Security alert for your account",
    "Action required: mailbox full",
    "Payment declined",
    "Your password expires {d}",
    "Delivery failed: parcel {#}{#}",
    "Unusual sign-in activity"};

constexpr std::string_view kLotterySubjectData[] = {
    "Official notification: you are entitled to {$}",
    "Congratulations from the International Draw", "Claim reference {#}-{#}",
    "Final notice: unpaid prize"};

constexpr std::string_view kGreetingData[] = {
    "Hi {p},", "Hello {p},", "Dear {p},", "Hey {p}!", "Morning {p},",
    "Hi all,", "Hi team,",   "{p},",      "Hello,",   "Good afternoon,"};

constexpr std::string_view kSignOffData[] = {
    "Thanks,",       "Best,",   "Cheers,",  "Regards,",   "Best regards,",
    "Kind regards,", "Thanks!", "See you,", "Talk soon,", "All the best,"};

// Words per charset; IsRepresentable() holds for each (checked by a test).
constexpr std::string_view kUsAsciiWordData[] = {"hello"};
constexpr std::string_view kUtf8WordData[] = {
    "Grüße",     "café",         "naïve",      "€50",   "München", "Kraków",
    "São Paulo", "Здравствуйте", "こんにちは", "谢谢",  "✓ done",  "→ next",
    "résumé",    "Ελλάδα",       "½ price",    "★★★★★", "👍",       "Ñandú"};
constexpr std::string_view kIso88591WordData[] = {
    "Grüße", "café",   "naïve",    "déjà vu",      "Straße", "façade",
    "über",  "señor",  "Ångström", "crème brûlée", "Zürich", "São Paulo",
    "£20",   "½ hour", "Málaga",   "smörgåsbord"};
constexpr std::string_view kWindows1252WordData[] = {
    "“quoted”", "it’s",          "€75",    "Œuvre", "naïve", "résumé",
    "2–3 days", "wait — really", "Trade™", "…",     "Šárka", "façade"};
constexpr std::string_view kIso88592WordData[] = {
    "Dziękuję", "Łódź",         "Kraków",    "Gdańsk",         "żółw",
    "Děkuji",   "příští týden", "Brno",      "Székesfehérvár", "köszönöm",
    "Žilina",   "ďakujem",      "spotkanie", "schůzka"};
constexpr std::string_view kKoi8RWordData[] = {
    "Здравствуйте", "спасибо", "встреча",     "отчёт",  "письмо",
    "Москва",       "договор", "предложение", "скидка", "завтра",
    "пожалуйста",   "Привет",  "С уважением", "счёт"};

}  // namespace

// Constant-initialised spans over the arrays above.
constinit const WordList kWorkSentences(kWorkSentenceData);
constinit const WordList kPersonalSentences(kPersonalSentenceData);
constinit const WordList kListSentences(kListSentenceData);
constinit const WordList kNewsletterSentences(kNewsletterSentenceData);
constinit const WordList kFromLineSentences(kFromLineSentenceData);
constinit const WordList kOfferSentences(kOfferSentenceData);
constinit const WordList kPharmaSentences(kPharmaSentenceData);
constinit const WordList kFinanceSentences(kFinanceSentenceData);
constinit const WordList kPhishingSentences(kPhishingSentenceData);
constinit const WordList kLotterySentences(kLotterySentenceData);
constinit const WordList kTriggerSentences(kTriggerSentenceData);
constinit const WordList kWorkSubjects(kWorkSubjectData);
constinit const WordList kPersonalSubjects(kPersonalSubjectData);
constinit const WordList kListSubjects(kListSubjectData);
constinit const WordList kNewsletterSubjects(kNewsletterSubjectData);
constinit const WordList kReceiptSubjects(kReceiptSubjectData);
constinit const WordList kOfferSubjects(kOfferSubjectData);
constinit const WordList kPharmaSubjects(kPharmaSubjectData);
constinit const WordList kFinanceSubjects(kFinanceSubjectData);
constinit const WordList kPhishingSubjects(kPhishingSubjectData);
constinit const WordList kLotterySubjects(kLotterySubjectData);
constinit const WordList kGreetings(kGreetingData);
constinit const WordList kSignOffs(kSignOffData);

constinit const WordList kNativeWords[kCharsetCount] = {
    kUsAsciiWordData,     kUtf8WordData,     kIso88591WordData,
    kWindows1252WordData, kIso88592WordData, kKoi8RWordData};

}  // namespace inboxsim::gen::detail
