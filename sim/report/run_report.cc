#include "sim/report/run_report.h"

#include <cstdio>

#include "sim/report/placement_report.h"
#include "sim/report/population_report.h"

namespace inboxsim::report {
namespace {

constexpr double kBytesPerMegabyte =
    1e6;  // MB/s in SI megabytes, as hsbench reports

double PerSecond(double amount, double seconds) {
  return seconds > 0 ? amount / seconds : 0;
}


std::string Format(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

// "name count, name count" for the non-zero entries, or "none".
template <typename Entries>
std::string JoinCounts(const Entries& entries) {
  std::string out;
  for (const auto& [name, count] : entries) {
    if (count == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::string(name) + " " + std::to_string(count);
  }
  return out.empty() ? "none" : out;
}

std::vector<std::pair<std::string_view, uint64_t>> FailureCounts(
    const Tally& tally) {
  std::vector<std::pair<std::string_view, uint64_t>> counts;
  for (int i = 0; i < kErrorCodeCount; ++i) {
    const auto code = static_cast<ErrorCode>(i);
    counts.emplace_back(ErrorCodeName(code), tally.failed_by(code));
  }
  return counts;
}

std::vector<std::pair<std::string_view, uint64_t>> DefectCounts(
    const Tally& tally, bool limits) {
  std::vector<std::pair<std::string_view, uint64_t>> counts;
  for (int i = 0; i < mime::kDefectCount; ++i) {
    const auto defect = static_cast<mime::Defect>(i);
    if (mime::IsLimitDefect(defect) != limits) continue;
    counts.emplace_back(mime::DefectName(defect), tally.messages_with(defect));
  }
  return counts;
}

nlohmann::json NonZeroObject(
    const std::vector<std::pair<std::string_view, uint64_t>>& counts) {
  nlohmann::json object = nlohmann::json::object();
  for (const auto& [name, count] : counts) {
    if (count != 0) object[std::string(name)] = count;
  }
  return object;
}

// One paragraph on how the rules ran, from the same data as the JSON.
void WriteScanSummary(const nlohmann::json& scan, std::ostream& out) {
  out << "  rules    " << scan["rules"].get<size_t>() << " ("
      << scan["native"].get<size_t>() << " native, "
      << scan["prefiltered"].get<size_t>() << " prefiltered + PCRE2, "
      << scan["pcre2_only"].get<size_t>() << " PCRE2 only, "
      << scan["unsupported"].size() << " unsupported, "
      << scan["content_checks"].get<size_t>() << " content checks); load "
      << Format("%.3f", scan["load_seconds"].get<double>()) << " s, compile "
      << Format("%.3f", scan["compile_seconds"].get<double>()) << " s ("
      << (scan["cache_hit"].get<bool>() ? "cache hit" : "cache miss") << ")\n";
  if (const size_t tuned = scan["tuned_prefilters"].get<size_t>(); tuned > 0) {
    out << "  tuned    " << tuned
        << " rules behind prefilters (inboxsim tune), confirmed alone\n";
  }
  std::string limits;
  for (const auto& [rule, count] : scan["match_limit_hits"].items()) {
    limits += (limits.empty() ? "" : ", ") + rule + " " +
              std::to_string(count.get<uint64_t>());
  }
  out << "  PCRE2 match limit hit (messages)  "
      << (limits.empty() ? "none" : limits) << "\n";
  for (const auto& entry : scan["unsupported"]) {
    out << "  unsupported: " << entry["where"].get<std::string>() << " rule "
        << entry["rule"].get<std::string>() << ": "
        << entry["reason"].get<std::string>() << "\n";
  }
}

}  // namespace

bool AccountingHolds(const Tally& tally) {
  return tally.read() == tally.parsed() + tally.failed();
}

nlohmann::json RunReportJson(const RunSummary& summary) {
  const Tally& tally = summary.tally;
  nlohmann::json doc;
  doc["schema_version"] = kRunSchemaVersion;
  doc["tool"] = {{"name", "inboxsim"}, {"version", INBOXSIM_VERSION}};
  doc["run"] = {{"inputs", summary.inputs}, {"threads", summary.threads}};

  nlohmann::json& totals = doc["totals"];
  totals["read"] = tally.read();
  totals["parsed"] = tally.parsed();
  totals["failed"] = tally.failed();
  totals["bytes"] = tally.bytes();
  totals["failed_by_reason"] = NonZeroObject(FailureCounts(tally));
  nlohmann::json& by_label = totals["by_label"];
  for (Label label : kReportedLabels) {
    const LabelCounts& counts = tally.by_label(label);
    by_label[std::string(LabelName(label))] = {{"read", counts.read},
                                               {"parsed", counts.parsed},
                                               {"failed", counts.failed},
                                               {"bytes", counts.bytes}};
  }
  totals["accounting_ok"] = AccountingHolds(tally);
  totals["elapsed_seconds"] = summary.elapsed_seconds;
  totals["messages_per_second"] =
      PerSecond(tally.read(), summary.elapsed_seconds);
  totals["mb_per_second"] =
      PerSecond(tally.bytes() / kBytesPerMegabyte, summary.elapsed_seconds);

  doc["defects"] = NonZeroObject(DefectCounts(tally, false));
  doc["limits_hit"] = NonZeroObject(DefectCounts(tally, true));
  const ContentCounts& content = tally.content();
  doc["content"] = {
      {"mime_parts", content.mime_parts},
      {"text_parts", content.text_parts},
      {"html_parts", content.html_parts},
      {"attachments", content.attachments},
      {"urls", content.urls},
      {"messages_with_html", content.messages_with_html},
      {"messages_with_attachments", content.messages_with_attachments},
      {"messages_with_connecting_ip", content.messages_with_connecting_ip}};
  nlohmann::json& examples = doc["failure_examples"];
  examples = nlohmann::json::array();
  for (const FailureExample& example : tally.failure_examples()) {
    examples.push_back({{"where", example.where},
                        {"reason", ErrorCodeName(example.code)},
                        {"message", example.message}});
  }
  if (summary.judge != nullptr) {
    doc["profiles"] =
        PlacementsJson(ComputePlacements(tally, summary.judge->profiles()));
    doc["scan"] = ScanJson(*summary.judge, tally);
    if (summary.population != nullptr) {
      doc["population"] =
          PopulationJson(tally, *summary.population, summary.judge->profiles());
    }
    if (summary.campaign != nullptr)
      doc["campaign"] = CampaignJson(*summary.campaign);
  }
  return doc;
}

nlohmann::json ScanJson(const profile::Judge& judge, const Tally& tally) {
  const scan::Scanner& scanner = judge.scanner();
  const std::vector<profile::Rule>& rules = judge.profiles().catalog.rules;
  nlohmann::json scan;
  size_t modes[4] = {0, 0, 0, 0};
  nlohmann::json unsupported = nlohmann::json::array();
  nlohmann::json& targets = scan["targets"];
  targets = nlohmann::json::array();
  size_t tuned = 0;
  for (const scan::TargetReport& report : scanner.reports()) {
    targets.push_back({{"target", report.target.ToString()},
                       {"patterns", report.patterns},
                       {"compile_seconds", report.compile.compile_seconds},
                       {"cache_hit", report.compile.cache_hit},
                       {"tuned_prefilters", report.compile.prefilters.size()}});
    tuned += report.compile.prefilters.size();
    for (const auto& [id, reason] : report.compile.unsupported_reasons) {
      unsupported.push_back(
          {{"rule", id < rules.size() ? rules[id].id : "?"},
           {"where", id < rules.size() ? rules[id].where : ""},
           {"reason", reason}});
    }
  }
  size_t content_checks = 0;
  for (uint32_t id = 0; id < rules.size(); ++id) {
    if (rules[id].check != profile::CheckKind::kPattern) {
      ++content_checks;  // facts of the message, not patterns: never scanned
      continue;
    }
    ++modes[static_cast<int>(scanner.mode(id))];
  }
  scan["rules"] = rules.size();
  scan["content_checks"] = content_checks;
  scan["native"] = modes[static_cast<int>(scan::PatternMode::kNative)];
  scan["prefiltered"] =
      modes[static_cast<int>(scan::PatternMode::kPrefiltered)];
  scan["pcre2_only"] = modes[static_cast<int>(scan::PatternMode::kPcre2Only)];
  scan["unsupported"] = unsupported;
  scan["load_seconds"] = judge.load_seconds();
  scan["compile_seconds"] = scanner.compile_seconds();
  scan["cache_hit"] = scanner.all_cached();
  scan["tuned_prefilters"] = tuned;
  const scan::ScanCounters& counters = tally.scan_counters();
  scan["texts_scanned"] = counters.texts_scanned;
  scan["bytes_scanned"] = counters.bytes_scanned;
  scan["pcre2_runs"] = counters.pcre2_runs;
  nlohmann::json limits = nlohmann::json::object();
  for (size_t id = 0;
       id < counters.match_limit_hits.size() && id < rules.size(); ++id) {
    if (counters.match_limit_hits[id] > 0)
      limits[rules[id].id] = counters.match_limit_hits[id];
  }
  scan["match_limit_hits"] = limits;
  return scan;
}

void WriteRunTable(const RunSummary& summary, std::ostream& out) {
  const Tally& tally = summary.tally;
  out << "inboxsim " << INBOXSIM_VERSION << ": " << summary.inputs.size()
      << " input" << (summary.inputs.size() == 1 ? "" : "s") << ", "
      << summary.threads << " thread" << (summary.threads == 1 ? "" : "s")
      << "\n\n";
  out << "  read     " << tally.read() << " messages, "
      << Format("%.2f", tally.bytes() / kBytesPerMegabyte) << " MB\n";
  out << "  parsed   " << tally.parsed() << "\n";
  out << "  failed   " << tally.failed();
  if (tally.failed() > 0)
    out << "  (" << JoinCounts(FailureCounts(tally)) << ")";
  out << "\n\n";

  char line[128];
  std::snprintf(line, sizeof line, "  %-11s %10s %10s %8s %14s\n", "label",
                "read", "parsed", "failed", "bytes");
  out << line;
  for (Label label : kReportedLabels) {
    const LabelCounts& counts = tally.by_label(label);
    std::snprintf(line, sizeof line, "  %-11s %10llu %10llu %8llu %14llu\n",
                  std::string(LabelName(label)).c_str(),
                  static_cast<unsigned long long>(counts.read),
                  static_cast<unsigned long long>(counts.parsed),
                  static_cast<unsigned long long>(counts.failed),
                  static_cast<unsigned long long>(counts.bytes));
    out << line;
  }
  out << "\n  elapsed  " << Format("%.3f", summary.elapsed_seconds) << " s   "
      << Format("%.0f", PerSecond(tally.read(), summary.elapsed_seconds))
      << " messages/s   "
      << Format("%.1f", PerSecond(tally.bytes() / kBytesPerMegabyte,
                                  summary.elapsed_seconds))
      << " MB/s\n";
  out << "  accounting  read " << tally.read() << " = parsed " << tally.parsed()
      << " + failed " << tally.failed()
      << (AccountingHolds(tally) ? "  (ok)" : "  (MISMATCH)") << "\n";
  out << "  defects (messages)  " << JoinCounts(DefectCounts(tally, false))
      << "\n";
  out << "  limits hit (messages)  " << JoinCounts(DefectCounts(tally, true))
      << "\n";
  if (summary.judge != nullptr) {
    WriteScanSummary(ScanJson(*summary.judge, tally), out);
    WritePlacementsTable(ComputePlacements(tally, summary.judge->profiles()),
                         out);
    if (summary.population != nullptr) {
      WritePopulationTable(tally, *summary.population,
                           summary.judge->profiles(), out);
    }
    if (summary.campaign != nullptr) WriteCampaignTable(*summary.campaign, out);
  }
  if (!tally.failure_examples().empty()) {
    out << "\n  failures (first " << tally.failure_examples().size() << "):\n";
    for (const FailureExample& example : tally.failure_examples()) {
      out << "    " << example.where << ": " << ErrorCodeName(example.code)
          << ": " << example.message << "\n";
    }
  }
}

void WriteRunCsv(const RunSummary& summary, std::ostream& out) {
  if (summary.judge != nullptr) {
    WritePlacementsCsv(
        ComputePlacements(summary.tally, summary.judge->profiles()), out);
    return;
  }
  const Tally& tally = summary.tally;
  out << "name,value\n"
      << "read," << tally.read() << "\nparsed," << tally.parsed() << "\nfailed,"
      << tally.failed() << "\nbytes," << tally.bytes() << "\nelapsed_seconds,"
      << summary.elapsed_seconds << "\n";
}

}  // namespace inboxsim::report
