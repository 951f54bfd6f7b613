#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Flatpak manifest parses with flatpak-builder and names the app ID.
set -eu
manifest="$1"
echo "1..1"
out=$(G_DEBUG=fatal-warnings flatpak-builder --show-manifest "$manifest")
if printf '%s' "$out" | grep -q '"id" *: *"io.github.troupe.Troupe"'; then
  echo "ok 1 - flatpak-builder reads the manifest and its app ID"
else
  printf '%s\n' "$out" | sed 's/^/# /'
  echo "not ok 1 - the manifest's app ID is not io.github.troupe.Troupe"
  exit 1
fi
