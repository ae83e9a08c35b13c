#include "sim/model/tokenizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace inboxsim::model {
namespace {

// The distinct token texts of a message given as raw bytes.
std::vector<std::string> Texts(const std::string& raw) {
  Result<mime::Message> message = mime::ParseMessage(raw, {});
  EXPECT_TRUE(message.ok()) << raw;
  if (!message) return {};
  std::vector<std::string> texts;
  for (const Token& token : Tokenize(*message)) texts.push_back(token.text);
  return texts;
}

bool Has(const std::vector<std::string>& texts, const std::string& token) {
  return std::find(texts.begin(), texts.end(), token) != texts.end();
}

TEST(HashToken, IsFnv1a64) {
  // Published FNV-1a test vectors: model files depend on these never
  // changing.
  EXPECT_EQ(HashToken(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(HashToken("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(HashToken("foobar"), 0x85944171f73967e8ull);
}

TEST(Tokenize, LowerCasesAsciiAndSplitsOnPunctuation) {
  const auto texts = Texts("Subject: x\n\nHello, WORLD! foo-bar_baz.\n");
  EXPECT_TRUE(Has(texts, "hello"));
  EXPECT_TRUE(Has(texts, "world"));
  EXPECT_TRUE(Has(texts, "foo"));
  EXPECT_TRUE(Has(texts, "bar"));
  EXPECT_TRUE(Has(texts, "baz"));
  EXPECT_FALSE(Has(texts, "Hello"));
  EXPECT_FALSE(Has(texts, "foo-bar_baz"));
}

TEST(Tokenize, SubjectWordsCountApartFromBodyWords) {
  const auto texts =
      Texts("Subject: FREE Money =?utf-8?q?n=C3=B6w?=\n\nfree\n");
  EXPECT_TRUE(Has(texts, "subject:free"));
  EXPECT_TRUE(Has(texts, "subject:money"));
  EXPECT_TRUE(Has(texts, "subject:n\xC3\xB6w"));  // decoded before splitting
  EXPECT_TRUE(Has(texts, "free"));
  EXPECT_FALSE(Has(texts, "money"));
}

TEST(Tokenize, UrlsCountByRegistrableDomain) {
  const auto texts = Texts(
      "Subject: x\n\nsee http://a.b.Example.co.uk/path and "
      "www.shop.example.com/x\n");
  EXPECT_TRUE(Has(texts, "url:example.co.uk"));
  EXPECT_TRUE(Has(texts, "url:example.com"));
  EXPECT_FALSE(Has(texts, "url:a.b.example.co.uk"));
}

TEST(Tokenize, HeaderTokensNameSenderDomainMailerAndTypes) {
  const auto texts = Texts(
      "From: Ann <ann@mail.Example.org>\nX-Mailer: SuperMailer 5.1\n"
      "Content-Type: multipart/mixed; boundary=b\n\n--b\n"
      "Content-Type: text/plain\n\nhello\n--b\n"
      "Content-Type: application/pdf\n"
      "Content-Disposition: attachment; filename=\"Invoice.PDF\"\n\n%PDF\n"
      "--b--\n");
  EXPECT_TRUE(Has(texts, "from:example.org"));
  EXPECT_TRUE(Has(texts, "mailer:supermailer"));
  EXPECT_TRUE(Has(texts, "mailer:num:1"));
  EXPECT_TRUE(Has(texts, "type:multipart/mixed"));
  EXPECT_TRUE(Has(texts, "type:text/plain"));
  EXPECT_TRUE(Has(texts, "type:application/pdf"));
  EXPECT_TRUE(Has(texts, "ext:pdf"));
}

TEST(Tokenize, EachTokenOncePerMessage) {
  Result<mime::Message> message =
      mime::ParseMessage("Subject: spam spam\n\nspam SPAM Spam eggs\n", {});
  ASSERT_TRUE(message.ok());
  const std::vector<Token> tokens = Tokenize(*message);
  const auto count = [&](const std::string& text) {
    return std::count_if(tokens.begin(), tokens.end(), [&](const Token& token) {
      return token.text == text;
    });
  };
  EXPECT_EQ(count("spam"), 1);
  EXPECT_EQ(count("subject:spam"), 1);
  EXPECT_EQ(count("eggs"), 1);
  for (const Token& token : tokens) EXPECT_EQ(token.id, HashToken(token.text));

  std::vector<FeatureId> ids;
  FeatureIds(*message, &ids);
  EXPECT_EQ(ids.size(), tokens.size());
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
  EXPECT_TRUE(std::binary_search(ids.begin(), ids.end(), HashToken("eggs")));
}

TEST(Tokenize, NonAsciiBytesStayInWordsAndKeepTheirCase) {
  const auto texts = Texts(
      "Subject: x\nContent-Type: text/plain; charset=utf-8\n\n"
      "Gr\xC3\xBC\xC3\x9F"
      "e CAF\xC3\x89 \xC3\x84RGER\n");
  EXPECT_TRUE(Has(texts,
                  "gr\xC3\xBC\xC3\x9F"
                  "e"));
  EXPECT_TRUE(Has(texts, "caf\xC3\x89"));  // only ASCII letters fold
  EXPECT_TRUE(Has(texts, "\xC3\x84rger"));
}

TEST(Tokenize, ShortWordsDropAndNumbersCollapseToTheirLength) {
  const auto texts = Texts("Subject: x\n\nan ok abc 12345 7 ab12\n");
  EXPECT_FALSE(Has(texts, "an"));
  EXPECT_FALSE(Has(texts, "ok"));
  EXPECT_TRUE(Has(texts, "abc"));
  EXPECT_TRUE(Has(texts, "num:5"));
  EXPECT_TRUE(Has(texts, "num:1"));
  EXPECT_FALSE(Has(texts, "12345"));
  EXPECT_TRUE(Has(texts, "ab12"));  // letters and digits: a word
}

TEST(Tokenize, LongAsciiWordsDropAndLongUnicodeRunsAreCutAtCharacters) {
  const std::string ascii(kMaxWordBytes + 1, 'q');
  std::string cjk;
  for (int i = 0; i < 20; ++i) cjk += "\xE4\xB8\xAD";  // 60 bytes, no spaces
  const auto texts = Texts(
      "Subject: x\nContent-Type: text/plain; "
      "charset=utf-8\n\n" +
      ascii + " " + cjk + "\n");
  EXPECT_FALSE(Has(texts, ascii));
  // 40 bytes would split the 14th character: 13 whole ones remain.
  EXPECT_TRUE(Has(texts, cjk.substr(0, 39)));
  for (const std::string& text : texts) EXPECT_LE(text.size(), kMaxWordBytes);
}

}  // namespace
}  // namespace inboxsim::model
