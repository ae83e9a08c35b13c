#include "tests/test_util.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace inboxsim::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ =
      fs::temp_directory_path() / ("inboxsim-test-" + std::to_string(getpid()) +
                                   "-" + std::to_string(counter++));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  // Tests make files unreadable on purpose; give permissions back to remove
  // them.
  for (auto it = fs::recursive_directory_iterator(path_, ignored);
       it != fs::recursive_directory_iterator(); it.increment(ignored)) {
    fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add,
                    ignored);
  }
  fs::remove_all(path_, ignored);
}

std::string TempDir::Write(const std::string& relative,
                           std::string_view bytes) const {
  const fs::path full = path_ / relative;
  fs::create_directories(full.parent_path());
  std::ofstream out(full, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return full.string();
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

namespace {

// Writes `files` as one archive through `writer` (format and filter set).
std::string WriteArchive(
    archive* writer,
    const std::vector<std::pair<std::string, std::string>>& files) {
  size_t total = 0;
  for (const auto& [name, content] : files)
    total += name.size() + content.size();
  std::string out(total * 2 + 4096 + files.size() * 1024, '\0');
  size_t used = 0;
  archive_write_set_bytes_in_last_block(writer, 1);
  archive_write_open_memory(writer, out.data(), out.size(), &used);
  for (const auto& [name, content] : files) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_pathname(entry, name.c_str());
    archive_entry_set_size(entry, static_cast<la_int64_t>(content.size()));
    archive_write_header(writer, entry);
    archive_write_data(writer, content.data(), content.size());
    archive_entry_free(entry);
  }
  archive_write_close(writer);
  archive_write_free(writer);
  out.resize(used);
  return out;
}

}  // namespace

std::string Compress(std::string_view bytes, io::Compression compression) {
  archive* writer = archive_write_new();
  archive_write_set_format_raw(writer);
  int rc = ARCHIVE_FATAL;
  switch (compression) {
    case io::Compression::kGzip:
      rc = archive_write_add_filter_gzip(writer);
      break;
    case io::Compression::kBzip2:
      rc = archive_write_add_filter_bzip2(writer);
      break;
    case io::Compression::kXz:
      rc = archive_write_add_filter_xz(writer);
      break;
    case io::Compression::kZstd:
      rc = archive_write_add_filter_zstd(writer);
      break;
    case io::Compression::kNone:
      rc = archive_write_add_filter_none(writer);
      break;
  }
  if (rc != ARCHIVE_OK) throw std::runtime_error("libarchive lacks a filter");
  return WriteArchive(writer, {{"data", std::string(bytes)}});
}

ParsedMessage ParseOwned(std::string raw) {
  ParsedMessage parsed{std::make_unique<std::string>(std::move(raw)), {}};
  Result<mime::Message> message = mime::ParseMessage(*parsed.raw, {});
  EXPECT_TRUE(message.ok()) << message.error().ToString();
  if (message.ok()) parsed.message = std::move(message).value();
  return parsed;
}

std::string Zip(const std::vector<std::pair<std::string, std::string>>& files) {
  archive* writer = archive_write_new();
  archive_write_set_format_zip(writer);
  return WriteArchive(writer, files);
}

std::optional<fs::path> SharedCorpora() {
  const char* configured = std::getenv("INBOXSIM_CORPORA");
  const fs::path path = configured != nullptr
                            ? fs::path(configured)
                            : fs::path(INBOXSIM_DEFAULT_CORPORA);
  std::error_code error;
  if (!fs::is_directory(path, error)) return std::nullopt;
  return path;
}

std::string InboxsimBinary() { return INBOXSIM_BINARY; }

int RunInboxsim(const std::string& args, std::string* output) {
  const std::string command = std::string(INBOXSIM_BINARY) + " " + args;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed");
  output->clear();
  char buffer[4096];
  size_t got;
  while ((got = fread(buffer, 1, sizeof buffer, pipe)) > 0)
    output->append(buffer, got);
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace inboxsim::testing
