#include "sim/scan/pattern_cache.h"

#include <fcntl.h>
#include <hs/hs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <system_error>

#include "sim/scan/pcre2_pattern.h"

namespace inboxsim::scan::detail {
namespace {

// Bump when the file layout or the way patterns are compiled changes (flag
// mapping, fallback rules): old files then miss instead of misleading.
// 3: RE2 runs what PCRE2 cannot compile. 4: modes and reasons as Hyperscan
// left them, before the PCRE2 fallbacks (PCRE2-32, RE2), which every load
// decides again. 5: a pattern too large for Hyperscan may be prefiltered by
// its widened form. 6: the start finders of the widened ones (a flag per
// pattern). 7: a count of databases, then each (the set's one for every
// text, one for ASCII texts, one for the others, then a start finder per
// flagged pattern). 8: widened forms kept. 9: a fourth layer (the
// separators-deleted prefilters of a tuned plan), then after the start
// finders the database of each pattern the plan confirms alone.
constexpr uint32_t kFormatVersion = 9;
constexpr std::string_view kMagic = "INBXSCAN";
// A count past this is a corrupt file: a set has a few databases and a
// start finder for each pattern too large for Hyperscan.
constexpr uint64_t kMaxDatabases = uint64_t{1} << 24;

void PutU32(std::string* out, uint32_t v) {
  for (int k = 0; k < 4; ++k) out->push_back(static_cast<char>(v >> (8 * k)));
}
void PutU64(std::string* out, uint64_t v) {
  for (int k = 0; k < 8; ++k) out->push_back(static_cast<char>(v >> (8 * k)));
}
void PutBytes(std::string* out, std::string_view bytes) {
  PutU64(out, bytes.size());
  out->append(bytes);
}

// Reads the little-endian fields PutU32/PutU64/PutBytes wrote; every read
// fails cleanly past the end, so a truncated file is just a miss.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  std::optional<uint64_t> U64(int width = 8) {
    if (bytes_.size() - pos_ < static_cast<size_t>(width)) return std::nullopt;
    uint64_t v = 0;
    for (int k = 0; k < width; ++k) {
      v |= uint64_t{static_cast<unsigned char>(bytes_[pos_ + k])} << (8 * k);
    }
    pos_ += width;
    return v;
  }
  std::optional<std::string_view> Bytes() {
    std::optional<uint64_t> size = U64();
    if (!size || bytes_.size() - pos_ < *size) return std::nullopt;
    std::string_view out = bytes_.substr(pos_, *size);
    pos_ += *size;
    return out;
  }
  size_t pos() const { return pos_; }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

std::string Pcre2Version() {
  char buffer[64] = {};
  if (pcre2_config(PCRE2_CONFIG_VERSION, buffer) < 0) return "unknown";
  return buffer;
}

Error CacheError(const std::string& path, std::string message) {
  return Error{ErrorCode::kUnreadable, path, std::move(message)};
}

// Closes a file descriptor and, unless released, removes the temporary
// file it names: no stray temp files when a write fails half-way.
class TempFile {
 public:
  TempFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  int fd() const { return fd_; }
  bool Close() {
    int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }
  void Release() { path_.clear(); }

 private:
  int fd_;
  std::string path_;
};

}  // namespace

uint64_t Fnv1a64(std::string_view bytes, uint64_t seed) {
  uint64_t h = seed;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

uint64_t Checksum64(std::string_view bytes) {
  // FNV-1a over 64-bit words: a byte-wise FNV walks a multi-megabyte
  // database at ~1 byte a cycle, which a warm start cannot afford; this does
  // eight bytes a step and still catches truncation and corruption.
  uint64_t h = 0xcbf29ce484222325ULL;
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes.data() + i, sizeof word);
    h = (h ^ word) * 0x100000001b3ULL;
    h ^= h >> 29;
  }
  return Fnv1a64(bytes.substr(i), h);
}

std::string CacheKey(const std::vector<PatternSpec>& specs) {
  std::string key;
  PutU32(&key, kFormatVersion);
  PutBytes(&key, hs_version());
  PutBytes(&key, Pcre2Version());
  PutU64(&key, specs.size());
  for (const PatternSpec& spec : specs) {
    PutBytes(&key, spec.expression);
    PutBytes(&key, spec.flags);
    PutU32(&key, spec.id);
  }
  return key;
}

std::string DefaultCacheDir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg != nullptr && xdg[0] == '/') {  // the spec ignores relative values
    return std::string(xdg) + "/inboxsim";
  }
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] != '\0') {
    return std::string(home) + "/.cache/inboxsim";
  }
  return "";
}

std::string KeyHash(std::string_view key) {
  static constexpr char kHex[] = "0123456789abcdef";
  const uint64_t h = Fnv1a64(key);
  std::string hex;
  for (int shift = 60; shift >= 0; shift -= 4) hex += kHex[(h >> shift) & 15];
  return hex;
}

std::string CachePath(const std::string& dir, std::string_view key) {
  return dir + "/hs-" + KeyHash(key) + ".db";
}

Result<CacheEntry> ReadCache(const std::string& path, std::string_view key) {
  std::optional<std::string> read = ReadWholeFile(path);
  if (!read) return CacheError(path, "no cache file");
  const std::string& bytes = *read;
  if (bytes.size() < kMagic.size() + 8 ||
      std::string_view(bytes).substr(0, kMagic.size()) != kMagic) {
    return CacheError(path, "not a cache file");
  }
  std::string_view body(bytes.data(), bytes.size() - 8);
  Reader checksum(std::string_view(bytes).substr(body.size()));
  if (checksum.U64() != Checksum64(body)) {
    return CacheError(path, "checksum mismatch (corrupt or truncated)");
  }
  Reader r(body.substr(kMagic.size()));
  std::optional<std::string_view> stored_key = r.Bytes();
  if (!stored_key) return CacheError(path, "truncated key");
  if (*stored_key != key) return CacheError(path, "written for other patterns");
  std::optional<uint64_t> count = r.U64();
  if (!count) return CacheError(path, "truncated pattern count");
  CacheEntry entry;
  for (uint64_t k = 0; k < *count; ++k) {
    std::optional<uint64_t> mode = r.U64(1);
    std::optional<uint64_t> start_finder = r.U64(1);
    std::optional<std::string_view> reason = r.Bytes();
    std::optional<std::string_view> widened = r.Bytes();
    if (!mode || !start_finder || !reason || !widened ||
        *mode > static_cast<uint64_t>(PatternMode::kUnsupported) ||
        *start_finder > 1) {
      return CacheError(path, "bad pattern record");
    }
    entry.patterns.push_back({static_cast<PatternMode>(*mode),
                              std::string(*reason), *start_finder == 1,
                              std::string(*widened)});
  }
  std::optional<uint64_t> databases = r.U64();
  if (!databases || *databases > kMaxDatabases) {
    return CacheError(path, "bad database count");
  }
  for (uint64_t k = 0; k < *databases; ++k) {
    std::optional<std::string_view> database = r.Bytes();
    if (!database) return CacheError(path, "truncated database");
    entry.databases.emplace_back(*database);
  }
  return entry;
}

Status WriteCache(const std::string& path, std::string_view key,
                  const CacheEntry& entry) {
  std::string bytes(kMagic);
  PutBytes(&bytes, key);
  PutU64(&bytes, entry.patterns.size());
  for (const CachedPattern& p : entry.patterns) {
    bytes.push_back(static_cast<char>(p.mode));
    bytes.push_back(p.start_finder ? 1 : 0);
    PutBytes(&bytes, p.reason);
    PutBytes(&bytes, p.widened);
  }
  PutU64(&bytes, entry.databases.size());
  for (const std::string& database : entry.databases)
    PutBytes(&bytes, database);
  PutU64(&bytes, Checksum64(bytes));

  return WriteFileAtomically(path, bytes);
}

std::optional<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return std::nullopt;
  // One read of the known size: character-wise stream iteration costs more
  // than deserializing the database.
  std::string bytes(static_cast<size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!in) return std::nullopt;
  return bytes;
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  std::error_code ec;
  std::filesystem::path target(path);
  std::filesystem::create_directories(target.parent_path(), ec);
  if (ec) return CacheError(path, "cannot create directory: " + ec.message());
  std::string temp_name = path + ".XXXXXX";
  int fd = ::mkstemp(temp_name.data());
  if (fd < 0) return CacheError(path, std::strerror(errno));
  TempFile temp(fd, temp_name);
  for (size_t done = 0; done < bytes.size();) {
    ssize_t n = ::write(temp.fd(), bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return CacheError(path, std::strerror(errno));
    done += static_cast<size_t>(n);
  }
  if (!temp.Close()) return CacheError(path, std::strerror(errno));
  if (::rename(temp_name.c_str(), path.c_str()) != 0) {
    return CacheError(path, std::strerror(errno));
  }
  temp.Release();
  return Ok{};
}

}  // namespace inboxsim::scan::detail
