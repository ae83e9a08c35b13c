#include "sim/profile/content_checks.h"

#include <gtest/gtest.h>

#include "corpora/generator/mime_encoders.h"
#include "tests/test_util.h"

namespace inboxsim::profile {
namespace {

mime::Message Parse(const std::string& raw) {
  Result<mime::Message> message = mime::ParseMessage(raw, {});
  EXPECT_TRUE(message.ok());
  return message.ok() ? std::move(message).value() : mime::Message{};
}

std::string Html(const std::string& body) {
  return "Content-Type: text/html\n\n" + body + "\n";
}

std::string WithAttachment(const std::string& type, const std::string& name) {
  return "Content-Type: multipart/mixed; "
         "boundary=b\n\n--b\n\nhello\n--b\nContent-Type: " +
         type + "\nContent-Disposition: attachment; filename=\"" + name +
         "\"\nContent-Transfer-Encoding: base64\n\nTVqQAAMAAAAEAAAA\n--b--\n";
}

TEST(ContentChecks, PlainTextFiresNothing) {
  const std::string raw = "Subject: hi\n\njust words\n";
  const mime::Message message = Parse(raw);
  for (CheckKind check : {CheckKind::kImages, CheckKind::kMultimedia,
                          CheckKind::kActiveScript, CheckKind::kHiddenText}) {
    EXPECT_FALSE(ContentCheckFires(check, message)) << ContentCheckId(check);
    EXPECT_EQ(ContentCheckReason(check, message), "");
  }
}

TEST(ContentChecks, ImagesInHtmlOrAsParts) {
  const std::string html =
      Html("<p>hi <img src=\"http://x.example/a.gif\"></p>");
  const mime::Message remote = Parse(html);
  EXPECT_TRUE(ContentCheckFires(CheckKind::kImages, remote));
  EXPECT_EQ(ContentCheckReason(CheckKind::kImages, remote),
            "images: 1 <img> in HTML");
  const std::string attached_raw = WithAttachment("image/png", "logo.png");
  const mime::Message attached = Parse(attached_raw);
  EXPECT_TRUE(ContentCheckFires(CheckKind::kImages, attached));
  EXPECT_NE(ContentCheckReason(CheckKind::kImages, attached).find("logo.png"),
            std::string::npos);
}

TEST(ContentChecks, MultimediaTagsAndParts) {
  const std::string html = Html("<video src=\"m.mp4\"></video>");
  EXPECT_TRUE(ContentCheckFires(CheckKind::kMultimedia, Parse(html)));
  const std::string audio = WithAttachment("audio/mpeg", "song.mp3");
  EXPECT_TRUE(ContentCheckFires(CheckKind::kMultimedia, Parse(audio)));
  const std::string pdf = WithAttachment("application/pdf", "a.pdf");
  EXPECT_FALSE(ContentCheckFires(CheckKind::kMultimedia, Parse(pdf)));
}

TEST(ContentChecks, ActiveScriptEveryForm) {
  const std::string script = Html("<script>alert(1)</script>hi");
  const std::string handler = Html("<body onload=\"go()\">hi</body>");
  const std::string js_url = Html("<a href=\"javascript:go()\">x</a>");
  const std::string exe =
      WithAttachment("application/octet-stream", "invoice.exe");
  const std::string macro =
      WithAttachment("application/vnd.ms-excel", "Q3.XLSM");
  for (const std::string* raw : {&script, &handler, &js_url, &exe, &macro}) {
    EXPECT_TRUE(ContentCheckFires(CheckKind::kActiveScript, Parse(*raw)))
        << *raw;
  }
  const mime::Message executable = Parse(exe);
  EXPECT_EQ(ContentCheckReason(CheckKind::kActiveScript, executable),
            "active script: executable attachment invoice.exe");
  const std::string pdf = WithAttachment("application/pdf", "invoice.pdf");
  EXPECT_FALSE(ContentCheckFires(CheckKind::kActiveScript, Parse(pdf)));
}

TEST(ContentChecks, HiddenText) {
  const std::string raw =
      Html("<p>visible</p><div style=\"display:none\">secret words</div>");
  const mime::Message message = Parse(raw);
  EXPECT_TRUE(ContentCheckFires(CheckKind::kHiddenText, message));
  EXPECT_EQ(ContentCheckReason(CheckKind::kHiddenText, message)
                .rfind("hidden text: display:none in a <div>, 12 bytes", 0),
            0u);
}

// A message carrying `archive` (already built bytes) as a base64 attachment.
std::string WithArchive(const std::string& name, const std::string& archive) {
  std::string encoded;
  gen::detail::AppendBase64(archive, encoded);
  return "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nsee "
         "attached\n--b\nContent-Type: application/zip\n"
         "Content-Disposition: attachment; filename=\"" +
         name + "\"\nContent-Transfer-Encoding: base64\n\n" + encoded +
         "\n--b--\n";
}

TEST(ContentChecks, ExecutablesInsideArchivesAreActiveScript) {
  const std::string raw = WithArchive(
      "invoice.zip", testing::Zip({{"invoice.pdf", "%PDF-1.4"},
                                   {"docs/invoice.pdf.exe", "MZ\x90"}}));
  const mime::Message message = Parse(raw);
  ASSERT_EQ(message.attachments.size(), 1u);
  EXPECT_EQ(message.attachments[0].archive_members,
            (std::vector<std::string>{"invoice.pdf", "docs/invoice.pdf.exe"}));
  EXPECT_TRUE(ContentCheckFires(CheckKind::kActiveScript, message));
  EXPECT_EQ(ContentCheckReason(CheckKind::kActiveScript, message),
            "active script: executable attachment docs/invoice.pdf.exe in "
            "archive invoice.zip");

  const std::string harmless_raw =
      WithArchive("photos.zip", testing::Zip({{"a.jpg", "jpeg"}}));
  const mime::Message harmless = Parse(harmless_raw);
  EXPECT_FALSE(ContentCheckFires(CheckKind::kActiveScript, harmless));
  EXPECT_FALSE(harmless.has(mime::Defect::kDamagedArchive));
}

TEST(ContentChecks, DamagedAndOversizedArchivesAreCounted) {
  const std::string damaged_raw =
      WithArchive("broken.zip", "PK\x03\x04 not really a zip");
  const mime::Message damaged = Parse(damaged_raw);
  EXPECT_TRUE(damaged.has(mime::Defect::kDamagedArchive));
  std::vector<std::pair<std::string, std::string>> many;
  for (int i = 0; i < 12; ++i)
    many.push_back({std::to_string(i) + ".txt", "x"});
  const std::string raw = WithArchive("many.zip", testing::Zip(many));
  mime::ParseLimits limits;
  limits.max_archive_members = 10;
  Result<mime::Message> limited = mime::ParseMessage(raw, limits);
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->attachments[0].archive_members.size(), 10u);
  EXPECT_TRUE(limited->has(mime::Defect::kArchiveMemberLimit));
}

TEST(IsExecutableFileName, KnowsCodeAndMacroExtensions) {
  EXPECT_TRUE(IsExecutableFileName("setup.EXE"));
  EXPECT_TRUE(IsExecutableFileName("report.docm"));
  EXPECT_TRUE(IsExecutableFileName("a.b.js"));
  EXPECT_FALSE(IsExecutableFileName("report.docx"));
  EXPECT_FALSE(IsExecutableFileName("exe"));
  EXPECT_FALSE(IsExecutableFileName(""));
}

TEST(ParseContentCheck, NamesTheFourBans) {
  EXPECT_EQ(ParseContentCheck("images"), CheckKind::kImages);
  EXPECT_EQ(ParseContentCheck("active_script"), CheckKind::kActiveScript);
  EXPECT_FALSE(ParseContentCheck("scripts").has_value());
}

}  // namespace
}  // namespace inboxsim::profile
