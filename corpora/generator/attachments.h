// Attachment payloads for the synthetic corpus: bytes that start like the
// file type they claim (PDF header, ZIP local file header, PNG chunks, JPEG
// markers, PE "MZ" stub) followed by random filler, so magic-number and
// extension checks behave as on real mail without shipping real files.
//
//   Attachment a = MakeAttachment(rng, /*is_spam=*/false);
//   // a.filename "budget_2023-03.pdf", a.content_type "application/pdf"
//
// Deterministic from the Rng; thread-compatible.
#ifndef INBOXSIM_CORPORA_GENERATOR_ATTACHMENTS_H_
#define INBOXSIM_CORPORA_GENERATOR_ATTACHMENTS_H_

#include <string>
#include <string_view>

#include "corpora/generator/deterministic_rng.h"

namespace inboxsim::gen::detail {

struct Attachment {
  std::string filename;      // ASCII; may contain spaces
  std::string content_type;  // e.g. "application/pdf"
  std::string bytes;
};

// A file attached to a ham or spam message. Spam sometimes carries
// executables, scripts and macro documents (.exe .scr .js .docm .xlsm).
// Without `allow_large` the payload stays small, so a message with several
// attachments keeps within the corpus's ~100 KB ceiling.
Attachment MakeAttachment(Rng& rng, bool is_spam, bool allow_large = true);

// An image for a multipart/related part, referenced from HTML by cid.
Attachment MakeInlineImage(Rng& rng, int number);

}  // namespace inboxsim::gen::detail

#endif  // INBOXSIM_CORPORA_GENERATOR_ATTACHMENTS_H_
