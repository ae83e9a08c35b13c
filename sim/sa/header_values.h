// One header field's value as SpamAssassin 4 keeps it
// (Mail::SpamAssassin::Message::Node header(), get_header()). Internal to
// sim/sa.
//
//   detail::SaDecodedValue(field)  -> "Hello World\n"   (unfolded, RFC 2047)
//   detail::SaRawValue(field)      -> " =?utf-8?q?Hello?=\n World\n"
#ifndef INBOXSIM_SA_HEADER_VALUES_H_
#define INBOXSIM_SA_HEADER_VALUES_H_

#include <string>

#include "sim/mime/header.h"

namespace inboxsim::sa::detail {

// Unfolded (each line break and the white space after it one space),
// trimmed, RFC 2047 decoded to UTF-8 except for fields SpamAssassin leaves
// alone (Received, Message-ID, Date, References, List-* ...), then "\n".
std::string SaDecodedValue(const mime::HeaderField& field);

// As written after the colon: leading space, folds and the final line
// break kept (PerMsgStatus::_get reads raw_header() for :raw, :addr, :name).
std::string SaRawValue(const mime::HeaderField& field);

}  // namespace inboxsim::sa::detail

#endif  // INBOXSIM_SA_HEADER_VALUES_H_
