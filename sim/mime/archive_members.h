// The file names inside an attached archive (zip, rar, 7z, tar, cab, iso,
// gzip'd tar ...), read from its directory through libarchive without
// extracting anything: gateways that ban executables look inside archives,
// and malware ships as invoice.zip holding invoice.exe.
//
//   ArchiveListing listing = ListArchiveMembers(decoded_zip, 1000);
//   listing.names -> {"invoice.pdf", "invoice.exe"}
#ifndef INBOXSIM_MIME_ARCHIVE_MEMBERS_H_
#define INBOXSIM_MIME_ARCHIVE_MEMBERS_H_

#include <string>
#include <string_view>
#include <vector>

namespace inboxsim::mime {

struct ArchiveListing {
  std::vector<std::string> names;  // in archive order, at most the limit
  bool truncated = false;          // more members than the limit
  bool damaged = false;            // the directory could not be read to its end
                                   // (names read before the damage are kept)
};

// True when `filename` or `content_type` names an archive format worth
// listing (.zip .rar .7z .tar .tgz .cab .iso .jar ..., application/zip ...).
bool LooksLikeArchive(std::string_view filename, std::string_view content_type);

// Lists the members of the archive in `bytes`; an unreadable or unknown
// format gives an empty, damaged listing. Encrypted zips still list names.
// Formats: zip, rar, rar5, 7z, tar, cab, iso9660, lha, with gzip, bzip2 or
// xz around them; listing stops (damaged) past 64 MiB of decompressed data.
ArchiveListing ListArchiveMembers(std::string_view bytes, size_t max_members);

}  // namespace inboxsim::mime

#endif  // INBOXSIM_MIME_ARCHIVE_MEMBERS_H_
