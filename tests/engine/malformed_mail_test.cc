// The malformed-mail suite: broken mail and broken corpora, each run through
// the whole job (reader, parser, the shipped profiles' scan and checks),
// each ending in a best-effort parse or a failure counted under a named
// reason, with every message accounted for (read = parsed + failed) and the
// text kept bounded by the parse limits. Spam is written by adversaries and
// real corpora hold all of this.
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "sim/engine/run.h"
#include "sim/profile/judge.h"
#include "tests/test_util.h"

namespace inboxsim::engine {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

struct Expected {
  uint64_t read = 1;
  uint64_t parsed = 1;
  std::optional<ErrorCode>
      failure;  // the reason every failure is counted under
  std::optional<mime::Defect> defect;  // counted on at least one message
};

struct Case {
  const char* name;
  // Writes the inputs into `dir`; returns the paths to run.
  std::vector<std::string> (*write)(const TempDir& dir);
  Expected expected;
};

const char kFrom[] = "From a@example.com Mon Jan  1 00:00:00 2024\n";

std::vector<std::string> One(const TempDir& dir, std::string_view bytes) {
  return {dir.Write("m.eml", bytes)};
}

std::string NestedMultiparts(int depth) {
  std::string message = "Subject: deep\n";
  for (int i = 0; i < depth; ++i) {
    message += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) +
               "\n\n--b" + std::to_string(i) + "\n";
  }
  message += "Content-Type: text/plain\n\ninnermost\n";
  for (int i = depth - 1; i >= 0; --i)
    message += "--b" + std::to_string(i) + "--\n";
  return message;
}

const Case kCases[] = {
    {"TruncatedBase64",
     [](const TempDir& d) {
       return One(d,
                  "Subject: t\nContent-Transfer-Encoding: base64\n\n"
                  "SGVsbG8gd29ybGQgZnJlZSBtb25leSI");  // cut mid-quantum
     },
     {1, 1, std::nullopt, mime::Defect::kTruncatedBase64}},
    {"TruncatedQuotedPrintable",
     [](const TempDir& d) {
       return One(d,
                  "Subject: t\nContent-Transfer-Encoding: quoted-printable\n\n"
                  "caf=C3=A9 and then =4");
     },
     {1, 1, std::nullopt, mime::Defect::kInvalidQuotedPrintable}},
    {"MissingBoundaryParameter",
     [](const TempDir& d) {
       return One(d,
                  "Subject: t\nContent-Type: multipart/mixed\n\n--x\n\nbody\n");
     },
     {1, 1, std::nullopt, mime::Defect::kMissingBoundary}},
    {"BoundaryThatNeverCloses",
     [](const TempDir& d) {
       return One(d,
                  "Subject: t\nContent-Type: multipart/mixed; boundary=x\n\n"
                  "--x\nContent-Type: text/plain\n\none\n--x\n\ntwo\n");
     },
     {1, 1, std::nullopt, mime::Defect::kUnterminatedMultipart}},
    {"RepeatedBoundaries",
     [](const TempDir& d) {
       return One(d,
                  "Subject: t\nContent-Type: multipart/mixed; boundary=x\n\n"
                  "--x\n--x\n--x\n\nbody\n--x\n--x--\n--x--\n--x\n");
     },
     {1, 1, std::nullopt, std::nullopt}},
    {"BoundaryStringsInsideBodies",
     [](const TempDir& d) {
       return One(d,
                  "Subject: t\nContent-Type: multipart/mixed; boundary=x\n\n"
                  "--x\n\ntext with --x inside and x-- at the end--x\n"
                  " --x indented is not a delimiter\n--xy is not one either\n"
                  "--x--\n");
     },
     {1, 1, std::nullopt, std::nullopt}},
    {"Multipart10000Deep",
     [](const TempDir& d) { return One(d, NestedMultiparts(10000)); },
     {1, 1, std::nullopt, mime::Defect::kMimeDepthLimit}},
    {"FiftyMegabyteHeaderLine",
     [](const TempDir& d) {
       return One(d, "Subject: long\nX-Filler: " + std::string(50u << 20, 'a') +
                         "\n\nbody\n");
     },
     {1, 1, std::nullopt, mime::Defect::kHeaderLengthLimit}},
    {"NulBytes",
     [](const TempDir& d) {
       return One(d, std::string("Subject: n\0ul\n\nbo\0dy\0\n", 21));
     },
     {1, 1, std::nullopt, mime::Defect::kNulBytes}},
    {"InvalidUtf8",
     [](const TempDir& d) {
       return One(d,
                  "Subject: u\nContent-Type: text/plain; charset=utf-8\n\n"
                  "bad \xc3\x28 and \xff\xfe bytes\n");
     },
     {1, 1, std::nullopt, mime::Defect::kInvalidCharsetBytes}},
    {"WrongCharsetLabel",
     [](const TempDir& d) {
       return One(d,
                  "Subject: c\nContent-Type: text/plain; charset=x-no-such\n\n"
                  "caf\xe9\n");
     },
     {1, 1, std::nullopt, mime::Defect::kUnknownCharset}},
    {"EightBitHeaders",
     [](const TempDir& d) {
       return One(d,
                  "Subject: caf\xc3\xa9 \xe9t\xe9\nFrom: J\xf6rg <j@x>\n\nx\n");
     },
     {1, 1, std::nullopt, mime::Defect::kRaw8bitHeader}},
    {"GigabyteDeclaredSizes",
     [](const TempDir& d) {
       return std::vector<std::string>{d.Write(
           "m.mbox", std::string(kFrom) +
                         "Content-Length: 1073741824\nSubject: a\n\nshort\n\n" +
                         kFrom +
                         "Content-Length: 99999999999999999999\n"
                         "Subject: b\n\nshort too\n")};
     },
     {2, 2, std::nullopt, std::nullopt}},
    {"EmptyFile",
     [](const TempDir& d) { return One(d, ""); },
     {1, 0, ErrorCode::kEmptyMessage, std::nullopt}},
    {"BinaryGarbage",
     [](const TempDir& d) {
       std::mt19937 random(9);
       std::string bytes(100000, '\0');
       for (char& c : bytes) c = static_cast<char>(random());
       return One(d, bytes);
     },
     {1, 0, ErrorCode::kNotAMessage, std::nullopt}},
    {"MboxWithoutFromLine",
     [](const TempDir& d) {
       return std::vector<std::string>{
           d.Write("m.mbox", "Subject: no envelope\n\nbody\n")};
     },
     {1, 1, std::nullopt, std::nullopt}},
    {"MaildirWithAnUnreadableFile",
     [](const TempDir& d) {
       d.Write("box/cur/1:2,S", "Subject: fine\n\nx\n");
       d.Write("box/new/2", "Subject: fine too\n\ny\n");
       d.Write("box/tmp/.keep", "");
       // A dangling link: unreadable even as root.
       fs::create_symlink(d.path() / "box/gone", d.path() / "box/cur/3:2,S");
       return std::vector<std::string>{(d.path() / "box").string()};
     },
     {3, 2, ErrorCode::kUnreadable, std::nullopt}},
    {"TruncatedGzip",
     [](const TempDir& d) {
       // Large enough for the stream to be read in several blocks.
       std::string mbox;
       for (int i = 0; i < 20000; ++i)
         mbox += std::string(kFrom) + "Subject: " + std::to_string(i) +
                 "\n\nbody\n\n";
       const std::string gz = testing::Compress(mbox, io::Compression::kGzip);
       return std::vector<std::string>{
           d.Write("m.mbox.gz", gz.substr(0, gz.size() / 2))};
     },
     // Whatever was decoded before the cut is kept; the cut is a failure.
     {0, 0, ErrorCode::kDecompressError, std::nullopt}},
};

const profile::Judge& ShippedJudge() {
  static const profile::Judge* judge = [] {
    Result<profile::Judge> loaded = profile::Judge::Load(
        {profile::DefaultProfilesPath()}, {}, scan::CompileOptions{});
    EXPECT_TRUE(loaded) << loaded.error().ToString();
    return loaded ? new profile::Judge(std::move(*loaded)) : nullptr;
  }();
  return *judge;
}

class MalformedMail : public ::testing::TestWithParam<Case> {};

TEST_P(MalformedMail, IsParsedBestEffortOrFailsUnderANamedReason) {
  const Case& c = GetParam();
  TempDir dir;
  const std::vector<std::string> paths = c.write(dir);
  Result<io::CorpusPlan> plan = io::PlanCorpus(paths, {});
  ASSERT_TRUE(plan) << plan.error().ToString();
  RunOptions options;
  options.threads = 2;
  options.judge = &ShippedJudge();
  size_t largest_text = 0;
  options.on_message = [&largest_text](const mime::Message& message, Label) {
    largest_text = std::max(largest_text, message.body_text.size());
  };
  const RunResult result = RunCorpus(*plan, options);
  const report::Tally& tally = result.tally;
  const Expected& e = c.expected;

  EXPECT_EQ(tally.read(), tally.parsed() + tally.failed());
  if (c.expected.failure == ErrorCode::kDecompressError) {
    // A cut stream: what was decoded before the cut is parsed (all but the
    // last 64 KB decoded at most), then one counted failure says where it
    // broke.
    EXPECT_GT(tally.parsed(), 1000u);
    EXPECT_LT(tally.parsed(), 20000u);
    EXPECT_EQ(tally.failed(), 1u);
    EXPECT_EQ(tally.failed_by(ErrorCode::kDecompressError), 1u);
  } else {
    EXPECT_EQ(tally.read(), e.read);
    EXPECT_EQ(tally.parsed(), e.parsed);
    if (e.failure) {
      EXPECT_EQ(tally.failed_by(*e.failure), e.read - e.parsed);
    }
  }
  if (tally.failed() > 0) {
    ASSERT_FALSE(tally.failure_examples().empty());
    EXPECT_FALSE(tally.failure_examples()[0].where.empty());
  }
  if (e.defect) {
    EXPECT_GE(tally.messages_with(*e.defect), 1u);
  }
  EXPECT_LE(largest_text, mime::ParseLimits{}.max_text_bytes);
}

INSTANTIATE_TEST_SUITE_P(Suite, MalformedMail, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& param) {
                           return std::string(param.param.name);
                         });

}  // namespace
}  // namespace inboxsim::engine
