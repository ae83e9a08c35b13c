// The HTML reports: self-contained, the embedded document is the JSON one,
// hostile text stays text; and, where Chromium is installed, the page renders
// headless with the expected bars and no console output.
#include "sim/report/html_report.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "tests/test_util.h"

namespace inboxsim::report {
namespace {

using ::inboxsim::testing::ReadFile;
using ::inboxsim::testing::RunInboxsim;
using ::inboxsim::testing::TempDir;

constexpr char kDataOpen[] = "id=\"inboxsim-data\"";
// Long enough for a cold Chromium start on a loaded CI machine.
constexpr int kChromiumTimeoutSeconds = 60;

// The text of the data element, as written.
std::string EmbeddedJson(const std::string& html) {
  const size_t open = html.find(kDataOpen);
  if (open == std::string::npos) return "";
  const size_t start = html.find('>', open) + 1;
  const size_t end = html.find("</script>", start);
  if (end == std::string::npos) return "";
  return html.substr(start, end - start);
}

size_t Count(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

nlohmann::json RunJson(const std::string& args) {
  std::string out;
  EXPECT_EQ(RunInboxsim(args, &out), 0) << args;
  return nlohmann::json::parse(out, nullptr, false);
}

std::string SampleCorpus() {
  return std::string(INBOXSIM_SOURCE_DIR) + "/corpora/sample";
}

// A run document with text no page can trust, in every kind of field the
// script shows.
nlohmann::json HostileRunDoc() {
  const std::string hostile =
      "</script><script>alert(1)</script><!--<script> <img src=x "
      "onerror=alert(2)> & \u00e9";
  nlohmann::json doc;
  doc["schema_version"] = 1;
  doc["run"] = {{"inputs", {hostile}}, {"threads", 1}};
  doc["totals"] = {{"read", 1}, {"parsed", 0}, {"failed", 1}};
  doc["failure_examples"] = {
      {{"where", hostile}, {"reason", "not_a_message"}, {"message", hostile}}};
  doc["profiles"] = {
      {{"name", hostile},
       {"description", hostile},
       {"shares", {{"inbox", {{"share", 1.0}, {"low", 0.5}, {"high", 1.0}}}}},
       {"top_rules",
        {{{"id", hostile},
          {"hits", 1},
          {"hits_by_label", {{"ham", 0}, {"spam", 1}}},
          {"description", hostile},
          {"example", {{"where", hostile}, {"reason", hostile}}}}}}}};
  return doc;
}

TEST(HtmlReport, IsOneFileThatNeedsNoNetwork) {
  const nlohmann::json doc =
      RunJson("run --no-cache --format json " + SampleCorpus());
  ASSERT_FALSE(doc.is_discarded());
  for (const std::string& html : {RunReportHtml(doc), CompareReportHtml(doc)}) {
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    // The page without its data: no external script, stylesheet, image or
    // font, and no URL but the SVG namespace the script passes to
    // createElementNS. (The data may hold URLs from the corpus, as text.)
    std::string page = html;
    const std::string data = EmbeddedJson(html);
    ASSERT_FALSE(data.empty());
    page.erase(page.find(data), data.size());
    const std::regex external(R"((src|href)\s*=)", std::regex::icase);
    EXPECT_FALSE(std::regex_search(page, external));
    EXPECT_EQ(Count(page, "<link"), 0u);
    EXPECT_EQ(Count(page, "@import"), 0u);
    EXPECT_EQ(Count(page, "url("), 0u);
    EXPECT_EQ(Count(page, "http://www.w3.org/2000/svg"), 1u);
    EXPECT_EQ(Count(page, "http://"), 1u);
    EXPECT_EQ(Count(page, "https://"), 0u);
  }
}

TEST(HtmlReport, EmbedsTheJsonDocumentUnchanged) {
  const nlohmann::json doc = RunJson(
      "run --no-cache --list-size 1000 --format json " + SampleCorpus());
  ASSERT_TRUE(doc.contains("profiles"));
  ASSERT_TRUE(doc.contains("population"));
  ASSERT_TRUE(doc.contains("campaign"));
  const std::string html = RunReportHtml(doc);
  EXPECT_NE(html.find("data-kind=\"run\""), std::string::npos);
  const nlohmann::json embedded =
      nlohmann::json::parse(EmbeddedJson(html), nullptr, false);
  ASSERT_FALSE(embedded.is_discarded());
  EXPECT_EQ(embedded, doc);
  // The sample's reasons hold markup ("<div>", "<img>"): escaped, not lost.
  EXPECT_NE(EmbeddedJson(html).find("\\u003cimg>"), std::string::npos);
  EXPECT_EQ(EmbeddedJson(html).find('<'), std::string::npos);

  const nlohmann::json compare_doc = {{"test", "no test"},
                                      {"variants", nlohmann::json::array()}};
  const std::string compare_html = CompareReportHtml(compare_doc);
  EXPECT_NE(compare_html.find("data-kind=\"compare\""), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(EmbeddedJson(compare_html)), compare_doc);
}

TEST(HtmlReport, HostileTextCannotLeaveTheDataElement) {
  const nlohmann::json doc = HostileRunDoc();
  const std::string html = RunReportHtml(doc);
  // Exactly our two script elements, closed once each.
  EXPECT_EQ(Count(html, "<script"), 2u);
  EXPECT_EQ(Count(html, "</script>"), 2u);
  EXPECT_EQ(Count(html, "<!--"), 0u);
  const std::string data = EmbeddedJson(html);
  EXPECT_NE(data.find("alert(1)"), std::string::npos);
  EXPECT_EQ(Count(html, "alert("), Count(data, "alert("))
      << "hostile text outside the data element";
  EXPECT_EQ(nlohmann::json::parse(data), doc);
  // The script never parses data as markup.
  const std::string script = detail::kReportScript;
  EXPECT_EQ(script.find("innerHTML"), std::string::npos);
  EXPECT_EQ(script.find("outerHTML"), std::string::npos);
  EXPECT_EQ(script.find("insertAdjacentHTML"), std::string::npos);
  EXPECT_EQ(script.find("document.write"), std::string::npos);
}

TEST(HtmlReport, InvalidUtf8IsReplacedAsInTheJsonOutput) {
  const nlohmann::json doc = {{"where", std::string("bad \xff byte")}};
  const std::string data = EmbeddedJson(RunReportHtml(doc));
  EXPECT_EQ(nlohmann::json::parse(data)["where"], "bad \xEF\xBF\xBD byte");
}

// ---- rendering in headless Chromium ----

std::optional<std::string> FindChromium() {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  for (const char* name : {"chromium", "chromium-browser"}) {
    std::stringstream folders(path);
    std::string folder;
    while (std::getline(folders, folder, ':')) {
      const std::filesystem::path candidate =
          std::filesystem::path(folder) / name;
      std::error_code error;
      if (std::filesystem::is_regular_file(candidate, error)) {
        return candidate.string();
      }
    }
  }
  return std::nullopt;
}

struct Rendered {
  int exit_code = -1;
  std::string dom;  // --dump-dom: the DOM after the scripts ran
  std::string log;  // stderr, where --enable-logging puts console messages
};

// Loads `html_file` in headless Chromium. --no-sandbox because CI runs as
// root, where the sandbox refuses to start; the profile folder is fresh so
// no state leaks between runs; --virtual-time-budget lets the page's script
// finish before the DOM is dumped.
Rendered Render(const std::string& chromium, const TempDir& dir,
                const std::string& html_file) {
  const std::string log_file = (dir.path() / "chromium.log").string();
  const std::string command =
      "timeout " + std::to_string(kChromiumTimeoutSeconds) + " '" + chromium +
      "' --headless=new --no-sandbox --disable-gpu --no-first-run "
      "--no-default-browser-check --user-data-dir='" +
      (dir.path() / "chromium-profile").string() +
      "' --enable-logging=stderr --v=0 --virtual-time-budget=5000 "
      "--dump-dom 'file://" +
      html_file + "' 2>'" + log_file + "'";
  Rendered rendered;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return rendered;
  char buffer[4096];
  size_t got;
  while ((got = fread(buffer, 1, sizeof buffer, pipe)) > 0)
    rendered.dom.append(buffer, got);
  const int status = pclose(pipe);
  rendered.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  rendered.log = ReadFile(log_file);
  return rendered;
}

// Lines where Chromium reports the page's console: every console call and
// every uncaught exception, as "...:INFO:CONSOLE:12] "Uncaught Error: x",
// source: file:///... (12)". The reports log nothing, so any line is a bug.
std::vector<std::string> ConsoleLines(const std::string& log) {
  std::vector<std::string> lines;
  std::stringstream stream(log);
  std::string line;
  while (std::getline(stream, line)) {
    if (line.find(":CONSOLE") != std::string::npos ||
        line.find("Uncaught") != std::string::npos) {
      lines.push_back(line);
    }
  }
  return lines;
}

// data-chart name -> number of class="bar ..." elements inside it.
std::map<std::string, size_t> BarCounts(const std::string& dom) {
  std::map<std::string, size_t> counts;
  const std::regex figure(R"re(<figure data-chart="([^"]+)">)re");
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), figure);
       it != std::sregex_iterator(); ++it) {
    const size_t start = it->position() + it->length();
    const size_t end = dom.find("</figure>", start);
    const std::string body = dom.substr(start, end - start);
    const std::regex bar(R"re(class="bar[ "])re");
    counts[(*it)[1]] =
        std::distance(std::sregex_iterator(body.begin(), body.end(), bar),
                      std::sregex_iterator());
  }
  return counts;
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

#define REQUIRE_CHROMIUM(variable)                                         \
  const std::optional<std::string> variable = FindChromium();              \
  if (!variable) {                                                         \
    GTEST_SKIP() << "chromium not installed: no chromium or "              \
                    "chromium-browser on PATH (apt-get install chromium; " \
                    "scripts/setup.sh installs it)";                       \
  }

// The check below must be able to fail: a page that throws is caught.
TEST(HtmlReportChromium, ConsoleErrorsAreSeen) {
  REQUIRE_CHROMIUM(chromium);
  TempDir dir;
  const std::string page =
      dir.Write("throws.html",
                "<!DOCTYPE html><html><body><p>x</p><script>throw new "
                "Error('deliberate');</script></body></html>\n");
  const Rendered rendered = Render(*chromium, dir, page);
  ASSERT_EQ(rendered.exit_code, 0) << rendered.log;
  const std::vector<std::string> lines = ConsoleLines(rendered.log);
  ASSERT_EQ(lines.size(), 1u) << rendered.log;
  EXPECT_NE(lines[0].find("Uncaught Error: deliberate"), std::string::npos)
      << lines[0];
}

TEST(HtmlReportChromium, RunReportDrawsABarPerShare) {
  REQUIRE_CHROMIUM(chromium);
  TempDir dir;
  const std::string report = (dir.path() / "report.html").string();
  std::string out;
  ASSERT_EQ(RunInboxsim("run --no-cache --list-size 1000 --format html -o " +
                            report + " " + SampleCorpus(),
                        &out),
            0);
  const std::string html = ReadFile(report);
  const nlohmann::json doc = nlohmann::json::parse(EmbeddedJson(html));
  ASSERT_TRUE(doc.contains("profiles"));
  ASSERT_TRUE(doc.contains("population"));
  std::set<std::string> rules;
  for (const nlohmann::json& profile : doc["profiles"]) {
    for (const nlohmann::json& rule : profile["top_rules"])
      rules.insert(rule["id"].get<std::string>());
  }
  ASSERT_FALSE(rules.empty());

  const Rendered rendered = Render(*chromium, dir, report);
  ASSERT_EQ(rendered.exit_code, 0) << rendered.log;
  EXPECT_NE(rendered.dom.find("data-rendered=\"ok\""), std::string::npos)
      << "the script did not finish";
  EXPECT_EQ(ConsoleLines(rendered.log), std::vector<std::string>{})
      << Joined(ConsoleLines(rendered.log));
  const std::map<std::string, size_t> expected = {
      {"placement", 3 * doc["profiles"].size()},
      {"population", 3},
      {"rules", 2 * rules.size()}};
  EXPECT_EQ(BarCounts(rendered.dom), expected);
  // Tables: totals and the campaign, from the same document.
  EXPECT_NE(rendered.dom.find("<h2>Campaign: 1,000 recipients</h2>"),
            std::string::npos);
  EXPECT_NE(rendered.dom.find("<h2>Failures</h2>"), std::string::npos);
  EXPECT_NE(rendered.dom.find("not_a_message"), std::string::npos);
}

TEST(HtmlReportChromium, CompareReportDrawsVariantsSideBySide) {
  REQUIRE_CHROMIUM(chromium);
  TempDir dir;
  // A variant whose name is markup: it must show as text, and "<!--<script>"
  // must not keep the data element from closing.
  const std::string hostile_name =
      "a <img src=x onerror=alert(1)> <!--<script>";
  const std::string a = dir.Write(
      hostile_name + ".eml",
      "From: news@shop.example\nSubject: Spring news "
      "</script><script>alert(2)</script>\n\nOur spring collection is "
      "here. Free money inside, 100% free!\n");
  const std::string b =
      dir.Write("b.eml",
                "From: news@shop.example\nSubject: Spring news\n\nOur "
                "spring collection is here.\n");
  const std::string report = (dir.path() / "compare.html").string();
  std::string out;
  ASSERT_EQ(RunInboxsim("compare --no-cache --format html -o " + report + " '" +
                            a + "' " + b,
                        &out),
            0);
  const nlohmann::json doc =
      nlohmann::json::parse(EmbeddedJson(ReadFile(report)));
  ASSERT_EQ(doc["variants"].size(), 2u);
  ASSERT_TRUE(doc.contains("population"));
  const size_t profiles = doc["variants"][0]["profiles"].size();
  ASSERT_GT(profiles, 0u);

  const Rendered rendered = Render(*chromium, dir, report);
  ASSERT_EQ(rendered.exit_code, 0) << rendered.log;
  EXPECT_NE(rendered.dom.find("data-rendered=\"ok\""), std::string::npos);
  EXPECT_EQ(ConsoleLines(rendered.log), std::vector<std::string>{})
      << Joined(ConsoleLines(rendered.log));
  const std::map<std::string, size_t> expected = {
      {"compare-profiles", 3 * profiles * 2}, {"compare-population", 3 * 2}};
  EXPECT_EQ(BarCounts(rendered.dom), expected);
  EXPECT_NE(rendered.dom.find("a &lt;img src=x onerror=alert(1)&gt; "
                              "&lt;!--&lt;script&gt;.eml"),
            std::string::npos);
  EXPECT_EQ(rendered.dom.find("<img"), std::string::npos);
}

}  // namespace
}  // namespace inboxsim::report
