/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-sandbox-server.h"

G_BEGIN_DECLS

/* user/user-api-usage: the sandbox has no plan, so it reports what is
 * stored against generous limits. */
void troupe_sandbox_usage_register (TroupeSandboxServer *server);

G_END_DECLS
