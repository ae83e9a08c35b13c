#include "sim/report/tally.h"

#include <algorithm>
#include <utility>

#include "sim/io/input_cutter.h"

namespace inboxsim::report {

void Tally::CountRead(Label label, uint64_t bytes) {
  ++read_;
  bytes_ += bytes;
  LabelCounts& counts = by_label_[static_cast<int>(label)];
  ++counts.read;
  counts.bytes += bytes;
}

void Tally::CountParsed(Label label, uint64_t bytes,
                        const mime::Message& message) {
  CountRead(label, bytes);
  ++parsed_;
  ++by_label_[static_cast<int>(label)].parsed;
  for (int i = 0; i < mime::kDefectCount; ++i) {
    if (message.defects.test(static_cast<size_t>(i))) ++defects_[i];
  }
  content_.mime_parts += message.parts.size();
  content_.text_parts += message.text_parts.size();
  const auto html_parts = static_cast<uint64_t>(
      std::count_if(message.text_parts.begin(), message.text_parts.end(),
                    [](const mime::TextPart& part) { return part.is_html; }));
  content_.html_parts += html_parts;
  content_.attachments += message.attachments.size();
  content_.urls += message.urls.size();
  content_.messages_with_html += html_parts > 0;
  content_.messages_with_attachments += !message.attachments.empty();
  content_.messages_with_connecting_ip += !message.sender.connecting_ip.empty();
}

void Tally::CountVerdict(size_t profile, Label label, Action action) {
  if (profile >= placements_.size()) placements_.resize(profile + 1);
  ++placements_[profile][static_cast<int>(label)][static_cast<int>(action)];
}

void Tally::CountPopulation(Label label,
                            const std::array<uint64_t, kActionCount>& parts) {
  ++population_messages_[static_cast<int>(label)];
  for (int a = 0; a < kActionCount; ++a)
    population_parts_[static_cast<int>(label)][a] += parts[a];
}

void Tally::CreditPopulationReason(uint32_t rule, Action action,
                                   uint64_t parts) {
  if (action == Action::kInbox) return;
  if (rule >= population_reasons_.size())
    population_reasons_.resize(rule + 1, {0, 0});
  population_reasons_[rule][action == Action::kJunk ? 0 : 1] += parts;
}

void Tally::CountRuleHits(Label label, const scan::HitSet& hits) {
  if (rule_hits_.size() < hits.size()) rule_hits_.resize(hits.size());
  hits.ForEach(
      [&](uint32_t rule) { ++rule_hits_[rule][static_cast<int>(label)]; });
}

void Tally::AddScanCounters(const scan::ScanCounters& counters) {
  scan_.texts_scanned += counters.texts_scanned;
  scan_.bytes_scanned += counters.bytes_scanned;
  scan_.pcre2_runs += counters.pcre2_runs;
  if (scan_.match_limit_hits.size() < counters.match_limit_hits.size()) {
    scan_.match_limit_hits.resize(counters.match_limit_hits.size());
  }
  for (size_t i = 0; i < counters.match_limit_hits.size(); ++i) {
    scan_.match_limit_hits[i] += counters.match_limit_hits[i];
  }
  scan_.engine_errors += counters.engine_errors;
}

void Tally::Merge(const Tally& other) {
  read_ += other.read_;
  parsed_ += other.parsed_;
  failed_ += other.failed_;
  bytes_ += other.bytes_;
  for (int i = 0; i < kErrorCodeCount; ++i)
    failed_by_reason_[i] += other.failed_by_reason_[i];
  for (int i = 0; i < kLabelCount; ++i) {
    by_label_[i].read += other.by_label_[i].read;
    by_label_[i].parsed += other.by_label_[i].parsed;
    by_label_[i].failed += other.by_label_[i].failed;
    by_label_[i].bytes += other.by_label_[i].bytes;
  }
  for (int i = 0; i < mime::kDefectCount; ++i) defects_[i] += other.defects_[i];
  content_.mime_parts += other.content_.mime_parts;
  content_.text_parts += other.content_.text_parts;
  content_.html_parts += other.content_.html_parts;
  content_.attachments += other.content_.attachments;
  content_.urls += other.content_.urls;
  content_.messages_with_html += other.content_.messages_with_html;
  content_.messages_with_attachments +=
      other.content_.messages_with_attachments;
  content_.messages_with_connecting_ip +=
      other.content_.messages_with_connecting_ip;
  for (const FailureExample& example : other.failure_examples_)
    KeepExample(example);
  if (placements_.size() < other.placements_.size()) {
    placements_.resize(other.placements_.size());
  }
  for (size_t p = 0; p < other.placements_.size(); ++p) {
    for (int l = 0; l < kLabelCount; ++l) {
      for (int a = 0; a < kActionCount; ++a) {
        placements_[p][l][a] += other.placements_[p][l][a];
      }
    }
  }
  for (int l = 0; l < kLabelCount; ++l) {
    population_messages_[l] += other.population_messages_[l];
    for (int a = 0; a < kActionCount; ++a)
      population_parts_[l][a] += other.population_parts_[l][a];
  }
  if (population_reasons_.size() < other.population_reasons_.size())
    population_reasons_.resize(other.population_reasons_.size(), {0, 0});
  for (size_t r = 0; r < other.population_reasons_.size(); ++r) {
    population_reasons_[r][0] += other.population_reasons_[r][0];
    population_reasons_[r][1] += other.population_reasons_[r][1];
  }
  if (rule_examples_.size() < other.rule_examples_.size())
    rule_examples_.resize(other.rule_examples_.size());
  for (size_t r = 0; r < other.rule_examples_.size(); ++r) {
    if (other.rule_examples_[r].order < rule_examples_[r].order)
      rule_examples_[r] = other.rule_examples_[r];
  }
  if (rule_hits_.size() < other.rule_hits_.size()) {
    rule_hits_.resize(other.rule_hits_.size());
  }
  for (size_t r = 0; r < other.rule_hits_.size(); ++r) {
    for (int l = 0; l < kLabelCount; ++l)
      rule_hits_[r][l] += other.rule_hits_[r][l];
  }
  AddScanCounters(other.scan_);
  for (const PieceCount& piece : other.piece_counts_)
    AddPieceMessages(piece.input, piece.begin, piece.messages);
}

void Tally::CountPieceMessage(uint32_t input, uint64_t begin) {
  AddPieceMessages(input, begin, 1);
}

void Tally::AddPieceMessages(uint32_t input, uint64_t begin,
                             uint64_t messages) {
  // A shard reads few pieces: the last one counted is nearly always it.
  if (!piece_counts_.empty() && piece_counts_.back().input == input &&
      piece_counts_.back().begin == begin) {
    piece_counts_.back().messages += messages;
    return;
  }
  auto position = std::lower_bound(
      piece_counts_.begin(), piece_counts_.end(), std::pair(input, begin),
      [](const PieceCount& piece, const std::pair<uint32_t, uint64_t>& key) {
        return std::pair(piece.input, piece.begin) < key;
      });
  if (position != piece_counts_.end() && position->input == input &&
      position->begin == begin) {
    position->messages += messages;
  } else {
    piece_counts_.insert(position, {input, begin, messages});
  }
}

void Tally::NumberPieces() {
  const auto renumber = [&](const MessageOrder& order, PieceMark* piece,
                            std::string* where) {
    if (piece->begin == 0) return;
    uint64_t before = 0;  // messages in the input's earlier pieces
    for (const PieceCount& count : piece_counts_) {
      if (count.input == order.input && count.begin < piece->begin)
        before += count.messages;
    }
    *where = io::DescribeMboxMessage(piece->path, before + order.ordinal,
                                     order.offset);
    *piece = PieceMark{};
  };
  for (FailureExample& example : failure_examples_)
    renumber(example.order, &example.piece, &example.where);
  for (RuleExample& example : rule_examples_)
    renumber(example.order, &example.piece, &example.where);
}

void Tally::KeepExample(FailureExample example) {
  auto position = std::upper_bound(
      failure_examples_.begin(), failure_examples_.end(), example.order,
      [](const MessageOrder& order, const FailureExample& kept) {
        return order < kept.order;
      });
  failure_examples_.insert(position, std::move(example));
  if (failure_examples_.size() > kMaxFailureExamples)
    failure_examples_.pop_back();
}

}  // namespace inboxsim::report
