#include "sim/io/byte_source.h"

#include <archive.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <cstring>
#include <utility>
#include <vector>

namespace inboxsim::io {
namespace {

// A mapping this large covers thousands of messages per window while the
// resident set stays bounded; a message larger than a window grows it.
constexpr size_t kMapWindowBytes = 8u << 20;
// Small files are cheaper to read() than to map and unmap.
constexpr size_t kReadWholeFileBelowBytes = 256u << 10;
// Streams (stdin, decompressors) are read in blocks of this size.
constexpr size_t kStreamBlockBytes = 1u << 20;
// The most a stream is asked for at once (see StreamSource::WindowFrom).
constexpr size_t kDecodeStepBytes = 64u << 10;

std::string ErrnoText(int error) { return std::strerror(error); }

// Heap bytes that are not zero-filled first (std::string::resize would
// clear every byte before read() overwrites it).
class HeapBuffer final : public Buffer {
 public:
  explicit HeapBuffer(size_t capacity)
      : data_(capacity > 0 ? new char[capacity] : nullptr),
        capacity_(capacity) {}
  std::string_view bytes() const override { return {data_.get(), size_}; }
  char* data() { return data_.get(); }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  void set_size(size_t size) { size_ = size; }

 private:
  std::unique_ptr<char[]> data_;
  size_t capacity_;
  size_t size_ = 0;
};

class MappedBuffer final : public Buffer {
 public:
  MappedBuffer(void* address, size_t mapped_bytes, size_t skip, size_t length)
      : address_(address),
        mapped_bytes_(mapped_bytes),
        skip_(skip),
        length_(length) {}
  ~MappedBuffer() override { munmap(address_, mapped_bytes_); }
  std::string_view bytes() const override {
    return {static_cast<const char*>(address_) + skip_, length_};
  }

 private:
  void* address_;
  size_t mapped_bytes_;
  size_t skip_;
  size_t length_;
};

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd = -1) : fd_(fd) {}
  FileDescriptor(FileDescriptor&& other) noexcept
      : fd_(std::exchange(other.fd_, -1)) {}
  FileDescriptor& operator=(FileDescriptor&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  ~FileDescriptor() {
    if (fd_ > 0) close(fd_);  // never close stdin (0): the process may need it
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// Reads up to `size` bytes, retrying on EINTR; -1 with errno on failure.
ssize_t ReadSome(int fd, char* data, size_t size) {
  for (;;) {
    const ssize_t got = read(fd, data, size);
    if (got >= 0 || errno != EINTR) return got;
  }
}

class MappedFileSource final : public ByteSource {
 public:
  MappedFileSource(std::string path, FileDescriptor fd, uint64_t size)
      : path_(std::move(path)), fd_(std::move(fd)), size_(size) {}

  Result<Window> WindowFrom(uint64_t from, size_t min_bytes) override {
    Window window;
    const uint64_t page = static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
    const uint64_t start = std::min(from, size_) / page * page;
    const uint64_t wanted =
        (from - start) + std::max<uint64_t>(min_bytes, kMapWindowBytes);
    const uint64_t length = std::min<uint64_t>(wanted, size_ - start);
    window.offset = start;
    window.reaches_end = start + length == size_;
    if (length == 0) {
      window.buffer = std::make_shared<HeapBuffer>(0);
      return window;
    }
    void* address = mmap(nullptr, length, PROT_READ, MAP_PRIVATE, fd_.get(),
                         static_cast<off_t>(start));
    if (address == MAP_FAILED) {
      return Error{ErrorCode::kUnreadable, path_,
                   "cannot map: " + ErrnoText(errno)};
    }
    madvise(address, length, MADV_SEQUENTIAL);  // a hint; failure is harmless
    window.buffer = std::make_shared<MappedBuffer>(address, length, 0, length);
    return window;
  }
  Compression compression() const override { return Compression::kNone; }

 private:
  std::string path_;
  FileDescriptor fd_;
  uint64_t size_;
};

// A sequential reader of bytes: a file descriptor or a decompressor.
class Stream {
 public:
  virtual ~Stream() = default;
  // Reads up to `max_bytes` into `data`; 0 at the end. Errors as values.
  virtual Result<size_t> Read(char* data, size_t max_bytes) = 0;
};

class FdStream final : public Stream {
 public:
  FdStream(std::string path, FileDescriptor fd, std::string prefix)
      : path_(std::move(path)),
        fd_(std::move(fd)),
        prefix_(std::move(prefix)) {}

  Result<size_t> Read(char* data, size_t max_bytes) override {
    if (!prefix_.empty()) {
      const size_t taken = std::min(max_bytes, prefix_.size());
      std::memcpy(data, prefix_.data(), taken);
      prefix_.erase(0, taken);
      return taken;
    }
    const ssize_t got = ReadSome(fd_.get(), data, max_bytes);
    if (got < 0)
      return Error{ErrorCode::kUnreadable, path_,
                   "read failed: " + ErrnoText(errno)};
    return static_cast<size_t>(got);
  }

 private:
  std::string path_;
  FileDescriptor fd_;
  std::string prefix_;  // bytes already read to sniff the compression
};

// libarchive's "raw" format over any of its filters: one API for gzip,
// bzip2, xz and zstd, fed from a FdStream through callbacks.
class DecompressStream final : public Stream {
 public:
  DecompressStream(std::string path, std::unique_ptr<FdStream> input)
      : path_(std::move(path)),
        input_(std::move(input)),
        archive_(archive_read_new()) {}
  ~DecompressStream() override {
    if (archive_ != nullptr) archive_read_free(archive_);
  }

  Status Open() {
    if (archive_ == nullptr)
      return Error{ErrorCode::kInternal, path_, "archive_read_new failed"};
    archive_read_support_filter_all(archive_);
    archive_read_support_format_raw(archive_);
    if (archive_read_open(archive_, this, nullptr,
                          &DecompressStream::ReadCallback,
                          nullptr) != ARCHIVE_OK) {
      return LibraryError();
    }
    archive_entry* entry = nullptr;
    if (archive_read_next_header(archive_, &entry) != ARCHIVE_OK)
      return LibraryError();
    return Ok{};
  }

  Result<size_t> Read(char* data, size_t max_bytes) override {
    const la_ssize_t got = archive_read_data(archive_, data, max_bytes);
    if (got < 0) return LibraryError();
    return static_cast<size_t>(got);
  }

 private:
  static la_ssize_t ReadCallback(archive*, void* self_pointer,
                                 const void** block) {
    auto* self = static_cast<DecompressStream*>(self_pointer);
    Result<size_t> got =
        self->input_->Read(self->block_.data(), self->block_.size());
    if (!got) {
      self->input_error_ = got.error().message;
      return -1;
    }
    *block = self->block_.data();
    return static_cast<la_ssize_t>(*got);
  }

  Error LibraryError() const {
    std::string reason = input_error_.empty()
                             ? archive_error_string(archive_) == nullptr
                                   ? "unknown decompression error"
                                   : archive_error_string(archive_)
                             : input_error_;
    return Error{ErrorCode::kDecompressError, path_,
                 "cannot decompress: " + reason};
  }

  std::string path_;
  std::unique_ptr<FdStream> input_;
  archive* archive_;
  std::vector<char> block_ = std::vector<char>(kStreamBlockBytes);
  std::string input_error_;
};

class StreamSource final : public ByteSource {
 public:
  StreamSource(std::unique_ptr<Stream> stream, Compression compression,
               size_t block_bytes)
      : stream_(std::move(stream)),
        compression_(compression),
        block_bytes_(block_bytes) {}

  Result<Window> WindowFrom(uint64_t from, size_t min_bytes) override {
    assert(from >= current_.offset);
    const std::string_view kept = current_.view().substr(
        std::min<uint64_t>(from - current_.offset, current_.view().size()));
    const size_t wanted = std::max(min_bytes, block_bytes_);
    auto buffer = std::make_shared<HeapBuffer>(kept.size() + wanted);
    if (!kept.empty()) std::memcpy(buffer->data(), kept.data(), kept.size());
    buffer->set_size(kept.size());
    while (!at_end_ && buffer->size() < buffer->capacity()) {
      // Small steps: a decompressor that meets damage fails the whole call,
      // losing what it decoded in it, so at most one step is lost.
      const size_t step =
          std::min(buffer->capacity() - buffer->size(), kDecodeStepBytes);
      Result<size_t> got = stream_->Read(buffer->data() + buffer->size(), step);
      if (!got) {
        // Keep what decompressed before the damage: the window ends here and
        // the error is reported once the caller has used it.
        if (buffer->size() == kept.size()) return got.error();
        deferred_error_ = got.error();
        at_end_ = true;
        break;
      }
      if (*got == 0) at_end_ = true;
      buffer->set_size(buffer->size() + *got);
    }
    Window window;
    window.offset = from;
    window.reaches_end = at_end_;
    window.buffer = std::move(buffer);
    current_ = window;
    return window;
  }
  Compression compression() const override { return compression_; }
  std::optional<Error> TakeDeferredError() override {
    return std::exchange(deferred_error_, {});
  }

 private:
  std::unique_ptr<Stream> stream_;
  std::optional<Error> deferred_error_;
  Compression compression_;
  size_t block_bytes_;
  Window current_;
  bool at_end_ = false;
};

// A small regular file, read whole at open: one allocation of its size.
class WholeFileSource final : public ByteSource {
 public:
  explicit WholeFileSource(std::shared_ptr<const Buffer> bytes) {
    window_.buffer = std::move(bytes);
    window_.reaches_end = true;
  }
  Result<Window> WindowFrom(uint64_t, size_t) override { return window_; }
  Compression compression() const override { return Compression::kNone; }

 private:
  Window window_;
};

// A small file's bytes, `size` of them or fewer when it shrank meanwhile
// (one read() for the whole file, its magic number included).
Result<std::shared_ptr<HeapBuffer>> ReadSmallFile(const std::string& path,
                                                  int fd, size_t size) {
  auto buffer = std::make_shared<HeapBuffer>(size);
  while (buffer->size() < buffer->capacity()) {
    const ssize_t got = ReadSome(fd, buffer->data() + buffer->size(),
                                 buffer->capacity() - buffer->size());
    if (got < 0)
      return Error{ErrorCode::kUnreadable, path,
                   "read failed: " + ErrnoText(errno)};
    if (got == 0) break;
    buffer->set_size(buffer->size() + static_cast<size_t>(got));
  }
  return buffer;
}

// Reads the first bytes (enough for any magic number) without losing them.
Result<std::string> ReadPrefix(const std::string& path, int fd) {
  constexpr size_t kMagicBytes = 6;
  std::string prefix(kMagicBytes, '\0');
  size_t have = 0;
  while (have < kMagicBytes) {
    const ssize_t got = ReadSome(fd, prefix.data() + have, kMagicBytes - have);
    if (got < 0)
      return Error{ErrorCode::kUnreadable, path,
                   "read failed: " + ErrnoText(errno)};
    if (got == 0) break;
    have += static_cast<size_t>(got);
  }
  prefix.resize(have);
  return prefix;
}

}  // namespace

Compression DetectCompression(std::string_view first_bytes) {
  auto starts = [first_bytes](std::string_view magic) {
    return first_bytes.substr(0, magic.size()) == magic;
  };
  if (starts("\x1f\x8b")) return Compression::kGzip;
  if (starts("BZh")) return Compression::kBzip2;
  if (starts(std::string_view("\xfd"
                              "7zXZ\0",
                              6)))
    return Compression::kXz;
  if (starts("\x28\xb5\x2f\xfd")) return Compression::kZstd;
  return Compression::kNone;
}

std::string_view CompressionName(Compression compression) {
  switch (compression) {
    case Compression::kNone:
      return "none";
    case Compression::kGzip:
      return "gzip";
    case Compression::kBzip2:
      return "bzip2";
    case Compression::kXz:
      return "xz";
    case Compression::kZstd:
      return "zstd";
  }
  return "none";
}

Result<std::unique_ptr<ByteSource>> OpenByteSource(const std::string& path) {
  FileDescriptor fd;
  uint64_t size = 0;
  bool size_known = false;
  if (path == "-") {
    fd = FileDescriptor(STDIN_FILENO);
  } else {
    const int raw_fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (raw_fd < 0) {
      const int error = errno;
      const ErrorCode code =
          error == ENOENT ? ErrorCode::kBadInput : ErrorCode::kUnreadable;
      return Error{code, path, "cannot open: " + ErrnoText(error)};
    }
    fd = FileDescriptor(raw_fd);
    struct stat status;
    if (fstat(fd.get(), &status) != 0) {
      return Error{ErrorCode::kUnreadable, path,
                   "cannot stat: " + ErrnoText(errno)};
    }
    if (!S_ISREG(status.st_mode)) {
      return Error{ErrorCode::kBadInput, path, "not a regular file"};
    }
    size = static_cast<uint64_t>(status.st_size);
    size_known = true;
  }

  std::string prefix;  // bytes read to sniff the compression
  if (size_known && size < kReadWholeFileBelowBytes) {
    Result<std::shared_ptr<HeapBuffer>> whole =
        ReadSmallFile(path, fd.get(), static_cast<size_t>(size));
    if (!whole) return whole.error();
    if (DetectCompression((*whole)->bytes()) == Compression::kNone) {
      return std::unique_ptr<ByteSource>(
          std::make_unique<WholeFileSource>(std::move(*whole)));
    }
    prefix = std::string((*whole)->bytes());  // decompressed from here on
  } else {
    Result<std::string> read = ReadPrefix(path, fd.get());
    if (!read) return read.error();
    prefix = std::move(*read);
  }
  const Compression compression = DetectCompression(prefix);
  if (compression == Compression::kNone && size_known) {
    return std::unique_ptr<ByteSource>(
        std::make_unique<MappedFileSource>(path, std::move(fd), size));
  }
  auto input =
      std::make_unique<FdStream>(path, std::move(fd), std::move(prefix));
  if (compression == Compression::kNone) {
    return std::unique_ptr<ByteSource>(std::make_unique<StreamSource>(
        std::move(input), compression, kStreamBlockBytes));
  }
  auto decompress = std::make_unique<DecompressStream>(path, std::move(input));
  if (Status opened = decompress->Open(); !opened) return opened.error();
  return std::unique_ptr<ByteSource>(std::make_unique<StreamSource>(
      std::move(decompress), compression, kStreamBlockBytes));
}

}  // namespace inboxsim::io
