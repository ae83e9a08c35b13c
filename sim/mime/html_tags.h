// The HTML elements the extractor (html.cc) gives meaning to, looked up by
// name. Internal to sim/mime.
//
//   detail::TagName t = detail::ReadTagName("<DIV class=x>", 1);
//   // t.info->kind == TagKind::kBlock, t.info->flags & kBreaks, t.end == 4
//
// Thread-safe: the table is built at compile time.
#ifndef INBOXSIM_MIME_HTML_TAGS_H_
#define INBOXSIM_MIME_HTML_TAGS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace inboxsim::mime::detail {

enum class TagKind : uint8_t {
  kOther,  // unknown: pushed and popped, but no meaning of its own
  kInline,
  kBlock,
  kA,
  kApplet,
  kArea,
  kAudio,
  kBody,
  kBr,
  kDd,
  kDl,
  kDt,
  kEmbed,
  kFont,
  kForm,
  kFrame,
  kHead,
  kHtml,
  kIframe,
  kImg,
  kInput,
  kLi,
  kList,  // ul ol dir menu
  kObject,
  kP,
  kPre,
  kScript,
  kSource,
  kStyle,
  kTable,
  kTd,  // td th
  kTitle,
  kTr,
  kVideo,
};

constexpr uint64_t Bit(TagKind kind) {
  return uint64_t{1} << static_cast<int>(kind);
}

enum TagFlag : uint8_t {
  kBreaks = 1,       // starts and ends a line of visible text
  kSpaced = 2,       // separated from neighbours by a space (table cells)
  kVoid = 4,         // never has content or an end tag
  kHeadContent = 8,  // may appear in <head> without ending it
};

struct TagInfo {
  std::string_view name;
  TagKind kind;
  uint8_t flags;
};

// A tag name read case-insensitively.
struct TagName {
  const TagInfo* info;  // static; kind kOther for names not in the table
  uint64_t id;  // FNV-1a of the lower-cased name, so that unknown elements
                // (<o:p>, <x-foo>) still pair with their end tags
  size_t end;   // position just past the name
};

// Reads the tag name starting at html[i] (just past "<" or "</") up to white
// space, '/' or '>', case-insensitively. Never fails: a name we give no
// meaning to has kind kOther and still a distinct id.
TagName ReadTagName(std::string_view html, size_t i);

}  // namespace inboxsim::mime::detail

#endif  // INBOXSIM_MIME_HTML_TAGS_H_
