#include "sim/bench/tuning_sample.h"

#include <algorithm>

namespace inboxsim::bench {

scan::TuningSamples SampleForTuning(const CapturedTexts& texts,
                                    const scan::Scanner& scanner,
                                    uint64_t max_bytes_per_target) {
  scan::TuningSamples samples;
  for (size_t t = 0; t < texts.targets.size(); ++t) {
    const TargetTexts& target = texts.targets[t];
    const uint64_t bytes = target.bytes.size();
    if (bytes == 0 || max_bytes_per_target == 0) continue;
    const size_t step = static_cast<size_t>(std::max<uint64_t>(
        1, (bytes + max_bytes_per_target - 1) / max_bytes_per_target));
    std::vector<std::string_view>& sample =
        samples[scanner.reports()[t].target];
    for (size_t i = 0; i < target.ends.size(); i += step)
      sample.push_back(target.text(i));
  }
  return samples;
}

}  // namespace inboxsim::bench
