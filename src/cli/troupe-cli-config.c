/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-cli-config.h"
#include "troupe-cli-context.h"
#include "troupe-api-url.h"
#include "troupe-secret-schema.h"

#include <convai.h>

#include <libsecret/secret.h>
#include <string.h>

/* An empty variable counts as unset: the test harness blanks them. */
static const char *
getenv_nonempty (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && value[0] != '\0' ? value : NULL;
}

char *
troupe_cli_resolve_url (const char *option_url)
{
  const char *url = option_url;

  if (url == NULL || url[0] == '\0')
    url = getenv_nonempty ("CONVAI_API_URL");
  if (url == NULL)
    url = TROUPE_CLI_DEFAULT_URL;
  /* One spelling per server, as the app stores it: the keyring entry is
   * looked up by this string, and the client appends paths with a slash
   * of its own. */
  return troupe_api_url_normalize (url);
}

/* The check is the app's, so both refuse the same URLs in the same words;
 * here a refused URL is a usage error (exit status 2). */
gboolean
troupe_cli_check_url (const char  *url,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (troupe_api_url_check (url, &local_error))
    return TRUE;
  g_set_error_literal (error, TROUPE_CLI_USAGE_ERROR, 0, local_error->message);
  return FALSE;
}

/* Without a session bus GDBus would try to autolaunch one, which is slow
 * and pointless on a server or in a test: there is no keyring there. */
static gboolean
session_bus_is_known (void)
{
  g_autofree char *socket = NULL;

  if (getenv_nonempty ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    return TRUE;
  socket = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);
  return g_file_test (socket, G_FILE_TEST_EXISTS);
}

typedef struct
{
  gboolean  done;
  char     *secret;
} Lookup;

static void
lookup_finished_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(GError) error = NULL;

  lookup->secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_debug ("No API key from the keyring: %s", error->message);
  lookup->done = TRUE;
}

/* Runs the lookup on the default main context, before any command work is
 * queued there, then lets go of libsecret's service and of the bus
 * connection it opened, and lets their last callbacks run: nothing of the
 * keyring stays alive (or half-done) until exit. */
static char *
lookup_secret (const char *url)
{
  Lookup lookup = { FALSE, NULL };
  g_autoptr(GDBusConnection) bus = NULL;

  secret_password_lookup (TROUPE_SECRET_SCHEMA, NULL, lookup_finished_cb, &lookup,
                          "base-url", url,
                          NULL);
  while (!lookup.done)
    g_main_context_iteration (NULL, TRUE);

  secret_service_disconnect ();
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus != NULL)
    {
      /* A close racing the worker's pending read can be taken for the bus
       * going away, and exit-on-close would then raise SIGTERM. */
      g_dbus_connection_set_exit_on_close (bus, FALSE);
      g_dbus_connection_close_sync (bus, NULL, NULL);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return lookup.secret;
}

/* The keyring is asked last and only when needed; a failed lookup simply
 * means there is no stored key. */
char *
troupe_cli_resolve_api_key (const char *option_key,
                            const char *url)
{
  const char *key = option_key;
  char *secret;

  if (key == NULL || key[0] == '\0')
    key = getenv_nonempty ("CONVAI_API_KEY");
  if (key != NULL)
    return g_strdup (key);
  if (!session_bus_is_known ())
    return NULL;

  secret = lookup_secret (url);
  if (secret == NULL)
    return NULL;
  key = g_strdup (secret);
  secret_password_free (secret);
  return (char *) key;
}
