#include "sim/profile/spamassassin_import.h"

#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <variant>

#include "sim/sa/message_text.h"
#include "sim/scan/target.h"

namespace inboxsim::profile {
namespace {

// SpamAssassin matches body, rawbody and uri rules line by line (URI by
// URI); we join the lines with "\n", so ^ and $ must anchor at each line.
std::string LineByLineFlags(std::string flags) {
  if (flags.find('m') == std::string::npos) flags += 'm';
  return flags;
}

// For the same reason the string anchors \A, \z and \Z, which anchor at
// SpamAssassin's line, become ^ and $ (with the m flag: the line's start and
// end). Outside character classes only; escapes are copied as they are.
std::string LineByLineAnchors(std::string_view pattern) {
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

// The catalog rule for `rule`, or why it cannot run here.
std::variant<Rule, std::string> Convert(const sa::Rule& rule) {
  Rule converted;
  converted.id = rule.name;
  converted.description = rule.description;
  converted.where = rule.where;
  converted.family = Family::kTrigger;
  converted.pattern = rule.pattern;
  converted.flags = rule.flags;
  switch (rule.kind) {
    case sa::RuleKind::kBody:
      converted.target.kind = rule.has_tflag("nosubject")
                                  ? scan::TargetKind::kSaBodyNoSubject
                                  : scan::TargetKind::kSaBody;
      converted.flags = LineByLineFlags(rule.flags);
      converted.pattern = LineByLineAnchors(rule.pattern);
      break;
    case sa::RuleKind::kRawBody:
      converted.target.kind = scan::TargetKind::kSaRawBody;
      converted.flags = LineByLineFlags(rule.flags);
      converted.pattern = LineByLineAnchors(rule.pattern);
      break;
    case sa::RuleKind::kUri:
      converted.target.kind = scan::TargetKind::kSaUri;
      converted.flags = LineByLineFlags(rule.flags);
      converted.pattern = LineByLineAnchors(rule.pattern);
      break;
    case sa::RuleKind::kFull:
      converted.target.kind = scan::TargetKind::kSaFull;
      break;
    case sa::RuleKind::kHeader: {
      if (std::optional<std::string> why =
              sa::UnsupportedHeaderRequest(rule.header)) {
        return *why;
      }
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

  // Names not runnable here, with why; metas reading them join below.
  std::map<std::string, std::string> unsupported;  // name -> "type: reason"
  for (const sa::Unsupported& rule : config->unsupported) {
    Count(&summary.unsupported_by_type, rule.type);
    summary.unsupported.push_back(rule.name + " (" + rule.type + "): " +
                                  rule.reason + " [" + rule.where + "]");
    unsupported.emplace(rule.name, rule.type);
  }

  std::vector<std::pair<const sa::Rule*, Rule>> runnable;
  for (const sa::Rule& rule : config->rules) {
    if (!rule.enabled(score_set)) {  // SpamAssassin skips it; metas read 0
      ++summary.disabled;
      continue;
    }
    std::variant<Rule, std::string> converted = Convert(rule);
    if (std::string* why = std::get_if<std::string>(&converted)) {
      const std::string type = std::string(sa::RuleKindName(rule.kind));
      Count(&summary.unsupported_by_type, type);
      summary.unsupported.push_back(rule.name + " (" + type + "): " + *why +
                                    " [" + rule.where + "]");
      unsupported.emplace(rule.name, type);
      continue;
    }
    runnable.emplace_back(&rule, std::move(std::get<Rule>(converted)));
  }

  // A meta reading an unsupported rule cannot give SpamAssassin's answer:
  // it is unsupported too, and so are the metas that read it, transitively.
  for (bool changed = true; changed;) {
    changed = false;
    for (auto& [rule, converted] : runnable) {
      if (rule->kind != sa::RuleKind::kMeta || !rule->meta_tree ||
          unsupported.count(rule->name))
        continue;
      for (const std::string& input : sa::MetaRuleNames(*rule->meta_tree)) {
        if (!unsupported.count(input)) continue;
        Count(&summary.unsupported_by_type, "meta");
        summary.unsupported.push_back(rule->name + " (meta): reads " + input +
                                      ", which cannot run here [" +
                                      rule->where + "]");
        unsupported.emplace(rule->name, "meta");
        changed = true;
        break;
      }
    }
  }

  for (auto& [rule, converted] : runnable) {
    if (unsupported.count(rule->name)) continue;
    ImportedRule out;
    out.score = rule->scores[score_set];  // defaults filled in by sim/sa
    out.scored = !rule->is_subrule();
    out.meta = rule->meta_tree;
    out.kind = std::string(sa::RuleKindName(rule->kind));
    out.rule = std::move(converted);
    out.rule.max_hits = MaxHits(*rule);
    Count(&summary.loaded_by_kind, sa::RuleKindName(rule->kind));
    if (out.scored) ++summary.scored;
    imported.rules.push_back(std::move(out));
  }
  return imported;
}

}  // namespace inboxsim::profile
