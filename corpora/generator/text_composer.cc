#include "corpora/generator/text_composer.h"

namespace inboxsim::gen::detail {
namespace {

constexpr int kMaxSmallNumber = 48;
// Money amounts: mostly modest, occasionally the absurd sums of lottery
// and loan spam.
constexpr int kMaxDollars = 4999;
constexpr int kMaxThousands = 950;
constexpr double kLargeAmountShare = 0.2;
// Tries before a name that fits the charset falls back to an ASCII one.
constexpr int kRepresentableTries = 4;

void CapitaliseFirst(std::string& text, size_t from) {
  if (from < text.size() && text[from] >= 'a' && text[from] <= 'z') {
    text[from] = static_cast<char>(text[from] - 'a' + 'A');
  }
}

}  // namespace

void RestoreSpaces(std::string& text) {
  for (char& c : text) {
    if (c == kUnbreakableSpace) c = ' ';
  }
}

std::string_view TextComposer::Representable(WordList names) {
  for (int i = 0; i < kRepresentableTries; ++i) {
    const std::string_view name = rng_.Pick(names);
    if (IsRepresentable(name, charset_)) return name;
  }
  return names[0];  // the lists start with ASCII names
}

std::string_view TextComposer::NativeWord() {
  const WordList words = kNativeWords[static_cast<int>(charset_)];
  if (charset_ == Charset::kUsAscii || words.empty()) return {};
  return rng_.Pick(words);
}

void TextComposer::Expand(std::string_view pattern, std::string& out) {
  size_t pos = 0;
  while (pos < pattern.size()) {
    const size_t open = pattern.find('{', pos);
    if (open == std::string_view::npos || open + 2 >= pattern.size() ||
        pattern[open + 2] != '}') {
      out.append(pattern.substr(pos));
      return;
    }
    out.append(pattern.substr(pos, open - pos));
    switch (pattern[open + 1]) {
      case 'n':
        out.append(rng_.Pick(kWorkNouns));
        break;
      case 'e':
        out.append(rng_.Pick(kEverydayNouns));
        break;
      case 'v':
        out.append(rng_.Pick(kVerbs));
        break;
      case 'V':
        out.append(rng_.Pick(kPastVerbs));
        break;
      case 'a':
        out.append(rng_.Pick(kAdjectives));
        break;
      case 't':
        out.append(rng_.Pick(kTechTerms));
        break;
      case 'd':
        out.append(rng_.Pick(kTimeExpressions));
        break;
      case 'p':
        out.append(FirstName());
        break;
      case 'c':
        out.append(company_);
        break;
      case '#':
        out.append(std::to_string(rng_.Uniform(2, kMaxSmallNumber)));
        break;
      case '$':
        out.push_back('$');
        if (rng_.Bernoulli(kLargeAmountShare)) {
          out.append(std::to_string(rng_.Uniform(1, kMaxThousands)))
              .append(",000");
        } else {
          out.append(std::to_string(rng_.Uniform(5, kMaxDollars)));
          out.append(".").append(std::to_string(rng_.Uniform(10, 99)));
        }
        break;
      case 'P':
        out.append(rng_.Pick(kProducts));
        break;
      case 'x':
        out.append(rng_.Pick(kSpamOffers));
        break;
      case 'm':
        out.append(rng_.Pick(kMedicines));
        break;
      case 'N': {
        const std::string_view word = NativeWord();
        out.append(word.empty() ? rng_.Pick(kAdjectives) : word);
        break;
      }
      case 'T': {
        const std::string_view phrase = rng_.Pick(trigger_pool_);
        const size_t start = out.size();
        out.append(phrase);
        for (size_t i = start; i < out.size(); ++i) {
          if (out[i] == ' ') out[i] = kUnbreakableSpace;
        }
        break;
      }
      default:
        out.append(pattern.substr(open, 3));  // not a slot: keep as written
        break;
    }
    pos = open + 3;
  }
}

std::string TextComposer::Sentence(WordList templates) {
  std::string out;
  Expand(rng_.Pick(templates), out);
  CapitaliseFirst(out, 0);
  return out;
}

std::string TextComposer::Paragraph(WordList templates, int min_sentences,
                                    int max_sentences) {
  const int count = rng_.Uniform(min_sentences, max_sentences);
  std::string out;
  constexpr size_t kTypicalSentenceBytes = 64;
  out.reserve(static_cast<size_t>(count) * kTypicalSentenceBytes);
  for (int i = 0; i < count; ++i) {
    if (i > 0) out.push_back(' ');
    const size_t start = out.size();
    Expand(rng_.Pick(templates), out);
    CapitaliseFirst(out, start);
  }
  return out;
}

}  // namespace inboxsim::gen::detail
