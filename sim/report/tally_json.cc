// Tally::ToJson and Tally::FromJson: a tally as the tally file keeps it.
#include <string>

#include "sim/report/tally.h"

namespace inboxsim::report {
namespace {

using nlohmann::json;

Error BadTally(const std::string& message) {
  return BadInput("tally: " + message);
}

json OrderJson(const MessageOrder& order) {
  return json::array({order.input, order.offset, order.ordinal});
}

MessageOrder OrderFrom(const json& value) {
  return {value.at(0).get<uint32_t>(), value.at(1).get<uint64_t>(),
          value.at(2).get<uint32_t>()};
}

json PieceJson(const PieceMark& piece) {
  return piece.begin == 0 ? json()
                          : json{{"begin", piece.begin}, {"path", piece.path}};
}

PieceMark PieceFrom(const json& value) {
  if (value.is_null()) return {};
  return {value.at("begin").get<uint64_t>(),
          value.at("path").get<std::string>()};
}

// {name: count} for the non-zero counts of an enum-indexed array.
template <size_t N, typename Name>
json NamedCounts(const std::array<uint64_t, N>& counts, Name&& name) {
  json out = json::object();
  for (size_t i = 0; i < N; ++i) {
    if (counts[i] != 0) out[std::string(name(i))] = counts[i];
  }
  return out;
}

// The inverse: unknown names are an error, since dropping them would lose
// counts without a word.
template <size_t N, typename Name>
std::optional<std::string> ReadNamedCounts(const json& in,
                                           std::array<uint64_t, N>* counts,
                                           Name&& name) {
  for (const auto& [key, value] : in.items()) {
    size_t i = 0;
    while (i < N && name(i) != key) ++i;
    if (i == N) return "unknown name \"" + key + "\"";
    (*counts)[i] = value.template get<uint64_t>();
  }
  return std::nullopt;
}

std::string_view LabelAt(size_t i) { return LabelName(static_cast<Label>(i)); }

}  // namespace

json Tally::ToJson() const {
  json out;
  out["read"] = read_;
  out["parsed"] = parsed_;
  out["failed"] = failed_;
  out["bytes"] = bytes_;
  out["failed_by_reason"] = NamedCounts(failed_by_reason_, [](size_t i) {
    return ErrorCodeName(static_cast<ErrorCode>(i));
  });
  json labels = json::object();
  for (int l = 0; l < kLabelCount; ++l) {
    const LabelCounts& counts = by_label_[l];
    labels[std::string(LabelAt(l))] = {counts.read, counts.parsed,
                                       counts.failed, counts.bytes};
  }
  out["by_label"] = labels;
  out["defects"] = NamedCounts(defects_, [](size_t i) {
    return mime::DefectName(static_cast<mime::Defect>(i));
  });
  out["content"] = {content_.mime_parts,
                    content_.text_parts,
                    content_.html_parts,
                    content_.attachments,
                    content_.urls,
                    content_.messages_with_html,
                    content_.messages_with_attachments,
                    content_.messages_with_connecting_ip};
  json failures = json::array();
  for (const FailureExample& example : failure_examples_) {
    failures.push_back({{"order", OrderJson(example.order)},
                        {"where", example.where},
                        {"piece", PieceJson(example.piece)},
                        {"code", ErrorCodeName(example.code)},
                        {"message", example.message}});
  }
  out["failure_examples"] = failures;
  out["placements"] = placements_;  // [profile][label][action]
  out["rule_hits"] = rule_hits_;    // [rule][label]
  json rule_examples = json::array();
  for (const RuleExample& example : rule_examples_) {
    rule_examples.push_back(example.order == MessageOrder{}
                                ? json()
                                : json{{"order", OrderJson(example.order)},
                                       {"where", example.where},
                                       {"piece", PieceJson(example.piece)},
                                       {"reason", example.reason}});
  }
  out["rule_examples"] = rule_examples;
  out["population_messages"] = population_messages_;
  out["population_parts"] = population_parts_;
  out["population_reasons"] = population_reasons_;
  out["scan"] = {{"texts_scanned", scan_.texts_scanned},
                 {"bytes_scanned", scan_.bytes_scanned},
                 {"pcre2_runs", scan_.pcre2_runs},
                 {"match_limit_hits", scan_.match_limit_hits},
                 {"engine_errors", scan_.engine_errors}};
  json pieces = json::array();
  for (const PieceCount& piece : piece_counts_)
    pieces.push_back({piece.input, piece.begin, piece.messages});
  out["piece_counts"] = pieces;
  return out;
}

Result<Tally> Tally::FromJson(const json& in) {
  Tally tally;
  try {
    tally.read_ = in.at("read").get<uint64_t>();
    tally.parsed_ = in.at("parsed").get<uint64_t>();
    tally.failed_ = in.at("failed").get<uint64_t>();
    tally.bytes_ = in.at("bytes").get<uint64_t>();
    if (auto bad = ReadNamedCounts(
            in.at("failed_by_reason"), &tally.failed_by_reason_,
            [](size_t i) { return ErrorCodeName(static_cast<ErrorCode>(i)); }))
      return BadTally("\"failed_by_reason\": " + *bad);
    for (int l = 0; l < kLabelCount; ++l) {
      const json& counts = in.at("by_label").at(std::string(LabelAt(l)));
      tally.by_label_[l] = {
          counts.at(0).get<uint64_t>(), counts.at(1).get<uint64_t>(),
          counts.at(2).get<uint64_t>(), counts.at(3).get<uint64_t>()};
    }
    if (auto bad =
            ReadNamedCounts(in.at("defects"), &tally.defects_, [](size_t i) {
              return mime::DefectName(static_cast<mime::Defect>(i));
            }))
      return BadTally("\"defects\": " + *bad);
    const json& content = in.at("content");
    tally.content_ = {
        content.at(0).get<uint64_t>(), content.at(1).get<uint64_t>(),
        content.at(2).get<uint64_t>(), content.at(3).get<uint64_t>(),
        content.at(4).get<uint64_t>(), content.at(5).get<uint64_t>(),
        content.at(6).get<uint64_t>(), content.at(7).get<uint64_t>()};
    for (const json& example : in.at("failure_examples")) {
      const std::string code_name = example.at("code").get<std::string>();
      int code = 0;
      while (code < kErrorCodeCount &&
             ErrorCodeName(static_cast<ErrorCode>(code)) != code_name)
        ++code;
      if (code == kErrorCodeCount)
        return BadTally("unknown failure reason \"" + code_name + "\"");
      tally.failure_examples_.push_back(
          {OrderFrom(example.at("order")),
           example.at("where").get<std::string>(),
           PieceFrom(example.at("piece")), static_cast<ErrorCode>(code),
           example.at("message").get<std::string>()});
    }
    in.at("placements").get_to(tally.placements_);
    in.at("rule_hits").get_to(tally.rule_hits_);
    for (const json& example : in.at("rule_examples")) {
      if (example.is_null()) {
        tally.rule_examples_.emplace_back();
        continue;
      }
      tally.rule_examples_.push_back({OrderFrom(example.at("order")),
                                      example.at("where").get<std::string>(),
                                      PieceFrom(example.at("piece")),
                                      example.at("reason").get<std::string>()});
    }
    in.at("population_messages").get_to(tally.population_messages_);
    in.at("population_parts").get_to(tally.population_parts_);
    in.at("population_reasons").get_to(tally.population_reasons_);
    const json& scan = in.at("scan");
    tally.scan_.texts_scanned = scan.at("texts_scanned").get<uint64_t>();
    tally.scan_.bytes_scanned = scan.at("bytes_scanned").get<uint64_t>();
    tally.scan_.pcre2_runs = scan.at("pcre2_runs").get<uint64_t>();
    scan.at("match_limit_hits").get_to(tally.scan_.match_limit_hits);
    tally.scan_.engine_errors = scan.at("engine_errors").get<uint64_t>();
    for (const json& piece : in.at("piece_counts")) {
      tally.piece_counts_.push_back({piece.at(0).get<uint32_t>(),
                                     piece.at(1).get<uint64_t>(),
                                     piece.at(2).get<uint64_t>()});
    }
  } catch (const json::exception& error) {
    return BadTally(error.what());
  }
  if (tally.read_ != tally.parsed_ + tally.failed_)
    return BadTally("read is not parsed + failed: the file is damaged");
  return tally;
}

}  // namespace inboxsim::report
