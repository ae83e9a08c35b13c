#!/usr/bin/env bash
# Runs SpamAssassin itself (spamd, local tests only) and inboxsim with the
# same SpamAssassin rules on the same messages, and prints, per rule both
# engines run, how often they agree on whether it hit, and the messages
# where they differ. The last line reads exactly
#   worst rule agreement: NN.NN% (RULE_NAME)
#
#   scripts/compare-spamassassin.sh CORPUS [options]
#     --profile FILE    inboxsim profile including the rules
#                       (default profiles/spamassassin/stock.toml)
#     --sa-hits FILE    SpamAssassin's hits from an earlier run (the format
#                       scripts/spamassassin-hits.sh writes); else run it now
#     --save-sa-hits F  keep SpamAssassin's hits in F for later runs
#     --jobs N          messages scored at a time (default: cores)
#     --examples N      differing messages shown per rule (default 3)
#     --json FILE       every rule's figures as JSON
# Needs build/inboxsim (the README's setup command builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
usage() { sed -n '2,19p' "$0" >&2; exit 2; }
[[ $# -ge 1 ]] || usage
CORPUS=$1; shift
PROFILE=profiles/spamassassin/stock.toml
SA_HITS= SAVE_SA_HITS= JOBS=$(nproc) EXAMPLES=3 JSON_OUT=
while [[ $# -gt 0 ]]; do
  case $1 in
    --profile) PROFILE=$2; shift 2 ;;
    --sa-hits) SA_HITS=$2; shift 2 ;;
    --save-sa-hits) SAVE_SA_HITS=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --examples) EXAMPLES=$2; shift 2 ;;
    --json) JSON_OUT=$2; shift 2 ;;
    *) usage ;;
  esac
done
BIN=${INBOXSIM:-build/inboxsim}
[[ -x $BIN ]] || { echo "$0: $BIN not built (run the README's setup command)" >&2; exit 3; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [[ -z $SA_HITS ]]; then
  SA_HITS=${SAVE_SA_HITS:-$WORK/sa-hits.tsv}
  echo "scoring $CORPUS with SpamAssassin ($JOBS at a time) ..." >&2
  scripts/spamassassin-hits.sh "$CORPUS" "$SA_HITS" "$JOBS"
fi
echo "scoring $CORPUS with inboxsim ..." >&2
"$BIN" eval "$CORPUS" -p "$PROFILE" --threads "$JOBS" --quiet --format json \
  -o "$WORK/eval.json" --hits-out "$WORK/ours.tsv"

python3 - "$SA_HITS" "$WORK/ours.tsv" "$WORK/eval.json" "$EXAMPLES" "$JSON_OUT" <<'PY'
import json, os, sys
sa_path, ours_path, eval_path, examples, json_out = sys.argv[1:6]
examples = int(examples)

def read_sa(path):
    hits = {}
    for line in open(path, encoding="utf-8", errors="replace"):
        name, _, rules = line.rstrip("\n").partition("\t")
        if rules == "!error":
            continue  # spamc failed: not compared
        hits[os.path.realpath(name)] = set(r for r in rules.split(",") if r)
    return hits

def read_ours(path):
    hits = {}
    for line in open(path, encoding="utf-8", errors="replace"):
        label, where, rules = (line.rstrip("\n").split("\t") + ["", ""])[:3]
        # WHERE is "path#N (byte B)": the message N of file path.
        name = where.rsplit("#", 1)[0] if "#" in where else where
        hits[os.path.realpath(name)] = set(r for r in rules.split(",") if r)
    return hits

sa, ours = read_sa(sa_path), read_ours(ours_path)
evaluation = json.load(open(eval_path))
# Rules both engines run: the profile's scored rules (inboxsim imported and
# runs them; SpamAssassin runs every rule with a score in its set).
checks = {}
for rule in evaluation["rules"]:
    if rule.get("score") is not None and not rule["name"].startswith("__"):
        checks[rule["name"]] = rule.get("check", "")
messages = sorted(set(sa) & set(ours))
only_sa = len(set(sa) - set(ours))
only_ours = len(set(ours) - set(sa))
if not messages:
    sys.exit("no message was scored by both engines")

def kind(check):
    if check.startswith("sa-header") or check == "sa-exists":
        return "header"
    if check.startswith("sa-"):
        return check[3:].replace("-nosubject", "")
    return check

rows = []
for name, check in checks.items():
    sa_only = [m for m in messages if name in sa[m] and name not in ours[m]]
    ours_only = [m for m in messages if name in ours[m] and name not in sa[m]]
    both = sum(1 for m in messages if name in sa[m] and name in ours[m])
    agree = 1 - (len(sa_only) + len(ours_only)) / len(messages)
    rows.append(dict(name=name, kind=kind(check), both=both,
                     sa_only=len(sa_only), ours_only=len(ours_only),
                     agreement=agree, sa_only_examples=sa_only[:examples],
                     ours_only_examples=ours_only[:examples]))
rows.sort(key=lambda r: (r["agreement"], r["name"]))
unsupported_hits = {}
for m in messages:
    for rule in sa[m]:
        if rule not in checks:
            unsupported_hits[rule] = unsupported_hits.get(rule, 0) + 1

print(f"messages compared: {len(messages)} (SpamAssassin only: {only_sa}, inboxsim only: {only_ours})")
print(f"rules both ran: {len(rows)}; SpamAssassin also reported {len(unsupported_hits)} rules inboxsim does not run "
      f"({sum(unsupported_hits.values())} hits; eval: tests and what reads them)")
by_kind = {}
for r in rows:
    by_kind.setdefault(r["kind"], []).append(r)
print("\nby kind: rules, below 99%, worst")
for k, rs in sorted(by_kind.items()):
    low = sum(1 for r in rs if r["agreement"] < 0.99)
    worst = min(rs, key=lambda r: r["agreement"])
    print(f"  {k:8} {len(rs):5} {low:5}   {100*worst['agreement']:.2f}% ({worst['name']})")
print("\nworst rules: agreement, both hit, SpamAssassin only, inboxsim only, kind, name")
for r in rows[:25]:
    print(f"  {100*r['agreement']:7.2f}% {r['both']:6} {r['sa_only']:6} {r['ours_only']:6}  {r['kind']:8} {r['name']}")
print("\nmessages where they differ (worst rules):")
for r in rows[:10]:
    if r["sa_only"] + r["ours_only"] == 0:
        break
    print(f"  {r['name']}:")
    for m in r["sa_only_examples"]:
        print(f"    SpamAssassin only: {m}")
    for m in r["ours_only_examples"]:
        print(f"    inboxsim only:     {m}")
if json_out:
    json.dump({"messages": len(messages), "rules": rows,
               "spamassassin_only_rules": unsupported_hits}, open(json_out, "w"), indent=1)
worst = rows[0]
print(f"\nworst rule agreement: {100*worst['agreement']:.2f}% ({worst['name']})")
PY
