#include "sim/sa/uri_resolve.h"

#include <optional>

#include "sim/core/text.h"

namespace inboxsim::sa::detail {
namespace {

// m|^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?|
struct UriParts {
  std::optional<std::string> scheme;
  std::optional<std::string> authority;
  std::string path;
  std::optional<std::string> query;
  std::optional<std::string> fragment;
};

UriParts ParseUri(std::string_view uri) {
  UriParts parts;
  const size_t scheme_end = uri.find_first_of(":/?#");
  if (scheme_end != std::string_view::npos && scheme_end > 0 &&
      uri[scheme_end] == ':') {
    parts.scheme = std::string(uri.substr(0, scheme_end));
    uri.remove_prefix(scheme_end + 1);
  }
  if (uri.substr(0, 2) == "//") {
    uri.remove_prefix(2);
    const size_t end = std::min(uri.find_first_of("/?#"), uri.size());
    parts.authority = std::string(uri.substr(0, end));
    uri.remove_prefix(end);
  }
  const size_t path_end = std::min(uri.find_first_of("?#"), uri.size());
  parts.path = std::string(uri.substr(0, path_end));
  uri.remove_prefix(path_end);
  if (!uri.empty() && uri.front() == '?') {
    const size_t end = std::min(uri.find('#'), uri.size());
    parts.query = std::string(uri.substr(1, end - 1));
    uri.remove_prefix(end);
  }
  if (!uri.empty() && uri.front() == '#') {
    parts.fragment = std::string(uri.substr(1));
  }
  return parts;
}

std::string RemoveDotSegments(std::string input) {
  if (input.rfind("./", 0) == 0) {
    input.replace(0, 2, "/");
  } else if (input.rfind("../", 0) == 0) {
    input.replace(0, 3, "/");
  }
  std::string output;
  std::string_view rest = input;
  std::string replaced;  // "/" standing for a consumed "/." or "/.."
  while (!rest.empty() && rest != "0") {  // Perl's while ($input)
    const bool dot = rest.rfind("/./", 0) == 0 || rest == "/.";
    const bool dot_dot = rest.rfind("/../", 0) == 0 || rest == "/..";
    if (dot || dot_dot) {
      // s@^/\.\.?(?:$|/)@/@: the segment goes, its slash stays.
      const size_t consumed = dot ? 2 : 3;
      replaced =
          "/" + std::string(rest.substr(std::min(rest.size(), consumed + 1)));
      rest = replaced;
      if (dot_dot) {  // s@/?[^/]*$@@ on the output
        const size_t slash = output.rfind('/');
        output.resize(slash == std::string::npos ? 0 : slash);
      }
      continue;
    }
    // s@(/?[^/]*)@@
    const size_t end =
        std::min(rest.find('/', rest.front() == '/' ? 1 : 0), rest.size());
    output.append(rest.substr(0, end));
    rest.remove_prefix(end);
  }
  return output;
}

std::string MergePaths(const std::optional<std::string>& base_authority,
                       const std::string& base_path,
                       const std::string& relative_path) {
  if (base_authority && base_path.empty()) return "/" + relative_path;
  const size_t slash = base_path.rfind('/');
  if (slash == std::string::npos) return relative_path;
  return base_path.substr(0, slash + 1) + relative_path;
}

}  // namespace

std::string ResolveUri(std::string_view base, std::string_view relative) {
  UriParts r = ParseUri(relative);
  const UriParts b = ParseUri(base);
  if (r.scheme && b.scheme && *r.scheme == *b.scheme) r.scheme.reset();
  UriParts t;
  if (r.scheme) {
    t.scheme = r.scheme;
    t.authority = r.authority;
    t.path = RemoveDotSegments(r.path);
    t.query = r.query;
  } else {
    if (r.authority) {
      t.authority = r.authority;
      t.path = RemoveDotSegments(r.path);
      t.query = r.query;
    } else {
      if (r.path.empty()) {
        t.path = b.path;
        t.query = r.query ? r.query : b.query;
      } else {
        t.path =
            r.path.front() == '/'
                ? RemoveDotSegments(r.path)
                : RemoveDotSegments(MergePaths(b.authority, b.path, r.path));
        t.query = r.query;
      }
      t.authority = b.authority;
    }
    t.scheme = b.scheme;
  }
  t.fragment = r.fragment;

  std::string result;
  if (t.scheme && !t.scheme->empty()) {
    result += *t.scheme + ":";
  } else if (t.authority) {
    // Not RFC 3986: unschemed links that name a web or FTP host.
    const std::string lower = ToLowerAscii(*t.authority);
    const auto named = [&](std::string_view prefix) {
      if (lower.rfind(prefix, 0) != 0) return false;
      size_t i = prefix.size();
      while (i < lower.size() && lower[i] >= '0' && lower[i] <= '9') ++i;
      return i < lower.size() && lower[i] == '.';
    };
    if (named("www")) {
      result += "http:";
    } else if (named("ftp")) {
      result += "ftp:";
    }
  }
  if (t.authority) result += "//" + *t.authority;
  result += t.path;
  if (t.query) result += "?" + *t.query;
  if (t.fragment) result += "#" + *t.fragment;
  return result;
}

}  // namespace inboxsim::sa::detail
