// Tally: the counts a run accumulates. One per thread while running (no
// locks on the hot path), merged at the end; merging is associative and
// order-independent, so shards of a corpus can be tallied apart.
//
//   Tally local;
//   local.CountParsed(label, bytes, message);  // or CountFailed(...)
//   total.Merge(local);
#ifndef INBOXSIM_REPORT_TALLY_H_
#define INBOXSIM_REPORT_TALLY_H_

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "sim/core/action.h"
#include "sim/core/label.h"
#include "sim/core/result.h"
#include "sim/mime/defect.h"
#include "sim/mime/message.h"
#include "sim/scan/pattern_set.h"

namespace inboxsim::report {

struct LabelCounts {
  uint64_t read = 0;
  uint64_t parsed = 0;
  uint64_t failed = 0;
  uint64_t bytes = 0;
};

// A message's place in the input order, which examples are kept by (the
// earliest, whatever thread or shard saw them): its input's place in the
// whole corpus's plan, then its byte within the input, then its number. The
// byte orders the messages of an mbox read in pieces by several shards as a
// single run orders them.
struct MessageOrder {
  uint32_t input = UINT32_MAX;
  uint64_t offset = UINT64_MAX;
  uint32_t ordinal = UINT32_MAX;  // 1-based within the piece read

  friend bool operator<(const MessageOrder& a, const MessageOrder& b) {
    return std::tie(a.input, a.offset, a.ordinal) <
           std::tie(b.input, b.offset, b.ordinal);
  }
  friend bool operator==(const MessageOrder& a, const MessageOrder& b) {
    return std::tie(a.input, a.offset, a.ordinal) ==
           std::tie(b.input, b.offset, b.ordinal);
  }
};

// An example's message, when it came from a piece of an mbox that a shard
// began past the input's start: the shard numbered its messages from 1, so
// the example is renamed once every shard's count is known (NumberPieces).
struct PieceMark {
  uint64_t begin = 0;  // 0: not from such a piece
  std::string path;    // the input
};

// How an example names its message.
struct MessageName {
  std::string where;  // "corpus/spam.mbox#12 (byte 40960)"
  PieceMark piece;
};

struct FailureExample {
  MessageOrder order;
  std::string where;  // "corpus/spam.mbox#12 (byte 40960)"
  PieceMark piece;
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
};

// The first message (in input order) a rule fired on, and why: what turns
// "REP_LINK_TEXT_MISMATCH 16 hits" into something a person can check.
struct RuleExample {
  MessageOrder order;  // MessageOrder{}: none yet
  std::string where;   // "corpus/spam.mbox#12 (byte 40960)"
  PieceMark piece;
  std::string reason;  // "link text names paypal.com but goes to ..."
};

// Messages (parsed or failed) a shard read from one piece of a sharded mbox.
struct PieceCount {
  uint32_t input = 0;  // index in the whole corpus's plan
  uint64_t begin = 0;  // the piece's first byte
  uint64_t messages = 0;
};

// Structure seen in parsed messages: what the corpus is made of.
struct ContentCounts {
  uint64_t mime_parts = 0;
  uint64_t text_parts = 0;
  uint64_t html_parts = 0;
  uint64_t attachments = 0;
  uint64_t urls = 0;
  uint64_t messages_with_html = 0;
  uint64_t messages_with_attachments = 0;
  uint64_t messages_with_connecting_ip = 0;
};

class Tally {
 public:
  // Examples of failures kept per tally (and after merging) for the report.
  static constexpr size_t kMaxFailureExamples = 20;

  void CountParsed(Label label, uint64_t bytes, const mime::Message& message);
  // `name` (giving a MessageName) is called only when the example may be
  // kept: describing a message costs a string, and failures can be millions.
  template <typename NameMessage>
  void CountFailed(Label label, uint64_t bytes, const Error& error,
                   const MessageOrder& order, NameMessage&& name);

  // A profile's action on a parsed message.
  void CountVerdict(size_t profile, Label label, Action action);
  // Every rule whose bit is set in `hits`, for a message labelled `label`.
  void CountRuleHits(Label label, const scan::HitSet& hits);
  // Keeps `describe()` (a RuleExample's where, piece and reason) as `rule`'s
  // example when the message at `order` is earlier than the one kept; the
  // describing is skipped otherwise, so it costs once per rule and thread.
  template <typename Describe>
  void NoteRuleExample(uint32_t rule, const MessageOrder& order,
                       Describe&& describe);

  // One message read from the piece of a sharded input that begins at
  // `begin` (only pieces are counted: a whole input needs no renumbering).
  void CountPieceMessage(uint32_t input, uint64_t begin);
  // Renames the examples read from pieces that began past their input's
  // start with their number in the whole input. Call once, after merging
  // every shard's tally: each piece's count must be known.
  void NumberPieces();

  // A message's placement across a population: parts per billion of its
  // receivers per action (they sum to 1e9).
  void CountPopulation(Label label,
                       const std::array<uint64_t, kActionCount>& parts);
  // Receivers (parts per billion) for whom `rule` helped send a message to
  // `action` (junk or reject).
  void CreditPopulationReason(uint32_t rule, Action action, uint64_t parts);

  // What the scans of this thread counted (merged at the end).
  void AddScanCounters(const scan::ScanCounters& counters);

  void Merge(const Tally& other);

  // Every count and example, as the tally file keeps them (tally_json.cc);
  // FromJson(ToJson()) gives an equal tally. Counts are keyed by name
  // (error codes, defects, labels), so a file stays readable when a later
  // version adds one.
  nlohmann::json ToJson() const;
  static Result<Tally> FromJson(const nlohmann::json& json);

  uint64_t read() const { return read_; }
  uint64_t parsed() const { return parsed_; }
  uint64_t failed() const { return failed_; }
  uint64_t bytes() const { return bytes_; }
  uint64_t failed_by(ErrorCode code) const {
    return failed_by_reason_[static_cast<int>(code)];
  }
  const LabelCounts& by_label(Label label) const {
    return by_label_[static_cast<int>(label)];
  }
  // Parsed messages that showed `defect`.
  uint64_t messages_with(mime::Defect defect) const {
    return defects_[static_cast<int>(defect)];
  }
  const ContentCounts& content() const { return content_; }

  size_t profile_count() const { return placements_.size(); }
  uint64_t placed(size_t profile, Label label, Action action) const {
    return profile < placements_.size()
               ? placements_[profile][static_cast<int>(label)]
                            [static_cast<int>(action)]
               : 0;
  }
  uint64_t rule_hits(uint32_t rule, Label label) const {
    return rule < rule_hits_.size() ? rule_hits_[rule][static_cast<int>(label)]
                                    : 0;
  }
  const scan::ScanCounters& scan_counters() const { return scan_; }
  // Messages placed in the population, and the parts per billion they put
  // in `action`, by label.
  uint64_t population_messages(Label label) const {
    return population_messages_[static_cast<int>(label)];
  }
  uint64_t population_parts(Label label, Action action) const {
    return population_parts_[static_cast<int>(label)][static_cast<int>(action)];
  }
  // Parts per billion summed over messages: receivers a rule sent to junk
  // (action kJunk) or reject (kReject).
  uint64_t population_reason(uint32_t rule, Action action) const {
    if (rule >= population_reasons_.size() || action == Action::kInbox)
      return 0;
    return population_reasons_[rule][action == Action::kJunk ? 0 : 1];
  }
  // The rule's example; order MessageOrder{} when it never fired.
  const RuleExample& rule_example(uint32_t rule) const {
    static const RuleExample kNone;
    return rule < rule_examples_.size() ? rule_examples_[rule] : kNone;
  }
  const std::vector<FailureExample>& failure_examples() const {
    return failure_examples_;
  }
  size_t rule_example_count() const { return rule_examples_.size(); }
  // By input, then first byte.
  const std::vector<PieceCount>& piece_counts() const { return piece_counts_; }

 private:
  void CountRead(Label label, uint64_t bytes);
  void AddPieceMessages(uint32_t input, uint64_t begin, uint64_t messages);
  // Inserts in order and drops the latest beyond kMaxFailureExamples.
  void KeepExample(FailureExample example);

  uint64_t read_ = 0;
  uint64_t parsed_ = 0;
  uint64_t failed_ = 0;
  uint64_t bytes_ = 0;
  std::array<uint64_t, kErrorCodeCount> failed_by_reason_{};
  std::array<LabelCounts, kLabelCount> by_label_{};
  std::array<uint64_t, mime::kDefectCount> defects_{};
  ContentCounts content_;
  std::vector<FailureExample> failure_examples_;
  // [profile][label][action]
  std::vector<std::array<std::array<uint64_t, kActionCount>, kLabelCount>>
      placements_;
  std::vector<std::array<uint64_t, kLabelCount>> rule_hits_;  // [rule][label]
  std::vector<RuleExample> rule_examples_;                    // [rule]
  std::array<uint64_t, kLabelCount> population_messages_{};
  std::array<std::array<uint64_t, kActionCount>, kLabelCount>
      population_parts_{};  // [label][action], parts per billion summed
  std::vector<std::array<uint64_t, 2>> population_reasons_;  // [rule][junk,
                                                             // reject]
  scan::ScanCounters scan_;
  std::vector<PieceCount> piece_counts_;  // by input, then begin
};

template <typename Describe>
void Tally::NoteRuleExample(uint32_t rule, const MessageOrder& order,
                            Describe&& describe) {
  if (rule >= rule_examples_.size()) rule_examples_.resize(rule + 1);
  if (!(order < rule_examples_[rule].order)) return;
  RuleExample example = describe();
  example.order = order;
  rule_examples_[rule] = std::move(example);
}

template <typename NameMessage>
void Tally::CountFailed(Label label, uint64_t bytes, const Error& error,
                        const MessageOrder& order, NameMessage&& name) {
  CountRead(label, bytes);
  ++failed_;
  ++failed_by_reason_[static_cast<int>(error.code)];
  ++by_label_[static_cast<int>(label)].failed;
  if (failure_examples_.size() < kMaxFailureExamples ||
      order < failure_examples_.back().order) {
    MessageName named = name();
    KeepExample({order, std::move(named.where), std::move(named.piece),
                 error.code, error.message});
  }
}

}  // namespace inboxsim::report

#endif  // INBOXSIM_REPORT_TALLY_H_
