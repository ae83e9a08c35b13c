// ByteSource: one input's bytes (a file, stdin, a compressed stream) handed
// out as windows, so a corpus of any size is read with bounded memory.
//
//   Result<std::unique_ptr<ByteSource>> source =
//   OpenByteSource("spam.mbox.gz"); Result<Window> window =
//   (*source)->WindowFrom(0, 1 << 20); window->view()  // bytes from
//   window->offset on; shares ownership of them
//
// Plain files are memory-mapped (windows of the mapping, nothing copied);
// stdin and compressed files (.gz .bz2 .xz .zst, recognised by their magic
// bytes, not their names) are read as streams through libarchive.
// A ByteSource is used by one thread; the Windows it returns may be read by
// any number of threads and keep their bytes alive.
#ifndef INBOXSIM_IO_BYTE_SOURCE_H_
#define INBOXSIM_IO_BYTE_SOURCE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sim/core/result.h"

namespace inboxsim::io {

// Bytes kept alive by whoever holds a pointer to them.
class Buffer {
 public:
  virtual ~Buffer() = default;
  virtual std::string_view bytes() const = 0;
};

struct Window {
  std::shared_ptr<const Buffer> buffer;
  uint64_t offset = 0;       // position of bytes()[0] in the whole input
  bool reaches_end = false;  // the window holds the input's last byte
  std::string_view view() const {
    return buffer ? buffer->bytes() : std::string_view();
  }
  uint64_t end_offset() const { return offset + view().size(); }
};

enum class Compression : unsigned char { kNone, kGzip, kBzip2, kXz, kZstd };

// Recognises a compressed stream by its first bytes.
Compression DetectCompression(std::string_view first_bytes);
std::string_view CompressionName(Compression compression);

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // A window starting at or before `from` and holding at least `min_bytes`
  // after it, or all that remains. Calls must not go backwards: `from` is at
  // least the `from` of the previous call. Fails with kUnreadable or
  // kDecompressError (the message names the path and the library's reason).
  virtual Result<Window> WindowFrom(uint64_t from, size_t min_bytes) = 0;
  virtual Compression compression() const = 0;
  // An error met after the last window was filled (a stream that broke off
  // mid-way: the bytes before the damage came as a final window). Returned
  // once; nullopt when there is none.
  virtual std::optional<Error> TakeDeferredError() { return std::nullopt; }
};

// Opens `path` ("-" for standard input). Fails with kBadInput when the path
// does not exist or is not a regular file, kUnreadable when it cannot be read.
Result<std::unique_ptr<ByteSource>> OpenByteSource(const std::string& path);

}  // namespace inboxsim::io

#endif  // INBOXSIM_IO_BYTE_SOURCE_H_
