/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A gnome-keyring-daemon of the test's own on the current session bus
 * (start a GTestDBus first), unlocked and holding the default collection,
 * so keyring tests touch nobody's real keys. NULL, with a note on stderr,
 * when none can be started: the caller skips its keyring cases. Stop it
 * with g_subprocess_force_exit() or a signal. */
GSubprocess *troupe_test_keyring_start (void);

G_END_DECLS
