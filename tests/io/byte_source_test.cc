#include "sim/io/byte_source.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/test_util.h"

namespace inboxsim::io {
namespace {

using testing::TempDir;

// Everything a source yields, read window by window as the reader does.
Result<std::string> ReadAll(ByteSource& source, size_t step) {
  std::string all;
  uint64_t at = 0;
  for (;;) {
    Result<Window> window = source.WindowFrom(at, step);
    if (!window) return window.error();
    const std::string_view view = window->view().substr(at - window->offset);
    all.append(view);
    at = window->end_offset();
    if (window->reaches_end) {
      // Damage met after some bytes decoded ends the last window early.
      if (std::optional<Error> damage = source.TakeDeferredError())
        return *damage;
      return all;
    }
  }
}

std::string SampleText(size_t bytes) {
  std::string text;
  for (size_t i = 0; text.size() < bytes; ++i)
    text += "line " + std::to_string(i) + "\n";
  return text;
}

TEST(DetectCompression, RecognisesMagicBytes) {
  EXPECT_EQ(DetectCompression("\x1f\x8b\x08"), Compression::kGzip);
  EXPECT_EQ(DetectCompression("BZh91AY"), Compression::kBzip2);
  EXPECT_EQ(DetectCompression(std::string_view("\xfd"
                                               "7zXZ\0",
                                               6)),
            Compression::kXz);
  EXPECT_EQ(DetectCompression("\x28\xb5\x2f\xfd"), Compression::kZstd);
  EXPECT_EQ(DetectCompression("From: x"), Compression::kNone);
}

class CompressedSourceTest : public ::testing::TestWithParam<Compression> {};

TEST_P(CompressedSourceTest, DecompressesWholeContent) {
  TempDir dir;
  const std::string text = SampleText(3u << 20);  // several stream blocks
  const std::string path =
      dir.Write("corpus.bin", testing::Compress(text, GetParam()));
  Result<std::unique_ptr<ByteSource>> source = OpenByteSource(path);
  ASSERT_TRUE(source.ok()) << source.error().ToString();
  EXPECT_EQ((*source)->compression(), GetParam());
  Result<std::string> all = ReadAll(**source, 1 << 16);
  ASSERT_TRUE(all.ok()) << all.error().ToString();
  EXPECT_EQ(*all, text);
}

INSTANTIATE_TEST_SUITE_P(
    EveryFormat, CompressedSourceTest,
    ::testing::Values(Compression::kGzip, Compression::kBzip2, Compression::kXz,
                      Compression::kZstd),
    [](const auto& info) { return std::string(CompressionName(info.param)); });

TEST(ByteSource, TruncatedGzipFailsWithDecompressError) {
  TempDir dir;
  const std::string compressed =
      testing::Compress(SampleText(1u << 20), Compression::kGzip);
  const std::string path =
      dir.Write("cut.gz", compressed.substr(0, compressed.size() / 2));
  Result<std::unique_ptr<ByteSource>> source = OpenByteSource(path);
  ASSERT_TRUE(source.ok());
  Result<std::string> all = ReadAll(**source, 1 << 16);
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.error().code, ErrorCode::kDecompressError);
  EXPECT_EQ(all.error().where, path);
}

TEST(ByteSource, LargePlainFileIsMappedInWindows) {
  TempDir dir;
  const std::string text = SampleText(20u << 20);  // beyond one mapping window
  const std::string path = dir.Write("big.mbox", text);
  Result<std::unique_ptr<ByteSource>> source = OpenByteSource(path);
  ASSERT_TRUE(source.ok());
  Result<Window> first = (*source)->WindowFrom(0, 1);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->reaches_end);
  EXPECT_LT(first->view().size(), text.size());
  Result<std::string> all = ReadAll(**source, 1 << 20);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, text);
}

TEST(ByteSource, SmallAndEmptyFilesAreOneWindow) {
  TempDir dir;
  for (const std::string text :
       {std::string(), std::string("Subject: x\n\nhi\n")}) {
    const std::string path = dir.Write("small", text);
    Result<std::unique_ptr<ByteSource>> source = OpenByteSource(path);
    ASSERT_TRUE(source.ok());
    Result<Window> window = (*source)->WindowFrom(0, 1);
    ASSERT_TRUE(window.ok());
    EXPECT_TRUE(window->reaches_end);
    EXPECT_EQ(window->view(), text);
  }
}

TEST(ByteSource, MissingPathIsBadInputNamingThePath) {
  Result<std::unique_ptr<ByteSource>> source =
      OpenByteSource("/no/such/file.mbox");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.error().code, ErrorCode::kBadInput);
  EXPECT_EQ(source.error().where, "/no/such/file.mbox");
}

TEST(ByteSource, UnreadableFileIsUnreadable) {
  if (geteuid() == 0)
    GTEST_SKIP() << "root reads files whatever their permissions";
  TempDir dir;
  const std::string path = dir.Write("locked", "Subject: x\n\n");
  chmod(path.c_str(), 0);
  Result<std::unique_ptr<ByteSource>> source = OpenByteSource(path);
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.error().code, ErrorCode::kUnreadable);
}

}  // namespace
}  // namespace inboxsim::io
