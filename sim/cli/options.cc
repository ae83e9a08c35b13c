#include "sim/cli/options.h"

#include <cerrno>
#include <cstring>

#include "sim/cli/command.h"

namespace inboxsim::cli {

void PrintError(const std::string& command, const std::string& message) {
  std::cerr << "inboxsim " << command << ": " << message << "\n";
}

bool CheckChoice(const std::string& command, const std::string& option,
                 const std::string& value,
                 std::initializer_list<std::string_view> allowed) {
  std::string list;
  size_t index = 0;
  for (std::string_view choice : allowed) {
    if (choice == value) return true;
    list += (index == 0                    ? ""
             : index + 1 == allowed.size() ? " or "
                                           : ", ") +
            std::string(choice);
    ++index;
  }
  PrintError(command, "--" + option + " must be " + list + ", not '" + value +
                          "'; see 'inboxsim " + command + " --help'");
  return false;
}

namespace {

// What `inboxsim COMMAND --help` shows after the options: a few commands
// that work as written from the source tree.
std::string Examples(const std::string& command) {
  if (command == "run") {
    return R"(examples:
  inboxsim run corpora/sample                    # shipped profiles + survey population
  inboxsim run ham/ spam.mbox.gz --format json -o run.json
  inboxsim run corpus/ -p profiles/smb-basic.toml -p my-profile.toml
  inboxsim run campaign/ --population my-market.toml --list-size 100000
  inboxsim run --index trec07p/full/index --threads 2
  inboxsim run corpus/ --parse-only               # reading and parsing alone
)";
  }
  if (command == "check") {
    return R"(examples:
  inboxsim check mail.eml                        # verdicts, population, advice
  inboxsim check - --format json < mail.eml
  inboxsim check mail.eml --zone my.zone --connecting-ip 203.0.113.7 --mail-from bounce@example.com
)";
  }
  if (command == "compare") {
    return R"(examples:
  inboxsim compare a.eml b.eml                   # two variants of one message
  inboxsim compare old-campaign/ new-campaign/ --format json -o diff.json
)";
  }
  if (command == "eval") {
    return R"(examples:
  inboxsim eval ham/ spam/                       # shipped profiles, table
  inboxsim eval corpus/ -p profiles/smb-basic.toml --format json -o eval.json
  inboxsim eval --index trec07p/full/index --target-fpr 0.0005 --sort spam
  inboxsim eval corpus/ --hits-out hits.tsv      # LABEL<TAB>WHERE<TAB>RULE,...

Positive is spam; a profile flags a message when it junks or rejects it.
Unlabelled messages and parse failures are counted in totals and left out
of every other figure.

rules (hit-frequencies -p columns, from SpamAssassin's masses/hit-frequencies):
  OVERALL%  hits / (spam + ham);  SPAM%, HAM%  hits / messages of that label
  S/O       SPAM% / (SPAM% + HAM%), 0.5 when the rule hit nothing
  RANK      S/O^3 * 2000 + SPAM% * 3 (nice rules: 1 - S/O and HAM%),
            normalised to 0..1 over the rules shown; nice = negative score
            or allow rule in the --profile profile
  SCORE     the rule's score in --profile (default: the first profile)

JSON keys:
  schema_version, inputs, excluded, scoring_profile
  totals: read parsed failed spam ham unlabelled
  rules[]: name where spam_hits ham_hits overall_percent spam_percent ham_percent
           so rank score (null: not in the scoring profile) nice
  profiles[]: name junk_threshold reject_threshold spam ham
           confusion {true_positives false_positives true_negatives
           false_negatives} precision recall false_positive_rate accuracy f1
           forced_verdicts (allow list or forced action: in the confusion
           matrix, not in the sweep) auc
           roc[] {threshold tpr fpr}: flag when score >= threshold, one point
           per distinct score, highest first
           target {max_fpr threshold (null: none reaches it) recall fpr}
)";
  }
  if (command == "train") {
    return R"(examples:
  inboxsim train ham/ spam/ -o tokens.model --holdout 0.2
  inboxsim train --index trec07p/full/index -o tokens.model
)";
  }
  if (command == "gen") {
    return R"(examples:
  inboxsim gen --count 10000 --seed 7 --spam-ratio 0.4 -o synthetic.mbox
)";
  }
  if (command == "bench") {
    return R"(examples:
  inboxsim bench corpora/sample                   # shipped profiles + population
  inboxsim bench corpus/ -p profiles/spamassassin/stock.toml --engines none
  inboxsim bench corpus/ --size-scaling 10 --no-ceiling --engines none
  inboxsim bench corpus/ --format json -o bench.json   # or --json FILE too

The table and the JSON hold the same figures; JSON keys (schema_version 1):
  machine {cpu cores memory_bytes system hyperscan date}, inputs,
  repetitions, warmup, population, corpus {read parsed failed bytes
  accounting_ok}, end_to_end {threads messages bytes seconds
  messages_per_second mb_per_second peak_memory_bytes}, memory
  {after_load_bytes peak_bytes}, scan (as in run's report: rules, modes,
  load_seconds, compile_seconds, cache_hit, targets), stages {threads
  elapsed_seconds thread_seconds seconds {read parse html scan checks
  evaluate tally} total_seconds untimed_seconds targets [{target
  text_seconds match_seconds}]}, ceiling {threads messages texts text_bytes
  truncated matches seconds messages_per_second text_mb_per_second
  end_to_end_fraction passes_per_sample union (with --union-layout, else
  null: {compile_seconds seconds messages_per_second matches
  chosen_layout_speedup}, or {error}) targets [{target seconds share}]}, rule_costs (with
  the ceiling and --rule-costs N > 0, else null) {measured scan_seconds
  compile_seconds costliest [{rule target projection prefilter tuned_prefilter
  behind_prefilter texts
  scan_seconds compile_seconds error}]}, scaling [{threads
  messages_per_second speedup peak_memory_bytes}], corpus_scaling (with
  --size-scaling N, else null) {factor messages seconds messages_per_second
  peak_memory_bytes time_ratio memory_ratio}, engines [{engine error
  compile_seconds cache_hit unsupported messages_per_second mb_per_second
  relative peak_memory_bytes}]. Repeated measurements are {median min max
  spread values}; spread is (max - min) / median. Stage seconds are summed
  over threads, so they add up to at most elapsed seconds x threads.
)";
  }
  if (command == "tune") {
    return R"(examples:
  inboxsim tune corpus/ -p profiles/spamassassin/stock.toml
  inboxsim bench corpus/ -p profiles/spamassassin/stock.toml --union-layout

A plan changes how fast the rules scan, never what they hit: each pattern
behind a prefilter is confirmed alone on every text its prefilter passes.
Plans live beside the compiled databases (--cache-dir); tuning again
replaces them, and clearing the cache removes them.
)";
  }
  if (command == "profiles check") {
    return R"(examples:
  inboxsim profiles check                        # the shipped profiles
  inboxsim profiles check my-profile.toml --engine pcre2
)";
  }
  return "";
}

}  // namespace

std::optional<int> ParseOptions(
    const std::string& command, const std::string& synopsis,
    const po::options_description& options,
    const po::positional_options_description& positional,
    const std::vector<std::string>& args, po::variables_map* values) {
  po::options_description all = options;
  all.add_options()("help,h", "show this help");
  try {
    po::store(
        po::command_line_parser(args).options(all).positional(positional).run(),
        *values);
    if (values->count("help")) {
      std::cout << "usage: inboxsim " << command << " " << synopsis << "\n\n"
                << all << "\n"
                << Examples(command);
      return kExitOk;
    }
    po::notify(*values);
  } catch (const po::error& error) {
    // Boost's own words name the option and what was wrong with it.
    PrintError(command, std::string(error.what()) + "; see 'inboxsim " +
                            command + " --help'");
    return kExitUsage;
  }
  return std::nullopt;
}

bool Output::Open(const std::string& path) {
  path_ = path;
  if (path.empty() || path == "-") return true;
  file_ =
      std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
  if (!*file_) {
    std::cerr << "inboxsim: cannot write " << path << ": "
              << std::strerror(errno) << "\n";
    file_.reset();
    return false;
  }
  return true;
}

bool Output::Close() {
  std::ostream& out = stream();
  out.flush();
  if (!out) {
    std::cerr << "inboxsim: writing "
              << (path_.empty() ? "standard output" : path_) << " failed\n";
    return false;
  }
  if (file_) file_->close();
  return true;
}

}  // namespace inboxsim::cli
