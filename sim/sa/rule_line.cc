#include "sim/sa/rule_line.h"

#include <array>
#include <cctype>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "sim/core/text.h"
#include "sim/sa/message_text.h"
#include "sim/sa/perl_regex.h"

namespace inboxsim::sa::detail {
namespace {

struct CoreKind {
  std::string_view setting;
  RuleKind kind;
};
constexpr std::array<CoreKind, 6> kCoreKinds = {{
    {"body", RuleKind::kBody},
    {"rawbody", RuleKind::kRawBody},
    {"header", RuleKind::kHeader},
    {"uri", RuleKind::kUri},
    {"full", RuleKind::kFull},
    {"meta", RuleKind::kMeta},
}};

// Rule types that plugins register (grep add_test and the settings of
// Mail/SpamAssassin/Plugin/*.pm), each needing what the reason says.
struct PluginKind {
  std::string_view setting;
  std::string_view reason;
};
constexpr std::array<PluginKind, 15> kPluginKinds = {{
    {"mimeheader", "matches MIME part headers (MIMEHeader plugin)"},
    {"uri_detail", "matches parsed URI parts (URIDetail plugin)"},
    {"askdns", "a DNS lookup (AskDNS plugin)"},
    {"uridnsbl", "a DNS blocklist lookup of URI hosts (URIDNSBL plugin)"},
    {"uridnssub", "a DNS blocklist lookup of URI hosts (URIDNSBL plugin)"},
    {"urirhsbl", "a DNS blocklist lookup of URI domains (URIDNSBL plugin)"},
    {"urirhssub", "a DNS blocklist lookup of URI domains (URIDNSBL plugin)"},
    {"urinsrhsbl", "a DNS lookup of URI name servers (URIDNSBL plugin)"},
    {"urinsrhssub", "a DNS lookup of URI name servers (URIDNSBL plugin)"},
    {"urifullnsrhsbl", "a DNS lookup of URI name servers (URIDNSBL plugin)"},
    {"urifullnsrhssub", "a DNS lookup of URI name servers (URIDNSBL plugin)"},
    {"uri_block_cc", "a GeoIP lookup of URI hosts (URILocalBL plugin)"},
    {"uri_block_cont", "a GeoIP lookup of URI hosts (URILocalBL plugin)"},
    {"uri_block_isp", "a GeoIP lookup of URI hosts (URILocalBL plugin)"},
    {"uri_block_cidr", "an IP range lookup of URI hosts (URILocalBL plugin)"},
}};

// Header modifiers add_test accepts (Conf/Parser.pm).
constexpr std::array<std::string_view, 9> kHeaderModifiers = {
    "raw", "addr", "name", "host", "domain", "ip", "revip", "first", "last"};

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)); }

std::string_view TrimLeft(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  return text;
}


// Constants::IS_RULENAME: [_a-zA-Z][_a-zA-Z0-9]{0,127}.
bool IsRuleName(std::string_view name) {
  constexpr size_t kMaxRuleName = 128;
  if (name.empty() || name.size() > kMaxRuleName) return false;
  if (std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name) {
    if (!IsWordAscii(c)) return false;
  }
  return true;
}

Unsupported MakeUnsupported(std::string name, std::string type,
                            std::string reason, const std::string& where) {
  return Unsupported{std::move(name), std::move(type), std::move(reason),
                     where};
}

// `eval:fn(args)` (header also `rbleval:`): the Perl function to run.
std::optional<std::string_view> EvalFunction(std::string_view text,
                                             RuleKind kind) {
  if (kind == RuleKind::kHeader && text.rfind("rbleval:", 0) == 0) {
    text.remove_prefix(3);
  }
  if (text.rfind("eval:", 0) != 0) return std::nullopt;
  text.remove_prefix(5);
  size_t end = 0;
  while (end < text.size() && IsWordAscii(text[end])) ++end;
  return text.substr(0, end);
}

std::string EvalReason(std::string_view function) {
  const std::string call = "eval:" + std::string(function) + "()";
  for (std::string_view dns :
       {"check_rbl", "check_dns", "check_uridnsbl", "check_hashbl"}) {
    if (function.rfind(dns, 0) == 0) return call + " is a DNS blocklist lookup";
  }
  return call + " runs SpamAssassin's Perl code (" + std::string(function) +
         ")";
}

// SpamAssassin 4 capture templates, `%{NAME}` (Parser.pm parse_captures):
// the text another rule captured, put in at scan time.
std::optional<std::string_view> CaptureTemplate(std::string_view pattern) {
  for (size_t pos = pattern.find("%{"); pos != std::string_view::npos;
       pos = pattern.find("%{", pos + 1)) {
    const size_t close = pattern.find('}', pos);
    if ((pos > 0 && pattern[pos - 1] == '\\') ||
        close == std::string_view::npos ||
        !std::isupper(static_cast<unsigned char>(pattern[pos + 2]))) {
      continue;
    }
    return pattern.substr(pos, close + 1 - pos);
  }
  return std::nullopt;
}

// Fills rule.pattern and rule.flags from a regex literal, or says why not.
std::optional<std::string> SetRegex(std::string_view literal, Rule& rule) {
  Result<PerlRegex> regex = ParsePerlRegex(literal);
  if (!regex)
    return "bad regex " + std::string(literal) + ": " + regex.error().message;
  if (auto capture = CaptureTemplate(regex->pattern)) {
    return "matches " + std::string(*capture) +
           ", a tag captured by another rule at scan time";
  }
  rule.pattern = std::move(regex->pattern);
  rule.flags = std::move(regex->flags);
  return std::nullopt;
}

// `Hdr[:mod[:mod]] =~ /re/flags [if-unset: X]`, `!~`, or `exists:Hdr`.
std::optional<std::string> ParseHeaderTest(std::string_view text, Rule& rule) {
  HeaderRequest& header = rule.header;
  if (text.rfind("exists:", 0) == 0) {
    std::string_view name = text.substr(7);
    if (!name.empty() && name.back() == ':') name.remove_suffix(1);
    for (char c : name) {
      if (!IsWordAscii(c) && c != '.' && c != '-') {
        return "bad header name in exists:" + std::string(name);
      }
    }
    if (name.empty()) return std::string("exists: names no header");
    header.name = std::string(name);
    header.exists = true;
    return std::nullopt;
  }
  Result<size_t> read = ReadHeaderRequest(text, &header);
  if (!read) return read.error().message;
  std::string_view rest = TrimLeft(text.substr(*read));
  if (rest.rfind("=~", 0) != 0 && rest.rfind("!~", 0) != 0) {
    return std::string("expected =~ or !~ after the header name");
  }
  header.negated = rest[0] == '!';
  rest = TrimLeft(rest.substr(2));

  constexpr std::string_view kIfUnset = "[if-unset:";
  const size_t unset = rest.rfind(kIfUnset);
  if (unset != std::string_view::npos && unset > 0 &&
      IsSpace(rest[unset - 1]) && rest.back() == ']') {
    std::string_view value = rest.substr(unset + kIfUnset.size());
    value.remove_suffix(1);
    if (!value.empty() && IsSpace(value.front())) {
      header.if_unset = std::string(TrimLeft(value));
      rest = rest.substr(0, unset);
      while (!rest.empty() && IsSpace(rest.back())) rest.remove_suffix(1);
    }
  }
  return SetRegex(rest, rule);
}

// The checks SpamAssassin makes before handing a meta to Perl (Conf.pm
// meta, Parser.pm is_meta_valid).
std::optional<std::string> ParseMeta(std::string_view text, Rule& rule) {
  rule.meta = std::string(text);
  for (std::string_view bad : {"::", "->", "$", "@", "%", ";", "{", "}"}) {
    if (text.find(bad) != std::string_view::npos) {
      return "meta may not contain '" + std::string(bad) + "'";
    }
  }
  Result<std::unique_ptr<MetaNode>> tree = ParseMetaExpression(text);
  if (!tree) return tree.error().message;
  rule.meta_tree = std::move(*tree);
  return std::nullopt;
}

}  // namespace

bool DefinesRule(std::string_view setting) {
  for (const CoreKind& core : kCoreKinds) {
    if (core.setting == setting) return true;
  }
  for (const PluginKind& plugin : kPluginKinds) {
    if (plugin.setting == setting) return true;
  }
  return false;
}

Result<Definition> ParseRuleLine(std::string_view setting,
                                 std::string_view value,
                                 const std::string& where) {
  size_t name_end = 0;
  while (name_end < value.size() && !IsSpace(value[name_end])) ++name_end;
  std::string name(value.substr(0, name_end));
  const std::string_view text = TrimLeft(value.substr(name_end));
  if (name.empty()) return BadInput(std::string(setting) + " names no rule");
  if (!IsRuleName(name)) {
    return BadInput("'" + name + "' is not a valid rule name");
  }
  if (text.empty()) return BadInput(std::string(setting) + " " + name + " is empty");

  for (const PluginKind& plugin : kPluginKinds) {
    if (plugin.setting == setting) {
      return Definition(MakeUnsupported(name, std::string(setting),
                                        std::string(plugin.reason), where));
    }
  }
  Rule rule;
  rule.name = name;
  rule.where = where;
  for (const CoreKind& core : kCoreKinds) {
    if (core.setting == setting) rule.kind = core.kind;
  }
  const std::string kind_name(RuleKindName(rule.kind));
  if (rule.kind != RuleKind::kMeta) {
    if (auto function = EvalFunction(text, rule.kind)) {
      return Definition(MakeUnsupported(name, kind_name + " eval",
                                        EvalReason(*function), where));
    }
  }
  std::optional<std::string> problem;
  switch (rule.kind) {
    case RuleKind::kHeader:
      problem = ParseHeaderTest(text, rule);
      // A request we cannot render (message_text.h) is not runnable here,
      // like an eval: the metas reading it are retired with it.
      if (!problem) problem = UnsupportedHeaderRequest(rule.header);
      break;
    case RuleKind::kMeta:
      problem = ParseMeta(text, rule);
      break;
    default:
      problem = SetRegex(text, rule);
      break;
  }
  if (problem) {
    return Definition(
        MakeUnsupported(name, kind_name, std::move(*problem), where));
  }
  return Definition(std::move(rule));
}

}  // namespace inboxsim::sa::detail

namespace inboxsim::sa {

Result<size_t> ReadHeaderRequest(std::string_view text,
                                 HeaderRequest* request) {
  size_t pos = 0;
  while (pos < text.size() &&
         (IsWordAscii(text[pos]) || text[pos] == '.' || text[pos] == '-')) {
    ++pos;
  }
  request->name = std::string(text.substr(0, pos));
  if (request->name.empty()) return BadInput("no header name");
  while (pos < text.size() && text[pos] == ':') {
    size_t end = ++pos;
    while (end < text.size() &&
           std::isalpha(static_cast<unsigned char>(text[end]))) {
      ++end;
    }
    std::string modifier(text.substr(pos, end - pos));
    for (char& c : modifier) c = std::tolower(static_cast<unsigned char>(c));
    pos = end;
    if (modifier.empty()) break;  // a bare trailing ':' is allowed
    bool known = false;
    for (std::string_view m : detail::kHeaderModifiers)
      known = known || m == modifier;
    if (!known) return BadInput("unknown header modifier :" + modifier);
    request->modifiers.insert(modifier);
  }
  return pos;
}

}  // namespace inboxsim::sa
