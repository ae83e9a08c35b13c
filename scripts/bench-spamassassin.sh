#!/usr/bin/env bash
# Speed of the same SpamAssassin rules in SpamAssassin (spamd, local tests
# only) and in inboxsim, on the same messages and the same number of
# threads, and the ratio, for bench/RESULTS.md.
#  - spamd scores every STEP-th file of the corpus (default 10: 605 of the
#    SpamAssassin public corpus; spamd takes ~0.1 s a message; STEP=1 is
#    the whole corpus, about 8 minutes), warm;
#  - inboxsim runs the same sample, and the whole corpus, median of 3 warm
#    runs (rules compiled and cached beforehand); messages/s from the run's
#    own elapsed time (reading, parsing, scanning, judging; loading the
#    profile and the cached database is reported apart).
#
#   scripts/bench-spamassassin.sh [CORPUS] [JOBS]
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-${INBOXSIM_CORPORA:-../shared/corpora}/spamassassin}
JOBS=${2:-$(nproc)}
STEP=${STEP:-10}
PROFILE=profiles/spamassassin/stock.toml
BIN=build/inboxsim
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

scripts/sample-corpus.sh "$CORPUS" "$STEP" "$WORK/sample"
count=$(ls "$WORK/sample" | wc -l)

spamd_line=$(scripts/spamassassin-hits.sh "$WORK/sample" "$WORK/sa.tsv" "$JOBS" 2>&1 | grep '^spamd:')
spamd_rate=$(echo "$spamd_line" | sed -E 's/.* ([0-9.]+) messages\/s.*/\1/')

"$BIN" profiles check -p "$PROFILE" >/dev/null  # compile and cache
median_rate() {  # corpus -> messages/s (median of 3)
  for i in 1 2 3; do
    "$BIN" run "$1" -p "$PROFILE" --threads "$JOBS" --quiet --format json -o "$WORK/r$i.json"
  done
  python3 -c "
import json,statistics
runs=[json.load(open('$WORK/r%d.json'%i))['totals'] for i in (1,2,3)]
print(statistics.median(t['read']/t['elapsed_seconds'] for t in runs))"
}
sample_rate=$(median_rate "$WORK/sample")
full_rate=$(median_rate "$CORPUS")
load=$( { /usr/bin/time -f %e "$BIN" profiles check -p "$PROFILE" >/dev/null; } 2>&1 | tail -1)

cat <<REPORT
### SpamAssassin stock rules: inboxsim vs spamd ($(date -u +%Y-%m-%d))
Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $JOBS threads / spamd children.
Command: \`scripts/bench-spamassassin.sh $CORPUS $JOBS\`
Rules: \`$PROFILE\` (SpamAssassin $(spamassassin -V | head -1 | awk '{print $3}') stock rules, score set 0; spamd -L runs them plus its eval tests).

| | messages | messages/s | vs spamd |
|---|---:|---:|---:|
| spamd -L (spamc -y, $JOBS at a time) | $count | $spamd_rate | 1 |
| inboxsim, same sample | $count | $(printf %.1f "$sample_rate") | $(python3 -c "print(f'{$sample_rate/$spamd_rate:.0f}x')") |
| inboxsim, whole corpus | $(find "$CORPUS" -type f ! -name '.*' | wc -l) | $(printf %.1f "$full_rate") | $(python3 -c "print(f'{$full_rate/$spamd_rate:.0f}x')") |

inboxsim's start (load the profile, read 61 .cf files, load the cached
databases): ${load} s, once per process.
REPORT
