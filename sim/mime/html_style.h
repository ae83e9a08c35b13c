// What inline style and presentational attributes say about whether a reader
// can see an element's text: colours, display, visibility, size. Internal to
// the HTML extractor (html.cc), which keeps one Style per open element.
//
//   detail::Style cell;                        // no colour set, on white
//   cell.bg = detail::ParseColour("#FFF");
//   detail::Style font = cell;                 // inherits the background
//   detail::ApplyInlineStyle("color: white", cell, &font);
//   detail::Hidden(font)  -> true              // white on white
//
// Thread-safe: pure functions over constant tables.
#ifndef INBOXSIM_MIME_HTML_STYLE_H_
#define INBOXSIM_MIME_HTML_STYLE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace inboxsim::mime::detail {

// Colours are 0xRRGGBB; these two never equal one.
constexpr uint32_t kNoColour = 0xFFFFFFFFu;         // unset or unreadable
constexpr uint32_t kImageBackground = 0xFFFFFFFEu;  // a picture: can't compare
constexpr uint32_t kWhite = 0xFFFFFF;

// Hidden-ness is split by cause because the causes combine differently:
// nothing re-shows a display:none subtree, but a descendant can set
// visibility:visible, a readable size or its own colour.
enum StyleFlag : uint8_t {
  kDisplayNone = 1,  // display:none, or the hidden attribute
  kInvisible = 2,    // visibility:hidden|collapse
  kTinyFont = 4,     // font-size 0 or 1 (px, pt), <= 0.1em, <= 10%
  kTransparent = 8,  // opacity:0
  kPre = 16,         // <pre>: line breaks in the text are kept
};

// The inherited state of one element. A copy of the parent's, then changed by
// the element's own attributes and style.
struct Style {
  uint32_t fg = kNoColour;  // text colour; unset means the reader's default
  uint32_t bg = kWhite;     // mail clients show an unstyled body on white
  uint8_t flags = 0;        // StyleFlag
};

// Whether text with this style is invisible: hidden by a flag, or drawn in
// its background colour. A text colour never set is never "equal".
bool Hidden(const Style& style);

// What hides text of this style, for people: "display:none",
// "visibility:hidden", "font-size 0-1", "opacity:0", "text colour equal to
// its background"; "" when it is not hidden.
std::string_view HiddenCause(const Style& style);

// A colour as written in CSS or a legacy attribute: #fff, #ffffff, ffffff,
// rgb(255, 255, 255), rgb(100%, 100%, 100%), or a common name (white, black,
// red, grey...). Returns kNoColour when unreadable, which includes
// "transparent" and "inherit": they change nothing.
uint32_t ParseColour(std::string_view text);

// Applies the declarations of a style attribute (`css`, entities already
// decoded) to `style`, in order so later ones win. `parent` is what relative
// sizes and "display:block" fall back to. Class rules from <style> blocks are
// not resolved; an unreadable declaration is skipped.
void ApplyInlineStyle(std::string_view css, const Style& parent, Style* style);

// Appends each non-empty url(...) in CSS text to `out`, unquoted and trimmed.
void ExtractCssUrls(std::string_view css, std::vector<std::string>* out);

}  // namespace inboxsim::mime::detail

#endif  // INBOXSIM_MIME_HTML_STYLE_H_
