// A single forward pass over the bytes: text runs between '<' are decoded
// straight into their destination, each '<' is a tag, comment or literal, and
// an element stack of fixed depth carries what inline style says about
// visibility. Every loop advances the position, and every search (for "-->",
// "</script", a closing quote) starts where the last one stopped, so the cost
// is linear whatever the input.
#include "sim/mime/html.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>

#include "sim/core/text.h"
#include "sim/mime/charset.h"
#include "sim/mime/html_entities.h"
#include "sim/mime/html_style.h"
#include "sim/mime/html_tags.h"

namespace inboxsim::mime {
namespace {

using detail::Bit;
using detail::kBreaks;
using detail::kDisplayNone;
using detail::kHeadContent;
using detail::kImageBackground;
using detail::kInvisible;
using detail::kNoColour;
using detail::kPre;
using detail::kSpaced;
using detail::kTransparent;
using detail::kVoid;
using detail::ParseColour;
using detail::ReadTagName;
using detail::TagInfo;
using detail::TagKind;
using detail::TagName;

// Deeper nesting is almost always unclosed <font> or <p> soup; past this the
// stack stops tracking new elements (their style is ignored) rather than grow.
constexpr int kMaxDepth = 256;
// How far down the stack an implied end tag (<li> closing the previous <li>)
// looks, so "<li>" repeated under a deep stack stays linear.
constexpr int kMaxImpliedSearch = 32;
// Anchor text beyond this is not what the link "says" any more; the cap keeps
// an unclosed <a> from copying the whole body.
constexpr size_t kMaxLinkTextBytes = 4096;
// Attribute names we read are at most this long ("background").
constexpr size_t kMaxKnownAttributeName = 10;

// One open element: its identity and the style its content inherits.
struct Frame : detail::Style {
  uint64_t id = 0;
  int32_t link = -1;  // index in links of the <a> this element opened
  TagKind kind = TagKind::kOther;
};

// href="javascript:..." after the URL parser's clean-up: leading spaces and
// controls dropped, tabs and newlines inside ignored ("java\tscript:"), case
// ignored.
bool IsScriptUrl(std::string_view url) {
  size_t begin = 0;
  while (begin < url.size() && static_cast<uint8_t>(url[begin]) <= 0x20) {
    ++begin;
  }
  const auto has_scheme = [&](std::string_view scheme) {
    size_t k = 0;
    for (size_t j = begin; j < url.size() && k < scheme.size(); ++j) {
      const char c = url[j];
      if (c == '\t' || c == '\n' || c == '\r') continue;
      if (ToLowerAscii(c) != scheme[k]) return false;
      ++k;
    }
    return k == scheme.size();
  };
  return has_scheme("javascript:") || has_scheme("vbscript:");
}

// ---------------------------------------------------------------------------
// Text

// What the text loop stops on; everything else is copied in runs.
enum TextClass : uint8_t { kPlain, kSpace, kAmpersand, kUtf8Lead };

constexpr std::array<uint8_t, 256> kTextClass = [] {
  std::array<uint8_t, 256> t{};
  for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) {
    t[static_cast<uint8_t>(c)] = kSpace;
  }
  t['&'] = kAmpersand;
  // Leads of U+00A0/U+00AD, U+2000..U+206F and U+FEFF: spaces and
  // zero-width characters that split words without showing.
  t[0xC2] = t[0xE2] = t[0xEF] = kUtf8Lead;
  return t;
}();

bool IsSpaceCodePoint(uint32_t cp) {
  return (cp < 0x80 && IsSpaceAscii(static_cast<char>(cp))) || cp == 0xA0 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// Shows nothing, so "Vi&shy;agra" reads as "Viagra".
bool IsInvisibleCodePoint(uint32_t cp) {
  return cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
         cp == 0xFEFF;
}

// The code point of a well-formed 2- or 3-byte sequence at `s`, else 0.
uint32_t DecodeUtf8Sequence(std::string_view s, size_t* length) {
  const auto cont = [&](size_t i) {
    return i < s.size() && (static_cast<uint8_t>(s[i]) & 0xC0) == 0x80;
  };
  const uint8_t lead = static_cast<uint8_t>(s[0]);
  if ((lead & 0xE0) == 0xC0 && cont(1)) {
    *length = 2;
    return (lead & 0x1F) << 6 | (s[1] & 0x3F);
  }
  if ((lead & 0xF0) == 0xE0 && cont(1) && cont(2)) {
    *length = 3;
    return (lead & 0x0F) << 12 | (s[1] & 0x3F) << 6 | (s[2] & 0x3F);
  }
  return 0;
}

// ---------------------------------------------------------------------------
// The extractor

// What ends an attribute name or value; a table because attributes are where
// the tokenizer spends its time.
enum TagClass : uint8_t {
  kTagSpace = 1,
  kTagSlash = 2,
  kTagEnd = 4,  // '>'
  kTagEquals = 8,
};

constexpr std::array<uint8_t, 256> kTagClass = [] {
  std::array<uint8_t, 256> t{};
  for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) {
    t[static_cast<uint8_t>(c)] = kTagSpace;
  }
  t['/'] = kTagSlash;
  t['>'] = kTagEnd;
  t['='] = kTagEquals;
  return t;
}();

enum Attribute : uint8_t {
  kAttrHref,
  kAttrSrc,
  kAttrBackground,
  kAttrType,
  kAttrAction,
  kAttrData,
  kAttrStyle,
  kAttrColor,
  kAttrBgcolor,
  kAttrText,
  kAttrHidden,
  kAttributeCount,
};

// The attribute values a tag has, as written (views into the HTML); the first
// occurrence of a name wins, as in browsers. Only the presence mask is
// initialised, so a tag doesn't pay to clear a dozen views.
class Attributes {
 public:
  bool has(Attribute a) const { return present_ & (1u << a); }
  // A null view when absent; a non-null empty one for `<a href>`.
  std::string_view get(Attribute a) const {
    return has(a) ? std::string_view(begin_[a], size_[a]) : std::string_view();
  }
  void Set(Attribute a, std::string_view value) {
    if (has(a)) return;
    present_ |= 1u << a;
    begin_[a] = value.data();
    size_[a] = value.size();
  }

 private:
  uint32_t present_ = 0;
  const char* begin_[kAttributeCount];
  size_t size_[kAttributeCount];
};

class Extractor {
 public:
  Extractor(std::string_view html, HtmlFacts* facts)
      : html_(html), facts_(facts) {}

  void Run();

 private:
  enum class Sink { kVisible, kHidden, kTitle, kDiscard };

  const Frame& top() const { return stack_[depth_ - 1]; }
  Sink CurrentSink() const {
    if (in_head_) return Sink::kDiscard;
    return detail::Hidden(top()) ? Sink::kHidden : Sink::kVisible;
  }

  // Position of the next `c` at or after `from`, or html_.size().
  size_t Find(char c, size_t from) const {
    if (from >= html_.size()) return html_.size();
    const void* p = std::memchr(html_.data() + from, c, html_.size() - from);
    return p == nullptr ? html_.size()
                        : static_cast<const char*>(p) - html_.data();
  }
  // Position just past the next `c`, or html_.size() if there is none.
  size_t SkipPast(char c, size_t from) const {
    const size_t at = Find(c, from);
    return at == html_.size() ? at : at + 1;
  }

  // Text
  void Text(size_t begin, size_t end, Sink sink);
  void Emit(Sink sink, const char* p, size_t n);
  void Space(Sink sink);
  void Break(Sink sink);
  void EmitCodePoint(Sink sink, uint32_t cp);

  // Markup
  size_t Markup(size_t lt);
  size_t StartTag(size_t lt);
  size_t EndTag(size_t lt);
  size_t ParseAttributes(size_t i, Attributes* attrs);
  void OnAttribute(std::string_view name, std::string_view value,
                   Attributes* attrs);
  void Facts(TagKind kind, const Attributes& attrs);
  size_t RawText(size_t begin, TagKind kind);

  // Stack
  void Push(const Frame& f);
  void PopTo(int depth);
  void CloseImplied(uint64_t close, uint64_t stop);
  void BlockEdge(const TagInfo& info, const Frame& f);

  void AddUrl(std::string_view raw, std::vector<std::string>* out);
  std::string_view Decoded(std::string_view raw, std::string* scratch);
  void OpenLink(std::string href);
  void FinishLink();

  std::string_view html_;
  HtmlFacts* facts_;

  std::array<Frame, kMaxDepth> stack_;
  int depth_ = 1;      // stack_[0] is the document: no colour on white
  int untracked_ = 0;  // elements opened past kMaxDepth, not yet closed
  // Open elements per id bucket, so an end tag matching nothing is rejected
  // without walking the stack.
  std::array<uint16_t, 256> open_count_{};

  bool in_head_ = false;
  bool body_started_ = false;

  bool link_open_ = false;
  int32_t link_index_ = -1;
  size_t link_text_begin_ = 0;

  // Separators owed before the next word, per sink.
  bool pending_space_ = false;
  bool pending_break_ = false;
  bool title_pending_space_ = false;
  bool hidden_pending_space_ = false;
  bool hidden_has_text_ = false;

  // Searches that found nothing from here on, so repeating them (a hundred
  // unclosed <title>s) doesn't rescan the rest of the input each time.
  size_t title_close_absent_from_ = std::string_view::npos;
  size_t cdata_close_absent_from_ = std::string_view::npos;

  std::string scratch_;
};

void Extractor::Run() {
  // Room for the usual yield up front; growth stays geometric, so many small
  // parts appended one by one don't reallocate each time.
  std::string& text = facts_->visible_text;
  const size_t wanted = text.size() + html_.size() / 2;
  if (text.capacity() < wanted) {
    text.reserve(std::max(wanted, 2 * text.capacity()));
  }
  pending_break_ = true;  // a second HTML part starts on its own line
  size_t pos = 0;
  while (pos < html_.size()) {
    const void* lt = std::memchr(html_.data() + pos, '<', html_.size() - pos);
    const size_t end = lt == nullptr
                           ? html_.size()
                           : static_cast<const char*>(lt) - html_.data();
    if (end > pos) Text(pos, end, CurrentSink());
    if (lt == nullptr) break;
    pos = Markup(end);
  }
  FinishLink();
}

void Extractor::Emit(Sink sink, const char* p, size_t n) {
  switch (sink) {
    case Sink::kVisible: {
      std::string& out = facts_->visible_text;
      if (!out.empty()) {
        if (pending_break_) {
          if (out.back() != '\n') out.push_back('\n');
        } else if (pending_space_ && out.back() != '\n') {
          out.push_back(' ');
        }
      }
      pending_break_ = pending_space_ = false;
      body_started_ = true;
      out.append(p, n);
      break;
    }
    case Sink::kHidden:
      if (hidden_pending_space_ && hidden_has_text_) {
        ++facts_->hidden_text_bytes;
      }
      facts_->hidden_text_bytes += n;
      hidden_pending_space_ = false;
      hidden_has_text_ = true;
      break;
    case Sink::kTitle:
      if (title_pending_space_ && !facts_->title.empty()) {
        facts_->title.push_back(' ');
      }
      title_pending_space_ = false;
      facts_->title.append(p, n);
      break;
    case Sink::kDiscard:
      break;
  }
}

void Extractor::Space(Sink sink) {
  if (sink == Sink::kVisible) pending_space_ = true;
  if (sink == Sink::kHidden) hidden_pending_space_ = true;
  if (sink == Sink::kTitle) title_pending_space_ = true;
}

void Extractor::Break(Sink sink) {
  if (sink == Sink::kVisible) {
    pending_break_ = true;
  } else {
    Space(sink);
  }
}

void Extractor::EmitCodePoint(Sink sink, uint32_t cp) {
  if (IsSpaceCodePoint(cp)) return Space(sink);
  if (IsInvisibleCodePoint(cp)) return;
  char utf8[4];
  Emit(sink, utf8, EncodeUtf8(cp, utf8));
}

void Extractor::Text(size_t begin, size_t end, Sink sink) {
  if (sink == Sink::kDiscard) return;
  const bool pre = sink == Sink::kVisible && (top().flags & kPre);
  const char* s = html_.data();
  size_t i = begin;
  while (i < end) {
    // A run of plain characters, taking in single spaces between them: they
    // need no collapsing, and a whole phrase costs one Emit.
    size_t j = i;
    while (j < end) {
      if (kTextClass[static_cast<uint8_t>(s[j])] == kPlain) {
        ++j;
      } else if (s[j] == ' ' && j > i && j + 1 < end &&
                 kTextClass[static_cast<uint8_t>(s[j + 1])] == kPlain) {
        j += 2;
      } else {
        break;
      }
    }
    if (j > i) Emit(sink, s + i, j - i);
    if (j == end) break;
    i = j;
    switch (kTextClass[static_cast<uint8_t>(s[i])]) {
      case kSpace:
        if (pre && s[i] == '\n') {
          Break(sink);
        } else {
          Space(sink);
        }
        ++i;
        break;
      case kAmpersand: {
        uint32_t cp = 0;
        const size_t used = detail::DecodeCharacterReference(
            std::string_view(s + i, end - i), /*in_attribute=*/false, &cp);
        if (used == 0) {
          Emit(sink, s + i, 1);
          ++i;
        } else {
          EmitCodePoint(sink, cp);
          i += used;
        }
        break;
      }
      default: {  // kUtf8Lead
        size_t length = 1;
        const uint32_t cp =
            DecodeUtf8Sequence(std::string_view(s + i, end - i), &length);
        if (cp != 0 && (IsSpaceCodePoint(cp) || IsInvisibleCodePoint(cp))) {
          EmitCodePoint(sink, cp);
          i += length;
        } else {
          Emit(sink, s + i, 1);  // the rest of the sequence is plain
          ++i;
        }
        break;
      }
    }
  }
}

size_t Extractor::Markup(size_t lt) {
  const size_t n = html_.size();
  const size_t i = lt + 1;
  const char next = i < n ? html_[i] : '\0';
  if (IsAlphaAscii(next)) return StartTag(lt);
  if (next == '/' && i + 1 < n) {
    if (IsAlphaAscii(html_[i + 1])) return EndTag(lt);
    return SkipPast('>', i + 1);  // "</>" or "</ junk>": a bogus comment
  }
  if (next == '!') {
    if (html_.substr(lt, 4) == "<!--") {
      const size_t body = lt + 4;
      if (body < n && html_[body] == '>') return body + 1;  // "<!-->"
      if (html_.substr(body, 2) == "->") return body + 2;   // "<!--->"
      const size_t close = html_.find("-->", body);
      return close == std::string_view::npos ? n : close + 3;  // unterminated
    }
    if (html_.substr(lt, 9) == "<![CDATA[" &&
        lt + 9 < cdata_close_absent_from_) {
      const size_t close = html_.find("]]>", lt + 9);
      if (close != std::string_view::npos) return close + 3;
      cdata_close_absent_from_ = lt + 9;
    }
    return SkipPast('>', i);  // <!DOCTYPE>, <![endif]>
  }
  if (next == '?') return SkipPast('>', i);  // <?xml ...?>
  // A '<' that opens nothing ("a < b", "1<2", "<" at the end) is text.
  Text(lt, lt + 1, CurrentSink());
  return lt + 1;
}

size_t Extractor::ParseAttributes(size_t i, Attributes* attrs) {
  const size_t n = html_.size();
  const auto is = [&](size_t k, uint8_t classes) {
    return (kTagClass[static_cast<uint8_t>(html_[k])] & classes) != 0;
  };
  while (i < n) {
    const char c = html_[i];
    if (c == '>') return i + 1;
    if (is(i, kTagSpace | kTagSlash)) {
      ++i;
      continue;
    }
    const size_t name_begin = i++;  // the first character, even '=', is name
    while (i < n && !is(i, kTagSpace | kTagSlash | kTagEnd | kTagEquals)) ++i;
    const std::string_view name = html_.substr(name_begin, i - name_begin);
    std::string_view value = html_.substr(i, 0);  // present but empty
    size_t j = i;
    while (j < n && is(j, kTagSpace)) ++j;
    if (j < n && html_[j] == '=') {
      ++j;
      while (j < n && is(j, kTagSpace)) ++j;
      if (j < n && (html_[j] == '"' || html_[j] == '\'')) {
        // An unclosed quote runs to the end, as in browsers.
        const size_t close = Find(html_[j], j + 1);
        value = html_.substr(j + 1, close - (j + 1));
        i = close == n ? n : close + 1;
      } else {
        const size_t value_begin = j;
        while (j < n && !is(j, kTagSpace | kTagEnd)) ++j;
        value = html_.substr(value_begin, j - value_begin);
        i = j;
      }
    }
    OnAttribute(name, value, attrs);
  }
  return n;
}

void Extractor::OnAttribute(std::string_view name, std::string_view value,
                            Attributes* attrs) {
  if (name.size() >= 3 && ToLowerAscii(name[0]) == 'o' &&
      ToLowerAscii(name[1]) == 'n' &&
      std::all_of(name.begin() + 2, name.end(), IsAlphaAscii)) {
    ++facts_->event_handler_count;
    return;
  }
  if (name.size() > kMaxKnownAttributeName) return;
  char buffer[kMaxKnownAttributeName];
  for (size_t k = 0; k < name.size(); ++k) buffer[k] = ToLowerAscii(name[k]);
  const std::string_view lower(buffer, name.size());
  Attribute a = kAttributeCount;
  switch (lower.size()) {
    case 3:
      if (lower == "src") a = kAttrSrc;
      break;
    case 4:
      a = lower == "href"   ? kAttrHref
          : lower == "type" ? kAttrType
          : lower == "data" ? kAttrData
          : lower == "text" ? kAttrText
                            : kAttributeCount;
      break;
    case 5:
      a = lower == "style"   ? kAttrStyle
          : lower == "color" ? kAttrColor
                             : kAttributeCount;
      break;
    case 6:
      a = lower == "action"   ? kAttrAction
          : lower == "hidden" ? kAttrHidden
                              : kAttributeCount;
      break;
    case 7:
      if (lower == "bgcolor") a = kAttrBgcolor;
      break;
    case 10:
      if (lower == "background") a = kAttrBackground;
      break;
    default:
      break;
  }
  if (a != kAttributeCount) attrs->Set(a, value);
}

std::string_view Extractor::Decoded(std::string_view raw,
                                    std::string* scratch) {
  if (raw.find('&') == std::string_view::npos) return raw;
  scratch->clear();
  detail::AppendDecoded(raw, /*in_attribute=*/true, scratch);
  return *scratch;
}

void Extractor::AddUrl(std::string_view raw, std::vector<std::string>* out) {
  if (raw.data() == nullptr) return;
  const std::string_view url = TrimAscii(Decoded(raw, &scratch_));
  if (!url.empty()) out->emplace_back(url);
}

void Extractor::OpenLink(std::string href) {
  FinishLink();
  facts_->links.push_back({std::move(href), {}});
  link_open_ = true;
  link_index_ = static_cast<int32_t>(facts_->links.size() - 1);
  // Text before the link may still owe a separator; it is trimmed off below.
  link_text_begin_ = facts_->visible_text.size();
}

void Extractor::FinishLink() {
  if (!link_open_) return;
  link_open_ = false;
  std::string_view text = facts_->visible_text;
  text = TrimAscii(text.substr(std::min(link_text_begin_, text.size())));
  if (text.size() > kMaxLinkTextBytes) {
    size_t cut = kMaxLinkTextBytes;
    // Don't split a UTF-8 sequence.
    while (cut > 0 && (static_cast<uint8_t>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  std::string& out = facts_->links[link_index_].text;
  out.assign(text);
  std::replace(out.begin(), out.end(), '\n', ' ');  // one line per link
}

void Extractor::Facts(TagKind kind, const Attributes& a) {
  for (std::string_view url :
       {a.get(kAttrHref), a.get(kAttrSrc), a.get(kAttrAction)}) {
    if (url.data() != nullptr && IsScriptUrl(Decoded(url, &scratch_))) {
      ++facts_->javascript_url_count;
    }
  }
  switch (kind) {
    case TagKind::kA:
      if (a.has(kAttrHref)) {
        const std::string_view href =
            TrimAscii(Decoded(a.get(kAttrHref), &scratch_));
        if (!href.empty()) OpenLink(std::string(href));
      }
      break;
    case TagKind::kArea:
      if (a.has(kAttrHref)) {
        const std::string_view href =
            TrimAscii(Decoded(a.get(kAttrHref), &scratch_));
        if (!href.empty()) facts_->links.push_back({std::string(href), {}});
      }
      break;
    case TagKind::kImg:
      ++facts_->image_count;
      AddUrl(a.get(kAttrSrc), &facts_->image_sources);
      break;
    case TagKind::kInput:
      if (EqualsIgnoreCase(TrimAscii(a.get(kAttrType)), "image")) {
        ++facts_->image_count;
        AddUrl(a.get(kAttrSrc), &facts_->image_sources);
      }
      break;
    case TagKind::kForm:
      ++facts_->form_count;
      AddUrl(a.get(kAttrAction), &facts_->other_urls);
      break;
    case TagKind::kIframe:
    case TagKind::kFrame:
      ++facts_->iframe_count;
      AddUrl(a.get(kAttrSrc), &facts_->other_urls);
      break;
    case TagKind::kScript:
      ++facts_->script_count;
      AddUrl(a.get(kAttrSrc), &facts_->other_urls);
      break;
    case TagKind::kEmbed:
    case TagKind::kVideo:
    case TagKind::kAudio:
      ++facts_->media_count;
      AddUrl(a.get(kAttrSrc), &facts_->other_urls);
      break;
    case TagKind::kObject:
      ++facts_->media_count;
      AddUrl(a.get(kAttrData), &facts_->other_urls);
      break;
    case TagKind::kApplet:
      ++facts_->media_count;
      break;
    case TagKind::kSource:
      AddUrl(a.get(kAttrSrc), &facts_->other_urls);
      break;
    default:
      break;
  }
  AddUrl(a.get(kAttrBackground), &facts_->image_sources);
  if (a.has(kAttrStyle)) {
    detail::ExtractCssUrls(Decoded(a.get(kAttrStyle), &scratch_),
                           &facts_->other_urls);
  }
}

size_t Extractor::StartTag(size_t lt) {
  const TagName name = ReadTagName(html_, lt + 1);
  const TagInfo& info = *name.info;
  const TagKind kind = info.kind;
  Attributes attrs;
  const size_t after = ParseAttributes(name.end, &attrs);
  ++facts_->tag_count;

  if (kind == TagKind::kHead) {
    // A <head> after the body has begun (concatenated parts) hides nothing.
    if (!body_started_) in_head_ = true;
    return after;
  }
  // Body content ends an unclosed <head>; unknown tags (<o:p>, <xml>) don't,
  // as Outlook puts them there.
  if (kind == TagKind::kBody ||
      (in_head_ && kind != TagKind::kOther && !(info.flags & kHeadContent))) {
    in_head_ = false;
    body_started_ = true;
  }

  // Implied end tags, so sloppy lists and tables don't deepen the stack.
  switch (kind) {
    case TagKind::kLi:
      CloseImplied(Bit(TagKind::kLi), Bit(TagKind::kList) |
                                          Bit(TagKind::kTable) |
                                          Bit(TagKind::kTd));
      break;
    case TagKind::kDt:
    case TagKind::kDd:
      CloseImplied(Bit(TagKind::kDt) | Bit(TagKind::kDd),
                   Bit(TagKind::kDl) | Bit(TagKind::kTable));
      break;
    case TagKind::kTd:
      CloseImplied(Bit(TagKind::kTd), Bit(TagKind::kTr) | Bit(TagKind::kTable));
      break;
    case TagKind::kTr:
      CloseImplied(Bit(TagKind::kTr), Bit(TagKind::kTable));
      break;
    case TagKind::kA:
      CloseImplied(Bit(TagKind::kA), 0);  // links don't nest
      break;
    default:
      break;
  }
  if ((info.flags & kBreaks) && top().kind == TagKind::kP) PopTo(depth_ - 1);

  Facts(kind, attrs);
  if (kind == TagKind::kScript || kind == TagKind::kStyle ||
      kind == TagKind::kTitle) {
    return RawText(after, kind);
  }

  const Frame& parent = top();
  Frame f = parent;
  f.id = name.id;
  f.kind = kind;
  f.link = (kind == TagKind::kA && link_open_) ? link_index_ : -1;
  if (attrs.has(kAttrHidden)) f.flags |= kDisplayNone;
  if (kind == TagKind::kPre) f.flags |= kPre;
  if (attrs.has(kAttrBgcolor)) {
    const uint32_t c = ParseColour(attrs.get(kAttrBgcolor));
    if (c != kNoColour) f.bg = c;
  }
  if (attrs.has(kAttrBackground)) f.bg = kImageBackground;
  const std::string_view text_colour =
      kind == TagKind::kFont   ? attrs.get(kAttrColor)
      : kind == TagKind::kBody ? attrs.get(kAttrText)
                               : std::string_view();
  if (text_colour.data() != nullptr) {
    const uint32_t c = ParseColour(text_colour);
    if (c != kNoColour) f.fg = c;
  }
  if (attrs.has(kAttrStyle)) {
    detail::ApplyInlineStyle(Decoded(attrs.get(kAttrStyle), &scratch_), parent,
                             &f);
  }

  // Void elements hold no text, so only outright hiding (a display:none
  // tracking pixel) counts for them, not colour or size.
  const bool is_void = info.flags & kVoid;
  const bool hidden =
      is_void ? (f.flags & (kDisplayNone | kInvisible | kTransparent)) != 0
              : detail::Hidden(f);
  if (hidden && !detail::Hidden(parent)) {
    if (facts_->hidden_element_count == 0) {
      facts_->first_hidden =
          std::string(detail::HiddenCause(f)) + " in a <" +
          ToLowerAscii(html_.substr(lt + 1, name.end - lt - 1)) + ">";
    }
    ++facts_->hidden_element_count;
    hidden_has_text_ = hidden_pending_space_ = false;
  }
  BlockEdge(info, f);
  if (!is_void) Push(f);
  return after;
}

size_t Extractor::EndTag(size_t lt) {
  const TagName name = ReadTagName(html_, lt + 2);
  const TagInfo& info = *name.info;
  const size_t after = SkipPast('>', name.end);
  switch (info.kind) {
    case TagKind::kHead:
      in_head_ = false;
      body_started_ = true;
      return after;
    case TagKind::kBody:
    case TagKind::kHtml:
      // Mail often has text after </body> (footers, concatenated parts) and
      // browsers still show it with the body's style.
      return after;
    case TagKind::kBr:  // browsers read </br> as <br>
      BlockEdge(info, top());
      return after;
    case TagKind::kA:
      FinishLink();
      break;
    default:
      break;
  }
  if (untracked_ > 0) {
    --untracked_;
    BlockEdge(info, top());
    return after;
  }
  if (open_count_[name.id & 0xFF] > 0) {
    for (int d = depth_ - 1; d >= 1; --d) {
      if (stack_[d].id != name.id) continue;
      const Frame closed = stack_[d];
      PopTo(d);
      BlockEdge(info, closed);
      return after;
    }
  }
  // Closes nothing open: ignored, but a stray </p> still ends a line.
  if (info.kind == TagKind::kP) BlockEdge(info, top());
  return after;
}

size_t Extractor::RawText(size_t begin, TagKind kind) {
  const std::string_view close = kind == TagKind::kScript  ? "</script"
                                 : kind == TagKind::kStyle ? "</style"
                                                           : "</title";
  size_t end = begin;
  if (kind == TagKind::kTitle && begin >= title_close_absent_from_) {
    end = std::string_view::npos;
  }
  while (end != std::string_view::npos &&
         (end = FindIgnoreCase(html_, close, end)) != std::string_view::npos) {
    const size_t after = end + close.size();
    if (after >= html_.size() || IsSpaceAscii(html_[after]) ||
        html_[after] == '/' || html_[after] == '>') {
      break;
    }
    ++end;
  }
  if (end == std::string_view::npos && kind == TagKind::kTitle) {
    title_close_absent_from_ = std::min(title_close_absent_from_, begin);
  }
  if (kind == TagKind::kTitle) {
    // An unclosed <title> would swallow the body; stop at the next tag.
    const bool closed = end != std::string_view::npos;
    const size_t title_end = closed ? end : Find('<', begin);
    title_pending_space_ = true;
    Text(begin, title_end, Sink::kTitle);
    return closed ? SkipPast('>', end + close.size()) : title_end;
  }
  const size_t content_end = end == std::string_view::npos ? html_.size() : end;
  if (kind == TagKind::kStyle) {
    detail::ExtractCssUrls(html_.substr(begin, content_end - begin),
                           &facts_->other_urls);
  }
  return end == std::string_view::npos ? html_.size()
                                       : SkipPast('>', end + close.size());
}

void Extractor::BlockEdge(const TagInfo& info, const Frame& f) {
  if (!(info.flags & (kBreaks | kSpaced))) return;
  hidden_pending_space_ = true;
  // A display:none block takes no room: "Vi<div hidden>x</div>agra" reads as
  // one word.
  if (f.flags & kDisplayNone) return;
  if (info.flags & kBreaks) pending_break_ = true;
  if (info.flags & kSpaced) pending_space_ = true;
}

void Extractor::Push(const Frame& f) {
  if (depth_ == kMaxDepth) {
    ++untracked_;
    return;
  }
  stack_[depth_++] = f;
  ++open_count_[f.id & 0xFF];
}

void Extractor::PopTo(int depth) {
  while (depth_ > depth) {
    const Frame& f = stack_[--depth_];
    --open_count_[f.id & 0xFF];
    if (f.link >= 0 && link_open_ && f.link == link_index_) FinishLink();
  }
  // Whatever was opened past kMaxDepth was inside what just closed.
  untracked_ = 0;
}

void Extractor::CloseImplied(uint64_t close, uint64_t stop) {
  const int lowest = std::max(1, depth_ - kMaxImpliedSearch);
  for (int d = depth_ - 1; d >= lowest; --d) {
    const uint64_t bit = Bit(stack_[d].kind);
    if (bit & close) return PopTo(d);
    if (bit & stop) return;
  }
}

}  // namespace

void ExtractHtml(std::string_view html, HtmlFacts* facts) {
  Extractor(html, facts).Run();
}

void DecodeHtmlEntities(std::string_view text, std::string* out) {
  detail::AppendDecoded(text, /*in_attribute=*/false, out);
}

}  // namespace inboxsim::mime
