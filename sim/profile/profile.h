// Profiles: emulated receiving-side filters. A profile is a set of scored
// rules and two thresholds; every rule of every loaded profile lives once in
// the RuleCatalog, so one scan serves them all.
//
//   Result<ProfileSet> set = LoadProfiles({"profiles/"},
//   scan::Engine::kHyperscan); for (const Profile& profile : set->profiles) ...
//   profile.rules[i].rule -> catalog index
//
// Immutable after loading; read by many threads at once.
#ifndef INBOXSIM_PROFILE_PROFILE_H_
#define INBOXSIM_PROFILE_PROFILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/action.h"
#include "sim/profile/auth_results.h"
#include "sim/scan/target.h"

namespace inboxsim::profile {

// The kind of check a rule is; reports and advice group by it.
enum class Family : unsigned char {
  kTrigger,
  kList,
  kContent,
  kAuth,
  kReputation
};
// "trigger", "list", "content", "auth", "reputation".
std::string_view FamilyName(Family family);

// What a rule looks at: a regex over a target, or a fact of the parsed
// message (the content-type bans).
enum class CheckKind : unsigned char {
  kPattern,       // `pattern` over `target`
  kImages,        // image parts (attached or inline) or <img> in HTML
  kMultimedia,    // audio/video parts, <video> <audio> <embed> <object>
  kActiveScript,  // <script>, on* handlers, javascript: URLs, executable or
                  // macro attachments (.exe .js .vbs .scr .bat .docm .xlsm ...)
  kHiddenText,    // HTML text hidden by style or colour
  kList,          // a block or allow list (Rule::list)
  kRecordedAuth,  // an SPF / Sender ID verdict recorded in the headers
                  // (Rule::auth_method, Rule::auth_result)
  // SmartScreen-like signals (reputation_checks.h), family reputation:
  kNoUnsubscribe,
  kNoPostalAddress,
  kImageTextRatio,
  kLinkTextMismatch,
  kDisplayNameSpoof,
  kUrlShortener,
  kSubjectCaps,
  kSubjectPunctuation,
  kBulkWithoutListHeaders,
  kReputationTable,  // the sender in a reputation table (Rule::reputation)
  kTokenModel,       // the token model's spam probability in a band
                     // (Rule::token_model, band_low <= p < band_high)
  kEvaluatedAuth,    // SPF / Sender ID evaluated against a zone file
                     // (Rule::zone_auth, auth_method, auth_result)
  // Imported from SpamAssassin:
  kHeaderExists,  // `exists:NAME`: the header (Rule::target.sa_header) is
                  // present (absent when Rule::negated)
  kMeta,          // an expression over other rules (Rule::meta), evaluated
                  // after every other rule
};

struct ListCheck;        // lists.h
class MetaProgram;       // meta_program.h
struct ReputationTable;  // reputation_table.h
struct ZoneAuth;         // zone_auth.h
enum class ReputationClass : unsigned char;
}  // namespace inboxsim::profile
namespace inboxsim::model {
class TokenModel;  // sim/model/token_model.h
}  // namespace inboxsim::model
namespace inboxsim::profile {

struct Rule {
  std::string id;  // "FREE_MONEY"
  scan::Target target;
  std::string pattern;
  std::string flags;  // letters from "imsux"
  std::string description;
  Family family = Family::kTrigger;
  CheckKind check = CheckKind::kPattern;
  std::shared_ptr<const ListCheck> list;      // for kList
  AuthMethod auth_method = AuthMethod::kSpf;  // for kRecordedAuth
  AuthResult auth_result = AuthResult::kNone;
  std::shared_ptr<const ZoneAuth> zone_auth;          // kEvaluatedAuth
  std::shared_ptr<const ReputationTable> reputation;  // kReputationTable
  ReputationClass reputation_class{};
  std::shared_ptr<const model::TokenModel> token_model;  // kTokenModel
  double band_low = 0, band_high = 0;
  // kPattern: the rule fires when the pattern does NOT match (SpamAssassin's
  // `!~`); kHeaderExists: when the header is absent.
  bool negated = false;
  std::shared_ptr<const MetaProgram> meta;  // kMeta
  // SpamAssassin's `tflags multiple`: metas read how many times the pattern
  // matched, up to this many (`maxhits=N`); 0: a hit counts 1.
  uint32_t max_hits = 0;
  std::string where;  // "profiles/rulesets/money.toml:12", where it was defined
};

// What `rule` looks at, for reports: its target for a pattern rule
// ("body", "sa-header:From:addr"), else its kind ("meta", "sa-exists",
// "list", "content", "auth", "reputation").
std::string CheckName(const Rule& rule);

struct ProfileRule {
  uint32_t rule = 0;  // index into RuleCatalog::rules
  double score = 0;   // this profile's score for it
  // When it fires, the message goes at least this far (kJunk or kReject)
  // whatever the score; kInbox: only the score counts.
  Action forced = Action::kInbox;
  // An allow-list rule: when it fires the message goes to the inbox,
  // whatever else fired (the allow list wins).
  bool allow = false;
};

struct Profile {
  std::string name;
  std::string description;
  std::string path;
  double junk_threshold = 0;       // score >= junk -> junk (unless reject)
  double reject_threshold = 0;     // score >= reject -> reject
  std::vector<ProfileRule> rules;  // ascending by rule index
};

// Every distinct rule of the loaded profiles. Two profiles that include the
// same rule set share its rules: same id, target, pattern and flags.
struct RuleCatalog {
  std::vector<Rule> rules;
};

// One SpamAssassin configuration a profile included: what was imported.
struct SpamAssassinImport {
  std::string path;     // as the include named it
  std::string profile;  // the including profile
  int score_set = 0;    // 0-3, the score set the profile's rules took
  // Each imported rule: its catalog index and SpamAssassin kind.
  std::vector<std::pair<uint32_t, std::string>> rules;
  size_t scored = 0;    // of which the profile scores (not __ sub-rules)
  size_t disabled = 0;  // score 0 in that set: not run, as in SpamAssassin
  // Rules not runnable here: (type, count), and each with its reason.
  std::vector<std::pair<std::string, size_t>> unsupported_by_type;
  std::vector<std::string> unsupported;  // "NAME (type): reason [where]"
};

struct ProfileSet {
  RuleCatalog catalog;
  std::vector<Profile> profiles;
  std::vector<SpamAssassinImport> spamassassin;
};

}  // namespace inboxsim::profile

#endif  // INBOXSIM_PROFILE_PROFILE_H_
