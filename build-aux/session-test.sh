#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Inside the test session: an unlocked, empty keyring so libsecret works,
# then the suite.
set -eu
builddir=$1
shift
if command -v gnome-keyring-daemon >/dev/null 2>&1; then
  eval "$(printf '' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)" || true
  export GNOME_KEYRING_CONTROL 2>/dev/null || true
fi
exec meson test -C "$builddir" --print-errorlogs "$@"
