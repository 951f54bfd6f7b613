/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-sandbox-server.h"

G_BEGIN_DECLS

/* character/getResponse: text or WAV in, text (and WAV) out, whole or
 * streamed as SSE; every exchange is recorded in the chat history. */
void troupe_sandbox_chat_register (TroupeSandboxServer *server);

G_END_DECLS
