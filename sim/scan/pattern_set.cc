#include "sim/scan/pattern_set.h"

#include <tbb/parallel_for_each.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <chrono>
#include <limits>
#include <span>
#include <unordered_map>

#include "sim/core/clock.h"
#include "sim/core/text.h"
#include "sim/mime/charset.h"
#include "sim/scan/ascii_projection.h"
#include "sim/scan/baseline_patterns.h"
#include "sim/scan/hyperscan_database.h"
#include "sim/scan/pattern_cache.h"
#include "sim/scan/pattern_syntax.h"
#include "sim/scan/pcre2_pattern.h"
#include "sim/scan/prefilter_plan.h"
#include "sim/scan/regex_tree.h"

namespace inboxsim::scan {
namespace detail {

// One pattern of the set and whatever runs it under the chosen engine.
struct SetPattern {
  PatternSpec spec;
  Flags flags;
  PatternMode mode = PatternMode::kNative;
  std::string reason;  // the engines' words for a fallback or kUnsupported
  std::unique_ptr<Pcre2Pattern> pcre2;
  std::unique_ptr<Pcre2WidePattern> pcre2_wide;  // too large for pcre2
  std::unique_ptr<Re2Pattern> re2;
  std::unique_ptr<StdPattern> std_regex;
  // Hyperscan only. An entry past the callers' patterns is the ASCII
  // projection (ascii_projection.h) of pattern `projection_of` and counts
  // on ASCII texts only; the pattern it stands for then has skip_on_ascii
  // set, as has one whose projection can never match.
  static constexpr uint32_t kNoOriginal = UINT32_MAX;
  uint32_t projection_of = kNoOriginal;
  bool skip_on_ascii = false;
  bool never_on_ascii = false;  // its projection can never match
  // Hyperscan only: PCRE2 confirms it at the offsets where its start finder
  // says a match may begin (CompileStartFinders), not at every one.
  bool start_finder = false;
  // Hyperscan only: the widened form prefiltering it in its database
  // (HsPattern::widened); "" when it is there as written or as
  // HS_FLAG_PREFILTER makes it.
  std::string widened;
  // Hyperscan only, from the tuned plan (prefilter_plan.h). An entry past
  // the callers' patterns may be the prefilter of pattern `prefilter_for`,
  // scanned over the text with separators deleted or as written; the
  // pattern it stands for is then `confirmed_alone`: out of the layers, in
  // a database of its own scanned on the texts its prefilter passes.
  uint32_t prefilter_for = kNoOriginal;
  detail::PrefilterText prefilter_text = detail::PrefilterText::kAsWritten;
  bool confirmed_alone = false;
};

}  // namespace detail

struct PatternSet::Scratch::State {
  const PatternSet::Impl* owner = nullptr;
  detail::HsScratchPtr hs;
  std::unique_ptr<detail::Pcre2Scratch> pcre2;
  std::unique_ptr<detail::Pcre2WideScratch> pcre2_wide;
  std::vector<uint32_t> to_confirm;  // prefiltered pattern indices hit by hs
  // Patterns confirmed alone whose tuned prefilter passed the text.
  std::vector<uint32_t> to_confirm_alone;
  std::string separators_deleted;  // the text without them, when scanned
  // The current text read backwards, made for the first start finder that
  // needs it, and the offsets where one pattern's matches may begin.
  std::string reversed_text;
  bool reversed_text_ready = false;
  std::vector<uint32_t> starts;
  // The text of the current Match() widened for pcre2_wide patterns, made
  // on first use and then shared by all of them.
  std::vector<PCRE2_UCHAR32> wide_text;
  bool wide_text_ready = false;

  std::span<const PCRE2_UCHAR32> WideText(std::string_view text) {
    if (!wide_text_ready) {
      detail::WidenToPcre2Units(text, &wide_text);
      wide_text_ready = true;
    }
    return wide_text;
  }
};

PatternSet::Scratch::Scratch(std::unique_ptr<State> state)
    : state_(std::move(state)) {}
PatternSet::Scratch::~Scratch() = default;

class PatternSet::Impl {
 public:
  Engine engine = Engine::kHyperscan;
  uint32_t match_limit = 0;
  uint32_t depth_limit = 0;
  CompileReport report;
  // The callers' patterns, then the ASCII projections standing for some.
  std::vector<detail::SetPattern> patterns;
  size_t caller_patterns = 0;
  bool any_skip_on_ascii = false;  // then each text's bytes are checked once
  // The Hyperscan databases, each null when no pattern is in it. A text is
  // scanned with the one for every text and the one for its kind: the
  // ASCII projections stand in for their originals on ASCII texts (87% of
  // the SpamAssassin corpus bodies), so those originals' prefilter forms,
  // some of the costliest patterns, are not scanned there at all.
  enum Layer : size_t {
    kEveryText,
    kAsciiTexts,  // the projections
    kOtherTexts,  // the patterns they stand for (skip_on_ascii)
    // The tuned separators-deleted prefilters, over each text's copy
    // without its bytes outside [0-9A-Za-z].
    kSeparatorsDeletedTexts,
    kLayers,
    kAlone = kLayers,  // confirmed alone: in no layer
  };
  std::array<detail::HsDatabasePtr, kLayers> databases;
  // CompileStartFinders: indexed like `patterns`, scanned over reversed
  // texts; empty when no pattern has one.
  std::vector<detail::HsDatabasePtr> start_finders;
  // A scratch for all of them, made once at compile time; each thread's is
  // a clone (hs_clone_scratch), much cheaper than sizing one from the
  // databases again (~0.03 s for SpamAssassin's 64 targets per worker).
  detail::HsScratchPtr scratch_prototype;
  // Whether `text` counts as ASCII for the layers below.
  bool AsciiText(std::string_view text) const {
    return any_skip_on_ascii && IsAscii(text);
  }
  // The databases Match() scans a text with: the one for every text, and
  // the one for its kind (either may be null).
  std::array<const hs_database_t*, 2> DatabasesFor(bool ascii) const {
    return {databases[kEveryText].get(),
            databases[ascii ? kAsciiTexts : kOtherTexts].get()};
  }
  Layer LayerOf(const detail::SetPattern& p) const {
    if (p.projection_of != detail::SetPattern::kNoOriginal) return kAsciiTexts;
    if (p.prefilter_for != detail::SetPattern::kNoOriginal) {
      return p.prefilter_text == detail::PrefilterText::kSeparatorsDeleted
                 ? kSeparatorsDeletedTexts
                 : kEveryText;
    }
    if (p.confirmed_alone) return kAlone;
    return p.skip_on_ascii ? kOtherTexts : kEveryText;
  }
  // The patterns the plan confirms alone, in plan order, and their databases,
  // indexed like `patterns` (null for the others, and for one Hyperscan
  // could not compile alone, which then stays in its layer); empty when
  // the plan has none.
  std::vector<uint32_t> planned_alone;
  std::vector<detail::HsDatabasePtr> alone;
  // Confirmed alone on every text: their prefilter did not compile.
  std::vector<uint32_t> alone_every_text;
  // Pattern indices run one at a time on every text: PCRE2-only fallbacks
  // under Hyperscan, every runnable pattern under the other engines.
  std::vector<uint32_t> every_text;
  std::unordered_map<uint32_t, uint32_t> first_index_by_id;
  uint32_t id_limit = 0;  // largest id + 1
  bool any_utf = false;   // then each text's UTF-8 is checked once
  bool needs_pcre2 = false;
  bool needs_pcre2_wide = false;

  // Appends the ASCII projections of the patterns Hyperscan refuses as
  // written.
  void AddAsciiProjections();
  // The patterns a tuned plan may put behind a prefilter: the callers',
  // run natively on every text as written, without u or x.
  std::vector<detail::PlanCandidate> PlanCandidates() const;
  // The plan to use: measured on options.tuning_texts and kept in the
  // cache directory `dir` for `key`, else the one kept there, else none.
  std::vector<detail::PlannedPrefilter> FindPlan(const CompileOptions& options,
                                                 const std::string& dir,
                                                 const std::string& key);
  // Appends each planned prefilter that stands for an eligible pattern and
  // marks that pattern confirmed alone.
  void ApplyPlan(const std::vector<detail::PlannedPrefilter>& plan);
  // Compiles the databases of the patterns confirmed alone; a pattern
  // Hyperscan cannot compile alone goes back to its layer, its prefilter
  // left out.
  void CompileAlonePatterns();
  // After the layers: a pattern whose prefilter Hyperscan does not run
  // natively is confirmed alone on every text instead.
  void SettlePrefilters();
  // `text` without its bytes outside [0-9A-Za-z], in `state`'s buffer.
  static std::string_view SeparatorsDeleted(std::string_view text,
                                            Scratch::State& state) {
    static const detail::ByteSet kKeep = detail::AlnumBytes();
    detail::DeleteBytesOutside(text, kKeep, &state.separators_deleted);
    return state.separators_deleted;
  }
  // Sets the hit of pattern `index`, confirmed alone, when it matches.
  void ConfirmAlone(uint32_t index, std::string_view text, hs_scratch_t* hs,
                    HitSet* hits, ScanCounters* counters) const;
  // After Hyperscan's decisions on the projections: a pattern whose
  // projection Hyperscan cannot run after all runs on ASCII texts too.
  void KeepOriginalsOfFailedProjections();
  // Reports the projections' outcome in their originals' reasons; a failed
  // projection is left out.
  void SettleAsciiProjections();
  // Compiles the patterns of `layer` (the others left out) into
  // databases[layer], setting each one's mode and reason in `*hs_patterns`.
  Status CompileLayer(Layer layer, std::vector<detail::HsPattern>* hs_patterns);
  Status CompileHyperscan(const CompileOptions& options);
  void CompileBaseline();
  // Compiles `p` with PCRE2, 8-bit or, when too large for it, 32-bit; false
  // with `*error` set (PCRE2's words, both libraries' when the 8-bit one
  // refused it for its size) when neither can. On success
  // with the 32-bit library `*error` holds the 8-bit library's reason.
  bool CompilePcre2(detail::SetPattern& p, std::string* error);
  // Runs pattern `index` with PCRE2 and sets its bit on a match.
  void RunPcre2(uint32_t index, std::string_view text, Scratch::State& state,
                HitSet* hits, ScanCounters* counters) const;
  // PCRE2 (8- or 32-bit) on `text`, unanchored.
  static detail::Pcre2Outcome MatchEverywhere(const detail::SetPattern& p,
                                              std::string_view text,
                                              Scratch::State& state) {
    return p.pcre2
               ? p.pcre2->Match(detail::AsPcre2Units(text), *state.pcre2)
               : p.pcre2_wide->Match(state.WideText(text), *state.pcre2_wide);
  }
  // PCRE2 anchored at each offset where the start finder of pattern
  // `index` says a match may begin: the same answer as an unanchored match,
  // since every match begins at one of them.
  detail::Pcre2Outcome MatchAtStarts(uint32_t index, std::string_view text,
                                     Scratch::State& state) const;
  // Fills state.starts, in order, from pattern `index`'s start finder;
  // false when Hyperscan fails to scan (then they are not all there).
  bool FindStarts(uint32_t index, std::string_view text,
                  Scratch::State& state) const;
  void CountLimit(uint32_t id, ScanCounters* counters) const {
    if (counters->match_limit_hits.size() < id_limit) {
      counters->match_limit_hits.resize(id_limit, 0);
    }
    ++counters->match_limit_hits[id];
  }
};

namespace {

// RE2's program budget for a pattern too large for PCRE2.
constexpr int64_t kLargePatternMemory = int64_t{1} << 30;

// What hs_scan's callback needs; lives on Match()'s stack.
struct HsMatchContext {
  const std::vector<detail::SetPattern>* patterns;
  HitSet* hits;
  std::vector<uint32_t>* to_confirm;
  std::vector<uint32_t>* to_confirm_alone;
  bool utf_ok;
};

// PCRE2's complaint about `expression`, nullopt when the 8-bit library or,
// for a pattern too large for it, the 32-bit one compiles it (as
// Impl::CompilePcre2 will).
std::optional<std::string> Pcre2SyntaxError(std::string_view expression,
                                            const detail::Flags& flags) {
  bool too_large = false;
  std::optional<std::string> error =
      detail::Pcre2Pattern::SyntaxError(expression, flags, &too_large);
  if (!error || !too_large) return error;
  std::optional<std::string> wide_error =
      detail::Pcre2WidePattern::SyntaxError(expression, flags);
  if (!wide_error) return std::nullopt;
  return *error + "; " + *wide_error;
}

int OnHsMatch(unsigned int index, unsigned long long /*from*/,
              unsigned long long /*to*/, unsigned int /*flags*/,
              void* context) {
  auto* c = static_cast<HsMatchContext*>(context);
  const detail::SetPattern& p = (*c->patterns)[index];
  if (p.prefilter_for != detail::SetPattern::kNoOriginal) {
    c->to_confirm_alone->push_back(p.prefilter_for);
    return 0;
  }
  // Hyperscan's results on invalid UTF-8 are undefined: drop them, as
  // PCRE2 would refuse the text.
  if (p.flags.utf && !c->utf_ok) return 0;
  if (p.mode == PatternMode::kNative) {
    c->hits->Set(p.spec.id);
  } else if (p.mode == PatternMode::kPrefiltered) {
    c->to_confirm->push_back(index);  // PCRE2 runs after the scan
  }
  return 0;  // HS_FLAG_SINGLEMATCH already stops repeats of this pattern
}

int StopAtFirst(unsigned int /*index*/, unsigned long long /*from*/,
                unsigned long long /*to*/, unsigned int /*flags*/,
                void* context) {
  *static_cast<bool*>(context) = true;
  return 1;  // one match decides
}

// What ScanDatabasesOnly's callback needs: every match counted, and the
// patterns whose prefilter passed collected for confirmation.
struct CountingContext {
  const std::vector<detail::SetPattern>* patterns;
  std::vector<uint32_t>* to_confirm_alone;
  uint64_t matches = 0;
};

int CountAndCollect(unsigned int index, unsigned long long /*from*/,
                    unsigned long long /*to*/, unsigned int /*flags*/,
                    void* context) {
  auto* c = static_cast<CountingContext*>(context);
  ++c->matches;
  const uint32_t original = (*c->patterns)[index].prefilter_for;
  if (original != detail::SetPattern::kNoOriginal)
    c->to_confirm_alone->push_back(original);
  return 0;
}

// What the start finders' callback needs.
struct StartContext {
  std::vector<uint32_t>* starts;
  size_t text_size;
};

int OnStart(unsigned int /*index*/, unsigned long long /*from*/,
            unsigned long long to, unsigned int /*flags*/, void* context) {
  auto* c = static_cast<StartContext*>(context);
  // A match of the reversed pattern ending at `to` in the reversed text is
  // one of the pattern beginning at text_size - to.
  c->starts->push_back(static_cast<uint32_t>(c->text_size - to));
  return 0;
}

}  // namespace

void PatternSet::Impl::AddAsciiProjections() {
  for (uint32_t k = 0; k < caller_patterns; ++k) {
    const detail::SetPattern& p = patterns[k];
    if (p.mode == PatternMode::kUnsupported) continue;
    // Projecting first: it reads no further than the pattern's text and
    // yields nothing for the many patterns with no byte >= 0x80, which
    // then need no Hyperscan parse on every load.
    std::optional<detail::Projection> projection =
        detail::AsciiProjection(p.spec.expression, p.flags);
    if (!projection || !detail::HyperscanRejects(
                           detail::MakeHsPattern(p.spec.expression, p.flags))) {
      continue;
    }
    if (projection->never) {
      patterns[k].skip_on_ascii = patterns[k].never_on_ascii = true;
      continue;
    }
    // One Hyperscan refuses as written (lookaround kept) is prefiltered,
    // and still spares ASCII texts the original's costlier prefilter. PCRE2
    // must then confirm it: one PCRE2 refuses would leave its original out
    // of the ASCII texts' scan with nothing standing in for it.
    if (Pcre2SyntaxError(projection->expression, p.flags)) continue;
    detail::SetPattern entry;
    entry.spec = {std::move(projection->expression), p.spec.flags, p.spec.id};
    entry.flags = p.flags;
    entry.projection_of = k;
    patterns[k].skip_on_ascii = true;
    patterns.push_back(std::move(entry));
  }
}

void PatternSet::Impl::KeepOriginalsOfFailedProjections() {
  for (size_t k = caller_patterns; k < patterns.size(); ++k) {
    const detail::SetPattern& projection = patterns[k];
    if (projection.projection_of == detail::SetPattern::kNoOriginal) continue;
    if (projection.mode != PatternMode::kNative &&
        projection.mode != PatternMode::kPrefiltered) {
      patterns[projection.projection_of].skip_on_ascii = false;
    }
  }
}

std::vector<detail::PlanCandidate> PatternSet::Impl::PlanCandidates() const {
  std::vector<detail::PlanCandidate> candidates;
  for (uint32_t k = 0; k < caller_patterns; ++k) {
    const detail::SetPattern& p = patterns[k];
    if (p.mode != PatternMode::kNative || p.skip_on_ascii || p.flags.utf ||
        p.flags.extended) {
      continue;
    }
    candidates.push_back({k, p.spec.expression, p.flags});
  }
  return candidates;
}

std::vector<detail::PlannedPrefilter> PatternSet::Impl::FindPlan(
    const CompileOptions& options, const std::string& dir,
    const std::string& key) {
  if (!options.tuning_texts.empty()) {
    const auto start = std::chrono::steady_clock::now();
    std::vector<detail::PlannedPrefilter> plan =
        detail::ChoosePrefilters(PlanCandidates(), options.tuning_texts);
    report.tuning_seconds = SecondsSince(start);
    if (!dir.empty()) {
      report.plan_path = detail::PlanPath(dir, key);
      Status written = detail::WriteFileAtomically(
          report.plan_path, detail::FormatPlan(key, plan));
      if (!written)
        report.plan_note = "not written: " + written.error().message;
    }
    return plan;
  }
  if (dir.empty()) return {};
  const std::string path = detail::PlanPath(dir, key);
  std::optional<std::string> file = detail::ReadWholeFile(path);
  if (!file) return {};  // never tuned: the usual case, nothing to say
  Result<std::vector<detail::PlannedPrefilter>> plan =
      detail::ParsePlan(*file, key);
  if (!plan) {
    report.plan_note = path + ": " + plan.error().message;
    return {};
  }
  report.plan_path = path;
  return std::move(*plan);
}

void PatternSet::Impl::ApplyPlan(
    const std::vector<detail::PlannedPrefilter>& plan) {
  // A kept plan was written for these very patterns (its key says so), but
  // it is a file: each entry is checked before it can take a pattern out
  // of the layers.
  std::vector<bool> eligible(caller_patterns, false);
  for (const detail::PlanCandidate& c : PlanCandidates())
    eligible[c.pattern] = true;
  for (const detail::PlannedPrefilter& planned : plan) {
    if (planned.pattern >= caller_patterns || !eligible[planned.pattern] ||
        planned.expression.empty()) {
      continue;
    }
    eligible[planned.pattern] = false;  // one prefilter each
    detail::SetPattern& original = patterns[planned.pattern];
    original.confirmed_alone = true;
    planned_alone.push_back(planned.pattern);
    detail::SetPattern entry;
    entry.spec = {planned.expression, planned.multiline ? "m" : "",
                  original.spec.id};
    entry.flags.multiline = planned.multiline;
    entry.prefilter_for = planned.pattern;
    entry.prefilter_text = planned.text;
    report.prefilters.push_back(
        {original.spec.id, std::string(detail::PrefilterTextName(planned.text)),
         planned.expression, planned.pattern_seconds,
         planned.expected_seconds});
    patterns.push_back(std::move(entry));
  }
}

void PatternSet::Impl::CompileAlonePatterns() {
  alone.clear();
  if (!planned_alone.empty()) alone.resize(patterns.size());
  // Independent compiles, each on one core: in parallel.
  tbb::parallel_for_each(planned_alone, [this](uint32_t k) {
    detail::SetPattern& p = patterns[k];
    const detail::HsPattern form =
        detail::MakeHsPattern(p.spec.expression, p.flags);
    std::string error;
    alone[k] = detail::CompileAlone(form.expression, form.flags, &error);
    if (!alone[k]) p.confirmed_alone = false;
  });
  for (detail::SetPattern& p : patterns) {
    if (p.prefilter_for != detail::SetPattern::kNoOriginal &&
        !patterns[p.prefilter_for].confirmed_alone) {
      p.mode = PatternMode::kUnsupported;  // left out
    }
  }
}

void PatternSet::Impl::SettlePrefilters() {
  // ApplyPlan reported one choice per planned pattern, in the same order.
  std::vector<PrefilterChoice> kept;
  for (size_t i = 0; i < planned_alone.size(); ++i) {
    if (patterns[planned_alone[i]].confirmed_alone)
      kept.push_back(std::move(report.prefilters[i]));
  }
  report.prefilters = std::move(kept);
  for (size_t k = caller_patterns; k < patterns.size(); ++k) {
    detail::SetPattern& p = patterns[k];
    if (p.prefilter_for == detail::SetPattern::kNoOriginal) continue;
    if (p.mode == PatternMode::kUnsupported) continue;  // no longer needed
    if (p.mode != PatternMode::kNative) {
      // Hyperscan's own prefilter of it would still pass every text the
      // pattern matches, but PCRE2 would confirm the prefilter, not the
      // pattern: simpler and as exact to confirm the pattern everywhere.
      alone_every_text.push_back(p.prefilter_for);
      p.mode = PatternMode::kUnsupported;
    }
  }
}

void PatternSet::Impl::ConfirmAlone(uint32_t index, std::string_view text,
                                    hs_scratch_t* hs, HitSet* hits,
                                    ScanCounters* counters) const {
  const uint32_t id = patterns[index].spec.id;
  if (hits->test(id)) return;
  bool matched = false;
  const hs_error_t rc = hs_scan(alone[index].get(), text.data(),
                                static_cast<unsigned int>(text.size()), 0, hs,
                                StopAtFirst, &matched);
  if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED) ++counters->engine_errors;
  if (matched) hits->Set(id);
}

Status PatternSet::Impl::CompileLayer(
    Layer layer, std::vector<detail::HsPattern>* hs_patterns) {
  std::vector<detail::HsPattern> part = *hs_patterns;
  for (size_t k = 0; k < patterns.size(); ++k) {
    if (LayerOf(patterns[k]) != layer)
      part[k].mode = PatternMode::kUnsupported;  // left out of this one
  }
  Result<detail::HsDatabasePtr> db = detail::CompileHyperscan(&part);
  if (!db) return db.error();
  databases[layer] = std::move(*db);
  for (size_t k = 0; k < patterns.size(); ++k) {
    if (LayerOf(patterns[k]) == layer) (*hs_patterns)[k] = std::move(part[k]);
  }
  return Ok{};
}

void PatternSet::Impl::SettleAsciiProjections() {
  for (size_t k = caller_patterns; k < patterns.size(); ++k) {
    detail::SetPattern& projection = patterns[k];
    if (projection.projection_of == detail::SetPattern::kNoOriginal) continue;
    detail::SetPattern& original = patterns[projection.projection_of];
    if (projection.mode == PatternMode::kNative ||
        projection.mode == PatternMode::kPrefiltered) {
      original.reason += "; on ASCII texts its ASCII projection runs in ";
      original.reason += projection.mode == PatternMode::kNative
                             ? "Hyperscan"
                             : "Hyperscan, prefiltered";
    } else {
      projection.mode = PatternMode::kUnsupported;  // left out, unreported
    }
  }
  for (uint32_t k = 0; k < caller_patterns; ++k) {
    any_skip_on_ascii = any_skip_on_ascii || patterns[k].skip_on_ascii;
    if (patterns[k].never_on_ascii)
      patterns[k].reason += "; cannot match ASCII texts, not run on them";
  }
}

Status PatternSet::Impl::CompileHyperscan(const CompileOptions& options) {
  AddAsciiProjections();
  // The cache key of the first `count` patterns.
  const auto key_of_first = [this](size_t count) {
    std::vector<PatternSpec> specs;
    specs.reserve(count);
    for (size_t k = 0; k < count; ++k) specs.push_back(patterns[k].spec);
    return detail::CacheKey(specs);
  };
  std::string dir;
  if (options.use_cache) {
    dir = options.cache_dir.empty() ? detail::DefaultCacheDir()
                                    : options.cache_dir;
    if (dir.empty())
      report.cache_note = "no cache directory: neither XDG_CACHE_HOME nor HOME";
  }
  if (!dir.empty() || !options.tuning_texts.empty()) {
    // The plan is keyed by the callers' patterns (the ASCII projections
    // follow from them, and a plan names callers' patterns only); the
    // databases, below, by every pattern, the plan's included.
    ApplyPlan(FindPlan(options, dir,
                       dir.empty() ? "" : key_of_first(caller_patterns)));
  }
  std::string key;
  std::string path;
  if (!dir.empty()) {
    key = key_of_first(patterns.size());
    // Which pattern each prefilter stands for, and over which text.
    for (const detail::SetPattern& p : patterns) {
      if (p.prefilter_for == detail::SetPattern::kNoOriginal) continue;
      key += std::to_string(p.prefilter_for);
      key += detail::PrefilterTextName(p.prefilter_text);
    }
    path = detail::CachePath(dir, key);
    report.cache_path = path;
  }

  if (!path.empty()) {
    Result<detail::CacheEntry> entry = detail::ReadCache(path, key);
    if (!entry) {
      report.cache_note = entry.error().message;
    } else if (entry->patterns.size() != patterns.size()) {
      report.cache_note = "pattern count differs";
    } else {
      // The layers, the start finders in pattern order, then the
      // databases of the patterns confirmed alone in pattern order.
      size_t finders = 0;
      for (const detail::CachedPattern& p : entry->patterns)
        finders += p.start_finder ? 1 : 0;
      report.cache_hit =
          entry->databases.size() == kLayers + finders + planned_alone.size();
      if (!report.cache_hit) report.cache_note = "database count differs";
      std::vector<detail::HsDatabasePtr> loaded;
      for (size_t k = 0; k < entry->databases.size() && report.cache_hit; ++k) {
        const std::string& bytes = entry->databases[k];
        Result<detail::HsDatabasePtr> db =
            bytes.empty() ? Result<detail::HsDatabasePtr>(nullptr)
                          : detail::DeserializeDatabase(bytes);
        if (!db) {
          report.cache_note = db.error().message;
          report.cache_hit = false;
        } else {
          loaded.push_back(std::move(*db));
        }
      }
      if (report.cache_hit) {
        std::move(loaded.begin(), loaded.begin() + kLayers, databases.begin());
        auto next_finder = loaded.begin() + kLayers;
        if (finders > 0) start_finders.resize(patterns.size());
        for (size_t k = 0; k < patterns.size(); ++k) {
          patterns[k].mode = entry->patterns[k].mode;
          patterns[k].reason = std::move(entry->patterns[k].reason);
          patterns[k].start_finder = entry->patterns[k].start_finder;
          patterns[k].widened = std::move(entry->patterns[k].widened);
          if (patterns[k].start_finder)
            start_finders[k] = std::move(*next_finder++);
        }
        auto next_alone = next_finder;
        if (!planned_alone.empty()) alone.resize(patterns.size());
        for (uint32_t k : planned_alone) {
          alone[k] = std::move(*next_alone++);
          // None: Hyperscan could not compile it alone (CompileAlonePatterns).
          if (!alone[k]) patterns[k].confirmed_alone = false;
        }
        KeepOriginalsOfFailedProjections();
      }
    }
  }

  if (!report.cache_hit) {
    std::vector<detail::HsPattern> hs_patterns;
    hs_patterns.reserve(patterns.size());
    for (const detail::SetPattern& p : patterns) {
      hs_patterns.push_back(detail::MakeHsPattern(p.spec.expression, p.flags));
      if (p.mode == PatternMode::kUnsupported) {
        hs_patterns.back().mode = PatternMode::kUnsupported;  // bad flags
      }
    }
    auto take_decisions = [&](Layer layer) {
      for (size_t k = 0; k < patterns.size(); ++k) {
        detail::SetPattern& p = patterns[k];
        if (p.mode == PatternMode::kUnsupported || LayerOf(p) != layer)
          continue;
        p.mode = hs_patterns[k].mode;
        p.reason = hs_patterns[k].hyperscan_error;
      }
    };
    // The projections first: where each original goes depends on whether
    // its projection runs. Likewise the patterns confirmed alone.
    if (Status s = CompileLayer(kAsciiTexts, &hs_patterns); !s) return s;
    take_decisions(kAsciiTexts);
    KeepOriginalsOfFailedProjections();
    CompileAlonePatterns();
    for (size_t k = 0; k < patterns.size(); ++k) {
      if (patterns[k].mode == PatternMode::kUnsupported)
        hs_patterns[k].mode =
            PatternMode::kUnsupported;  // a prefilter left out
    }
    for (Layer layer : {kEveryText, kOtherTexts, kSeparatorsDeletedTexts}) {
      if (Status s = CompileLayer(layer, &hs_patterns); !s) return s;
      take_decisions(layer);
    }
    start_finders = detail::CompileStartFinders(&hs_patterns);
    bool any_finder = false;
    for (size_t k = 0; k < patterns.size(); ++k) {
      if (patterns[k].mode == PatternMode::kPrefiltered)
        patterns[k].widened = std::move(hs_patterns[k].widened);
      patterns[k].start_finder = !hs_patterns[k].start_finder.empty();
      any_finder = any_finder || patterns[k].start_finder;
    }
    if (!any_finder) start_finders.clear();
  }

  // The cache keeps Hyperscan's decisions; the PCRE2 fallbacks below
  // (PCRE2-32, RE2) are decided again from them on every load.
  detail::CacheEntry entry;
  if (!path.empty() && !report.cache_hit) {
    for (const detail::SetPattern& p : patterns) {
      entry.patterns.push_back({p.mode, p.reason, p.start_finder, p.widened});
    }
  }
  for (detail::SetPattern& p : patterns) {
    if (p.start_finder) {
      p.reason +=
          "; PCRE2 tries only the offsets where its reversed form, scanned "
          "backwards, says a match may start";
    }
  }

  SettleAsciiProjections();
  SettlePrefilters();
  // PCRE2 is rebuilt even on a cache hit: it compiles in microseconds and
  // has no stable serialized form across builds.
  for (uint32_t k = 0; k < patterns.size(); ++k) {
    detail::SetPattern& p = patterns[k];
    if (p.mode != PatternMode::kPrefiltered &&
        p.mode != PatternMode::kPcre2Only) {
      continue;
    }
    std::string error;
    if (!CompilePcre2(p, &error)) {
      // Too large even for PCRE2-32, or the u flag, which it refuses: RE2,
      // with room to compile, answers the same question (does it match
      // anywhere) for any pattern without back-references or lookaround.
      // It runs on every text.
      std::string re2_error;
      p.re2 = detail::Re2Pattern::Compile(p.spec.expression, p.flags,
                                          &re2_error, kLargePatternMemory);
      if (p.re2) {
        p.mode = PatternMode::kPcre2Only;
        p.reason += "; " + error + "; run with RE2 instead";
        every_text.push_back(k);
        continue;
      }
      p.mode = PatternMode::kUnsupported;
      p.reason += "; " + error + "; " + re2_error;
      continue;
    }
    // A prefiltered pattern stays prefiltered: PCRE2-32 confirms its hits.
    if (p.pcre2_wide) p.reason += "; " + error + "; run with PCRE2-32 instead";
    if (p.mode == PatternMode::kPcre2Only) every_text.push_back(k);
  }

  if (!path.empty() && !report.cache_hit) {
    Status written = Ok{};
    // The layers, the start finders, then the databases of the patterns
    // confirmed alone, in pattern order (as read back above).
    std::vector<const detail::HsDatabasePtr*> all;
    for (const detail::HsDatabasePtr& db : databases) all.push_back(&db);
    for (size_t k = 0; k < start_finders.size(); ++k) {
      if (patterns[k].start_finder) all.push_back(&start_finders[k]);
    }
    for (uint32_t k : planned_alone) all.push_back(&alone[k]);
    for (const detail::HsDatabasePtr* db : all) {
      entry.databases.emplace_back();
      if (!*db || !written) continue;
      Result<std::string> bytes = detail::SerializeDatabase(**db);
      if (bytes) {
        entry.databases.back() = std::move(*bytes);
      } else {
        written = bytes.error();
      }
    }
    if (written) written = detail::WriteCache(path, key, entry);
    if (!written) {
      report.cache_note +=
          (report.cache_note.empty() ? "" : "; not written: ") +
          written.error().message;
    }
  }

  // One scratch big enough for every database (hs_alloc_scratch grows it).
  hs_scratch_t* raw = nullptr;
  auto grow = [&raw](const detail::HsDatabasePtr& db) {
    return !db || hs_alloc_scratch(db.get(), &raw) == HS_SUCCESS;
  };
  const bool allocated =
      std::all_of(databases.begin(), databases.end(), grow) &&
      std::all_of(start_finders.begin(), start_finders.end(), grow) &&
      std::all_of(alone.begin(), alone.end(), grow);
  scratch_prototype.reset(raw);
  if (!allocated) {
    return Error{ErrorCode::kInternal, "hs_alloc_scratch",
                 "Hyperscan could not allocate scratch space"};
  }
  return Ok{};
}

void PatternSet::Impl::CompileBaseline() {
  for (uint32_t k = 0; k < patterns.size(); ++k) {
    detail::SetPattern& p = patterns[k];
    if (p.mode == PatternMode::kUnsupported) continue;
    std::string error;
    bool ok = false;
    switch (engine) {
      case Engine::kPcre2:
        ok = CompilePcre2(p, &error);
        break;
      case Engine::kRe2:
        p.re2 = detail::Re2Pattern::Compile(p.spec.expression, p.flags, &error);
        ok = p.re2 != nullptr;
        break;
      case Engine::kStd:
        p.std_regex =
            detail::StdPattern::Compile(p.spec.expression, p.flags, &error);
        ok = p.std_regex != nullptr;
        break;
      case Engine::kHyperscan:
        assert(false && "Hyperscan has its own compile");
        break;
    }
    if (ok) {
      every_text.push_back(k);
    } else {
      p.mode = PatternMode::kUnsupported;
      p.reason = std::move(error);
    }
  }
}

bool PatternSet::Impl::CompilePcre2(detail::SetPattern& p, std::string* error) {
  bool too_large = false;
  // A start finder's pattern is run anchored, which only a pattern
  // anchored at compile time does with JIT.
  p.pcre2 = p.start_finder ? detail::Pcre2Pattern::CompileWithAnchoredTwin(
                                 p.spec.expression, p.flags, error, &too_large)
                           : detail::Pcre2Pattern::Compile(
                                 p.spec.expression, p.flags, error, &too_large);
  if (p.pcre2) {
    needs_pcre2 = true;
    return true;
  }
  if (!too_large) return false;
  // SpamAssassin's ReplaceTags rules can expand past the 8-bit library's
  // compiled-size limit. The 32-bit library is the same PCRE2 (same syntax,
  // same answers, same limits, back-references and lookaround included), so
  // it comes before RE2, the caller's last resort, which knows neither
  // back-references nor lookaround and refuses repeat counts over 1000.
  std::string wide_error;
  p.pcre2_wide = p.start_finder
                     ? detail::Pcre2WidePattern::CompileWithAnchoredTwin(
                           p.spec.expression, p.flags, &wide_error)
                     : detail::Pcre2WidePattern::Compile(p.spec.expression,
                                                         p.flags, &wide_error);
  if (p.pcre2_wide) {
    needs_pcre2_wide = true;
    return true;
  }
  *error += "; " + wide_error;
  return false;
}

void PatternSet::Impl::RunPcre2(uint32_t index, std::string_view text,
                                Scratch::State& state, HitSet* hits,
                                ScanCounters* counters) const {
  const detail::SetPattern& p = patterns[index];
  if (hits->test(p.spec.id)) return;  // another pattern of this id hit
  ++counters->pcre2_runs;
  const detail::Pcre2Outcome outcome = p.start_finder
                                           ? MatchAtStarts(index, text, state)
                                           : MatchEverywhere(p, text, state);
  switch (outcome) {
    case detail::Pcre2Outcome::kMatch:
      hits->Set(p.spec.id);
      break;
    case detail::Pcre2Outcome::kNoMatch:
      break;
    case detail::Pcre2Outcome::kLimit:
      CountLimit(p.spec.id, counters);
      break;
    case detail::Pcre2Outcome::kError:
      ++counters->engine_errors;
      break;
  }
}

bool PatternSet::Impl::FindStarts(uint32_t index, std::string_view text,
                                  Scratch::State& state) const {
  if (!state.reversed_text_ready) {
    state.reversed_text.assign(text.rbegin(), text.rend());
    state.reversed_text_ready = true;
  }
  state.starts.clear();
  StartContext context{&state.starts, text.size()};
  hs_error_t rc =
      hs_scan(start_finders[index].get(), state.reversed_text.data(),
              static_cast<unsigned int>(text.size()), 0, state.hs.get(),
              OnStart, &context);
  assert(rc != HS_INVALID && rc != HS_SCRATCH_IN_USE && "scratch misuse");
  // Reported by rising end in the reversed text: falling offsets here.
  std::sort(state.starts.begin(), state.starts.end());
  state.starts.erase(std::unique(state.starts.begin(), state.starts.end()),
                     state.starts.end());
  return rc == HS_SUCCESS;
}

detail::Pcre2Outcome PatternSet::Impl::MatchAtStarts(
    uint32_t index, std::string_view text, Scratch::State& state) const {
  const detail::SetPattern& p = patterns[index];
  if (!FindStarts(index, text, state)) {
    // Some offsets may be missing: every one is tried, as without a finder.
    return MatchEverywhere(p, text, state);
  }
  // A limit or error at one offset is reported only when no other offset
  // gives a match.
  detail::Pcre2Outcome outcome = detail::Pcre2Outcome::kNoMatch;
  for (uint32_t start : state.starts) {
    const detail::Pcre2Outcome at =
        p.pcre2 ? p.pcre2->MatchAnchoredAt(detail::AsPcre2Units(text), start,
                                           *state.pcre2)
                : p.pcre2_wide->MatchAnchoredAt(state.WideText(text), start,
                                                *state.pcre2_wide);
    if (at == detail::Pcre2Outcome::kMatch) return at;
    if (at != detail::Pcre2Outcome::kNoMatch) outcome = at;
  }
  return outcome;
}

std::string_view EngineName(Engine engine) {
  switch (engine) {
    case Engine::kHyperscan:
      return "hyperscan";
    case Engine::kPcre2:
      return "pcre2";
    case Engine::kRe2:
      return "re2";
    case Engine::kStd:
      return "std";
  }
  return "unknown";
}

std::optional<Engine> ParseEngine(std::string_view name) {
  for (Engine engine :
       {Engine::kHyperscan, Engine::kPcre2, Engine::kRe2, Engine::kStd}) {
    if (EngineName(engine) == name) return engine;
  }
  return std::nullopt;
}

size_t HitSet::Count() const {
  size_t count = 0;
  for (uint64_t word : words_) count += std::popcount(word);
  return count;
}

std::optional<std::string> ValidatePattern(const PatternSpec& spec,
                                           Engine engine) {
  detail::Flags flags;
  if (auto bad = detail::ParseFlags(spec.flags, &flags)) return bad;
  std::string error;
  switch (engine) {
    case Engine::kHyperscan: {
      // Whatever PCRE2 compiles runs: in Hyperscan, prefiltered, or in PCRE2
      // alone. Its plain compile is much cheaper than Hyperscan's analysis,
      // which is asked only to give its own words for a pattern PCRE2 refuses.
      std::optional<std::string> pcre2_error =
          Pcre2SyntaxError(spec.expression, flags);
      if (!pcre2_error) return std::nullopt;
      auto rejected = detail::HyperscanRejects(
          detail::MakeHsPattern(spec.expression, flags));
      return rejected ? *rejected + "; " + *pcre2_error : *pcre2_error;
    }
    case Engine::kPcre2:
      return Pcre2SyntaxError(spec.expression, flags);
    case Engine::kRe2:
      if (detail::Re2Pattern::Compile(spec.expression, flags, &error)) {
        return std::nullopt;
      }
      return error;
    case Engine::kStd:
      if (detail::StdPattern::Compile(spec.expression, flags, &error)) {
        return std::nullopt;
      }
      return error;
  }
  return "unknown engine";
}

Result<PatternSet> PatternSet::Compile(std::vector<PatternSpec> specs,
                                       const CompileOptions& options) {
  auto start = std::chrono::steady_clock::now();
  auto impl = std::make_unique<Impl>();
  impl->engine = options.engine;
  impl->match_limit = options.pcre2_match_limit;
  impl->depth_limit = options.pcre2_depth_limit;
  impl->patterns.resize(specs.size());
  impl->caller_patterns = specs.size();
  for (uint32_t k = 0; k < specs.size(); ++k) {
    detail::SetPattern& p = impl->patterns[k];
    p.spec = std::move(specs[k]);
    if (auto bad = detail::ParseFlags(p.spec.flags, &p.flags)) {
      p.mode = PatternMode::kUnsupported;
      p.reason = *std::move(bad);
    }
    impl->id_limit = std::max(impl->id_limit, p.spec.id + 1);
    impl->first_index_by_id.emplace(p.spec.id, k);
  }

  if (options.engine == Engine::kHyperscan) {
    Status compiled = impl->CompileHyperscan(options);
    if (!compiled) return compiled.error();
  } else {
    impl->CompileBaseline();
  }

  CompileReport& report = impl->report;
  for (size_t k = 0; k < impl->caller_patterns; ++k) {
    const detail::SetPattern& p = impl->patterns[k];
    switch (p.mode) {
      case PatternMode::kNative:
        ++report.native;
        break;
      case PatternMode::kPrefiltered:
        ++report.prefiltered;
        break;
      case PatternMode::kPcre2Only:
        ++report.pcre2_only;
        break;
      case PatternMode::kUnsupported:
        ++report.unsupported;
        report.unsupported_reasons.emplace_back(p.spec.id, p.reason);
        break;
    }
    if (p.mode != PatternMode::kUnsupported && p.flags.utf) {
      impl->any_utf = true;
    }
  }
  report.compile_seconds = SecondsSince(start);
  return PatternSet(std::move(impl));
}

PatternSet::PatternSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PatternSet::PatternSet(PatternSet&&) noexcept = default;
PatternSet& PatternSet::operator=(PatternSet&&) noexcept = default;
PatternSet::~PatternSet() = default;

std::unique_ptr<PatternSet::Scratch> PatternSet::MakeScratch() const {
  auto state = std::make_unique<Scratch::State>();
  state->owner = impl_.get();
  if (impl_->scratch_prototype) {
    hs_scratch_t* raw = nullptr;
    if (hs_clone_scratch(impl_->scratch_prototype.get(), &raw) != HS_SUCCESS)
      return nullptr;
    state->hs.reset(raw);
  }
  if (impl_->needs_pcre2) {
    state->pcre2 =
        detail::Pcre2Scratch::Create(impl_->match_limit, impl_->depth_limit);
    if (!state->pcre2) return nullptr;
  }
  if (impl_->needs_pcre2_wide) {
    state->pcre2_wide = detail::Pcre2WideScratch::Create(impl_->match_limit,
                                                         impl_->depth_limit);
    if (!state->pcre2_wide) return nullptr;
  }
  return std::unique_ptr<Scratch>(new Scratch(std::move(state)));
}

void PatternSet::Match(std::string_view text, Scratch& scratch, HitSet* hits,
                       ScanCounters* counters) const {
  const Impl& impl = *impl_;
  Scratch::State& state = *scratch.state_;
  assert(state.owner == &impl && "Scratch from another PatternSet");
  assert(hits->size() >= impl.id_limit && "HitSet smaller than the ids");
  ++counters->texts_scanned;
  counters->bytes_scanned += text.size();
  // Hyperscan and PCRE2 reject a null pointer even for an empty text.
  static constexpr char kEmpty[] = "";
  if (text.data() == nullptr) text = std::string_view(kEmpty, 0);
  const bool utf_ok = !impl.any_utf || mime::IsValidUtf8(text);
  const bool ascii = impl.AsciiText(text);
  state.wide_text_ready = false;      // widened for this text on first use
  state.reversed_text_ready = false;  // likewise read backwards

  // hs_scan takes an unsigned int length; mail texts are far below that,
  // and one that is not is counted rather than scanned in part.
  const bool hs_fits = text.size() <= std::numeric_limits<unsigned int>::max();
  if (!hs_fits) ++counters->engine_errors;
  if (hs_fits) {
    state.to_confirm.clear();
    state.to_confirm_alone.clear();
    HsMatchContext context{&impl.patterns, hits, &state.to_confirm,
                           &state.to_confirm_alone, utf_ok};
    const auto scan = [&](const hs_database_t* db, std::string_view bytes) {
      hs_error_t rc =
          hs_scan(db, bytes.data(), static_cast<unsigned int>(bytes.size()), 0,
                  state.hs.get(), OnHsMatch, &context);
      assert(rc != HS_INVALID && rc != HS_SCRATCH_IN_USE && "scratch misuse");
      if (rc != HS_SUCCESS) ++counters->engine_errors;
    };
    for (const hs_database_t* db : impl.DatabasesFor(ascii)) {
      if (db != nullptr) scan(db, text);
    }
    if (const hs_database_t* db =
            impl.databases[Impl::kSeparatorsDeletedTexts].get()) {
      scan(db, impl.SeparatorsDeleted(text, state));
    }
    for (uint32_t index : state.to_confirm) {
      impl.RunPcre2(index, text, state, hits, counters);
    }
    for (uint32_t index : state.to_confirm_alone)
      impl.ConfirmAlone(index, text, state.hs.get(), hits, counters);
    for (uint32_t index : impl.alone_every_text)
      impl.ConfirmAlone(index, text, state.hs.get(), hits, counters);
  }
  for (uint32_t index : impl.every_text) {
    const detail::SetPattern& p = impl.patterns[index];
    if (p.flags.utf && !utf_ok) continue;  // as PCRE2 refuses such texts
    if (ascii && p.skip_on_ascii) continue;
    if (p.pcre2 || p.pcre2_wide) {
      impl.RunPcre2(index, text, state, hits, counters);
    } else if (p.re2) {
      if (p.re2->Match(text)) hits->Set(p.spec.id);
    } else if (p.std_regex) {
      switch (p.std_regex->Match(text)) {
        case detail::StdOutcome::kMatch:
          hits->Set(p.spec.id);
          break;
        case detail::StdOutcome::kNoMatch:
          break;
        case detail::StdOutcome::kLimit:
          impl.CountLimit(p.spec.id, counters);
          break;
      }
    }
  }
}

uint64_t PatternSet::ScanDatabasesOnly(std::string_view text,
                                       Scratch& scratch) const {
  static constexpr char kEmpty[] = "";
  if (text.data() == nullptr) text = std::string_view(kEmpty, 0);
  if (text.size() > std::numeric_limits<unsigned int>::max()) return 0;
  const Impl& impl = *impl_;
  Scratch::State& state = *scratch.state_;
  state.to_confirm_alone.clear();
  CountingContext context{&impl.patterns, &state.to_confirm_alone};
  const auto scan = [&](const hs_database_t* db, std::string_view bytes,
                        match_event_handler on_match) {
    hs_scan(db, bytes.data(), static_cast<unsigned int>(bytes.size()), 0,
            state.hs.get(), on_match, &context);
  };
  // Match() stops a confirmation at its first match; so does this.
  const match_event_handler count_and_stop =
      [](unsigned int, unsigned long long, unsigned long long, unsigned int,
         void* c) {
        ++static_cast<CountingContext*>(c)->matches;
        return 1;
      };
  for (const hs_database_t* db : impl.DatabasesFor(impl.AsciiText(text))) {
    if (db != nullptr) scan(db, text, CountAndCollect);
  }
  if (const hs_database_t* db =
          impl.databases[Impl::kSeparatorsDeletedTexts].get()) {
    scan(db, impl.SeparatorsDeleted(text, state), CountAndCollect);
  }
  // The confirmations are part of the scan: without them a prefilter's
  // passes would be free.
  for (uint32_t index : state.to_confirm_alone)
    scan(impl.alone[index].get(), text, count_and_stop);
  for (uint32_t index : impl.alone_every_text)
    scan(impl.alone[index].get(), text, count_and_stop);
  return context.matches;
}

std::vector<DatabasePattern> PatternSet::DatabasePatterns() const {
  std::vector<DatabasePattern> out;
  const Impl& impl = *impl_;
  if (impl.engine != Engine::kHyperscan) return out;
  for (const detail::SetPattern& p : impl.patterns) {
    if (p.mode != PatternMode::kNative && p.mode != PatternMode::kPrefiltered)
      continue;
    detail::HsPattern form = detail::MakeHsPattern(
        p.widened.empty() ? std::string_view(p.spec.expression)
                          : std::string_view(p.widened),
        p.flags);
    if (p.mode == PatternMode::kPrefiltered && p.widened.empty())
      form.flags |= HS_FLAG_PREFILTER;
    DatabasePattern pattern;
    pattern.id = p.spec.id;
    pattern.expression = std::move(form.expression);
    pattern.hs_flags = form.flags;
    pattern.projection = p.projection_of != detail::SetPattern::kNoOriginal;
    pattern.prefilter = p.prefilter_for != detail::SetPattern::kNoOriginal;
    pattern.behind_prefilter = p.confirmed_alone;
    switch (impl.LayerOf(p)) {
      case Impl::kAsciiTexts:
        pattern.texts = DatabasePattern::Texts::kAscii;
        break;
      case Impl::kOtherTexts:
        pattern.texts = DatabasePattern::Texts::kOther;
        break;
      case Impl::kSeparatorsDeletedTexts:
        pattern.texts = DatabasePattern::Texts::kSeparatorsDeleted;
        break;
      default:  // every text, or alone on the texts its prefilter passes
        pattern.texts = DatabasePattern::Texts::kEvery;
        break;
    }
    out.push_back(std::move(pattern));
  }
  return out;
}

bool PatternSet::TreatsAsAscii(std::string_view text) const {
  return impl_->AsciiText(text);
}

const CompileReport& PatternSet::report() const { return impl_->report; }

PatternMode PatternSet::mode(uint32_t id) const {
  auto it = impl_->first_index_by_id.find(id);
  if (it == impl_->first_index_by_id.end()) return PatternMode::kUnsupported;
  return impl_->patterns[it->second].mode;
}

std::string_view PatternSet::reason(uint32_t id) const {
  auto it = impl_->first_index_by_id.find(id);
  if (it == impl_->first_index_by_id.end()) return "";
  return impl_->patterns[it->second].reason;
}

size_t PatternSet::size() const { return impl_->caller_patterns; }

}  // namespace inboxsim::scan
