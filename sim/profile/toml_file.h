// Reading the TOML files profiles and populations are written in, with
// errors that name file:line: the helpers every loader under sim/profile
// shares. Internal to the library (toml++ is not part of its interface).
#ifndef INBOXSIM_PROFILE_TOML_FILE_H_
#define INBOXSIM_PROFILE_TOML_FILE_H_

#include <toml++/toml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "sim/core/result.h"

namespace inboxsim::profile {

// Parses the file; a syntax error is kBadInput at "file:line".
Result<toml::table> ParseTomlFile(const std::string& path);

// "file:line" for a node, or the file alone when toml++ knows no line.
std::string Where(const std::string& path, const toml::node* node);

// A kBadInput error at `where`.
Error BadProfile(std::string where, std::string message);

// Rejects keys of `table` not in `known`: a typo ("treshold") must not pass
// silently as a missing setting. `context` prefixes the message.
Status CheckKeys(const toml::table& table,
                 std::initializer_list<std::string_view> known,
                 const std::string& path, const std::string& context);

// The node's number (integers convert), or nullopt; also for nan and inf.
std::optional<double> NumberOf(const toml::node* node);

// `relative` (a file a profile names) as seen from the file at `path`.
std::string RelativeTo(const std::string& path, const std::string& relative);

}  // namespace inboxsim::profile

#endif  // INBOXSIM_PROFILE_TOML_FILE_H_
