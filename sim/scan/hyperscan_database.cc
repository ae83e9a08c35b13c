#include "sim/scan/hyperscan_database.h"

#include <tbb/parallel_for_each.h>

#include <cstdlib>

#include "sim/scan/reversed_pattern.h"

namespace inboxsim::scan::detail {
namespace {

// hs_expression_info allocates with the misc allocator, malloc by default.
struct MallocFree {
  void operator()(void* p) const { std::free(p); }
};

std::string HsErrorName(hs_error_t code) {
  switch (code) {
    case HS_NOMEM:
      return "out of memory";
    case HS_INVALID:
      return "invalid database or parameter";
    case HS_DB_VERSION_ERROR:
      return "database from another Hyperscan version";
    case HS_DB_PLATFORM_ERROR:
      return "database for another platform";
    case HS_DB_MODE_ERROR:
      return "database of another mode";
    case HS_BAD_ALIGN:
      return "misaligned database";
    default:
      return "Hyperscan error " + std::to_string(code);
  }
}

// hs_expression_info's verdict: its message, or nullopt when it accepts.
std::optional<std::string> ExpressionInfo(const std::string& expression,
                                          unsigned flags) {
  hs_expr_info_t* info = nullptr;
  hs_compile_error_t* error = nullptr;
  hs_error_t rc = hs_expression_info(expression.c_str(), flags, &info, &error);
  std::unique_ptr<hs_expr_info_t, MallocFree> info_owner(info);
  std::unique_ptr<hs_compile_error_t, HsCompileErrorFree> error_owner(error);
  if (rc == HS_SUCCESS) return std::nullopt;
  return error != nullptr ? std::string(error->message) : HsErrorName(rc);
}

// A pattern whose bounded repeats write out to more positions than this is
// compiled alone before the union (see CompileHyperscan). Measured on
// SpamAssassin 4's stock body rules: every pattern Hyperscan refused natively
// only in a full compile estimated 3,474 positions or more, every pattern it
// accepted 2,606 or fewer; the few accepted ones above this threshold cost
// about a second each to try alone.
constexpr uint64_t kTrialCompilePositions = 2000;

// hs_compile's verdict on `pattern` alone with `flags`: its message, or
// nullopt when it compiles or fails for a reason that is not the pattern's.
std::optional<std::string> CompileAloneError(const HsPattern& pattern,
                                             unsigned flags) {
  std::string error;
  CompileAlone(pattern.expression, flags, &error);
  if (error.empty()) return std::nullopt;
  return error;
}

// `pattern` failed natively with `message`: it becomes prefiltered, or
// PCRE2-only when Hyperscan refuses its prefilter form too.
void DemoteNative(HsPattern* pattern, const std::string& message,
                  std::optional<std::string> prefilter_error) {
  pattern->hyperscan_error = "Hyperscan: " + message;
  if (prefilter_error) {
    pattern->hyperscan_error += "; prefilter: " + *prefilter_error;
    pattern->mode = PatternMode::kPcre2Only;
  } else {
    pattern->mode = PatternMode::kPrefiltered;
  }
}

// A prefilter for `pattern`, refused natively for its size: its repeats
// widened, first those over three copies to X{m,}, else all to X* or X+,
// whichever Hyperscan compiles first. Measured on SpamAssassin 4's
// FILL_THIS_FORM rules (SpamAssassin corpus bodies): Hyperscan's
// HS_FLAG_PREFILTER form passed 6,043 of 6,045 texts, the widened forms
// 39 to 4,781 (PCRE2: 10 to 285 true hits). Sets `pattern->widened` and
// returns true when one compiles.
bool PrefilterByWidening(HsPattern* pattern) {
  for (const uint64_t keep_up_to : {uint64_t{3}, uint64_t{0}}) {
    std::optional<std::string> widened =
        WidenRepeats(pattern->expression, Flags{}, keep_up_to);
    if (!widened) continue;
    HsPattern trial;
    trial.expression = std::move(*widened);
    if (CompileAloneError(trial, pattern->flags)) continue;
    pattern->widened = std::move(trial.expression);
    pattern->hyperscan_error += "; prefiltered with its repeats widened";
    return true;
  }
  return false;
}

}  // namespace

HsDatabasePtr CompileAlone(const std::string& expression, unsigned flags,
                           std::string* error) {
  hs_database_t* db = nullptr;
  hs_compile_error_t* compile_error = nullptr;
  hs_error_t rc = hs_compile(expression.c_str(), flags, HS_MODE_BLOCK, nullptr,
                             &db, &compile_error);
  HsDatabasePtr db_owner(db);
  std::unique_ptr<hs_compile_error_t, HsCompileErrorFree> error_owner(
      compile_error);
  error->clear();
  if (rc != HS_SUCCESS && compile_error != nullptr &&
      compile_error->expression >= 0) {
    *error = compile_error->message;
  }
  return rc == HS_SUCCESS ? std::move(db_owner) : HsDatabasePtr();
}

int CountEveryMatch(unsigned int, unsigned long long, unsigned long long,
                    unsigned int, void* context) {
  ++*static_cast<uint64_t*>(context);
  return 0;
}

HsPattern MakeHsPattern(std::string_view expression, const Flags& flags) {
  HsPattern pattern;
  if (flags.extended) pattern.expression = "(?x)";
  pattern.expression.append(expression);
  // One bit per pattern per text: later matches are wasted work.
  pattern.flags = HS_FLAG_SINGLEMATCH | HS_FLAG_ALLOWEMPTY;
  if (flags.caseless) pattern.flags |= HS_FLAG_CASELESS;
  if (flags.multiline) pattern.flags |= HS_FLAG_MULTILINE;
  if (flags.dotall) pattern.flags |= HS_FLAG_DOTALL;
  if (flags.utf) pattern.flags |= HS_FLAG_UTF8 | HS_FLAG_UCP;
  return pattern;
}

std::optional<std::string> HyperscanRejects(const HsPattern& pattern) {
  // hs_expression_info cannot see NUL bytes: Hyperscan expressions are C
  // strings (a NUL is written \x00 in a pattern).
  if (pattern.expression.find('\0') != std::string::npos) {
    return "Hyperscan: the expression contains a NUL byte";
  }
  if (auto message = ExpressionInfo(pattern.expression, pattern.flags)) {
    return "Hyperscan: " + *message;
  }
  return std::nullopt;
}

Result<HsDatabasePtr> CompileHyperscan(std::vector<HsPattern>* patterns) {
  // Cheap pre-pass: hs_expression_info catches the usual rejections
  // (back-references, lookaround) without building a database, so the
  // multi-pattern compile below rarely has to be repeated.
  for (HsPattern& p : *patterns) {
    if (p.mode != PatternMode::kNative) continue;
    if (auto message = HyperscanRejects(p)) {
      p.hyperscan_error = *message;
      if (p.expression.find('\0') != std::string::npos) {
        p.mode = PatternMode::kPcre2Only;
      } else if (auto prefilter = ExpressionInfo(p.expression,
                                                 p.flags | HS_FLAG_PREFILTER)) {
        p.hyperscan_error += "; prefilter: " + *prefilter;
        p.mode = PatternMode::kPcre2Only;
      } else {
        p.mode = PatternMode::kPrefiltered;
      }
    }
  }
  // Some rejections show only in a full compile (resource limits such as
  // "Pattern is too large"), and Hyperscan names one pattern per failed
  // compile: found by the union alone, each costs a full compile of every
  // pattern (SpamAssassin's body rules: six of ~30 s). They depend on the
  // pattern alone, so the patterns likely to hit them (many positions once
  // their repeats are written out) are tried alone first, side by side; one
  // refused natively is prefiltered, as the union's verdict would make it.
  std::vector<HsPattern*> suspects;
  for (HsPattern& p : *patterns) {
    if (p.mode == PatternMode::kNative &&
        ExpandedPositions(p.expression) > kTrialCompilePositions) {
      suspects.push_back(&p);
    }
  }
  tbb::parallel_for_each(suspects, [](HsPattern* p) {
    if (auto message = CompileAloneError(*p, p->flags)) {
      // Hyperscan's prefilter form is left to the union: it usually
      // compiles, and trying it alone would pay for it twice.
      DemoteNative(p, *message, std::nullopt);
      PrefilterByWidening(p);
    }
  });
  // The union; a pattern it still refuses is demoted and the union tried
  // again. A native one's prefilter form is tried alone at once, so that
  // one pattern costs at most one more union compile.
  while (true) {
    std::vector<const char*> expressions;
    std::vector<unsigned> flags;
    std::vector<unsigned> ids;
    for (size_t k = 0; k < patterns->size(); ++k) {
      const HsPattern& p = (*patterns)[k];
      if (p.mode != PatternMode::kNative &&
          p.mode != PatternMode::kPrefiltered) {
        continue;
      }
      expressions.push_back(p.widened.empty() ? p.expression.c_str()
                                              : p.widened.c_str());
      flags.push_back(p.mode == PatternMode::kPrefiltered && p.widened.empty()
                          ? p.flags | HS_FLAG_PREFILTER
                          : p.flags);
      ids.push_back(static_cast<unsigned>(k));
    }
    if (expressions.empty())
      return HsDatabasePtr();  // hs_compile_multi needs one

    hs_database_t* db = nullptr;
    hs_compile_error_t* error = nullptr;
    hs_error_t rc =
        hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                         static_cast<unsigned>(expressions.size()),
                         HS_MODE_BLOCK, nullptr, &db, &error);
    HsDatabasePtr db_owner(db);
    std::unique_ptr<hs_compile_error_t, HsCompileErrorFree> error_owner(error);
    if (rc == HS_SUCCESS) return db_owner;
    std::string message =
        error != nullptr ? std::string(error->message) : HsErrorName(rc);
    if (error == nullptr || error->expression < 0 ||
        static_cast<size_t>(error->expression) >= ids.size()) {
      return Error{ErrorCode::kInternal, "hs_compile_multi",
                   "Hyperscan: " + message};
    }
    HsPattern& failed = (*patterns)[ids[error->expression]];
    if (failed.mode == PatternMode::kNative) {
      DemoteNative(&failed, message,
                   CompileAloneError(failed, failed.flags | HS_FLAG_PREFILTER));
      if (PrefilterByWidening(&failed)) failed.mode = PatternMode::kPrefiltered;
    } else if (!failed.widened.empty()) {
      // Hyperscan's own prefilter form is the next try.
      failed.widened.clear();
      failed.hyperscan_error += "; widened form: " + message;
    } else {
      failed.hyperscan_error += "; prefilter: " + message;
      failed.mode = PatternMode::kPcre2Only;
    }
  }
}

std::vector<HsDatabasePtr> CompileStartFinders(
    std::vector<HsPattern>* patterns) {
  std::vector<HsDatabasePtr> finders(patterns->size());
  std::vector<size_t> candidates;
  for (size_t k = 0; k < patterns->size(); ++k) {
    HsPattern& p = (*patterns)[k];
    p.start_finder.clear();
    if (p.mode != PatternMode::kPrefiltered || p.widened.empty()) continue;
    Flags flags;
    flags.multiline = (p.flags & HS_FLAG_MULTILINE) != 0;
    flags.utf = (p.flags & HS_FLAG_UTF8) != 0;
    std::optional<std::string> reversed = ReversedSuperset(p.widened, flags);
    if (!reversed) continue;
    p.start_finder = std::move(*reversed);
    candidates.push_back(k);
  }
  tbb::parallel_for_each(candidates, [&](size_t k) {
    HsPattern& p = (*patterns)[k];
    // Every offset a match may start at is wanted, not just the first.
    const unsigned flags =
        p.flags & ~static_cast<unsigned>(HS_FLAG_SINGLEMATCH);
    std::string error;
    finders[k] = CompileAlone(p.start_finder, flags, &error);
    // Refused: PCRE2 tries every offset, as without one.
    if (!finders[k]) p.start_finder.clear();
  });
  return finders;
}

Result<std::string> SerializeDatabase(const hs_database_t& db) {
  char* bytes = nullptr;
  size_t length = 0;
  hs_error_t rc = hs_serialize_database(&db, &bytes, &length);
  std::unique_ptr<char, MallocFree> owner(bytes);  // misc allocator: malloc
  if (rc != HS_SUCCESS) {
    return Error{ErrorCode::kInternal, "hs_serialize_database",
                 HsErrorName(rc)};
  }
  return std::string(bytes, length);
}

Result<HsDatabasePtr> DeserializeDatabase(std::string_view bytes) {
  hs_database_t* db = nullptr;
  hs_error_t rc = hs_deserialize_database(bytes.data(), bytes.size(), &db);
  HsDatabasePtr owner(db);
  if (rc != HS_SUCCESS) {
    return Error{ErrorCode::kInternal, "hs_deserialize_database",
                 HsErrorName(rc)};
  }
  return owner;
}

}  // namespace inboxsim::scan::detail
