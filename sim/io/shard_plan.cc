#include "sim/io/shard_plan.h"

#include <sys/stat.h>

#include <algorithm>
#include <charconv>

#include "sim/io/byte_source.h"
#include "sim/io/mbox.h"

namespace inboxsim::io {
namespace {

uint64_t FileSize(const std::string& path) {
  struct stat status;
  if (stat(path.c_str(), &status) != 0 || !S_ISREG(status.st_mode)) return 0;
  return static_cast<uint64_t>(status.st_size);
}

// Where the corpus is cut for shard k (1..count-1): k/count of its bytes.
uint64_t CutAt(uint64_t total, uint32_t k, uint32_t count) {
  return static_cast<uint64_t>(static_cast<unsigned __int128>(total) * k /
                               count);
}

// The shard whose share of the corpus holds byte `at`.
uint32_t ShardHolding(uint64_t at, uint64_t total, uint32_t count) {
  if (total == 0) return 0;
  auto shard =
      static_cast<uint32_t>(static_cast<unsigned __int128>(at) * count / total);
  // Integer division can put `at` one shard early or late at a cut.
  while (shard + 1 < count && CutAt(total, shard + 1, count) <= at) ++shard;
  while (shard > 0 && CutAt(total, shard, count) > at) --shard;
  return shard;
}

// An mbox read as a whole run reads it, to find where pieces may begin.
class EnvelopeFinder {
 public:
  // nullopt unless `path` is a plain mbox (only those can be cut).
  static std::optional<EnvelopeFinder> Open(const std::string& path,
                                            const ReaderOptions& reader) {
    Result<std::unique_ptr<ByteSource>> source = OpenByteSource(path);
    if (!source || (*source)->compression() != Compression::kNone)
      return std::nullopt;
    Result<Window> probe = (*source)->WindowFrom(0, kMboxProbeBytes);
    if (!probe) return std::nullopt;
    const MboxLayout layout = ProbeMbox(probe->view(), reader.from_rule);
    if (!layout.is_mbox) return std::nullopt;
    return EnvelopeFinder(std::move(*source), layout);
  }

  // The first envelope line that starts at or after `at` (and after the
  // file's first message start), or nullopt when none does.
  std::optional<uint64_t> NextAtOrAfter(uint64_t at) {
    at = std::max<uint64_t>(at, layout_.start + 1);
    // From one byte before, so FindFromLine can see whether `at` begins a line.
    const uint64_t from = at - 1;
    size_t want = kMboxProbeBytes;
    for (;;) {
      Result<Window> window = source_->WindowFrom(from, want);
      if (!window) return std::nullopt;
      const std::string_view view = window->view();
      const size_t skip = static_cast<size_t>(from - window->offset);
      const size_t found = FindFromLine(view, skip + 1, layout_.rule);
      if (found != std::string_view::npos) return window->offset + found;
      if (window->reaches_end) return std::nullopt;
      want = 2 * (view.size() - skip) + 1;  // a long line or message: read on
    }
  }

 private:
  EnvelopeFinder(std::unique_ptr<ByteSource> source, MboxLayout layout)
      : source_(std::move(source)), layout_(layout) {}

  std::unique_ptr<ByteSource> source_;
  MboxLayout layout_;
};

}  // namespace

Result<ShardPlan> PlanShards(const CorpusPlan& plan, uint32_t shard_count,
                             const ReaderOptions& reader) {
  if (shard_count == 0) return BadInput("a corpus cannot be cut into 0 shards");
  std::vector<uint64_t> sizes;
  sizes.reserve(plan.sources.size());
  ShardPlan shards;
  for (const InputSource& input : plan.sources) {
    if (input.path == "-") {
      return BadInput(
          "standard input cannot be read in shards: every shard would need "
          "all of it (save it to a file)");
    }
    sizes.push_back(FileSize(input.path));
    shards.total_bytes += sizes.back();
  }
  shards.shards.resize(shard_count);
  const uint64_t total = shards.total_bytes;
  uint64_t before = 0;  // corpus bytes before the current input
  for (uint32_t i = 0; i < plan.sources.size(); ++i) {
    const uint64_t size = sizes[i];
    const uint32_t first = ShardHolding(before, total, shard_count);
    const uint32_t last =
        ShardHolding(before + (size > 0 ? size - 1 : 0), total, shard_count);
    std::optional<EnvelopeFinder> finder;
    if (first != last)
      finder = EnvelopeFinder::Open(plan.sources[i].path, reader);
    if (!finder) {
      // Whole, to the shard holding most of it: the one holding its middle.
      shards.shards[ShardHolding(before + size / 2, total, shard_count)]
          .push_back({i, 0, kToInputEnd, size});
      before += size;
      continue;
    }
    uint64_t begin = 0;
    for (uint32_t k = first + 1; k <= last; ++k) {
      const std::optional<uint64_t> cut =
          finder->NextAtOrAfter(CutAt(total, k, shard_count) - before);
      if (!cut || *cut >= size) break;
      if (*cut <= begin) continue;  // one long message spans several cuts
      shards.shards[ShardHolding(before + begin, total, shard_count)].push_back(
          {i, begin, *cut, *cut - begin});
      begin = *cut;
    }
    shards.shards[ShardHolding(before + begin, total, shard_count)].push_back(
        {i, begin, kToInputEnd, size - begin});
    before += size;
  }
  return shards;
}

CorpusPlan ShardCorpus(const CorpusPlan& plan, const ShardPlan& shards,
                       uint32_t shard) {
  CorpusPlan part;
  if (shard == 0) part.unreadable = plan.unreadable;
  if (shard >= shards.shards.size()) return part;
  for (const ShardPiece& piece : shards.shards[shard]) {
    InputSource source = plan.sources[piece.input];
    source.begin = piece.begin;
    source.end = piece.end;
    part.sources.push_back(std::move(source));
  }
  return part;
}

Result<std::pair<uint32_t, uint32_t>> ParseShardSpec(const std::string& text) {
  const size_t slash = text.find('/');
  uint32_t k = 0, n = 0;
  const auto parse = [](std::string_view digits, uint32_t* value) {
    const auto [end, error] =
        std::from_chars(digits.data(), digits.data() + digits.size(), *value);
    return error == std::errc() && end == digits.data() + digits.size() &&
           !digits.empty();
  };
  const std::string_view view = text;
  if (slash == std::string::npos || !parse(view.substr(0, slash), &k) ||
      !parse(view.substr(slash + 1), &n)) {
    return BadInput("--shard " + text + ": expected K/N, e.g. 1/4");
  }
  if (n == 0 || k == 0 || k > n) {
    return BadInput("--shard " + text +
                    ": K counts from 1 to N (the first of 4 shards is 1/4)");
  }
  return std::pair<uint32_t, uint32_t>{k - 1, n};
}

}  // namespace inboxsim::io
