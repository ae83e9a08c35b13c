#include "sim/profile/spamassassin_import.h"

#include <cstdint>
#include <cstdlib>
#include <string>

#include "sim/scan/target.h"

namespace inboxsim::profile {
namespace {

// The string anchors \A, \z and \Z become ^ and $ (with the m flag: the
// line's start and end). Outside character classes only; escapes are
// copied as they are.
std::string LineAnchors(std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size());
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      const char next = pattern[++i];
      if (!in_class && next == 'A') {
        out += '^';
      } else if (!in_class && (next == 'z' || next == 'Z')) {
        out += '$';
      } else {
        out += c;
        out += next;
      }
      continue;
    }
    if (c == '[' && !in_class) {
      in_class = true;
      out += c;
      // A ] first in a class is a literal, not its end.
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') out += pattern[++i];
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') out += pattern[++i];
      continue;
    }
    if (c == ']' && in_class) in_class = false;
    out += c;
  }
  return out;
}

// SpamAssassin matches body, rawbody and uri rules line by line (URI by
// URI); we join the lines with "\n", so its anchors must anchor at each
// line: ^ and $ through the m flag, \A \z \Z rewritten.
void MatchLineByLine(Rule* rule) {
  if (rule->flags.find('m') == std::string::npos) rule->flags += 'm';
  rule->pattern = LineAnchors(rule->pattern);
}

// tflags multiple [maxhits=N]: how many matches a meta may count.
uint32_t MaxHits(const sa::Rule& rule) {
  if (!rule.has_tflag("multiple") || rule.kind == sa::RuleKind::kMeta ||
      rule.pattern.empty())
    return 0;
  for (const std::string& flag : rule.tflags) {
    if (flag.rfind("maxhits=", 0) == 0) {
      const long value = std::strtol(flag.c_str() + 8, nullptr, 10);
      if (value > 0) return static_cast<uint32_t>(value);
    }
  }
  return UINT32_MAX;
}

// The catalog rule for `rule`, reading SpamAssassin's view of the message.
Rule Convert(const sa::Rule& rule) {
  Rule converted;
  converted.id = rule.name;
  converted.description = rule.description;
  converted.where = rule.where;
  converted.family = Family::kTrigger;
  converted.pattern = rule.pattern;
  converted.flags = rule.flags;
  converted.max_hits = MaxHits(rule);
  switch (rule.kind) {
    case sa::RuleKind::kBody:
      converted.target.kind = rule.has_tflag("nosubject")
                                  ? scan::TargetKind::kSaBodyNoSubject
                                  : scan::TargetKind::kSaBody;
      MatchLineByLine(&converted);
      break;
    case sa::RuleKind::kRawBody:
      converted.target.kind = scan::TargetKind::kSaRawBody;
      MatchLineByLine(&converted);
      break;
    case sa::RuleKind::kUri:
      converted.target.kind = scan::TargetKind::kSaUri;
      MatchLineByLine(&converted);
      break;
    case sa::RuleKind::kFull:
      converted.target.kind = scan::TargetKind::kSaFull;
      break;
    case sa::RuleKind::kHeader: {
      converted.target = scan::SaHeaderTarget(rule.header);
      converted.negated = rule.header.negated;
      if (rule.header.exists) {
        converted.check = CheckKind::kHeaderExists;
        converted.pattern = "exists:" + rule.header.name;
        converted.flags.clear();
      }
      break;
    }
    case sa::RuleKind::kMeta:
      converted.check = CheckKind::kMeta;
      converted.pattern = rule.meta;
      converted.flags.clear();
      break;
  }
  return converted;
}

void Count(std::vector<std::pair<std::string, size_t>>* counts,
           std::string_view key) {
  for (auto& [name, count] : *counts) {
    if (name == key) {
      ++count;
      return;
    }
  }
  counts->emplace_back(std::string(key), 1);
}

}  // namespace

Result<ImportedRules> ImportSpamAssassin(const std::string& path, int score_set,
                                         const sa::ConfigOptions& options) {
  Result<sa::Config> config = sa::LoadConfig({path}, options);
  if (!config) return config.error();
  ImportedRules imported;
  imported.required_score = config->required_score;
  SpamAssassinImport& summary = imported.summary;
  summary.path = path;
  summary.score_set = score_set;

  for (const sa::Unsupported& rule : config->unsupported) {
    Count(&summary.unsupported_by_type, rule.type);
    summary.unsupported.push_back(rule.name + " (" + rule.type + "): " +
                                  rule.reason + " [" + rule.where + "]");
  }
  for (const sa::Rule& rule : config->rules) {
    if (!rule.enabled(score_set)) {  // SpamAssassin skips it; metas read 0
      ++summary.disabled;
      continue;
    }
    ImportedRule out;
    out.rule = Convert(rule);
    out.score = rule.scores[score_set];  // defaults filled in by sim/sa
    out.scored = !rule.is_subrule();
    out.meta = rule.meta_tree;
    out.kind = std::string(sa::RuleKindName(rule.kind));
    if (out.scored) ++summary.scored;
    imported.rules.push_back(std::move(out));
  }
  return imported;
}

}  // namespace inboxsim::profile
