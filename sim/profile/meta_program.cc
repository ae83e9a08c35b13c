#include "sim/profile/meta_program.h"

#include <algorithm>

namespace inboxsim::profile {
namespace {

using Op = sa::MetaNode::Op;

// Perl's value of a binary operator (sa::EvaluateMeta's rules).
double Apply(Op op, double left, double right) {
  switch (op) {
    case Op::kAnd:
      return left == 0 ? left : right;
    case Op::kOr:
      return left != 0 ? left : right;
    case Op::kAdd:
      return left + right;
    case Op::kSubtract:
      return left - right;
    case Op::kMultiply:
      return left * right;
    case Op::kDivide:
      return right == 0 ? 0 : left / right;
    case Op::kLess:
      return left < right;
    case Op::kLessEqual:
      return left <= right;
    case Op::kGreater:
      return left > right;
    case Op::kGreaterEqual:
      return left >= right;
    case Op::kEqual:
      return left == right;
    case Op::kNotEqual:
      return left != right;
    default:
      return 0;
  }
}

}  // namespace

MetaProgram MetaProgram::Compile(
    const sa::MetaNode& tree,
    const std::function<std::optional<uint32_t>(std::string_view)>& resolve) {
  MetaProgram program;
  program.Append(tree, resolve, 1);
  return program;
}

void MetaProgram::Append(
    const sa::MetaNode& node,
    const std::function<std::optional<uint32_t>(std::string_view)>& resolve,
    size_t depth) {
  // Operands are pushed left to right; operand i sits at depth + i.
  for (size_t i = 0; i < node.args.size(); ++i)
    Append(*node.args[i], resolve, depth + i);
  max_depth_ = std::max(max_depth_, depth + (node.args.empty() ? 0 : 1));
  Step step{node.op};
  if (node.op == Op::kNumber) step.number = node.number;
  if (node.op == Op::kRule) {
    if (std::optional<uint32_t> index = resolve(node.rule)) {
      step.rule = *index;
      if (std::find(inputs_.begin(), inputs_.end(), *index) == inputs_.end())
        inputs_.push_back(*index);
    }
  }
  steps_.push_back(step);
}

double MetaProgram::Value(const scan::HitSet& hits,
                          const std::vector<uint32_t>* counts) const {
  // Metas are small (SpamAssassin's deepest needs a dozen slots): the stack
  // lives on the machine stack unless an expression is unusually deep.
  constexpr size_t kInline = 64;
  double inline_stack[kInline];
  std::vector<double> heap_stack;
  double* stack = inline_stack;
  if (max_depth_ + 1 > kInline) {
    heap_stack.resize(max_depth_ + 1);
    stack = heap_stack.data();
  }
  size_t top = 0;  // slots in use
  for (const Step& step : steps_) {
    switch (step.op) {
      case Op::kNumber:
        stack[top++] = step.number;
        break;
      case Op::kRule: {
        const bool hit = step.rule != kNoRule && step.rule < hits.size() &&
                         hits.test(step.rule);
        const uint32_t count =
            hit && counts != nullptr && step.rule < counts->size()
                ? (*counts)[step.rule]
                : 0;
        stack[top++] = hit ? std::max<double>(1, count) : 0;
        break;
      }
      case Op::kNot:
        stack[top - 1] = stack[top - 1] == 0 ? 1 : 0;
        break;
      case Op::kNegate:
        stack[top - 1] = -stack[top - 1];
        break;
      default:
        --top;
        stack[top - 1] = Apply(step.op, stack[top - 1], stack[top]);
        break;
    }
  }
  return top == 0 ? 0 : stack[top - 1];
}

bool MetaProgram::Fires(const scan::HitSet& hits,
                        const std::vector<uint32_t>* counts) const {
  return Value(hits, counts) != 0;
}

}  // namespace inboxsim::profile
