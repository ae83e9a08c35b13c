#include "sim/scan/prefilter_plan.h"

#include <hs/hs.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <optional>
#include <unordered_set>

#include "sim/core/clock.h"
#include "sim/scan/hyperscan_database.h"
#include "sim/scan/pattern_cache.h"
#include "sim/scan/regex_tree.h"

namespace inboxsim::scan::detail {
namespace {

constexpr std::string_view kPlanMagic = "inboxsim prefilter plan 1\n";
// Windows written out longer than this compile slowly and scan no faster.
constexpr size_t kMaxWindowExpression = 20000;
// Each measurement is the fastest of this many passes: the machine's noise
// only ever adds time.
constexpr int kPasses = 3;

// The sample's texts, and the same with separators deleted.
struct Sample {
  std::span<const std::string_view> texts;
  std::vector<std::string> deleted;
  size_t bytes = 0;
};

// What one database does over a sample: the fastest pass, and the bytes of
// the (original) texts it matched.
struct Measurement {
  double seconds = 0;
  size_t passed_bytes = 0;
  size_t passed_texts = 0;
};

class Measurer {
 public:
  explicit Measurer(const Sample& sample) : sample_(sample) {}

  // nullopt when Hyperscan cannot compile `expression` alone.
  std::optional<Measurement> Measure(const std::string& expression,
                                     unsigned flags, bool deleted_texts) {
    std::string error;
    HsDatabasePtr db = CompileAlone(expression, flags, &error);
    if (!db) return std::nullopt;
    hs_scratch_t* raw = scratch_.release();
    if (hs_alloc_scratch(db.get(), &raw) != HS_SUCCESS) return std::nullopt;
    scratch_.reset(raw);
    Measurement best;
    for (int pass = 0; pass < kPasses; ++pass) {
      size_t passed = 0, passed_texts = 0;
      const auto start = std::chrono::steady_clock::now();
      for (size_t i = 0; i < sample_.texts.size(); ++i) {
        const std::string_view text = deleted_texts
                                          ? std::string_view(sample_.deleted[i])
                                          : sample_.texts[i];
        // Scanning on after a match, as inside a database: with
        // SINGLEMATCH the pattern reports once and its automaton stops.
        uint64_t matches = 0;
        hs_scan(db.get(), text.data(), static_cast<unsigned int>(text.size()),
                0, scratch_.get(), CountEveryMatch, &matches);
        if (matches > 0) {
          passed += sample_.texts[i].size();
          ++passed_texts;
        }
      }
      const double seconds = SecondsSince(start);
      if (pass == 0 || seconds < best.seconds) best.seconds = seconds;
      best.passed_bytes = passed;
      best.passed_texts = passed_texts;
    }
    return best;
  }

 private:
  const Sample& sample_;
  HsScratchPtr scratch_;
};

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::nth_element(values.begin(), values.begin() + values.size() / 2,
                   values.end());
  return values[values.size() / 2];
}

unsigned PrefilterFlags(bool multiline) {
  return HS_FLAG_SINGLEMATCH | HS_FLAG_ALLOWEMPTY |
         (multiline ? HS_FLAG_MULTILINE : 0u);
}

// Drops the separators-deleted prefilters when together they save less
// than `shared_cost`, what deleting and scanning the copy costs them all.
void DropUnpaidDeletion(double shared_cost,
                        std::vector<PlannedPrefilter>* plan) {
  double saved = 0;
  for (const PlannedPrefilter& p : *plan) {
    if (p.text == PrefilterText::kSeparatorsDeleted)
      saved += p.pattern_seconds - p.expected_seconds;
  }
  if (saved >= shared_cost) return;
  std::erase_if(*plan, [](const PlannedPrefilter& p) {
    return p.text == PrefilterText::kSeparatorsDeleted;
  });
}

}  // namespace

std::string_view PrefilterTextName(PrefilterText text) {
  return text == PrefilterText::kSeparatorsDeleted ? "separators-deleted"
                                                   : "as-written";
}

std::vector<PlannedPrefilter> ChoosePrefilters(
    const std::vector<PlanCandidate>& candidates,
    std::span<const std::string_view> texts, const PlanOptions& options) {
  std::vector<PlannedPrefilter> plan;
  if (candidates.empty() || texts.empty()) return plan;
  Sample sample;
  sample.texts = texts;
  sample.deleted.resize(texts.size());
  const ByteSet keep = AlnumBytes();
  for (size_t i = 0; i < texts.size(); ++i) {
    DeleteBytesOutside(texts[i], keep, &sample.deleted[i]);
    sample.bytes += texts[i].size();
  }
  if (sample.bytes == 0) return plan;
  // What the separators-deleted prefilters cost together before any of
  // them matches: deleting, and one more scan call per text (below).
  double deletion_seconds = 0;
  for (int pass = 0; pass < kPasses; ++pass) {
    std::string deleted;
    const auto start = std::chrono::steady_clock::now();
    for (std::string_view text : texts)
      DeleteBytesOutside(text, keep, &deleted);
    const double seconds = SecondsSince(start);
    if (pass == 0 || seconds < deletion_seconds) deletion_seconds = seconds;
  }
  Measurer measurer(sample);

  // A scan call's fixed cost over the sample, which a union pays once:
  // taken off every pattern's cost alone.
  const std::optional<Measurement> empty =
      measurer.Measure("\\x01\\x02\\x03\\x04zqzq", HS_FLAG_SINGLEMATCH, false);
  const double base = empty ? empty->seconds : 0;
  const auto net = [base](double seconds) {
    return std::max(0.0, seconds - base);
  };
  // A prefilter's cost: its own scan, plus for each text it passes a scan
  // call and the pattern over that text.
  const auto expected = [&](const Measurement& m, double pattern_cost) {
    const double texts_passed =
        static_cast<double>(m.passed_texts) / static_cast<double>(texts.size());
    const double bytes_passed =
        static_cast<double>(m.passed_bytes) / static_cast<double>(sample.bytes);
    return net(m.seconds) + texts_passed * base + bytes_passed * pattern_cost;
  };

  std::vector<std::optional<double>> cost(candidates.size());
  std::vector<double> costs;
  for (size_t k = 0; k < candidates.size(); ++k) {
    const PlanCandidate& c = candidates[k];
    const HsPattern form = MakeHsPattern(c.expression, c.flags);
    if (std::optional<Measurement> m =
            measurer.Measure(form.expression, form.flags, false)) {
      cost[k] = net(m->seconds);
      costs.push_back(*cost[k]);
    }
  }
  const double costly_above = options.costly_factor * Median(costs);

  for (size_t k = 0; k < candidates.size(); ++k) {
    // One that costs less than a scan call per text cannot pay for the
    // calls a prefilter adds.
    if (!cost[k] || *cost[k] <= base) continue;
    const PlanCandidate& c = candidates[k];
    std::optional<RegexTree> tree = RegexTree::Parse(c.expression, c.flags);
    if (!tree) continue;
    const bool costly = *cost[k] > costly_above;
    if (!costly && tree->RequiredLiteralLength() >= 2) continue;
    const double budget = options.max_cost_ratio * *cost[k];

    const RegexTree image = tree->Project(keep).TrimEdges();
    if (image.RequiredLiteralLength() >= 2) {
      const std::string expression = image.Emit();
      if (std::optional<Measurement> m =
              measurer.Measure(expression, PrefilterFlags(false), true)) {
        const double pass = static_cast<double>(m->passed_bytes) /
                            static_cast<double>(sample.bytes);
        const double with_prefilter = expected(*m, *cost[k]);
        if (pass <= options.max_pass_fraction && with_prefilter <= budget) {
          plan.push_back({c.pattern, PrefilterText::kSeparatorsDeleted,
                          expression, false, *cost[k], with_prefilter});
          continue;
        }
      }
    }
    if (!costly) continue;

    // The window whose own cost plus the confirmations it leads to is least.
    std::optional<PlannedPrefilter> best;
    std::unordered_set<std::string> tried;
    const RegexTree bare = tree->DropWordAssertions();
    for (const RegexTree& window : bare.Windows(options.max_window)) {
      for (const RegexTree& form : {window, window.Widen()}) {
        std::string expression = form.Emit();
        if (expression.size() > kMaxWindowExpression ||
            !tried.insert(expression).second) {
          continue;
        }
        std::optional<Measurement> m = measurer.Measure(
            expression, PrefilterFlags(tree->multiline()), false);
        if (!m) continue;
        const double with_prefilter = expected(*m, *cost[k]);
        if (with_prefilter <= budget &&
            (!best || with_prefilter < best->expected_seconds)) {
          best = PlannedPrefilter{c.pattern,
                                  PrefilterText::kAsWritten,
                                  std::move(expression),
                                  tree->multiline(),
                                  *cost[k],
                                  with_prefilter};
        }
      }
    }
    if (best) plan.push_back(std::move(*best));
  }
  DropUnpaidDeletion(base + deletion_seconds, &plan);
  return plan;
}

std::string FormatPlan(std::string_view key,
                       const std::vector<PlannedPrefilter>& plan) {
  std::string out(kPlanMagic);
  out += std::to_string(key.size());
  out += '\n';
  out.append(key);
  out += '\n';
  for (const PlannedPrefilter& p : plan) {
    out += std::to_string(p.pattern);
    out += '\t';
    out += PrefilterTextName(p.text);
    out += p.multiline ? "\tm\t" : "\t-\t";
    out += p.expression;  // Emit() writes every byte of a set as \xHH
    out += '\n';
  }
  return out;
}

Result<std::vector<PlannedPrefilter>> ParsePlan(std::string_view file,
                                                std::string_view key) {
  const auto bad = [](std::string why) {
    return Error{ErrorCode::kUnreadable, "prefilter plan", std::move(why)};
  };
  if (file.substr(0, kPlanMagic.size()) != kPlanMagic)
    return bad("not a prefilter plan");
  file.remove_prefix(kPlanMagic.size());
  const size_t newline = file.find('\n');
  size_t key_size = 0;
  if (newline == std::string_view::npos ||
      std::from_chars(file.data(), file.data() + newline, key_size).ptr !=
          file.data() + newline) {
    return bad("no key length");
  }
  file.remove_prefix(newline + 1);
  if (file.size() < key_size + 1 || file[key_size] != '\n')
    return bad("truncated key");
  if (file.substr(0, key_size) != key) return bad("written for other patterns");
  file.remove_prefix(key_size + 1);

  std::vector<PlannedPrefilter> plan;
  size_t line_number = 0;
  while (!file.empty()) {
    ++line_number;
    const size_t end = file.find('\n');
    if (end == std::string_view::npos) return bad("unterminated last line");
    std::string_view line = file.substr(0, end);
    file.remove_prefix(end + 1);
    std::vector<std::string_view> fields;
    for (int k = 0; k < 3; ++k) {
      const size_t tab = line.find('\t');
      if (tab == std::string_view::npos) break;
      fields.push_back(line.substr(0, tab));
      line.remove_prefix(tab + 1);
    }
    PlannedPrefilter p;
    const bool parsed =
        fields.size() == 3 && !line.empty() &&
        std::from_chars(fields[0].data(), fields[0].data() + fields[0].size(),
                        p.pattern)
                .ptr == fields[0].data() + fields[0].size() &&
        (fields[2] == "m" || fields[2] == "-");
    if (!parsed) return bad("malformed entry " + std::to_string(line_number));
    if (fields[1] == PrefilterTextName(PrefilterText::kSeparatorsDeleted)) {
      p.text = PrefilterText::kSeparatorsDeleted;
    } else if (fields[1] != PrefilterTextName(PrefilterText::kAsWritten)) {
      return bad("unknown text in entry " + std::to_string(line_number));
    }
    p.multiline = fields[2] == "m";
    p.expression = std::string(line);
    plan.push_back(std::move(p));
  }
  return plan;
}

std::string PlanPath(const std::string& dir, std::string_view key) {
  return dir + "/plan-" + KeyHash(key) + ".txt";
}

}  // namespace inboxsim::scan::detail
