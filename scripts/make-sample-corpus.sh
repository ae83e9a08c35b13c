#!/usr/bin/env bash
# Regenerates the synthetic part of the shipped sample corpus. The hand-written
# edge cases under corpora/sample/edge are kept as they are. A test checks that
# the shipped file equals what this command writes, so the generator stays
# deterministic across machines and changes to it are seen.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/inboxsim}
"$BIN" gen --count 240 --seed 2026 --spam-ratio 0.4 -o corpora/sample/synthetic.mbox
