#include "sim/mime/html_tags.h"

#include <array>
#include <iterator>

#include "sim/core/text.h"

namespace inboxsim::mime::detail {
namespace {

constexpr TagInfo kTags[] = {
    {"a", TagKind::kA, 0},
    {"abbr", TagKind::kInline, 0},
    {"address", TagKind::kBlock, kBreaks},
    {"applet", TagKind::kApplet, 0},
    {"area", TagKind::kArea, kVoid},
    {"article", TagKind::kBlock, kBreaks},
    {"aside", TagKind::kBlock, kBreaks},
    {"audio", TagKind::kAudio, 0},
    {"b", TagKind::kInline, 0},
    {"base", TagKind::kInline, kVoid | kHeadContent},
    {"basefont", TagKind::kInline, kVoid | kHeadContent},
    {"bgsound", TagKind::kInline, kVoid | kHeadContent},
    {"big", TagKind::kInline, 0},
    {"blockquote", TagKind::kBlock, kBreaks},
    {"body", TagKind::kBody, kBreaks},
    {"br", TagKind::kBr, kVoid | kBreaks},
    {"button", TagKind::kInline, 0},
    {"caption", TagKind::kBlock, kBreaks},
    {"center", TagKind::kBlock, kBreaks},
    {"cite", TagKind::kInline, 0},
    {"code", TagKind::kInline, 0},
    {"col", TagKind::kInline, kVoid},
    {"dd", TagKind::kDd, kBreaks},
    {"details", TagKind::kBlock, kBreaks},
    {"dialog", TagKind::kBlock, kBreaks},
    {"dir", TagKind::kList, kBreaks},
    {"div", TagKind::kBlock, kBreaks},
    {"dl", TagKind::kDl, kBreaks},
    {"dt", TagKind::kDt, kBreaks},
    {"em", TagKind::kInline, 0},
    {"embed", TagKind::kEmbed, kVoid},
    {"fieldset", TagKind::kBlock, kBreaks},
    {"figcaption", TagKind::kBlock, kBreaks},
    {"figure", TagKind::kBlock, kBreaks},
    {"font", TagKind::kFont, 0},
    {"footer", TagKind::kBlock, kBreaks},
    {"form", TagKind::kForm, kBreaks},
    {"frame", TagKind::kFrame, kVoid},
    {"frameset", TagKind::kBlock, kBreaks},
    {"h1", TagKind::kBlock, kBreaks},
    {"h2", TagKind::kBlock, kBreaks},
    {"h3", TagKind::kBlock, kBreaks},
    {"h4", TagKind::kBlock, kBreaks},
    {"h5", TagKind::kBlock, kBreaks},
    {"h6", TagKind::kBlock, kBreaks},
    {"head", TagKind::kHead, kHeadContent},
    {"header", TagKind::kBlock, kBreaks},
    {"hr", TagKind::kBlock, kVoid | kBreaks},
    {"html", TagKind::kHtml, kHeadContent},
    {"i", TagKind::kInline, 0},
    {"iframe", TagKind::kIframe, 0},
    {"img", TagKind::kImg, kVoid},
    {"input", TagKind::kInput, kVoid},
    {"label", TagKind::kInline, 0},
    {"legend", TagKind::kBlock, kBreaks},
    {"li", TagKind::kLi, kBreaks},
    {"link", TagKind::kInline, kVoid | kHeadContent},
    {"main", TagKind::kBlock, kBreaks},
    {"mark", TagKind::kInline, 0},
    {"menu", TagKind::kList, kBreaks},
    {"meta", TagKind::kInline, kVoid | kHeadContent},
    {"nav", TagKind::kBlock, kBreaks},
    {"nobr", TagKind::kInline, 0},
    {"noscript", TagKind::kInline, kHeadContent},
    {"object", TagKind::kObject, 0},
    {"ol", TagKind::kList, kBreaks},
    {"option", TagKind::kInline, 0},
    {"p", TagKind::kP, kBreaks},
    {"param", TagKind::kInline, kVoid},
    {"pre", TagKind::kPre, kBreaks},
    {"q", TagKind::kInline, 0},
    {"s", TagKind::kInline, 0},
    {"script", TagKind::kScript, kHeadContent},
    {"section", TagKind::kBlock, kBreaks},
    {"select", TagKind::kInline, 0},
    {"small", TagKind::kInline, 0},
    {"source", TagKind::kSource, kVoid},
    {"span", TagKind::kInline, 0},
    {"strike", TagKind::kInline, 0},
    {"strong", TagKind::kInline, 0},
    {"style", TagKind::kStyle, kHeadContent},
    {"sub", TagKind::kInline, 0},
    {"summary", TagKind::kBlock, kBreaks},
    {"sup", TagKind::kInline, 0},
    {"table", TagKind::kTable, kBreaks},
    {"tbody", TagKind::kInline, 0},
    {"td", TagKind::kTd, kSpaced},
    {"template", TagKind::kInline, kHeadContent},
    {"textarea", TagKind::kInline, 0},
    {"tfoot", TagKind::kInline, 0},
    {"th", TagKind::kTd, kSpaced},
    {"thead", TagKind::kInline, 0},
    {"title", TagKind::kTitle, kHeadContent},
    {"tr", TagKind::kTr, kBreaks},
    {"track", TagKind::kInline, kVoid},
    {"tt", TagKind::kInline, 0},
    {"u", TagKind::kInline, 0},
    {"ul", TagKind::kList, kBreaks},
    {"video", TagKind::kVideo, 0},
    {"wbr", TagKind::kInline, kVoid}};

constexpr TagInfo kUnknownTag = {"", TagKind::kOther, 0};

// FNV-1a of a lower-case tag name: how elements are identified, so unknown
// ones (<o:p>, <x-foo>) still pair with their end tags.
constexpr uint64_t kFnvOffset = 0xcbf29ce484222325u;
constexpr uint64_t kFnvPrime = 0x100000001b3u;

constexpr uint64_t TagId(std::string_view lower_name) {
  uint64_t id = kFnvOffset;
  for (char c : lower_name) id = (id ^ static_cast<uint8_t>(c)) * kFnvPrime;
  return id;
}

constexpr size_t kTagCount = std::size(kTags);
constexpr auto kTagIds = [] {
  std::array<uint64_t, kTagCount> ids{};
  for (size_t i = 0; i < kTagCount; ++i) ids[i] = TagId(kTags[i].name);
  return ids;
}();

// Open-addressing table from id to index in kTags, built at compile time:
// one probe per tag on average instead of a binary search of strings.
constexpr size_t kTagTableSize = 512;  // a power of two, kept a quarter full
constexpr uint8_t kNoTag = 0xFF;
static_assert(kTagCount * 4 <= kTagTableSize && kTagCount < kNoTag);
constexpr auto kTagTable = [] {
  std::array<uint8_t, kTagTableSize> table{};
  table.fill(kNoTag);
  for (size_t i = 0; i < kTagCount; ++i) {
    size_t slot = kTagIds[i] & (kTagTableSize - 1);
    while (table[slot] != kNoTag) slot = (slot + 1) & (kTagTableSize - 1);
    table[slot] = static_cast<uint8_t>(i);
  }
  return table;
}();

const TagInfo& LookupTag(uint64_t id) {
  for (size_t slot = id & (kTagTableSize - 1);;
       slot = (slot + 1) & (kTagTableSize - 1)) {
    const uint8_t i = kTagTable[slot];
    if (i == kNoTag) return kUnknownTag;
    if (kTagIds[i] == id) return kTags[i];
  }
}

}  // namespace

TagName ReadTagName(std::string_view html, size_t i) {
  uint64_t id = kFnvOffset;
  for (; i < html.size(); ++i) {
    const char c = html[i];
    if (IsSpaceAscii(c) || c == '/' || c == '>') break;
    id = (id ^ static_cast<uint8_t>(ToLowerAscii(c))) * kFnvPrime;
  }
  return {&LookupTag(id), id, i};
}

}  // namespace inboxsim::mime::detail
