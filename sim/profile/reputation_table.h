// Sender reputation tables, as SmartScreen-like filters keep them: each entry
// (an address, a domain with its subdomains, or an IP prefix) has a class,
// bad, poor, neutral or good; a profile scores each class. The file holds
// one "ENTRY CLASS" a line, '#' comments:
//
//   spam.example        bad
//   203.0.113.0/24      poor
//   partner.example     good
//
//   Result<std::shared_ptr<const ReputationTable>> table =
//       LoadReputationTable("profiles/reputation/senders.txt");
//   MatchReputation(**table, ReputationClass::kBad, message)
//       -> "sender joe@spam.example: reputation bad (spam.example, ...)"
#ifndef INBOXSIM_PROFILE_REPUTATION_TABLE_H_
#define INBOXSIM_PROFILE_REPUTATION_TABLE_H_

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sim/core/result.h"
#include "sim/mime/message.h"
#include "sim/profile/lists.h"

namespace inboxsim::profile {

enum class ReputationClass : unsigned char { kBad, kPoor, kNeutral, kGood };
inline constexpr ReputationClass kReputationClasses[] = {
    ReputationClass::kBad, ReputationClass::kPoor, ReputationClass::kNeutral,
    ReputationClass::kGood};
// "bad", "poor", "neutral", "good".
std::string_view ReputationClassName(ReputationClass reputation);
std::optional<ReputationClass> ParseReputationClass(std::string_view name);

struct ReputationTable {
  std::string source;  // the file, for reasons
  // Per class: From and PRA addresses or domains; the connecting IP.
  std::array<DomainList, 4> senders;
  std::array<IpPrefixList, 4> ips;
  size_t size() const;
};

// Fails naming file:line for a line that is not "ENTRY CLASS".
Result<std::shared_ptr<const ReputationTable>> LoadReputationTable(
    const std::string& path);

// Why `message`'s sender or connecting IP has `reputation` in `table`, or
// nullopt. A message may match several classes (a domain listed good, its
// sending IP poor): each class is a rule of its own.
std::optional<std::string> MatchReputation(const ReputationTable& table,
                                           ReputationClass reputation,
                                           const mime::Message& message);

}  // namespace inboxsim::profile

#endif  // INBOXSIM_PROFILE_REPUTATION_TABLE_H_
