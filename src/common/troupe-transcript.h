/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convai.h"

G_BEGIN_DECLS

/* A session's interactions (ConvaiInteraction, as chatHistory/details gives
 * them) exported as files: pure, so tests check the exact text. */
char       *troupe_transcript_to_markdown  (const char        *char_id,
                                            const char        *session_id,
                                            GListModel        *interactions);
/* A pretty-printed JSON array of the interactions as the API gave them,
 * ending in a newline. */
char       *troupe_transcript_to_json      (GListModel        *interactions);

/* Message @index of @interaction as a reader should see it: "(nothing)"
 * for an empty one, so every view of a transcript says the same. */
const char *troupe_transcript_message_text (ConvaiInteraction *interaction,
                                            guint              index);

G_END_DECLS
