#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets with clang (-Dfuzzing=true) and runs each for
# a short while (FUZZ_SECONDS, default 15) from its seed corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-15}
builddir=_build-fuzz
[ -f "$builddir/build.ninja" ] || CC=clang meson setup "$builddir" -Dfuzzing=true -Dbuildtype=debugoptimized
targets=$(meson introspect "$builddir" --targets | python3 -c '
import json, sys
for t in json.load(sys.stdin):
    if t["name"].startswith("fuzz-") and t["type"] == "executable":
        print(t["filename"][0])')
if [ -z "$targets" ]; then
  echo "no fuzz targets defined"
  exit 0
fi
ninja -C "$builddir" $(for t in $targets; do realpath --relative-to="$builddir" "$t"; done)
for t in $targets; do
  name=$(basename "$t")
  corpus=$(mktemp -d)
  seeds="tests/fuzz/corpus/${name#fuzz-}"
  [ -d "$seeds" ] && cp -r "$seeds"/. "$corpus"/
  echo "fuzzing $name for ${seconds}s"
  "$t" -max_total_time="$seconds" -max_len=65536 "$corpus"
  rm -rf "$corpus"
done
