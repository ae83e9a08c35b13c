// The fuzz targets' entries: each takes any bytes, runs one stage of the
// library on them and checks what that stage promises (read = parsed +
// failed, decoded text is UTF-8, part indices point backwards ...). A broken
// promise prints what broke and where, then abort()s, which libFuzzer
// reports as a crash and a test run as a dead test.
//
//   for (const FuzzTarget& target : Targets()) target.run(bytes);
//
// Built twice: into one libFuzzer executable per target (fuzz_target.cc,
// INBOXSIM_FUZZ=ON, scripts/fuzz.sh), and into fuzz_regression_test, which
// replays the committed seeds and every input a fuzzing run saved.
//
// Entries that go through files (mbox, maildir, profile, spamassassin_rules)
// write them into one temporary folder per process, made on first use,
// overwritten per input and removed at exit. Not thread-safe: call the
// entries from one thread at a time.
#ifndef INBOXSIM_TESTS_FUZZ_FUZZ_ENTRIES_H_
#define INBOXSIM_TESTS_FUZZ_FUZZ_ENTRIES_H_

#include <string_view>
#include <vector>

namespace inboxsim::fuzz {

using FuzzEntry = void (*)(std::string_view input);

struct FuzzTarget {
  std::string_view name;  // "mime_message"; the executable is fuzz_<name>
  FuzzEntry run;
};

// mime::ParseMessage with default limits, then every part, header, text,
// HTML fact, URL and sender fact of the Message.
void FuzzMimeMessage(std::string_view input);
// RFC 2047 decoding, header sections, address lists, Received fields, IPs.
void FuzzHeaderDecoding(std::string_view input);
// mime::ExtractHtml and DecodeHtmlEntities.
void FuzzHtml(std::string_view input);
// The input as an mbox file, read by engine::RunCorpus (parse only).
void FuzzMbox(std::string_view input);
// The input cut at every "\n\0\n" into the files of a Maildir's cur/ and
// new/, read by engine::RunCorpus (parse only).
void FuzzMaildir(std::string_view input);
// The input as a profile TOML file, loaded by profile::LoadProfiles.
void FuzzProfile(std::string_view input);
// The input as a SpamAssassin .cf file, imported, then included by a profile.
void FuzzSpamAssassinRules(std::string_view input);

// Every target above, by the name its executable and folders carry.
const std::vector<FuzzTarget>& Targets();

}  // namespace inboxsim::fuzz

#endif  // INBOXSIM_TESTS_FUZZ_FUZZ_ENTRIES_H_
