#include "sim/mime/defect.h"

namespace inboxsim::mime {

std::string_view DefectName(Defect defect) {
  switch (defect) {
    case Defect::kNoHeaderSeparator:
      return "no_header_separator";
    case Defect::kInvalidHeaderLine:
      return "invalid_header_line";
    case Defect::kRaw8bitHeader:
      return "raw_8bit_header";
    case Defect::kHeaderEncodingError:
      return "header_encoding_error";
    case Defect::kTruncatedBase64:
      return "truncated_base64";
    case Defect::kInvalidBase64:
      return "invalid_base64";
    case Defect::kInvalidQuotedPrintable:
      return "invalid_quoted_printable";
    case Defect::kUnknownTransferEncoding:
      return "unknown_transfer_encoding";
    case Defect::kMissingBoundary:
      return "missing_boundary";
    case Defect::kBoundaryNotFound:
      return "boundary_not_found";
    case Defect::kUnterminatedMultipart:
      return "unterminated_multipart";
    case Defect::kUnknownCharset:
      return "unknown_charset";
    case Defect::kInvalidCharsetBytes:
      return "invalid_charset_bytes";
    case Defect::kNulBytes:
      return "nul_bytes";
    case Defect::kDamagedArchive:
      return "damaged_archive";
    case Defect::kMimeDepthLimit:
      return "mime_depth_limit";
    case Defect::kMimePartLimit:
      return "mime_part_limit";
    case Defect::kHeaderFieldLimit:
      return "header_field_limit";
    case Defect::kHeaderLengthLimit:
      return "header_length_limit";
    case Defect::kUrlLimit:
      return "url_limit";
    case Defect::kArchiveMemberLimit:
      return "archive_member_limit";
    case Defect::kTextSizeLimit:
      return "text_size_limit";
  }
  return "unknown";
}

bool IsLimitDefect(Defect defect) {
  switch (defect) {
    case Defect::kMimeDepthLimit:
    case Defect::kMimePartLimit:
    case Defect::kHeaderFieldLimit:
    case Defect::kHeaderLengthLimit:
    case Defect::kUrlLimit:
    case Defect::kArchiveMemberLimit:
    case Defect::kTextSizeLimit:
      return true;
    default:
      return false;
  }
}

}  // namespace inboxsim::mime
