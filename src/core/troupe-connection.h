/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "convai-client.h"

G_BEGIN_DECLS

typedef enum
{
  TROUPE_CONNECTION_MODE_CONVAI,
  TROUPE_CONNECTION_MODE_SANDBOX,
} TroupeConnectionMode;

typedef enum
{
  TROUPE_CONNECTION_STATE_CONNECTING,
  TROUPE_CONNECTION_STATE_READY,
  TROUPE_CONNECTION_STATE_FAILED,
} TroupeConnectionState;

#define TROUPE_TYPE_CONNECTION_MODE  (troupe_connection_mode_get_type ())
#define TROUPE_TYPE_CONNECTION_STATE (troupe_connection_state_get_type ())
GType troupe_connection_mode_get_type  (void) G_GNUC_CONST;
GType troupe_connection_state_get_type (void) G_GNUC_CONST;

#define TROUPE_TYPE_CONNECTION (troupe_connection_get_type ())

G_DECLARE_FINAL_TYPE (TroupeConnection, troupe_connection, TROUPE, CONNECTION, GObject)

/* Where the app's API calls go: the Convai account (key from the keyring,
 * base URL from GSettings; CONVAI_API_KEY / CONVAI_API_URL win over both) or
 * the offline sandbox, a troupe-sandbox the connection spawns itself.
 *
 * Properties (notify on change): "mode", "state", "base-url", "client"
 * (a ConvaiClient, NULL unless READY), "error-message" (why FAILED and what
 * to do), "env-override" (CONVAI_API_KEY / CONVAI_API_URL in effect).
 * Follow "client" (or "state") to reload what you show: a reconnect after a
 * settings change gives a new client. */
TroupeConnection      *troupe_connection_new               (GSettings        *settings);

/* Reads the configuration and connects (again); safe to call any time,
 * an attempt in flight is abandoned. Settings changes call it themselves. */
void                   troupe_connection_reconnect         (TroupeConnection *self);
/* The environment CONVAI_API_KEY, CONVAI_API_URL and TROUPE_SANDBOX_BIN are
 * read from at the next reconnect; NULL (the default) is the process's.
 * Tests give their own: setenv() while other threads read the environment
 * can crash them. */
void                   troupe_connection_set_environment   (TroupeConnection   *self,
                                                            const char * const *envp);

/* Stops the sandbox (SIGTERM), if one runs; the state does not change. */
void                   troupe_connection_shutdown          (TroupeConnection *self);

ConvaiClient          *troupe_connection_get_client        (TroupeConnection *self);
TroupeConnectionMode   troupe_connection_get_mode          (TroupeConnection *self);
TroupeConnectionState  troupe_connection_get_state         (TroupeConnection *self);
const char            *troupe_connection_get_base_url      (TroupeConnection *self);
const char            *troupe_connection_get_error_message (TroupeConnection *self);
gboolean               troupe_connection_get_env_override  (TroupeConnection *self);

/* Where the offline sandbox keeps its data, or NULL outside sandbox mode. */
const char            *troupe_connection_get_sandbox_data_dir (TroupeConnection *self);

/* The names of the environment variables in effect, e.g.
 * "CONVAI_API_KEY / CONVAI_API_URL", or NULL when none is. */
const char            *troupe_connection_get_env_source    (TroupeConnection *self);

/* "Offline sandbox · 127.0.0.1:41234" / "Convai · api.convai.com". */
char                  *troupe_connection_describe          (TroupeConnection *self);

G_END_DECLS
