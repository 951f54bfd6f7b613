/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-cli-config.h"
#include "troupe-cli-context.h"

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
  g_autofree char *normal = NULL;
  gsize len;

  if (url == NULL || url[0] == '\0')
    url = getenv_nonempty ("CONVAI_API_URL");
  if (url == NULL)
    url = TROUPE_CLI_DEFAULT_URL;
  /* One spelling per server, as the app stores it: the keyring entry is
   * looked up by this string, and the client appends paths with a slash
   * of its own. */
  normal = g_strstrip (g_strdup (url));
  len = strlen (normal);
  while (len > 0 && normal[len - 1] == '/')
    normal[--len] = '\0';
  return g_steal_pointer (&normal);
}

/* The key travels in a header, so plain http is only allowed where nobody
 * can listen in: this machine. */
gboolean
troupe_cli_check_url (const char  *url,
                      GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;
  const char *host;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, TROUPE_CLI_USAGE_ERROR, 0,
                   "Invalid API URL “%s”: %s", url, local_error->message);
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || host[0] == '\0')
    {
      g_set_error (error, TROUPE_CLI_USAGE_ERROR, 0,
                   "Invalid API URL “%s”: it names no host", url);
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, TROUPE_CLI_USAGE_ERROR, 0,
                   "Invalid API URL “%s”: only https:// (or http:// to this machine) is supported", url);
      return FALSE;
    }
  if (!convai_host_is_loopback (host))
    {
      g_set_error (error, TROUPE_CLI_USAGE_ERROR, 0,
                   "Refusing plain http:// to “%s”: the API key would cross the network unencrypted. "
                   "Use https://, or http:// only for a server on this machine (127.0.0.1, ::1, localhost)",
                   host);
      return FALSE;
    }
  return TRUE;
}

static const SecretSchema *
api_key_schema (void)
{
  static const SecretSchema schema = {
    TROUPE_CLI_SECRET_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
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

  secret_password_lookup (api_key_schema (), NULL, lookup_finished_cb, &lookup,
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
