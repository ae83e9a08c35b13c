#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan over the whole library)
# and runs each for SECONDS, then prints and records what they did.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     # default: 600 s, every target
#
# Targets: mime_message header_decoding html mbox maildir profile
# spamassassin_rules (tests/fuzz/fuzz_entries.h). Working corpora grow in
# build-fuzz/corpus/TARGET/ from run to run; they start from the committed
# seeds (tests/fuzz/seeds/TARGET/) and, when present, the shared corpora
# ($INBOXSIM_CORPORA, else ../shared/corpora) and Debian's SpamAssassin rules,
# read in place. Every crash, hang (over 10 s) or out-of-memory input is
# copied to tests/fuzz/regressions/TARGET/, where fuzz_regression_test
# replays it in the normal test suite. The summary table is appended to
# bench/FUZZING.md.
set -euo pipefail

cd "$(dirname "$0")/.."
readonly all_targets=(mime_message header_decoding html mbox maildir profile spamassassin_rules)

seconds=${1:-600}
[[ $# -gt 0 ]] && shift
if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds == 0)); then
  echo "fuzz.sh: SECONDS must be a positive whole number, got '$seconds'" >&2
  exit 2
fi
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
  if [[ " ${all_targets[*]} " != *" $target "* ]]; then
    echo "fuzz.sh: unknown target '$target' (known: ${all_targets[*]})" >&2
    exit 2
  fi
done

scripts/install-packages.sh clang libclang-rt-14-dev

# The largest input libFuzzer makes per target: whole messages and mboxes
# need room; a header, HTML part, profile or rules file is far smaller, and a
# small bound keeps the executions per second up.
max_len_of() {
  case $1 in
    mime_message | mbox | maildir) echo $((1 << 20)) ;;
    spamassassin_rules) echo $((256 << 10)) ;;
    *) echo $((64 << 10)) ;;
  esac
}

build="build-fuzz"
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -g -O1"
# Debug: the library's asserts stay on, so our own misuse is caught too.
nice -n 10 cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=Debug -DINBOXSIM_FUZZ=ON -DINBOXSIM_BUILD_TESTS=OFF \
  -DINBOXSIM_BUILD_BENCH=OFF -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" >/dev/null
nice -n 10 cmake --build "$build" -j2 --target "${targets[@]/#/fuzz_}"

corpora=${INBOXSIM_CORPORA:-../shared/corpora}
# Folders a target reads its starting inputs from (besides its seeds), each
# only when present. The SpamAssassin corpus is sampled, every 25th message
# (about 240), so a short run spends its time fuzzing, not loading.
extra_inputs() {
  local target=$1
  case $target in
    mime_message)
      [[ -d $corpora/mime_test_messages ]] && echo "$corpora/mime_test_messages"
      [[ -d $corpora/spamassassin ]] && sampled_spamassassin ;;
    mbox)
      [[ -d $corpora/mime_test_messages ]] && mbox_files ;;
    spamassassin_rules)
      [[ -d /usr/share/spamassassin ]] && echo /usr/share/spamassassin ;;
  esac
  return 0
}
sampled_spamassassin() {
  local sample=$build/inputs/spamassassin-sample
  if [[ ! -d $sample ]]; then
    mkdir -p "$sample"
    find "$corpora/spamassassin" -type f | sort | awk 'NR % 25 == 0' |
      while read -r file; do ln -s "$(realpath "$file")" "$sample/$(basename "$file")"; done
  fi
  echo "$sample"
}
mbox_files() {
  local sample=$build/inputs/mboxes
  if [[ ! -d $sample ]]; then
    mkdir -p "$sample"
    find "$corpora/mime_test_messages" -type f \( -name '*.mbox' -o -name '*.mbx' \) -size -1024k |
      while read -r file; do ln -s "$(realpath "$file")" "$sample/$(echo "$file" | tr / _)"; done
  fi
  echo "$sample"
}

# libFuzzer reports UBSan findings only when they stop the process.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
printf '| target | seconds | executions | exec/s | corpus | crashes |\n' >>"$summary"
printf '|---|---:|---:|---:|---:|---:|\n' >>"$summary"
status=0
for target in "${targets[@]}"; do
  corpus=$build/corpus/$target
  artifacts=$build/artifacts/$target
  log=$build/logs/$target.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  rm -f "$artifacts"/*
  mapfile -t inputs < <(extra_inputs "$target")
  echo "fuzzing $target for ${seconds}s (log: $log)" >&2
  started=$(date +%s)
  # The first folder collects what libFuzzer finds; the others are read only.
  nice -n 10 "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len="$(max_len_of "$target")" -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$corpus" "tests/fuzz/seeds/$target" "${inputs[@]}" \
    >"$log" 2>&1 || status=1
  elapsed=$(($(date +%s) - started))

  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  [[ -n $runs ]] || runs=$(sed -n 's/^Done \([0-9]*\) runs in.*/\1/p' "$log" | tail -1)
  runs=${runs:-0}
  per_second=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  per_second=${per_second:-$((elapsed > 0 ? runs / elapsed : 0))}
  corpus_size=$(find "$corpus" -type f | wc -l)
  crashes=0
  for found in "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/oom-* "$artifacts"/leak-*; do
    [[ -e $found ]] || continue
    mkdir -p "tests/fuzz/regressions/$target"
    cp "$found" "tests/fuzz/regressions/$target/"
    echo "  saved tests/fuzz/regressions/$target/$(basename "$found")" >&2
    crashes=$((crashes + 1))
  done
  printf '| %s | %d | %d | %d | %d | %d |\n' "$target" "$elapsed" "$runs" "$per_second" \
    "$corpus_size" "$crashes" >>"$summary"
done

cat "$summary"
results=bench/FUZZING.md
if [[ ! -f $results ]]; then
  cat >"$results" <<'EOF'
# Fuzzing runs

Appended by `scripts/fuzz.sh [SECONDS] [TARGET...]`, one table per run: the
libFuzzer targets of `tests/fuzz/` (clang 14, ASan + UBSan, `-O1`, the whole
library instrumented), each run alone for SECONDS on one core.

| column | meaning |
|---|---|
| target | the entry in `tests/fuzz/fuzz_entries.h` (executable `fuzz_TARGET`) |
| seconds | wall time of the target's run, loading its starting corpus included |
| executions | inputs run (libFuzzer's `stat::number_of_executed_units`) |
| exec/s | libFuzzer's `stat::average_exec_per_sec` |
| corpus | files in `build-fuzz/corpus/TARGET/` after the run (it grows from run to run) |
| crashes | crash, timeout (over 10 s), out-of-memory and leak inputs found, each saved in `tests/fuzz/regressions/TARGET/`; libFuzzer stops a target at its first |
EOF
fi
{
  echo
  echo "## $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- sim tests || echo '+changes'), ${seconds}s per target"
  echo
  echo "Machine: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(nproc) cores, $(clang --version | head -1)."
  echo
  cat "$summary"
} >>"$results"
echo "appended to $results" >&2
exit "$status"
