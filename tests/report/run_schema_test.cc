// The run report against its published schema
// (sim/report/run_report.schema.json): every document inboxsim writes
// validates, survives a parse / dump / parse round trip, and the validator
// itself rejects what the schema forbids.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace inboxsim::report {
namespace {

using nlohmann::json;

bool HasType(const json& value, const std::string& type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  return false;
}

// The subset of JSON Schema the run schema uses: type (one or a list),
// const, enum, required, properties, additionalProperties (a schema) and
// items. Appends "where: why" for every violation.
void Validate(const json& value, const json& schema, const std::string& where,
              std::vector<std::string>* errors) {
  if (schema.contains("type")) {
    const json& type = schema["type"];
    bool ok = false;
    if (type.is_string()) ok = HasType(value, type);
    for (const json& one : type.is_array() ? type : json::array())
      ok = ok || HasType(value, one);
    if (!ok) {
      errors->push_back(where + ": not " + type.dump());
      return;
    }
  }
  if (schema.contains("const") && value != schema["const"])
    errors->push_back(where + ": not " + schema["const"].dump());
  if (schema.contains("enum") &&
      std::find(schema["enum"].begin(), schema["enum"].end(), value) ==
          schema["enum"].end())
    errors->push_back(where + ": " + value.dump() + " not in enum");
  if (value.is_object()) {
    for (const json& key : schema.value("required", json::array())) {
      if (!value.contains(key.get<std::string>()))
        errors->push_back(where + ": missing " + key.get<std::string>());
    }
    const json properties = schema.value("properties", json::object());
    for (const auto& [key, child] : value.items()) {
      if (properties.contains(key)) {
        Validate(child, properties[key], where + "." + key, errors);
      } else if (schema.contains("additionalProperties") &&
                 schema["additionalProperties"].is_object()) {
        Validate(child, schema["additionalProperties"], where + "." + key,
                 errors);
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (size_t i = 0; i < value.size(); ++i) {
      Validate(value[i], schema["items"], where + "[" + std::to_string(i) + "]",
               errors);
    }
  }
}

json Schema() {
  return json::parse(testing::ReadFile(std::string(INBOXSIM_SOURCE_DIR) +
                                       "/sim/report/run_report.schema.json"));
}

std::vector<std::string> Errors(const json& doc) {
  std::vector<std::string> errors;
  Validate(doc, Schema(), "$", &errors);
  return errors;
}

json RunReport(const std::string& args) {
  std::string out;
  EXPECT_EQ(testing::RunInboxsim("run --no-cache --format json " + args + " " +
                                     std::string(INBOXSIM_SOURCE_DIR) +
                                     "/corpora/sample",
                                 &out),
            0);
  return json::parse(out);
}

TEST(RunSchema, EveryKindOfRunValidatesAndRoundTrips) {
  const std::string one_profile =
      "-p " + std::string(INBOXSIM_SOURCE_DIR) + "/profiles/smb-basic.toml";
  for (const std::string& args : {std::string("--list-size 1000"),
                                  std::string("--parse-only"), one_profile}) {
    SCOPED_TRACE(args);
    const json doc = RunReport(args);
    EXPECT_EQ(Errors(doc), std::vector<std::string>{});
    EXPECT_EQ(json::parse(doc.dump()), doc);
    EXPECT_EQ(doc.contains("population"), args == "--list-size 1000");
    EXPECT_EQ(doc.contains("profiles"), args != "--parse-only");
  }
}

TEST(RunSchema, TheCheckCanFail) {
  json doc = RunReport("--parse-only");
  doc["totals"].erase("read");
  doc["schema_version"] = 2;
  doc["run"]["threads"] = "two";
  const std::vector<std::string> errors = Errors(doc);
  EXPECT_NE(std::find(errors.begin(), errors.end(), "$.totals: missing read"),
            errors.end());
  EXPECT_NE(std::find(errors.begin(), errors.end(), "$.schema_version: not 1"),
            errors.end());
  EXPECT_NE(
      std::find(errors.begin(), errors.end(), "$.run.threads: not \"integer\""),
      errors.end());
}

}  // namespace
}  // namespace inboxsim::report
