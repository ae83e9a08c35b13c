#include "sim/model/model_file.h"

#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

namespace inboxsim::model {
namespace {

constexpr std::string_view kMagic = "ibxtoken";
constexpr size_t kHeaderBytes = 40;
constexpr size_t kFeatureBytes = 16;
constexpr size_t kChecksumBytes = 8;

void PutU32(uint32_t value, std::string* out) {
  for (int i = 0; i < 4; ++i)
    out->push_back(static_cast<char>(value >> (8 * i)));
}
void PutU64(uint64_t value, std::string* out) {
  for (int i = 0; i < 8; ++i)
    out->push_back(static_cast<char>(value >> (8 * i)));
}
// Little-endian on any host; one load where the host is little-endian
// (decoding a 16 MB table byte by byte is several times slower).
template <typename T>
T GetLittleEndian(const char* bytes) {
  T value = 0;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&value, bytes, sizeof value);
  } else {
    for (int i = sizeof(T) - 1; i >= 0; --i)
      value = (value << 8) | static_cast<unsigned char>(bytes[i]);
  }
  return value;
}
uint32_t GetU32(const char* bytes) { return GetLittleEndian<uint32_t>(bytes); }
uint64_t GetU64(const char* bytes) { return GetLittleEndian<uint64_t>(bytes); }

Error BadModel(std::string_view where, std::string message) {
  return Error{ErrorCode::kBadInput, std::string(where),
               "not a usable token model: " + std::move(message)};
}

struct FileCloser {
  void operator()(FILE* file) const { std::fclose(file); }
};
using File = std::unique_ptr<FILE, FileCloser>;

}  // namespace

namespace detail {
uint64_t ModelChecksum(std::string_view bytes) {
  uint64_t hash = 0x6962787465737473ull;  // any fixed start: "ibxtests"
  for (size_t i = 0; i + 8 <= bytes.size(); i += 8) {
    hash ^= GetU64(bytes.data() + i);
    hash = std::rotl(hash, 31) * 0x9E3779B97F4A7C15ull;  // odd: invertible
  }
  return hash;
}
}  // namespace detail

std::string SerializeTokenModel(const TokenModel& model) {
  const std::vector<FeatureCounts>& features = model.features();
  std::string out;
  out.reserve(kHeaderBytes + kFeatureBytes * features.size() + kChecksumBytes);
  out.append(kMagic);
  PutU32(kTokenModelFormatVersion, &out);
  PutU32(kTokenizerVersion, &out);
  PutU64(model.spam_messages(), &out);
  PutU64(model.ham_messages(), &out);
  PutU64(features.size(), &out);
  for (const FeatureCounts& feature : features) {
    PutU64(feature.id, &out);
    PutU32(feature.spam, &out);
    PutU32(feature.ham, &out);
  }
  PutU64(detail::ModelChecksum(out), &out);
  return out;
}

Result<TokenModel> ParseTokenModel(std::string_view bytes,
                                   std::string_view where) {
  if (bytes.size() >= kMagic.size() && bytes.substr(0, kMagic.size()) != kMagic)
    return BadModel(where, "it does not start with \"ibxtoken\"");
  if (bytes.size() < kHeaderBytes + kChecksumBytes) {
    return BadModel(where, "truncated: " + std::to_string(bytes.size()) +
                               " bytes, shorter than the " +
                               std::to_string(kHeaderBytes + kChecksumBytes) +
                               "-byte header and checksum");
  }
  const uint32_t format = GetU32(bytes.data() + 8);
  if (format != kTokenModelFormatVersion) {
    return BadModel(where, "format version " + std::to_string(format) +
                               "; this inboxsim reads version " +
                               std::to_string(kTokenModelFormatVersion));
  }
  const uint32_t tokenizer = GetU32(bytes.data() + 12);
  if (tokenizer != kTokenizerVersion) {
    return BadModel(where, "trained with tokenizer version " +
                               std::to_string(tokenizer) +
                               "; this inboxsim tokenizes with version " +
                               std::to_string(kTokenizerVersion) +
                               ": train the model again");
  }
  const uint64_t spam_messages = GetU64(bytes.data() + 16);
  const uint64_t ham_messages = GetU64(bytes.data() + 24);
  const uint64_t count = GetU64(bytes.data() + 32);
  const size_t room = (bytes.size() - kHeaderBytes - kChecksumBytes);
  // Compared by division first: a corrupt count times 16 could overflow.
  if (count > room / kFeatureBytes ||
      count * kFeatureBytes + kHeaderBytes + kChecksumBytes != bytes.size()) {
    const bool short_file = count > room / kFeatureBytes;
    return BadModel(where,
                    std::string(short_file ? "truncated" : "trailing bytes") +
                        ": the header counts " + std::to_string(count) +
                        " features, but the file has " +
                        std::to_string(bytes.size()) + " bytes");
  }
  const size_t body = bytes.size() - kChecksumBytes;
  if (detail::ModelChecksum(bytes.substr(0, body)) !=
      GetU64(bytes.data() + body))
    return BadModel(where, "checksum mismatch: the file is damaged");
  if (spam_messages == 0 || ham_messages == 0) {
    return BadModel(where, "trained on " + std::to_string(spam_messages) +
                               " spam and " + std::to_string(ham_messages) +
                               " ham; it needs both");
  }
  std::vector<FeatureCounts> features(count);
  const char* entry = bytes.data() + kHeaderBytes;
  for (uint64_t i = 0; i < count; ++i, entry += kFeatureBytes) {
    features[i] = {GetU64(entry), GetU32(entry + 8), GetU32(entry + 12)};
    if (i > 0 && features[i].id <= features[i - 1].id) {
      return BadModel(where, "feature " + std::to_string(i) +
                                 " is out of order (ids must ascend)");
    }
  }
  return TokenModel(spam_messages, ham_messages, std::move(features));
}

Status SaveTokenModel(const TokenModel& model, const std::string& path) {
  const std::string bytes = SerializeTokenModel(model);
  const std::string temporary = path + ".tmp";
  auto fail = [&](const std::string& what) -> Status {
    const std::string reason = std::strerror(errno);
    std::remove(temporary.c_str());
    return Error{ErrorCode::kOutputError, path, what + ": " + reason};
  };
  {
    File file(std::fopen(temporary.c_str(), "wb"));
    if (!file) return fail("cannot create " + temporary);
    if (std::fwrite(bytes.data(), 1, bytes.size(), file.get()) !=
            bytes.size() ||
        std::fflush(file.get()) != 0) {
      return fail("cannot write " + temporary);
    }
    if (std::fclose(file.release()) != 0)
      return fail("cannot write " + temporary);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0)
    return fail("cannot rename " + temporary + " to " + path);
  return Ok{};
}

Result<TokenModel> LoadTokenModel(const std::string& path) {
  File file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    return Error{ErrorCode::kUnreadable, path,
                 std::string("cannot open: ") + std::strerror(errno)};
  }
  // Read straight into place, sized by the file: a 16 MB model is read
  // without intermediate copies. Reading on to EOF covers a file that
  // changed size meanwhile (or reports none, like a pipe).
  std::error_code size_error;
  const uintmax_t size = std::filesystem::file_size(path, size_error);
  std::string bytes(size_error ? 0 : size, '\0');
  size_t filled = std::fread(bytes.data(), 1, bytes.size(), file.get());
  bytes.resize(filled);
  char buffer[1 << 16];
  size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, file.get())) > 0)
    bytes.append(buffer, got);
  if (std::ferror(file.get())) {
    return Error{ErrorCode::kUnreadable, path,
                 std::string("cannot read: ") + std::strerror(errno)};
  }
  return ParseTokenModel(bytes, path);
}

}  // namespace inboxsim::model
