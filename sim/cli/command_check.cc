// `inboxsim check MESSAGE`: every profile's verdict on one message, with the
// rules that fired and their scores.
#include <iostream>

#include "sim/cli/command.h"
#include "sim/cli/options.h"
#include "sim/cli/profile_options.h"
#include "sim/core/ip_address.h"
#include "sim/io/input_cutter.h"
#include "sim/io/mbox.h"
#include "sim/profile/fact_checks.h"
#include "sim/report/advice.h"
#include "sim/report/run_report.h"
#include "sim/report/stats.h"

namespace inboxsim::cli {
namespace {

constexpr char kCommand[] = "check";

struct FiredRuleView {
  std::string id;
  std::string family;
  double score = 0;
  std::string reason;
  Action forced = Action::kInbox;  // junk / reject whatever the score
  bool allow = false;              // an allow list: inbox whatever else
};

}  // namespace

int CheckCommand(const std::vector<std::string>& args) {
  std::string input;
  std::string format = "table";
  std::string output_path;
  std::string connecting_ip;
  std::string mail_from;
  ProfileFlags flags;
  po::options_description options("check options");
  options.add_options()("message", po::value(&input)->required(),
                        "the message file, or '-' for stdin (positional)")(
      "format", po::value(&format)->default_value("table"), "table|json")(
      "output,o", po::value(&output_path),
      "write the report to FILE instead of stdout")(
      "connecting-ip", po::value(&connecting_ip),
      "the IP the message came from, for SPF and lists (default: from the "
      "Received chain)")(
      "mail-from", po::value(&mail_from),
      "the envelope sender (MAIL FROM) SPF checks, '<>' for the null sender "
      "(default: the Return-Path header)");
  AddProfileOptions(&options, &flags);
  po::positional_options_description positional;
  positional.add("message", 1);
  po::variables_map values;
  if (auto exit_code = ParseOptions(kCommand, "MESSAGE [options]", options,
                                    positional, args, &values)) {
    return *exit_code;
  }
  if (!CheckChoice(kCommand, "format", format, {"table", "json"}))
    return kExitUsage;
  int exit_code = kExitOk;
  std::optional<profile::Judge> judge =
      LoadJudge(kCommand, flags, true, &exit_code);
  if (!judge) return exit_code;

  // The message: the file's first (an mbox may hold more; they are counted).
  const io::InputSource source{input, Label::kUnlabelled};
  const io::ReaderOptions reader_options;
  io::InputCutter cutter(source, 0, reader_options);
  io::MessageBatch batch;
  while (cutter.Next(&batch)) {
  }
  if (batch.messages.empty() || batch.messages.front().read_error) {
    const std::string reason =
        batch.messages.empty() ? input + ": holds no message"
                               : batch.messages.front().read_error->ToString();
    PrintError(kCommand, reason);
    return kExitInput;
  }
  std::string unescaped;
  std::string_view bytes = batch.messages.front().bytes;
  if (batch.messages.front().from_mbox && io::NeedsUnescape(bytes)) {
    io::UnescapeFromLines(bytes, reader_options.mbox_variant, &unescaped);
    bytes = unescaped;
  }
  Result<mime::Message> message = mime::ParseMessage(bytes, {});
  if (!message) {
    PrintError(kCommand, input + ": " +
                             std::string(ErrorCodeName(message.error().code)) +
                             ": " + message.error().message);
    return kExitInput;
  }
  if (!connecting_ip.empty()) {
    const std::optional<IpAddress> ip = IpAddress::Parse(connecting_ip);
    if (!ip) {
      PrintError(kCommand, "--connecting-ip: '" + connecting_ip +
                               "' is no IPv4 or IPv6 address");
      return kExitUsage;
    }
    message->sender.connecting_ip = ip->ToString();
    // The Received hops name other IPs: none of their HELO names is this
    // IP's.
    message->sender.connecting_hop = -1;
  }
  if (!mail_from.empty()) {
    std::optional<mime::Address> envelope =
        mail_from == "<>" ? std::nullopt : mime::ParseMailbox(mail_from);
    if (mail_from != "<>" && !envelope) {
      PrintError(kCommand, "--mail-from: '" + mail_from + "' is no address");
      return kExitUsage;
    }
    message->sender.return_path = std::move(envelope);
    message->sender.null_return_path = mail_from == "<>";
  }
  auto scratch = judge->scanner().MakeScratch();
  scan::ScanCounters counters;
  const std::vector<profile::ProfileVerdict> verdicts =
      judge->JudgeMessage(*message, *scratch, &counters);
  std::optional<profile::Population> population =
      LoadPopulationFor(kCommand, flags, *judge, &exit_code);
  if (exit_code != kExitOk) return exit_code;
  const std::vector<report::Advice> advice =
      report::AdviseOn(judge->profiles(), verdicts, *message);

  Output output;
  if (!output.Open(output_path)) return kExitOutput;
  std::ostream& out = output.stream();
  const profile::ProfileSet& set = judge->profiles();
  nlohmann::json doc;
  doc["schema_version"] = report::kRunSchemaVersion;
  doc["message"] = {
      {"input", input},
      {"messages_in_input", batch.messages.size()},
      {"subject", message->headers().Value("subject")},
      {"from", message->sender.from ? message->sender.from->AddrSpec() : ""},
      {"connecting_ip", message->sender.connecting_ip},
      {"urls", message->urls.size()},
      {"attachments", message->attachments.size()}};
  doc["profiles"] = nlohmann::json::array();
  if (format == "table") {
    out << "message: " << input;
    if (batch.messages.size() > 1)
      out << " (first of " << batch.messages.size() << ")";
    out << "\n  subject: " << message->headers().Value("subject") << "\n";
  }
  for (size_t p = 0; p < set.profiles.size(); ++p) {
    const profile::Profile& profile = set.profiles[p];
    const profile::ProfileVerdict& verdict = verdicts[p];
    std::vector<FiredRuleView> fired;
    for (size_t index : verdict.fired) {
      const profile::Rule& rule = set.catalog.rules[profile.rules[index].rule];
      const profile::ProfileRule& scored = profile.rules[index];
      fired.push_back({rule.id, std::string(profile::FamilyName(rule.family)),
                       scored.score, profile::RuleReason(rule, *message),
                       scored.forced, scored.allow});
    }
    nlohmann::json fired_json = nlohmann::json::array();
    for (const FiredRuleView& rule : fired) {
      nlohmann::json entry = {{"id", rule.id},
                              {"family", rule.family},
                              {"score", rule.score},
                              {"reason", rule.reason}};
      if (rule.forced != Action::kInbox)
        entry["forced"] = ActionName(rule.forced);
      if (rule.allow) entry["allow"] = true;
      fired_json.push_back(std::move(entry));
    }
    doc["profiles"].push_back({{"name", profile.name},
                               {"action", ActionName(verdict.verdict.action)},
                               {"score", verdict.verdict.score},
                               {"thresholds",
                                {{"junk", profile.junk_threshold},
                                 {"reject", profile.reject_threshold}}},
                               {"fired", fired_json}});
    if (format == "table") {
      char line[256];
      std::snprintf(line, sizeof line,
                    "\n%-22s %-6s score %6.2f  (junk >= %g, reject >= %g)\n",
                    profile.name.c_str(),
                    std::string(ActionName(verdict.verdict.action)).c_str(),
                    verdict.verdict.score, profile.junk_threshold,
                    profile.reject_threshold);
      out << line;
      for (const FiredRuleView& rule : fired) {
        if (rule.allow || rule.forced != Action::kInbox) {
          std::snprintf(line, sizeof line, "    %6s  %-28s ",
                        rule.allow
                            ? "allow"
                            : std::string(ActionName(rule.forced)).c_str(),
                        rule.id.c_str());
        } else {
          std::snprintf(line, sizeof line, "    %+6.2f  %-28s ", rule.score,
                        rule.id.c_str());
        }
        out << line << rule.reason << "\n";
      }
    }
  }
  if (population) {
    std::vector<profile::Verdict> plain;
    for (const profile::ProfileVerdict& verdict : verdicts)
      plain.push_back(verdict.verdict);
    const std::array<uint64_t, kActionCount> placed =
        profile::PopulationScorer(*population, set).Place(plain);
    nlohmann::json& section = doc["population"];
    section["name"] = population->name;
    section["assumption"] = population->assumption;
    if (format == "table") {
      out << "\npopulation " << population->name << " (share of receivers):";
    }
    for (Action action : kActions) {
      const double share =
          static_cast<double>(placed[static_cast<int>(action)]) /
          static_cast<double>(profile::kPopulationWhole);
      section[std::string(ActionName(action))] = {{"share", share}};
      if (format == "table") {
        out << (action == Action::kInbox ? " " : ", ") << ActionName(action)
            << " " << report::Percent(share);
      }
    }
    if (format == "table") out << "\n";
  }
  doc["advice"] = nlohmann::json::array();
  if (format == "table" && !advice.empty()) out << "\nadvice:\n";
  for (const report::Advice& piece : advice) {
    doc["advice"].push_back(
        {{"id", piece.id}, {"text", piece.text}, {"because", piece.because}});
    if (format == "table") {
      out << "  - " << piece.text << "\n    because:";
      for (const std::string& id : piece.because) out << " " << id;
      out << "\n";
    }
  }
  if (format == "json")
    out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";
  if (!output.Close()) return kExitOutput;
  return kExitOk;
}

}  // namespace inboxsim::cli
