/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-cli-context.h"

G_BEGIN_DECLS

/* "chat --interactive": one line of stdin is one message, every reply is
 * streamed, and all of it stays in one session, until end of input. */
void troupe_cli_conversation_start (TroupeCli    *cli,
                                    ConvaiClient *client,
                                    const char   *char_id,
                                    const char   *session_id);

G_END_DECLS
