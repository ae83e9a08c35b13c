// The HTML reports of `inboxsim run --format html` and `inboxsim compare
// --format html`: one self-contained file (inline CSS, inline vanilla JS, no
// network, no fonts, no libraries) drawn from the JSON document the same
// command writes with --format json, so the two never disagree.
//
//   nlohmann::json doc = RunReportJson(summary);
//   out << RunReportHtml(doc);
//
// The document is embedded verbatim in
//   <script type="application/json" id="inboxsim-data" data-kind="run">
// with every '<' written as the JSON escape \u003c: no text from the corpus
// (subjects, paths, reasons) can close that element or open a comment that
// would keep the real </script> from closing it, and JSON.parse gives the
// document back unchanged. The script builds every table and chart from it
// with textContent and createElementNS, never innerHTML, so data is never
// parsed as markup.
//
// Charts are <figure data-chart="NAME"> holding an SVG; each drawn bar is one
// <rect class="bar ..."> (a stacked bar is one rect per segment), drawn even
// when its value is 0 so counts depend on the document's shape only.
// Interval whiskers, axes and labels never carry class "bar". A chart whose
// section is absent from the document is left out entirely.
//   run:     "placement"   3 per entry of profiles (inbox, junk, reject
//                          segments of one stacked bar per profile)
//            "population"  3 when population is present (inbox, junk,
//                          reject, each with its 95% interval whisker)
//            "rules"       2 per distinct rule id over profiles[].top_rules
//                          (share of ham and of spam messages it fired on)
//   compare: "compare-profiles"   3 per (profile, variant): a stacked bar
//                                 per variant, grouped by profile
//            "compare-population" 3 per variant when population is present
// When the script has drawn everything, <body> gets data-rendered="ok".
//
// Pure functions of their argument; safe to call from any thread.
#ifndef INBOXSIM_REPORT_HTML_REPORT_H_
#define INBOXSIM_REPORT_HTML_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>

namespace inboxsim::report {

// `run_doc` as RunReportJson gives it (any subset of its sections renders).
std::string RunReportHtml(const nlohmann::json& run_doc);

// `compare_doc` as CompareJson gives it.
std::string CompareReportHtml(const nlohmann::json& compare_doc);

namespace detail {

// `doc` as JSON safe inside a <script> element: invalid UTF-8 replaced, as
// the JSON output does, and every '<' written as \u003c.
std::string ScriptSafeJson(const nlohmann::json& doc);

// The stylesheet and the script shared by both reports (html_assets.cc).
extern const char kReportCss[];
extern const char kReportScript[];

}  // namespace detail
}  // namespace inboxsim::report

#endif  // INBOXSIM_REPORT_HTML_REPORT_H_
