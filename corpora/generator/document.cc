#include "corpora/generator/document.h"

#include <algorithm>

namespace inboxsim::gen::detail {
namespace {

// Table cells in plain text are padded to this width so columns line up.
constexpr size_t kPlainTableColumn = 36;
// Quoted text wraps a little narrower so "> " prefixes stay within 72.
constexpr size_t kQuoteWrapColumn = 70;

void AppendEscaped(std::string_view text, std::string& out) {
  size_t pos = 0;
  while (pos < text.size()) {
    // Copy the run up to the next character that needs an entity.
    const size_t special = text.find_first_of("&<>\"", pos);
    const size_t end =
        special == std::string_view::npos ? text.size() : special;
    out.append(text, pos, end - pos);
    if (end == text.size()) return;
    switch (text[end]) {
      case '&':
        out.append("&amp;");
        break;
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      default:
        out.append("&quot;");
        break;
    }
    pos = end + 1;
  }
}

// Escaped text wrapped for HTML source: escape first, then wrap, so an
// entity is never split.
void AppendHtmlText(std::string_view text, std::string& out) {
  std::string escaped;
  escaped.reserve(text.size() + text.size() / 16);
  AppendEscaped(text, escaped);
  AppendWrapped(escaped, kHtmlWrapColumn, "", out);
}

// Calls f(paragraph) for each "\n\n"-separated piece of `text`.
template <typename F>
void ForEachParagraph(std::string_view text, F f) {
  size_t pos = 0;
  while (pos <= text.size()) {
    const size_t end = text.find("\n\n", pos);
    f(text.substr(pos, end == std::string_view::npos ? std::string_view::npos
                                                     : end - pos));
    if (end == std::string_view::npos) break;
    pos = end + 2;
  }
}

template <typename F>
void ForEachLine(std::string_view text, char separator, F f) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(separator, pos);
    if (end == std::string_view::npos) end = text.size();
    f(text.substr(pos, end - pos));
    pos = end + 1;
  }
}

void RenderPlainTable(std::string_view table, std::string& out) {
  ForEachLine(table, '\n', [&](std::string_view row) {
    bool first = true;
    ForEachLine(row, '\t', [&](std::string_view cell) {
      if (!first) out.append("  ");
      out.append(cell);
      if (first && cell.size() < kPlainTableColumn) {
        out.append(kPlainTableColumn - cell.size(), ' ');
      }
      first = false;
    });
    out.push_back('\n');
  });
  out.push_back('\n');
}

void RenderHtmlTable(std::string_view table, std::string& out) {
  out.append(
      "<table border=\"0\" cellpadding=\"4\" cellspacing=\"0\" "
      "width=\"100%\">\n");
  ForEachLine(table, '\n', [&](std::string_view row) {
    out.append("<tr>");
    ForEachLine(row, '\t', [&](std::string_view cell) {
      out.append("<td>");
      AppendEscaped(cell, out);
      out.append("</td>");
    });
    out.append("</tr>\n");
  });
  out.append("</table>\n");
}

void RenderHidden(const Block& block, std::string& out) {
  switch (block.variant) {
    case kHiddenDisplayNone:
      out.append("<div style=\"display:none\">\n");
      break;
    case kHiddenFontSizeZero:
      out.append("<div style=\"font-size:0px;line-height:0\">\n");
      break;
    default:
      out.append("<div style=\"color:#ffffff;background-color:#ffffff\">\n");
      break;
  }
  AppendHtmlText(block.text, out);
  out.append("</div>\n");
}

}  // namespace

void AppendWrapped(std::string_view text, size_t width, std::string_view prefix,
                   std::string& out) {
  size_t pos = 0;
  while (pos < text.size() && text[pos] == ' ') ++pos;
  while (pos < text.size()) {
    out.append(prefix);
    size_t line_end = pos;  // end of the last word that fits
    size_t scan = pos;
    while (scan < text.size()) {
      size_t word_end = text.find(' ', scan);
      if (word_end == std::string_view::npos) word_end = text.size();
      if (word_end - pos > width && line_end > pos) break;
      line_end = word_end;
      scan = word_end + 1;
      if (word_end - pos >= width) break;
    }
    out.append(text.substr(pos, line_end - pos));
    out.push_back('\n');
    pos = line_end;
    while (pos < text.size() && text[pos] == ' ') ++pos;
  }
}

void RenderPlain(const Document& doc, std::string& out) {
  for (const Block& block : doc.blocks) {
    switch (block.kind) {
      case BlockKind::kParagraph:
        AppendWrapped(block.text, kPlainWrapColumn, "", out);
        out.push_back('\n');
        break;
      case BlockKind::kHeading:
        out.append(block.text).push_back('\n');
        out.append(std::min(block.text.size(), kPlainWrapColumn), '=')
            .append("\n\n");
        break;
      case BlockKind::kQuote: {
        const std::string_view prefix = block.variant == 1 ? ">" : "> ";
        bool first = true;
        ForEachParagraph(block.text, [&](std::string_view paragraph) {
          if (!first) out.append(">\n");
          AppendWrapped(paragraph, kQuoteWrapColumn, prefix, out);
          first = false;
        });
        out.push_back('\n');
        break;
      }
      case BlockKind::kPreformatted:
        out.append(block.text);
        if (!block.text.empty() && block.text.back() != '\n')
          out.push_back('\n');
        out.push_back('\n');
        break;
      case BlockKind::kLink:
        // Plain-text mailers show the URL itself; a long one gets its own line.
        out.append(block.text).append(":\n").append(block.url).append("\n\n");
        break;
      case BlockKind::kImage:
        if (!block.text.empty())
          out.append("[").append(block.text).append("]\n\n");
        break;
      case BlockKind::kTable:
        RenderPlainTable(block.text, out);
        break;
      case BlockKind::kRule:
        out.append("----------------------------------------\n\n");
        break;
      case BlockKind::kHiddenText:
      case BlockKind::kForm:
      case BlockKind::kScript:
        break;  // HTML-only devices
    }
  }
}

void RenderHtml(const Document& doc, const HtmlOptions& options,
                std::string& out) {
  out.append(
      "<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv=\"Content-Type\" "
      "content=\"text/html; charset=");
  out.append(options.charset).append("\">\n<title>");
  AppendEscaped(options.title, out);
  out.append(
      "</title>\n<style>body{font-family:Arial,sans-serif;font-size:14px}"
      "</style>\n</head>\n");
  out.append(options.onload_handler
                 ? "<body onload=\"window.focus();track()\">\n"
                 : "<body>\n");
  if (options.newsletter_layout) {
    out.append(
        "<table width=\"600\" align=\"center\" cellpadding=\"0\" "
        "cellspacing=\"0\" border=\"0\">\n<tr><td style=\"padding:20px\">\n");
  }
  for (const Block& block : doc.blocks) {
    switch (block.kind) {
      case BlockKind::kParagraph:
        out.append("<p>\n");
        AppendHtmlText(block.text, out);
        out.append("</p>\n");
        break;
      case BlockKind::kHeading:
        out.append("<h2>");
        AppendEscaped(block.text, out);
        out.append("</h2>\n");
        break;
      case BlockKind::kQuote:
        out.append(
            "<blockquote style=\"border-left:2px solid "
            "#ccc;padding-left:8px\">\n");
        ForEachParagraph(block.text, [&](std::string_view paragraph) {
          out.append("<p>\n");
          AppendHtmlText(paragraph, out);
          out.append("</p>\n");
        });
        out.append("</blockquote>\n");
        break;
      case BlockKind::kPreformatted:
        out.append("<pre>");
        AppendEscaped(block.text, out);
        out.append("</pre>\n");
        break;
      case BlockKind::kLink:
        out.append("<p><a href=\"");
        AppendEscaped(block.url, out);
        out.append("\"");
        if (options.mouseover_links) {
          out.append(" onmouseover=\"window.status='");
          AppendEscaped(
              block.display_url.empty() ? block.text : block.display_url, out);
          out.append("';return true\"");
        }
        out.append(">\n");
        AppendHtmlText(
            block.display_url.empty() ? block.text : block.display_url, out);
        out.append("</a></p>\n");
        break;
      case BlockKind::kImage:
        out.append("<img src=\"");
        AppendEscaped(block.url, out);
        out.append("\" alt=\"");
        AppendEscaped(block.text, out);
        out.append("\" width=\"600\" border=\"0\">\n");
        break;
      case BlockKind::kTable:
        RenderHtmlTable(block.text, out);
        break;
      case BlockKind::kHiddenText:
        RenderHidden(block, out);
        break;
      case BlockKind::kForm:
        out.append("<form action=\"");
        AppendEscaped(block.url, out);
        out.append(
            "\" method=\"post\">\n<p>Email: <input type=\"text\" "
            "name=\"email\"></p>\n"
            "<p>Password: <input type=\"password\" name=\"pass\"></p>\n"
            "<input type=\"submit\" value=\"Sign in\">\n</form>\n");
        break;
      case BlockKind::kScript:
        out.append("<script type=\"text/javascript\">\n").append(block.text);
        out.append("\n</script>\n");
        break;
      case BlockKind::kRule:
        out.append("<hr>\n");
        break;
    }
  }
  if (options.newsletter_layout) out.append("</td></tr>\n</table>\n");
  out.append("</body>\n</html>\n");
}

}  // namespace inboxsim::gen::detail
