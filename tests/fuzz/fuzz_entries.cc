#include "tests/fuzz/fuzz_entries.h"

#include <stdlib.h>  // mkdtemp

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <system_error>

#include "sim/core/result.h"
#include "sim/core/text.h"
#include "sim/engine/run.h"
#include "sim/io/corpus_plan.h"
#include "sim/io/input_cutter.h"
#include "sim/mime/address.h"
#include "sim/mime/charset.h"
#include "sim/mime/header.h"
#include "sim/mime/html.h"
#include "sim/mime/message.h"
#include "sim/mime/received.h"
#include "sim/mime/rfc2047.h"
#include "sim/mime/sender.h"
#include "sim/profile/loader.h"
#include "sim/profile/spamassassin_import.h"
#include "sim/report/run_report.h"
#include "sim/report/tally.h"
#include "sim/sa/config.h"

namespace inboxsim::fuzz {
namespace {

namespace fs = std::filesystem;

// What a Maildir input is cut at: a NUL between line breaks never occurs in
// mail, and is easy for the fuzzer to insert and delete.
constexpr std::string_view kMaildirFileSeparator{"\n\0\n", 3};

// The one way an entry reports a broken promise: libFuzzer turns the abort
// into a crash report with the input saved; a test run dies with the text.
[[noreturn]] void Broken(std::string_view target, std::string_view what) {
  std::fprintf(stderr, "inboxsim fuzz %.*s: invariant broken: %.*s\n",
               static_cast<int>(target.size()), target.data(),
               static_cast<int>(what.size()), what.data());
  std::abort();
}

// For fixed texts; a text built from data is built only once it broke:
// `if (!holds) Broken(target, "..." + detail)`, as entries run millions of
// times.
void Expect(bool holds, std::string_view target, std::string_view what) {
  if (!holds) Broken(target, what);
}

// True when `inner` lies inside `outer` (an empty view anywhere does).
bool Within(std::string_view inner, std::string_view outer) {
  if (inner.empty()) return true;
  const auto begin = reinterpret_cast<uintptr_t>(outer.data());
  const auto first = reinterpret_cast<uintptr_t>(inner.data());
  return first >= begin && first + inner.size() <= begin + outer.size();
}

bool HasWhitespaceRun(std::string_view text) {
  for (size_t i = 1; i < text.size(); ++i) {
    if (IsSpaceAscii(text[i]) && IsSpaceAscii(text[i - 1])) return true;
  }
  return false;
}

bool HasUpperAscii(std::string_view text) {
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') return true;
  }
  return false;
}

// Reads every byte of `bytes`, so ASan sees a view into freed or foreign
// memory even when nothing else looks at it.
uint64_t Touch(std::string_view bytes) {
  uint64_t sum = 0;
  for (char c : bytes) sum = sum * 31 + static_cast<unsigned char>(c);
  return sum;
}
volatile uint64_t touched_sink = 0;

// The per-process folder the file-based entries write into.
class ScratchFolder {
 public:
  static const ScratchFolder& Get() {
    static const ScratchFolder folder;
    return folder;
  }
  ~ScratchFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  const fs::path& path() const { return path_; }

  // A fresh empty folder `relative` inside the scratch folder.
  fs::path Reset(const std::string& relative) const {
    const fs::path folder = path_ / relative;
    std::error_code error;
    fs::remove_all(folder, error);
    fs::create_directories(folder, error);
    if (error) {
      Broken("setup",
             "cannot create " + folder.string() + ": " + error.message());
    }
    return folder;
  }

 private:
  ScratchFolder() {
    const char* tmp = std::getenv("TMPDIR");
    std::string name = (tmp != nullptr && *tmp != '\0' ? std::string(tmp)
                                                       : std::string("/tmp")) +
                       "/inboxsim-fuzz-XXXXXX";
    if (mkdtemp(name.data()) == nullptr) {
      Broken("setup", "cannot create a temporary folder " + name + ": " +
                          std::strerror(errno));
    }
    path_ = name;
  }

  fs::path path_;
};

void WriteFile(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) Broken("setup", "cannot write " + path.string());
}

// ---- the Message and its parts ----

void CheckAddress(std::string_view target, const mime::Address& address) {
  Expect(!address.AddrSpec().empty(), target, "an address with no address");
  if (HasUpperAscii(address.domain)) {
    Broken(target, "an address domain not lower case: " + address.domain);
  }
}

void CheckReceivedHop(std::string_view target, const mime::ReceivedHop& hop) {
  if (hop.from_ip.empty()) return;
  if (!mime::IsIpAddress(hop.from_ip)) {
    Broken(target, "Received from_ip is no IP address: " + hop.from_ip);
  }
  if (mime::CanonicalIp(hop.from_ip) != hop.from_ip) {
    Broken(target, "Received from_ip not in canonical form: " + hop.from_ip);
  }
}

void CheckSender(std::string_view target, const mime::SenderFacts& sender) {
  for (const auto* address : {&sender.from, &sender.sender, &sender.reply_to,
                              &sender.return_path, &sender.pra}) {
    if (address->has_value()) CheckAddress(target, **address);
  }
  Expect(
      sender.pra.has_value() == (sender.pra_status == mime::PraStatus::kFound),
      target, "a PRA without kFound, or kFound without a PRA");
  for (const mime::ReceivedHop& hop : sender.received) {
    CheckReceivedHop(target, hop);
  }
  const int hops = static_cast<int>(sender.received.size());
  Expect(sender.connecting_hop >= -1 && sender.connecting_hop < hops, target,
         "connecting_hop outside the Received chain");
  if (sender.connecting_hop < 0) {
    Expect(sender.connecting_ip.empty(), target,
           "a connecting IP without a connecting hop");
    return;
  }
  Expect(sender.connecting_ip == sender.received[sender.connecting_hop].from_ip,
         target, "connecting_ip is not its hop's from_ip");
  if (!mime::IsPublicIp(sender.connecting_ip)) {
    Broken(target, "connecting_ip is not public: " + sender.connecting_ip);
  }
}

void CheckHeaders(std::string_view target, const mime::HeaderList& headers,
                  std::string_view raw, size_t max_fields) {
  Expect(headers.size() <= max_fields, target,
         "more header fields than the limit");
  uint64_t sum = 0;
  for (const mime::HeaderField& field : headers.fields()) {
    Expect(!field.name.empty(), target, "a header field without a name");
    Expect(Within(field.name, raw) && Within(field.raw_value, raw) &&
               Within(field.untrimmed_value, raw),
           target, "a header view outside the parsed bytes");
    if (!mime::IsValidUtf8(field.value)) {
      Broken(target,
             "a decoded header value is not UTF-8: " + std::string(field.name));
    }
    sum += Touch(field.name) + Touch(field.raw_value) +
           Touch(field.untrimmed_value);
  }
  touched_sink = touched_sink + sum;
}

void CheckHtmlCounts(std::string_view target, const mime::HtmlFacts& html) {
  Expect(html.image_count >= 0 && html.script_count >= 0 &&
             html.event_handler_count >= 0 && html.javascript_url_count >= 0 &&
             html.form_count >= 0 && html.iframe_count >= 0 &&
             html.media_count >= 0 && html.hidden_element_count >= 0 &&
             html.tag_count >= 0,
         target, "a negative HTML count");
  Expect(html.hidden_text_bytes == 0 || html.hidden_element_count > 0, target,
         "hidden text without a hidden element");
}

// Everything message.h promises about a parsed Message.
void CheckMessage(std::string_view target, const mime::Message& message,
                  const mime::ParseLimits& limits) {
  const auto& parts = message.parts;
  Expect(!parts.empty(), target, "a message without parts[0]");
  Expect(parts.size() <= static_cast<size_t>(limits.max_parts), target,
         "more parts than max_parts");
  Expect(parts[0].parent == -1 && parts[0].depth == 0, target,
         "parts[0] is not the root");
  for (size_t i = 0; i < parts.size(); ++i) {
    const mime::MimePart& part = parts[i];
    if (i > 0) {
      if (!(part.parent >= 0 && static_cast<size_t>(part.parent) < i)) {
        Broken(target, "part " + std::to_string(i) + " has parent " +
                           std::to_string(part.parent) + " not before it");
      }
      if (part.depth != parts[part.parent].depth + 1) {
        Broken(target, "part " + std::to_string(i) +
                           " is not one deeper than its parent");
      }
    }
    Expect(part.depth <= limits.max_mime_depth, target,
           "part deeper than max_mime_depth");
    if (part.content_type.empty() || HasUpperAscii(part.content_type)) {
      Broken(target,
             "content_type empty or not lower case: " + part.content_type);
    }
    if (HasUpperAscii(part.charset)) {
      Broken(target, "charset not lower case: " + part.charset);
    }
    if (!Within(part.body, message.raw)) {
      Broken(target, "part " + std::to_string(i) + " body outside the message");
    }
    touched_sink = touched_sink + Touch(part.body);
    CheckHeaders(target, part.headers, message.raw, limits.max_header_fields);
  }
  for (const mime::TextPart& text : message.text_parts) {
    Expect(text.part >= 0 && static_cast<size_t>(text.part) < parts.size(),
           target, "a text part naming no part");
    Expect(text.is_html == (parts[text.part].content_type == "text/html"),
           target, "is_html disagrees with the part's content type");
    if (!mime::IsValidUtf8(text.text)) {
      Broken(target, "decoded text of part " + std::to_string(text.part) +
                         " is not UTF-8");
    }
  }
  for (const mime::Attachment& attachment : message.attachments) {
    Expect(attachment.part >= 0 &&
               static_cast<size_t>(attachment.part) < parts.size(),
           target, "an attachment naming no part");
    Expect(attachment.archive_members.size() <= limits.max_archive_members,
           target, "more archive members than max_archive_members");
  }
  Expect(mime::IsValidUtf8(message.body_text), target,
         "body_text is not UTF-8");
  Expect(!HasWhitespaceRun(message.body_text), target,
         "body_text holds two white-space characters in a row");
  CheckHtmlCounts(target, message.html);
  Expect(message.urls.size() <= limits.max_urls, target,
         "more URLs than max_urls");
  for (const mime::Url& url : message.urls) {
    if (url.host.empty()) {
      Broken(target, "a URL without a host: " + url.url);
    }
    if (HasUpperAscii(url.scheme) || HasUpperAscii(url.host)) {
      Broken(target, "URL scheme or host not lower case: " + url.url);
    }
    if (url.host.back() == '.') {
      Broken(target, "URL host with a trailing dot: " + url.host);
    }
    if (url.registrable_domain.empty()) {
      Broken(target, "URL without a registrable domain: " + url.url);
    }
  }
  CheckSender(target, message.sender);
}

// ---- corpora read through the engine ----

// Runs `inputs` parse-only and checks every message is accounted for, in
// the engine's own totals and against cutting the inputs one by one.
// `files` is the number of files written. (Their bytes are not the bytes
// read: a file may be compressed.)
void RunAndAccount(std::string_view target,
                   const std::vector<std::string>& inputs, uint64_t files,
                   bool read_in_worker) {
  Result<io::CorpusPlan> plan = io::PlanCorpus(inputs, io::PlanOptions{});
  if (!plan) Broken(target, "PlanCorpus failed: " + plan.error().ToString());
  Expect(plan->unreadable.empty(), target, "an input the planner cannot read");
  Expect(plan->sources.size() == files, target,
         "the plan does not hold every file written");

  engine::RunOptions options;
  options.threads = 1;  // as many executions as possible; no judge
  // Half the inputs go through the reader's own cutting, half are handed to
  // the worker unread: two paths to the same messages.
  if (!read_in_worker) options.reader.read_in_worker_below_bytes = 0;
  options.on_message = [&](const mime::Message& message, Label) {
    CheckMessage(target, message, options.limits);
  };
  const engine::RunResult result = engine::RunCorpus(*plan, options);
  const report::Tally& tally = result.tally;

  if (!report::AccountingHolds(tally)) {
    Broken(target, "read != parsed + failed: " + std::to_string(tally.read()) +
                       " != " + std::to_string(tally.parsed()) + " + " +
                       std::to_string(tally.failed()));
  }
  uint64_t failed_by_reason = 0;
  for (int code = 0; code < kErrorCodeCount; ++code) {
    failed_by_reason += tally.failed_by(static_cast<ErrorCode>(code));
  }
  Expect(failed_by_reason == tally.failed(), target,
         "failed_by_reason does not add up to failed");
  report::LabelCounts labels;
  for (int label = 0; label < kLabelCount; ++label) {
    const report::LabelCounts& counts =
        tally.by_label(static_cast<Label>(label));
    labels.read += counts.read;
    labels.parsed += counts.parsed;
    labels.failed += counts.failed;
    labels.bytes += counts.bytes;
  }
  Expect(labels.read == tally.read() && labels.parsed == tally.parsed() &&
             labels.failed == tally.failed() && labels.bytes == tally.bytes(),
         target, "by_label does not add up to the totals");
  Expect(tally.read() >= files, target, "a file that counted no message");

  // The same inputs cut in order, one cutter per input, on this thread.
  uint64_t cut_messages = 0;
  uint64_t cut_bytes = 0;
  for (uint32_t i = 0; i < plan->sources.size(); ++i) {
    io::InputCutter cutter(plan->sources[i], i, options.reader);
    io::MessageBatch batch;
    while (cutter.Next(&batch)) {
    }
    for (const io::RawMessage& message : batch.messages) {
      ++cut_messages;
      cut_bytes += message.bytes.size();
    }
  }
  if (cut_messages != tally.read() || cut_bytes != tally.bytes()) {
    Broken(target, "the run read " + std::to_string(tally.read()) +
                       " messages (" + std::to_string(tally.bytes()) +
                       " bytes), cutting alone gives " +
                       std::to_string(cut_messages) + " (" +
                       std::to_string(cut_bytes) + " bytes)");
  }
}

// ---- profiles ----

// A profile loader error names the file and says why.
void CheckLoadError(std::string_view target, const Error& error,
                    const std::string& path, bool may_name_another_file) {
  if (error.message.empty()) {
    Broken(target, "an error without a message: " + error.ToString());
  }
  if (error.where.empty()) {
    Broken(target, "an error naming no file: " + error.ToString());
  }
  if (!may_name_another_file) {
    if (error.where.rfind(path, 0) != 0) {
      Broken(target, "an error not naming " + path + ": " + error.ToString());
    }
  }
}

void CheckProfileSet(std::string_view target, const profile::ProfileSet& set) {
  for (const profile::Profile& loaded : set.profiles) {
    Expect(!loaded.name.empty(), target, "a profile without a name");
    for (const profile::ProfileRule& rule : loaded.rules) {
      Expect(rule.rule < set.catalog.rules.size(), target,
             "a profile rule outside the catalog");
    }
  }
  for (const profile::Rule& rule : set.catalog.rules) {
    Expect(!rule.id.empty(), target, "a catalog rule without an id");
  }
}

}  // namespace

void FuzzMimeMessage(std::string_view input) {
  const mime::ParseLimits limits;
  const Result<mime::Message> message = mime::ParseMessage(input, limits);
  if (!message) {
    const ErrorCode code = message.error().code;
    if (!(code == ErrorCode::kEmptyMessage || code == ErrorCode::kNotAMessage ||
          code == ErrorCode::kMessageTooLarge)) {
      Broken("mime_message", "ParseMessage failed with an undocumented code: " +
                                 message.error().ToString());
    }
    return;
  }
  Expect(message->raw.data() == input.data() &&
             message->raw.size() == input.size(),
         "mime_message", "Message::raw is not the bytes given");
  CheckMessage("mime_message", *message, limits);
}

void FuzzHeaderDecoding(std::string_view input) {
  constexpr std::string_view kTarget = "header_decoding";
  const std::string kept = "kept:";
  std::string decoded = kept;
  const mime::HeaderDecodeResult result =
      mime::DecodeHeaderText(input, &decoded);
  Expect(decoded.compare(0, kept.size(), kept) == 0, kTarget,
         "DecodeHeaderText changed what `out` held before");
  Expect(mime::IsValidUtf8(decoded), kTarget,
         "DecodeHeaderText's output is not UTF-8");
  Expect(!result.raw_8bit || !IsAscii(input), kTarget,
         "raw_8bit on an ASCII value");

  const mime::HeaderLimits limits;
  const mime::HeaderSection section = mime::ParseHeaderSection(input, limits);
  CheckHeaders(kTarget, section.headers, input, limits.max_fields);
  Expect(Within(section.body, input), kTarget, "the body outside the input");
  Expect(section.body.empty() || section.body.data() + section.body.size() ==
                                     input.data() + input.size(),
         kTarget, "the body does not run to the end of the input");
  Expect(section.header_bytes <= input.size(), kTarget,
         "header_bytes beyond the input");
  Expect(!section.had_8bit || !IsAscii(input), kTarget,
         "had_8bit on an ASCII section");
  CheckSender(kTarget, mime::ExtractSenderFacts(section.headers));

  const std::vector<mime::Address> addresses = mime::ParseAddressList(input);
  for (const mime::Address& address : addresses) CheckAddress(kTarget, address);
  const std::optional<mime::Address> mailbox = mime::ParseMailbox(input);
  if (mailbox) CheckAddress(kTarget, *mailbox);

  if (const std::optional<mime::ReceivedHop> hop = mime::ParseReceived(input)) {
    CheckReceivedHop(kTarget, *hop);
  }
  const std::optional<std::string> canonical = mime::CanonicalIp(input);
  Expect(canonical.has_value() == mime::IsIpAddress(input), kTarget,
         "CanonicalIp and IsIpAddress disagree");
  if (canonical) {
    if (mime::CanonicalIp(*canonical) != *canonical) {
      Broken(kTarget, "CanonicalIp is not idempotent: " + *canonical);
    }
  }
  Expect(!mime::IsPublicIp(input) || canonical.has_value(), kTarget,
         "IsPublicIp on something that is no IP");
}

void FuzzHtml(std::string_view input) {
  constexpr std::string_view kTarget = "html";
  const bool utf8 = mime::IsValidUtf8(input);
  mime::HtmlFacts once;
  mime::ExtractHtml(input, &once);
  CheckHtmlCounts(kTarget, once);
  if (utf8) {
    Expect(
        mime::IsValidUtf8(once.visible_text) && mime::IsValidUtf8(once.title),
        kTarget, "text extracted from UTF-8 HTML is not UTF-8");
  }
  // Parts accumulate (html.h): a second call on the same HTML adds the same
  // counts again, so no state leaks from one part into the next.
  mime::HtmlFacts twice = once;
  mime::ExtractHtml(input, &twice);
  Expect(twice.image_count == 2 * once.image_count &&
             twice.script_count == 2 * once.script_count &&
             twice.event_handler_count == 2 * once.event_handler_count &&
             twice.javascript_url_count == 2 * once.javascript_url_count &&
             twice.form_count == 2 * once.form_count &&
             twice.iframe_count == 2 * once.iframe_count &&
             twice.media_count == 2 * once.media_count &&
             twice.hidden_element_count == 2 * once.hidden_element_count &&
             twice.hidden_text_bytes == 2 * once.hidden_text_bytes &&
             twice.tag_count == 2 * once.tag_count &&
             twice.links.size() == 2 * once.links.size() &&
             twice.image_sources.size() == 2 * once.image_sources.size() &&
             twice.other_urls.size() == 2 * once.other_urls.size(),
         kTarget,
         "a second ExtractHtml of the same HTML added different counts");

  std::string entities = "kept:";
  mime::DecodeHtmlEntities(input, &entities);
  Expect(entities.compare(0, 5, "kept:") == 0, kTarget,
         "DecodeHtmlEntities changed what `out` held before");
  if (utf8) {
    Expect(mime::IsValidUtf8(entities), kTarget,
           "entities decoded from UTF-8 text are not UTF-8");
  }
}

void FuzzMbox(std::string_view input) {
  const fs::path folder = ScratchFolder::Get().Reset("mbox");
  const fs::path path = folder / "input.mbox";
  WriteFile(path, input);
  RunAndAccount("mbox", {path.string()}, 1,
                /*read_in_worker=*/input.size() % 2 == 0);
}

void FuzzMaildir(std::string_view input) {
  const fs::path folder = ScratchFolder::Get().Reset("maildir");
  for (const char* sub : {"cur", "new", "tmp"}) {
    fs::create_directory(folder / sub);
  }
  uint64_t files = 0;
  size_t begin = 0;
  while (true) {
    const size_t end = input.find(kMaildirFileSeparator, begin);
    const std::string_view piece = input.substr(
        begin,
        end == std::string_view::npos ? std::string_view::npos : end - begin);
    // Alternating cur/ and new/ with Maildir-style names, cur/ with flags.
    char name[64];
    std::snprintf(
        name, sizeof name,
        files % 2 == 0 ? "cur/%06llu.M1P1.fuzz:2,S" : "new/%06llu.M1P1.fuzz",
        static_cast<unsigned long long>(files));
    WriteFile(folder / name, piece);
    ++files;
    if (end == std::string_view::npos) break;
    begin = end + kMaildirFileSeparator.size();
  }
  RunAndAccount("maildir", {folder.string()}, files,
                /*read_in_worker=*/input.size() % 2 == 0);
}

void FuzzProfile(std::string_view input) {
  constexpr std::string_view kTarget = "profile";
  const fs::path folder = ScratchFolder::Get().Reset("profile");
  const std::string path = (folder / "fuzz.toml").string();
  WriteFile(path, input);
  const Result<profile::ProfileSet> set =
      profile::LoadProfiles({path}, profile::LoadOptions{});
  if (!set) {
    // An included file (include, spamassassin:, zone_file, lists, a model)
    // may be the one named.
    CheckLoadError(kTarget, set.error(), path, /*may_name_another_file=*/true);
    return;
  }
  Expect(set->profiles.size() == 1, kTarget,
         "one profile file did not give one profile");
  CheckProfileSet(kTarget, *set);
}

void FuzzSpamAssassinRules(std::string_view input) {
  constexpr std::string_view kTarget = "spamassassin_rules";
  const fs::path folder = ScratchFolder::Get().Reset("spamassassin");
  const fs::path rules = folder / "rules";
  fs::create_directory(rules);
  WriteFile(rules / "50_fuzz.cf", input);
  // The score set from the input's length: all four get exercised, and an
  // input always replays with the same one.
  const int score_set = static_cast<int>(input.size() % 4);
  const Result<profile::ImportedRules> imported = profile::ImportSpamAssassin(
      rules.string(), score_set, sa::ConfigOptions{});
  if (!imported) {
    CheckLoadError(kTarget, imported.error(), rules.string(),
                   /*may_name_another_file=*/false);
    return;
  }
  for (const profile::ImportedRule& rule : imported->rules) {
    Expect(!rule.rule.id.empty() && !rule.kind.empty(), kTarget,
           "an imported rule without an id or kind");
  }

  // What a profile does with an include: interning, binding metas by name.
  const fs::path profile_path = folder / "profile.toml";
  WriteFile(profile_path,
            "name = \"fuzz\"\n"
            "include = [\"spamassassin:rules\"]\n"
            "[thresholds]\njunk = 5.0\nreject = 15.0\n"
            "[spamassassin]\nscore_set = " +
                std::to_string(score_set) + "\n");
  const Result<profile::ProfileSet> set =
      profile::LoadProfiles({profile_path.string()}, profile::LoadOptions{});
  if (!set) {
    Broken(kTarget, "rules that import alone fail in a profile: " +
                        set.error().ToString());
  }
  CheckProfileSet(kTarget, *set);
}

const std::vector<FuzzTarget>& Targets() {
  static const std::vector<FuzzTarget> targets = {
      {"mime_message", &FuzzMimeMessage},
      {"header_decoding", &FuzzHeaderDecoding},
      {"html", &FuzzHtml},
      {"mbox", &FuzzMbox},
      {"maildir", &FuzzMaildir},
      {"profile", &FuzzProfile},
      {"spamassassin_rules", &FuzzSpamAssassinRules},
  };
  return targets;
}

}  // namespace inboxsim::fuzz
