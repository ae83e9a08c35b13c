#include "sim/io/corpus_plan.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <system_error>

#include "sim/core/text.h"

namespace inboxsim::io {
namespace {

namespace fs = std::filesystem;

bool IsSpamWord(std::string_view word) {
  return word == "spam" || word == "junk";
}

bool IsHamWord(std::string_view word) {
  return word == "ham" || word == "nonspam" || word == "notspam" ||
         word == "good" || word == "nice" || word == "legit";
}

// The label implied by one path component, judged word by word.
Label LabelFromName(std::string_view name) {
  Label found = Label::kUnlabelled;
  std::string previous;
  size_t i = 0;
  while (i < name.size()) {
    while (i < name.size() && !IsAlphaAscii(name[i])) ++i;
    const size_t begin = i;
    while (i < name.size() && IsAlphaAscii(name[i])) ++i;
    std::string word = ToLowerAscii(name.substr(begin, i - begin));
    // "non-spam", "not_junk": the negation makes it ham.
    const bool negated = previous == "non" || previous == "not";
    if (IsSpamWord(word)) return negated ? Label::kHam : Label::kSpam;
    if (IsHamWord(word)) found = Label::kHam;
    previous = std::move(word);
  }
  return found;
}

bool IsHidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

// A Maildir is a folder with cur/ and new/; its tmp/ holds half-delivered
// mail that must not be read.
bool IsMaildirTmp(const fs::path& path) {
  if (path.filename() != "tmp") return false;
  std::error_code error;
  const fs::path parent = path.parent_path();
  return fs::is_directory(parent / "cur", error) &&
         fs::is_directory(parent / "new", error);
}

// What the walk cannot take as a message file, in words for the report.
std::string_view WhyNotAFile(const fs::directory_entry& entry) {
  std::error_code error;
  if (entry.is_symlink(error) && !fs::exists(entry.status(error)))
    return "a symbolic link to nothing";
  if (entry.is_fifo(error)) return "a named pipe, not a file";
  if (entry.is_socket(error)) return "a socket, not a file";
  if (entry.is_block_file(error) || entry.is_character_file(error))
    return "a device, not a file";
  return "not a regular file";
}

void WalkDirectory(const fs::path& root, bool labels_from_paths,
                   CorpusPlan* plan) {
  // Explicit stack, entries sorted: the same tree always gives the same order.
  std::vector<fs::path> pending{root};
  // Folders already walked, by their real path: a symbolic link back up the
  // tree would otherwise walk it forever.
  std::set<fs::path> walked;
  const auto unreadable = [plan](const fs::path& path, std::string why) {
    plan->unreadable.push_back(
        Error{ErrorCode::kUnreadable, path.string(), std::move(why)});
  };
  while (!pending.empty()) {
    const fs::path directory = pending.back();
    pending.pop_back();
    std::error_code error;
    const fs::path real = fs::canonical(directory, error);
    if (!error && !walked.insert(real).second) {
      unreadable(directory, "a folder already read (through " + real.string() +
                                "): not read twice");
      continue;
    }
    fs::directory_iterator it(directory, error);
    if (error) {
      unreadable(directory, "cannot list: " + error.message());
      continue;
    }
    std::vector<fs::path> files;
    std::vector<fs::path> folders;
    for (; it != fs::directory_iterator(); it.increment(error)) {
      if (error) break;
      const fs::path& path = it->path();
      if (IsHidden(path)) continue;
      std::error_code status_error;
      // is_directory and is_regular_file follow symbolic links.
      if (it->is_directory(status_error)) {
        if (!IsMaildirTmp(path)) folders.push_back(path);
      } else if (it->is_regular_file(status_error)) {
        files.push_back(path);
      } else {
        unreadable(path, std::string(WhyNotAFile(*it)));
      }
    }
    if (error) {
      unreadable(directory, "listing stopped part way: " + error.message());
    }
    std::sort(files.begin(), files.end());
    std::sort(folders.begin(), folders.end(),
              std::greater<>());  // popped in order
    for (const fs::path& file : files) {
      const Label label =
          labels_from_paths ? LabelFromPath(file.string()) : Label::kUnlabelled;
      plan->sources.push_back({file.string(), label});
    }
    for (const fs::path& folder : folders) pending.push_back(folder);
  }
}

}  // namespace

Label LabelFromPath(std::string_view path) {
  // Deepest component first: "spam/ham_lookalikes/x" is what its folder says.
  size_t end = path.size();
  while (end > 0) {
    size_t begin = path.rfind('/', end - 1);
    begin = begin == std::string_view::npos ? 0 : begin + 1;
    const Label label = LabelFromName(path.substr(begin, end - begin));
    if (label != Label::kUnlabelled) return label;
    if (begin == 0) break;
    end = begin - 1;
  }
  return Label::kUnlabelled;
}

Result<std::vector<InputSource>> ReadTrecIndex(const std::string& index_path) {
  std::ifstream in(index_path);
  if (!in)
    return Error{ErrorCode::kBadInput, index_path, "cannot open index file"};
  const fs::path base = fs::path(index_path).parent_path();
  std::vector<InputSource> sources;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    const std::string_view text = TrimAscii(line);
    if (text.empty() || text[0] == '#') continue;
    const size_t space = text.find_first_of(" \t");
    const std::string where = index_path + ":" + std::to_string(line_number);
    if (space == std::string_view::npos) {
      return Error{ErrorCode::kBadInput, where,
                   "expected 'spam|ham PATH', got '" + std::string(text) + "'"};
    }
    const std::optional<Label> label = ParseLabel(text.substr(0, space));
    if (!label) {
      return Error{ErrorCode::kBadInput, where,
                   "label must be 'spam' or 'ham', got '" +
                       std::string(text.substr(0, space)) + "'"};
    }
    const fs::path path(std::string(TrimAscii(text.substr(space))));
    sources.push_back(
        {(path.is_absolute() ? path : base / path).lexically_normal().string(),
         *label});
  }
  return sources;
}

Result<CorpusPlan> PlanCorpus(const std::vector<std::string>& inputs,
                              const PlanOptions& options) {
  CorpusPlan plan;
  for (const std::string& index : options.index_files) {
    Result<std::vector<InputSource>> listed = ReadTrecIndex(index);
    if (!listed) return listed.error();
    plan.sources.insert(plan.sources.end(), listed->begin(), listed->end());
  }
  for (const std::string& input : inputs) {
    if (input == "-") {
      plan.sources.push_back({input, Label::kUnlabelled});
      continue;
    }
    std::error_code error;
    const fs::file_status status = fs::status(input, error);
    if (error || !fs::exists(status)) {
      return Error{ErrorCode::kBadInput, input, "no such file or directory"};
    }
    if (fs::is_directory(status)) {
      WalkDirectory(input, options.labels_from_paths, &plan);
    } else {
      plan.sources.push_back({input, options.labels_from_paths
                                         ? LabelFromPath(input)
                                         : Label::kUnlabelled});
    }
  }
  for (size_t i = 0; i < plan.sources.size(); ++i)
    plan.sources[i].index = static_cast<uint32_t>(i);
  return plan;
}

}  // namespace inboxsim::io
