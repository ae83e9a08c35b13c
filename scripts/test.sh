#!/usr/bin/env bash
# The whole test suite, twice: on the Release build scripts/setup.sh made
# (build/), then built and run again under AddressSanitizer and
# UndefinedBehaviorSanitizer (the `sanitize` preset, build-sanitize/).
#
#   scripts/test.sh                  # both
#   scripts/test.sh --no-sanitize    # the Release build's tests only
#   scripts/test.sh -R Mbox          # extra arguments go to both ctest runs
#
# The sanitized build is incremental after its first time (about 10 minutes
# from scratch on 2 cores: bench/RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."

sanitize=1
ctest_args=()
for arg in "$@"; do
  case "$arg" in
    --no-sanitize) sanitize=0 ;;
    *) ctest_args+=("$arg") ;;
  esac
done

echo "test: the Release build (build/)"
ctest --test-dir build --output-on-failure -j2 "${ctest_args[@]}"

if [[ $sanitize == 1 ]]; then
  echo
  echo "test: AddressSanitizer + UndefinedBehaviorSanitizer (build-sanitize/)"
  cmake --preset sanitize >/dev/null
  cmake --build --preset sanitize
  ctest --preset sanitize "${ctest_args[@]}"
fi
