/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-sandbox-server.h"

G_BEGIN_DECLS

/* --demo: when the data folder has no character yet, seeds Ada, the
 * lighthouse keeper, with a Markdown logbook connected and indexed, so
 * the app has someone to talk to on first launch. */
gboolean troupe_sandbox_demo_seed (TroupeSandboxServer  *server,
                                   GError              **error);

G_END_DECLS
