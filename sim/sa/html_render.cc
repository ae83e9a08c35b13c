#include "sim/sa/html_render.h"

#include <map>
#include <string>

#include "sim/core/text.h"
#include "sim/mime/html.h"
#include "sim/sa/uri_resolve.h"

namespace inboxsim::sa::detail {
namespace {

using Attributes = std::map<std::string, std::string, std::less<>>;

bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsTagNameChar(char c) {
  return IsAsciiAlpha(c) || (c >= '0' && c <= '9') || c == '_' || c == ':' ||
         c == '.' || c == '-';
}
bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// What HTML.pm does to the source before HTML::Parser reads it: &nbsp; is a
// space, "<br/>" is "<br>", curly double quotes are straight (they break
// attribute parsing otherwise).
std::string Prepare(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  for (size_t i = 0; i < html.size();) {
    if (html.compare(i, 6, "&nbsp;") == 0) {
      out.push_back(' ');
      i += 6;
    } else if (html.compare(i, 3, "\xE2\x80\x9C") == 0 ||
               html.compare(i, 3, "\xE2\x80\x9D") == 0) {
      out.push_back('"');
      i += 3;
    } else if (html[i] == '<' && i + 1 < html.size() &&
               (IsAsciiAlpha(html[i + 1]) || html[i + 1] == '_')) {
      // <(\w+)\s*/> -> <$1>
      size_t j = i + 1;
      while (j < html.size() && (IsAsciiAlpha(html[j]) || html[j] == '_' ||
                                 (html[j] >= '0' && html[j] <= '9'))) {
        ++j;
      }
      size_t k = j;
      while (k < html.size() && IsHtmlSpace(html[k])) ++k;
      if (html.compare(k, 2, "/>") == 0) {
        out.append(html.substr(i, j - i));
        out.push_back('>');
        i = k + 2;
      } else {
        out.append(html.substr(i, j - i));
        i = j;
      }
    } else {
      out.push_back(html[i++]);
    }
  }
  return out;
}

std::string Decoded(std::string_view text) {
  std::string out;
  mime::DecodeHtmlEntities(text, &out);
  return out;
}

// Trims white space and NBSP (HTML.pm canon_uri).
std::string_view TrimUri(std::string_view uri) {
  const auto leading = [&] {
    if (!uri.empty() && IsHtmlSpace(uri.front())) return size_t{1};
    if (uri.substr(0, 2) == "\xC2\xA0") return size_t{2};
    return size_t{0};
  };
  const auto trailing = [&] {
    if (!uri.empty() && IsHtmlSpace(uri.back())) return size_t{1};
    if (uri.size() >= 2 && uri.substr(uri.size() - 2) == "\xC2\xA0")
      return size_t{2};
    return size_t{0};
  };
  for (size_t n = leading(); n != 0; n = leading()) uri.remove_prefix(n);
  for (size_t n = trailing(); n != 0; n = trailing()) uri.remove_suffix(n);
  return uri;
}

class Renderer {
 public:
  SaHtml Run(std::string_view html) {
    size_t pos = 0;
    size_t text_start = 0;
    while (pos < html.size()) {
      const size_t lt = html.find('<', pos);
      if (lt == std::string_view::npos) break;
      pending_text_ = html.substr(text_start, lt - text_start);
      const size_t end = Markup(html, lt);
      if (end == lt) {  // a "<" that opens nothing is text
        pos = lt + 1;
        continue;
      }
      pos = text_start = end;
    }
    Text(html.substr(text_start));
    return std::move(result_);
  }

 private:
  // Reads the markup at html[lt] == '<'; returns the position after it, or
  // lt when it is not markup.
  size_t Markup(std::string_view html, size_t lt) {
    const std::string_view rest = html.substr(lt);
    if (rest.substr(0, 4) == "<!--") {
      const size_t close = html.find("-->", lt + 4);
      if (close == std::string_view::npos) return lt;
      FlushText();
      return close + 3;
    }
    if (rest.size() > 1 && (rest[1] == '!' || rest[1] == '?')) {
      const size_t close = html.find('>', lt);
      if (close == std::string_view::npos) return lt;
      FlushText();
      return close + 1;
    }
    const bool is_end = rest.size() > 1 && rest[1] == '/';
    const size_t name_start = lt + (is_end ? 2 : 1);
    if (name_start >= html.size() || !IsAsciiAlpha(html[name_start])) return lt;
    size_t i = name_start;
    while (i < html.size() && IsTagNameChar(html[i])) ++i;
    const std::string name =
        ToLowerAscii(html.substr(name_start, i - name_start));
    Attributes attributes;
    const size_t close = ReadAttributes(html, i, &attributes);
    if (close == std::string_view::npos) return lt;
    FlushText();
    Tag(name, is_end, attributes);
    size_t after = close + 1;
    if (!is_end && (name == "script" || name == "style")) {
      // Their content is not text; HTML::Parser reads it literally up to
      // the end tag.
      after = FindEndTag(html, after, name);
    }
    return after;
  }

  static size_t FindEndTag(std::string_view html, size_t from,
                           std::string_view name) {
    for (size_t pos = html.find("</", from); pos != std::string_view::npos;
         pos = html.find("</", pos + 2)) {
      if (EqualsIgnoreCase(html.substr(pos + 2, name.size()), name)) {
        return pos;  // the end tag itself is read as markup next
      }
    }
    return html.size();
  }

  // Attributes up to the closing '>' (quoted values may hold '>'); returns
  // the position of that '>', or npos when the tag never closes.
  static size_t ReadAttributes(std::string_view html, size_t i,
                               Attributes* attributes) {
    while (i < html.size()) {
      while (i < html.size() && (IsHtmlSpace(html[i]) || html[i] == '/')) ++i;
      if (i >= html.size()) return std::string_view::npos;
      if (html[i] == '>') return i;
      const size_t name_start = i;
      while (i < html.size() && !IsHtmlSpace(html[i]) && html[i] != '=' &&
             html[i] != '>') {
        ++i;
      }
      std::string name = ToLowerAscii(html.substr(name_start, i - name_start));
      size_t j = i;
      while (j < html.size() && IsHtmlSpace(html[j])) ++j;
      std::string value;
      if (j < html.size() && html[j] == '=') {
        ++j;
        while (j < html.size() && IsHtmlSpace(html[j])) ++j;
        if (j < html.size() && (html[j] == '"' || html[j] == '\'')) {
          const size_t quote_end = html.find(html[j], j + 1);
          if (quote_end == std::string_view::npos) return quote_end;
          value = Decoded(html.substr(j + 1, quote_end - j - 1));
          i = quote_end + 1;
        } else {
          size_t k = j;
          while (k < html.size() && !IsHtmlSpace(html[k]) && html[k] != '>')
            ++k;
          value = Decoded(html.substr(j, k - j));
          i = k;
        }
      } else {
        value = name;  // HTML::Parser: a bare attribute's value is its name
      }
      attributes->emplace(std::move(name), std::move(value));
    }
    return std::string_view::npos;
  }

  void Tag(const std::string& name, bool is_end, const Attributes& attrs) {
    if (name == "br" || name == "div") {
      Whitespace("\n");
    } else if (name == "li" || name == "th" || name == "td" || name == "dt" ||
               name == "dd" || name == "embed" ||
               (name.size() == 2 && name[0] == 'h' && name[1] >= '0' &&
                name[1] <= '9')) {
      Whitespace(" ");
    } else if (name == "p" || name == "hr" || name == "blockquote" ||
               name == "pre" || name == "listing" || name == "plaintext" ||
               name == "xmp" || name == "title") {
      Whitespace("\n\n");
    }
    if (!is_end) Links(name, attrs);
  }

  // HTML.pm html_uri: which attribute of which tag is a link.
  void Links(const std::string& name, const Attributes& attrs) {
    const auto get = [&](std::string_view key) -> const std::string* {
      const auto found = attrs.find(key);
      return found == attrs.end() ? nullptr : &found->second;
    };
    if (name == "body" || name == "table" || name == "tr" || name == "td") {
      if (const std::string* v = get("background")) Push(*v);
    } else if (name == "a" || name == "area" || name == "link") {
      if (const std::string* v = get("href")) {
        std::string href = *v;
        // The byte order mark (U+FEFF) hides nothing from a browser.
        for (size_t at; (at = href.find("\xEF\xBB\xBF")) != std::string::npos;)
          href.erase(at, 3);
        Push(href);
      }
      if (const std::string* v = get("data-saferedirecturl")) Push(*v);
    } else if (name == "img" || name == "frame" || name == "iframe" ||
               name == "embed" || name == "script" || name == "bgsound") {
      if (const std::string* v = get("src")) Push(*v);
    } else if (name == "form") {
      if (const std::string* v = get("action")) Push(*v);
    } else if (name == "base") {
      if (const std::string* v = get("href"); v != nullptr && !v->empty()) {
        Base(*v);
      }
    } else if (name == "meta") {
      const std::string* equiv = get("http-equiv");
      const std::string* content = get("content");
      if (equiv != nullptr && content != nullptr &&
          ToLowerAscii(*equiv).find("refresh") != std::string::npos) {
        const std::string lower = ToLowerAscii(*content);
        const size_t url = lower.find("url");
        if (url != std::string::npos) {
          size_t k = url + 3;
          while (k < lower.size() && IsHtmlSpace(lower[k])) ++k;
          if (k < lower.size() && lower[k] == '=') {
            ++k;
            while (k < lower.size() && IsHtmlSpace(lower[k])) ++k;
            std::string_view target = std::string_view(*content).substr(k);
            const size_t semicolon = target.find(';');
            if (semicolon != std::string_view::npos)
              target = TrimAscii(target.substr(0, semicolon));
            Push(target);
          }
        }
      }
    }
  }

  void Push(std::string_view raw) {
    const std::string_view uri = TrimUri(raw);
    if (uri.empty()) return;
    const std::string lower = ToLowerAscii(uri.substr(0, 5));
    if (lower.rfind("data:", 0) == 0 || lower.rfind("mailto:", 0) == 0 ||
        lower.rfind("file:", 0) == 0 || lower.rfind("cid:", 0) == 0 ||
        lower.rfind("tel:", 0) == 0 || StartsWithIgnoreCase(uri, "mailto:")) {
      result_.uris.emplace_back(uri);
      return;
    }
    std::string target = ResolveUri(base_href_, uri);
    if (!target.empty()) result_.uris.push_back(std::move(target));
  }

  void Base(std::string_view raw) {
    std::string uri(TrimUri(raw));
    Push(uri);
    const std::string lower = ToLowerAscii(uri);
    if (lower.rfind("http:", 0) != 0 && lower.rfind("https:", 0) != 0 &&
        lower.rfind("ftp:", 0) != 0) {
      return;
    }
    // s@^([a-z]+:/{0,2}[^/]+/.*?)[^/\.]+\.[^/\.]{2,4}$@$1@i: drop a file name.
    const size_t host = uri.find_first_not_of('/', uri.find(':') + 1);
    const size_t path = host == std::string::npos ? host : uri.find('/', host);
    if (path != std::string::npos) {
      const size_t last_slash = uri.rfind('/');
      const std::string_view file =
          std::string_view(uri).substr(last_slash + 1);
      const size_t dot = file.find('.');
      if (last_slash >= path && dot != std::string_view::npos && dot > 0 &&
          file.find('.', dot + 1) == std::string_view::npos &&
          file.size() - dot - 1 >= 2 && file.size() - dot - 1 <= 4) {
        uri.resize(last_slash + 1);
      }
    }
    if (uri.empty() || uri.back() != '/') uri.push_back('/');
    base_href_ = uri;
  }

  // The text before markup just found is a chunk of its own.
  void FlushText() {
    Text(pending_text_);
    pending_text_ = {};
  }

  // HTML.pm display_text for a text chunk.
  void Text(std::string_view raw) {
    if (raw.empty()) return;
    std::string text;
    bool in_space = false;
    for (const char c : Decoded(raw)) {
      if (IsHtmlSpace(c)) {
        if (!in_space) text.push_back(' ');
        in_space = true;
      } else {
        text.push_back(c);
        in_space = false;
      }
    }
    if (last_is_whitespace_ && !text.empty() && text.front() == ' ')
      text.erase(0, 1);
    result_.text += text;
    last_size_ = text.size();
    last_is_whitespace_ = false;
    has_element_ = true;
  }

  // HTML.pm display_text for the white space a tag stands for.
  void Whitespace(std::string_view space) {
    if (has_element_ && !last_is_whitespace_ && last_size_ > 0 &&
        result_.text.back() == ' ') {
      result_.text.pop_back();
    }
    result_.text += space;
    last_size_ = space.size();
    last_is_whitespace_ = true;
    has_element_ = true;
  }

  std::string_view pending_text_;
  SaHtml result_;
  std::string base_href_;
  bool has_element_ = false;
  bool last_is_whitespace_ = false;
  size_t last_size_ = 0;
};

}  // namespace

SaHtml RenderHtmlAsSa(std::string_view html) {
  return Renderer().Run(Prepare(html));
}

}  // namespace inboxsim::sa::detail
