// HTML reduced to what a reader sees plus the structure filters look at.
//
// Mail HTML is rarely well formed, so this is a forgiving tokenizer, not a
// DOM: it never fails, it never recurses, and its cost is linear in the input.
//
//   HtmlFacts facts;
//   ExtractHtml(part_text_utf8, &facts);   // may be called once per HTML part
//   facts.visible_text  -> "Hello Click here for a deal"
//   facts.image_sources -> {"http://x.example/a.gif"}
//
// Thread-safe: no shared state.
#ifndef INBOXSIM_MIME_HTML_H_
#define INBOXSIM_MIME_HTML_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace inboxsim::mime {

// One <a href> (or <area href>) with the text a reader sees for it.
struct HtmlLink {
  std::string href;  // entity-decoded, trimmed
  std::string text;  // visible anchor text, white space collapsed
};

struct HtmlFacts {
  // Text a reader would see: tags removed, entities decoded, white space
  // collapsed, block elements (p, br, div, tr, li, h1..) on their own lines.
  // Excludes <script>, <style>, <head> content (but see `title`), comments,
  // and text hidden by inline style (it is counted in hidden_* instead).
  std::string visible_text;
  std::string title;

  std::vector<HtmlLink> links;
  std::vector<std::string>
      image_sources;  // <img src>, background=, <input type=image src>
  std::vector<std::string>
      other_urls;  // form action, iframe/frame/script/embed/
                   // object/video/audio/source src, css url()

  int image_count = 0;   // <img> and <input type=image>, with or without src
  int script_count = 0;  // <script> elements
  int event_handler_count = 0;  // on* attributes (onclick, onload, ...)
  int javascript_url_count =
      0;  // href/src/action values starting "javascript:"/"vbscript:"
  int form_count = 0;
  int iframe_count = 0;  // <iframe> and <frame>
  int media_count = 0;   // <video> <audio> <embed> <object> <applet>
  int hidden_element_count =
      0;  // elements hidden by display:none, visibility:hidden,
          // font-size 0-1 (px/pt/em<=0.1), or text colour
          // equal to its background colour
  size_t hidden_text_bytes = 0;  // bytes of text inside those elements
  std::string first_hidden;      // the first of them, for people:
                                 // "display:none in a <div>"
  int tag_count = 0;  // all start tags seen; 0 means "not really HTML"
};

// Appends what `html` contains to `facts` (so several HTML parts accumulate).
// `html` should be UTF-8; invalid bytes are copied through unchanged.
void ExtractHtml(std::string_view html, HtmlFacts* facts);

// Decodes HTML character references (&amp; &#233; &#x41; and the common named
// ones) in `text`, appending UTF-8 to `out`. Unknown references stay as
// written.
void DecodeHtmlEntities(std::string_view text, std::string* out);

}  // namespace inboxsim::mime

#endif  // INBOXSIM_MIME_HTML_H_
