// The configuration reader: lines, comments, if/ifplugin/else/endif
// blocks, include, and the settings about rules, collected by name in any
// order and joined to the rule definitions when every file has been read
// (Mail::SpamAssassin::Conf::Parser parse() and finish_parsing()).
#include "sim/sa/config.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "sim/sa/conditional.h"
#include "sim/sa/config_finish.h"
#include "sim/sa/plugins.h"
#include "sim/sa/rule_line.h"

namespace inboxsim::sa {

std::string_view RuleKindName(RuleKind kind) {
  switch (kind) {
    case RuleKind::kBody:
      return "body";
    case RuleKind::kRawBody:
      return "rawbody";
    case RuleKind::kHeader:
      return "header";
    case RuleKind::kUri:
      return "uri";
    case RuleKind::kFull:
      return "full";
    case RuleKind::kMeta:
      return "meta";
  }
  return "?";
}

bool Rule::has_tflag(std::string_view flag) const {
  for (const std::string& f : tflags) {
    // "maxhits=5" answers has_tflag("maxhits") too.
    if (f == flag ||
        (f.size() > flag.size() && f.compare(0, flag.size(), flag) == 0 &&
         f[flag.size()] == '=')) {
      return true;
    }
  }
  return false;
}

bool Rule::enabled(int score_set) const {
  return !has_score || scores[score_set] != 0;
}

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kReplaceTagsPlugin =
    "Mail::SpamAssassin::Plugin::ReplaceTags";

Error BadAt(const std::string& where, std::string message) {
  return Error{ErrorCode::kBadInput, where, std::move(message)};
}

std::string Trim(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin])))
    ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1])))
    --end;
  return std::string(text.substr(begin, end - begin));
}

// Parser.pm: everything from the first '#' not preceded by a backslash is
// a comment, then every `\#` becomes '#'.
std::string StripComment(std::string_view line) {
  std::string out;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && (i == 0 || line[i - 1] != '\\')) break;
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '#') {
      continue;  // the '#' itself is copied next
    }
    out += line[i];
  }
  return out;
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  std::istringstream in{std::string(text)};
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

// Conf.pm's numbers: -?\d+(\.\d+)?
std::optional<double> ParseScoreNumber(std::string_view text) {
  size_t i = text.rfind('-', 0) == 0 ? 1 : 0;
  const size_t digits = i;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
    ++i;
  if (i == digits) return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    const size_t fraction = ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
      ++i;
    if (i == fraction) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  return std::strtod(std::string(text).c_str(), nullptr);
}

// An open if/ifplugin block.
struct Block {
  bool outer_skipping;  // whether lines were skipped before it opened
  std::string where;    // of its `if` line
};

class Reader {
 public:
  explicit Reader(const ConfigOptions& options)
      : options_(options),
        plugins_(options.plugins.empty() ? detail::StockPlugins()
                                         : options.plugins),
        compat_flags_(options.compat_flags) {}

  Status ReadPath(const std::string& path) {
    std::error_code error;
    if (!fs::is_directory(path, error)) return ReadFile(path);
    // SpamAssassin reads a rules directory's *.pre, then its *.cf, each
    // set in name order (Mail::SpamAssassin::get_cf_files_in_dir).
    for (std::string_view extension : {".pre", ".cf"}) {
      std::vector<std::string> files;
      for (const auto& entry : fs::directory_iterator(path, error)) {
        if (entry.is_regular_file() && entry.path().extension() == extension) {
          files.push_back(entry.path().string());
        }
      }
      if (error) {
        return Error{ErrorCode::kUnreadable, path, error.message()};
      }
      std::sort(files.begin(), files.end());
      for (const std::string& file : files) {
        if (Status read = ReadFile(file); !read) return read;
      }
    }
    return Ok{};
  }

  Status ReadText(std::string_view text, const std::string& file_name) {
    files_.push_back(file_name);
    std::vector<Block> blocks;
    bool skipping = false;
    size_t line_number = 0;
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      ++line_number;
      const std::string where = file_name + ":" + std::to_string(line_number);
      Status done = Line(text.substr(start, end - start), where, file_name,
                         blocks, skipping);
      if (!done) return done;
      start = end + 1;
    }
    if (!blocks.empty()) {
      return BadAt(blocks.back().where, "'if' block never closed by 'endif'");
    }
    return Ok{};
  }

  Config Finish() && {
    detail::FinishInput input{std::move(definitions_), std::move(attributes_),
                              std::move(replace_rules_),
                              std::move(replace_tags_)};
    Config config = detail::FinishConfig(std::move(input));
    config.ignored_settings = std::move(ignored_);
    config.required_score = required_score_;
    config.files = std::move(files_);
    config.warnings.insert(config.warnings.begin(), warnings_.begin(),
                           warnings_.end());
    return config;
  }

 private:
  Status ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return Error{ErrorCode::kUnreadable, path,
                   std::error_code(errno, std::generic_category()).message()};
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return ReadText(bytes.str(), path);
  }

  Status Line(std::string_view raw, const std::string& where,
              const std::string& file_name, std::vector<Block>& blocks,
              bool& skipping) {
    const std::string line = Trim(StripComment(raw));
    if (line.empty()) return Ok{};
    const size_t key_end = std::min(line.find_first_of(" \t"), line.size());
    std::string key = line.substr(0, key_end);
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) {
      return c == '-' ? '_' : std::tolower(c);
    });
    const std::string value = Trim(std::string_view(line).substr(key_end));

    if (key == "if" || key == "ifplugin") {
      if (value.empty()) return BadAt(where, "'" + key + "' without condition");
      Result<bool> on = detail::EvaluateCondition(
          key == "if" ? value : "plugin(" + value + ")",
          {options_.version, &plugins_, &compat_flags_});
      if (!on) return BadAt(where, on.error().message);
      blocks.push_back({skipping, where});
      skipping = skipping || !*on;
      return Ok{};
    }
    if (key == "else" || key == "endif") {
      if (!value.empty()) return BadAt(where, "'" + key + "' takes no value");
      if (blocks.empty()) {
        return BadAt(where, "'" + key + "' without an open 'if'");
      }
      if (key == "else") {
        skipping = blocks.back().outer_skipping || !skipping;
      } else {
        skipping = blocks.back().outer_skipping;
        blocks.pop_back();
      }
      return Ok{};
    }
    if (skipping) return Ok{};
    if (key == "lang") {
      // `lang xx setting ...` applies in locale xx only; we take none.
      ++ignored_["lang"];
      return Ok{};
    }
    if (key == "include") {
      fs::path included(value);
      if (included.is_relative()) {
        included = fs::path(file_name).parent_path() / included;
      }
      return ReadFile(included.string());
    }
    if (key == "require_version") {
      // "@@VERSION@@" is left by an uninstalled tree: SpamAssassin takes
      // it as its own version.
      ++ignored_[key];
      return Ok{};
    }
    Setting(key, value, where);
    return Ok{};
  }

  void Setting(const std::string& key, const std::string& value,
               const std::string& where) {
    if (detail::DefinesRule(key)) {
      Result<detail::Definition> definition =
          detail::ParseRuleLine(key, value, where);
      if (!definition) {
        warnings_.push_back(where + ": " + definition.error().message);
        return;
      }
      const std::string name =
          std::visit([](const auto& d) { return d.name; }, *definition);
      auto [it, inserted] = index_.try_emplace(name, definitions_.size());
      if (inserted) {
        definitions_.push_back(std::move(*definition));
      } else {
        definitions_[it->second] = std::move(*definition);
      }
      return;
    }
    if (key == "score" || key == "describe" || key == "tflags" ||
        key == "priority") {
      RuleAttribute(key, value, where);
      return;
    }
    if (key == "required_score" || key == "required_hits") {
      if (auto score = ParseScoreNumber(value)) {
        required_score_ = *score;
      } else {
        warnings_.push_back(where + ": " + key + " '" + value +
                            "' is not a number");
      }
      return;
    }
    if (key == "loadplugin" || key == "tryplugin") {
      const std::vector<std::string> words = SplitWords(value);
      if (!words.empty()) {
        plugins_.insert(detail::CanonicalPluginName(words[0]));
      }
      return;
    }
    if (key == "enable_compat") {
      compat_flags_.insert(value);
      return;
    }
    if (key.rfind("replace_", 0) == 0 &&
        plugins_.count(std::string(kReplaceTagsPlugin)) != 0 &&
        ReplaceSetting(key, value)) {
      return;
    }
    ++ignored_[key];
  }

  // replace_start, replace_end, replace_tag/pre/inter/post, replace_rules;
  // false for another replace_* setting.
  bool ReplaceSetting(const std::string& key, const std::string& value) {
    if (key == "replace_start" || key == "replace_end") {
      (key == "replace_start" ? replace_tags_.start : replace_tags_.end) =
          value;
      return true;
    }
    if (key == "replace_rules") {
      for (std::string& name : SplitWords(value)) {
        replace_rules_.push_back(std::move(name));
      }
      return true;
    }
    std::map<std::string, std::string>* texts =
        key == "replace_tag"     ? &replace_tags_.tags
        : key == "replace_pre"   ? &replace_tags_.pre
        : key == "replace_inter" ? &replace_tags_.inter
        : key == "replace_post"  ? &replace_tags_.post
                                 : nullptr;
    if (texts == nullptr) return false;
    const size_t split = value.find_first_of(" \t");
    if (split != std::string::npos) {
      (*texts)[value.substr(0, split)] = Trim(value.substr(split));
    }
    return true;
  }

  // score, describe, tflags, priority: kept by rule name, as they may come
  // before or after the rule (50_scores.cf scores rules defined later).
  void RuleAttribute(const std::string& key, const std::string& value,
                     const std::string& where) {
    const size_t split = std::min(value.find_first_of(" \t"), value.size());
    const std::string name = value.substr(0, split);
    const std::string rest = Trim(std::string_view(value).substr(split));
    detail::RuleAttributes& attributes = attributes_[name];
    if (key == "describe") {
      attributes.description = rest;
    } else if (key == "tflags") {
      attributes.tflags = SplitWords(rest);
    } else if (key == "priority") {
      char* end = nullptr;
      const long priority = std::strtol(rest.c_str(), &end, 10);
      if (rest.empty() || *end != '\0') {
        warnings_.push_back(where + ": priority '" + rest +
                            "' is not an integer");
        return;
      }
      attributes.priority = static_cast<int>(priority);
    } else if (std::optional<std::string> problem =
                   SetScores(rest, attributes)) {
      warnings_.push_back(where + ": score " + name + ": " + *problem);
    }
  }

  // `score NAME a [b c d]`; values in brackets, `(1.5)`, add to the
  // scores set before (Conf.pm). Returns what is wrong, if anything.
  static std::optional<std::string> SetScores(
      const std::string& text, detail::RuleAttributes& attributes) {
    std::vector<std::string> words = SplitWords(text);
    if (words.size() != 1 && words.size() != 4) {
      return "needs 1 or 4 scores, not " + std::to_string(words.size());
    }
    bool relative = false;
    std::array<double, 4> scores{};
    for (size_t i = 0; i < words.size(); ++i) {
      std::string_view word = words[i];
      if (word.size() > 2 && word.front() == '(' && word.back() == ')') {
        word = word.substr(1, word.size() - 2);
        relative = true;
      }
      std::optional<double> score = ParseScoreNumber(word);
      if (!score) return "'" + words[i] + "' is not a number";
      scores[i] = *score;
    }
    if (words.size() == 1) scores.fill(scores[0]);
    if (relative) {
      if (!attributes.scores)
        return std::string("relative score without a score before");
      for (size_t i = 0; i < scores.size(); ++i) {
        scores[i] += (*attributes.scores)[i];
      }
    }
    attributes.scores = scores;
    return std::nullopt;
  }

  const ConfigOptions& options_;
  std::set<std::string> plugins_;
  std::set<std::string> compat_flags_;
  std::vector<detail::Definition> definitions_;  // first-definition order
  std::map<std::string, size_t> index_;          // name -> definitions_
  std::map<std::string, detail::RuleAttributes> attributes_;
  std::vector<std::string> replace_rules_;
  detail::ReplaceTagSet replace_tags_;
  std::map<std::string, uint64_t> ignored_;
  double required_score_ = 5.0;
  std::vector<std::string> files_;
  std::vector<std::string> warnings_;
};

}  // namespace

Result<Config> LoadConfig(const std::vector<std::string>& paths,
                          const ConfigOptions& options) {
  Reader reader(options);
  for (const std::string& path : paths) {
    if (Status read = reader.ReadPath(path); !read) return read.error();
  }
  return std::move(reader).Finish();
}

Result<Config> ParseConfig(std::string_view text, std::string_view file_name,
                           const ConfigOptions& options) {
  Reader reader(options);
  if (Status read = reader.ReadText(text, std::string(file_name)); !read) {
    return read.error();
  }
  return std::move(reader).Finish();
}

}  // namespace inboxsim::sa
