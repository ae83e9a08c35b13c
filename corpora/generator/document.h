// A message body as a list of blocks, rendered either as wrapped plain text
// or as HTML, so a multipart/alternative message says the same thing in
// both parts as real mailers do.
//
//   Document doc;
//   doc.Add(BlockKind::kParagraph, "Hi Ana, the report is attached.");
//   doc.AddLink("Read more", "https://example.com/post?id=7");
//   std::string plain, html;
//   RenderPlain(doc, plain);
//   RenderHtml(doc, HtmlOptions{.title = "Report"}, html);
//
// Text is UTF-8; the caller transcodes and applies a transfer encoding.
// Both renderers keep every line well under the 998-byte limit of RFC 5322
// by wrapping at spaces (a single over-long token gets a line of its own).
#ifndef INBOXSIM_CORPORA_GENERATOR_DOCUMENT_H_
#define INBOXSIM_CORPORA_GENERATOR_DOCUMENT_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace inboxsim::gen::detail {

// Plain text wraps at 72 columns like most mail clients.
constexpr size_t kPlainWrapColumn = 72;
// HTML source wraps a little wider; browsers ignore the breaks.
constexpr size_t kHtmlWrapColumn = 76;

enum class BlockKind {
  kParagraph,     // text
  kHeading,       // text
  kQuote,         // text (paragraphs separated by "\n\n"); variant 1 = ">"
  kPreformatted,  // text kept line for line (signatures, code, footers)
  kLink,          // text shown, url as href; display_url if phishing style
  kImage,         // url (remote or "cid:"), text = alt
  kTable,         // text: rows separated by '\n', cells by '\t'
  kHiddenText,    // text hidden from the reader; variant picks the trick
  kForm,          // url = action; a credential form
  kScript,        // text = script body
  kRule,          // a horizontal separator
};

// Tricks spam uses to hide text from readers but not from filters.
enum HiddenStyle {
  kHiddenDisplayNone = 0,
  kHiddenFontSizeZero = 1,
  kHiddenWhiteOnWhite = 2,
  kHiddenStyleCount = 3,
};

struct Block {
  BlockKind kind;
  std::string text;
  std::string url;
  // Shown as the link text instead of `text` in HTML when non-empty: a URL
  // naming another domain than the href, the classic phishing tell.
  std::string display_url;
  int variant = 0;
};

struct Document {
  std::vector<Block> blocks;

  Block& Add(BlockKind kind, std::string text, std::string url = {}) {
    blocks.push_back(Block{kind, std::move(text), std::move(url), {}, 0});
    return blocks.back();
  }
  Block& AddLink(std::string text, std::string url) {
    return Add(BlockKind::kLink, std::move(text), std::move(url));
  }
};

struct HtmlOptions {
  std::string_view title;
  std::string_view charset = "utf-8";
  bool newsletter_layout = false;  // 600px table layout of bulk mailers
  bool onload_handler = false;     // <body onload=...>, a spam tell
  bool mouseover_links = false;    // onmouseover on links
};

// Appends `text` wrapped at `width`, each line starting with `prefix` and
// ending in "\n".
void AppendWrapped(std::string_view text, size_t width, std::string_view prefix,
                   std::string& out);

void RenderPlain(const Document& doc, std::string& out);
void RenderHtml(const Document& doc, const HtmlOptions& options,
                std::string& out);

}  // namespace inboxsim::gen::detail

#endif  // INBOXSIM_CORPORA_GENERATOR_DOCUMENT_H_
