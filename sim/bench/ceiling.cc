#include "sim/bench/ceiling.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <functional>
#include <memory>
#include <string_view>

#include "sim/core/clock.h"
#include "sim/scan/hyperscan_database.h"

namespace inboxsim::bench {
namespace {

using Clock = std::chrono::steady_clock;

// Texts are scanned in chunks of this many, so threads share a target's
// texts without a task per text.
constexpr size_t kTextsPerTask = 64;
constexpr double kMinSampleSeconds = 0.5;

struct Chunk {
  size_t target;
  size_t first, last;  // text indices
};

}  // namespace

CapturedTexts CaptureTexts(const io::CorpusPlan& plan,
                           engine::RunOptions options,
                           const scan::Scanner& scanner, uint64_t max_bytes) {
  const size_t target_count = scanner.reports().size();
  struct ThreadTexts {
    std::unique_ptr<scan::Scanner::Scratch> scratch;
    std::vector<TargetTexts> targets;
    uint64_t messages = 0;
  };
  tbb::enumerable_thread_specific<ThreadTexts> per_thread;
  std::atomic<uint64_t> captured_bytes{0};
  std::atomic<bool> truncated{false};
  options.judge = nullptr;
  options.population = nullptr;
  options.on_judged = nullptr;
  options.on_progress = nullptr;
  options.stage_timers = false;
  options.on_message = [&](const mime::Message& message, Label) {
    if (captured_bytes.load(std::memory_order_relaxed) >= max_bytes) {
      truncated = true;
      return;
    }
    ThreadTexts& mine = per_thread.local();
    if (!mine.scratch) {
      mine.scratch = scanner.MakeScratch();
      mine.targets.resize(target_count);
    }
    uint64_t added = 0;
    scanner.ForEachText(message, *mine.scratch,
                        [&](size_t target, std::string_view text) {
                          TargetTexts& texts = mine.targets[target];
                          texts.bytes.append(text);
                          texts.ends.push_back(texts.bytes.size());
                          added += text.size();
                        });
    ++mine.messages;
    captured_bytes += added;
  };
  engine::RunCorpus(plan, options);

  CapturedTexts captured;
  captured.targets.resize(target_count);
  captured.truncated = truncated;
  per_thread.combine_each([&](const ThreadTexts& mine) {
    captured.messages += mine.messages;
    for (size_t t = 0; t < mine.targets.size(); ++t) {
      TargetTexts& all = captured.targets[t];
      const size_t offset = all.bytes.size();
      all.bytes.append(mine.targets[t].bytes);
      for (size_t end : mine.targets[t].ends) all.ends.push_back(offset + end);
    }
  });
  for (const TargetTexts& texts : captured.targets)
    captured.bytes += texts.bytes.size();
  return captured;
}

namespace {

// Times passes over every captured text, each text scanned by a
// TextScanner of the thread's own.
Ceiling MeasurePasses(
    const CapturedTexts& texts, int threads, int repetitions,
    const std::function<std::unique_ptr<TextScanner>()>& make_scanner) {
  Ceiling ceiling;
  ceiling.threads = threads;
  std::vector<Chunk> chunks;
  for (size_t t = 0; t < texts.targets.size(); ++t) {
    const size_t count = texts.targets[t].ends.size();
    ceiling.texts += count;
    for (size_t first = 0; first < count; first += kTextsPerTask)
      chunks.push_back({t, first, std::min(count, first + kTextsPerTask)});
  }
  struct ThreadState {
    std::unique_ptr<TextScanner> scanner;
    std::vector<double> target_seconds;
    uint64_t matches = 0;
  };
  tbb::task_arena arena(threads);
  // Scratch kept across passes; the counts restart with each pass.
  tbb::enumerable_thread_specific<ThreadState> per_thread;
  auto scan_every_text = [&] {
    for (ThreadState& mine : per_thread) {
      mine.matches = 0;
      std::fill(mine.target_seconds.begin(), mine.target_seconds.end(), 0);
    }
    arena.execute([&] {
      tbb::parallel_for(
          tbb::blocked_range<size_t>(0, chunks.size(), 1),
          [&](const tbb::blocked_range<size_t>& range) {
            ThreadState& mine = per_thread.local();
            if (!mine.scanner) {
              mine.scanner = make_scanner();
              mine.target_seconds.assign(texts.targets.size(), 0);
            }
            for (size_t c = range.begin(); c != range.end(); ++c) {
              const Chunk& chunk = chunks[c];
              const TargetTexts& target = texts.targets[chunk.target];
              const Clock::time_point chunk_start = Clock::now();
              for (size_t i = chunk.first; i < chunk.last; ++i)
                mine.matches +=
                    mine.scanner->Scan(chunk.target, target.text(i));
              mine.target_seconds[chunk.target] += SecondsSince(chunk_start);
            }
          });
    });
  };
  // A first pass unmeasured (scratch, page faults, caches); then each
  // sample is as many passes as make kMinSampleSeconds, so a short corpus
  // is not timer and scheduler noise.
  const Clock::time_point first_start = Clock::now();
  scan_every_text();
  const double first = SecondsSince(first_start);
  ceiling.passes_per_sample = static_cast<int>(std::clamp(
      std::ceil(kMinSampleSeconds / std::max(first, 1e-6)), 1.0, 1000.0));
  std::vector<double> pass_seconds;
  for (int sample = 0; sample < std::max(1, repetitions); ++sample) {
    const Clock::time_point start = Clock::now();
    for (int pass = 0; pass < ceiling.passes_per_sample; ++pass)
      scan_every_text();
    pass_seconds.push_back(SecondsSince(start) / ceiling.passes_per_sample);
  }
  // Per target and matches: the last pass's.
  ceiling.target_thread_seconds.assign(texts.targets.size(), 0);
  ceiling.matches = 0;
  for (const ThreadState& mine : per_thread) {
    ceiling.matches += mine.matches;
    for (size_t t = 0; t < mine.target_seconds.size(); ++t)
      ceiling.target_thread_seconds[t] += mine.target_seconds[t];
  }
  ceiling.seconds = SpreadOf(std::move(pass_seconds));
  return ceiling;
}

// The scan as inboxsim runs it: Scanner::ScanDatabasesOnly.
class ChosenLayoutScanner final : public TextScanner {
 public:
  explicit ChosenLayoutScanner(const scan::Scanner& scanner)
      : scanner_(scanner), scratch_(scanner.MakeScratch()) {}
  uint64_t Scan(size_t target, std::string_view text) override {
    return scanner_.ScanDatabasesOnly(target, text, *scratch_);
  }

 private:
  const scan::Scanner& scanner_;
  std::unique_ptr<scan::Scanner::Scratch> scratch_;
};

// Every pattern of a target's databases in one union database, scanned
// over every text of the target.
class UnionScanner final : public TextScanner {
 public:
  UnionScanner(const std::vector<scan::detail::HsDatabasePtr>& databases,
               const hs_scratch_t* prototype)
      : databases_(databases) {
    hs_scratch_t* scratch = nullptr;
    if (prototype != nullptr &&
        hs_clone_scratch(prototype, &scratch) == HS_SUCCESS)
      scratch_.reset(scratch);
  }
  uint64_t Scan(size_t target, std::string_view text) override {
    uint64_t matches = 0;
    const hs_database_t* db = databases_[target].get();
    if (db == nullptr || !scratch_) return 0;
    hs_scan(db, text.data(), static_cast<unsigned int>(text.size()), 0,
            scratch_.get(), scan::detail::CountEveryMatch, &matches);
    return matches;
  }

 private:
  const std::vector<scan::detail::HsDatabasePtr>& databases_;
  scan::detail::HsScratchPtr scratch_;
};

}  // namespace

Ceiling MeasureCeiling(const CapturedTexts& texts, const scan::Scanner& scanner,
                       int threads, int repetitions) {
  return MeasurePasses(texts, threads, repetitions, [&scanner] {
    return std::make_unique<ChosenLayoutScanner>(scanner);
  });
}

Result<Ceiling> MeasureUnionCeiling(const CapturedTexts& texts,
                                    const scan::Scanner& scanner, int threads,
                                    int repetitions, double* compile_seconds) {
  const Clock::time_point compile_start = Clock::now();
  std::vector<scan::detail::HsDatabasePtr> databases(texts.targets.size());
  scan::detail::HsScratchPtr prototype;
  for (size_t t = 0; t < texts.targets.size(); ++t) {
    std::vector<scan::DatabasePattern> patterns =
        scanner.target_set(t).DatabasePatterns();
    // The union holds the rules themselves: a tuned plan's prefilters
    // stand in front of rules that are listed too.
    std::erase_if(patterns,
                  [](const scan::DatabasePattern& p) { return p.prefilter; });
    if (patterns.empty()) continue;
    std::vector<const char*> expressions;
    std::vector<unsigned> flags, ids;
    for (size_t k = 0; k < patterns.size(); ++k) {
      expressions.push_back(patterns[k].expression.c_str());
      flags.push_back(patterns[k].hs_flags);
      ids.push_back(static_cast<unsigned>(k));
    }
    hs_database_t* db = nullptr;
    hs_compile_error_t* error = nullptr;
    if (hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                         static_cast<unsigned>(patterns.size()), HS_MODE_BLOCK,
                         nullptr, &db, &error) != HS_SUCCESS) {
      Error failed{
          ErrorCode::kInternal,
          "target " + scanner.reports()[t].target.ToString(),
          std::string("union database: ") +
              (error != nullptr ? error->message : "hs_compile_multi failed")};
      hs_free_compile_error(error);
      return failed;
    }
    databases[t].reset(db);
    hs_scratch_t* scratch = prototype.release();
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) {
      return Error{ErrorCode::kInternal, "", "union database: no scratch"};
    }
    prototype.reset(scratch);
  }
  *compile_seconds = SecondsSince(compile_start);
  return MeasurePasses(texts, threads, repetitions, [&] {
    return std::make_unique<UnionScanner>(databases, prototype.get());
  });
}

}  // namespace inboxsim::bench
