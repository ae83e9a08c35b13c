// Dumps sa-body texts of the corpus and the sa-body pattern rules.
// texts.bin: repeated [u32 len][bytes]; rules.tsv: id \t flags \t expression (escaped? no: expressions have no tabs/newlines checked)
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "sim/mime/message.h"
#include "sim/profile/judge.h"

using namespace inboxsim;

int main() {
  scan::CompileOptions co;
  auto judge = profile::Judge::Load({"../../../profiles/spamassassin/stock.toml"}, {}, co);
  if (!judge) { std::cerr << "load failed\n"; return 1; }
  const auto& scanner = judge->scanner();
  size_t sab = SIZE_MAX;
  for (size_t i = 0; i < scanner.reports().size(); ++i)
    if (scanner.reports()[i].target.ToString() == "sa-body") sab = i;
  if (sab == SIZE_MAX) { std::cerr << "no sa-body\n"; return 1; }
  std::cerr << "sa-body target index " << sab << " patterns " << scanner.reports()[sab].patterns << "\n";
  // rules
  std::ofstream rules("rules.tsv", std::ios::binary);
  size_t nr = 0;
  for (const auto& r : judge->profiles().catalog.rules) {
    if (r.check != profile::CheckKind::kPattern) continue;
    if (r.target.ToString() != "sa-body") continue;
    if (r.pattern.empty()) continue;
    if (r.pattern.find('\t') != std::string::npos || r.pattern.find('\n') != std::string::npos) {
      std::cerr << "skip rule with tab/newline " << r.id << "\n"; continue; }
    rules << r.id << '\t' << r.flags << '\t' << (r.negated ? 1 : 0) << '\t' << r.pattern << '\n';
    ++nr;
  }
  std::cerr << "rules " << nr << "\n";
  // texts
  std::vector<std::string> files;
  for (auto& e : std::filesystem::recursive_directory_iterator("../../../../shared/corpora/spamassassin"))
    if (e.is_regular_file() && e.path().filename() != "MANIFEST.md") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  std::ofstream out("texts.bin", std::ios::binary);
  std::ofstream names("texts.names");
  auto scratch = scanner.MakeScratch();
  size_t n = 0, bytes = 0, bad = 0;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto msg = mime::ParseMessage(raw, {});
    std::string text;
    if (!msg) { ++bad; }
    else {
      scanner.ForEachText(*msg, *scratch, [&](size_t t, std::string_view s) { if (t == sab) text.assign(s); });
    }
    uint32_t len = text.size();
    out.write((const char*)&len, 4); out.write(text.data(), len);
    names << f << '\n';
    ++n; bytes += len;
  }
  std::cerr << "texts " << n << " bytes " << bytes << " parse failures " << bad << "\n";
}
