#include "sim/auth/zone_file.h"

#include <charconv>
#include <fstream>
#include <sstream>
#include <vector>

#include "sim/core/text.h"

namespace inboxsim::auth {
namespace {

// RFC 1035 2.3.4.
constexpr size_t kMaxLabelBytes = 63;
constexpr size_t kMaxNameBytes = 253;  // presentation form, no final dot

// A logical line: parentheses may join several physical ones.
struct Entry {
  std::string text;              // comments and parentheses removed
  int line = 0;                  // where it starts
  bool continues_owner = false;  // began with a blank: owner of the last
};

// Cuts comments and reports parentheses, skipping quoted text. '#' starts a
// comment only at the start of a word, so "a#b" in unquoted TXT survives.
std::string StripComment(std::string_view line, int* paren_depth,
                         std::string* error) {
  std::string out;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      out += c;
      if (c == '\\' && i + 1 < line.size()) {
        out += line[++i];
      } else if (c == '"') {
        quoted = false;
      }
      continue;
    }
    if (c == ';') break;
    if (c == '#' && (i == 0 || IsSpaceAscii(line[i - 1]))) break;
    if (c == '"') quoted = true;
    if (c == '(' || c == ')') {
      *paren_depth += c == '(' ? 1 : -1;
      if (*paren_depth < 0) {
        *error = "')' without '('";
        return out;
      }
      out += ' ';
      continue;
    }
    out += c;
  }
  if (quoted) *error = "unterminated quoted string";
  return out;
}

// Splits off the first blank-separated word of `*rest`.
std::string_view NextWord(std::string_view* rest) {
  std::string_view s = TrimAscii(*rest);
  size_t end = 0;
  while (end < s.size() && !IsSpaceAscii(s[end])) ++end;
  *rest = s.substr(end);
  return s.substr(0, end);
}

bool IsAllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsDigitAscii(c)) return false;
  }
  return true;
}

class ZoneParser {
 public:
  ZoneParser(std::string_view source, DnsZone* zone)
      : source_(source), zone_(zone) {}

  Status Parse(std::string_view text);

 private:
  Error Fail(int line, std::string message) const {
    return Error{ErrorCode::kBadInput,
                 std::string(source_) + ":" + std::to_string(line),
                 std::move(message)};
  }
  Status ParseEntry(const Entry& entry);
  Status ParseRecord(const std::string& owner, std::string_view type,
                     std::string_view data);
  // `name` made absolute against $ORIGIN, or a reason it is malformed.
  Result<std::string> AbsoluteName(std::string_view name) const;

  std::string_view source_;
  DnsZone* zone_;
  std::string origin_;      // empty until $ORIGIN
  std::string last_owner_;  // for lines that start with a blank
};

Result<std::string> ZoneParser::AbsoluteName(std::string_view name) const {
  std::string absolute;
  if (name == "@") {
    if (origin_.empty()) {
      return Error{ErrorCode::kBadInput, "", "'@' used before $ORIGIN"};
    }
    absolute = origin_;
  } else if (name.ends_with('.') || origin_.empty()) {
    absolute = CanonicalDnsName(name);
  } else {
    absolute = CanonicalDnsName(name) + "." + origin_;
  }
  const auto bad = [&](std::string why) -> Result<std::string> {
    return Error{ErrorCode::kBadInput, "",
                 "bad name '" + std::string(name) + "': " + why};
  };
  if (absolute.empty()) return bad("empty");
  if (absolute.size() > kMaxNameBytes) return bad("longer than 253 bytes");
  size_t label_start = 0;
  for (size_t i = 0; i <= absolute.size(); ++i) {
    if (i == absolute.size() || absolute[i] == '.') {
      const size_t length = i - label_start;
      if (length == 0) return bad("empty label");
      if (length > kMaxLabelBytes) return bad("label longer than 63 bytes");
      label_start = i + 1;
      continue;
    }
    const char c = absolute[i];
    if (c == '*') return bad("wildcards are not supported");
    if (!IsAlnumAscii(c) && c != '-' && c != '_') {
      return bad("character '" + std::string(1, c) + "' not allowed");
    }
  }
  return absolute;
}

// TXT data: quoted character strings concatenated (RFC 7208 3.3), or
// unquoted text taken as one string.
Result<std::string> ParseTxtData(std::string_view data) {
  data = TrimAscii(data);
  if (data.empty()) {
    return Error{ErrorCode::kBadInput, "", "TXT record without text"};
  }
  if (data.front() != '"') return std::string(data);
  std::string text;
  size_t i = 0;
  while (i < data.size()) {
    if (IsSpaceAscii(data[i])) {
      ++i;
      continue;
    }
    if (data[i] != '"') {
      return Error{ErrorCode::kBadInput, "",
                   "unquoted text after a quoted TXT string: '" +
                       std::string(data.substr(i)) + "'"};
    }
    for (++i; i < data.size() && data[i] != '"'; ++i) {
      if (data[i] != '\\' || i + 1 >= data.size()) {
        text += data[i];
        continue;
      }
      // RFC 1035 5.1: \DDD is a byte in decimal, \X is X itself.
      if (i + 3 < data.size() && IsAllDigits(data.substr(i + 1, 3))) {
        const int value = std::stoi(std::string(data.substr(i + 1, 3)));
        if (value > 255) {
          return Error{ErrorCode::kBadInput, "",
                       "escape \\" + std::string(data.substr(i + 1, 3)) +
                           " is not a byte"};
        }
        text += static_cast<char>(value);
        i += 3;
      } else {
        text += data[++i];
      }
    }
    ++i;  // the closing quote; StripComment rejected unterminated ones
  }
  return text;
}

Status ZoneParser::ParseRecord(const std::string& owner, std::string_view type,
                               std::string_view data) {
  const auto error = [](std::string message) -> Status {
    return Error{ErrorCode::kBadInput, "", std::move(message)};
  };
  if (EqualsIgnoreCase(type, "TEMPFAIL") ||
      EqualsIgnoreCase(type, "SERVFAIL")) {
    std::string_view rest = data;
    const std::string_view which = NextWord(&rest);
    if (!TrimAscii(rest).empty()) {
      return error("TEMPFAIL takes at most one type, got '" +
                   std::string(TrimAscii(data)) + "'");
    }
    if (which.empty()) {
      zone_->AddTempFail(owner);
      return Ok{};
    }
    const std::optional<DnsType> failing = ParseDnsType(which);
    if (!failing) {
      return error("TEMPFAIL of unknown type '" + std::string(which) + "'");
    }
    zone_->AddTempFail(owner, *failing);
    return Ok{};
  }
  const std::optional<DnsType> parsed = ParseDnsType(type);
  if (!parsed) {
    if (EqualsIgnoreCase(type, "SPF")) {
      return error(
          "type SPF is not looked up by SPF checkers (RFC 7208 3.1): publish "
          "the record as TXT");
    }
    return error("unsupported record type '" + std::string(type) + "'");
  }
  if (*parsed == DnsType::kTxt) {
    Result<std::string> text = ParseTxtData(data);
    if (!text) return text.error();
    zone_->AddTxt(owner, std::move(*text));
    return Ok{};
  }
  std::string_view rest = data;
  const std::string_view first = NextWord(&rest);
  if (first.empty()) {
    return error(std::string(DnsTypeName(*parsed)) + " record without data");
  }
  if (*parsed == DnsType::kMx) {
    const std::string_view host = NextWord(&rest);
    unsigned preference = 0;
    const auto [end, ec] =
        std::from_chars(first.data(), first.data() + first.size(), preference);
    if (ec != std::errc() || end != first.data() + first.size() ||
        preference > 65535 || host.empty()) {
      return error("MX data must be 'preference host', got '" +
                   std::string(TrimAscii(data)) + "'");
    }
    if (!TrimAscii(rest).empty()) {
      return error("unexpected text after MX host: '" +
                   std::string(TrimAscii(rest)) + "'");
    }
    Result<std::string> exchange = AbsoluteName(host);
    if (!exchange) return exchange.error();
    zone_->AddMx(owner, static_cast<uint16_t>(preference), *exchange);
    return Ok{};
  }
  if (!TrimAscii(rest).empty()) {
    return error("unexpected text after " + std::string(DnsTypeName(*parsed)) +
                 " data: '" + std::string(TrimAscii(rest)) + "'");
  }
  switch (*parsed) {
    case DnsType::kA:
    case DnsType::kAaaa: {
      const std::optional<IpAddress> ip = IpAddress::Parse(first);
      const bool want_v4 = *parsed == DnsType::kA;
      if (!ip || ip->is_v4() != want_v4) {
        return error("not an " + std::string(want_v4 ? "IPv4" : "IPv6") +
                     " address: '" + std::string(first) + "'");
      }
      zone_->AddAddress(owner, *ip);
      return Ok{};
    }
    case DnsType::kPtr:
    case DnsType::kCname: {
      Result<std::string> target = AbsoluteName(first);
      if (!target) return target.error();
      if (*parsed == DnsType::kPtr) {
        zone_->AddPtr(owner, *target);
      } else {
        zone_->AddCname(owner, *target);
      }
      return Ok{};
    }
    case DnsType::kMx:
    case DnsType::kTxt:
      break;  // handled above
  }
  return Ok{};
}

Status ZoneParser::ParseEntry(const Entry& entry) {
  std::string_view rest = entry.text;
  if (!entry.continues_owner) {
    const std::string_view first = NextWord(&rest);
    if (EqualsIgnoreCase(first, "$ORIGIN")) {
      const std::string_view name = NextWord(&rest);
      if (name.empty() || !TrimAscii(rest).empty()) {
        return Fail(entry.line, "$ORIGIN takes one name");
      }
      origin_.clear();  // an $ORIGIN line is itself absolute
      Result<std::string> origin = AbsoluteName(name);
      if (!origin) return Fail(entry.line, origin.error().message);
      origin_ = std::move(*origin);
      return Ok{};
    }
    if (EqualsIgnoreCase(first, "$TTL")) return Ok{};  // TTLs do not matter
    if (first.starts_with('$')) {
      return Fail(entry.line,
                  "unsupported directive '" + std::string(first) + "'");
    }
    Result<std::string> owner = AbsoluteName(first);
    if (!owner) return Fail(entry.line, owner.error().message);
    last_owner_ = std::move(*owner);
  } else if (last_owner_.empty()) {
    return Fail(entry.line,
                "line starts with a blank but no earlier line names an owner");
  }
  std::string_view type = NextWord(&rest);
  // [TTL] [IN] in either order, as BIND accepts.
  for (int skipped = 0; skipped < 2; ++skipped) {
    if (IsAllDigits(type) || EqualsIgnoreCase(type, "IN")) {
      type = NextWord(&rest);
    }
  }
  if (type.empty()) return Fail(entry.line, "no record type");
  if (Status added = ParseRecord(last_owner_, type, rest); !added) {
    return Fail(entry.line, added.error().message);
  }
  return Ok{};
}

Status ZoneParser::Parse(std::string_view text) {
  Entry pending;
  int paren_depth = 0;
  int number = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string error;
    const bool continuing = paren_depth > 0;
    std::string stripped = StripComment(line, &paren_depth, &error);
    if (!error.empty()) return Fail(number, error);
    if (continuing) {
      pending.text += ' ';
      pending.text += stripped;
    } else {
      if (TrimAscii(stripped).empty()) continue;
      pending = Entry{std::move(stripped), number,
                      !line.empty() && IsSpaceAscii(line.front())};
    }
    if (paren_depth > 0) continue;
    if (Status parsed = ParseEntry(pending); !parsed) return parsed;
    pending = Entry{};
  }
  if (paren_depth > 0) {
    return Fail(pending.line, "'(' is never closed");
  }
  return Ok{};
}

}  // namespace

Status ParseZoneText(std::string_view text, std::string_view source,
                     DnsZone* zone) {
  return ZoneParser(source, zone).Parse(text);
}

Result<DnsZone> LoadZoneFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::kUnreadable, path, "cannot open zone file"};
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) {
    return Error{ErrorCode::kUnreadable, path, "cannot read zone file"};
  }
  DnsZone zone;
  if (Status parsed = ParseZoneText(bytes.str(), path, &zone); !parsed) {
    return parsed.error();
  }
  return zone;
}

}  // namespace inboxsim::auth
