// What SpamAssassin 4.0.1 offers to a configuration's `ifplugin`,
// `if plugin(...)` and `if can(...)` tests: the stock plugin set and the
// feature_* / has_* methods that exist. Hard-coded, because machines that
// run inboxsim need not have SpamAssassin installed.
#ifndef INBOXSIM_SA_PLUGINS_H_
#define INBOXSIM_SA_PLUGINS_H_

#include <set>
#include <string>
#include <string_view>

namespace inboxsim::sa::detail {

// The plugins Debian's /etc/spamassassin/*.pre load as shipped.
const std::set<std::string>& StockPlugins();

// `name` with SpamAssassin's renames applied (Dmarc -> DMARC,
// WhiteListSubject -> WelcomeListSubject), as loadplugin and `if` do.
std::string CanonicalPluginName(std::string_view name);

// Whether `can(module::method)` is true in SpamAssassin 4.0.1: the method
// exists in Conf (feature_*, perl_min_version_*, compat_* for each
// `enable_compat` flag) or in a plugin module that is loaded (has_*), and
// returns true.
bool CanCall(std::string_view qualified_method,
             const std::set<std::string>& loaded_plugins,
             const std::set<std::string>& compat_flags);

}  // namespace inboxsim::sa::detail

#endif  // INBOXSIM_SA_PLUGINS_H_
