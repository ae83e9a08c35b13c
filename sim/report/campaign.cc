#include "sim/report/campaign.h"

#include <cstdio>
#include <sstream>

namespace inboxsim::report {
namespace {

constexpr char kDefaultSource[] =
    "DESIGN.md: a mass mailing of 100,000 messages expects 100-1,000 replies "
    "and about 10 sales; taken per inboxed message";

std::optional<double> Fraction(const std::string& text) {
  std::istringstream in(text);
  double value = 0;
  if (!(in >> value) || !in.eof() || value < 0 || value > 1)
    return std::nullopt;
  return value;
}

std::string Count(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f", value);
  return buffer;
}

}  // namespace

std::optional<std::string> ParseRateRange(const std::string& text, double* low,
                                          double* high) {
  const size_t colon = text.find(':');
  const std::optional<double> first = Fraction(text.substr(0, colon));
  const std::optional<double> second =
      colon == std::string::npos ? first : Fraction(text.substr(colon + 1));
  if (!first || !second || *second < *first) {
    return "'" + text +
           "' is not a rate (a fraction from 0 to 1) or a range LOW:HIGH";
  }
  *low = *first;
  *high = *second;
  return std::nullopt;
}

Campaign EstimateCampaign(uint64_t list_size, const Proportion& inbox_share,
                          const CampaignRates& rates) {
  Campaign c;
  c.list_size = list_size;
  c.rates = rates;
  const double n = static_cast<double>(list_size);
  c.inboxed = n * inbox_share.share;
  c.inboxed_low = n * inbox_share.low;
  c.inboxed_high = n * inbox_share.high;
  c.replies_low = c.inboxed_low * rates.reply_low;
  c.replies_high = c.inboxed_high * rates.reply_high;
  c.sales = c.inboxed * rates.sale;
  c.sales_low = c.inboxed_low * rates.sale;
  c.sales_high = c.inboxed_high * rates.sale;
  return c;
}

nlohmann::json CampaignJson(const Campaign& c) {
  return {
      {"list_size", c.list_size},
      {"inboxed",
       {{"expected", c.inboxed},
        {"low", c.inboxed_low},
        {"high", c.inboxed_high}}},
      {"replies", {{"low", c.replies_low}, {"high", c.replies_high}}},
      {"sales",
       {{"expected", c.sales}, {"low", c.sales_low}, {"high", c.sales_high}}},
      {"rates",
       {{"reply_low", c.rates.reply_low},
        {"reply_high", c.rates.reply_high},
        {"sale", c.rates.sale},
        {"source", c.rates.defaults ? kDefaultSource
                                    : "given on the command "
                                      "line, per inboxed "
                                      "message"}}}};
}

void WriteCampaignTable(const Campaign& c, std::ostream& out) {
  out << "\ncampaign of " << c.list_size << " messages:\n"
      << "  inboxed   " << Count(c.inboxed) << " expected ["
      << Count(c.inboxed_low) << ", " << Count(c.inboxed_high) << "]\n"
      << "  replies   " << Count(c.replies_low) << " to "
      << Count(c.replies_high) << "\n"
      << "  sales     " << Count(c.sales) << " expected [" << Count(c.sales_low)
      << ", " << Count(c.sales_high) << "]\n"
      << "  rates     replies " << c.rates.reply_low << " to "
      << c.rates.reply_high << ", sales " << c.rates.sale
      << " per inboxed message ("
      << (c.rates.defaults ? kDefaultSource : "given") << ")\n";
}

}  // namespace inboxsim::report
