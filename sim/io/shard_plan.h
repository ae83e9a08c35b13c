// ShardPlan: one corpus cut into N shards of about equal bytes, so that N
// processes (`inboxsim run --shard K/N`, or the ranks of an MPI job) can
// each run one, and their tallies merge into exactly what a single run
// counts. Every process plans the same shards from the same inputs, so no
// process has to tell another which shard is whose.
//
//   Result<ShardPlan> shards = PlanShards(plan, 4, reader_options);
//   CorpusPlan third = ShardCorpus(plan, *shards, 2);  // shard 3 of 4
//   RunCorpus(third, run_options);
//
// The inputs are taken in plan order and the corpus is cut at every N-th of
// its bytes. A plain (not compressed) mbox that a cut falls in is cut at
// its first envelope line at or after the cut, so each piece holds whole
// messages: the very ones a whole run cuts there. Any other input (a
// compressed file, a one-message file) goes whole to the shard that holds
// most of its bytes. Standard input cannot be sharded.
#ifndef INBOXSIM_IO_SHARD_PLAN_H_
#define INBOXSIM_IO_SHARD_PLAN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/result.h"
#include "sim/io/corpus_plan.h"
#include "sim/io/input_cutter.h"

namespace inboxsim::io {

// Bytes [begin, end) of one input of the whole plan.
struct ShardPiece {
  uint32_t input = 0;  // index in the whole plan's sources
  uint64_t begin = 0;
  uint64_t end = kToInputEnd;
  uint64_t bytes = 0;  // what the piece weighs in the balance

  bool whole() const { return begin == 0 && end == kToInputEnd; }
};

struct ShardPlan {
  std::vector<std::vector<ShardPiece>> shards;  // [shard] -> its pieces
  uint64_t total_bytes = 0;
};

// Plans `shard_count` shards of `plan`; `reader` says how mboxes are cut
// (the envelope-line rule). Fails (kBadInput) for standard input or a
// shard count of 0; an input that cannot be read is planned whole, and its
// shard counts it as failed as a single run would.
Result<ShardPlan> PlanShards(const CorpusPlan& plan, uint32_t shard_count,
                             const ReaderOptions& reader);

// The inputs of shard `shard` (0-based) as a plan of their own: pieces carry
// their byte range and their input's index in `plan`. Entries `plan` could
// not read go to shard 0 alone, so they are counted once.
CorpusPlan ShardCorpus(const CorpusPlan& plan, const ShardPlan& shards,
                       uint32_t shard);

// "3/4" -> shard 2 of 4; errors name what is wrong with the text.
Result<std::pair<uint32_t, uint32_t>> ParseShardSpec(const std::string& text);

}  // namespace inboxsim::io

#endif  // INBOXSIM_IO_SHARD_PLAN_H_
