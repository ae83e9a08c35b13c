// SmartScreen-like heuristics: signals consumer webmail filters weigh
// against bulk and phishing mail, each a fact of the parsed message with a
// reason a person understands. A profile scores each one ([reputation]); no
// signal is a black box, every threshold is below and in profiles/README.md.
//
//   if (auto why = ReputationSignalReason(CheckKind::kUrlShortener, message))
//     *why -> "link through URL shortener bit.ly (https://bit.ly/x1)"
#ifndef INBOXSIM_PROFILE_REPUTATION_CHECKS_H_
#define INBOXSIM_PROFILE_REPUTATION_CHECKS_H_

#include <optional>
#include <string>
#include <string_view>

#include "sim/mime/message.h"
#include "sim/profile/profile.h"

namespace inboxsim::profile {

// Thresholds of the signals, in one place for the docs and the tests.
struct ReputationThresholds {
  // Bulk-looking: HTML with at least this many links (or any bulk marker),
  // and not a discussion list (List-Post, List-Archive, Mailman headers).
  static constexpr int kBulkLinks = 5;
  // Image-to-text: fires under this many characters of text per image.
  static constexpr size_t kTextPerImage = 400;
  // Subject capitals: at least this many letters, this share upper case.
  static constexpr int kCapsMinLetters = 10;
  static constexpr double kCapsShare = 0.75;
  // Subject punctuation: a run of at least this many of ! ? $ * # %.
  static constexpr int kPunctuationRun = 3;
  // The footer a postal address is looked for in: the text's last bytes.
  static constexpr size_t kFooterBytes = 1000;
};

// The signal a [reputation] key names ("no_unsubscribe", "url_shortener",
// ...); nullopt for other keys.
std::optional<CheckKind> ParseReputationSignal(std::string_view key);
// Every signal key, in documentation order.
inline constexpr std::string_view kReputationSignalKeys[] = {
    "no_unsubscribe",     "no_postal_address",   "image_text_ratio",
    "link_text_mismatch", "display_name_spoof",  "url_shortener",
    "subject_caps",       "subject_punctuation", "bulk_without_list_headers"};
// The rule id a signal reports under: "REP_NO_UNSUBSCRIBE", ...
std::string ReputationSignalId(CheckKind check);
std::string ReputationSignalDescription(CheckKind check);

// Compiles what the signals match with (the postal-address patterns) now,
// so the first message does not pay for it. Thread-safe; later calls are
// free. ReputationSignalReason() prepares on its own when this was skipped.
void PrepareReputationSignals();

// Why `check` fires on `message`, or nullopt when it does not.
std::optional<std::string> ReputationSignalReason(CheckKind check,
                                                  const mime::Message& message);

// The message carries bulk-mail markers: Precedence bulk/list/junk, List-Id,
// List-Unsubscribe, or headers bulk senders add (X-Campaign..., X-Mailgun...,
// X-SES..., X-MC-User, X-SG-EID, Feedback-ID, X-CSA-Complaints). Names the
// first marker found.
std::optional<std::string> BulkMarker(const mime::HeaderList& headers);

// The host a link's visible text names ("www.paypal.com", "Visit
// https://paypal.com/login"), lower case, or "" when it names none.
std::string HostNamedByText(std::string_view link_text);

// True for hosts of well-known URL shorteners (bit.ly, tinyurl.com, t.co ...).
bool IsUrlShortener(std::string_view host);

}  // namespace inboxsim::profile

#endif  // INBOXSIM_PROFILE_REPUTATION_CHECKS_H_
