#!/bin/sh
# Builds one experiment against the repository's library (build it first:
# cmake --build build). usage: bench/research/ceiling/build.sh NAME
#   -> bench/research/ceiling/NAME from NAME.cc
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
DEPS="libhs libpcre2-8 libpcre2-32 re2 libpsl libarchive tomlplusplus tbb"
nice -n 19 g++ -std=c++20 -O2 -I"$ROOT" $(pkg-config --cflags $DEPS) \
  -o "$HERE/$1" "$HERE/$1.cc" "$ROOT/build/libinboxsim_lib.a" \
  $(pkg-config --libs $DEPS) -ltbb
