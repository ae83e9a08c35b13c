#include "sim/mime/archive_members.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>

#include "sim/core/text.h"

namespace inboxsim::mime {
namespace {

constexpr std::string_view kArchiveExtensions[] = {
    ".zip", ".rar", ".7z",  ".tar", ".tgz", ".tar.gz", ".tbz2", ".txz",
    ".cab", ".iso", ".jar", ".arj", ".lzh", ".img",    ".xz",   ".gz"};
constexpr std::string_view kArchiveTypes[] = {
    "application/zip",
    "application/x-zip-compressed",
    "application/x-rar",
    "application/x-rar-compressed",
    "application/vnd.rar",
    "application/x-7z-compressed",
    "application/x-tar",
    "application/gzip",
    "application/x-gzip",
    "application/x-compressed",
    "application/vnd.ms-cab-compressed",
    "application/x-iso9660-image",
    "application/java-archive"};

// Decompressed bytes one archive may cost to list.
constexpr int64_t kMaxDecompressedBytes = int64_t{64} << 20;

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};

}  // namespace

bool LooksLikeArchive(std::string_view filename,
                      std::string_view content_type) {
  for (std::string_view extension : kArchiveExtensions) {
    if (EndsWithIgnoreCase(TrimAscii(filename), extension)) return true;
  }
  for (std::string_view type : kArchiveTypes) {
    if (EqualsIgnoreCase(content_type, type)) return true;
  }
  return false;
}

ArchiveListing ListArchiveMembers(std::string_view bytes, size_t max_members) {
  ArchiveListing listing;
  std::unique_ptr<archive, ArchiveFree> reader(archive_read_new());
  if (!reader || bytes.empty()) {
    listing.damaged = true;
    return listing;
  }
  // Only archive formats mail carries, and only filters libarchive decodes
  // itself: format_all would let an attachment name local files for the
  // mtree reader to open, and filter_all would run external programs.
  for (auto support :
       {archive_read_support_format_zip, archive_read_support_format_rar,
        archive_read_support_format_rar5, archive_read_support_format_7zip,
        archive_read_support_format_tar, archive_read_support_format_cab,
        archive_read_support_format_iso9660, archive_read_support_format_lha,
        archive_read_support_filter_gzip, archive_read_support_filter_bzip2,
        archive_read_support_filter_xz}) {
    support(reader.get());
  }
  if (archive_read_open_memory(reader.get(), bytes.data(), bytes.size()) !=
      ARCHIVE_OK) {
    listing.damaged = true;
    return listing;
  }
  archive_entry* entry = nullptr;
  for (;;) {
    const int status = archive_read_next_header(reader.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status < ARCHIVE_WARN) {
      listing.damaged = true;
      break;
    }
    if (listing.names.size() == max_members) {
      listing.truncated = true;
      break;
    }
    const char* name = archive_entry_pathname_utf8(entry);
    if (name == nullptr) name = archive_entry_pathname(entry);
    if (name != nullptr && archive_entry_filetype(entry) != AE_IFDIR)
      listing.names.emplace_back(name);
    // Members are skipped, not read: only the directory matters. In a
    // compressed stream (tar.gz, 7z) skipping decompresses, so a bomb could
    // cost gigabytes of work: past the budget the listing stops, damaged.
    archive_read_data_skip(reader.get());
    if (archive_filter_bytes(reader.get(), 0) > kMaxDecompressedBytes) {
      listing.damaged = true;
      break;
    }
  }
  return listing;
}

}  // namespace inboxsim::mime
