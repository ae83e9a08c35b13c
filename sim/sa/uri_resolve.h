// A link in HTML resolved against the page's <base href> the way
// SpamAssassin's HTML.pm target_uri() does it: RFC 3986 section 5.2 with
// its liberties (same scheme counts as relative; "www." and "ftp."
// authorities without a scheme get one). Internal to sim/sa.
//
//   detail::ResolveUri("http://a.example/x/", "y/../z") ->
//   "http://a.example/x/z" detail::ResolveUri("", "http://a.example/./b") ->
//   "http://a.example/b"
#ifndef INBOXSIM_SA_URI_RESOLVE_H_
#define INBOXSIM_SA_URI_RESOLVE_H_

#include <string>
#include <string_view>

namespace inboxsim::sa::detail {

// Never fails: text that is no URI comes back much as it was.
std::string ResolveUri(std::string_view base, std::string_view relative);

}  // namespace inboxsim::sa::detail

#endif  // INBOXSIM_SA_URI_RESOLVE_H_
