/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What one client may take from the sandbox, set from the command line. */
typedef struct
{
  gint64 max_upload;        /* bytes of one knowledge-bank upload body */
  guint  max_connections;   /* open at once (fewer when descriptors are short) */
  guint  idle_timeout_s;    /* a connection waiting this long is closed */
} TroupeSandboxLimits;

#define TROUPE_SANDBOX_DEFAULT_MAX_UPLOAD (256 * 1024 * 1024)
#define TROUPE_SANDBOX_DEFAULT_MAX_CONNECTIONS 256
#define TROUPE_SANDBOX_DEFAULT_IDLE_TIMEOUT_S 15

/* Everything but knowledge-bank uploads is read into memory. */
#define TROUPE_SANDBOX_MAX_BODY_BYTES (64 * 1024 * 1024)

G_END_DECLS
