/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convai.h"

G_BEGIN_DECLS

/* A session's interactions (ConvaiInteraction, as chatHistory/details gives
 * them) rendered for people: pure, so tests check the exact text. */
char *troupe_cli_transcript_to_markdown (const char *char_id,
                                         const char *session_id,
                                         GListModel *interactions);
char *troupe_cli_transcript_to_text     (GListModel *interactions);
char *troupe_cli_transcript_to_json     (GListModel *interactions);

G_END_DECLS
