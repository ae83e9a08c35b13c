#include "sim/model/token_trainer.h"

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <bit>
#include <limits>
#include <vector>

namespace inboxsim::model {
namespace detail {
namespace {

// An open-addressing table of counts by feature id, one per thread: a node
// allocation per new token (std::unordered_map) would cost more than the
// tokenizing. A slot with both counts 0 is empty, so any id, 0 included, may
// be stored.
class CountTable {
 public:
  void Add(FeatureId id, bool spam) {
    // Grown at 3/4 full: linear probing slows sharply past that.
    if (4 * (size_ + 1) > 3 * slots_.size()) Grow();
    FeatureCounts& slot = FindSlot(id);
    if (slot.spam == 0 && slot.ham == 0) {
      slot.id = id;
      ++size_;
    }
    uint32_t& count = spam ? slot.spam : slot.ham;
    if (count < std::numeric_limits<uint32_t>::max()) ++count;
  }

  // Appends every stored feature to `out`, in no particular order.
  void AppendTo(std::vector<FeatureCounts>* out) const {
    for (const FeatureCounts& slot : slots_) {
      if (slot.spam != 0 || slot.ham != 0) out->push_back(slot);
    }
  }

  size_t size() const { return size_; }

 private:
  static constexpr size_t kInitialSlots = 1 << 14;

  FeatureCounts& FindSlot(FeatureId id) {
    // Fibonacci hashing: the top bits of the product mix every bit of the id.
    size_t index = (id * 0x9E3779B97F4A7C15ull) >> shift_;
    const size_t mask = slots_.size() - 1;
    while (true) {
      FeatureCounts& slot = slots_[index];
      if ((slot.spam == 0 && slot.ham == 0) || slot.id == id) return slot;
      index = (index + 1) & mask;
    }
  }

  void Grow() {
    std::vector<FeatureCounts> old = std::move(slots_);
    const size_t capacity = old.empty() ? kInitialSlots : 2 * old.size();
    slots_.assign(capacity, FeatureCounts{});
    shift_ = 64 - std::countr_zero(capacity);
    for (const FeatureCounts& slot : old) {
      if (slot.spam != 0 || slot.ham != 0) FindSlot(slot.id) = slot;
    }
  }

  std::vector<FeatureCounts> slots_;
  size_t size_ = 0;
  int shift_ = 64;
};

struct Shard {
  CountTable counts;
  uint64_t by_label[kLabelCount] = {};
  std::vector<FeatureId> ids;  // reused by Add()
};

}  // namespace

struct TrainerShards {
  tbb::enumerable_thread_specific<Shard> shards;
};

}  // namespace detail

TokenTrainer::TokenTrainer()
    : shards_(std::make_unique<detail::TrainerShards>()) {}
TokenTrainer::~TokenTrainer() = default;

void TokenTrainer::Add(const mime::Message& message, Label label) {
  detail::Shard& shard = shards_->shards.local();
  if (label == Label::kUnlabelled) {
    ++shard.by_label[static_cast<int>(label)];
    return;  // not worth tokenizing
  }
  FeatureIds(message, &shard.ids);
  AddFeatures(shard.ids, label);
}

void TokenTrainer::AddFeatures(std::span<const FeatureId> ids, Label label) {
  detail::Shard& shard = shards_->shards.local();
  ++shard.by_label[static_cast<int>(label)];
  if (label == Label::kUnlabelled) return;
  const bool spam = label == Label::kSpam;
  for (FeatureId id : ids) shard.counts.Add(id, spam);
}

Result<TokenModel> TokenTrainer::Finish(const TrainOptions& options,
                                        TrainStats* stats) const {
  TrainStats local;
  if (stats == nullptr) stats = &local;
  *stats = TrainStats{};
  std::vector<FeatureCounts> all;
  for (const detail::Shard& shard : shards_->shards) {
    stats->spam_messages += shard.by_label[static_cast<int>(Label::kSpam)];
    stats->ham_messages += shard.by_label[static_cast<int>(Label::kHam)];
    stats->unlabelled_messages +=
        shard.by_label[static_cast<int>(Label::kUnlabelled)];
    all.reserve(all.size() + shard.counts.size());
    shard.counts.AppendTo(&all);
  }
  // Sorting by id and summing runs of equal ids gives the same table
  // whichever thread counted what.
  std::sort(all.begin(), all.end(),
            [](const FeatureCounts& a, const FeatureCounts& b) {
              return a.id < b.id;
            });
  std::vector<FeatureCounts> kept;
  for (size_t i = 0; i < all.size();) {
    FeatureCounts sum = all[i];
    uint64_t spam = 0;
    uint64_t ham = 0;
    for (; i < all.size() && all[i].id == sum.id; ++i) {
      spam += all[i].spam;
      ham += all[i].ham;
    }
    constexpr uint64_t kMaxCount = std::numeric_limits<uint32_t>::max();
    sum.spam = static_cast<uint32_t>(std::min(spam, kMaxCount));
    sum.ham = static_cast<uint32_t>(std::min(ham, kMaxCount));
    ++stats->features_seen;
    if (spam + ham >= options.min_count) kept.push_back(sum);
  }
  stats->features_kept = kept.size();
  if (stats->spam_messages == 0 || stats->ham_messages == 0) {
    return Error{ErrorCode::kBadInput, "training corpus",
                 "holds no " +
                     std::string(stats->spam_messages == 0 ? "spam" : "ham") +
                     " (" + std::to_string(stats->spam_messages) + " spam, " +
                     std::to_string(stats->ham_messages) + " ham, " +
                     std::to_string(stats->unlabelled_messages) +
                     " unlabelled messages): a model needs both; label "
                     "messages by folder (spam/, ham/), --index or the label "
                     "header"};
  }
  return TokenModel(stats->spam_messages, stats->ham_messages, std::move(kept));
}

}  // namespace inboxsim::model
