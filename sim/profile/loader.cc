#include "sim/profile/loader.h"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <tuple>
#include <unordered_map>

#include "sim/core/text.h"
#include "sim/model/model_file.h"
#include "sim/profile/content_checks.h"
#include "sim/profile/fact_checks.h"
#include "sim/profile/lists.h"
#include "sim/profile/meta_program.h"
#include "sim/profile/reputation_checks.h"
#include "sim/profile/reputation_table.h"
#include "sim/profile/spamassassin_import.h"
#include "sim/profile/toml_file.h"
#include "sim/profile/zone_auth.h"
#include "sim/scan/pattern_set.h"

namespace inboxsim::profile {
namespace {

namespace fs = std::filesystem;

constexpr double kDefaultScore = 1.0;
constexpr std::string_view kFlagLetters = "imsux";
constexpr int kMaxIncludeDepth = 16;
// include = ["spamassassin:/usr/share/spamassassin"]
constexpr std::string_view kSpamAssassinPrefix =
    "spamassassin:";  // deeper is a cycle or a mistake

bool IsValidRuleId(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return IsAlnumAscii(c) || c == '_' || c == '.' || c == '-';
  });
}

class Loader {
 public:
  explicit Loader(const LoadOptions& options) : options_(options) {}

  Status LoadProfile(const std::string& path) {
    Result<toml::table> parsed = Parse(path);
    if (!parsed) return parsed.error();
    const toml::table& table = *parsed;
    if (Status keys = CheckKeys(table,
                                {"name", "description", "include", "thresholds",
                                 "scores", "disable", "rules", "content",
                                 "lists", "auth", "reputation", "spamassassin"},
                                path, "");
        !keys) {
      return keys.error();
    }
    Profile profile;
    profile.path = path;
    const auto name = table["name"].value<std::string>();
    if (!name || name->empty())
      return BadProfile(path, "profile needs a non-empty 'name'");
    profile.name = *name;
    if (auto other = profile_paths_.find(profile.name);
        other != profile_paths_.end()) {
      return BadProfile(Where(path, table.get("name")),
                        "profile name '" + profile.name + "' is also used by " +
                            other->second);
    }
    profile.description = table["description"].value_or(std::string());

    const toml::table* thresholds = table["thresholds"].as_table();
    if (thresholds == nullptr)
      return BadProfile(path, "profile needs a [thresholds] table");
    if (Status keys =
            CheckKeys(*thresholds, {"junk", "reject"}, path, "[thresholds]: ");
        !keys) {
      return keys.error();
    }
    const std::optional<double> junk = NumberOf(thresholds->get("junk"));
    const std::optional<double> reject = NumberOf(thresholds->get("reject"));
    if (!junk || !reject) {
      return BadProfile(Where(path, thresholds),
                        "[thresholds] needs numbers 'junk' and 'reject'");
    }
    if (*reject < *junk) {
      return BadProfile(Where(path, thresholds->get("reject")),
                        "reject threshold " + std::to_string(*reject) +
                            " is below the junk threshold " +
                            std::to_string(*junk));
    }
    profile.junk_threshold = *junk;
    profile.reject_threshold = *reject;

    Result<SpamAssassinSettings> spamassassin =
        ReadSpamAssassinSettings(table, path);
    if (!spamassassin) return spamassassin.error();
    spamassassin_ = *spamassassin;
    current_profile_ = profile.name;

    // Rules in order: includes first, then the profile's own.
    std::vector<LocalRule> rules;
    if (Status included = AddIncludes(table, path, 0, &rules); !included)
      return included.error();
    if (Status own = AddRules(table, path, &rules); !own) return own.error();
    if (Status content = AddContentBans(table, path, &rules); !content) {
      return content.error();
    }
    if (Status lists = AddLists(table, path, &rules); !lists)
      return lists.error();
    if (Status auth = AddAuth(table, path, &rules); !auth) return auth.error();
    if (Status reputation = AddReputation(table, path, &rules); !reputation)
      return reputation.error();
    // Scores first: re-scoring a rule that is also disabled is harmless.
    if (Status applied = ApplyScores(table, path, &rules); !applied)
      return applied.error();
    if (Status applied = ApplyDisable(table, path, &rules); !applied)
      return applied.error();
    // In catalog order: scores are then summed in the same order however a
    // message is evaluated (per profile, or by Judge over all profiles), so
    // a score on a threshold lands on the same side both ways.
    std::sort(rules.begin(), rules.end(),
              [](const LocalRule& a, const LocalRule& b) {
                return a.index < b.index;
              });
    for (const LocalRule& rule : rules) {
      profile.rules.push_back(
          {rule.index, rule.score, rule.forced, rule.allow});
    }

    profile_paths_[profile.name] = path;
    set_.profiles.push_back(std::move(profile));
    return Ok{};
  }

  ProfileSet Take() { return std::move(set_); }

 private:
  struct LocalRule {
    uint32_t index = 0;  // in the catalog
    double score = 0;
    Action forced = Action::kInbox;
    bool allow = false;
  };

  Result<toml::table> Parse(const std::string& path) {
    return ParseTomlFile(path);
  }

  // [spamassassin]: how the profile's `spamassassin:` includes are read.
  struct SpamAssassinSettings {
    int score_set = 0;
    sa::ConfigOptions config;
  };

  // score_set defaults to the set matching the profile's features: Bayes
  // when it has a token model ([reputation] model), never network tests
  // (everything here runs offline): 2 or 0.
  Result<SpamAssassinSettings> ReadSpamAssassinSettings(
      const toml::table& table, const std::string& path) {
    SpamAssassinSettings settings;
    const toml::table* reputation = table["reputation"].as_table();
    if (reputation != nullptr && reputation->contains("model"))
      settings.score_set = 2;
    const toml::node* node = table.get("spamassassin");
    if (node == nullptr) return settings;
    const toml::table* section = node->as_table();
    if (section == nullptr)
      return BadProfile(Where(path, node),
                        "'spamassassin' must be a table ([spamassassin])");
    if (Status keys = CheckKeys(*section, {"score_set", "plugins"}, path,
                                "[spamassassin]: ");
        !keys) {
      return keys.error();
    }
    if (const toml::node* set = section->get("score_set")) {
      const std::optional<int64_t> value = set->value<int64_t>();
      if (!value || *value < 0 || *value > 3)
        return BadProfile(Where(path, set),
                          "score_set must be 0, 1, 2 or 3 (no Bayes/no net, "
                          "net, Bayes, Bayes and net)");
      settings.score_set = static_cast<int>(*value);
    }
    if (const toml::node* plugins = section->get("plugins")) {
      const toml::array* list = plugins->as_array();
      if (list == nullptr)
        return BadProfile(Where(path, plugins),
                          "plugins must be an array of plugin names");
      for (const toml::node& entry : *list) {
        const auto name = entry.value<std::string>();
        if (!name)
          return BadProfile(Where(path, &entry),
                            "plugins entries must be strings");
        settings.config.plugins.insert(*name);
      }
    }
    return settings;
  }

  // include = ["spamassassin:DIR"]: SpamAssassin's rules, read by
  // sim/sa/ and scored from the profile's score set.
  Status AddSpamAssassin(std::string_view location, const std::string& path,
                         const toml::node& entry,
                         std::vector<LocalRule>* rules) {
    fs::path config_path(location);
    if (config_path.is_relative())
      config_path = fs::path(path).parent_path() / config_path;
    const std::string config = config_path.lexically_normal().string();
    Result<ImportedRules> imported = ImportSpamAssassin(
        config, spamassassin_.score_set, spamassassin_.config);
    if (!imported) {
      Error error = imported.error();
      error.message = "spamassassin include " + config + ": " +
                      (error.where.empty() ? "" : error.where + ": ") +
                      error.message;
      error.where = Where(path, &entry);
      return error;
    }
    std::unordered_map<std::string, uint32_t> by_name;
    std::vector<std::pair<uint32_t, const ImportedRule*>> metas;
    for (const ImportedRule& rule : imported->rules) {
      const uint32_t index = Intern(rule.rule);
      by_name[rule.rule.id] = index;
      imported->summary.rules.emplace_back(index, rule.kind);
      if (rule.meta) metas.emplace_back(index, &rule);
      if (rule.scored) rules->push_back({index, rule.score});
    }
    for (const auto& [index, rule] : metas) {
      if (set_.catalog.rules[index].meta) continue;  // bound by an earlier
      set_.catalog.rules[index].meta =
          std::make_shared<MetaProgram>(MetaProgram::Compile(
              *rule->meta,
              [&](std::string_view name) -> std::optional<uint32_t> {
                auto found = by_name.find(std::string(name));
                if (found == by_name.end()) return std::nullopt;
                return found->second;
              }));
    }
    SpamAssassinImport summary = std::move(imported->summary);
    summary.path = std::string(location);
    summary.profile = current_profile_;
    set_.spamassassin.push_back(std::move(summary));
    return Ok{};
  }

  Status AddIncludes(const toml::table& table, const std::string& path,
                     int depth, std::vector<LocalRule>* rules) {
    const toml::node* include = table.get("include");
    if (include == nullptr) return Ok{};
    const toml::array* list = include->as_array();
    if (list == nullptr)
      return BadProfile(Where(path, include),
                        "'include' must be an array of paths");
    if (depth >= kMaxIncludeDepth) {
      return BadProfile(Where(path, include),
                        "includes nest deeper than " +
                            std::to_string(kMaxIncludeDepth) +
                            " levels (a cycle?)");
    }
    for (const toml::node& entry : *list) {
      const auto relative = entry.value<std::string>();
      if (!relative)
        return BadProfile(Where(path, &entry),
                          "'include' entries must be strings");
      if (relative->rfind(kSpamAssassinPrefix, 0) == 0) {
        if (Status added = AddSpamAssassin(
                std::string_view(*relative).substr(kSpamAssassinPrefix.size()),
                path, entry, rules);
            !added)
          return added.error();
        continue;
      }
      const fs::path included = fs::path(path).parent_path() / *relative;
      std::error_code error;
      if (!fs::is_regular_file(included, error)) {
        return BadProfile(
            Where(path, &entry),
            "included file " + included.string() + " does not exist");
      }
      const std::string included_path = included.lexically_normal().string();
      Result<toml::table> parsed = Parse(included_path);
      if (!parsed) return parsed.error();
      if (Status keys =
              CheckKeys(*parsed, {"name", "description", "include", "rules"},
                        included_path, "rule set: ");
          !keys) {
        return keys.error();
      }
      if (Status nested = AddIncludes(*parsed, included_path, depth + 1, rules);
          !nested) {
        return nested.error();
      }
      if (Status added = AddRules(*parsed, included_path, rules); !added)
        return added.error();
    }
    return Ok{};
  }

  // [auth]: spf_RESULT / senderid_RESULT = action, for the verdicts the
  // receiving MTA recorded (Received-SPF, Authentication-Results).
  Status AddAuth(const toml::table& table, const std::string& path,
                 std::vector<LocalRule>* rules) {
    const toml::node* node = table.get("auth");
    if (node == nullptr) return Ok{};
    const toml::table* auth = node->as_table();
    if (auth == nullptr)
      return BadProfile(Where(path, node), "'auth' must be a table ([auth])");
    Result<std::shared_ptr<const ZoneAuth>> zone = AuthZone(*auth, path);
    if (!zone) return zone.error();
    for (const auto& [key, value] : *auth) {
      const std::string name(key.str());
      if (name == "zone_file") continue;
      std::optional<AuthMethod> method;
      std::string_view result_text;
      for (AuthMethod candidate : {AuthMethod::kSpf, AuthMethod::kSenderId}) {
        const std::string prefix = std::string(AuthMethodName(candidate)) + "_";
        if (name.rfind(prefix, 0) == 0) {
          method = candidate;
          result_text = std::string_view(name).substr(prefix.size());
        }
      }
      const std::optional<AuthResult> result =
          method ? ParseAuthResult(result_text) : std::nullopt;
      if (!result || AuthResultName(*result) != result_text) {
        return BadProfile(
            Where(path, &value),
            "[auth]: unknown key '" + name +
                "' (spf_ or senderid_ + pass, fail, softfail, neutral, none, "
                "temperror, permerror; or zone_file)");
      }
      if (TrimAscii(value.value_or(std::string())) == "allow") continue;
      Result<std::pair<double, Action>> action =
          ParseAction(value, path, "[auth] " + name + " (or \"allow\")");
      if (!action) return action.error();
      Rule rule;
      rule.id = "AUTH_" + ToUpperAscii(name);
      rule.family = Family::kAuth;
      rule.auth_method = *method;
      rule.auth_result = *result;
      rule.description =
          std::string(*method == AuthMethod::kSpf ? "SPF " : "Sender ID ") +
          std::string(AuthResultName(*result));
      if (*zone) {
        rule.check = CheckKind::kEvaluatedAuth;
        rule.zone_auth = *zone;
        rule.description += ", evaluated against the zone " + (*zone)->source;
        rule.pattern = (*zone)->source;  // one rule per zone
      } else {
        rule.check = CheckKind::kRecordedAuth;
        rule.description +=
            ", as recorded by the receiving MTA (Received-SPF / "
            "Authentication-Results)";
      }
      rule.where = Where(path, &value);
      const uint32_t index = Intern(std::move(rule));
      rules->push_back({index, action->first, action->second});
    }
    return Ok{};
  }

  // The zone an [auth] table evaluates against: --zone, else its own
  // zone_file; nullptr to read the recorded verdicts instead. Each file is
  // loaded once however many profiles name it.
  Result<std::shared_ptr<const ZoneAuth>> AuthZone(const toml::table& auth,
                                                   const std::string& path) {
    std::string zone_path = options_.zone_file;
    const toml::node* file = auth.get("zone_file");
    if (zone_path.empty() && file != nullptr) {
      const auto relative = file->value<std::string>();
      if (!relative)
        return BadProfile(Where(path, file), "[auth] zone_file must be a path");
      zone_path = RelativeTo(path, *relative);
    }
    if (zone_path.empty()) return std::shared_ptr<const ZoneAuth>();
    std::shared_ptr<const ZoneAuth>& zone = zones_[zone_path];
    if (!zone) {
      Result<std::shared_ptr<const ZoneAuth>> loaded = LoadZoneAuth(zone_path);
      if (!loaded) {
        Error error = loaded.error();
        error.message = "[auth] zone (" +
                        (file != nullptr && options_.zone_file.empty()
                             ? Where(path, file)
                             : std::string("--zone")) +
                        "): " + error.message;
        return error;
      }
      zone = *std::move(loaded);
    }
    return zone;
  }

  // [lists]: block_SUBJECT / allow_SUBJECT arrays and block_SUBJECT_file /
  // allow_SUBJECT_file paths (SUBJECT: senders, ips, url_domains, reply_to,
  // return_path), and block_action = "reject" | "junk" | "score N".
  Status AddLists(const toml::table& table, const std::string& path,
                  std::vector<LocalRule>* rules) {
    const toml::node* node = table.get("lists");
    if (node == nullptr) return Ok{};
    const toml::table* lists = node->as_table();
    if (lists == nullptr)
      return BadProfile(Where(path, node), "'lists' must be a table ([lists])");
    double block_score = 0;
    Action block_forced = Action::kReject;
    std::vector<std::string> known = {"block_action"};
    if (const toml::node* action = lists->get("block_action")) {
      Result<std::pair<double, Action>> parsed =
          ParseAction(*action, path, "[lists] block_action");
      if (!parsed) return parsed.error();
      std::tie(block_score, block_forced) = *parsed;
    }
    for (bool allow : {false, true}) {
      for (ListSubject subject : kListSubjects) {
        const std::string key = std::string(allow ? "allow_" : "block_") +
                                std::string(ListSubjectName(subject));
        known.push_back(key);
        known.push_back(key + "_file");
        const toml::node* inline_entries = lists->get(key);
        const toml::node* file = lists->get(key + "_file");
        if (inline_entries == nullptr && file == nullptr) continue;
        auto list = std::make_shared<ListCheck>();
        list->subject = subject;
        list->allow = allow;
        list->source =
            Where(path, inline_entries != nullptr ? inline_entries : file);
        if (inline_entries != nullptr) {
          const toml::array* array = inline_entries->as_array();
          if (array == nullptr)
            return BadProfile(Where(path, inline_entries),
                              key + " must be an array");
          for (const toml::node& entry : *array) {
            const auto text = entry.value<std::string>();
            Status added = text ? list->Add(*text)
                                : Status(Error{ErrorCode::kBadInput, "",
                                               "entries must be strings"});
            if (!added)
              return BadProfile(Where(path, &entry),
                                key + ": " + added.error().message);
          }
        }
        if (file != nullptr) {
          const auto relative = file->value<std::string>();
          if (!relative)
            return BadProfile(Where(path, file), key + "_file must be a path");
          const std::string list_path = RelativeTo(path, *relative);
          if (Status loaded = LoadListFile(list_path, list.get()); !loaded) {
            Error error = loaded.error();
            error.message = "[lists] " + key + "_file: " + error.message;
            return error;
          }
          list->source = list_path;
        }
        list->Seal();
        Rule rule;
        rule.id = "LIST_" + ToUpperAscii(key);
        rule.family = Family::kList;
        rule.check = CheckKind::kList;
        rule.description = std::string(allow ? "Allow" : "Block") +
                           " list of " + std::string(ListSubjectName(subject)) +
                           " (" + std::to_string(list->size()) + " entries)";
        rule.where =
            Where(path, inline_entries != nullptr ? inline_entries : file);
        rule.list = std::move(list);
        // Each profile's list is its own rule: the key must not merge them.
        rule.pattern = rule.where;
        const uint32_t index = Intern(std::move(rule));
        LocalRule local{index, allow ? 0.0 : block_score,
                        allow ? Action::kInbox : block_forced};
        local.allow = allow;
        rules->push_back(local);
      }
    }
    for (const auto& [key, value] : *lists) {
      if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
        return BadProfile(
            Where(path, &value),
            "[lists]: unknown key '" + std::string(key.str()) + "'");
      }
    }
    return Ok{};
  }

  // "reject" | "junk" | "score N" | a number -> (score, forced action).
  static Result<std::pair<double, Action>> ParseAction(
      const toml::node& value, const std::string& path,
      const std::string& what) {
    if (const std::optional<double> number = NumberOf(&value)) {
      return std::make_pair(*number, Action::kInbox);
    }
    const std::string text(TrimAscii(value.value_or(std::string())));
    double score = 0;
    if (text == "junk") return std::make_pair(0.0, Action::kJunk);
    if (text == "reject") return std::make_pair(0.0, Action::kReject);
    if (text.rfind("score ", 0) == 0 &&
        (std::istringstream(text.substr(6)) >> score)) {
      return std::make_pair(score, Action::kInbox);
    }
    return BadProfile(
        Where(path, &value),
        what + " must be \"junk\", \"reject\" or \"score N\", not '" + text +
            "'");
  }

  // [content]: images = "allow" | "junk" | "reject" | "score N" (or a bare
  // number). "allow" adds nothing; junk and reject force the action.
  Status AddContentBans(const toml::table& table, const std::string& path,
                        std::vector<LocalRule>* rules) {
    const toml::node* node = table.get("content");
    if (node == nullptr) return Ok{};
    const toml::table* bans = node->as_table();
    if (bans == nullptr) {
      return BadProfile(Where(path, node),
                        "'content' must be a table ([content])");
    }
    for (const auto& [key, value] : *bans) {
      const std::string name(key.str());
      const std::optional<CheckKind> check = ParseContentCheck(name);
      if (!check) {
        return BadProfile(
            Where(path, &value),
            "[content]: unknown ban '" + name +
                "' (images, multimedia, active_script, hidden_text)");
      }
      Rule rule;
      rule.id = ContentCheckId(*check);
      rule.family = Family::kContent;
      rule.check = *check;
      rule.description = ContentCheckDescription(*check);
      if (Status added = AddFactRule(std::move(rule), value, path,
                                     "[content] " + name, rules);
          !added) {
        return added;
      }
    }
    return Ok{};
  }

  // A fact rule scored by `value`: "allow" (or "allow" as the action)
  // leaves it out; else "junk" | "reject" | "score N" | a number. The same
  // rule reached twice in one profile counts once.
  Status AddFactRule(Rule rule, const toml::node& value,
                     const std::string& path, const std::string& what,
                     std::vector<LocalRule>* rules) {
    if (TrimAscii(value.value_or(std::string())) == "allow") return Ok{};
    Result<std::pair<double, Action>> action =
        ParseAction(value, path, what + " (or \"allow\")");
    if (!action) return action.error();
    rule.where = Where(path, &value);
    const uint32_t index = Intern(std::move(rule));
    const bool present =
        std::any_of(rules->begin(), rules->end(),
                    [index](const LocalRule& r) { return r.index == index; });
    if (!present) rules->push_back({index, action->first, action->second});
    return Ok{};
  }

  // [reputation]: SIGNAL = action for the SmartScreen-like signals, and
  // table_file = "FILE" with sender_CLASS = action for a reputation table.
  Status AddReputation(const toml::table& table, const std::string& path,
                       std::vector<LocalRule>* rules) {
    const toml::node* node = table.get("reputation");
    if (node == nullptr) return Ok{};
    const toml::table* reputation = node->as_table();
    if (reputation == nullptr) {
      return BadProfile(Where(path, node),
                        "'reputation' must be a table ([reputation])");
    }
    std::shared_ptr<const ReputationTable> sender_table;
    if (const toml::node* file = reputation->get("table_file")) {
      const auto relative = file->value<std::string>();
      if (!relative)
        return BadProfile(Where(path, file), "table_file must be a path");
      Result<std::shared_ptr<const ReputationTable>> loaded =
          LoadReputationTable(RelativeTo(path, *relative));
      if (!loaded) {
        Error error = loaded.error();
        error.message = "[reputation] table_file (" + Where(path, file) +
                        "): " + error.message;
        return error;
      }
      sender_table = *std::move(loaded);
    }
    if (Status model = AddTokenModel(*reputation, path, rules); !model)
      return model;
    for (const auto& [key, value] : *reputation) {
      const std::string name(key.str());
      if (name == "table_file" || name == "model" || name == "model_weight")
        continue;
      Rule rule;
      rule.family = Family::kReputation;
      if (const std::optional<CheckKind> signal = ParseReputationSignal(name)) {
        PrepareReputationSignals();
        rule.id = ReputationSignalId(*signal);
        rule.check = *signal;
        rule.description = ReputationSignalDescription(*signal);
      } else if (const std::optional<ReputationClass> reputation_class =
                     name.rfind("sender_", 0) == 0
                         ? ParseReputationClass(name.substr(7))
                         : std::nullopt) {
        if (!sender_table) {
          return BadProfile(Where(path, &value),
                            "[reputation] " + name + " needs a table_file");
        }
        rule.id = "REP_" + ToUpperAscii(name);
        rule.check = CheckKind::kReputationTable;
        rule.reputation = sender_table;
        rule.reputation_class = *reputation_class;
        rule.description = "Sender or connecting IP with reputation " +
                           std::string(ReputationClassName(*reputation_class)) +
                           " in " + sender_table->source;
        // Each profile's table is its own rule: the key must not merge them.
        rule.pattern = Where(path, &value);
      } else {
        std::string known;
        for (std::string_view signal_key : kReputationSignalKeys)
          known += std::string(signal_key) + ", ";
        return BadProfile(Where(path, &value),
                          "[reputation]: unknown key '" + name + "' (" + known +
                              "table_file, sender_bad, sender_poor, "
                              "sender_neutral, sender_good, model, "
                              "model_weight)");
      }
      if (Status added = AddFactRule(std::move(rule), value, path,
                                     "[reputation] " + name, rules);
          !added) {
        return added;
      }
    }
    return Ok{};
  }

  // [reputation] model = "FILE" (from `inboxsim train`), model_weight = W:
  // one rule per probability band, scored W times the band's default.
  Status AddTokenModel(const toml::table& reputation, const std::string& path,
                       std::vector<LocalRule>* rules) {
    const toml::node* file = reputation.get("model");
    const toml::node* weight_node = reputation.get("model_weight");
    if (file == nullptr) {
      if (weight_node != nullptr)
        return BadProfile(Where(path, weight_node),
                          "[reputation] model_weight needs a model");
      return Ok{};
    }
    const auto relative = file->value<std::string>();
    if (!relative)
      return BadProfile(Where(path, file), "[reputation] model must be a path");
    double weight = 1.0;
    if (weight_node != nullptr) {
      const std::optional<double> value = NumberOf(weight_node);
      if (!value)
        return BadProfile(Where(path, weight_node),
                          "[reputation] model_weight must be a number");
      weight = *value;
    }
    const std::string model_path = RelativeTo(path, *relative);
    std::shared_ptr<const model::TokenModel>& model = models_[model_path];
    if (!model) {
      Result<model::TokenModel> loaded = model::LoadTokenModel(model_path);
      if (!loaded) {
        Error error = loaded.error();
        error.message =
            "[reputation] model (" + Where(path, file) + "): " + error.message;
        return error;
      }
      model = std::make_shared<const model::TokenModel>(*std::move(loaded));
    }
    for (const TokenModelBand& band : kTokenModelBands) {
      Rule rule;
      rule.id = std::string("REP_TOKEN_MODEL_") + band.name;
      rule.family = Family::kReputation;
      rule.check = CheckKind::kTokenModel;
      rule.token_model = model;
      rule.band_low = band.low;
      rule.band_high = band.high;
      rule.description = "Token model " + model_path +
                         ": spam probability in [" + FormatFixed(band.low, 2) +
                         ", " + FormatFixed(std::min(band.high, 1.0), 2) + ")";
      rule.where = Where(path, file);
      // Profiles loading the same model share its band rules.
      rule.pattern = model_path;
      const uint32_t index = Intern(std::move(rule));
      rules->push_back({index, band.default_score * weight});
    }
    return Ok{};
  }

  Status AddRules(const toml::table& table, const std::string& path,
                  std::vector<LocalRule>* rules) {
    const toml::node* node = table.get("rules");
    if (node == nullptr) return Ok{};
    const toml::array* list = node->as_array();
    if (list == nullptr)
      return BadProfile(Where(path, node),
                        "'rules' must be an array of tables ([[rules]])");
    for (const toml::node& entry : *list) {
      const toml::table* rule_table = entry.as_table();
      if (rule_table == nullptr)
        return BadProfile(Where(path, &entry), "each rule must be a table");
      Result<LocalRule> rule = AddRule(*rule_table, path, *rules);
      if (!rule) return rule.error();
      // The same rule reached twice (two includes of one set) counts once.
      const bool duplicate = std::any_of(
          rules->begin(), rules->end(),
          [&](const LocalRule& r) { return r.index == rule->index; });
      if (!duplicate) rules->push_back(*rule);
    }
    return Ok{};
  }

  Result<LocalRule> AddRule(const toml::table& table, const std::string& path,
                            const std::vector<LocalRule>& existing) {
    const std::string where_table = Where(path, &table);
    const auto id = table["id"].value<std::string>();
    if (!id || !IsValidRuleId(*id)) {
      return BadProfile(
          where_table,
          "rule needs an 'id' of letters, digits, '_', '.' or '-'");
    }
    const std::string where = where_table + " rule " + *id;
    if (Status keys = CheckKeys(
            table, {"id", "target", "pattern", "flags", "score", "description"},
            path, "rule " + *id + ": ");
        !keys) {
      return keys.error();
    }
    Rule rule;
    rule.id = *id;
    rule.where = where_table;
    const auto target_text = table["target"].value<std::string>();
    if (!target_text) return BadProfile(where, "needs a 'target'");
    const std::optional<scan::Target> target = scan::ParseTarget(*target_text);
    if (!target) {
      return BadProfile(where,
                        "unknown target '" + *target_text +
                            "' (headers, header:NAME, body, rawbody, html, "
                            "uri, sa-body, sa-body-nosubject, sa-rawbody, "
                            "sa-full, sa-uri, sa-header:REQUEST)");
    }
    rule.target = *target;
    const auto pattern = table["pattern"].value<std::string>();
    if (!pattern || pattern->empty())
      return BadProfile(where, "needs a non-empty 'pattern'");
    rule.pattern = *pattern;
    rule.flags = table["flags"].value_or(std::string());
    for (size_t i = 0; i < rule.flags.size(); ++i) {
      if (kFlagLetters.find(rule.flags[i]) == std::string_view::npos ||
          rule.flags.find(rule.flags[i]) != i) {
        return BadProfile(where, "flags '" + rule.flags +
                                     "': each of i, m, s, u, x at most once");
      }
    }
    double score = kDefaultScore;
    if (const toml::node* score_node = table.get("score")) {
      const std::optional<double> value = NumberOf(score_node);
      if (!value) return BadProfile(where, "'score' must be a number");
      score = *value;
    }
    rule.description = table["description"].value_or(std::string());

    for (const LocalRule& other : existing) {
      const Rule& known = set_.catalog.rules[other.index];
      if (known.id == rule.id && !SameRule(known, rule)) {
        return BadProfile(
            where,
            "rule id is already used by a different rule at " + known.where);
      }
    }
    if (options_.validate_patterns) {
      scan::PatternSpec spec{rule.pattern, rule.flags, 0};
      if (std::optional<std::string> reason =
              scan::ValidatePattern(spec, scan::Engine::kHyperscan)) {
        return BadProfile(where, "pattern cannot be compiled: " + *reason);
      }
    }
    return LocalRule{Intern(std::move(rule)), score};
  }

  static bool SameRule(const Rule& a, const Rule& b) {
    return a.id == b.id && a.target == b.target && a.pattern == b.pattern &&
           a.flags == b.flags;
  }

  uint32_t Intern(Rule rule) {
    std::string key = rule.id + '\0' + rule.target.ToString() + '\0' +
                      rule.pattern + '\0' + rule.flags;
    auto [it, inserted] = catalog_index_.emplace(
        std::move(key), static_cast<uint32_t>(set_.catalog.rules.size()));
    if (inserted) set_.catalog.rules.push_back(std::move(rule));
    return it->second;
  }

  // Finds the rule of this profile named `id`.
  LocalRule* FindLocal(std::vector<LocalRule>* rules, std::string_view id) {
    for (LocalRule& rule : *rules) {
      if (set_.catalog.rules[rule.index].id == id) return &rule;
    }
    return nullptr;
  }

  Status ApplyDisable(const toml::table& table, const std::string& path,
                      std::vector<LocalRule>* rules) {
    const toml::node* node = table.get("disable");
    if (node == nullptr) return Ok{};
    const toml::array* list = node->as_array();
    if (list == nullptr)
      return BadProfile(Where(path, node),
                        "'disable' must be an array of rule ids");
    for (const toml::node& entry : *list) {
      const auto id = entry.value<std::string>();
      LocalRule* rule = id ? FindLocal(rules, *id) : nullptr;
      if (rule == nullptr) {
        return BadProfile(Where(path, &entry),
                          "disable: the profile has no rule '" +
                              entry.value_or(std::string("?")) + "'");
      }
      const uint32_t index = rule->index;
      std::erase_if(*rules,
                    [index](const LocalRule& r) { return r.index == index; });
    }
    return Ok{};
  }

  Status ApplyScores(const toml::table& table, const std::string& path,
                     std::vector<LocalRule>* rules) {
    const toml::node* node = table.get("scores");
    if (node == nullptr) return Ok{};
    const toml::table* scores = node->as_table();
    if (scores == nullptr)
      return BadProfile(Where(path, node),
                        "'scores' must be a table of id = score");
    for (const auto& [key, value] : *scores) {
      LocalRule* rule = FindLocal(rules, key.str());
      if (rule == nullptr) {
        return BadProfile(
            Where(path, &value),
            "scores: the profile has no rule '" + std::string(key.str()) + "'");
      }
      const std::optional<double> score = NumberOf(&value);
      if (!score)
        return BadProfile(
            Where(path, &value),
            "scores: '" + std::string(key.str()) + "' must be a number");
      rule->score = *score;
    }
    return Ok{};
  }

  const LoadOptions& options_;
  SpamAssassinSettings spamassassin_;  // of the profile being loaded
  std::string current_profile_;
  ProfileSet set_;
  std::unordered_map<std::string, uint32_t> catalog_index_;
  std::unordered_map<std::string, std::string> profile_paths_;  // name -> file
  std::unordered_map<std::string, std::shared_ptr<const model::TokenModel>>
      models_;  // by path: profiles sharing a model load it once
  std::unordered_map<std::string, std::shared_ptr<const ZoneAuth>> zones_;
};

}  // namespace

Result<std::vector<std::string>> ListProfileFiles(
    const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
      std::vector<std::string> found;
      for (const fs::directory_entry& entry :
           fs::directory_iterator(path, error)) {
        if (entry.is_regular_file() && entry.path().extension() == ".toml") {
          found.push_back(entry.path().string());
        }
      }
      std::sort(found.begin(), found.end());
      if (found.empty())
        return BadProfile(path, "folder holds no *.toml profile");
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(path, error)) {
      files.push_back(path);
    } else {
      return BadProfile(path, "no such profile file or folder");
    }
  }
  return files;
}

Result<ProfileSet> LoadProfiles(const std::vector<std::string>& paths,
                                const LoadOptions& options) {
  Result<std::vector<std::string>> files = ListProfileFiles(paths);
  if (!files) return files.error();
  Loader loader(options);
  for (const std::string& file : *files) {
    if (Status loaded = loader.LoadProfile(file); !loaded)
      return loaded.error();
  }
  return loader.Take();
}

}  // namespace inboxsim::profile
