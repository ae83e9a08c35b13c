// A URI and the variants SpamAssassin's Util::uri_list_canonicalize adds
// (decoded %xx, scheme added, user info and port dropped, numeric hosts
// as dotted quads, redirect targets), which `uri` rules all see.
// Internal to sim/sa.
//
//   std::set<std::string> uris;
//   detail::AddCanonicalUris("HTTP://Example.COM:80?x", &uris);
#ifndef INBOXSIM_SA_URI_CANONICAL_H_
#define INBOXSIM_SA_URI_CANONICAL_H_

#include <set>
#include <string>
#include <string_view>

namespace inboxsim::sa::detail {

// Adds `uri` (trimmed) and its variants to `out`; adds nothing for "#..",
// "?..", "&..", a relative "/path" or a one-character URI. Redirector
// patterns from SpamAssassin's configuration are not applied (only its
// built-in "http://...http://" redirect rule).
void AddCanonicalUris(std::string_view uri, std::set<std::string>* out);

}  // namespace inboxsim::sa::detail

#endif  // INBOXSIM_SA_URI_CANONICAL_H_
