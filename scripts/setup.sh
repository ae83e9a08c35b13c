#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a first result: installs the
# build dependencies with apt-get, builds inboxsim (Release), and runs it on
# the sample corpus shipped under corpora/sample with the shipped profiles.
#
#   scripts/setup.sh            # as root, or a user with sudo
#   BUILD_DIR=out scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
PACKAGES=(
  build-essential cmake pkg-config
  libhyperscan-dev libtbb-dev libboost-program-options-dev
  libarchive-dev libpsl-dev publicsuffix nlohmann-json3-dev
  libpcre2-dev libre2-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # Renders the --format html report in tests/report/html_report_test.cc;
  # with a font, since recommends are not installed.
  chromium fonts-liberation
  # SpamAssassin's stock rules (/usr/share/spamassassin), which
  # tests/sa/spamassassin_agreement_test.cc imports; scripts/
  # compare-spamassassin.sh also needs spamd and spamc (apt-get install spamd
  # spamc), not installed here since no test runs them.
  spamassassin
)

scripts/install-packages.sh "${PACKAGES[@]}"

cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release
cmake --build "$BUILD_DIR" -j"$(nproc)"

echo
echo "setup: running inboxsim on the shipped sample corpus"
"$BUILD_DIR/inboxsim" run corpora/sample
