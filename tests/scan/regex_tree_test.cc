#include "sim/scan/regex_tree.h"

#include <gtest/gtest.h>
#include <hs/hs.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/scan/hyperscan_database.h"
#include "sim/scan/pattern_syntax.h"
#include "sim/scan/pcre2_pattern.h"

namespace inboxsim::scan {
namespace {

using detail::AlnumBytes;
using detail::ByteSet;
using detail::DeleteBytesOutside;
using detail::Flags;
using detail::RegexTree;

Flags FlagsOf(std::string_view letters) {
  Flags flags;
  EXPECT_EQ(detail::ParseFlags(letters, &flags), std::nullopt) << letters;
  return flags;
}

std::optional<RegexTree> Parse(std::string_view expression,
                               std::string_view letters = "") {
  return RegexTree::Parse(expression, FlagsOf(letters));
}

// The emitted text, or "<none>" when the parse fails.
std::string Emitted(std::string_view expression,
                    std::string_view letters = "") {
  std::optional<RegexTree> tree = Parse(expression, letters);
  return tree ? tree->Emit() : "<none>";
}

bool HasLookaround(std::string_view expression) {
  for (std::string_view opening : {"(?=", "(?!", "(?<=", "(?<!"}) {
    if (expression.find(opening) != std::string_view::npos) return true;
  }
  return false;
}

// "Does the text hold a match" by Hyperscan or, for what it refuses
// (lookaround), PCRE2.
class Matcher {
 public:
  // `expression` with the Hyperscan form of `flags`; PCRE2 when
  // `use_pcre2`.
  static std::unique_ptr<Matcher> Create(const std::string& expression,
                                         const Flags& flags, bool use_pcre2) {
    auto matcher = std::unique_ptr<Matcher>(new Matcher);
    std::string error;
    if (use_pcre2) {
      matcher->pcre2_ =
          detail::Pcre2Pattern::Compile(expression, flags, &error);
      matcher->pcre2_scratch_ = detail::Pcre2Scratch::Create(10000000, 100000);
      EXPECT_NE(matcher->pcre2_, nullptr) << expression << ": " << error;
      if (matcher->pcre2_ == nullptr) return nullptr;
      return matcher;
    }
    const detail::HsPattern pattern = detail::MakeHsPattern(expression, flags);
    matcher->db_ =
        detail::CompileAlone(pattern.expression, pattern.flags, &error);
    EXPECT_NE(matcher->db_, nullptr) << expression << ": " << error;
    if (matcher->db_ == nullptr) return nullptr;
    hs_scratch_t* scratch = nullptr;
    EXPECT_EQ(hs_alloc_scratch(matcher->db_.get(), &scratch), HS_SUCCESS);
    matcher->scratch_.reset(scratch);
    return matcher;
  }

  // The tree's Emit() as its users run it: no flags but m.
  static std::unique_ptr<Matcher> ForTree(const RegexTree& tree) {
    Flags flags;
    flags.multiline = tree.multiline();
    const std::string emitted = tree.Emit();
    return Create(emitted, flags, HasLookaround(emitted));
  }

  bool Hits(std::string_view text) const {
    if (pcre2_ != nullptr) {
      return pcre2_->Match(detail::AsPcre2Units(text), *pcre2_scratch_) ==
             detail::Pcre2Outcome::kMatch;
    }
    uint64_t count = 0;
    hs_scan(db_.get(), text.data(), static_cast<unsigned>(text.size()), 0,
            scratch_.get(), detail::CountEveryMatch, &count);
    return count > 0;
  }

 private:
  Matcher() = default;
  detail::HsDatabasePtr db_;
  detail::HsScratchPtr scratch_;
  std::unique_ptr<detail::Pcre2Pattern> pcre2_;
  std::unique_ptr<detail::Pcre2Scratch> pcre2_scratch_;
};

// ---- Refusals ----

struct Refusal {
  Refusal(std::string e, std::string f = "")
      : expression(std::move(e)), flags(std::move(f)) {}
  std::string expression;
  std::string flags;
};

void PrintTo(const Refusal& row, std::ostream* out) {
  *out << "/" << row.expression << "/" << row.flags;
}

class RefusalTest : public testing::TestWithParam<Refusal> {};

TEST_P(RefusalTest, ParseReturnsNullopt) {
  EXPECT_EQ(Emitted(GetParam().expression, GetParam().flags), "<none>");
}

INSTANTIATE_TEST_SUITE_P(
    Rows, RefusalTest,
    testing::Values(
        // Flags.
        Refusal{"abc", "u"}, Refusal{"abc", "x"}, Refusal{"abc", "ix"},
        // Inline options, named, atomic and other groups.
        Refusal{"(?i)abc"}, Refusal{"a(?-i:b)"}, Refusal{"(?i:a)"},
        Refusal{"(?s)a.b"}, Refusal{"(?<name>a)"}, Refusal{"(?P<name>a)"},
        Refusal{"(?'name'a)"}, Refusal{"(?>a+)b"}, Refusal{"(?(1)a|b)"},
        Refusal{"(?|a|b)"}, Refusal{"(a)(?1)"}, Refusal{"(?R)"},
        // Escapes outside the subset.
        Refusal{"\\Qa.b\\E"}, Refusal{"a\\E"}, Refusal{"\\pL"},
        Refusal{"\\p{Lu}"}, Refusal{"\\PL"}, Refusal{"\\x{41}"},
        Refusal{"[\\x{41}]"}, Refusal{"\\v"}, Refusal{"[\\v]"}, Refusal{"\\V"},
        Refusal{"\\R"}, Refusal{"a\\Kb"}, Refusal{"\\Ga"}, Refusal{"\\N"},
        Refusal{"\\X"}, Refusal{"\\C"}, Refusal{"\\cA"}, Refusal{"\\o{101}"},
        Refusal{"\\y"}, Refusal{"a\\"},
        // Back-references and octal.
        Refusal{"\\0"}, Refusal{"\\012"}, Refusal{"(a)\\1"}, Refusal{"(a)\\g1"},
        Refusal{"(a)\\g{-1}"}, Refusal{"(?:a)\\k<n>"}, Refusal{"[\\1]"},
        // Verbs.
        Refusal{"(*UTF)a"}, Refusal{"(*CR)a"}, Refusal{"a(*SKIP)b"},
        Refusal{"a(*FAIL)"},
        // Malformed: parentheses, classes, quantifiers, ranges.
        Refusal{"(a"}, Refusal{"a)"}, Refusal{"(?:a"}, Refusal{"(?=a"},
        Refusal{")"}, Refusal{"(?#unterminated"}, Refusal{"[a"}, Refusal{"[]"},
        Refusal{"[^]"}, Refusal{"[\\"}, Refusal{"*a"}, Refusal{"+"},
        Refusal{"a|?"}, Refusal{"(?:*)"}, Refusal{"{2}a"}, Refusal{"a**"},
        Refusal{"a*?+"}, Refusal{"a{2}{3}"}, Refusal{"a+{2}"},
        Refusal{"a(?#c)*"}, Refusal{"[z-a]"}, Refusal{"[\\d-z]"},
        Refusal{"[a-\\d]"}, Refusal{"[!-[:digit:]]"}, Refusal{"a{3,2}"},
        Refusal{"a{65536}"}, Refusal{"a{1,70000}"},
        Refusal{"a{99999999999999999999999}"}, Refusal{"[[:foo:]]"},
        Refusal{"[:alpha:]"}, Refusal{"[[.a.]]"}, Refusal{"[[=a=]]"},
        Refusal{"[[:<:]]a"},
        // Quantified assertions, variable lookbehind.
        Refusal{"\\b+a"}, Refusal{"^*a"}, Refusal{"a$?"}, Refusal{"(?=a)*b"},
        Refusal{"(?<=a*)b"}, Refusal{"(?<=a|b+)c"}, Refusal{"(?<=a(?:b|cd))x"},
        // Matches nothing: the emitted syntax cannot say it.
        Refusal{"[^\\x00-\\xff]"},
        // Deeper than PCRE2's nesting limit.
        Refusal{std::string(300, '(') + "a" + std::string(300, ')')}));

TEST(RegexTreeParse, AcceptsWhatPcre2Accepts) {
  // The counterparts of refusals above, and PCRE2's literal "{" rule.
  for (const char* expression :
       {"a{,3}",      "x{",
        "a{2,}",      "a{2,3}?",
        "a{2}+",      "a{x}",
        "{",          "}",
        "]",          "[]a]",
        "[^]a]",      "[a-]",
        "[-a]",       "[\\]]",
        "\\x",        "\\x4g",
        "(?#c)a",     "(?<=ab|c)x",
        "(?<!a{2})x", "a{65535}",
        "[[:a]",      "[\\b]",
        "a\\*+",      "()",
        "(|a)",       "a||b",
        "",           "\\\xe9",
        "\xe9+",      "((((((((((((((((((((a))))))))))))))))))))"}) {
    EXPECT_TRUE(Parse(expression)) << expression;
  }
  // Verified against PCRE2: its meaning of a few of them.
  EXPECT_EQ(Emitted("a{,3}"), "(?:a\\x7b\\x2c3\\x7d)");
  EXPECT_EQ(Emitted("[]a]"), "[\\x5da]");
  EXPECT_EQ(Emitted("\\x4g"), "(?:\\x04g)");
  EXPECT_EQ(Emitted("[^a-c]", "i"), "[\\x00-\\x40D-\\x60d-\\xff]");
}

TEST(RegexTreeParse, SurvivesRandomInput) {
  // Parse never crashes or loops, and whatever it accepts, every method
  // handles; Hyperscan agrees with the original on what the emitted form
  // matches.
  static const std::vector<std::string> kPieces = {
      "a",    "b",   "A",         "1",  "\\",   "(", ")",   "(?:", "(?=",
      "(?<!", "(?#", "[",         "]",  "^",    "$", "-",   "{",   "}",
      "2",    ",",   "*",         "+",  "?",    "|", ".",   "\\b", "\\w",
      "\\x4", "\\s", "[:alpha:]", "\n", "\xe9", " ", "\\d", "\\B"};
  static const std::string kTextBytes = "aAb1 2-\n{},\xe9_.";
  std::mt19937 rng(20240611);
  int parsed = 0;
  int compared = 0;
  for (int round = 0; round < 30000; ++round) {
    std::string expression;
    const int pieces = 1 + static_cast<int>(rng() % 12);
    for (int k = 0; k < pieces; ++k) {
      if (rng() % 8 == 0) {
        expression.push_back(static_cast<char>(rng() % 256));
      } else {
        expression += kPieces[rng() % kPieces.size()];
      }
    }
    static const char* kFlagChoices[] = {"", "i", "m", "s", "ims"};
    const char* letters = kFlagChoices[rng() % 5];
    std::optional<RegexTree> tree = Parse(expression, letters);
    if (!tree) continue;
    ++parsed;
    const std::string emitted = tree->Emit();
    tree->Nullable();
    tree->RequiredLiteralLength();
    tree->Project(AlnumBytes()).TrimEdges().Emit();
    tree->Widen().Emit();
    for (const RegexTree& window : tree->DropWordAssertions().Windows(10)) {
      EXPECT_FALSE(window.Nullable());
      window.Emit();
    }
    // The emitted syntax is in the subset, and reads back to itself.
    Flags plain;
    plain.multiline = tree->multiline();
    if (emitted.find("(?i") == std::string::npos &&
        emitted.find("(?s") == std::string::npos) {
      std::optional<RegexTree> again = RegexTree::Parse(emitted, plain);
      ASSERT_TRUE(again) << expression << " -> " << emitted;
      EXPECT_EQ(again->Emit(), emitted) << expression;
    }
    // A possessive repeat reads as greedy: a superset, not equal.
    bool possessive = false;
    for (std::string_view mark : {"*+", "++", "?+", "}+"}) {
      possessive = possessive || expression.find(mark) != std::string::npos;
    }
    if (compared >= 1500 || possessive || HasLookaround(expression) ||
        expression.find('\0') != std::string::npos) {
      continue;
    }
    std::string error;
    const detail::HsPattern original =
        detail::MakeHsPattern(expression, FlagsOf(letters));
    if (!detail::CompileAlone(original.expression, original.flags, &error)) {
      continue;  // Hyperscan refuses some of PCRE2's syntax
    }
    ++compared;
    auto want = Matcher::Create(expression, FlagsOf(letters), false);
    auto got = Matcher::ForTree(*tree);
    ASSERT_NE(want, nullptr);
    ASSERT_NE(got, nullptr) << expression << " -> " << emitted;
    for (int t = 0; t < 40; ++t) {
      std::string text;
      const size_t length = rng() % 8;
      for (size_t k = 0; k < length; ++k) {
        text.push_back(kTextBytes[rng() % kTextBytes.size()]);
      }
      ASSERT_EQ(want->Hits(text), got->Hits(text))
          << "/" << expression << "/" << letters << " emitted " << emitted
          << " on \"" << text << "\"";
    }
  }
  EXPECT_GT(parsed, 1000);
  EXPECT_GT(compared, 500);
}

// ---- Byte semantics against Hyperscan ----

TEST(RegexTreeBytes, SinglePositionsMatchWhatHyperscanMatches) {
  for (const char* expression : {"\\s",
                                 "\\S",
                                 "\\w",
                                 "\\W",
                                 "\\d",
                                 "\\D",
                                 ".",
                                 "[_\\W]",
                                 "[[:punct:]]",
                                 "[[:alpha:]]",
                                 "\\h",
                                 "\\H",
                                 "[a40\\xE0-\\xE6@]",
                                 "[^a-c]",
                                 "x",
                                 "\\x41",
                                 "[[:space:]]",
                                 "[[:upper:]]",
                                 "[[:^lower:]]",
                                 "[[:xdigit:]]",
                                 "[[:word:]]",
                                 "[[:cntrl:]]",
                                 "[[:graph:]]",
                                 "[^\\s.]",
                                 "[\\w\\s]",
                                 "[Z-a]",
                                 "\\e",
                                 "[\\b]",
                                 "\\xe9",
                                 "\\-",
                                 "[\\]]",
                                 "\xe9"}) {
    for (const char* letters : {"", "i", "s", "is", "m"}) {
      SCOPED_TRACE(std::string("/") + expression + "/" + letters);
      std::optional<RegexTree> tree = Parse(expression, letters);
      ASSERT_TRUE(tree);
      auto want = Matcher::Create(expression, FlagsOf(letters), false);
      auto got = Matcher::ForTree(*tree);
      ASSERT_NE(want, nullptr);
      ASSERT_NE(got, nullptr);
      for (int c = 0; c < 256; ++c) {
        const std::string text(1, static_cast<char>(c));
        EXPECT_EQ(want->Hits(text), got->Hits(text))
            << "byte " << c << ", emitted " << tree->Emit();
      }
    }
  }
}

// ---- Rules: round trip and superset properties ----

struct Rule {
  std::string expression;
  std::string flags;
};

void PrintTo(const Rule& rule, std::ostream* out) {
  *out << "/" << rule.expression << "/" << rule.flags;
}

// SpamAssassin-like body and header rules.
const std::vector<Rule>& Rules() {
  static const auto* const kRules = new std::vector<Rule>{
      {"(?:\\b|\\s)[_\\W]{0,3}v[_\\W]{0,3}[i1!|l\\xEC-\\xEF][_\\W]{0,3}a"
       "[_\\W]{0,3}g[_\\W]{0,3}r[_\\W]{0,3}a",
       "i"},
      {"\\bfree\\s+money\\b", "i"},
      {"(?:[a-z]{5,}[\\s\\.]+){10}", ""},
      {"^Subject: .{0,20}win", "m"},
      {"foo(?!bar)", ""},
      {"\\b(?:cheap|discount|lowest)\\s+(?:price|cost)s?\\b", "i"},
      {"click\\s+here\\s+to\\s+(?:unsubscribe|remove)", "i"},
      {"\\$\\d{1,3}(?:,\\d{3})*(?:\\.\\d\\d)?", ""},
      {"tok{en}s?|rate{,3}x|\\{(?:unsubscribe|remove)\\}", ""},
      {"^From:.*@(?:[a-z0-9-]+\\.)+(?:ru|cn|top)$", "im"},
      {"(?:https?://)?(?:www\\.)?[a-z0-9-]{3,20}\\.(?:com|net|biz)/"
       "[a-z0-9]{8,}",
       "i"},
      {"\\b[A-Z]{4,}\\s[A-Z]{4,}\\s[A-Z]{4,}\\b", ""},
      {"<a\\s+href=.{0,40}?>", "is"},
      {"\\d{3}[-. ]?\\d{3}[-. ]?\\d{4}", ""},
      {"(?<=\\s)act\\s+now(?=\\W)", "i"},
      {"[[:alpha:]]{3}[[:digit:]]{2}[[:punct:]]", ""},
      {"m[o0]rtg[a@]ge", "i"},
      {"(?:^|\\n)>{2,}\\s", "m"},
      {"100%\\s+(?:free|guaranteed)", "i"},
      {"\\Ayour account\\b", "i"},
      {"unsubscribe\\s*$", ""},
      {"(?:a|b)*c(?:d|e)+", ""},
      {"\\bw\\W?i\\W?n\\W?n\\W?e\\W?r\\b", "i"},
      {"(?:\\xE9|e)tudiant", "i"},
      {"[^\\x00-\\x7f]{4,}", ""},
      {"l[o0]{2,}k\\s+at\\s+(?:me|this)", "i"},
      {"\\Bing\\b", ""},
      {"(?:(?:re|fw):\\s*){2}", "i"},
      {"pay(?:pal|\\s+pal)\\s+(?:account|team)", "i"},
      {"cash++\\s*now", ""},
      {"\\bbuy(?!\\s+nothing)\\b", "i"},
      {"(?:viagra|cialis).{0,10}order", "is"},
      {"^Re:\\s*$", "m"},
      {"(?:free|cheap)(?=.\\w)", "is"},
      {"no\\s+(?:credit\\s+)?check\\Z", "i"},
      {"\\bwin(?:ner|ning)?\\b\\W{1,3}\\$?[0-9]{2,}", "i"},
  };
  return *kRules;
}

// Random strings in the emitted syntax's language: Emit() writes a small
// syntax (sets, (?:...), |, quantifiers, anchors, lookarounds as written),
// sampled here with the zero-width items left out.
class Sampler {
 public:
  Sampler(std::string_view emitted, std::mt19937* rng)
      : e_(emitted), rng_(rng) {}

  std::string Sample() {
    i_ = 0;
    std::string out;
    Alternation(&out);
    return out;
  }

 private:
  // Reads and samples together: the branches not taken are still read.
  void Alternation(std::string* out) {
    std::vector<std::string> branches;
    do {
      if (!branches.empty()) ++i_;
      branches.emplace_back();
      Sequence(&branches.back());
    } while (i_ < e_.size() && e_[i_] == '|');
    *out += branches[(*rng_)() % branches.size()];
  }

  void Sequence(std::string* out) {
    while (i_ < e_.size() && e_[i_] != '|' && e_[i_] != ')') {
      const size_t start = i_;
      std::string first;
      Atom(&first);
      uint32_t low = 1, high = 1;
      Quantifier(&low, &high);
      const size_t after = i_;
      const uint32_t count = low + (*rng_)() % (high - low + 1);
      for (uint32_t k = 0; k < count; ++k) {
        if (k == 0) {
          *out += first;
          continue;
        }
        i_ = start;  // a fresh sample of the atom for every copy
        Atom(out);
      }
      i_ = after;
    }
  }

  void Quantifier(uint32_t* low, uint32_t* high) {
    if (i_ >= e_.size()) return;
    const char c = e_[i_];
    constexpr uint32_t kExtra = 3;
    if (c == '*' || c == '+' || c == '?') {
      *low = c == '+' ? 1 : 0;
      *high = c == '?' ? 1 : *low + kExtra;
      ++i_;
    } else if (c == '{') {
      std::optional<detail::CountedRepeat> repeat =
          detail::ReadCountedRepeat(e_, i_);
      ASSERT_TRUE(repeat);
      *low = static_cast<uint32_t>(repeat->low);
      *high =
          repeat->high ? static_cast<uint32_t>(*repeat->high) : *low + kExtra;
      *high = std::min(*high, *low + kExtra);
      i_ = repeat->end;
    }
  }

  void Atom(std::string* out) {
    const std::string_view rest = e_.substr(i_);
    if (HasLookaround(rest.substr(0, 4)) || rest.starts_with("(?i") ||
        rest.starts_with("(?s")) {
      std::optional<size_t> end = detail::GroupEnd(e_, i_);
      ASSERT_TRUE(end);
      i_ = *end;
    } else if (rest.starts_with("(?:")) {
      i_ += 3;
      Alternation(out);
      ++i_;  // ")"
    } else if (rest.starts_with("[")) {
      std::vector<unsigned> members;
      ++i_;
      while (e_[i_] != ']') {
        const unsigned low = Byte();
        unsigned high = low;
        if (e_[i_] == '-') {
          ++i_;
          high = Byte();
        }
        for (unsigned c = low; c <= high; ++c) members.push_back(c);
      }
      ++i_;
      out->push_back(static_cast<char>(members[(*rng_)() % members.size()]));
    } else if (rest.starts_with("^") || rest.starts_with("$")) {
      ++i_;
    } else if (rest.size() >= 2 && rest[0] == '\\' && rest[1] != 'x') {
      i_ += 2;  // \b \B \A \z \Z
    } else {
      out->push_back(static_cast<char>(Byte()));
    }
  }

  unsigned Byte() {
    if (e_[i_] == '\\') {
      const unsigned value =
          std::stoi(std::string(e_.substr(i_ + 2, 2)), nullptr, 16);
      i_ += 4;
      return value;
    }
    return static_cast<unsigned char>(e_[i_++]);
  }

  std::string_view e_;
  std::mt19937* rng_;
  size_t i_ = 0;
};

constexpr char kSeparators[] = " \t._-!|*/,";

// Texts for `rule`: samples of its language, some with separators put in,
// letters re-cased, bytes changed and context around; random strings over
// its own bytes, separators, high bytes and newlines; a few fixed ones.
std::vector<std::string> TextsFor(const Rule& rule, const RegexTree& tree,
                                  int count) {
  std::mt19937 rng(
      static_cast<uint32_t>(std::hash<std::string>()(rule.expression)));
  std::string alphabet =
      rule.expression + kSeparators + "\n\n\r\xa0\xe0\xe9\xef";
  alphabet += "aeiou0123456789";
  auto random_string = [&](size_t max_length) {
    std::string s;
    const size_t length = rng() % (max_length + 1);
    for (size_t k = 0; k < length; ++k) {
      s.push_back(alphabet[rng() % alphabet.size()]);
    }
    return s;
  };
  // The sampler reads the syntax Emit() writes, lookarounds included.
  const std::string emitted = tree.DropWordAssertions().Emit();
  Sampler sampler(emitted, &rng);
  std::vector<std::string> texts = {"",
                                    "\n",
                                    "free money",
                                    "FREE  MONEY!",
                                    "Subject: you win",
                                    "From: x@spam.ru",
                                    "V-I-A-G-R-A",
                                    "foobaz",
                                    "tok{en}"};
  for (int k = 0; k < count; ++k) {
    if (k % 4 == 3) {
      texts.push_back(random_string(60));
      continue;
    }
    std::string sample = sampler.Sample();
    if (rng() % 3 == 0) {  // separators between letters
      for (int inserts = 1 + rng() % 4; inserts > 0; --inserts) {
        const size_t at = rng() % (sample.size() + 1);
        sample.insert(at, 1, kSeparators[rng() % (sizeof(kSeparators) - 1)]);
      }
    }
    if (rng() % 4 == 0) {
      for (char& c : sample) {
        if (rng() % 2 == 0 && std::isalpha(static_cast<unsigned char>(c))) {
          c ^= 0x20;
        }
      }
    }
    if (rng() % 5 == 0 && !sample.empty()) {
      sample[rng() % sample.size()] = alphabet[rng() % alphabet.size()];
    }
    std::string prefix = rng() % 3 ? random_string(6) : "";
    if (rng() % 3 == 0) prefix += "\n";
    std::string suffix = rng() % 3 ? random_string(6) : "";
    texts.push_back(prefix + sample + suffix);
  }
  return texts;
}

// Hyperscan refuses lookaround and possessive repeats: PCRE2 runs those.
std::unique_ptr<Matcher> Original(const Rule& rule) {
  bool possessive = false;
  for (std::string_view mark : {"*+", "++", "?+", "}+"}) {
    possessive = possessive || rule.expression.find(mark) != std::string::npos;
  }
  return Matcher::Create(rule.expression, FlagsOf(rule.flags),
                         possessive || HasLookaround(rule.expression));
}

class RuleTest : public testing::TestWithParam<Rule> {};

TEST_P(RuleTest, EmitHitsWhatTheOriginalHits) {
  const Rule& rule = GetParam();
  std::optional<RegexTree> tree = Parse(rule.expression, rule.flags);
  ASSERT_TRUE(tree);
  const std::string emitted = tree->Emit();
  SCOPED_TRACE("emitted " + emitted);
  auto want = Original(rule);
  auto got = Matcher::ForTree(*tree);
  ASSERT_NE(want, nullptr);
  ASSERT_NE(got, nullptr);
  // Hyperscan refuses lookaround; PCRE2 checks those, and all the others
  // too.
  Flags plain;
  plain.multiline = tree->multiline();
  std::string error;
  auto want_pcre2 = detail::Pcre2Pattern::Compile(rule.expression,
                                                  FlagsOf(rule.flags), &error);
  auto got_pcre2 = detail::Pcre2Pattern::Compile(emitted, plain, &error);
  ASSERT_NE(want_pcre2, nullptr);
  ASSERT_NE(got_pcre2, nullptr) << error;
  auto scratch = detail::Pcre2Scratch::Create(10000000, 100000);
  int hits = 0;
  const std::vector<std::string> texts = TextsFor(rule, *tree, 3000);
  for (const std::string& text : texts) {
    const bool hit = want->Hits(text);
    hits += hit;
    ASSERT_EQ(got->Hits(text), hit) << "text \"" << text << "\"";
    const auto units = detail::AsPcre2Units(text);
    ASSERT_EQ(got_pcre2->Match(units, *scratch),
              want_pcre2->Match(units, *scratch))
        << "PCRE2, text \"" << text << "\"";
  }
  // Both outcomes exercised.
  EXPECT_GT(hits, 100);
  EXPECT_LT(hits, static_cast<int>(texts.size()));
}

TEST_P(RuleTest, RewritesHitEveryTextTheOriginalHits) {
  const Rule& rule = GetParam();
  std::optional<RegexTree> tree = Parse(rule.expression, rule.flags);
  ASSERT_TRUE(tree);
  auto original = Original(rule);
  ASSERT_NE(original, nullptr);
  std::vector<std::string> hit_texts;
  for (std::string& text : TextsFor(rule, *tree, 3000)) {
    if (original->Hits(text)) hit_texts.push_back(std::move(text));
  }
  ASSERT_GT(hit_texts.size(), 100u);

  // The separator-deleted image.
  const RegexTree image = tree->Project(AlnumBytes()).TrimEdges();
  if (!image.Nullable()) {
    SCOPED_TRACE("projection " + image.Emit());
    auto projected = Matcher::ForTree(image);
    ASSERT_NE(projected, nullptr);
    std::string deleted;
    for (const std::string& text : hit_texts) {
      DeleteBytesOutside(text, AlnumBytes(), &deleted);
      ASSERT_TRUE(projected->Hits(deleted)) << "text \"" << text << "\"";
    }
  }

  // Windows of the assertion-free form.
  for (const RegexTree& window : tree->DropWordAssertions().Windows(10)) {
    SCOPED_TRACE("window " + window.Emit());
    ASSERT_FALSE(window.Nullable());
    auto matcher = Matcher::ForTree(window);
    ASSERT_NE(matcher, nullptr);
    for (const std::string& text : hit_texts) {
      ASSERT_TRUE(matcher->Hits(text)) << "text \"" << text << "\"";
    }
  }

  // Widened repeats.
  const RegexTree widened = tree->Widen();
  SCOPED_TRACE("widened " + widened.Emit());
  auto matcher = Matcher::ForTree(widened);
  ASSERT_NE(matcher, nullptr);
  for (const std::string& text : hit_texts) {
    ASSERT_TRUE(matcher->Hits(text)) << "text \"" << text << "\"";
  }
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleTest, testing::ValuesIn(Rules()));

TEST(RegexTreeRules, MostProjectionsNeedALiteral) {
  // So that the projection check above is not vacuous.
  int useful = 0;
  for (const Rule& rule : Rules()) {
    std::optional<RegexTree> tree = Parse(rule.expression, rule.flags);
    ASSERT_TRUE(tree) << rule.expression;
    const RegexTree image = tree->Project(AlnumBytes()).TrimEdges();
    useful += !image.Nullable() && image.RequiredLiteralLength() >= 2;
  }
  EXPECT_GE(useful, static_cast<int>(Rules().size()) * 2 / 3);
}

// ---- Rewrites by example ----

TEST(RegexTreeRewrite, ProjectsAsTheHeaderSays) {
  std::optional<RegexTree> tree = Parse("v[_\\W]{0,3}iagra", "i");
  ASSERT_TRUE(tree);
  EXPECT_EQ(tree->Project(AlnumBytes()).TrimEdges().Emit(),
            "(?:[Vv][Ii][Aa][Gg][Rr][Aa])");
  // A set that also holds deleted bytes becomes optional.
  EXPECT_EQ(Parse("v[i!1]a")->Project(AlnumBytes()).Emit(), "(?:v[1i]?a)");
  // Anchors and lookarounds disappear; so does what was all separators.
  EXPECT_EQ(Parse("^\\s*a\\b(?=x)[-.]+b$", "m")->Project(AlnumBytes()).Emit(),
            "(?:ab)");
  // (?:a|-) -> (?:a)?.
  EXPECT_EQ(Parse("x(?:ab|-)y")->Project(AlnumBytes()).Emit(), "(?:x(?:ab)?y)");
}

TEST(RegexTreeRewrite, TrimsNullableEdges) {
  EXPECT_EQ(Parse("\\s*a+b?\\W*")->TrimEdges().Emit(), "a+");
  EXPECT_EQ(Parse("a?b?")->TrimEdges().Emit(), "b?");
  EXPECT_EQ(Parse("a|b?")->TrimEdges().Emit(), "(?:a|b?)");
}

TEST(RegexTreeRewrite, WidensBoundedRepeats) {
  EXPECT_EQ(Parse("a{2,5}b{0,1}c{3}d{1,}(?:ef){0,4}")->Widen().Emit(),
            "(?:a{2,}b?c{3,}d+(?:ef)*)");
}

TEST(RegexTreeRewrite, DropsWordAssertionsOnly) {
  EXPECT_EQ(Parse("\\bab\\B(?!c)^$\\A\\z\\Z")->DropWordAssertions().Emit(),
            "(?:ab^$\\A\\z\\Z)");
  EXPECT_EQ(Parse("(?:\\b|\\s)x")->DropWordAssertions().Emit(),
            "(?:[\\x09-\\x0d\\x20]?x)");
}

TEST(RegexTreeRewrite, WindowsAreRunsOfTheTopLevelSequence) {
  std::vector<std::string> windows;
  for (const RegexTree& w : Parse("a\\s*bc?")->Windows(2)) {
    windows.push_back(w.Emit());
  }
  EXPECT_EQ(windows, (std::vector<std::string>{"a", "(?:a[\\x09-\\x0d\\x20]*)",
                                               "(?:[\\x09-\\x0d\\x20]*b)", "b",
                                               "(?:bc?)"}));
  // A whole pattern that is no sequence is one item.
  ASSERT_EQ(Parse("abc|d")->Windows(10).size(), 1u);
  EXPECT_TRUE(Parse("a*")->Windows(10).empty());
  EXPECT_TRUE(Parse("abc")->Windows(0).empty());
  // m carries over.
  EXPECT_TRUE(Parse("^ab", "m")->Windows(3)[0].multiline());
  EXPECT_FALSE(Parse("^ab")->Windows(3)[0].multiline());
}

TEST(RegexTreeEmit, WrapsLookaroundsInTheirFlags) {
  EXPECT_EQ(Emitted("foo(?!bar)"), "(?:foo(?!bar))");
  EXPECT_EQ(Emitted("fo(?!b.r)", "i"), "(?:[Ff][Oo](?i:(?!b.r)))");
  EXPECT_EQ(Emitted("fo(?!b.r)", "s"), "(?:fo(?s:(?!b.r)))");
  EXPECT_EQ(Emitted("fo(?<=o)", "ims"), "(?:[Ff][Oo](?is:(?<=o)))");
}

TEST(RegexTreeEmit, SimplifiesWithoutChangingTheMeaning) {
  EXPECT_EQ(Emitted("(?:a?){2,5}b(?:c*)+d(?:e?)+"), "(?:a{0,5}bc*de*)");
  EXPECT_EQ(Emitted("ab|c|ab|d|(?:e|ab)"), "(?:[c-e]|(?:ab))");
  EXPECT_EQ(Emitted("x(?:ab|)"), "(?:x(?:ab)?)");
  // The empty branch stays when the rest may fail without a byte.
  EXPECT_EQ(Emitted("x(?:\\b|)"), "(?:x(?:\\b|))");
  EXPECT_EQ(Emitted("(?:(?:a))b{1}c{0}"), "(?:ab)");
}

TEST(RegexTreeEmit, WritesFlagsIntoTheSets) {
  EXPECT_EQ(Emitted("a.b", ""), "(?:a[\\x00-\\x09\\x0b-\\xff]b)");
  EXPECT_EQ(Emitted("a.b", "s"), "(?:a[\\x00-\\xff]b)");
  EXPECT_EQ(Emitted("^a$", "m"), "(?:^a$)");
  EXPECT_TRUE(Parse("^a$", "m")->multiline());
  EXPECT_FALSE(Parse("^a$", "i")->multiline());
  EXPECT_EQ(Emitted("a{2}+b*?"), "(?:a{2}b*)");  // possessive: greedy
}

// ---- Analysis ----

TEST(RegexTreeAnalysis, RequiredLiteralLength) {
  struct Example {
    const char* expression;
    const char* flags;
    size_t length;
  };
  for (const Example& example : std::vector<Example>{
           {"viagra", "", 6},
           {"viagra", "i", 6},
           {"[_\\W]{0,3}v[_\\W]{0,3}i", "", 1},
           {"(?:cat|dog)s", "", 4},
           {"a|b", "", 1},
           {".*", "", 0},
           {"(?:foo)?bar", "", 3},
           {"\\bfree\\s+money\\b", "i", 5},
           {"a\\d+b", "", 1},
           {"(?:ab){3}", "", 6},
           {"x|\\d", "", 0},
       }) {
    EXPECT_EQ(Parse(example.expression, example.flags)->RequiredLiteralLength(),
              example.length)
        << example.expression << "/" << example.flags;
  }
}

TEST(RegexTreeAnalysis, Nullable) {
  EXPECT_TRUE(Parse("")->Nullable());
  EXPECT_TRUE(Parse("a*")->Nullable());
  EXPECT_TRUE(Parse("\\b^(?=a)")->Nullable());
  EXPECT_TRUE(Parse("a|")->Nullable());
  EXPECT_FALSE(Parse("a+")->Nullable());
  EXPECT_FALSE(Parse("a?b")->Nullable());
  EXPECT_FALSE(Parse("(?:a?b?){1,3}c")->Nullable());
}

// ---- Deleting bytes ----

TEST(RegexTreeDelete, KeepsOnlyTheKeptBytes) {
  std::string out = "stale";
  DeleteBytesOutside(
      "V-i_a G.r\xe9"
      "a! 42\n",
      AlnumBytes(), &out);
  EXPECT_EQ(out, "ViaGra42");
  DeleteBytesOutside("", AlnumBytes(), &out);
  EXPECT_EQ(out, "");
  ByteSet dots;
  dots.set('.');
  DeleteBytesOutside("a.b..c", dots, &out);
  EXPECT_EQ(out, "...");
  EXPECT_EQ(AlnumBytes().count(), 62u);
  EXPECT_TRUE(AlnumBytes()['0'] && AlnumBytes()['z'] && AlnumBytes()['Z']);
  EXPECT_FALSE(AlnumBytes()['_'] || AlnumBytes()[0xe9]);
}

}  // namespace
}  // namespace inboxsim::scan
