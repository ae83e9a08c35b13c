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
#include <string>
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

struct FailureExample {
  uint64_t order = 0;  // input order (source, message number): examples kept
                       // are the earliest, whatever thread saw them
  std::string where;   // "corpus/spam.mbox#12 (byte 40960)"
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
};

// The first message (in input order) a rule fired on, and why: what turns
// "REP_LINK_TEXT_MISMATCH 16 hits" into something a person can check.
struct RuleExample {
  uint64_t order = UINT64_MAX;  // UINT64_MAX: none yet
  std::string where;            // "corpus/spam.mbox#12 (byte 40960)"
  std::string reason;           // "link text names paypal.com but goes to ..."
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
  // `where` is called only when the example may be kept: describing a
  // message costs a string, and failures can be millions.
  template <typename DescribeWhere>
  void CountFailed(Label label, uint64_t bytes, const Error& error,
                   uint64_t order, DescribeWhere&& where);

  // A profile's action on a parsed message.
  void CountVerdict(size_t profile, Label label, Action action);
  // Every rule whose bit is set in `hits`, for a message labelled `label`.
  void CountRuleHits(Label label, const scan::HitSet& hits);
  // Keeps `describe()` (a RuleExample's where and reason) as `rule`'s
  // example when the message at `order` is earlier than the one kept; the
  // describing is skipped otherwise, so it costs once per rule and thread.
  template <typename Describe>
  void NoteRuleExample(uint32_t rule, uint64_t order, Describe&& describe);

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
  // The rule's example; order UINT64_MAX when it never fired.
  const RuleExample& rule_example(uint32_t rule) const {
    static const RuleExample kNone;
    return rule < rule_examples_.size() ? rule_examples_[rule] : kNone;
  }
  const std::vector<FailureExample>& failure_examples() const {
    return failure_examples_;
  }

 private:
  void CountRead(Label label, uint64_t bytes);
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
};

template <typename Describe>
void Tally::NoteRuleExample(uint32_t rule, uint64_t order,
                            Describe&& describe) {
  if (rule >= rule_examples_.size()) rule_examples_.resize(rule + 1);
  if (order >= rule_examples_[rule].order) return;
  RuleExample example = describe();
  example.order = order;
  rule_examples_[rule] = std::move(example);
}

template <typename DescribeWhere>
void Tally::CountFailed(Label label, uint64_t bytes, const Error& error,
                        uint64_t order, DescribeWhere&& where) {
  CountRead(label, bytes);
  ++failed_;
  ++failed_by_reason_[static_cast<int>(error.code)];
  ++by_label_[static_cast<int>(label)].failed;
  if (failure_examples_.size() < kMaxFailureExamples ||
      order < failure_examples_.back().order) {
    KeepExample({order, where(), error.code, error.message});
  }
}

}  // namespace inboxsim::report

#endif  // INBOXSIM_REPORT_TALLY_H_
