// Helpers shared by the test suites: temporary folders, files, compressed
// fixtures made on the fly, and where the shared real corpora are.
#ifndef INBOXSIM_TESTS_TEST_UTIL_H_
#define INBOXSIM_TESTS_TEST_UTIL_H_

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/io/byte_source.h"
#include "sim/mime/message.h"

namespace inboxsim::testing {

// True in a build with AddressSanitizer (the sanitize preset), where code
// runs several times slower: a test that reads a whole corpus reads a
// sample of it there, which still runs every path it checks.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitizedBuild = true;
#else
inline constexpr bool kSanitizedBuild = false;
#endif

// A fresh folder under the system temp dir, removed with its contents.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Writes `bytes` to `relative` (creating folders) and returns the full path.
  std::string Write(const std::string& relative, std::string_view bytes) const;

 private:
  std::filesystem::path path_;
};

std::string ReadFile(const std::filesystem::path& path);

// `bytes` compressed with `compression` (through libarchive's writers).
std::string Compress(std::string_view bytes, io::Compression compression);

// The shared corpora folder ($INBOXSIM_CORPORA, else the build's default),
// or nullopt when it is absent: tests then GTEST_SKIP with that message.
// A parsed message with the bytes it points into (a Message's views must
// not outlive them).
struct ParsedMessage {
  std::unique_ptr<std::string> raw;
  mime::Message message;
};

// Parses `raw` with default limits; a parse failure fails the test and
// gives an empty message.
ParsedMessage ParseOwned(std::string raw);

// A zip archive of `files` (name, content), made with libarchive.
std::string Zip(const std::vector<std::pair<std::string, std::string>>& files);

std::optional<std::filesystem::path> SharedCorpora();

// The path of the inboxsim binary under test.
std::string InboxsimBinary();

// Runs the inboxsim binary with `args` (a shell fragment); returns its exit
// status and sets `output` to what it printed on stdout.
int RunInboxsim(const std::string& args, std::string* output);

}  // namespace inboxsim::testing

#endif  // INBOXSIM_TESTS_TEST_UTIL_H_
