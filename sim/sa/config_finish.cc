#include "sim/sa/config_finish.h"

#include <set>
#include <utility>

namespace inboxsim::sa::detail {
namespace {

// Scores SpamAssassin gives a rule without a score line (fix_tests):
// 1.0, 0.01 for rules in testing ("T_"), negated for `tflags nice`. "__"
// rules are never added to a message's score, so 0 here (see config.h).
double DefaultScore(const Rule& rule) {
  if (rule.is_subrule()) return 0;
  const double score = rule.name.rfind("T_", 0) == 0 ? 0.01 : 1.0;
  return rule.has_tflag("nice") ? -score : score;
}

void ApplyAttributes(const RuleAttributes* attributes, Rule& rule) {
  if (attributes != nullptr) {
    if (attributes->description) rule.description = *attributes->description;
    if (attributes->tflags) rule.tflags = *attributes->tflags;
    if (attributes->priority) rule.priority = *attributes->priority;
    if (attributes->scores) {
      rule.scores = *attributes->scores;
      rule.has_score = true;
    }
  }
  if (!rule.has_score) rule.scores.fill(DefaultScore(rule));
}

const std::string& NameOf(const Definition& definition) {
  return std::visit([](const auto& d) -> const std::string& { return d.name; },
                    definition);
}

class Finisher {
 public:
  explicit Finisher(FinishInput input) : input_(std::move(input)) {
    for (size_t i = 0; i < input_.definitions.size(); ++i) {
      index_[NameOf(input_.definitions[i])] = i;
    }
  }

  Config Run() && {
    for (Definition& definition : input_.definitions) {
      if (Rule* rule = std::get_if<Rule>(&definition)) {
        auto it = input_.attributes.find(rule->name);
        ApplyAttributes(it == input_.attributes.end() ? nullptr : &it->second,
                        *rule);
      }
    }
    ReplaceTags();
    WarnUndefinedMetaNames();
    RetireMetasOnUnsupported();
    RetireMetaCycles();

    Config config;
    for (Definition& definition : input_.definitions) {
      if (Rule* rule = std::get_if<Rule>(&definition)) {
        config.rules.push_back(std::move(*rule));
      } else {
        config.unsupported.push_back(
            std::move(std::get<Unsupported>(definition)));
      }
    }
    config.warnings = std::move(warnings_);
    return config;
  }

 private:
  Rule* FindRule(const std::string& name) {
    auto it = index_.find(name);
    if (it == index_.end()) return nullptr;
    return std::get_if<Rule>(&input_.definitions[it->second]);
  }

  // Only regex rules take tags (ReplaceTags.pm works on test_qrs); each
  // listed rule is done once however often it is listed.
  void ReplaceTags() {
    std::set<std::string> done;
    for (const std::string& name : input_.replace_rules) {
      if (!done.insert(name).second) continue;
      Rule* rule = FindRule(name);
      if (rule == nullptr || rule->kind == RuleKind::kMeta ||
          rule->header.exists) {
        if (index_.count(name) == 0) {
          warnings_.push_back("replace_rules " + name +
                              ": no such rule defined");
        }
        continue;
      }
      rule->pattern = ApplyReplaceTags(rule->pattern, input_.replace_tags);
    }
  }

  // SpamAssassin reads an undefined name as 0 (a debug message only).
  void WarnUndefinedMetaNames() {
    for (const Definition& definition : input_.definitions) {
      const Rule* rule = std::get_if<Rule>(&definition);
      if (rule == nullptr || rule->kind != RuleKind::kMeta) continue;
      for (const std::string& name : MetaRuleNames(*rule->meta_tree)) {
        if (index_.count(name) == 0) {
          warnings_.push_back(rule->where + ": meta " + rule->name +
                              " reads undefined rule " + name + " (as 0)");
        }
      }
    }
  }

  void Retire(size_t index, std::string reason) {
    Rule& rule = std::get<Rule>(input_.definitions[index]);
    input_.definitions[index] =
        Unsupported{rule.name, "meta", std::move(reason), rule.where};
  }

  // A meta over a rule we cannot run would be evaluated with a wrong 0 for
  // it, so it is unsupported too, and so on up (until nothing changes).
  void RetireMetasOnUnsupported() {
    for (bool changed = true; changed;) {
      changed = false;
      for (size_t i = 0; i < input_.definitions.size(); ++i) {
        const Rule* rule = std::get_if<Rule>(&input_.definitions[i]);
        if (rule == nullptr || rule->kind != RuleKind::kMeta) continue;
        for (const std::string& name : MetaRuleNames(*rule->meta_tree)) {
          auto it = index_.find(name);
          if (it == index_.end()) continue;
          const auto* dependency =
              std::get_if<Unsupported>(&input_.definitions[it->second]);
          if (dependency == nullptr) continue;
          Retire(i, "depends on " + dependency->type + " rule " + name);
          changed = true;
          break;
        }
      }
    }
  }

  // SpamAssassin drops metas whose meta dependencies never resolve
  // (compile_meta_rules: "unsolved meta dependencies"): those on a cycle
  // and those above one. Kahn's algorithm leaves exactly them.
  void RetireMetaCycles() {
    std::map<size_t, std::vector<size_t>> waiting_on;  // meta -> metas it reads
    for (size_t i = 0; i < input_.definitions.size(); ++i) {
      const Rule* rule = std::get_if<Rule>(&input_.definitions[i]);
      if (rule == nullptr || rule->kind != RuleKind::kMeta) continue;
      std::vector<size_t>& reads = waiting_on[i];
      for (const std::string& name : MetaRuleNames(*rule->meta_tree)) {
        const Rule* read = FindRule(name);
        if (read != nullptr && read->kind == RuleKind::kMeta) {
          reads.push_back(index_[name]);
        }
      }
    }
    for (bool changed = true; changed;) {
      changed = false;
      for (auto it = waiting_on.begin(); it != waiting_on.end();) {
        bool ready = true;
        for (size_t read : it->second) ready = ready && !waiting_on.count(read);
        if (ready) {
          it = waiting_on.erase(it);
          changed = true;
        } else {
          ++it;
        }
      }
    }
    for (const auto& [index, reads] : waiting_on) {
      Retire(index, "unsolved meta dependencies (a cycle among metas)");
    }
  }

  FinishInput input_;
  std::map<std::string, size_t> index_;
  std::vector<std::string> warnings_;
};

}  // namespace

Config FinishConfig(FinishInput input) {
  return Finisher(std::move(input)).Run();
}

}  // namespace inboxsim::sa::detail
