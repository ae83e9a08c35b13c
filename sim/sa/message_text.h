// The texts SpamAssassin 4's rules see, built from our parse of a message,
// so an imported rule's regex reads the same bytes it reads in SpamAssassin
// (Mail::SpamAssassin::Message, ::Message::Node, ::PerMsgStatus).
//
// SpamAssassin matches body and rawbody rules line by line (array
// elements); here those lines are joined with "\n", and the importer adds
// the m flag so ^ and $ still anchor at each line. URIs are one per line
// the same way. Differences that remain are listed in profiles/README.md
// ("SpamAssassin rules").
//
//   std::string text;
//   sa::AppendBodyText(message, /*with_subject=*/true, &text);
//
// The overloads taking MessageViews read the views' caches: use them when
// a message is read more than once.
#ifndef INBOXSIM_SA_MESSAGE_TEXT_H_
#define INBOXSIM_SA_MESSAGE_TEXT_H_

#include <optional>
#include <string>
#include <string_view>

#include "sim/mime/message.h"
#include "sim/sa/config.h"
#include "sim/sa/message_views.h"

namespace inboxsim::sa {

// body: the decoded subject as the first line ("\n" when there is none),
// then every text part rendered (HTML as a reader sees it), each part cut
// at body_part_scan_size (50,000 bytes) the way SpamAssassin cuts it,
// parts joined as SpamAssassin joins them, white space collapsed
// (paragraphs become "\n", any other run one space), and lines longer than
// 2,048 bytes split the way SpamAssassin splits them.
// With with_subject false (tflags nosubject) the subject line is left out.
void AppendBodyText(const mime::Message& message, bool with_subject,
                    std::string* out);

// rawbody: each text/* and message/* leaf part decoded but not rendered
// (HTML tags kept), cut at rawbody_part_scan_size (500,000 bytes),
// split into SpamAssassin's short paragraphs, joined with "\n".
void AppendRawBodyText(const mime::Message& message, std::string* out);

// full: the whole message as given, without a leading mbox "From " line.
std::string_view FullText(const mime::Message& message);

// uri: SpamAssassin's URI list (links in text and HTML, and the
// canonical variants SpamAssassin adds), one per line.
void AppendUriText(const mime::Message& message, std::string* out);
void AppendUriText(MessageViews& views, std::string* out);

// header: what `header RULE <request> =~ /re/` matches: every occurrence's
// value (decoded unless :raw, each ending "\n"), or the addresses or names
// for :addr / :name, joined. Returns false when the header is absent (the
// rule then matches request.if_unset, if any, else nothing; `exists:`
// rules use only the return value). For ALL: every header as "Name: value\n".
bool AppendHeaderText(const mime::Message& message,
                      const HeaderRequest& request, std::string* out);
bool AppendHeaderText(MessageViews& views, const HeaderRequest& request,
                      std::string* out);

// Whether AppendHeaderText can produce `request`; nullopt when it can,
// else why not (:host, :domain, :ip, :revip, and ALL-*:raw). The
// pseudo-headers X-Spam-Relays-*, ALL-TRUSTED/INTERNAL/UNTRUSTED/EXTERNAL
// and EnvelopeFrom follow SpamAssassin's Received parser with its default
// trust inference (sa_relays.h).
std::optional<std::string> UnsupportedHeaderRequest(
    const HeaderRequest& request);

}  // namespace inboxsim::sa

#endif  // INBOXSIM_SA_MESSAGE_TEXT_H_
