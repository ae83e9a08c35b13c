// TEMPORARY: stand-ins until the sa-config and sa-text branches land.
#include "sim/sa/config.h"
#include "sim/sa/message_text.h"

namespace inboxsim::sa {
std::string_view RuleKindName(RuleKind kind) {
  static constexpr std::string_view kNames[] = {"body", "rawbody", "header",
                                                "uri",  "full",    "meta"};
  return kNames[static_cast<int>(kind)];
}
std::vector<std::string> MetaRuleNames(const MetaNode&) { return {}; }
bool Rule::has_tflag(std::string_view flag) const {
  for (const std::string& f : tflags)
    if (f == flag) return true;
  return false;
}
Result<Config> LoadConfig(const std::vector<std::string>&,
                          const ConfigOptions&) {
  return Config{};
}
void AppendBodyText(const mime::Message& m, bool, std::string* out) {
  out->append(m.body_text);
}
void AppendRawBodyText(const mime::Message&, std::string*) {}
std::string_view FullText(const mime::Message& m) { return m.raw; }
void AppendUriText(const mime::Message&, std::string*) {}
bool AppendHeaderText(const mime::Message&, const HeaderRequest&,
                      std::string*) {
  return false;
}
std::optional<std::string> UnsupportedHeaderRequest(const HeaderRequest&) {
  return std::nullopt;
}
}  // namespace inboxsim::sa
