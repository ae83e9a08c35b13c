// The body text and the links of a message's HTML parts, from one
// rendering of its text parts (the body rules' text and, for the URI list,
// the links HTML.pm collects). Internal to sim/sa.
#ifndef INBOXSIM_SA_HTML_PARTS_H_
#define INBOXSIM_SA_HTML_PARTS_H_

#include <string>
#include <vector>

#include "sim/mime/message.h"

namespace inboxsim::sa::detail {

// Appends AppendBodyText(message, true)'s text to `body` and the links of
// every leaf part SpamAssassin renders as HTML, in document order, to
// `html_uris`.
void RenderBody(const mime::Message& message, std::string* body,
                std::vector<std::string>* html_uris);

}  // namespace inboxsim::sa::detail

#endif  // INBOXSIM_SA_HTML_PARTS_H_
