// Tokenizer: the evidence a token model counts in a message, as Graham- and
// Robinson-style spam filters (SpamBayes, SpamAssassin's Bayes) do. Words of
// the decoded Subject and of the visible body text, URL domains, the From
// domain, MIME content types and the mailer, each kind behind its own prefix
// so "subject:free" and "free" are different evidence.
//
//   std::vector<Token> tokens = Tokenize(message);   // unique, with text
//   std::vector<FeatureId> ids = FeatureIds(message);  // unique, sorted
//   HashToken("subject:free") == tokens[i].id for that token
//
// Words: ASCII is lower-cased and split at every ASCII byte that is not a
// letter or digit; bytes >= 0x80 (UTF-8 sequences) stay inside words, so a
// character is never cut and non-ASCII letters keep their case (folding
// them needs Unicode tables this library does not carry). Words shorter than
// kMinWordBytes are dropped; longer than kMaxWordBytes, pure ASCII ones
// (encoded junk, hashes) are dropped and others (unspaced CJK text) are cut
// to a UTF-8 character boundary. Numbers collapse to their digit count
// ("num:5"): the value of a number is rarely evidence, its shape can be.
//
// The token rules are part of every model's meaning: a change to them must
// bump kTokenizerVersion, which model files record.
//
// Stateless and thread-safe.
#ifndef INBOXSIM_MODEL_TOKENIZER_H_
#define INBOXSIM_MODEL_TOKENIZER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/mime/message.h"

namespace inboxsim::model {

// A token's 64-bit hash: what models count. Collisions among a million
// features are about 1 in 3e7 (birthday bound), far below the model's noise.
using FeatureId = uint64_t;

// Bumped whenever the tokens a message yields change.
inline constexpr uint32_t kTokenizerVersion = 1;

inline constexpr size_t kMinWordBytes = 3;   // "a", "to", "of": no evidence
inline constexpr size_t kMaxWordBytes = 40;  // longer words: see above
// Body text past this many bytes is not tokenized: a long body's tail adds
// little evidence, and tokenizing costs time linear in its length.
inline constexpr size_t kMaxBodyBytes = 256 * 1024;

struct Token {
  FeatureId id = 0;
  std::string text;  // "subject:free", "url:example.com", "free"
};

// FNV-1a (64-bit) of `token`: fixed forever, as model files hold it.
FeatureId HashToken(std::string_view token);

// Calls `visit(token)` for every token of `message` in message order,
// repeats included. The view is valid only during the call.
void ForEachToken(const mime::Message& message,
                  const std::function<void(std::string_view)>& visit);

// The message's distinct tokens (a token counts once per message, however
// often it occurs), in order of first occurrence.
std::vector<Token> Tokenize(const mime::Message& message);

// The ids of the message's distinct tokens, ascending. Replaces `*ids`.
void FeatureIds(const mime::Message& message, std::vector<FeatureId>* ids);

}  // namespace inboxsim::model

#endif  // INBOXSIM_MODEL_TOKENIZER_H_
