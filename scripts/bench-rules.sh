#!/usr/bin/env bash
# Measures the rule engine's numbers (issue 4) and prints a Markdown block for
# bench/RESULTS.md:
#  - scan + evaluate, Hyperscan vs PCRE2-JIT one rule at a time, shipped rule
#    sets, SpamAssassin corpus parsed beforehand (Google Benchmark);
#  - 50 profiles x 100 rules vs 1 profile x 100 rules, both as the scan alone
#    and end to end (`inboxsim run`);
#  - time to ready for 1,000 rules: cold (compile) and warm (cache) start.
# Needs a Release build in build/.
#
#   scripts/bench-rules.sh [CORPORA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
CORPORA=${1:-${INBOXSIM_CORPORA:-../shared/corpora}}
BIN=build/inboxsim
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export INBOXSIM_CORPORA=$CORPORA INBOXSIM_BENCH_PROFILES=$WORK

scripts/make-bench-profiles.py "$WORK/p1" --profiles 1 --rules 100
scripts/make-bench-profiles.py "$WORK/p50" --profiles 50 --rules 100
scripts/make-bench-profiles.py "$WORK/p10" --profiles 10 --rules 100

build/bench/inboxsim_bench --benchmark_filter='BM_Judge' --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true --benchmark_format=json >"$WORK/judge.json"

# End to end, median of 3 after a warm-up, cache warm.
e2e() {  # profiles dir
  "$BIN" run "$CORPORA/spamassassin" -p "$1" --threads 2 --format json -o "$WORK/w.json"
  for i in 1 2 3; do
    "$BIN" run "$CORPORA/spamassassin" -p "$1" --threads 2 --format json -o "$WORK/e$i.json"
  done
  python3 -c "import json,statistics; print(statistics.median(json.load(open(f'$WORK/e{i}.json'))['totals']['elapsed_seconds'] for i in (1,2,3)))"
}
e2e1=$(e2e "$WORK/p1")
e2e50=$(e2e "$WORK/p50")

# Time to ready: load, validate and compile 1,000 rules (10 profiles x 100).
ready() {  # extra args
  local start end
  start=$(date +%s%N)
  "$BIN" profiles check "$WORK/p10" --cache-dir "$WORK/cache" "$@" >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
cold=$(ready --no-cache)
ready >/dev/null  # writes the cache
warm=()
for i in 1 2 3 4 5; do warm+=("$(ready)"); done
warm_median=$(printf '%s\n' "${warm[@]}" | sort -n | sed -n 3p)

python3 - "$WORK/judge.json" "$e2e1" "$e2e50" "$cold" "$warm_median" "$CORPORA" <<'PY'
import json, subprocess, sys
data = json.load(open(sys.argv[1]))
med = {b["run_name"]: b for b in data["benchmarks"] if b.get("aggregate_name") == "median"}
def ms(name): return med[name]["real_time"]
hs, pc = ms("BM_Judge_Shipped_Hyperscan"), ms("BM_Judge_Shipped_Pcre2")
p1, p50 = ms("BM_Judge_Profiles1x100_Hyperscan"), ms("BM_Judge_Profiles50x100_Hyperscan")
e1, e50, cold, warm = float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
rules = int(med["BM_Judge_Shipped_Hyperscan"]["rules"])
print(f"""### rule engine (issue 4)

- commit {commit}; command: `scripts/bench-rules.sh {sys.argv[6]}`; corpus: {sys.argv[6]}/spamassassin
  (6,045 messages, parsed once before timing for the scan benchmarks)

| what | ratio | target |
|---|---|---|
| PCRE2-JIT one rule at a time / Hyperscan, scan + evaluate, the shipped rule sets' {rules} pattern rules in every shipped profile | {pc/hs:.1f}x | >= 20x |
| 50 profiles x 100 rules / 1 profile x 100 rules, scan + evaluate | {p50/p1:.2f}x | <= 1.5 |
| same, end to end (`inboxsim run`, 2 threads, warm cache) | {e50/e1:.2f}x | <= 1.5 |

| what | figure |
|---|---|
| scan + evaluate, shipped pattern rules, Hyperscan | {hs:.1f} ms per corpus pass (median of 3) |
| every check of the shipped profiles (patterns and content, list, auth, reputation facts), Hyperscan | {ms("BM_Judge_ShippedAllChecks_Hyperscan"):.1f} ms |
| scan + evaluate, shipped pattern rules, PCRE2-JIT one at a time | {pc:.1f} ms |
| scan + evaluate, 1 x 100 / 50 x 100 synthetic rules | {p1:.1f} ms / {p50:.1f} ms |
| end to end, 1 x 100 / 50 x 100 | {e1:.3f} s / {e50:.3f} s |
| ready with 1,000 rules (`inboxsim profiles check`, whole process): cold compile / warm cache | {cold} ms / {warm} ms (median of 5) |""")
PY
