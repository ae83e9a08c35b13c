// HTML rendered as SpamAssassin 4's HTML.pm renders it for body rules (not
// as a reader sees it: sim/mime/html.h does that), and the links HTML.pm
// collects for the URI list. Internal to sim/sa.
//
//   detail::SaHtml html = detail::RenderHtmlAsSa("<p>Hi<br>there</p>");
//   html.text -> "\n\nHi\nthere\n\n"
//   html.uris -> hrefs, srcs, ... as written (entities decoded, trimmed)
#ifndef INBOXSIM_SA_HTML_RENDER_H_
#define INBOXSIM_SA_HTML_RENDER_H_

#include <string>
#include <string_view>
#include <vector>

namespace inboxsim::sa::detail {

struct SaHtml {
  // Text as HTML.pm joins it: runs of white space inside a text chunk are
  // one space; <br> and <div> add "\n"; <p>, <hr>, <title>, <pre> ... add
  // "\n\n"; <li>, <td>, <th>, <h1>.. add " ". Script and style text is left
  // out; text styled invisible is kept (rules read all of it).
  std::string text;
  // Links in document order, duplicates kept, relative ones resolved
  // against <base href> when it came first.
  std::vector<std::string> uris;
};

// Never fails; linear in html.size(). `html` is UTF-8.
SaHtml RenderHtmlAsSa(std::string_view html);

}  // namespace inboxsim::sa::detail

#endif  // INBOXSIM_SA_HTML_RENDER_H_
