// Loading profiles from TOML (format: profiles/README.md). Loading is all or
// nothing: any error stops it, naming file:line, the rule id and the
// engine's own reason, so nothing runs on a half-loaded profile.
//
//   Result<ProfileSet> set = LoadProfiles({"profiles/"}, {});
//   if (!set) { std::cerr << set.error().ToString(); }  // "profiles/x.toml:12
//   rule FOO: ..."
#ifndef INBOXSIM_PROFILE_LOADER_H_
#define INBOXSIM_PROFILE_LOADER_H_

#include <string>
#include <vector>

#include "sim/core/result.h"
#include "sim/profile/profile.h"

namespace inboxsim::profile {

struct LoadOptions {
  bool validate_patterns = true;  // compile-check every pattern at load
  // A DNS zone file every profile's [auth] checks evaluate SPF and Sender ID
  // against (--zone), instead of its own zone_file or the recorded verdicts.
  std::string zone_file;
};

// `paths` are profile files, or folders whose *.toml files (not those in
// subfolders, which hold rule sets) are profiles. Profiles come out in the
// order given, folders' files sorted by name. Fails with kBadInput.
Result<ProfileSet> LoadProfiles(const std::vector<std::string>& paths,
                                const LoadOptions& options);

// The profiles `paths` name, without loading them.
Result<std::vector<std::string>> ListProfileFiles(
    const std::vector<std::string>& paths);

}  // namespace inboxsim::profile

#endif  // INBOXSIM_PROFILE_LOADER_H_
