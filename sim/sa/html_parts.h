// The links in a message's HTML parts as SpamAssassin's HTML.pm collects
// them (for the URI list). Internal to sim/sa.
#ifndef INBOXSIM_SA_HTML_PARTS_H_
#define INBOXSIM_SA_HTML_PARTS_H_

#include <string>
#include <vector>

#include "sim/mime/message.h"

namespace inboxsim::sa::detail {

// Appends the links of every leaf part SpamAssassin renders as HTML, in
// document order.
void AddHtmlUris(const mime::Message& message, std::vector<std::string>* out);

}  // namespace inboxsim::sa::detail

#endif  // INBOXSIM_SA_HTML_PARTS_H_
