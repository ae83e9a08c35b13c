// What `inboxsim profiles check` says about SpamAssassin configurations the
// profiles include: per kind of rule, how many were imported and how each
// runs under the chosen engine (in the Hyperscan database, prefiltered and
// confirmed with PCRE2, PCRE2 or RE2 on every text, not at all), and what
// could not be imported, by type, each with its reason.
//
//   nlohmann::json imports = SpamAssassinImportsJson(judge);
//   WriteSpamAssassinImports(imports, /*list_unsupported=*/false, std::cout);
#ifndef INBOXSIM_REPORT_IMPORT_REPORT_H_
#define INBOXSIM_REPORT_IMPORT_REPORT_H_

#include <nlohmann/json.hpp>
#include <ostream>

#include "sim/profile/judge.h"

namespace inboxsim::report {

// One entry per include: {path, profile, score_set, imported, scored,
// disabled, by_kind: {KIND: {rules, native, prefiltered, pcre2_only,
// unsupported, evaluated}}, unsupported_by_type: {TYPE: n},
// unsupported: ["NAME (type): reason [file:line]", ...]}. Meta and exists
// rules are "evaluated": no regex engine runs them.
nlohmann::json SpamAssassinImportsJson(const profile::Judge& judge);

// The table form; every unsupported rule is listed with `list_unsupported`,
// else the counts by type.
void WriteSpamAssassinImports(const nlohmann::json& imports,
                              bool list_unsupported, std::ostream& out);

}  // namespace inboxsim::report

#endif  // INBOXSIM_REPORT_IMPORT_REPORT_H_
