#include "sim/sa/replace_tags.h"

#include <optional>
#include <vector>

namespace inboxsim::sa::detail {
namespace {

// ReplaceTags.pm stops after this many passes over nested tags
// (`while $doagain && $passes <= 5`).
constexpr int kMaxPasses = 6;

// Perl truth of a configured string: "" and "0" are false.
bool PerlTrue(const std::string& text) { return !text.empty() && text != "0"; }

struct TagAt {
  size_t pos;   // where the start delimiter is
  size_t size;  // start + name + end
  std::string_view name;
};

// The first `start NAME end` at or after `from` whose NAME is non-empty
// and holds neither delimiter: Perl's /<[^<>]+>/ for the default ones.
std::optional<TagAt> FindTag(std::string_view text, const ReplaceTagSet& set,
                             size_t from) {
  for (size_t pos = text.find(set.start, from); pos != std::string_view::npos;
       pos = text.find(set.start, pos + 1)) {
    const size_t name_pos = pos + set.start.size();
    const size_t close = text.find(set.end, name_pos);
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view name = text.substr(name_pos, close - name_pos);
    if (name.empty() || name.find(set.start) != std::string_view::npos) {
      continue;
    }
    return TagAt{pos, close + set.end.size() - pos, name};
  }
  return std::nullopt;
}

// Removes the first `<KIND NAME>` from `pattern` and returns NAME.
std::optional<std::string> TakeModifier(std::string& pattern,
                                        const ReplaceTagSet& set,
                                        std::string_view kind) {
  const std::string opening = set.start + std::string(kind) + " ";
  const size_t pos = pattern.find(opening);
  if (pos == std::string::npos) return std::nullopt;
  // `.+?`: at least one character, up to the first end delimiter after it.
  const size_t close = pattern.find(set.end, pos + opening.size() + 1);
  if (close == std::string::npos) return std::nullopt;
  std::string name =
      pattern.substr(pos + opening.size(), close - pos - opening.size());
  pattern.erase(pos, close + set.end.size() - pos);
  return name;
}

// The modifier's text, or "" when it is unnamed, undefined or false.
std::string ModifierText(const std::optional<std::string>& name,
                         const std::map<std::string, std::string>& texts) {
  if (!name) return "";
  auto it = texts.find(*name);
  return it != texts.end() && PerlTrue(it->second) ? it->second : "";
}

// A piece of the split pattern: text between tags, or one tag.
struct Piece {
  std::string text;
  bool is_tag = false;
};

// Perl's split(/(<tag>)/, $re): separators kept, trailing empty fields
// dropped. Perl would keep a leading empty field, but the text split in
// ReplaceTags.pm always starts with the "(?aa)" of SpamAssassin's compiled
// regex, so there never is one and none is made here.
std::vector<Piece> Split(std::string_view pattern, const ReplaceTagSet& set) {
  std::vector<Piece> pieces;
  size_t from = 0;
  for (auto tag = FindTag(pattern, set, 0); tag;
       tag = FindTag(pattern, set, from)) {
    if (tag->pos > 0) {
      pieces.push_back({std::string(pattern.substr(from, tag->pos - from))});
    }
    pieces.push_back({std::string(pattern.substr(tag->pos, tag->size)), true});
    from = tag->pos + tag->size;
  }
  pieces.push_back({std::string(pattern.substr(from))});
  while (!pieces.empty() && !pieces.back().is_tag &&
         pieces.back().text.empty()) {
    pieces.pop_back();
  }
  return pieces;
}

// One pass of ReplaceTags.pm's loop; true when a replacement brought in
// another tag.
bool ReplaceOnce(std::string& pattern, const ReplaceTagSet& set) {
  const auto pre_name = TakeModifier(pattern, set, "pre");
  const auto post_name = TakeModifier(pattern, set, "post");
  const auto inter_name = TakeModifier(pattern, set, "inter");
  const std::string pre = ModifierText(pre_name, set.pre);
  const std::string post = ModifierText(post_name, set.post);
  const std::string inter = ModifierText(inter_name, set.inter);

  bool again = false;
  std::string joined;
  for (const Piece& piece : Split(pattern, set)) {
    if (!piece.is_tag) {
      joined += piece.text.empty() ? inter : piece.text;
      continue;
    }
    const std::string name(FindTag(piece.text, set, 0)->name);
    auto it = set.tags.find(name);
    const bool replaced = it != set.tags.end() && PerlTrue(it->second);
    joined += pre;
    joined += replaced ? it->second : piece.text;
    joined += post;
    if (replaced && FindTag(it->second, set, 0)) again = true;
  }
  pattern = std::move(joined);
  return again;
}

}  // namespace

std::string ApplyReplaceTags(std::string_view pattern,
                             const ReplaceTagSet& set) {
  std::string result(pattern);
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    if (!ReplaceOnce(result, set)) break;
  }
  return result;
}

}  // namespace inboxsim::sa::detail
