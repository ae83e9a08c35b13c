#include "sim/mime/address.h"

#include "sim/core/text.h"

namespace inboxsim::mime {
namespace {

// Index just past the quoted string opening at s[i] == '"' (or the end when
// the quote never closes: forgiving parsers read to the end).
size_t SkipQuoted(std::string_view s, size_t i) {
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return s.size();
}

// Index just past the comment opening at s[i] == '(' , nesting respected.
size_t SkipComment(std::string_view s, size_t i) {
  int depth = 0;
  for (; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '(') {
      ++depth;
    } else if (s[i] == ')' && --depth == 0) {
      return i + 1;
    }
  }
  return s.size();
}

// Index just past the '>' closing the angle address opening at s[i] == '<'.
size_t SkipAngle(std::string_view s, size_t i) {
  for (++i; i < s.size(); ++i) {
    if (s[i] == '"') {
      i = SkipQuoted(s, i) - 1;
    } else if (s[i] == '(') {
      i = SkipComment(s, i) - 1;
    } else if (s[i] == '>') {
      return i + 1;
    }
  }
  return s.size();
}

// Appends `text` to a display name, collapsing white space runs to one space
// and dropping leading white space; a trailing space is trimmed at the end.
void AppendCollapsed(std::string_view text, std::string* out) {
  for (char c : text) {
    if (IsSpaceAscii(c)) {
      if (!out->empty() && out->back() != ' ') out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
}

void TrimTrailingSpace(std::string* s) {
  while (!s->empty() && s->back() == ' ') s->pop_back();
}

// The content of a quoted string (quotes removed, backslash escapes undone)
// appended to `out` with white space collapsed.
void AppendUnquoted(std::string_view quoted, std::string* out) {
  size_t end = quoted.size();
  if (end >= 2 && quoted.back() == '"') --end;
  for (size_t i = 1; i < end; ++i) {
    char c = quoted[i];
    if (c == '\\' && i + 1 < end) c = quoted[++i];
    AppendCollapsed(std::string_view(&c, 1), out);
  }
}

// The text of a comment without its parentheses, collapsed.
std::string CommentText(std::string_view comment) {
  std::string out;
  size_t end = comment.size();
  if (end >= 2 && comment.back() == ')') --end;
  AppendCollapsed(comment.substr(1, end - 1), &out);
  TrimTrailingSpace(&out);
  return out;
}

// Splits an addr-spec (inside or outside angle brackets) into `out`. Comments
// and white space outside quotes go (obsolete syntax allows "a . b @ c"), as
// do a "mailto:" prefix and an obsolete source route ("@a,@b:").
void SplitAddrSpec(std::string_view spec, Address* out) {
  std::string clean;
  clean.reserve(spec.size());
  for (size_t i = 0; i < spec.size();) {
    const char c = spec[i];
    if (c == '"') {
      const size_t end = SkipQuoted(spec, i);
      clean.append(spec.substr(i, end - i));
      i = end;
    } else if (c == '(') {
      i = SkipComment(spec, i);
    } else if (IsSpaceAscii(c) || c == '<' || c == '>') {
      ++i;
    } else {
      clean.push_back(c);
      ++i;
    }
  }
  std::string_view rest = clean;
  if (StartsWithIgnoreCase(rest, "mailto:")) rest.remove_prefix(7);
  if (!rest.empty() && rest.front() == '@') {
    const size_t colon = rest.find(':');
    rest.remove_prefix(colon == std::string_view::npos ? rest.size()
                                                       : colon + 1);
  }
  // The last '@' outside quotes: a quoted local part may hold '@' itself.
  size_t at = std::string_view::npos;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '"') {
      i = SkipQuoted(rest, i) - 1;
    } else if (rest[i] == '@') {
      at = i;
    }
  }
  if (at == std::string_view::npos) {
    // A bare local part is one word; specials mean garbage such as spam's
    // "<Undisclosed-Recipient:;>", not a mailbox.
    if (rest.find_first_of(":;,[]()<>\\") != std::string_view::npos) {
      rest = {};
    }
    out->local_part = std::string(rest);
    out->domain.clear();
    out->domain_as_written.clear();
    return;
  }
  out->local_part = std::string(rest.substr(0, at));
  std::string_view domain = rest.substr(at + 1);
  while (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
  out->domain = ToLowerAscii(domain);
  out->domain_as_written = std::string(domain);
}

enum class EntryKind {
  kNothing,     // empty, or an address with no local part ("<>")
  kPhraseOnly,  // words without an address: maybe half of "Doe, John <j@x>"
  kBareLocal,   // one unquoted word without '@': a local mailbox ("root")
  kAddress,
};

struct Entry {
  EntryKind kind = EntryKind::kNothing;
  Address address;
  std::string phrase;          // kPhraseOnly: the words, unquoted
  bool phrase_quoted = false;  // the display name used a quoted string
};

// "Name <addr>", possibly with comments, several quoted strings and text
// after the '>' (ignored, as is any second angle address).
Entry ParseAngleEntry(std::string_view e, size_t angle) {
  Entry entry;
  std::string name;
  std::string first_comment;
  for (size_t i = 0; i < angle;) {
    const char c = e[i];
    if (c == '"') {
      const size_t end = SkipQuoted(e, i);
      AppendUnquoted(e.substr(i, end - i), &name);
      entry.phrase_quoted = true;
      i = end;
    } else if (c == '(') {
      const size_t end = SkipComment(e, i);
      if (first_comment.empty())
        first_comment = CommentText(e.substr(i, end - i));
      if (!name.empty() && name.back() != ' ') name.push_back(' ');
      i = end;
    } else {
      AppendCollapsed(e.substr(i, 1), &name);
      ++i;
    }
  }
  const size_t end = SkipAngle(e, angle);
  std::string_view inside = e.substr(angle + 1, end - angle - 1);
  if (!inside.empty() && inside.back() == '>') inside.remove_suffix(1);
  // A comment after the address may carry the only name: "<j@x> (John)".
  for (size_t i = end; i < e.size() && first_comment.empty();) {
    if (e[i] == '(') {
      const size_t close = SkipComment(e, i);
      first_comment = CommentText(e.substr(i, close - i));
      i = close;
    } else if (e[i] == '"') {
      i = SkipQuoted(e, i);
    } else {
      ++i;
    }
  }
  SplitAddrSpec(inside, &entry.address);
  if (entry.address.local_part.empty()) return entry;  // "<>", "<@x>"
  TrimTrailingSpace(&name);
  entry.address.display_name = name.empty() ? first_comment : std::move(name);
  entry.kind = EntryKind::kAddress;
  return entry;
}

struct Word {
  std::string_view text;
  bool has_at = false;  // '@' outside quotes
  bool quoted = false;  // holds a quoted string
};

// "j@x", "j@x (John)", "John j@x", "\"a b\"@x", "a @ x" (obsolete), "root".
Entry ParseBareEntry(std::string_view e) {
  Entry entry;
  std::string first_comment;
  // Words split at white space outside quotes and comments; comments go.
  constexpr size_t kMaxWords = 32;  // enough for any real name; rest ignored
  Word words[kMaxWords];
  size_t count = 0;
  std::string joined;  // comment-free copy so words can be views into it
  joined.reserve(e.size());
  for (size_t i = 0; i < e.size();) {
    const char c = e[i];
    if (c == '(') {
      const size_t end = SkipComment(e, i);
      if (first_comment.empty())
        first_comment = CommentText(e.substr(i, end - i));
      joined.push_back(' ');
      i = end;
    } else if (c == '"') {
      const size_t end = SkipQuoted(e, i);
      joined.append(e.substr(i, end - i));
      i = end;
    } else {
      joined.push_back(IsSpaceAscii(c) ? ' ' : c);
      ++i;
    }
  }
  for (size_t i = 0; i < joined.size() && count < kMaxWords;) {
    if (joined[i] == ' ') {
      ++i;
      continue;
    }
    Word word;
    const size_t begin = i;
    while (i < joined.size() && joined[i] != ' ') {
      if (joined[i] == '"') {
        word.quoted = true;
        i = SkipQuoted(joined, i);
      } else {
        word.has_at |= joined[i] == '@';
        ++i;
      }
    }
    word.text = std::string_view(joined).substr(begin, i - begin);
    words[count++] = word;
  }
  size_t at_word = count;
  for (size_t k = 0; k < count; ++k) {
    if (words[k].has_at) {
      at_word = k;
      break;
    }
  }
  if (at_word == count) {
    if (count == 1 && !words[0].quoted) {
      entry.kind = EntryKind::kBareLocal;
      entry.address.local_part = std::string(words[0].text);
      entry.address.display_name = first_comment;
      return entry;
    }
    if (count == 0) return entry;
    entry.kind = EntryKind::kPhraseOnly;
    for (size_t k = 0; k < count; ++k) {
      if (k > 0) entry.phrase.push_back(' ');
      if (words[k].quoted) {
        entry.phrase_quoted = true;
        AppendUnquoted(words[k].text, &entry.phrase);
      } else {
        entry.phrase.append(words[k].text);
      }
    }
    return entry;
  }
  // Obsolete syntax allows white space between the atoms of an addr-spec
  // ("j @ x", "a . b @ c . d"): words touching at '.' or '@' join.
  auto joins = [](const Word& left, const Word& right) {
    const char l = left.text.back(), r = right.text.front();
    return l == '.' || l == '@' || r == '.' || r == '@';
  };
  size_t first = at_word, last = at_word;
  while (first > 0 && joins(words[first - 1], words[first])) --first;
  while (last + 1 < count && joins(words[last], words[last + 1])) ++last;
  const char* spec_begin = words[first].text.data();
  const char* spec_end = words[last].text.data() + words[last].text.size();
  SplitAddrSpec(std::string_view(spec_begin, spec_end - spec_begin),
                &entry.address);
  if (entry.address.local_part.empty()) return entry;
  std::string name;
  for (size_t k = 0; k < count; ++k) {
    if (k >= first && k <= last) continue;
    if (!name.empty()) name.push_back(' ');
    if (words[k].quoted) {
      AppendUnquoted(words[k].text, &name);
    } else {
      AppendCollapsed(words[k].text, &name);
    }
  }
  TrimTrailingSpace(&name);
  entry.address.display_name = name.empty() ? first_comment : std::move(name);
  entry.kind = EntryKind::kAddress;
  return entry;
}

Entry ParseEntry(std::string_view e) {
  for (size_t i = 0; i < e.size(); ++i) {
    if (e[i] == '"') {
      i = SkipQuoted(e, i) - 1;
    } else if (e[i] == '(') {
      i = SkipComment(e, i) - 1;
    } else if (e[i] == '<') {
      return ParseAngleEntry(e, i);
    }
  }
  return ParseBareEntry(e);
}

// Calls `emit(entry)` for each comma-separated entry of the list. Group names
// ("team:", "undisclosed-recipients:") are dropped and ';' ends an entry.
template <typename Emit>
void ForEachEntry(std::string_view v, Emit emit) {
  size_t begin = 0;
  bool seen_angle = false;
  bool seen_at = false;
  for (size_t i = 0; i < v.size();) {
    const char c = v[i];
    if (c == '"') {
      i = SkipQuoted(v, i);
    } else if (c == '(') {
      i = SkipComment(v, i);
    } else if (c == '<') {
      // Commas inside angle brackets belong to an obsolete route.
      seen_angle = true;
      i = SkipAngle(v, i);
    } else if (c == ',' || c == ';') {
      if (!emit(v.substr(begin, i - begin))) return;
      begin = ++i;
      seen_angle = seen_at = false;
    } else if (c == ':' && !seen_angle && !seen_at) {
      begin = ++i;  // the group's name: not an address
    } else {
      seen_at |= c == '@';
      ++i;
    }
  }
  emit(v.substr(begin));
}

}  // namespace

std::string Address::AddrSpec() const {
  if (domain.empty()) return local_part;
  std::string out;
  out.reserve(local_part.size() + 1 + domain.size());
  out.append(local_part).push_back('@');
  out.append(domain);
  return out;
}

std::vector<Address> ParseAddressList(std::string_view value) {
  std::vector<Address> out;
  // Words left over from the previous entry: unquoted "Doe, John <j@x>" is a
  // broken but common way to write one mailbox whose name holds a comma.
  Entry pending;
  auto flush_pending = [&out, &pending] {
    if (pending.kind == EntryKind::kBareLocal) {
      out.push_back(std::move(pending.address));
    }
    pending = Entry();
  };
  ForEachEntry(value, [&](std::string_view text) {
    Entry entry = ParseEntry(text);
    if (entry.kind == EntryKind::kAddress && !entry.phrase_quoted &&
        !entry.address.display_name.empty() &&
        (pending.kind == EntryKind::kPhraseOnly ||
         pending.kind == EntryKind::kBareLocal) &&
        !pending.phrase_quoted && pending.address.display_name.empty()) {
      std::string name = pending.kind == EntryKind::kPhraseOnly
                             ? std::move(pending.phrase)
                             : std::move(pending.address.local_part);
      name.append(", ").append(entry.address.display_name);
      entry.address.display_name = std::move(name);
      pending = Entry();
    }
    flush_pending();
    if (entry.kind == EntryKind::kAddress) {
      out.push_back(std::move(entry.address));
    } else if (entry.kind != EntryKind::kNothing) {
      pending = std::move(entry);
    }
    return true;
  });
  flush_pending();
  return out;
}

std::optional<Address> ParseMailbox(std::string_view value) {
  // Through the list parser so "Doe, John <j@x>" keeps its whole name; a
  // mailbox header rarely holds more than one entry, so little is wasted.
  std::vector<Address> all = ParseAddressList(value);
  if (all.empty()) return std::nullopt;
  return std::move(all.front());
}

}  // namespace inboxsim::mime
