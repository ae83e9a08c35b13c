#include "sim/profile/fact_checks.h"

#include "sim/core/text.h"
#include "sim/profile/content_checks.h"
#include "sim/profile/lists.h"
#include "sim/profile/reputation_checks.h"
#include "sim/profile/reputation_table.h"
#include "sim/sa/message_text.h"

namespace inboxsim::profile {
namespace {

// "token model: spam probability 0.973 (viagra 0.99, subject:free 0.98 ...)"
std::string TokenModelReason(const model::TokenModel& model,
                             const mime::Message& message) {
  model::ScoreOptions options;
  options.explain = 5;
  const model::ModelScore score = model.Score(message, options);
  std::string reason =
      "token model: spam probability " + FormatFixed(score.spam_probability, 3);
  std::string tokens;
  for (const model::TokenContribution& token : score.top) {
    tokens += (tokens.empty() ? "" : ", ") + token.token + " " +
              FormatFixed(token.spam_probability, 2);
  }
  if (!tokens.empty()) reason += " (strongest tokens: " + tokens + ")";
  return reason;
}

// The reason of a fact rule that fired, nullopt when it did not; for the
// recorded verdicts (no reason beyond the rule itself), its description.
std::optional<std::string> FactReason(const Rule& rule, MessageFacts& facts) {
  const mime::Message& message = facts.message();
  switch (rule.check) {
    case CheckKind::kPattern:
      return std::nullopt;
    case CheckKind::kList:
      return rule.list ? MatchList(*rule.list, message) : std::nullopt;
    case CheckKind::kRecordedAuth:
      if (facts.auth().Get(rule.auth_method) != rule.auth_result)
        return std::nullopt;
      return rule.description;
    case CheckKind::kEvaluatedAuth: {
      if (!rule.zone_auth) return std::nullopt;
      const EvaluatedAuth& evaluated =
          facts.Evaluated(*rule.zone_auth, rule.auth_method);
      if (evaluated.result != rule.auth_result) return std::nullopt;
      return evaluated.reason;
    }
    case CheckKind::kReputationTable:
      return rule.reputation ? MatchReputation(*rule.reputation,
                                               rule.reputation_class, message)
                             : std::nullopt;
    case CheckKind::kTokenModel:
      if (!FactCheckFires(rule, facts)) return std::nullopt;
      return TokenModelReason(*rule.token_model, message);
    case CheckKind::kImages:
    case CheckKind::kMultimedia:
    case CheckKind::kActiveScript:
    case CheckKind::kHiddenText:
      if (!ContentCheckFires(rule.check, message)) return std::nullopt;
      return ContentCheckReason(rule.check, message);
    case CheckKind::kHeaderExists:
      if (!FactCheckFires(rule, facts)) return std::nullopt;
      return "header " + rule.target.sa_header->name +
             (rule.negated ? " is absent" : " is present");
    case CheckKind::kMeta:
      return std::nullopt;  // decided over other rules' hits, not facts
    default:
      return ReputationSignalReason(rule.check, message);
  }
}

}  // namespace

const RecordedAuth& MessageFacts::auth() {
  if (!auth_) auth_ = ReadRecordedAuth(message_.headers());
  return *auth_;
}

double MessageFacts::SpamProbability(const model::TokenModel& model) {
  for (const auto& [known, probability] : model_scores_) {
    if (known == &model) return probability;
  }
  const double probability = model.Score(message_).spam_probability;
  model_scores_.emplace_back(&model, probability);
  return probability;
}

const EvaluatedAuth& MessageFacts::Evaluated(const ZoneAuth& zone,
                                             AuthMethod method) {
  for (const ZoneVerdict& known : zone_verdicts_) {
    if (known.zone == &zone && known.method == method) return known.verdict;
  }
  zone_verdicts_.push_back(
      {&zone, method, EvaluateAuth(zone, method, message_)});
  return zone_verdicts_.back().verdict;
}

bool FactCheckFires(const Rule& rule, MessageFacts& facts) {
  switch (rule.check) {
    case CheckKind::kEvaluatedAuth:
      return rule.zone_auth &&
             facts.Evaluated(*rule.zone_auth, rule.auth_method).result ==
                 rule.auth_result;
    case CheckKind::kRecordedAuth:
      return facts.auth().Get(rule.auth_method) == rule.auth_result;
    case CheckKind::kTokenModel: {
      if (!rule.token_model) return false;
      const double p = facts.SpamProbability(*rule.token_model);
      return p >= rule.band_low && p < rule.band_high;
    }
    case CheckKind::kImages:
    case CheckKind::kMultimedia:
    case CheckKind::kActiveScript:
    case CheckKind::kHiddenText:
      return ContentCheckFires(rule.check, facts.message());
    case CheckKind::kHeaderExists: {
      if (!rule.target.sa_header) return false;
      std::string unused;
      const bool present = sa::AppendHeaderText(
          facts.message(), *rule.target.sa_header, &unused);
      return present != rule.negated;
    }
    case CheckKind::kMeta:
      return false;  // Judge evaluates metas over the other rules' hits
    default:
      return FactReason(rule, facts).has_value();
  }
}

std::string RuleReason(const Rule& rule, const mime::Message& message) {
  if (rule.check != CheckKind::kPattern) {
    MessageFacts facts(message);
    if (auto reason = FactReason(rule, facts)) return *reason;
  }
  if (!rule.description.empty()) return rule.description;
  if (rule.check == CheckKind::kMeta) return "meta " + rule.pattern;
  return "pattern /" + rule.pattern + "/" + rule.flags +
         (rule.negated ? " did not match " : " matched ") +
         rule.target.ToString();
}

}  // namespace inboxsim::profile
