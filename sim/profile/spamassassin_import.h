// SpamAssassin rules as catalog rules: a configuration read by sim/sa/
// turned into Rules over SpamAssassin's own views of a message (sa-body,
// sa-header:..., see scan/target.h), with the scores of one score set.
//
//   Result<ImportedRules> imported =
//       ImportSpamAssassin("/usr/share/spamassassin", /*score_set=*/0, {});
//   for (ImportedRule& rule : imported->rules) ... rule.rule, rule.score
//
// What SpamAssassin would not run is not imported either: a rule whose
// score in the set is 0 (SpamAssassin skips it, and metas read it as 0).
// What we cannot run (sim/sa lists it, with every meta that reads it) is in
// the summary with its reason.
#ifndef INBOXSIM_PROFILE_SPAMASSASSIN_IMPORT_H_
#define INBOXSIM_PROFILE_SPAMASSASSIN_IMPORT_H_

#include <memory>
#include <string>
#include <vector>

#include "sim/core/result.h"
#include "sim/profile/profile.h"
#include "sim/sa/config.h"

namespace inboxsim::profile {

struct ImportedRule {
  Rule rule;
  double score = 0;     // in the chosen score set
  bool scored = false;  // the profile scores it (not a __ sub-rule)
  std::string kind;     // SpamAssassin's: "body", "header", "meta" ...
  std::shared_ptr<const sa::MetaNode> meta;  // for kMeta, to bind by name
};

struct ImportedRules {
  std::vector<ImportedRule> rules;
  double required_score = 5.0;
  SpamAssassinImport summary;  // path and profile left for the caller
};

// Reads the configuration at `path` (a file or a rules directory) and
// converts its rules. Fails when the configuration cannot be read.
Result<ImportedRules> ImportSpamAssassin(const std::string& path, int score_set,
                                         const sa::ConfigOptions& options);

}  // namespace inboxsim::profile

#endif  // INBOXSIM_PROFILE_SPAMASSASSIN_IMPORT_H_
