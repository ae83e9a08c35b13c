#include "sim/bench/pattern_costs.h"

#include <hs/hs.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>

#include "sim/core/clock.h"
#include "sim/scan/hyperscan_database.h"
#include "sim/scan/regex_tree.h"

namespace inboxsim::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Job {
  size_t target;
  scan::DatabasePattern pattern;
};

PatternCost Measure(const Job& job, const TargetTexts& texts,
                    const scan::PatternSet& set) {
  PatternCost cost;
  cost.target = job.target;
  cost.id = job.pattern.id;
  cost.projection = job.pattern.projection;
  cost.prefilter = (job.pattern.hs_flags & HS_FLAG_PREFILTER) != 0;
  cost.tuned_prefilter = job.pattern.prefilter;
  cost.behind_prefilter = job.pattern.behind_prefilter;
  const Clock::time_point compile_start = Clock::now();
  const scan::detail::HsDatabasePtr db = scan::detail::CompileAlone(
      job.pattern.expression, job.pattern.hs_flags, &cost.error);
  if (!db) {
    if (cost.error.empty()) cost.error = "hs_compile failed";
    return cost;
  }
  cost.compile_seconds = SecondsSince(compile_start);
  hs_scratch_t* raw = nullptr;
  if (hs_alloc_scratch(db.get(), &raw) != HS_SUCCESS) {
    cost.error = "hs_alloc_scratch failed";
    return cost;
  }
  const scan::detail::HsScratchPtr scratch(raw);
  uint64_t matches = 0;
  using Texts = scan::DatabasePattern::Texts;
  const Texts kind = job.pattern.texts;
  static const scan::detail::ByteSet kKeep = scan::detail::AlnumBytes();
  std::string deleted;
  const Clock::time_point scan_start = Clock::now();
  for (size_t i = 0; i < texts.ends.size(); ++i) {
    std::string_view text = texts.text(i);
    if ((kind == Texts::kAscii || kind == Texts::kOther) &&
        set.TreatsAsAscii(text) != (kind == Texts::kAscii)) {
      continue;
    }
    if (kind == Texts::kSeparatorsDeleted) {
      // Deleting is part of what this prefilter costs.
      scan::detail::DeleteBytesOutside(text, kKeep, &deleted);
      text = deleted;
    }
    ++cost.texts;
    hs_scan(db.get(), text.data(), static_cast<unsigned int>(text.size()), 0,
            scratch.get(), scan::detail::CountEveryMatch, &matches);
  }
  cost.scan_seconds = SecondsSince(scan_start);
  return cost;
}

}  // namespace

PatternCosts MeasurePatternCosts(const CapturedTexts& texts,
                                 const scan::Scanner& scanner, int threads,
                                 size_t keep) {
  std::vector<Job> jobs;
  for (size_t t = 0; t < texts.targets.size(); ++t) {
    for (scan::DatabasePattern& pattern :
         scanner.target_set(t).DatabasePatterns()) {
      jobs.push_back({t, std::move(pattern)});
    }
  }
  std::vector<PatternCost> costs(jobs.size());
  tbb::task_arena arena(std::max(1, threads));
  arena.execute([&] {
    tbb::parallel_for(size_t{0}, jobs.size(), [&](size_t j) {
      costs[j] = Measure(jobs[j], texts.targets[jobs[j].target],
                         scanner.target_set(jobs[j].target));
    });
  });
  PatternCosts result;
  result.measured = costs.size();
  for (const PatternCost& cost : costs) {
    result.scan_seconds += cost.scan_seconds;
    result.compile_seconds += cost.compile_seconds;
  }
  std::stable_sort(costs.begin(), costs.end(),
                   [](const PatternCost& a, const PatternCost& b) {
                     return a.scan_seconds > b.scan_seconds;
                   });
  if (costs.size() > keep) costs.resize(keep);
  result.costliest = std::move(costs);
  return result;
}

}  // namespace inboxsim::bench
