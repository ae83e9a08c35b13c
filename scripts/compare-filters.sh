#!/usr/bin/env bash
# Messages/s of SpamAssassin (spamd, local tests only), rspamd (network
# modules off, DNS answered NXDOMAIN at once by a loopback stub, no Redis)
# and inboxsim on the same messages with the same parallelism, and the
# ratios, in one table. Each filter is started by this script, bound to
# loopback, warmed up on a few messages, timed, and stopped (by its pid).
#
#   scripts/compare-filters.sh CORPUS [JOBS]
#
# CORPUS is a folder of one-message files (spamc and rspamc take one
# message per file), e.g. ../shared/corpora/spamassassin. JOBS defaults to
# the number of cores: spamd children, rspamd workers, inboxsim threads.
# Environment: STEP=N scores every N-th file only (default 1, every file:
# spamd takes ~8 minutes on the 6,045 messages of the SpamAssassin corpus);
# RUNS=N inboxsim runs, median taken (default 3); SKIP_SPAMD=1, SKIP_RSPAMD=1.
# Installs what it needs and is missing (spamassassin spamc rspamd) with
# apt-get, as scripts/setup.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -lt 1 ]]; then
  echo "usage: $0 CORPUS [JOBS]" >&2
  exit 2
fi
needed=()
[[ -n ${SKIP_SPAMD:-} ]] || needed+=(spamassassin spamc)
[[ -n ${SKIP_RSPAMD:-} ]] || needed+=(rspamd)
scripts/install-packages.sh "${needed[@]}"
CORPUS=$1
JOBS=${2:-$(nproc)}
STEP=${STEP:-1}
RUNS=${RUNS:-3}
BIN=build/inboxsim
RSPAMD_PORT=${RSPAMD_PORT:-11333}
DNS_PORT=${DNS_STUB_PORT:-5353}
[[ -d $CORPUS ]] || { echo "$0: $CORPUS is not a folder of message files" >&2; exit 3; }
[[ -x $BIN ]] || { echo "$0: $BIN is missing: run scripts/setup.sh first" >&2; exit 3; }
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  # `|| true`: wait returns the killed process's status, and set -e would
  # end this trap at the first one.
  for pid in "${PIDS[@]}"; do { kill "$pid" && wait "$pid"; } 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

scripts/sample-corpus.sh "$CORPUS" "$STEP" "$WORK/sample"
find "$WORK/sample" -type l | sort >"$WORK/files"
count=$(wc -l <"$WORK/files")
bytes=$(find -L "$WORK/sample" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
echo "compare-filters: $count messages, $JOBS at a time" >&2

rate() {  # messages start end (date +%s.%N) -> messages/s
  python3 -c "import sys; n, s, e = sys.argv[1:]; print(f'{int(n) / (float(e) - float(s)):.2f}')" "$@"
}

# --- SpamAssassin: scripts/spamassassin-hits.sh starts, times and stops spamd.
spamd_rate=
if [[ -z ${SKIP_SPAMD:-} ]]; then
  echo "compare-filters: spamd -L ..." >&2
  spamd_line=$(scripts/spamassassin-hits.sh "$WORK/sample" "$WORK/sa.tsv" "$JOBS" 2>&1 | grep '^spamd:') ||
    { echo "$0: spamd did not run (apt-get install spamassassin spamc)" >&2; exit 3; }
  spamd_rate=$(echo "$spamd_line" | sed -E 's/.* ([0-9.]+) messages\/s.*/\1/')
fi

# --- rspamd: a private configuration under $WORK, everything on loopback.
rspamd_rate=
start_dns_stub() {
  # Answers every query NXDOMAIN at once, so no lookup waits on a timeout.
  python3 - "$DNS_PORT" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", int(sys.argv[1])))
while True:
    query, peer = s.recvfrom(4096)
    if len(query) < 12:
        continue
    flags = 0x8180 | 3  # response, recursion desired+available, NXDOMAIN
    reply = query[:2] + flags.to_bytes(2, "big") + query[4:6] + b"\0\0\0\0\0\0" + query[12:]
    s.sendto(reply, peer)
PY
  PIDS+=($!)
}
configure_rspamd() {
  local conf=$WORK/rspamd
  mkdir -p "$conf/local.d" "$WORK/run" "$WORK/db" "$WORK/log"
  cat >"$conf/local.d/options.inc" <<CONF
dns { nameserver = ["127.0.0.1:$DNS_PORT"]; timeout = 0.1s; retransmits = 1; }
CONF
  cat >"$conf/local.d/worker-normal.inc" <<CONF
bind_socket = "127.0.0.1:$RSPAMD_PORT";
count = $JOBS;
CONF
  echo "bind_socket = \"127.0.0.1:$((RSPAMD_PORT + 1))\";" >"$conf/local.d/worker-controller.inc"
  echo "bind_socket = \"127.0.0.1:$((RSPAMD_PORT - 1))\";" >"$conf/local.d/worker-proxy.inc"
  echo "type = \"file\"; filename = \"$WORK/log/rspamd.log\"; level = \"error\";" \
    >"$conf/local.d/logging.inc"
  # Modules that reach the network or Redis: off.
  for module in antivirus asn dcc dkim dmarc external_services fuzzy_check greylist \
    history_redis mx_check neural p0f ratelimit rbl replies reputation rspamd_update \
    spf surbl url_redirector clickhouse elastic metric_exporter bimi; do
    echo "enabled = false;" >"$conf/local.d/$module.conf"
  done
}
if [[ -z ${SKIP_RSPAMD:-} ]]; then
  command -v rspamd >/dev/null && command -v rspamc >/dev/null ||
    { echo "$0: rspamd is needed (apt-get install rspamd)" >&2; exit 3; }
  echo "compare-filters: rspamd ..." >&2
  start_dns_stub
  configure_rspamd
  rspamd -f -i -c /etc/rspamd/rspamd.conf --var="LOCAL_CONFDIR=$WORK/rspamd" \
    --var="RUNDIR=$WORK/run" --var="DBDIR=$WORK/db" --var="LOGDIR=$WORK/log" \
    >"$WORK/log/stdout" 2>&1 &
  PIDS+=($!)
  rspamd_pid=$!
  for _ in $(seq 1 240); do
    if rspamc -h "127.0.0.1:$RSPAMD_PORT" stat >/dev/null 2>&1 ||
      echo | rspamc -h "127.0.0.1:$RSPAMD_PORT" symbols >/dev/null 2>&1; then break; fi
    kill -0 "$rspamd_pid" 2>/dev/null ||
      { echo "$0: rspamd failed to start:" >&2; tail -5 "$WORK/log/"* >&2; exit 3; }
    sleep 0.5
  done
  score_rspamd() { xargs rspamc -h "127.0.0.1:$RSPAMD_PORT" -n "$JOBS" -t 60 symbols >"$1"; }
  # Warm-up: rspamd compiles its regexps into Hyperscan at start.
  head -n $((JOBS * 20)) "$WORK/files" | score_rspamd /dev/null
  start=$(date +%s.%N)
  score_rspamd "$WORK/rspamd.out" <"$WORK/files"
  end=$(date +%s.%N)
  scored=$(grep -c '^Action:' "$WORK/rspamd.out" || true)
  [[ $scored -eq $count ]] ||
    { echo "$0: rspamd scored $scored of $count messages" >&2; exit 3; }
  rspamd_rate=$(rate "$count" "$start" "$end")
fi

# --- inboxsim: the median of RUNS runs (each run's own elapsed time;
# loading the profiles and cached databases is once per process, apart).
inboxsim_rate() {  # extra run options... -> messages/s
  for i in $(seq 1 "$RUNS"); do
    "$BIN" run "$WORK/sample" "$@" --threads "$JOBS" --quiet --format json -o "$WORK/run$i.json"
  done
  python3 - "$WORK" "$RUNS" <<'PY'
import json, statistics, sys
runs = [json.load(open(f"{sys.argv[1]}/run{i}.json"))["totals"] for i in range(1, int(sys.argv[2]) + 1)]
print(f"{statistics.median(t['read'] / t['elapsed_seconds'] for t in runs):.2f}")
PY
}
echo "compare-filters: inboxsim ..." >&2
"$BIN" profiles check >/dev/null  # compile and cache the shipped profiles
"$BIN" profiles check -p profiles/spamassassin/stock.toml >/dev/null
shipped_rate=$(inboxsim_rate)
stock_rate=$(inboxsim_rate -p profiles/spamassassin/stock.toml)

ratio() {  # a b -> "a/b x", or "-"
  [[ -n $1 && -n $2 ]] || { echo "-"; return; }
  python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.1f}x')" "$1" "$2"
}
cat <<REPORT
### Filters side by side ($(date -u +%Y-%m-%dT%H:%MZ))
Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $JOBS at a time.
Command: \`STEP=$STEP scripts/compare-filters.sh $CORPUS $JOBS\`; $count messages, $bytes bytes.

| filter | messages/s | inboxsim (shipped) is | inboxsim (SA rules) is |
|---|---:|---:|---:|
| SpamAssassin $(spamassassin -V 2>/dev/null | head -1 | awk '{print $3}') spamd -L | ${spamd_rate:--} | $(ratio "$shipped_rate" "$spamd_rate") | $(ratio "$stock_rate" "$spamd_rate") |
| rspamd $(rspamd -v 2>/dev/null | awk '{print $NF}'), network modules off | ${rspamd_rate:--} | $(ratio "$shipped_rate" "$rspamd_rate") | $(ratio "$stock_rate" "$rspamd_rate") |
| inboxsim, shipped profiles + population | $shipped_rate | 1.0x | |
| inboxsim, SpamAssassin stock rules | $stock_rate | | 1.0x |
REPORT
