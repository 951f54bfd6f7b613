/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "convai.h"

G_BEGIN_DECLS

/* Exit codes scripts can rely on. */
/* How long a silent server is waited for unless --timeout says otherwise:
 * about what a person at a terminal waits before wondering. */
#define TROUPE_CLI_DEFAULT_TIMEOUT_S 60

typedef enum
{
  TROUPE_CLI_EXIT_OK        = 0,
  TROUPE_CLI_EXIT_FAILURE   = 1,   /* a local failure: a file we could not write */
  TROUPE_CLI_EXIT_USAGE     = 2,
  TROUPE_CLI_EXIT_API       = 3,   /* the server said no: 4xx, 5xx, a reply that does not parse */
  TROUPE_CLI_EXIT_NETWORK   = 4,
  TROUPE_CLI_EXIT_CANCELLED = 130,
} TroupeCliExit;

/* A usage error raised while running a command (a bad argument found late,
 * a missing input file). */
#define TROUPE_CLI_USAGE_ERROR (troupe_cli_usage_error_quark ())
GQuark troupe_cli_usage_error_quark (void);

/* One run of troupe-cli: the global options, the client once a command asks
 * for it, and the main loop the async calls finish on. */
typedef struct
{
  char         *url;          /* --url, else CONVAI_API_URL, else the default */
  char         *api_key;      /* --api-key, else CONVAI_API_KEY, else the keyring */
  char         *api_key_file; /* --api-key-file: a file holding the key, or "-" for stdin */
  double        timeout;      /* --timeout: seconds a silent server is waited for; 0 = default */
  gboolean      json;         /* --json */
  GCancellable *cancellable;  /* cancelled by Ctrl+C */
  GMainLoop    *loop;
  ConvaiClient *client;       /* created on first use by troupe_cli_get_client() */
  int           exit_code;
  gboolean      done;
} TroupeCli;

TroupeCli    *troupe_cli_new                (void);
void          troupe_cli_free               (TroupeCli    *cli);
void          troupe_cli_add_global_options (TroupeCli      *cli,
                                             GOptionContext *context);
int           troupe_cli_exit_code_for_error (const GError *error);
void          troupe_cli_finish             (TroupeCli    *cli,
                                             GError       *error);
void          troupe_cli_usage_failed       (TroupeCli    *cli,
                                             const char   *format,
                                             ...) G_GNUC_PRINTF (2, 3);
int           troupe_cli_wait               (TroupeCli    *cli);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroupeCli, troupe_cli_free)

G_END_DECLS
