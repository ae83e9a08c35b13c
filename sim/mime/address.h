// RFC 5322 mailbox and address-list parsing, forgiving as mail readers are:
// display names with or without quotes, comments, groups, bare addresses,
// angle addresses, and the broken forms spam uses.
//
//   std::vector<Address> to = ParseAddressList("\"Doe, J\" <j@x.org>,
//   k@y.net"); to[0].display_name -> "Doe, J", to[0].domain -> "x.org"
#ifndef INBOXSIM_MIME_ADDRESS_H_
#define INBOXSIM_MIME_ADDRESS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace inboxsim::mime {

struct Address {
  std::string display_name;       // unquoted, as decoded; may be empty
  std::string local_part;         // as written (case kept)
  std::string domain;             // lower case; empty for a bare local part
  std::string domain_as_written;  // case kept (SpamAssassin's :addr)
  std::string AddrSpec() const;   // "local@domain", or local_part alone
};

// Every mailbox in an address-list header value (already RFC 2047-decoded).
// Groups contribute their members. Entries without any address are skipped.
std::vector<Address> ParseAddressList(std::string_view value);

// The first mailbox of `value`, or nullopt if it holds none.
std::optional<Address> ParseMailbox(std::string_view value);

}  // namespace inboxsim::mime

#endif  // INBOXSIM_MIME_ADDRESS_H_
