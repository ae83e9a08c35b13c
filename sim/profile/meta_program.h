// MetaProgram: a SpamAssassin meta expression bound to catalog rule
// indices and flattened to postfix, so evaluating it per message costs a
// few array reads and no name lookups.
//
//   MetaProgram program = MetaProgram::Compile(*tree, resolve_name);
//   if (program.Fires(hits)) hits.Set(meta_rule);
//
// Values follow sa::EvaluateMeta (Perl's): a rule that hit is 1, else 0
// (also for names that resolve to no rule, as SpamAssassin treats
// undefined rules); the meta fires when the value is not 0.
#ifndef INBOXSIM_PROFILE_META_PROGRAM_H_
#define INBOXSIM_PROFILE_META_PROGRAM_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "sim/sa/config.h"
#include "sim/scan/pattern_set.h"

namespace inboxsim::profile {

class MetaProgram {
 public:
  // `resolve(name)`: the catalog index of rule `name`, nullopt if none.
  static MetaProgram Compile(
      const sa::MetaNode& tree,
      const std::function<std::optional<uint32_t>(std::string_view)>& resolve);

  // The expression's value over `hits` is not 0. `counts`, when given and
  // not 0 for a rule that hit, is the number of times it matched
  // (SpamAssassin's tflags multiple); indexed by catalog rule.
  bool Fires(const scan::HitSet& hits,
             const std::vector<uint32_t>* counts = nullptr) const;
  double Value(const scan::HitSet& hits,
               const std::vector<uint32_t>* counts = nullptr) const;

  // Catalog indices the expression reads, each once.
  const std::vector<uint32_t>& inputs() const { return inputs_; }

 private:
  static constexpr uint32_t kNoRule = UINT32_MAX;
  struct Step {
    sa::MetaNode::Op op;
    double number = 0;        // kNumber
    uint32_t rule = kNoRule;  // kRule; kNoRule reads 0
  };
  void Append(
      const sa::MetaNode& node,
      const std::function<std::optional<uint32_t>(std::string_view)>& resolve,
      size_t depth);

  std::vector<Step> steps_;
  std::vector<uint32_t> inputs_;
  size_t max_depth_ = 0;  // stack slots Value() needs
};

}  // namespace inboxsim::profile

#endif  // INBOXSIM_PROFILE_META_PROGRAM_H_
