/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-sandbox-server.h"

G_BEGIN_DECLS

/* --seed-history=SESSIONS:TURNS[:MINUTES]: a character, "Chronicle", with
 * SESSIONS chat sessions of TURNS exchanges each, MINUTES (1 unless
 * given) apart going back from now, written in one transaction (10,000 x 20 in a few seconds), for tests
 * and benchmarks of the history browser. Every seventh exchange is a
 * trigger, every fifth session is in memory, and the words vary so a
 * search finds some sessions and not others. */
gboolean troupe_sandbox_seed_parse   (const char           *spec,
                                      guint                *n_sessions,
                                      guint                *n_turns,
                                      guint                *minutes_apart,
                                      GError              **error);
gboolean troupe_sandbox_seed_history (TroupeSandboxServer  *server,
                                      guint                 n_sessions,
                                      guint                 n_turns,
                                      guint                 minutes_apart,
                                      GError              **error);

G_END_DECLS
