// Expands the sentence and subject templates of word_lists.h into text.
//
//   TextComposer composer(rng, Charset::kIso88591, "Bluepeak Labs",
//                         kTriggerPhrases);
//   std::string s = composer.Sentence(kWorkSentences);
//   // "Could you review the budget by Friday?"
//
// Output is UTF-8. Names and {N} words are drawn only from entries the
// message's charset can represent, so transcoding never needs '?'. Holds a
// reference to the caller's Rng; one composer per message, not shared.
#ifndef INBOXSIM_CORPORA_GENERATOR_TEXT_COMPOSER_H_
#define INBOXSIM_CORPORA_GENERATOR_TEXT_COMPOSER_H_

#include <string>
#include <string_view>

#include "corpora/generator/deterministic_rng.h"
#include "corpora/generator/mime_encoders.h"
#include "corpora/generator/word_lists.h"

namespace inboxsim::gen::detail {

// Stands for the spaces inside a trigger phrase until the text is rendered,
// so line wrapping never splits "act now" across two lines (a filter
// matching the phrase literally would then miss a trigger the corpus
// counted). RestoreSpaces() turns it back into ' '.
constexpr char kUnbreakableSpace = '\x01';
void RestoreSpaces(std::string& text);

class TextComposer {
 public:
  TextComposer(Rng& rng, Charset charset, std::string company,
               WordList trigger_pool)
      : rng_(rng),
        charset_(charset),
        company_(std::move(company)),
        trigger_pool_(trigger_pool) {}

  // Appends `pattern` with every {slot} filled (see word_lists.h).
  void Expand(std::string_view pattern, std::string& out);
  std::string Expand(std::string_view pattern) {
    std::string out;
    Expand(pattern, out);
    return out;
  }

  // One template from `templates`, expanded, first letter capitalised.
  std::string Sentence(WordList templates);
  // Between min and max sentences joined by spaces.
  std::string Paragraph(WordList templates, int min_sentences,
                        int max_sentences);
  // A sentence carrying one trigger phrase from the pool.
  std::string TriggerSentence() { return Sentence(kTriggerSentences); }

  // A name from the list that the charset can represent.
  std::string_view FirstName() { return Representable(kFirstNames); }
  std::string_view LastName() { return Representable(kLastNames); }
  // A non-ASCII word in the charset's repertoire ("" for us-ascii).
  std::string_view NativeWord();

  Rng& rng() { return rng_; }
  Charset charset() const { return charset_; }
  const std::string& company() const { return company_; }

 private:
  std::string_view Representable(WordList names);

  Rng& rng_;
  Charset charset_;
  std::string company_;
  WordList trigger_pool_;
};

}  // namespace inboxsim::gen::detail

#endif  // INBOXSIM_CORPORA_GENERATOR_TEXT_COMPOSER_H_
