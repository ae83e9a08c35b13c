// Character references (&amp; &#233; &eacute) for the HTML extractor: the
// part of the HTML5 tokenizer that turns them into code points. Internal to
// sim/mime; the public entry point is DecodeHtmlEntities() in html.h.
//
//   uint32_t cp;
//   size_t used = detail::DecodeCharacterReference("&eacute;t&eacute;", false,
//   &cp);
//   // used == 8, cp == 0xE9
//
// Thread-safe: the entity table is constant.
#ifndef INBOXSIM_MIME_HTML_ENTITIES_H_
#define INBOXSIM_MIME_HTML_ENTITIES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace inboxsim::mime::detail {

// Decodes the character reference at the start of `text` (text[0] == '&'),
// setting *code_point. Returns how many bytes it spans, or 0 when `text` does
// not start with one, in which case the '&' is literal. Numeric references
// outside Unicode, surrogates and &#0; give U+FFFD; &#128;..&#159; are read as
// Windows-1252, as browsers do. Names without the ';' are accepted for the
// legacy set browsers accept (&amp &lt &copy &eacute ...), except inside an
// attribute when followed by [A-Za-z0-9=], so href="?a=1&copy=2" keeps its
// "&copy".
size_t DecodeCharacterReference(std::string_view text, bool in_attribute,
                                uint32_t* code_point);

// Appends `text` to `out` with character references decoded.
void AppendDecoded(std::string_view text, bool in_attribute, std::string* out);

}  // namespace inboxsim::mime::detail

#endif  // INBOXSIM_MIME_HTML_ENTITIES_H_
