// Rules that are facts of the parsed message rather than patterns: content
// bans, lists, recorded authentication verdicts, reputation signals, tables
// and the token model. One place decides whether such a rule fires and says
// why, for the engine and for explanations alike.
//
//   MessageFacts facts(message);          // one per message
//   if (FactCheckFires(rule, facts)) ...  // reads what it needs, once
//   RuleReason(rule, message) -> "executable attachment invoice.exe"
#ifndef INBOXSIM_PROFILE_FACT_CHECKS_H_
#define INBOXSIM_PROFILE_FACT_CHECKS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/mime/message.h"
#include "sim/model/token_model.h"
#include "sim/profile/auth_results.h"
#include "sim/profile/profile.h"
#include "sim/profile/zone_auth.h"

namespace inboxsim::profile {

// What several rules of one message share, computed on first use: the
// recorded verdicts, each token model's spam probability (nine band rules,
// one scoring) and each zone's SPF / Sender ID verdict (seven result rules,
// one evaluation).
class MessageFacts {
 public:
  explicit MessageFacts(const mime::Message& message) : message_(message) {}
  const mime::Message& message() const { return message_; }
  const RecordedAuth& auth();
  double SpamProbability(const model::TokenModel& model);
  const EvaluatedAuth& Evaluated(const ZoneAuth& zone, AuthMethod method);

 private:
  const mime::Message& message_;
  std::optional<RecordedAuth> auth_;
  std::vector<std::pair<const model::TokenModel*, double>> model_scores_;
  struct ZoneVerdict {
    const ZoneAuth* zone;
    AuthMethod method;
    EvaluatedAuth verdict;
  };
  std::vector<ZoneVerdict> zone_verdicts_;
};

// The token model's bands, as SpamAssassin's BAYES_xx rules cut them: rule
// REP_TOKEN_MODEL_<name> fires when the spam probability is in [low, high).
struct TokenModelBand {
  const char* name;  // "00", "05", ..., "99"
  double low, high;
  double default_score;  // times the profile's model_weight
};
inline constexpr TokenModelBand kTokenModelBands[] = {
    {"00", 0.00, 0.01, -1.9}, {"05", 0.01, 0.05, -0.5},
    {"20", 0.05, 0.20, 0},    {"40", 0.20, 0.40, 0},
    {"50", 0.40, 0.60, 0.8},  {"60", 0.60, 0.80, 1.5},
    {"80", 0.80, 0.95, 2.0},  {"95", 0.95, 0.99, 3.0},
    {"99", 0.99, 1.01, 3.5}};

// True when fact rule `rule` fires on the message; false for pattern rules.
bool FactCheckFires(const Rule& rule, MessageFacts& facts);

// Why `rule` fired on `message`, in words a person understands: what a fact
// check found, else the rule's description, else what it looked for where.
std::string RuleReason(const Rule& rule, const mime::Message& message);

}  // namespace inboxsim::profile

#endif  // INBOXSIM_PROFILE_FACT_CHECKS_H_
