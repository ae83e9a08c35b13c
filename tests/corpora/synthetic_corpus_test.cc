#include "corpora/generator/synthetic_corpus.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "corpora/generator/deterministic_rng.h"
#include "corpora/generator/mime_encoders.h"
#include "corpora/generator/network_names.h"
#include "corpora/generator/word_lists.h"

namespace inboxsim::gen {
namespace {

// A minimal MIME reader, independent of the generator's writers, so the
// tests check the bytes a consumer would see.

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

struct Entity {
  std::map<std::string, std::string>
      headers;  // lower-case name -> unfolded value
  std::string_view body;
};

// Splits an entity at its first blank line; false when there is none.
bool ParseEntity(std::string_view text, Entity* entity) {
  const size_t separator = text.find("\n\n");
  if (separator == std::string_view::npos) return false;
  std::string name;
  for (std::string_view line : SplitLines(text.substr(0, separator + 1))) {
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      entity->headers[name].append(" ").append(line.substr(1));
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    name = Lower(line.substr(0, colon));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value[0] == ' ') value.remove_prefix(1);
    // Keep the first occurrence (Received repeats; the tests read others).
    if (!entity->headers.count(name))
      entity->headers[name] = std::string(value);
  }
  entity->body = text.substr(separator + 2);
  return true;
}

std::string Param(const std::string& header, std::string_view name) {
  const std::string lower = Lower(header);
  const size_t at = lower.find(std::string(name) + "=");
  if (at == std::string::npos) return "";
  size_t start = at + name.size() + 1;
  if (start < header.size() && header[start] == '"') {
    const size_t end = header.find('"', start + 1);
    return header.substr(start + 1, end - start - 1);
  }
  size_t end = header.find_first_of("; ", start);
  return header.substr(
      start, end == std::string::npos ? std::string::npos : end - start);
}

std::string MediaType(const Entity& entity) {
  auto it = entity.headers.find("content-type");
  if (it == entity.headers.end()) return "text/plain";
  return Lower(it->second.substr(0, it->second.find(';')));
}

std::string DecodeBase64(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v = -1;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '+')
      v = 62;
    else if (c == '/')
      v = 63;
    if (v < 0) continue;
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string DecodeQuotedPrintable(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out.push_back(text[i]);
    } else if (i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;  // soft line break
    } else if (i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
               HexValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 +
                                      HexValue(text[i + 2])));
      i += 2;
    } else {
      out.push_back('=');
    }
  }
  return out;
}

// Decodes RFC 2047 encoded-words in a header value; text between adjacent
// words is dropped as the RFC says.
std::string DecodeHeader(std::string_view value) {
  static const std::regex kWord(
      R"(=\?([^?]+)\?([BbQq])\?([^?]*)\?=(\s+(?==\?))?)");
  std::string out;
  std::string text(value);
  auto begin = std::sregex_iterator(text.begin(), text.end(), kWord);
  size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    out.append(text, last, static_cast<size_t>(it->position()) - last);
    const std::string payload = (*it)[3];
    if ((*it)[2] == "B" || (*it)[2] == "b") {
      out.append(DecodeBase64(payload));
    } else {
      std::string q = payload;
      std::replace(q.begin(), q.end(), '_', ' ');
      out.append(DecodeQuotedPrintable(q));
    }
    last = static_cast<size_t>(it->position() + it->length());
  }
  out.append(text, last);
  return out;
}

struct Leaf {
  std::string media_type;
  std::string cte;
  std::string charset;
  std::string_view raw_body;
  std::string decoded;
};

struct Walk {
  std::vector<Leaf> leaves;
  std::vector<std::string> media_types;  // every entity, in order
  std::vector<std::string> boundaries;
  bool well_formed = true;
};

void WalkEntity(std::string_view text, Walk& walk, int depth) {
  Entity entity;
  if (!ParseEntity(text, &entity)) {
    walk.well_formed = false;
    return;
  }
  const std::string type = MediaType(entity);
  walk.media_types.push_back(type);
  if (type.starts_with("multipart/")) {
    const std::string boundary =
        Param(entity.headers["content-type"], "boundary");
    walk.boundaries.push_back(boundary);
    const std::string open = "--" + boundary + "\n";
    const std::string close = "\n--" + boundary + "--";
    const size_t end = entity.body.find(close);
    size_t pos = entity.body.find(open);
    if (boundary.empty() || end == std::string_view::npos ||
        pos == std::string_view::npos) {
      walk.well_formed = false;
      return;
    }
    while (pos < end) {
      const size_t start = pos + open.size();
      size_t next = entity.body.find("\n" + open, start);
      if (next == std::string_view::npos || next > end) next = end;
      WalkEntity(entity.body.substr(start, next + 1 - start), walk, depth + 1);
      pos = next + 1;
    }
    return;
  }
  if (type == "message/rfc822") {
    WalkEntity(entity.body, walk, depth + 1);
    return;
  }
  Leaf leaf;
  leaf.media_type = type;
  leaf.cte = Lower(entity.headers["content-transfer-encoding"]);
  leaf.charset = Lower(Param(entity.headers["content-type"], "charset"));
  leaf.raw_body = entity.body;
  if (leaf.cte == "base64") {
    leaf.decoded = DecodeBase64(entity.body);
  } else if (leaf.cte == "quoted-printable") {
    leaf.decoded = DecodeQuotedPrintable(entity.body);
  } else {
    leaf.decoded = std::string(entity.body);
  }
  walk.leaves.push_back(std::move(leaf));
}

Walk WalkMessage(std::string_view bytes) {
  Walk walk;
  WalkEntity(bytes, walk, 0);
  return walk;
}

// True when the subject or any text part, decoded, holds a trigger phrase.
bool HasTriggerPhrase(const SyntheticMessage& message) {
  Entity top;
  if (!ParseEntity(message.bytes, &top)) return false;
  std::string text = Lower(DecodeHeader(top.headers["subject"]));
  for (const Leaf& leaf : WalkMessage(message.bytes).leaves) {
    if (leaf.media_type.starts_with("text/"))
      text.append("\n").append(Lower(leaf.decoded));
  }
  for (std::string_view phrase : TriggerPhrases()) {
    if (text.find(phrase) != std::string::npos) return true;
  }
  return false;
}

std::vector<SyntheticMessage> MakeCorpus(
    const SyntheticCorpusOptions& options) {
  SyntheticCorpus corpus(options);
  std::vector<SyntheticMessage> messages;
  for (uint64_t i = 0; i < options.count; ++i)
    messages.push_back(corpus.Generate(i));
  return messages;
}

SyntheticCorpusOptions Options(uint64_t count, uint64_t seed = 1) {
  SyntheticCorpusOptions options;
  options.count = count;
  options.seed = seed;
  return options;
}

// ---------------------------------------------------------------- determinism

TEST(SyntheticCorpus, SameSeedAndIndexGiveIdenticalBytesInAnyOrder) {
  const SyntheticCorpusOptions options = Options(60, 42);
  SyntheticCorpus forward(options);
  SyntheticCorpus backward(options);
  std::vector<SyntheticMessage> first;
  for (uint64_t i = 0; i < options.count; ++i)
    first.push_back(forward.Generate(i));
  for (uint64_t i = options.count; i-- > 0;) {
    const SyntheticMessage again = backward.Generate(i);
    ASSERT_EQ(again.bytes, first[i].bytes) << "index " << i;
    EXPECT_EQ(again.is_spam, first[i].is_spam);
    EXPECT_EQ(again.envelope_sender, first[i].envelope_sender);
    EXPECT_EQ(again.envelope_date, first[i].envelope_date);
  }
}

TEST(SyntheticCorpus, DifferentSeedOrIndexGivesDifferentMessages) {
  const std::vector<SyntheticMessage> a = MakeCorpus(Options(60, 1));
  const std::vector<SyntheticMessage> b = MakeCorpus(Options(60, 2));
  std::set<std::string> distinct;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_NE(a[i].bytes, b[i].bytes) << "index " << i;
    distinct.insert(a[i].bytes);
  }
  EXPECT_EQ(distinct.size(), a.size());
}

TEST(DeterministicRng, HelpersStayInRangeAndHonourCertainties) {
  detail::Rng rng(detail::MessageSeed(7, 3));
  detail::Rng same(detail::MessageSeed(7, 3));
  EXPECT_EQ(rng.Next(), same.Next());
  EXPECT_NE(detail::MessageSeed(7, 3), detail::MessageSeed(3, 7));
  for (int i = 0; i < 10000; ++i) {
    const int v = rng.Uniform(-3, 5);
    ASSERT_GE(v, -3);
    ASSERT_LE(v, 5);
    ASSERT_FALSE(rng.Bernoulli(0.0));
    ASSERT_TRUE(rng.Bernoulli(1.0));
    const double u = rng.UnitDouble();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
  }
  const int weights[] = {0, 5, 0};
  EXPECT_EQ(rng.PickWeighted(weights), 1u);
}

// ------------------------------------------------------------------- shares

TEST(SyntheticCorpus, SpamShareFollowsSpamRatio) {
  SyntheticCorpusOptions options = Options(2000);
  options.spam_ratio = 0.3;
  const std::vector<SyntheticMessage> messages = MakeCorpus(options);
  const auto spam =
      std::count_if(messages.begin(), messages.end(),
                    [](const SyntheticMessage& m) { return m.is_spam; });
  EXPECT_NEAR(static_cast<double>(spam) / 2000.0, 0.3, 0.04);

  options.count = 300;
  options.spam_ratio = 0.0;
  for (const SyntheticMessage& m : MakeCorpus(options)) ASSERT_FALSE(m.is_spam);
  options.spam_ratio = 1.0;
  for (const SyntheticMessage& m : MakeCorpus(options)) ASSERT_TRUE(m.is_spam);
}

TEST(SyntheticCorpus, TriggerPhrasesAppearAtConfiguredRates) {
  SyntheticCorpusOptions options = Options(2000, 11);
  options.spam_ratio = 0.5;
  options.spam_trigger_rate = 0.6;
  options.ham_trigger_rate = 0.05;
  int spam = 0, spam_triggered = 0, ham = 0, ham_triggered = 0;
  for (const SyntheticMessage& m : MakeCorpus(options)) {
    const bool triggered = HasTriggerPhrase(m);
    if (m.is_spam) {
      ++spam;
      spam_triggered += triggered;
    } else {
      ++ham;
      ham_triggered += triggered;
    }
  }
  ASSERT_GT(spam, 800);
  ASSERT_GT(ham, 800);
  EXPECT_NEAR(static_cast<double>(spam_triggered) / spam, 0.6, 0.05);
  EXPECT_NEAR(static_cast<double>(ham_triggered) / ham, 0.05, 0.025);
}

TEST(SyntheticCorpus, TriggerRatesOfZeroAndOneAreExact) {
  SyntheticCorpusOptions options = Options(400, 5);
  options.spam_trigger_rate = 0.0;
  options.ham_trigger_rate = 0.0;
  for (const SyntheticMessage& m : MakeCorpus(options)) {
    ASSERT_FALSE(HasTriggerPhrase(m)) << m.bytes;
  }
  options.spam_trigger_rate = 1.0;
  options.ham_trigger_rate = 1.0;
  for (const SyntheticMessage& m : MakeCorpus(options)) {
    ASSERT_TRUE(HasTriggerPhrase(m)) << m.bytes;
  }
}

// ---------------------------------------------------------------- structure

TEST(SyntheticCorpus, EveryMessageHasSeparatorAndRequiredHeaders) {
  static const std::regex kDate(
      R"((Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d [+-]\d{4})");
  static const std::regex kAsctime(
      R"([A-Z][a-z]{2} [A-Z][a-z]{2} [ 123]\d \d\d:\d\d:\d\d \d{4})");
  for (const SyntheticMessage& m : MakeCorpus(Options(500, 3))) {
    Entity top;
    ASSERT_TRUE(ParseEntity(m.bytes, &top)) << m.bytes.substr(0, 400);
    for (const char* name :
         {"from", "date", "message-id", "subject", "mime-version", "to",
          "return-path", "received", "content-type"}) {
      ASSERT_TRUE(top.headers.count(name)) << name << " missing in\n"
                                           << m.bytes.substr(0, 800);
    }
    EXPECT_EQ(top.headers["mime-version"], "1.0");
    EXPECT_TRUE(std::regex_match(top.headers["date"], kDate))
        << top.headers["date"];
    EXPECT_TRUE(std::regex_match(m.envelope_date, kAsctime)) << m.envelope_date;
    EXPECT_NE(m.envelope_sender.find('@'), std::string::npos);
    EXPECT_EQ(top.headers["message-id"].front(), '<');
    EXPECT_EQ(top.headers["message-id"].back(), '>');
    EXPECT_EQ(m.bytes.back(), '\n');
    EXPECT_EQ(m.bytes.find('\r'), std::string::npos);
  }
}

TEST(SyntheticCorpus, EveryBoundaryOpensAndCloses) {
  static const std::regex kBoundary(R"re(boundary="([^"]+)")re");
  int multiparts = 0;
  for (const SyntheticMessage& m : MakeCorpus(Options(500, 4))) {
    const Walk walk = WalkMessage(m.bytes);
    EXPECT_TRUE(walk.well_formed) << m.bytes.substr(0, 1500);
    std::set<std::string> seen;
    for (auto it =
             std::sregex_iterator(m.bytes.begin(), m.bytes.end(), kBoundary);
         it != std::sregex_iterator(); ++it) {
      const std::string boundary = (*it)[1];
      EXPECT_TRUE(seen.insert(boundary).second)
          << "boundary reused: " << boundary;
      const size_t open = m.bytes.find("\n--" + boundary + "\n");
      const size_t close = m.bytes.find("\n--" + boundary + "--\n");
      ASSERT_NE(open, std::string::npos) << boundary;
      ASSERT_NE(close, std::string::npos) << boundary;
      EXPECT_LT(open, close);
      ++multiparts;
    }
  }
  EXPECT_GT(multiparts, 200);
}

TEST(SyntheticCorpus, LinesRespectRfcLimits) {
  size_t base64_lines = 0;
  size_t qp_lines = 0;
  for (const SyntheticMessage& m : MakeCorpus(Options(2000, 8))) {
    for (std::string_view line : SplitLines(m.bytes))
      ASSERT_LE(line.size(), 998u);
    for (const Leaf& leaf : WalkMessage(m.bytes).leaves) {
      if (leaf.cte == "base64") {
        size_t chars = 0;
        for (std::string_view line : SplitLines(leaf.raw_body)) {
          ASSERT_LE(line.size(), 76u);
          for (char c : line) {
            ASSERT_TRUE(std::isalnum(static_cast<unsigned char>(c)) ||
                        c == '+' || c == '/' || c == '=')
                << "bad base64 character " << static_cast<int>(c);
          }
          chars += line.size();
          ++base64_lines;
        }
        EXPECT_EQ(chars % 4, 0u);
      } else if (leaf.cte == "quoted-printable") {
        for (std::string_view line : SplitLines(leaf.raw_body)) {
          ASSERT_LE(line.size(), 76u) << line;
          ++qp_lines;
        }
      } else if (leaf.cte == "7bit") {
        for (char c : leaf.raw_body)
          ASSERT_LT(static_cast<unsigned char>(c), 0x80);
      }
    }
  }
  EXPECT_GT(base64_lines, 1000u);
  EXPECT_GT(qp_lines, 1000u);
}

TEST(SyntheticCorpus, SizesAverageAFewKilobytesWithOccasionalLargeOnes) {
  size_t total = 0, largest = 0, over_50k = 0;
  const std::vector<SyntheticMessage> messages = MakeCorpus(Options(2000, 9));
  for (const SyntheticMessage& m : messages) {
    total += m.bytes.size();
    largest = std::max(largest, m.bytes.size());
    over_50k += m.bytes.size() > 50000;
  }
  const double average = static_cast<double>(total) / messages.size();
  EXPECT_GT(average, 3000.0);
  EXPECT_LT(average, 7000.0);
  EXPECT_GT(over_50k, 0u);
  EXPECT_LT(largest, 110000u);
}

// ------------------------------------------------------------------ variety

TEST(SyntheticCorpus, CoversEveryStructureEncodingAndCharset) {
  std::set<std::string> top_types, all_types, ctes, charsets;
  bool nested_alternative = false;
  for (const SyntheticMessage& m : MakeCorpus(Options(500, 12))) {
    const Walk walk = WalkMessage(m.bytes);
    top_types.insert(walk.media_types.front());
    all_types.insert(walk.media_types.begin(), walk.media_types.end());
    if (walk.media_types.size() > 1 &&
        walk.media_types[0] == "multipart/mixed" &&
        walk.media_types[1] == "multipart/alternative") {
      nested_alternative = true;
    }
    for (const Leaf& leaf : walk.leaves) {
      ctes.insert(leaf.cte);
      if (!leaf.charset.empty()) charsets.insert(leaf.charset);
    }
  }
  for (const char* type : {"text/plain", "text/html", "multipart/alternative",
                           "multipart/mixed", "multipart/related"}) {
    EXPECT_TRUE(top_types.count(type)) << type;
  }
  EXPECT_TRUE(all_types.count("message/rfc822"));
  EXPECT_TRUE(all_types.count("image/png") || all_types.count("image/jpeg"));
  EXPECT_TRUE(nested_alternative);
  for (const char* cte : {"7bit", "8bit", "quoted-printable", "base64"})
    EXPECT_TRUE(ctes.count(cte)) << cte;
  for (const char* charset : {"us-ascii", "utf-8", "iso-8859-1", "windows-1252",
                              "iso-8859-2", "koi8-r"}) {
    EXPECT_TRUE(charsets.count(charset)) << charset;
  }
}

TEST(SyntheticCorpus, CoversHeaderVariety) {
  std::map<std::string, int> seen;
  static const std::regex kIpv6Received(
      R"(Received: from [^\n]*\[(IPv6:)?[0-9a-f]+:[0-9a-f:]+\])");
  for (const SyntheticMessage& m : MakeCorpus(Options(500, 13))) {
    const std::string& b = m.bytes;
    auto mark = [&](const char* key, bool hit) { seen[key] += hit; };
    mark("subject b utf-8", b.find("Subject: =?utf-8?B?") != std::string::npos);
    mark("subject q utf-8", b.find("Subject: =?utf-8?Q?") != std::string::npos);
    mark("subject latin1",
         b.find("Subject: =?iso-8859-1?") != std::string::npos);
    mark("encoded from", b.find("From: =?") != std::string::npos);
    mark("ipv6", std::regex_search(b, kIpv6Received));
    mark("postfix", b.find("(Postfix) with") != std::string::npos);
    mark("sendmail", b.find("(8.15.2/8.15.2) with") != std::string::npos);
    mark("exim", b.find("(Exim 4.") != std::string::npos);
    mark("auth results",
         b.find("\nAuthentication-Results: ") != std::string::npos);
    mark("received spf", b.find("\nReceived-SPF: ") != std::string::npos);
    mark("list unsubscribe",
         b.find("\nList-Unsubscribe: <") != std::string::npos);
    mark("list id", b.find("\nList-Id: ") != std::string::npos);
    mark("precedence bulk",
         b.find("\nPrecedence: bulk\n") != std::string::npos);
    mark("reply-to", b.find("\nReply-To: ") != std::string::npos);
    mark("sender", b.find("\nSender: ") != std::string::npos);
    mark("x-mailer", b.find("\nX-Mailer: ") != std::string::npos);
    mark("reply subject", b.find("\nSubject: Re: ") != std::string::npos);
    mark("forward subject", b.find("\nSubject: Fwd: ") != std::string::npos);
    mark("quoted text", b.find("\n> ") != std::string::npos);
    mark("multi-level tld", b.find(".co.uk") != std::string::npos);
    mark("url shortener",
         b.find("https://bit.ly/") != std::string::npos ||
             b.find("https://tinyurl.com/") != std::string::npos);
    mark("ip url",
         std::regex_search(b, std::regex(R"(http://\d+\.\d+\.\d+\.\d+/)")));
  }
  for (const auto& [key, count] : seen) EXPECT_GT(count, 0) << key;
  EXPECT_EQ(seen.size(), 22u);
}

TEST(SyntheticCorpus, SpamCarriesRiskyAttachmentsAndHtmlTricks) {
  SyntheticCorpusOptions options = Options(800, 14);
  options.spam_ratio = 1.0;
  std::set<std::string> extensions;
  std::map<std::string, int> tricks;
  for (const SyntheticMessage& m : MakeCorpus(options)) {
    static const std::regex kFilename(R"re(filename="[^"]*\.([a-z]+)")re");
    for (auto it =
             std::sregex_iterator(m.bytes.begin(), m.bytes.end(), kFilename);
         it != std::sregex_iterator(); ++it) {
      extensions.insert((*it)[1]);
    }
    for (const Leaf& leaf : WalkMessage(m.bytes).leaves) {
      if (leaf.media_type != "text/html") continue;
      const std::string& h = leaf.decoded;
      tricks["display:none"] += h.find("display:none") != std::string::npos;
      tricks["font-size:0"] += h.find("font-size:0") != std::string::npos;
      tricks["white text"] += h.find("color:#ffffff") != std::string::npos;
      tricks["script"] += h.find("<script") != std::string::npos;
      tricks["form"] += h.find("<form") != std::string::npos;
      tricks["handler"] += h.find(" onload=") != std::string::npos ||
                           h.find(" onmouseover=") != std::string::npos;
      // Link text naming one domain while the href points elsewhere.
      static const std::regex kMismatch(
          R"(<a href="https?://([^/":]+)[^"]*"[^>]*>\s*https://www\.([^/]+)/)");
      std::smatch match;
      tricks["mismatched link"] += std::regex_search(h, match, kMismatch) &&
                                   match[1] != "www." + match[2].str() &&
                                   match[1] != match[2];
    }
  }
  for (const char* ext : {"exe", "scr", "js", "docm", "xlsm", "zip", "pdf"}) {
    EXPECT_TRUE(extensions.count(ext)) << ext;
  }
  for (const auto& [trick, count] : tricks) EXPECT_GT(count, 0) << trick;
}

TEST(SyntheticCorpus, LegacyCharsetBodiesAreEncodedInThatCharset) {
  // A KOI8-R part must hold KOI8-R bytes (Cyrillic letters are >= 0xC0 and
  // no UTF-8 lead bytes D0/D1 pairs), a UTF-8 part valid multi-byte text.
  int koi8_parts = 0;
  for (const SyntheticMessage& m : MakeCorpus(Options(800, 15))) {
    for (const Leaf& leaf : WalkMessage(m.bytes).leaves) {
      if (leaf.charset != "koi8-r" || !leaf.media_type.starts_with("text/"))
        continue;
      bool cyrillic = false;
      for (char c : leaf.decoded)
        cyrillic |= static_cast<unsigned char>(c) >= 0xC0;
      EXPECT_TRUE(cyrillic);
      EXPECT_EQ(leaf.decoded.find("\xD0\xB0"), std::string::npos);  // UTF-8 "а"
      ++koi8_parts;
    }
  }
  EXPECT_GT(koi8_parts, 0);
}

// ------------------------------------------------------------------ encoders

TEST(MimeEncoders, TranscodeUsesEachCharsetsOwnBytes) {
  using detail::Charset;
  EXPECT_EQ(detail::TranscodeFromUtf8("Здравствуйте", Charset::kKoi8R),
            "\xFA\xC4\xD2\xC1\xD7\xD3\xD4\xD7\xD5\xCA\xD4\xC5");
  EXPECT_EQ(detail::TranscodeFromUtf8("Dziękuję Łódź", Charset::kIso88592),
            "\x44\x7A\x69\xEA\x6B\x75\x6A\xEA\x20\xA3\xF3\x64\xBC");
  EXPECT_EQ(detail::TranscodeFromUtf8("“it’s” €5", Charset::kWindows1252),
            "\x93\x69\x74\x92\x73\x94\x20\x80\x35");
  EXPECT_EQ(detail::TranscodeFromUtf8("Grüße", Charset::kIso88591),
            "Gr\xFC\xDF"
            "e");
  EXPECT_EQ(detail::TranscodeFromUtf8("Grüße", Charset::kUsAscii), "Gr??e");
  for (int c = 0; c < detail::kCharsetCount; ++c) {
    for (std::string_view word : detail::kNativeWords[c]) {
      EXPECT_TRUE(detail::IsRepresentable(word, static_cast<Charset>(c)))
          << word << " in " << c;
    }
  }
}

TEST(MimeEncoders, QuotedPrintableEscapesAndSoftBreaks) {
  std::string out;
  detail::AppendQuotedPrintable("a=b \nx\xE9y\n" + std::string(100, 'z'), out);
  const std::vector<std::string_view> lines = SplitLines(out);
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines[0], "a=3Db=20");
  EXPECT_EQ(lines[1], "x=E9y");
  EXPECT_EQ(lines[2].size(), 76u);
  EXPECT_EQ(lines[2].back(), '=');
  EXPECT_EQ(DecodeQuotedPrintable(out),
            "a=b \nx\xE9y\n" + std::string(100, 'z') + "\n");
}

TEST(MimeEncoders, EncodedWordsStayShortAndKeepCharactersWhole) {
  const std::string text =
      "Grüße aus München und Kraków, " + std::string(40, 'x') + " 谢谢 ½";
  for (auto kind :
       {detail::EncodedWordKind::kBase64, detail::EncodedWordKind::kQ}) {
    const std::string encoded =
        detail::EncodeWord(text, detail::Charset::kUtf8, kind);
    EXPECT_EQ(DecodeHeader(encoded), text);
    for (std::string_view line : SplitLines(encoded)) {
      if (line.starts_with(" ")) line.remove_prefix(1);
      EXPECT_LE(line.size(), 75u);
      // Each word decodes to valid UTF-8 on its own: no split sequence.
      const std::string word = DecodeHeader(line);
      ASSERT_FALSE(word.empty());
      EXPECT_NE(static_cast<unsigned char>(word[0]) & 0xC0, 0x80u) << line;
    }
  }
  EXPECT_EQ(detail::EncodeWord("Grüße", detail::Charset::kUtf8,
                               detail::EncodedWordKind::kBase64),
            "=?utf-8?B?R3LDvMOfZQ==?=");
}

TEST(NetworkNames, DatesAreRfc5322AndAsctime) {
  EXPECT_EQ(detail::FormatRfc5322Date(0, 0), "Thu, 1 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(detail::FormatRfc5322Date(1678782413, 60),
            "Tue, 14 Mar 2023 09:26:53 +0100");
  EXPECT_EQ(detail::FormatRfc5322Date(1678782413, -330),
            "Tue, 14 Mar 2023 02:56:53 -0530");
  EXPECT_EQ(detail::FormatAsctime(1678782413), "Tue Mar 14 08:26:53 2023");
  EXPECT_EQ(detail::FormatAsctime(1677888000), "Sat Mar  4 00:00:00 2023");
}

// -------------------------------------------------------------------- mboxrd

TEST(WriteMboxrdMessage, EscapesFromLinesReversibly) {
  SyntheticMessage message;
  message.envelope_sender = "a@example.com";
  message.envelope_date = "Tue Mar 14 08:26:53 2023";
  message.bytes =
      "Subject: x\n\nFrom here\n>From there\n>>From far\nFromage\nFrom\n From "
      "indented\n";
  std::ostringstream out;
  WriteMboxrdMessage(message, out);
  EXPECT_EQ(out.str(),
            "From a@example.com Tue Mar 14 08:26:53 2023\n"
            "Subject: x\n\n>From here\n>>From there\n>>>From "
            "far\nFromage\nFrom\n From indented\n\n");

  // Reading back: drop the From_ line and the trailing blank line, then
  // remove one '>' from every ^>+From line.
  std::string body = out.str().substr(out.str().find('\n') + 1);
  body.pop_back();
  std::string restored;
  for (std::string_view line : SplitLines(body)) {
    size_t quotes = 0;
    while (quotes < line.size() && line[quotes] == '>') ++quotes;
    if (quotes > 0 && line.substr(quotes).starts_with("From "))
      line.remove_prefix(1);
    restored.append(line).push_back('\n');
  }
  EXPECT_EQ(restored, message.bytes);
}

TEST(WriteMboxrdMessage, GeneratedHamExercisesEscaping) {
  SyntheticCorpusOptions options = Options(600, 16);
  options.spam_ratio = 0.0;
  int from_lines = 0, quoted_from_lines = 0;
  for (const SyntheticMessage& m : MakeCorpus(options)) {
    std::ostringstream out;
    WriteMboxrdMessage(m, out);
    const std::string mbox = out.str();
    const std::vector<std::string_view> lines = SplitLines(mbox);
    ASSERT_TRUE(lines[0].starts_with("From " + m.envelope_sender + " " +
                                     m.envelope_date));
    for (size_t i = 1; i < lines.size(); ++i)
      ASSERT_FALSE(lines[i].starts_with("From ")) << lines[i];
    from_lines += m.bytes.find("\nFrom ") != std::string::npos;
    quoted_from_lines += m.bytes.find("\n>From ") != std::string::npos;
    ASSERT_TRUE(mbox.ends_with("\n\n"));
  }
  EXPECT_GT(from_lines, 0);
  EXPECT_GT(quoted_from_lines, 0);
}

TEST(SyntheticCorpus, LabelHeaderMatchesIsSpam) {
  SyntheticCorpusOptions options = Options(300, 17);
  int spam = 0;
  for (const SyntheticMessage& m : MakeCorpus(options)) {
    Entity top;
    ASSERT_TRUE(ParseEntity(m.bytes, &top));
    EXPECT_EQ(top.headers["x-inboxsim-label"], m.is_spam ? "spam" : "ham");
    spam += m.is_spam;
  }
  EXPECT_GT(spam, 0);
  options.label_header = false;
  for (const SyntheticMessage& m : MakeCorpus(options)) {
    EXPECT_EQ(m.bytes.find("X-Inboxsim-Label"), std::string::npos);
  }
}

}  // namespace
}  // namespace inboxsim::gen
