#include "sim/io/corpus_reader.h"

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace inboxsim::io {
namespace {

using testing::TempDir;

struct ReadMessage {
  std::string bytes;
  bool failed = false;
  ErrorCode code = ErrorCode::kInternal;
  bool from_mbox = false;
  Label label = Label::kUnlabelled;
};

// Every message, with small files cut by an InputCutter as a worker would.
std::vector<ReadMessage> ReadWith(const CorpusPlan& plan,
                                  const ReaderOptions& options) {
  CorpusReader reader(plan, options);
  MessageBatch batch;
  std::vector<ReadMessage> all;
  while (reader.Next(&batch)) {
    MessageBatch cut;
    for (const RawMessage& raw : batch.messages) {
      if (!raw.unread_input) {
        cut.messages.push_back(raw);
        continue;
      }
      InputCutter cutter(plan.sources[raw.source], raw.source, options);
      while (cutter.Next(&cut)) {
      }
    }
    for (const RawMessage& raw : cut.messages) {
      ReadMessage message;
      message.bytes = std::string(raw.bytes);
      message.failed = raw.read_error.has_value();
      if (message.failed) message.code = raw.read_error->code;
      message.from_mbox = raw.from_mbox;
      message.label = raw.label;
      all.push_back(message);
    }
  }
  return all;
}

// Reads the corpus twice, small files handed to workers and every file cut
// by the reader, and checks that both give the same messages.
std::vector<ReadMessage> ReadEverything(const CorpusPlan& plan) {
  ReaderOptions in_workers;
  ReaderOptions in_reader;
  in_reader.read_in_worker_below_bytes = 0;
  std::vector<ReadMessage> first = ReadWith(plan, in_workers);
  std::vector<ReadMessage> second = ReadWith(plan, in_reader);
  EXPECT_EQ(first.size(), second.size());
  for (size_t i = 0; i < std::min(first.size(), second.size()); ++i) {
    EXPECT_EQ(first[i].bytes, second[i].bytes) << "message " << i;
    EXPECT_EQ(first[i].failed, second[i].failed) << "message " << i;
    EXPECT_EQ(first[i].label, second[i].label) << "message " << i;
  }
  return first;
}

CorpusPlan PlanOf(const std::vector<std::string>& paths) {
  Result<CorpusPlan> plan = PlanCorpus(paths, {});
  EXPECT_TRUE(plan.ok());
  return plan.ok() ? *plan : CorpusPlan{};
}

std::string Envelope(int i) {
  return "From sender" + std::to_string(i) + "@x.org Mon Jan  1 00:00:0" +
         std::to_string(i % 10) + " 2024\n";
}

TEST(CorpusReader, SplitsAnMboxAtEnvelopeLines) {
  TempDir dir;
  const std::string mbox = Envelope(1) + "Subject: one\n\n>From quoted\n\n" +
                           Envelope(2) +
                           "Subject: two\n\nFrom here on, no split.\n";
  const std::string path = dir.Write("box.mbox", mbox);
  std::vector<ReadMessage> messages = ReadEverything(PlanOf({path}));
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_TRUE(messages[0].from_mbox);
  EXPECT_EQ(messages[0].bytes,
            Envelope(1) + "Subject: one\n\n>From quoted\n\n");
  EXPECT_EQ(messages[1].bytes,
            Envelope(2) + "Subject: two\n\nFrom here on, no split.\n");
}

TEST(CorpusReader, SingleMessageFileIsOneMessageEvenWithFromLines) {
  TempDir dir;
  const std::string text =
      "Subject: one\n\nbody\n" + Envelope(3) + "still body\n";
  const std::string path = dir.Write("msg.eml", text);
  std::vector<ReadMessage> messages = ReadEverything(PlanOf({path}));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_FALSE(messages[0].from_mbox);
  EXPECT_EQ(messages[0].bytes, text);
}

TEST(CorpusReader, MboxWithoutDatesFallsBackToLooseSeparators) {
  TempDir dir;
  const std::string path = dir.Write(
      "nodate.mbox", "From a\nSubject: 1\n\nx\nFrom b\nSubject: 2\n\ny\n");
  EXPECT_EQ(ReadEverything(PlanOf({path})).size(), 2u);
}

TEST(CorpusReader, CompressedMboxesSplitLikePlainOnes) {
  TempDir dir;
  std::string mbox;
  for (int i = 0; i < 500; ++i)
    mbox += Envelope(i) + "Subject: " + std::to_string(i) + "\n\nbody\n\n";
  const std::string gz =
      dir.Write("box.mbox.gz", testing::Compress(mbox, Compression::kGzip));
  const std::string zst =
      dir.Write("box.mbox.zst", testing::Compress(mbox, Compression::kZstd));
  EXPECT_EQ(ReadEverything(PlanOf({gz})).size(), 500u);
  EXPECT_EQ(ReadEverything(PlanOf({zst})).size(), 500u);
}

TEST(CorpusReader, MessagesSpanningMappingWindowsStayWhole) {
  TempDir dir;
  // 40 messages of ~600 KB: larger than the reader's small-file path, and
  // crossing the boundaries of the mapping windows.
  const std::string body(600 * 1024, 'a');
  std::string mbox;
  for (int i = 0; i < 40; ++i)
    mbox += Envelope(i) + "Subject: big\n\n" + body + "\n\n";
  const std::string path = dir.Write("big.mbox", mbox);
  std::vector<ReadMessage> messages = ReadEverything(PlanOf({path}));
  ASSERT_EQ(messages.size(), 40u);
  for (int i = 0; i < 40; ++i) {
    EXPECT_EQ(messages[i].bytes,
              Envelope(i) + "Subject: big\n\n" + body + "\n\n");
  }
}

TEST(CorpusReader, TruncatedGzipKeepsWhatWasReadAndCountsAFailure) {
  TempDir dir;
  std::string mbox;
  for (int i = 0; i < 20000; ++i)
    mbox += Envelope(i) + "Subject: x\n\nbody " + std::to_string(i) + "\n\n";
  const std::string compressed = testing::Compress(mbox, Compression::kGzip);
  const std::string path =
      dir.Write("cut.mbox.gz", compressed.substr(0, compressed.size() * 3 / 4));
  std::vector<ReadMessage> messages = ReadEverything(PlanOf({path}));
  ASSERT_FALSE(messages.empty());
  EXPECT_TRUE(messages.back().failed);
  EXPECT_EQ(messages.back().code, ErrorCode::kDecompressError);
  EXPECT_GT(messages.size(), 1000u);  // the readable part was not thrown away
}

TEST(CorpusReader, EmptyFileIsOneMessageToFail) {
  TempDir dir;
  const std::string path = dir.Write("empty.eml", "");
  std::vector<ReadMessage> messages = ReadEverything(PlanOf({path}));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_FALSE(messages[0].failed);  // read fine; the parser names it empty
  EXPECT_TRUE(messages[0].bytes.empty());
}

TEST(CorpusReader, ByteOrderMarkIsSkipped) {
  TempDir dir;
  const std::string path =
      dir.Write("bom.mbox", "\xEF\xBB\xBF" + Envelope(1) + "Subject: x\n\ny\n");
  std::vector<ReadMessage> messages = ReadEverything(PlanOf({path}));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].bytes.substr(0, 5), "From ");
}

TEST(CorpusReader, BatchesRespectTheirLimits) {
  TempDir dir;
  for (int i = 0; i < 25; ++i)
    dir.Write("m/" + std::to_string(100 + i), "Subject: x\n\ny\n");
  Result<CorpusPlan> plan = PlanCorpus({(dir.path() / "m").string()}, {});
  ASSERT_TRUE(plan.ok());
  ReaderOptions options;
  options.max_batch_messages = 10;
  CorpusReader reader(*plan, options);
  MessageBatch batch;
  std::vector<size_t> sizes;
  while (reader.Next(&batch)) sizes.push_back(batch.messages.size());
  EXPECT_EQ(sizes, (std::vector<size_t>{10, 10, 5}));
}

TEST(CorpusReader, OversizedMboxMessageIsCountedAndSkippedWithBoundedMemory) {
  TempDir dir;
  std::string mbox = Envelope(1) + "Subject: small\n\nfirst\n\n";
  mbox += Envelope(2) + "Subject: huge\n\n";
  for (int i = 0; i < 40000; ++i) mbox += std::string(99, 'x') + "\n";  // 4 MB
  // and a 12 MB line without a break: beyond one 8 MiB mapping window
  mbox += std::string(12u << 20, 'y');
  mbox += "\n\n" + Envelope(3) + "Subject: after\n\nlast\n";
  const std::string path = dir.Write("huge.mbox", mbox);
  for (size_t in_worker_below : {size_t{0}, size_t{64} << 20}) {
    ReaderOptions options;
    options.max_message_bytes = 1u << 20;
    options.read_in_worker_below_bytes = in_worker_below;
    std::vector<ReadMessage> messages = ReadWith(PlanOf({path}), options);
    ASSERT_EQ(messages.size(), 3u);
    EXPECT_NE(messages[0].bytes.find("first"), std::string::npos);
    EXPECT_TRUE(messages[1].failed);
    EXPECT_EQ(messages[1].code, ErrorCode::kMessageTooLarge);
    EXPECT_NE(messages[2].bytes.find("Subject: after"), std::string::npos);
  }
}

TEST(CorpusReader, SmallFilesAreHandedOverUnreadLargeOnesCut) {
  TempDir dir;
  const std::string small = dir.Write("small.eml", "Subject: x\n\ny\n");
  const std::string large =
      dir.Write("large.eml", "Subject: x\n\n" + std::string(2u << 20, 'z'));
  Result<CorpusPlan> plan = PlanCorpus({small, large}, {});
  ASSERT_TRUE(plan.ok());
  ReaderOptions options;  // default: files under 1 MiB go to workers
  CorpusReader reader(*plan, options);
  MessageBatch batch;
  ASSERT_TRUE(reader.Next(&batch));
  ASSERT_EQ(batch.messages.size(), 2u);
  EXPECT_TRUE(batch.messages[0].unread_input);
  EXPECT_TRUE(batch.messages[0].bytes.empty());
  EXPECT_FALSE(batch.messages[1].unread_input);
  EXPECT_EQ(batch.messages[1].bytes.size(), 12 + (2u << 20));
}

TEST(CorpusReader, LabelsTravelWithMessages) {
  TempDir dir;
  dir.Write("spam/1", "Subject: x\n\ny\n");
  std::vector<ReadMessage> messages =
      ReadEverything(PlanOf({dir.path().string()}));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].label, Label::kSpam);
}

// A stream damaged inside the first 64 KB it decodes yields nothing but
// the one counted failure (the larger test above shows what was decoded
// before the damage is kept).
TEST(CorpusReader, TruncatedSmallGzipIsOneCountedFailure) {
  TempDir dir;
  std::string mbox;
  for (int i = 0; i < 300; ++i)
    mbox += Envelope(i) + "Subject: x\n\nbody " + std::to_string(i) + "\n\n";
  const std::string compressed = testing::Compress(mbox, Compression::kGzip);
  const std::string path =
      dir.Write("cut.mbox.gz", compressed.substr(0, compressed.size() - 40));
  std::vector<ReadMessage> messages = ReadEverything(PlanOf({path}));
  ASSERT_FALSE(messages.empty());
  EXPECT_TRUE(messages.back().failed);
  EXPECT_EQ(messages.back().code, ErrorCode::kDecompressError);
}

TEST(CorpusReader, BareFromLinesSeparateDatelessMboxes) {
  TempDir dir;
  const std::string path =
      dir.Write("bare.mbox", "From\nSubject: a\n\nx\nFrom\nSubject: b\n\ny\n");
  EXPECT_EQ(ReadEverything(PlanOf({path})).size(), 2u);
}

}  // namespace
}  // namespace inboxsim::io
