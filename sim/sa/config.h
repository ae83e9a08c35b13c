// SpamAssassin configuration (.cf / .pre files) read into plain rule data:
// what each rule matches and how, its scores, description and tflags. The
// profile loader turns these into catalog rules; nothing here scans mail.
//
//   ConfigOptions options;                       // SpamAssassin 4.0.1's view
//   Result<Config> config = LoadConfig({"/usr/share/spamassassin"}, options);
//   for (const sa::Rule& rule : config->rules) ... rule.name, rule.kind
//   for (const sa::Unsupported& u : config->unsupported) ... u.reason
//
// The language (Mail::SpamAssassin::Conf): one setting per line, `#` starts
// a comment (`\#` is a literal #), `ifplugin NAME` / `if EXPR` / `else` /
// `endif` blocks, `include FILE`, and the rule lines body, rawbody, header,
// uri, full, meta, with score, describe, tflags and priority about them.
// ReplaceTags (replace_tag, replace_pre, replace_inter, replace_post,
// replace_start, replace_end, replace_rules) is applied at load, so
// Rule::pattern is the regex SpamAssassin finally compiles.
//
// Nothing is dropped silently: a rule that needs SpamAssassin's Perl (an
// eval: test, a plugin's own rule type) is listed in Config::unsupported
// with why; settings that do not define rules are counted in
// Config::ignored_settings.
//
// What SpamAssassin 4.0.1 does with the scores (Conf.pm, Conf/Parser.pm
// fix_tests, Plugin/Check.pm), for the loader to honour:
// - The score set in use is (network tests on ? 1 : 0) + (Bayes on ? 2 : 0).
// - A rule whose score in that set is 0 is not run at all (every rule type,
//   metas included), so a meta reading it sees 0: Rule::enabled().
// - Without a score line a rule gets 1.0 (0.01 for "T_" names), negated for
//   `tflags nice`. "__" rules get 1.0 inside SpamAssassin too, so they run,
//   but their hits are never added to the message score; Rule::scores holds
//   0 for them and enabled() still says they run.
// - `tflags net` / `learn` only skip eval rules in sets without network or
//   Bayes (all unsupported here); the stock 50_scores.cf gives such rules 0
//   in those sets, which enabled() covers.
// - Regexes are compiled by Perl with the /aa flags: \d \s \w and POSIX
//   classes are ASCII only, and case folding stays within ASCII.
#ifndef INBOXSIM_SA_CONFIG_H_
#define INBOXSIM_SA_CONFIG_H_

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.h"

namespace inboxsim::sa {

enum class RuleKind : unsigned char {
  kBody,     // rendered body text, subject first (see message_text.h)
  kRawBody,  // decoded text parts, HTML tags kept
  kHeader,   // one header (or ALL, ToCc, MESSAGEID ...), or exists:NAME
  kUri,      // each URI of the message
  kFull,     // the whole raw message
  kMeta,     // an expression over other rules
};
// "body", "rawbody", "header", "uri", "full", "meta".
std::string_view RuleKindName(RuleKind kind);

// What a header rule reads: `header NAME From:addr =~ /re/ [if-unset: X]`.
struct HeaderRequest {
  // As written before the modifiers: "Subject", "ALL", "ToCc", "MESSAGEID",
  // "EnvelopeFrom", "X-Spam-Relays-External" ... (case kept; SpamAssassin
  // matches conventional header names without case).
  std::string name;
  // The modifiers, in SpamAssassin's spelling: "raw", "addr", "name",
  // "host", "domain", "ip", "revip", "first", "last".
  std::set<std::string> modifiers;
  bool exists = false;   // `exists:NAME`: hits when the header is present
  bool negated = false;  // `!~`: hits when the pattern does NOT match
  // `[if-unset: STRING]`: the text matched when the header is absent.
  std::optional<std::string> if_unset;

  bool has(std::string_view modifier) const {
    return modifiers.count(std::string(modifier)) != 0;
  }
};

// Reads the request at the start of `text` as header rules write it:
// NAME[:modifier...] ("From:addr", "ALL:raw"); modifiers are checked against
// SpamAssassin's list. Returns how many bytes it read.
Result<size_t> ReadHeaderRequest(std::string_view text, HeaderRequest* request);

// A parsed meta expression. Values are numbers (a rule that hit is 1, one
// that did not or is undefined is 0); the meta rule hits when the value is
// not 0. Perl's semantics: `&&` and `||` give the deciding operand's value,
// `!` gives 1 or 0, division by zero gives 0.
struct MetaNode {
  enum class Op : unsigned char {
    kNumber,
    kRule,
    kNot,
    kNegate,
    kAnd,
    kOr,
    kAdd,
    kSubtract,
    kMultiply,
    kDivide,
    kLess,
    kLessEqual,
    kGreater,
    kGreaterEqual,
    kEqual,
    kNotEqual,
  };
  Op op = Op::kNumber;
  double number = 0;                            // kNumber
  std::string rule;                             // kRule
  std::vector<std::unique_ptr<MetaNode>> args;  // operands, in order
};

// Parses `expression` as SpamAssassin's meta syntax; the error says where.
Result<std::unique_ptr<MetaNode>> ParseMetaExpression(
    std::string_view expression);

// Evaluates `node` with `value(rule name)` giving each rule's value.
template <typename Value>
double EvaluateMeta(const MetaNode& node, const Value& value);

// Every rule name the expression refers to, each once, in first-use order.
std::vector<std::string> MetaRuleNames(const MetaNode& node);

struct Rule {
  std::string name;  // "FREE_MONEY", "__DRUGS_ERECTILE1"
  RuleKind kind = RuleKind::kBody;
  // The regex, delimiters removed, ReplaceTags applied, in PCRE syntax;
  // empty for kMeta and exists: rules.
  std::string pattern;
  std::string flags;     // letters from "imsx" as written after the regex
  HeaderRequest header;  // kHeader
  std::string meta;      // kMeta: the expression as written
  std::shared_ptr<const MetaNode> meta_tree;  // kMeta, parsed
  // score NAME a [b c d]: the four score sets (no Bayes, no net; net;
  // Bayes; Bayes and net). One value given is used for all four. Without a
  // score line SpamAssassin's defaults apply: 1.0, 0 for names starting
  // "__", 0.01 for "T_".
  std::array<double, 4> scores{};
  bool has_score = false;
  std::string description;          // describe NAME text
  std::vector<std::string> tflags;  // "nice", "net", "learn", "nosubject",
                                    // "multiple", "maxhits=5" ...
  int priority = 0;
  std::string where;  // "/usr/share/spamassassin/20_drugs.cf:12"

  bool has_tflag(std::string_view flag) const;
  // Whether SpamAssassin runs the rule in `score_set` (0..3): not when a
  // score line set that set's score to 0.
  bool enabled(int score_set) const;
  // SpamAssassin never reports rules named "__..." (sub-rules for metas).
  bool is_subrule() const { return name.rfind("__", 0) == 0; }
};

// A rule read but not runnable here.
struct Unsupported {
  std::string name;
  std::string type;    // "body eval", "header eval", "askdns", "mimeheader"
  std::string reason;  // "eval:check_for_missing_to_header() runs Perl ..."
  std::string where;
};

struct Config {
  std::vector<Rule> rules;  // one per name, in first-definition order; a
                            // later definition replaces an earlier one
  std::vector<Unsupported> unsupported;
  // Settings read that define no rule (whitelist_from, report, lang ...):
  // setting name -> how many lines.
  std::map<std::string, uint64_t> ignored_settings;
  double required_score = 5.0;     // required_score / required_hits
  std::vector<std::string> files;  // every file read, in reading order
  // Lines SpamAssassin would warn about but that break nothing, each
  // "where: what": a meta naming an undefined rule (it reads 0), a score
  // line it rejects, a bad rule name ...
  std::vector<std::string> warnings;
};

struct ConfigOptions {
  // The version `if (version >= 4.000001)` compares against.
  double version = 4.000001;
  // Plugins taken as loaded for ifplugin / if plugin(...) blocks, in
  // addition to `loadplugin` lines read. Empty: SpamAssassin 4.0's stock
  // set (Debian's /etc/spamassassin/*.pre as shipped).
  std::set<std::string> plugins;
  // `enable_compat NAME` flags taken as set (they make
  // `can(Mail::SpamAssassin::Conf::compat_NAME)` true), in addition to
  // enable_compat lines read; the default is Debian's stock init.pre.
  std::set<std::string> compat_flags = {"welcomelist_blocklist"};
};

// Reads SpamAssassin configuration. Each path is a file, or a directory
// whose *.pre then *.cf files (not subdirectories) are read in name order,
// as SpamAssassin reads a rules directory. Fails only for a path that
// cannot be read (kUnreadable) or a block structure SpamAssassin itself
// refuses (kBadInput: unbalanced if/else/endif, an `if` condition it
// cannot evaluate), with `where` naming file:line; a bad rule line becomes
// an Unsupported entry, a bad score line a warning.
Result<Config> LoadConfig(const std::vector<std::string>& paths,
                          const ConfigOptions& options);

// The same for text already in memory; `file_name` is used in `where`.
Result<Config> ParseConfig(std::string_view text, std::string_view file_name,
                           const ConfigOptions& options);

// ---- implementation of the template ----

template <typename Value>
double EvaluateMeta(const MetaNode& node, const Value& value) {
  using Op = MetaNode::Op;
  auto arg = [&](size_t i) { return EvaluateMeta(*node.args[i], value); };
  switch (node.op) {
    case Op::kNumber:
      return node.number;
    case Op::kRule:
      return value(node.rule);
    case Op::kNot:
      return arg(0) == 0 ? 1 : 0;
    case Op::kNegate:
      return -arg(0);
    case Op::kAnd: {
      const double left = arg(0);
      return left == 0 ? left : arg(1);
    }
    case Op::kOr: {
      const double left = arg(0);
      return left != 0 ? left : arg(1);
    }
    case Op::kAdd:
      return arg(0) + arg(1);
    case Op::kSubtract:
      return arg(0) - arg(1);
    case Op::kMultiply:
      return arg(0) * arg(1);
    case Op::kDivide: {
      const double divisor = arg(1);
      return divisor == 0 ? 0 : arg(0) / divisor;
    }
    case Op::kLess:
      return arg(0) < arg(1);
    case Op::kLessEqual:
      return arg(0) <= arg(1);
    case Op::kGreater:
      return arg(0) > arg(1);
    case Op::kGreaterEqual:
      return arg(0) >= arg(1);
    case Op::kEqual:
      return arg(0) == arg(1);
    case Op::kNotEqual:
      return arg(0) != arg(1);
  }
  return 0;
}

}  // namespace inboxsim::sa

#endif  // INBOXSIM_SA_CONFIG_H_
