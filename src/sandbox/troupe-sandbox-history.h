/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-sandbox-server.h"

G_BEGIN_DECLS

/* character/chatHistory/list, details and delete. */
void troupe_sandbox_history_register (TroupeSandboxServer *server);

G_END_DECLS
