/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convai.h"

G_BEGIN_DECLS

/* A session's interactions for the terminal; the file formats (Markdown,
 * JSON) are troupe-transcript.h's, shared with the app. */
char *troupe_cli_transcript_to_text (GListModel *interactions);

G_END_DECLS
