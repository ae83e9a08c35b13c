#include "sim/io/mbox.h"

#include <gtest/gtest.h>

namespace inboxsim::io {
namespace {

TEST(IsFromLine, StrictNeedsADate) {
  EXPECT_TRUE(IsFromLine("From a@x.org Mon Jan  1 12:34:56 2024",
                         FromLineRule::kStrict));
  EXPECT_TRUE(
      IsFromLine("From - Fri Jul 08 12:08:34 2011", FromLineRule::kStrict));
  EXPECT_TRUE(IsFromLine("From MAILER-DAEMON Thu Aug 22 13:40:55 2002\r",
                         FromLineRule::kStrict));
  EXPECT_FALSE(
      IsFromLine("From here on we talk about prices", FromLineRule::kStrict));
  EXPECT_FALSE(IsFromLine("From: a@x.org", FromLineRule::kStrict));
  EXPECT_TRUE(IsFromLine("From here on", FromLineRule::kLoose));
  EXPECT_FALSE(
      IsFromLine(">From a@x Mon Jan  1 12:34:56 2024", FromLineRule::kLoose));
}

TEST(FindFromLine, SkipsBodyLinesThatAreNotEnvelopes) {
  const std::string mbox =
      "From a@x Mon Jan  1 00:00:00 2024\nSubject: 1\n\nFrom here on, prices "
      "rise.\n\n"
      "From b@y Tue Jan  2 00:00:00 2024\nSubject: 2\n\nb\n";
  const size_t second = FindFromLine(mbox, 1, FromLineRule::kStrict);
  ASSERT_NE(second, std::string::npos);
  EXPECT_EQ(mbox.substr(second, 8), "From b@y");
  EXPECT_EQ(FindFromLine(mbox, second + 1, FromLineRule::kStrict),
            std::string::npos);
  // Loose: "From here on" is followed by a blank line, not a header field.
  EXPECT_EQ(FindFromLine(mbox, 1, FromLineRule::kLoose), second);
}

TEST(FindFromLine, LooseAcceptsDatelessEnvelopesFollowedByAField) {
  // Thunderbird writes "From -" and leaves "From " body lines unescaped.
  const std::string mbox =
      "From -\nSubject: 1\n\nFrom Russia with love\n\nFrom -\nSubject: "
      "2\n\nx\n";
  const size_t second = FindFromLine(mbox, 1, FromLineRule::kLoose);
  EXPECT_EQ(second, mbox.rfind("From -"));
  EXPECT_TRUE(IsFromLine("From", FromLineRule::kLoose));
}

TEST(FindFromLine, IncompleteCandidateAtTheEndIsNotReported) {
  const std::string cut = "Subject: x\n\nbody\nFrom a@x Mon Jan  1 00:00:00 20";
  EXPECT_EQ(FindFromLine(cut, 1, FromLineRule::kStrict), std::string::npos);
}

TEST(Unescape, MboxrdRemovesOneQuoteFromEveryQuotedFromLine) {
  const std::string message =
      "Subject: x\n\n>From me\n>>From you\n> From not\nok >From mid\n";
  ASSERT_TRUE(NeedsUnescape(message));
  std::string out;
  UnescapeFromLines(message, MboxVariant::kMboxrd, &out);
  EXPECT_EQ(out,
            "Subject: x\n\nFrom me\n>From you\n> From not\nok >From mid\n");
}

TEST(Unescape, MboxoRemovesOnlySingleQuotes) {
  std::string out;
  UnescapeFromLines(">From me\n>>From you\n", MboxVariant::kMboxo, &out);
  EXPECT_EQ(out, "From me\n>>From you\n");
}

TEST(Unescape, NothingToDoIsDetected) {
  EXPECT_FALSE(NeedsUnescape("Subject: x\n\nplain >From in a line\n"));
}

}  // namespace
}  // namespace inboxsim::io
