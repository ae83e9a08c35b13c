// AppendUriText: SpamAssassin's URI list (PerMsgStatus get_uri_list): links
// parsed from the rendered body lines and from HTML, each with the
// canonical variants Util::uri_list_canonicalize adds.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <cassert>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "sim/core/text.h"
#include "sim/sa/message_text.h"
#include "sim/sa/message_views.h"
#include "sim/sa/uri_canonical.h"

namespace inboxsim::sa {
namespace {

// PerMsgStatus::_tbirdurire without its schemeless branch (that one needs
// SpamAssassin's list of valid TLDs): a URL with a scheme or a "www."/"ftp."
// start, or a mail address.
constexpr char kTextUriPattern[] =
    R"((?:\b|(?<=\x1b\(.)|(?<=[><"'`,{[(|\s\x1b\xa0]))(?:(?:((?:(?:https?|ftp):\/\/|(?:www\d{0,2}|ftp)\.)[^><"`}\]{[|\s\x1b\xa0]{1,2048})(?=(?:[><"`}\]{[|\s\x1b\xa0]|\z)))|(?:((?:mailto:[^><"`}\]{[|\s\x1b\xa0,(')"
    R"(\x80-\xff]{1,2048}|[^><"`}\]{[|\s\x1b\xa0,('\x80-\xff@]{1,251}\@[^><"`}\]{[|\s\x1b\xa0,('\x80-\xff]{1,251}))(?=(?:[><"`}\]{[|\s\x1b\xa0,('\x80-\xff]|\z)))))";

struct CodeFree {
  void operator()(pcre2_code* code) const { pcre2_code_free(code); }
};
struct MatchDataFree {
  void operator()(pcre2_match_data* data) const { pcre2_match_data_free(data); }
};

const pcre2_code* TextUriRegex() {
  static const std::unique_ptr<pcre2_code, CodeFree> code = [] {
    int error = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* compiled = pcre2_compile(
        reinterpret_cast<PCRE2_SPTR>(kTextUriPattern), PCRE2_ZERO_TERMINATED,
        PCRE2_CASELESS, &error, &offset, nullptr);
    assert(compiled != nullptr && "kTextUriPattern must compile");
    (void)error;
    // Every body line is searched, and the pattern's leading lookbehinds
    // leave PCRE2's interpreter no start-of-match shortcut; the
    // interpreter still works where JIT is unavailable.
    (void)pcre2_jit_compile(compiled, PCRE2_JIT_COMPLETE);
    return std::unique_ptr<pcre2_code, CodeFree>(compiled);
  }();
  return code.get();
}

bool IsTrailingPunctuation(char c) {
  return std::string_view("-~!@#^&*()_+=:;'?,.").find(c) !=
         std::string_view::npos;
}

// The text URI as PerMsgStatus::_process_text_uri_list cleans and
// completes it; empty when it skips it.
std::string CompleteTextUri(std::string_view raw, bool is_mail) {
  std::string uri(raw);
  // ")" ends the URI when no "(" comes before it (as Thunderbird reads it).
  const size_t close = uri.find(')');
  if (close != std::string::npos && uri.find('(') > close) uri.resize(close);
  while (!uri.empty() && IsTrailingPunctuation(uri.back())) uri.pop_back();
  if (is_mail && uri.find('@') == std::string::npos) return "";
  if (StartsWithIgnoreCase(uri, "cid:") || StartsWithIgnoreCase(uri, "mid:"))
    return "";
  const std::string lower = ToLowerAscii(uri);
  if (lower.rfind("http:", 0) == 0 || lower.rfind("https:", 0) == 0 ||
      lower.rfind("ftp:", 0) == 0 || lower.rfind("mailto:", 0) == 0) {
    const size_t colon = uri.find(':');
    if (uri.find_first_not_of('/', colon + 1) == std::string::npos) return "";
    return uri;
  }
  if (lower.rfind("ftp.", 0) == 0) return "ftp://" + uri;
  if (lower.rfind("www", 0) == 0) return "http://" + uri;
  const size_t at = uri.find('@');
  const size_t slash = uri.find('/');
  if (slash != std::string::npos && at != std::string::npos && slash < at)
    return "http://" + uri;
  // A bare address: needs a dot after the @.
  if (uri.find('.', at + 2) == std::string::npos) return "";
  if (uri.find("&nbsp;") != std::string::npos) return "";
  return "mailto:" + uri;
}

void AddTextUris(std::string_view body, std::vector<std::string>* out) {
  std::unique_ptr<pcre2_match_data, MatchDataFree> match(
      pcre2_match_data_create_from_pattern(TextUriRegex(), nullptr));
  std::set<std::string> seen;
  size_t line_start = 0;
  while (line_start <= body.size()) {
    size_t line_end = body.find('\n', line_start);
    if (line_end == std::string::npos) line_end = body.size();
    const std::string_view line(body.data() + line_start,
                                line_end - line_start);
    PCRE2_SIZE offset = 0;
    while (offset <= line.size() &&
           pcre2_match(TextUriRegex(),
                       reinterpret_cast<PCRE2_SPTR>(line.data()), line.size(),
                       offset, 0, match.get(), nullptr) > 0) {
      const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(match.get());
      const bool is_mail = ovector[2] == PCRE2_UNSET;
      const size_t group = is_mail ? 4 : 2;
      const std::string_view raw =
          line.substr(ovector[group], ovector[group + 1] - ovector[group]);
      offset = ovector[1] > ovector[0] ? ovector[1] : ovector[0] + 1;
      if (!seen.insert(std::string(raw)).second) continue;
      std::string uri = CompleteTextUri(raw, is_mail);
      if (!uri.empty()) out->push_back(std::move(uri));
    }
    line_start = line_end + 1;
  }
}

}  // namespace

void AppendUriText(const mime::Message& message, std::string* out) {
  MessageViews views(message);
  AppendUriText(views, out);
}

void AppendUriText(MessageViews& views, std::string* out) {
  std::vector<std::string> raw;
  AddTextUris(views.Body(/*with_subject=*/true), &raw);
  raw.insert(raw.end(), views.HtmlUris().begin(), views.HtmlUris().end());
  std::set<std::string> all;
  for (const std::string& uri : raw) detail::AddCanonicalUris(uri, &all);
  bool first = true;
  for (const std::string& uri : all) {
    if (!first) out->push_back('\n');
    out->append(uri);
    first = false;
  }
}

}  // namespace inboxsim::sa
