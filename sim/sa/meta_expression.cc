// ParseMetaExpression and MetaRuleNames (declared in config.h): a
// recursive-descent parser for the expressions of `meta` lines, with
// Perl's operator precedence, as SpamAssassin hands the text to Perl's
// eval after swapping each rule name for its value (Conf/Parser.pm
// compile_meta_rules).
#include <cctype>
#include <cstdlib>
#include <initializer_list>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/sa/config.h"

namespace inboxsim::sa {
namespace {

using Op = MetaNode::Op;
using NodePtr = std::unique_ptr<MetaNode>;

class MetaParser {
 public:
  explicit MetaParser(std::string_view text) : text_(text) {}

  Result<NodePtr> Parse() {
    NodePtr node = ParseOr();
    SkipSpace();
    if (!error_.empty()) return Fail();
    if (pos_ < text_.size()) {
      SetError("unexpected '" + std::string(1, text_[pos_]) + "'");
      return Fail();
    }
    return node;
  }

 private:
  // Perl's precedence, loosest first: || ; && ; == != ; < > <= >= ;
  // + - ; * / ; unary ! and -. Each level is left-associative.
  NodePtr ParseOr() { return ParseBinary(0); }

  struct Level {
    std::initializer_list<std::pair<std::string_view, Op>> ops;
  };
  static const Level& LevelAt(int index) {
    static const Level kLevels[] = {
        {{{"||", Op::kOr}}},
        {{{"&&", Op::kAnd}}},
        {{{"==", Op::kEqual}, {"!=", Op::kNotEqual}}},
        {{{"<=", Op::kLessEqual},
          {">=", Op::kGreaterEqual},
          {"<", Op::kLess},
          {">", Op::kGreater}}},
        {{{"+", Op::kAdd}, {"-", Op::kSubtract}}},
        {{{"*", Op::kMultiply}, {"/", Op::kDivide}}},
    };
    return kLevels[index];
  }
  static constexpr int kLevelCount = 6;

  NodePtr ParseBinary(int level) {
    if (level == kLevelCount) return ParseUnary();
    NodePtr left = ParseBinary(level + 1);
    while (error_.empty()) {
      SkipSpace();
      const auto* match = MatchOperator(LevelAt(level));
      if (match == nullptr) break;
      pos_ += match->first.size();
      NodePtr right = ParseBinary(level + 1);
      left = Make(match->second, std::move(left), std::move(right));
    }
    return left;
  }

  const std::pair<std::string_view, Op>* MatchOperator(const Level& level) {
    const std::string_view rest = text_.substr(pos_);
    for (const auto& op : level.ops) {
      if (rest.rfind(op.first, 0) != 0) continue;
      // "<" must not be the start of "<=", nor "!" of "!=" (handled by
      // listing longer operators first) and "||" / "&&" need both chars.
      return &op;
    }
    return nullptr;
  }

  NodePtr ParseUnary() {
    SkipSpace();
    if (Peek('!') && !PeekAt(1, '=')) {
      ++pos_;
      return Make(Op::kNot, ParseUnary());
    }
    if (Peek('-')) {
      ++pos_;
      return Make(Op::kNegate, ParseUnary());
    }
    if (Peek('+')) {  // unary plus: Perl ignores it
      ++pos_;
      return ParseUnary();
    }
    return ParseTerm();
  }

  NodePtr ParseTerm() {
    SkipSpace();
    if (pos_ >= text_.size()) {
      SetError("expression ends where a rule name or number was expected");
      return nullptr;
    }
    const char c = text_[pos_];
    if (c == '(') {
      ++pos_;
      NodePtr inner = ParseOr();
      SkipSpace();
      if (error_.empty() && !Peek(')')) SetError("missing ')'");
      ++pos_;
      return inner;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      return ParseNumber();
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      return ParseName();
    }
    SetError("unexpected '" + std::string(1, c) + "'");
    return nullptr;
  }

  NodePtr ParseNumber() {
    const size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isdigit(static_cast<unsigned char>(text_[pos_])) ||
            text_[pos_] == '.')) {
      ++pos_;
    }
    const std::string digits(text_.substr(start, pos_ - start));
    char* end = nullptr;
    const double value = std::strtod(digits.c_str(), &end);
    if (end != digits.c_str() + digits.size()) {
      pos_ = start;
      SetError("bad number '" + digits + "'");
      return nullptr;
    }
    auto node = std::make_unique<MetaNode>();
    node->op = Op::kNumber;
    node->number = value;
    return node;
  }

  NodePtr ParseName() {
    const size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) ||
            text_[pos_] == '_' || text_[pos_] == ':')) {
      ++pos_;
    }
    const std::string name(text_.substr(start, pos_ - start));
    if (name.find(':') != std::string::npos) {
      pos_ = start;
      SetError("'" + name + "' is not a rule name");
      return nullptr;
    }
    SkipSpace();
    if (Peek('(')) {
      // rules_matching(GLOB) and Perl functions: SpamAssassin expands the
      // first and takes the others for rule names followed by a bracket,
      // which Perl then refuses.
      pos_ = start;
      SetError("function call '" + name + "(...)' is not supported");
      return nullptr;
    }
    auto node = std::make_unique<MetaNode>();
    if (name == "local_tests_only") {
      // SpamAssassin's flag for "no network tests"; we never run them but
      // rules guarded by it are the local replacements, so it reads 0 as
      // in a normal SpamAssassin run.
      node->op = Op::kNumber;
      node->number = 0;
      return node;
    }
    node->op = Op::kRule;
    node->rule = name;
    return node;
  }

  static NodePtr Make(Op op, NodePtr a, NodePtr b = nullptr) {
    if (a == nullptr || (b == nullptr && op != Op::kNot && op != Op::kNegate)) {
      return nullptr;  // an error is already recorded
    }
    auto node = std::make_unique<MetaNode>();
    node->op = op;
    node->args.push_back(std::move(a));
    if (b != nullptr) node->args.push_back(std::move(b));
    return node;
  }

  void SkipSpace() {
    while (pos_ < text_.size() &&
           std::isspace(static_cast<unsigned char>(text_[pos_]))) {
      ++pos_;
    }
  }
  bool Peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool PeekAt(size_t ahead, char c) const {
    return pos_ + ahead < text_.size() && text_[pos_ + ahead] == c;
  }
  void SetError(std::string message) {
    if (error_.empty()) {
      error_ = std::move(message);
      error_pos_ = pos_;
    }
  }
  Error Fail() const {
    return Error{ErrorCode::kBadInput, "",
                 "meta expression, column " + std::to_string(error_pos_ + 1) +
                     ": " + error_};
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::string error_;
  size_t error_pos_ = 0;
};

void CollectNames(const MetaNode& node, std::set<std::string>& seen,
                  std::vector<std::string>& names) {
  if (node.op == Op::kRule && seen.insert(node.rule).second) {
    names.push_back(node.rule);
  }
  for (const auto& arg : node.args) CollectNames(*arg, seen, names);
}

}  // namespace

Result<std::unique_ptr<MetaNode>> ParseMetaExpression(
    std::string_view expression) {
  return MetaParser(expression).Parse();
}

std::vector<std::string> MetaRuleNames(const MetaNode& node) {
  std::set<std::string> seen;
  std::vector<std::string> names;
  CollectNames(node, seen, names);
  return names;
}

}  // namespace inboxsim::sa
