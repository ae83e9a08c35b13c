#!/usr/bin/env bash
# Runs SpamAssassin itself (spamd with local tests only, on loopback) over
# every message file under CORPUS and writes one line per message:
#   PATH<TAB>RULE,RULE,...      (the rules SpamAssassin reports, as spamc -y
#                                prints them; empty when none)
# PATH is the file's absolute path. The spamd it starts is stopped (by pid)
# on exit. Messages are scored JOBS at a time (default: the number of cores).
#
#   scripts/spamassassin-hits.sh CORPUS OUT.tsv [JOBS]
set -euo pipefail
if [[ $# -lt 2 ]]; then
  echo "usage: $0 CORPUS OUT.tsv [JOBS]" >&2
  exit 2
fi
CORPUS=$1
OUT=$2
JOBS=${3:-$(nproc)}
command -v spamd >/dev/null && command -v spamc >/dev/null || {
  echo "$0: spamd and spamc are needed (apt-get install spamassassin spamc)" >&2
  exit 3
}
PORT=${SPAMD_PORT:-7830}
WORK=$(mktemp -d)
SPAMD_PID=
cleanup() {
  # `|| true`: wait returns spamd's status, and set -e would end this trap
  # before the rm.
  if [[ -n $SPAMD_PID ]]; then { kill "$SPAMD_PID" && wait "$SPAMD_PID"; } 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# -L: no DNS or network tests; one child per job; loopback only.
spamd -L --max-children "$JOBS" --min-children "$JOBS" -p "$PORT" \
  -i 127.0.0.1 -A 127.0.0.1 -r "$WORK/spamd.pid" --syslog=stderr \
  2>"$WORK/spamd.log" &
SPAMD_PID=$!
for _ in $(seq 1 120); do
  if spamc -p "$PORT" -K >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SPAMD_PID" 2>/dev/null; then
    echo "$0: spamd failed to start:" >&2
    tail -5 "$WORK/spamd.log" >&2
    exit 3
  fi
  sleep 0.5
done
spamc -p "$PORT" -K >/dev/null || { echo "$0: spamd does not answer on $PORT" >&2; exit 3; }

# spamc -y prints the comma-separated rules hit; -x: fail rather than pass
# the message through unscored.
score_files() {
  xargs -P "$JOBS" -I{} sh -c \
    'tests=$(spamc -p '"$PORT"' -x -y <"$1") || tests="!error"; printf "%s\t%s\n" "$1" "$tests"' _ {}
}
find -L "$(realpath "$CORPUS")" -type f ! -name '.*' | sort >"$WORK/files"
# Warm-up: the children's first messages compile rules; not timed.
head -n $((JOBS * 4)) "$WORK/files" | score_files >/dev/null
start=$(date +%s.%N)
score_files <"$WORK/files" >"$WORK/hits.tsv"
end=$(date +%s.%N)
sort "$WORK/hits.tsv" >"$OUT"
errors=$(grep -c $'\t!error$' "$OUT" || true)
count=$(wc -l <"$OUT")
echo "$count messages scored by SpamAssassin $(spamassassin -V | head -1 | awk '{print $3}'), $errors errors" >&2
python3 -c "import sys; n,s,e=int(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]); print(f'spamd: {n} messages in {e-s:.2f} s, {n/(e-s):.2f} messages/s ($JOBS at a time)')" \
  "$count" "$start" "$end" >&2
