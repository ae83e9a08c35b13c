#include "sim/report/html_report.h"

#include <string_view>

namespace inboxsim::report {
namespace detail {

std::string ScriptSafeJson(const nlohmann::json& doc) {
  const std::string json =
      doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(json.size() + json.size() / 16);
  for (char c : json) {
    // '<' only occurs inside JSON strings, where \u003c means the same.
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace detail

namespace {

// `kind` selects what the script draws: "run" or "compare". `title` is ours,
// never data.
std::string Page(std::string_view kind, std::string_view title,
                 const nlohmann::json& doc) {
  std::string page;
  page +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page +=
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n";
  // Nothing may leave the file: no network, even if the script had a bug.
  page +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
      "'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
      "img-src data:\">\n";
  page += "<title>";
  page += title;
  page += "</title>\n<style>\n";
  page += detail::kReportCss;
  page += "</style>\n</head>\n<body>\n<header><h1>";
  page += title;
  page +=
      "</h1></header>\n<main id=\"report\"></main>\n<noscript>This report "
      "draws its tables and charts with JavaScript; the data is in the "
      "inboxsim-data element of this file.</noscript>\n";
  page += "<script type=\"application/json\" id=\"inboxsim-data\" data-kind=\"";
  page += kind;
  page += "\">";
  page += detail::ScriptSafeJson(doc);
  page += "</script>\n<script>\n";
  page += detail::kReportScript;
  page += "</script>\n</body>\n</html>\n";
  return page;
}

}  // namespace

std::string RunReportHtml(const nlohmann::json& run_doc) {
  return Page("run", "inboxsim run report", run_doc);
}

std::string CompareReportHtml(const nlohmann::json& compare_doc) {
  return Page("compare", "inboxsim compare report", compare_doc);
}

}  // namespace inboxsim::report
