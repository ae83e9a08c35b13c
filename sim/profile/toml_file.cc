#include "sim/profile/toml_file.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace inboxsim::profile {

Result<toml::table> ParseTomlFile(const std::string& path) {
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    std::string where = path;
    if (begin) where += ":" + std::to_string(begin.line);
    return BadProfile(where,
                      "invalid TOML: " + std::string(error.description()));
  }
}

std::string Where(const std::string& path, const toml::node* node) {
  if (node == nullptr || !node->source().begin) return path;
  return path + ":" + std::to_string(node->source().begin.line);
}

Error BadProfile(std::string where, std::string message) {
  return Error{ErrorCode::kBadInput, std::move(where), std::move(message)};
}

Status CheckKeys(const toml::table& table,
                 std::initializer_list<std::string_view> known,
                 const std::string& path, const std::string& context) {
  for (const auto& [key, value] : table) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end())
      continue;
    std::string list;
    for (std::string_view name : known)
      list += (list.empty() ? "" : ", ") + std::string(name);
    return BadProfile(Where(path, &value), context + "unknown key '" +
                                               std::string(key.str()) +
                                               "' (known: " + list + ")");
  }
  return Ok{};
}

std::optional<double> NumberOf(const toml::node* node) {
  if (node == nullptr) return std::nullopt;
  // Integers convert too; nan and inf are no settings anyone means, and
  // would pass every range check.
  if (auto value = node->value<double>(); value && std::isfinite(*value))
    return *value;
  return std::nullopt;
}

std::string RelativeTo(const std::string& path, const std::string& relative) {
  return (std::filesystem::path(path).parent_path() / relative)
      .lexically_normal()
      .string();
}

}  // namespace inboxsim::profile
