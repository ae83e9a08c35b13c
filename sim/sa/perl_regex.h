// A Perl regex literal as SpamAssassin rules write it, `/re/flags`,
// `m{re}flags`, `m!re!flags`, `qr<re>flags`, split into the text between
// the delimiters and the flags. The text is kept exactly as written (an
// escaped delimiter stays escaped: `\/` means `/` to PCRE2 and Hyperscan
// too); nothing is compiled here.
//
//   Result<PerlRegex> re = ParsePerlRegex("m{^From:}i");
//   // re->pattern == "^From:", re->flags == "i"
#ifndef INBOXSIM_SA_PERL_REGEX_H_
#define INBOXSIM_SA_PERL_REGEX_H_

#include <string>
#include <string_view>

#include "sim/core/result.h"

namespace inboxsim::sa::detail {

struct PerlRegex {
  std::string pattern;  // between the delimiters, as written
  std::string flags;    // letters from "imsx", each once, in written order
};

// Parses `text` the way Mail::SpamAssassin::Util::compile_regexp strips
// delimiters. Fails, with a message saying why, for a missing or
// unterminated delimiter, an unescaped delimiter inside, an embedded
// (?{code}) block, or a flag without a PCRE equivalent (see the .cc for
// which flags are dropped as meaningless to a matcher).
Result<PerlRegex> ParsePerlRegex(std::string_view text);

}  // namespace inboxsim::sa::detail

#endif  // INBOXSIM_SA_PERL_REGEX_H_
