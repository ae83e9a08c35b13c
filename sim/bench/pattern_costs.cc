#include "sim/bench/pattern_costs.h"

#include <hs/hs.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>

#include "sim/core/seconds_since.h"

namespace inboxsim::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Job {
  size_t target;
  scan::DatabasePattern pattern;
};

int CountNothing(unsigned int, unsigned long long, unsigned long long,
                 unsigned int, void*) {
  return 0;
}

PatternCost Measure(const Job& job, const TargetTexts& texts,
                    const scan::PatternSet& set) {
  PatternCost cost;
  cost.target = job.target;
  cost.id = job.pattern.id;
  cost.projection = job.pattern.projection;
  cost.prefilter = (job.pattern.hs_flags & HS_FLAG_PREFILTER) != 0;
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  const Clock::time_point compile_start = Clock::now();
  if (hs_compile(job.pattern.expression.c_str(), job.pattern.hs_flags,
                 HS_MODE_BLOCK, nullptr, &db, &error) != HS_SUCCESS) {
    cost.error = error != nullptr ? error->message : "hs_compile failed";
    hs_free_compile_error(error);
    return cost;
  }
  cost.compile_seconds = SecondsSince(compile_start);
  hs_scratch_t* scratch = nullptr;
  if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) {
    cost.error = "hs_alloc_scratch failed";
    hs_free_database(db);
    return cost;
  }
  const std::string_view all(texts.bytes);
  const Clock::time_point scan_start = Clock::now();
  size_t begin = 0;
  for (size_t end : texts.ends) {
    const std::string_view text = all.substr(begin, end - begin);
    begin = end;
    if (job.pattern.texts != scan::DatabasePattern::Texts::kEvery &&
        set.TreatsAsAscii(text) !=
            (job.pattern.texts == scan::DatabasePattern::Texts::kAscii)) {
      continue;
    }
    ++cost.texts;
    hs_scan(db, text.data(), static_cast<unsigned int>(text.size()), 0, scratch,
            CountNothing, nullptr);
  }
  cost.scan_seconds = SecondsSince(scan_start);
  hs_free_scratch(scratch);
  hs_free_database(db);
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
