#include "sim/mime/header_params.h"

#include <algorithm>
#include <map>

#include "sim/core/text.h"
#include "sim/mime/charset.h"
#include "sim/mime/rfc2047.h"

namespace inboxsim::mime {
namespace {

constexpr int kMaxRfc2231Pieces = 256;  // more continuation pieces is abuse

void SkipSpaceAndComments(std::string_view text, size_t* pos) {
  while (*pos < text.size()) {
    if (IsSpaceAscii(text[*pos])) {
      ++*pos;
    } else if (text[*pos] == '(') {
      int depth = 0;
      while (*pos < text.size()) {
        const char c = text[*pos];
        ++*pos;
        if (c == '\\') {
          if (*pos < text.size()) ++*pos;  // never step past the end
        } else if (c == '(') {
          ++depth;
        } else if (c == ')' && --depth == 0) {
          break;
        }
      }
    } else {
      break;
    }
  }
}

// Reads a quoted string starting at the opening quote; leaves `pos` after the
// closing one (or at the end when it is missing, as broken mail has it).
std::string ReadQuoted(std::string_view text, size_t* pos) {
  std::string out;
  ++*pos;
  while (*pos < text.size()) {
    const char c = text[*pos];
    ++*pos;
    if (c == '"') break;
    if (c == '\\' && *pos < text.size()) {
      out.push_back(text[*pos]);
      ++*pos;
      continue;
    }
    if (c == '\r' || c == '\n') continue;
    out.push_back(c);
  }
  return out;
}

// An unquoted value runs to ';' (tolerating the spaces spam puts inside).
std::string ReadToken(std::string_view text, size_t* pos) {
  const size_t begin = *pos;
  while (*pos < text.size() && text[*pos] != ';') ++*pos;
  return std::string(TrimAscii(text.substr(begin, *pos - begin)));
}

struct Rfc2231Piece {
  std::string value;
  bool extended =
      false;  // "name*N*=": percent-encoded, first one charset-tagged
};

}  // namespace

std::string_view HeaderParams::Param(std::string_view name) const {
  for (const auto& [key, param_value] : params) {
    if (key == name) return param_value;
  }
  return {};
}

bool HeaderParams::HasParam(std::string_view name) const {
  return std::any_of(params.begin(), params.end(),
                     [name](const auto& param) { return param.first == name; });
}

HeaderParams ParseHeaderParams(std::string_view raw_value) {
  HeaderParams result;
  size_t pos = 0;
  SkipSpaceAndComments(raw_value, &pos);
  const size_t value_begin = pos;
  while (pos < raw_value.size() && raw_value[pos] != ';' &&
         raw_value[pos] != '(')
    ++pos;
  result.value =
      ToLowerAscii(TrimAscii(raw_value.substr(value_begin, pos - value_begin)));
  // "text/plain (comment)" and "text / plain" both occur.
  result.value.erase(std::remove_if(result.value.begin(), result.value.end(),
                                    [](char c) { return IsSpaceAscii(c); }),
                     result.value.end());
  while (pos < raw_value.size() && raw_value[pos] != ';') ++pos;

  std::map<std::string, std::map<int, Rfc2231Piece>> continued;
  while (pos < raw_value.size()) {
    ++pos;  // the ';'
    SkipSpaceAndComments(raw_value, &pos);
    const size_t name_begin = pos;
    while (pos < raw_value.size() && raw_value[pos] != '=' &&
           raw_value[pos] != ';')
      ++pos;
    std::string name =
        ToLowerAscii(TrimAscii(raw_value.substr(name_begin, pos - name_begin)));
    if (pos >= raw_value.size() || raw_value[pos] == ';')
      continue;  // no '=': skip
    ++pos;       // the '='
    SkipSpaceAndComments(raw_value, &pos);
    std::string value = (pos < raw_value.size() && raw_value[pos] == '"')
                            ? ReadQuoted(raw_value, &pos)
                            : ReadToken(raw_value, &pos);
    while (pos < raw_value.size() && raw_value[pos] != ';') ++pos;
    if (name.empty()) continue;

    // RFC 2231: "name*" (charset-tagged), "name*N" and "name*N*" (pieces).
    const size_t star = name.find('*');
    if (star == std::string::npos) {
      result.params.emplace_back(std::move(name), std::move(value));
      continue;
    }
    std::string base = name.substr(0, star);
    std::string_view rest = std::string_view(name).substr(star + 1);
    Rfc2231Piece piece;
    piece.value = std::move(value);
    int index = 0;
    if (rest.empty()) {
      piece.extended = true;
    } else {
      piece.extended = rest.back() == '*';
      if (piece.extended) rest.remove_suffix(1);
      index = 0;
      for (char c : rest) {
        if (!IsDigitAscii(c) || index > kMaxRfc2231Pieces) {
          index = -1;
          break;
        }
        index = index * 10 + (c - '0');
      }
      if (index < 0 || index > kMaxRfc2231Pieces) continue;
    }
    continued[base].emplace(index, std::move(piece));
  }

  for (auto& [base, pieces] : continued) {
    std::string charset;
    std::string bytes;
    for (auto& [index, piece] : pieces) {
      std::string_view text = piece.value;
      if (piece.extended) {
        if (index == 0) {
          // charset'language'value
          const size_t first = text.find('\'');
          const size_t second = first == std::string_view::npos
                                    ? first
                                    : text.find('\'', first + 1);
          if (second != std::string_view::npos) {
            charset = std::string(text.substr(0, first));
            text = text.substr(second + 1);
          }
        }
        bytes += PercentDecode(text);
      } else {
        bytes += text;
      }
    }
    std::string decoded;
    ConvertToUtf8(charset, bytes, &decoded);
    // A plain parameter of the same name loses to the RFC 2231 form.
    // Captured through a plain reference: clang 14, which the fuzz build
    // uses, cannot capture a structured binding (a C++20 addition).
    const std::string& key = base;
    std::erase_if(result.params,
                  [&key](const auto& param) { return param.first == key; });
    result.params.emplace_back(base, std::move(decoded));
  }

  // Senders put RFC 2047 words into file names although the RFC forbids it;
  // every mail reader decodes them, so we do too.
  for (auto& [name, value] : result.params) {
    if ((name == "name" || name == "filename") &&
        value.find("=?") != std::string::npos) {
      std::string decoded;
      DecodeHeaderText(value, &decoded);
      value = std::move(decoded);
    }
  }
  return result;
}

}  // namespace inboxsim::mime
