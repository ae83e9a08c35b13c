// Parser micro-benchmarks on fixed inputs: the SpamAssassin public corpus
// (real 2002-era mail, read from $INBOXSIM_CORPORA) and synthetic messages of
// each shape from the generator. Inputs are loaded into memory first, so
// these time ParseMessage alone, not I/O.
//
//   build/bench/inboxsim_bench --benchmark_filter=Parse
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "corpora/generator/synthetic_corpus.h"
#include "sim/core/text.h"
#include "sim/mime/message.h"

namespace inboxsim {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> LoadFolder(const fs::path& folder) {
  std::vector<std::string> messages;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(folder, error);
       it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    messages.push_back(std::move(bytes).str());
  }
  return messages;
}

const std::vector<std::string>& SpamAssassinCorpus() {
  static const std::vector<std::string> messages = [] {
    const char* configured = std::getenv("INBOXSIM_CORPORA");
    const fs::path root =
        configured != nullptr ? configured : "../shared/corpora";
    return LoadFolder(root / "spamassassin");
  }();
  return messages;
}

void ParseAll(benchmark::State& state,
              const std::vector<std::string>& messages) {
  if (messages.empty()) {
    state.SkipWithError(
        "corpus not found: set INBOXSIM_CORPORA to the shared corpora folder");
    return;
  }
  // Make sure the data is right before timing it: every message must parse.
  const mime::ParseLimits limits;
  size_t bytes = 0;
  for (const std::string& raw : messages) {
    if (!mime::ParseMessage(raw, limits).ok()) {
      state.SkipWithError("a benchmark input failed to parse");
      return;
    }
    bytes += raw.size();
  }
  for (auto _ : state) {
    for (const std::string& raw : messages) {
      Result<mime::Message> message = mime::ParseMessage(raw, limits);
      benchmark::DoNotOptimize(message);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(
      static_cast<int64_t>(state.iterations() * messages.size()));
}

void BM_Parse_SpamAssassin(benchmark::State& state) {
  ParseAll(state, SpamAssassinCorpus());
}
BENCHMARK(BM_Parse_SpamAssassin)->Unit(benchmark::kMillisecond);

// Synthetic messages whose Content-Type matches `shape`
// ("multipart/alternative", "text/html", "base64" ...), so each benchmark times
// one kind of mail.
std::vector<std::string> SyntheticOfShape(std::string_view shape,
                                          size_t count) {
  gen::SyntheticCorpusOptions options;
  options.count = count * 50;
  options.seed = 42;
  const gen::SyntheticCorpus corpus(options);
  std::vector<std::string> picked;
  for (uint64_t i = 0; i < options.count && picked.size() < count; ++i) {
    gen::SyntheticMessage message = corpus.Generate(i);
    const size_t header_end = message.bytes.find("\n\n");
    const std::string_view header =
        std::string_view(message.bytes).substr(0, header_end);
    const bool matches =
        shape == "plain"
            ? FindIgnoreCase(header, "multipart/") == std::string_view::npos &&
                  FindIgnoreCase(header, "text/html") == std::string_view::npos
            : FindIgnoreCase(message.bytes, shape) != std::string_view::npos;
    if (matches) picked.push_back(std::move(message.bytes));
  }
  return picked;
}

void BM_Parse_Synthetic_Plain(benchmark::State& state) {
  static const std::vector<std::string> messages =
      SyntheticOfShape("plain", 500);
  ParseAll(state, messages);
}
BENCHMARK(BM_Parse_Synthetic_Plain)->Unit(benchmark::kMillisecond);

void BM_Parse_Synthetic_Multipart(benchmark::State& state) {
  static const std::vector<std::string> messages =
      SyntheticOfShape("multipart/alternative", 500);
  ParseAll(state, messages);
}
BENCHMARK(BM_Parse_Synthetic_Multipart)->Unit(benchmark::kMillisecond);

void BM_Parse_Synthetic_Html(benchmark::State& state) {
  static const std::vector<std::string> messages =
      SyntheticOfShape("text/html", 500);
  ParseAll(state, messages);
}
BENCHMARK(BM_Parse_Synthetic_Html)->Unit(benchmark::kMillisecond);

void BM_Parse_Synthetic_Base64(benchmark::State& state) {
  static const std::vector<std::string> messages =
      SyntheticOfShape("Content-Transfer-Encoding: base64", 500);
  ParseAll(state, messages);
}
BENCHMARK(BM_Parse_Synthetic_Base64)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace inboxsim
