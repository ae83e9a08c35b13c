// CorpusPlan: what `inboxsim run PATH...` will read, in a fixed order, with
// each input's label. Planning walks directories and reads index files; it
// reads no message.
//
//   PlanOptions options;                        // labels from folder names
//   Result<CorpusPlan> plan = PlanCorpus({"corpus/", "extra.mbox.gz", "-"},
//   options); for (const InputSource& input : plan->sources) ... input.path,
//   input.label
//
// Inputs: files (one message, or an mbox: decided later from the bytes),
// directories (recursive, following symbolic links, each folder once;
// Maildir tmp/ and hidden entries skipped; an entry that is not a file,
// such as a dangling link or a named pipe, is listed in `unreadable`), "-" for
// standard input, and TREC-style index files ("spam ../data/inmail.1").
#ifndef INBOXSIM_IO_CORPUS_PLAN_H_
#define INBOXSIM_IO_CORPUS_PLAN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/label.h"
#include "sim/core/result.h"

namespace inboxsim::io {

// InputSource::end of an input read to its end.
inline constexpr uint64_t kToInputEnd = UINT64_MAX;

struct InputSource {
  std::string path;  // "-" for standard input
  Label label = Label::kUnlabelled;
  // Its place in the whole corpus's plan: what examples of failures and
  // rule hits are ordered by, also in a plan that holds one shard of it.
  uint32_t index = 0;
  // A piece of an mbox cut into shards (ShardPlan): its bytes [begin, end),
  // `begin` an envelope line. A whole input is [0, kToInputEnd).
  uint64_t begin = 0;
  uint64_t end = kToInputEnd;

  bool piece() const { return begin != 0 || end != kToInputEnd; }
};

struct PlanOptions {
  bool labels_from_paths = true;         // ham/ spam/ folder (or file) names
  std::vector<std::string> index_files;  // TREC-style "LABEL PATH" lines
};

struct CorpusPlan {
  std::vector<InputSource> sources;
  // Entries found but not readable while walking (a folder without
  // permission): each becomes one failed message in the report.
  std::vector<Error> unreadable;
};

// Fails (kBadInput) when an input path or index file does not exist, or an
// index line is malformed: those stop a run before it starts, naming the
// path (and line).
Result<CorpusPlan> PlanCorpus(const std::vector<std::string>& inputs,
                              const PlanOptions& options);

// The label a path's names imply: the deepest folder or file name with a
// word meaning spam ("spam", "junk") or ham ("ham", "nonspam", "notspam",
// "good", "nice", "legit"), words being runs of letters ("easy_ham_2" holds
// "ham"; "spamassassin" holds neither).
Label LabelFromPath(std::string_view path);

// Reads a TREC index: each line "spam|ham PATH", PATH relative to the index
// file's folder. Blank lines and lines starting with '#' are skipped.
Result<std::vector<InputSource>> ReadTrecIndex(const std::string& index_path);

}  // namespace inboxsim::io

#endif  // INBOXSIM_IO_CORPUS_PLAN_H_
