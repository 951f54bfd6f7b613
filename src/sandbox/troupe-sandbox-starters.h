/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-sandbox-server.h"

G_BEGIN_DECLS

/* character/generate-starter-conversation and generate-backstory, both
 * answered as SSE. */
void       troupe_sandbox_starters_register (TroupeSandboxServer *server);

/* The character's main topics, most frequent first: proper names and
 * content words of its backstory and knowledge. Pure over `sentences`. */
GPtrArray *troupe_sandbox_topics            (GPtrArray           *sentences,
                                             const char          *character_name,
                                             guint                max_topics);

G_END_DECLS
