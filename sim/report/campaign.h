// Campaign arithmetic: from a population's inbox share to the mail a list
// of N recipients can expect to see inboxed, and the replies and sales that
// follow. The default rates are DESIGN.md's: a mass mailing of 100,000
// messages expects 100-1,000 replies and about 10 sales, taken here per
// inboxed message (the source does not say how much of its mailing was
// inboxed; the report says so).
//
//   CampaignRates rates;                  // defaults as above
//   Campaign c = EstimateCampaign(100000, inbox_share, rates);
//   c.inboxed.share -> expected inboxed messages, .low/.high its interval
#ifndef INBOXSIM_REPORT_CAMPAIGN_H_
#define INBOXSIM_REPORT_CAMPAIGN_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>

#include "sim/report/stats.h"

namespace inboxsim::report {

struct CampaignRates {
  double reply_low = 0.001;  // replies per inboxed message
  double reply_high = 0.01;
  double sale = 0.0001;  // sales per inboxed message
  bool defaults = true;  // the rates are DESIGN.md's, not the user's
};

// Parses "R" or "LOW:HIGH" (fractions, e.g. 0.002 or 0.001:0.01) into
// `*low`, `*high`; the reason when it cannot.
std::optional<std::string> ParseRateRange(const std::string& text, double* low,
                                          double* high);

struct Campaign {
  uint64_t list_size = 0;
  // Expected counts: the inbox share's estimate and interval times N.
  double inboxed = 0, inboxed_low = 0, inboxed_high = 0;
  double replies_low = 0, replies_high = 0;  // at the interval's ends and
  double sales = 0, sales_low = 0, sales_high = 0;  // the rates' ends
  CampaignRates rates;
};

Campaign EstimateCampaign(uint64_t list_size, const Proportion& inbox_share,
                          const CampaignRates& rates);

nlohmann::json CampaignJson(const Campaign& campaign);
void WriteCampaignTable(const Campaign& campaign, std::ostream& out);

}  // namespace inboxsim::report

#endif  // INBOXSIM_REPORT_CAMPAIGN_H_
