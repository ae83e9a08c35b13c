// SpamAssassin's ReplaceTags plugin (Mail/SpamAssassin/Plugin/ReplaceTags.pm)
// applied to one regex: `<A>` becomes the `replace_tag A` text, with the
// rule's `<pre P>`, `<post P>` and `<inter P>` pieces around and between
// the tags.
//
//   ReplaceTagSet set;
//   set.tags["A"] = "[a@4]";
//   set.inter["W1"] = "\\W?";
//   ApplyReplaceTags("<inter W1><A><A>", set);  // "[a@4]\\W?[a@4]"
#ifndef INBOXSIM_SA_REPLACE_TAGS_H_
#define INBOXSIM_SA_REPLACE_TAGS_H_

#include <map>
#include <string>
#include <string_view>

namespace inboxsim::sa::detail {

struct ReplaceTagSet {
  std::string start = "<";                   // replace_start
  std::string end = ">";                     // replace_end
  std::map<std::string, std::string> tags;   // replace_tag NAME text
  std::map<std::string, std::string> pre;    // replace_pre NAME text
  std::map<std::string, std::string> inter;  // replace_inter NAME text
  std::map<std::string, std::string> post;   // replace_post NAME text
};

// `pattern` with the tags replaced, SpamAssassin's way, quirks included:
// - the rule's first <pre P>, <post P> and <inter P> are removed from it
//   and apply to every tag-shaped piece (even one no replace_tag names,
//   such as `(?<name>`), pre before and post after each tag, inter
//   between each two adjacent tags (not before a leading tag: SpamAssassin
//   works on the compiled regex's text, which starts "(?aa)");
// - a replacement containing tags is expanded again, up to 6 passes in
//   all, but without pre/post/inter in the later passes;
// - an undefined tag, or one whose text is "" or "0", is left as written.
std::string ApplyReplaceTags(std::string_view pattern,
                             const ReplaceTagSet& set);

}  // namespace inboxsim::sa::detail

#endif  // INBOXSIM_SA_REPLACE_TAGS_H_
