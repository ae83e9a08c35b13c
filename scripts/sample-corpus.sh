#!/usr/bin/env bash
# Links every STEP-th message file of CORPUS (sorted by path; hidden files
# skipped) into the empty folder OUT, each named after its whole path so
# files of the same name in two folders stay apart. The benchmark scripts
# score the same sample with every filter.
#
#   scripts/sample-corpus.sh CORPUS STEP OUT
set -euo pipefail
if [[ $# -ne 3 ]]; then
  echo "usage: $0 CORPUS STEP OUT" >&2
  exit 2
fi
mkdir -p "$3"
find -L "$(realpath "$1")" -type f ! -name '.*' | sort | awk -v s="$2" '(NR - 1) % s == 0' |
  python3 -c '
import os, sys
for path in sys.stdin.read().splitlines():
    os.symlink(path, os.path.join(sys.argv[1], path.replace("/", "_")))' "$3"
