// Defects: what was wrong with a message that still parsed. Each is counted
// per message in the report, so damage and limits are visible, never hidden.
#ifndef INBOXSIM_MIME_DEFECT_H_
#define INBOXSIM_MIME_DEFECT_H_

#include <bitset>
#include <string_view>

namespace inboxsim::mime {

enum class Defect : unsigned char {
  kNoHeaderSeparator,  // header section ended without a blank line
  kInvalidHeaderLine,  // a header line that was neither field nor continuation
  kRaw8bitHeader,      // bytes >= 0x80 in a header outside encoded words
  kHeaderEncodingError,      // malformed RFC 2047 word or unknown charset in a
                             // header
  kTruncatedBase64,          // base64 body ended inside a quantum
  kInvalidBase64,            // bytes outside the base64 alphabet
  kInvalidQuotedPrintable,   // malformed or truncated =XX escapes
  kUnknownTransferEncoding,  // Content-Transfer-Encoding we do not know: read
                             // as 8bit
  kMissingBoundary,   // multipart without a boundary parameter: read as text
  kBoundaryNotFound,  // multipart whose boundary never appears
  kUnterminatedMultipart,  // multipart without its closing delimiter
  kUnknownCharset,         // a charset label we cannot read: windows-1252 used
  kInvalidCharsetBytes,    // bytes invalid in their declared charset
  kNulBytes,               // NUL bytes in the message
  kDamagedArchive,         // an attached archive whose directory is unreadable
  kMimeDepthLimit,     // limit: nesting deeper than ParseLimits::max_mime_depth
  kMimePartLimit,      // limit: more parts than ParseLimits::max_parts
  kHeaderFieldLimit,   // limit: more fields than ParseLimits::max_header_fields
  kHeaderLengthLimit,  // limit: a field longer than
                       // ParseLimits::max_header_field_bytes, cut there
  kUrlLimit,           // limit: more URLs than ParseLimits::max_urls
  kArchiveMemberLimit,  // limit: an archive with more members than
                        // ParseLimits::max_archive_members
  kTextSizeLimit,  // limit: decoded text beyond ParseLimits::max_text_bytes
};
inline constexpr int kDefectCount =
    static_cast<int>(Defect::kTextSizeLimit) + 1;

using DefectSet = std::bitset<kDefectCount>;

// Stable snake_case name for reports, e.g. "truncated_base64".
std::string_view DefectName(Defect defect);

// True for the defects that record a configured limit being hit.
bool IsLimitDefect(Defect defect);

}  // namespace inboxsim::mime

#endif  // INBOXSIM_MIME_DEFECT_H_
