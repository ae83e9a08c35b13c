#include "sim/profile/reputation_table.h"

#include "sim/core/text.h"

namespace inboxsim::profile {

std::string_view ReputationClassName(ReputationClass reputation) {
  switch (reputation) {
    case ReputationClass::kBad:
      return "bad";
    case ReputationClass::kPoor:
      return "poor";
    case ReputationClass::kNeutral:
      return "neutral";
    case ReputationClass::kGood:
      return "good";
  }
  return "";
}

std::optional<ReputationClass> ParseReputationClass(std::string_view name) {
  for (ReputationClass reputation : kReputationClasses) {
    if (EqualsIgnoreCase(name, ReputationClassName(reputation)))
      return reputation;
  }
  return std::nullopt;
}

size_t ReputationTable::size() const {
  size_t total = 0;
  for (size_t i = 0; i < senders.size(); ++i)
    total += senders[i].size() + ips[i].size();
  return total;
}

Result<std::shared_ptr<const ReputationTable>> LoadReputationTable(
    const std::string& path) {
  auto table = std::make_shared<ReputationTable>();
  table->source = path;
  Status loaded = ForEachListLine(path, [&](std::string_view line) -> Status {
    const size_t space = line.find_first_of(" \t");
    const std::string_view entry = line.substr(0, space);
    const std::string_view name =
        space == std::string_view::npos ? "" : TrimAscii(line.substr(space));
    const std::optional<ReputationClass> reputation =
        ParseReputationClass(name);
    if (!reputation) {
      return Error{ErrorCode::kBadInput, "",
                   "expected \"ENTRY CLASS\" with CLASS bad, poor, neutral or "
                   "good, not '" +
                       std::string(line) + "'"};
    }
    const size_t index = static_cast<size_t>(*reputation);
    Status ip = table->ips[index].Add(entry);
    if (ip) return Ok{};
    // What starts like an address or prefix gets the IP parser's reason.
    const bool looks_like_ip =
        entry.find(':') != std::string_view::npos ||
        entry.find_first_not_of("0123456789./") == std::string_view::npos;
    if (looks_like_ip) return ip;
    if (table->senders[index].Add(entry)) return Ok{};
    return Error{
        ErrorCode::kBadInput, "",
        "'" + std::string(entry) + "' is no address, domain or IP prefix"};
  });
  if (!loaded) {
    Error error = loaded.error();
    error.message = "reputation table: " + error.message;
    return error;
  }
  for (size_t i = 0; i < table->senders.size(); ++i) {
    table->senders[i].Seal();
    table->ips[i].Seal();
  }
  return std::shared_ptr<const ReputationTable>(std::move(table));
}

std::optional<std::string> MatchReputation(const ReputationTable& table,
                                           ReputationClass reputation,
                                           const mime::Message& message) {
  const size_t index = static_cast<size_t>(reputation);
  const std::string suffix =
      ": reputation " + std::string(ReputationClassName(reputation)) + " (";
  const mime::SenderFacts& sender = message.sender;
  for (const std::optional<mime::Address>* address :
       {&sender.from, &sender.pra}) {
    if (!*address) continue;
    const std::string spec = (*address)->AddrSpec();
    if (auto entry = table.senders[index].Match(spec))
      return "sender " + spec + suffix + *entry + ", " + table.source + ")";
  }
  if (auto entry = table.ips[index].Match(sender.connecting_ip)) {
    return "connecting IP " + sender.connecting_ip + suffix + *entry + ", " +
           table.source + ")";
  }
  return std::nullopt;
}

}  // namespace inboxsim::profile
