#!/usr/bin/env bash
# Measures the foundation's numbers (issue 3): read + full parse throughput on
# the SpamAssassin public corpus at 1 and 2 threads, and peak memory on a
# generated corpus and one 10x larger. Prints a Markdown block for
# bench/RESULTS.md. Needs a Release build in build/ and GNU time (/usr/bin/time).
#
#   scripts/bench-foundation.sh [CORPORA_DIR] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/.."
CORPORA=${1:-${INBOXSIM_CORPORA:-../shared/corpora}}
REPEATS=${2:-5}
BIN=build/inboxsim
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

[[ -x /usr/bin/time ]] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
[[ -d $CORPORA/spamassassin ]] || { echo "corpus not found: $CORPORA/spamassassin" >&2; exit 2; }

# median MB/s and messages/s over REPEATS runs; the first run warms the page cache.
measure() {  # threads, inputs...
  local threads=$1; shift
  "$BIN" run --parse-only "$@" --threads "$threads" --format json -o "$WORK/warm.json"
  for i in $(seq "$REPEATS"); do
    "$BIN" run --parse-only "$@" --threads "$threads" --format json -o "$WORK/run$i.json"
  done
  python3 - "$WORK" "$REPEATS" <<'PY'
import json, statistics, sys
work, n = sys.argv[1], int(sys.argv[2])
runs = [json.load(open(f"{work}/run{i}.json"))["totals"] for i in range(1, n + 1)]
mb = [r["mb_per_second"] for r in runs]
ms = [r["messages_per_second"] for r in runs]
print(f"{statistics.median(mb):.1f} {min(mb):.1f} {max(mb):.1f} {statistics.median(ms):.0f} "
      f"{runs[0]['read']} {runs[0]['bytes']} {runs[0]['failed']}")
PY
}

peak_kib() {  # inputs...
  /usr/bin/time -f %M "$BIN" run --parse-only "$@" --threads 2 --format json -o "$WORK/mem.json" 2>&1 >/dev/null | tail -1
}

read -r mb1 lo1 hi1 msg1 read1 bytes1 failed1 < <(measure 1 "$CORPORA/spamassassin")
read -r mb2 lo2 hi2 msg2 _ _ _ < <(measure 2 "$CORPORA/spamassassin")

# A generated corpus of about the SpamAssassin corpus's size, and one 10x larger.
"$BIN" gen --count 6000 --seed 1 -o "$WORK/gen1.mbox"
"$BIN" gen --count 60000 --seed 1 -o "$WORK/gen10.mbox"
gen1_bytes=$(stat -c %s "$WORK/gen1.mbox")
gen10_bytes=$(stat -c %s "$WORK/gen10.mbox")
rss1=$(peak_kib "$WORK/gen1.mbox")
rss10=$(peak_kib "$WORK/gen10.mbox")
read -r gmb1 _ _ _ _ _ _ < <(measure 2 "$WORK/gen1.mbox")
read -r gmb10 _ _ _ _ _ _ < <(measure 2 "$WORK/gen10.mbox")

cat <<MD
### $(date -u +%Y-%m-%d) foundation (issue 3): read + full parse

- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); compiler: $(c++ --version | head -1)
- commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo " (with uncommitted changes)")
- command: \`scripts/bench-foundation.sh $CORPORA $REPEATS\` (each figure the median of $REPEATS runs after one warm-up run)

| what | figure |
|---|---|
| 2 threads / 1 thread, SpamAssassin corpus | $(python3 -c "print(f'{$mb2/$mb1:.2f}x')") |
| peak RSS, generated 10x / 1x | $(python3 -c "print(f'{$rss10/$rss1:.2f}x')") ($rss10 KiB / $rss1 KiB) |
| throughput, generated 10x / 1x (2 threads) | $(python3 -c "print(f'{$gmb10/$gmb1:.2f}x')") |
| SpamAssassin corpus, 2 threads | $mb2 MB/s (min $lo2, max $hi2), $msg2 messages/s |
| SpamAssassin corpus, 1 thread | $mb1 MB/s (min $lo1, max $hi1), $msg1 messages/s |
| input | $CORPORA/spamassassin: $read1 messages, $bytes1 bytes, $failed1 failed |
| generated inputs | \`inboxsim gen --count 6000 --seed 1\` ($gen1_bytes bytes), \`--count 60000\` ($gen10_bytes bytes) |
MD
