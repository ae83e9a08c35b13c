// The token model file: what `inboxsim train -o FILE` writes and profiles
// load. Binary, little-endian, versioned, checksummed:
//
//   offset    bytes  field
//   0         8      magic "ibxtoken"
//   8         4      format version (kTokenModelFormatVersion)
//   12        4      tokenizer version (kTokenizerVersion at training)
//   16        8      spam messages trained on
//   24        8      ham messages trained on
//   32        8      feature count N
//   40        16*N   features, ids strictly ascending: id u64, spam count
//                    u32, ham count u32 (messages holding the token)
//   40+16*N   8      checksum of bytes [0, 40+16*N): detail::ModelChecksum
//
// A million features is 16 MB and loads in about 0.15 s (2-core VM, Release;
// mostly page faults): one read, one pass to decode and check.
//
//   Status saved = SaveTokenModel(model, "model.bin");
//   Result<TokenModel> model = LoadTokenModel("model.bin");
//   if (!model) Print(model.error().ToString());  // "model.bin: truncated..."
#ifndef INBOXSIM_MODEL_MODEL_FILE_H_
#define INBOXSIM_MODEL_MODEL_FILE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/core/result.h"
#include "sim/model/token_model.h"

namespace inboxsim::model {

// Bumped whenever the layout above changes.
inline constexpr uint32_t kTokenModelFormatVersion = 1;

// The file's bytes.
std::string SerializeTokenModel(const TokenModel& model);

// Reads a model from its bytes; `where` names them in errors. Fails with
// kBadInput when the bytes are not a token model (magic), were written by
// another format or tokenizer version, are truncated or carry extra bytes,
// fail the checksum, or hold an unsorted table or no spam or ham.
Result<TokenModel> ParseTokenModel(std::string_view bytes,
                                   std::string_view where);

// Writes the model to `path` through a temporary file renamed into place, so
// a failed write never leaves half a model under the name. Fails with
// kOutputError naming the path and the system's reason.
Status SaveTokenModel(const TokenModel& model, const std::string& path);

// Reads and parses `path`. Fails with kUnreadable when it cannot be read,
// else as ParseTokenModel, `where` being the path.
Result<TokenModel> LoadTokenModel(const std::string& path);

namespace detail {
// The checksum the file ends with, of `bytes` (a multiple of 8 long): a
// word-at-a-time hash whose every step is a bijection of its state, so any
// single changed word changes it. It catches truncation and bit rot, not
// tampering. Exposed for tests that build damaged files.
uint64_t ModelChecksum(std::string_view bytes);
}  // namespace detail

}  // namespace inboxsim::model

#endif  // INBOXSIM_MODEL_MODEL_FILE_H_
