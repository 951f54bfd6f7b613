/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>

#include "convai.h"

#include "troupe-api-url.h"
#include "troupe-application.h"
#include "troupe-character-page.h"
#include "troupe-character-sidebar.h"
#include "troupe-connection.h"
#include "troupe-connection-bar.h"
#include "troupe-preferences-window.h"
#include "troupe-secret-store.h"
#include "troupe-test-keyring.h"
#include "troupe-test-sandbox.h"
#include "troupe-test-ui.h"
#include "troupe-window.h"

/* The connection and its preferences against the real troupe-sandbox.
 * The process runs on a private D-Bus with its own gnome-keyring, so the
 * keyring cases touch nobody's real keys. */

static gboolean keyring_available;

/* ---- helpers ---- */

/* A settings object of its own, so the app's connection does not follow. */
static GSettings *
new_private_settings (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();

  return g_settings_new_with_backend (APP_ID, backend);
}

/* Sets @name in @connection's own environment ("" unsets it), never the
 * process's: setenv() while other threads read the environment can crash
 * them (seen under ASan). */
static void
set_env (TroupeConnection *connection,
         const char       *name,
         const char       *value)
{
  char **current = g_object_get_data (G_OBJECT (connection), "test-environment");
  char **env = current != NULL ? g_strdupv (current) : g_get_environ ();

  env = *value != '\0' ? g_environ_setenv (env, name, value, TRUE) : g_environ_unsetenv (env, name);
  troupe_connection_set_environment (connection, (const char * const *) env);
  g_object_set_data_full (G_OBJECT (connection), "test-environment", env, (GDestroyNotify) g_strfreev);
}

/* A connection and the state or mode a test waits for. */
typedef struct
{
  TroupeConnection *connection;
  int               wanted;
} Awaited;

static gboolean
in_state (gpointer data)
{
  Awaited *awaited = data;

  return (int) troupe_connection_get_state (awaited->connection) == awaited->wanted;
}

static void
wait_for_state (TroupeConnection      *connection,
                TroupeConnectionState  state)
{
  Awaited awaited = { connection, state };

  if (!troupe_test_poll_until (in_state, &awaited))
    g_error ("connection stayed in state %d (%s), expected %d",
             troupe_connection_get_state (connection),
             troupe_connection_get_error_message (connection), state);
}

static gboolean
in_mode (gpointer data)
{
  Awaited *awaited = data;

  return (int) troupe_connection_get_mode (awaited->connection) == awaited->wanted;
}

static void
wait_for_mode (TroupeConnection     *connection,
               TroupeConnectionMode  mode)
{
  Awaited awaited = { connection, mode };

  troupe_test_poll_until (in_mode, &awaited);
  g_assert_cmpint (troupe_connection_get_mode (connection), ==, mode);
}

static gboolean
not_connecting (gpointer data)
{
  return troupe_connection_get_state (data) != TROUPE_CONNECTION_STATE_CONNECTING;
}

/* Lets a reconnect that waits on the keyring or the sandbox settle. */
static void
wait_for_settled (TroupeConnection *connection)
{
  troupe_test_ui_iterate (200);
  /* A reconnect that never ends fails where it matters, in the next test. */
  troupe_test_poll_until (not_connecting, connection);
}

static GListModel *
list_characters (ConvaiClient  *client,
                 GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  convai_client_list_characters_async (client, NULL, troupe_test_result_cb, &slot);
  result = troupe_test_wait_for_result (&slot, "the list of characters");
  return convai_client_list_characters_finish (client, result, error);
}

static void
assert_lists_demo_character (ConvaiClient *client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) characters = list_characters (client, &error);
  g_autoptr(ConvaiCharacter) first = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (characters), >=, 1);
  first = g_list_model_get_item (characters, 0);
  g_assert_cmpstr (convai_character_get_name (first), !=, "");
}

static void
key_saved_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  troupe_secret_store_save_finish (result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static void
save_key (const char *base_url,
          const char *api_key)
{
  gboolean done = FALSE;

  troupe_secret_store_save_async (base_url, api_key, NULL, key_saved_cb, &done);
  troupe_test_wait_for_flag (&done, "a key to be stored in the keyring");
}

/* The stored key, or "" when there is none. */
static char *
lookup_key (const char *base_url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  char *key;

  troupe_secret_store_lookup_async (base_url, NULL, troupe_test_result_cb, &slot);
  result = troupe_test_wait_for_result (&slot, "a key to be looked up in the keyring");
  key = troupe_secret_store_lookup_finish (result, &error);
  g_assert_no_error (error);
  return key != NULL ? key : g_strdup ("");
}

static TroupePreferencesWindow *
open_connection_preferences (TroupeApplication *app,
                             int                width)
{
  TroupePreferencesWindow *prefs = troupe_preferences_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (prefs), width, 820);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "connection");
  gtk_window_present (GTK_WINDOW (prefs));
  troupe_test_ui_wait_for_paint (GTK_WIDGET (prefs));
  troupe_test_ui_iterate (100);
  return prefs;
}

/* ---- the Connection page's controls, found by what they are called ---- */

static GtkWidget *
base_url_row (TroupePreferencesWindow *prefs)
{
  return troupe_test_ui_find_row (GTK_WIDGET (prefs), "API Base URL");
}

static GtkWidget *
api_key_row (TroupePreferencesWindow *prefs)
{
  return troupe_test_ui_find_row (GTK_WIDGET (prefs), "API Key");
}

static AdwComboRow *
mode_row (TroupePreferencesWindow *prefs)
{
  return ADW_COMBO_ROW (troupe_test_ui_find_row (GTK_WIDGET (prefs), "Mode"));
}

static AdwActionRow *
test_row (TroupePreferencesWindow *prefs)
{
  return ADW_ACTION_ROW (troupe_test_ui_find_row (GTK_WIDGET (prefs), "Test Connection"));
}

/* The icon before "Test Connection" that tells how the last test went. */
static GtkWidget *
test_icon (TroupePreferencesWindow *prefs)
{
  GtkWidget *icon = troupe_test_ui_find_by_type (GTK_WIDGET (test_row (prefs)), GTK_TYPE_IMAGE, 0);

  g_assert_nonnull (icon);
  return icon;
}

static GtkSpinner *
test_spinner (TroupePreferencesWindow *prefs)
{
  GtkWidget *row = GTK_WIDGET (test_row (prefs));
  GtkWidget *spinner = troupe_test_ui_find_by_type (row, GTK_TYPE_SPINNER, 0);

  g_assert_nonnull (spinner);
  return GTK_SPINNER (spinner);
}

/* The first row under Status says where Troupe is connected. */
static AdwPreferencesRow *
status_row (TroupePreferencesWindow *prefs)
{
  GtkWidget *status = troupe_test_ui_find_group (GTK_WIDGET (prefs), "Status");
  GtkWidget *row = troupe_test_ui_find_by_type (status, ADW_TYPE_ACTION_ROW, 0);

  g_assert_nonnull (row);
  return ADW_PREFERENCES_ROW (row);
}

static gboolean
not_spinning (gpointer data)
{
  return !gtk_spinner_get_spinning (data);
}

static void
run_connection_test (TroupePreferencesWindow *prefs)
{
  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.test-connection", NULL);
  troupe_test_poll_until (not_spinning, test_spinner (prefs));
  g_assert_false (gtk_spinner_get_spinning (test_spinner (prefs)));
}

static void
set_dark (TroupeApplication *app,
          gboolean           dark)
{
  g_settings_set_string (troupe_application_get_settings (app), "style-variant", dark ? "dark" : "light");
}

/* ---- cases ---- */

static void
test_url_check (void)
{
  static const struct { const char *url; gboolean ok; } cases[] = {
    { "https://api.convai.com", TRUE },
    { "https://api.convai.com:8443/v1", TRUE },
    { "http://127.0.0.1:41234", TRUE },
    { "http://127.8.9.10", TRUE },
    { "http://localhost:8080", TRUE },
    { "http://LOCALHOST", TRUE },
    { "http://[::1]:8080", TRUE },
    { "http://example.com", FALSE },
    { "http://10.0.0.2", FALSE },
    { "http://128.0.0.1", FALSE },
    { "http://localhost.example.com", FALSE },
    { "ftp://127.0.0.1", FALSE },
    { "api.convai.com", FALSE },
    { "https://", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = troupe_api_url_check (cases[i].url, &error);

      g_test_message ("%s: %s", cases[i].url, error != NULL ? error->message : "accepted");
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }

  {
    g_autofree char *a = troupe_api_url_describe_host ("https://api.convai.com");
    g_autofree char *b = troupe_api_url_describe_host ("http://127.0.0.1:41234/");
    g_autofree char *c = troupe_api_url_describe_host ("http://[::1]:8080");

    g_assert_cmpstr (a, ==, "api.convai.com");
    g_assert_cmpstr (b, ==, "127.0.0.1:41234");
    g_assert_cmpstr (c, ==, "[::1]:8080");
  }

  {
    g_autofree char *a = troupe_api_url_normalize (" https://api.convai.com// ");
    g_autofree char *b = troupe_api_url_normalize ("http://127.0.0.1:9");

    g_assert_cmpstr (a, ==, "https://api.convai.com");
    g_assert_cmpstr (b, ==, "http://127.0.0.1:9");
  }
}

/* A client asked again and again until its server stops answering. */
typedef struct
{
  ConvaiClient *client;
  GError       *error;
} Refusal;

static gboolean
refuses (gpointer data)
{
  Refusal *refusal = data;
  g_autoptr(GListModel) after = NULL;

  g_clear_error (&refusal->error);
  after = list_characters (refusal->client, &refusal->error);
  return after == NULL;
}

static void
test_sandbox_when_no_key (void)
{
  g_autoptr(GSettings) settings = new_private_settings ();
  g_autoptr(TroupeConnection) connection = troupe_connection_new (settings);
  g_autofree char *description = NULL;
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "troupe", "sandbox", NULL);
  Refusal refusal = { NULL, NULL };

  troupe_connection_reconnect (connection);
  g_assert_cmpint (troupe_connection_get_mode (connection), ==, TROUPE_CONNECTION_MODE_SANDBOX);
  wait_for_state (connection, TROUPE_CONNECTION_STATE_READY);

  g_assert_false (troupe_connection_get_env_override (connection));
  g_assert_null (troupe_connection_get_error_message (connection));
  g_assert_true (g_str_has_prefix (troupe_connection_get_base_url (connection), "http://127.0.0.1:"));
  description = troupe_connection_describe (connection);
  g_assert_true (g_str_has_prefix (description, "Offline sandbox · 127.0.0.1:"));
  g_assert_true (g_file_test (data_dir, G_FILE_TEST_IS_DIR));
  g_assert_cmpstr (troupe_connection_get_sandbox_data_dir (connection), ==, data_dir);
  assert_lists_demo_character (troupe_connection_get_client (connection));

  /* Stopped with the app: the port stops answering. */
  refusal.client = g_object_ref (troupe_connection_get_client (connection));
  troupe_connection_shutdown (connection);
  troupe_test_poll_until (refuses, &refusal);
  g_assert_error (refusal.error, CONVAI_ERROR, CONVAI_ERROR_NETWORK);
  g_clear_error (&refusal.error);
  g_clear_object (&refusal.client);
}

static void
test_convai_mode_without_key_uses_sandbox (void)
{
  g_autoptr(GSettings) settings = new_private_settings ();
  g_autoptr(TroupeConnection) connection = troupe_connection_new (settings);

  if (!keyring_available)
    {
      g_test_skip ("no Secret Service (gnome-keyring-daemon) available");
      return;
    }
  g_settings_set_string (settings, "connection-mode", "convai");
  troupe_connection_reconnect (connection);
  wait_for_state (connection, TROUPE_CONNECTION_STATE_READY);
  g_assert_cmpint (troupe_connection_get_mode (connection), ==, TROUPE_CONNECTION_MODE_SANDBOX);
}

static void
assert_settings_do_not_contain (GSettings  *settings,
                                const char *secret)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, secret));
    }
}

static void
test_stored_key_selects_convai (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = NULL;
  g_autoptr(GSettings) settings = new_private_settings ();
  g_autoptr(TroupeConnection) connection = troupe_connection_new (settings);
  g_autofree char *found = NULL;

  if (!keyring_available)
    {
      g_test_skip ("no Secret Service (gnome-keyring-daemon) available");
      return;
    }
  sandbox = troupe_test_sandbox_start ((const char *[]) { "--demo", NULL });
  save_key (sandbox->base_url, sandbox->api_key);
  found = lookup_key (sandbox->base_url);
  g_assert_cmpstr (found, ==, sandbox->api_key);

  troupe_connection_reconnect (connection);
  wait_for_state (connection, TROUPE_CONNECTION_STATE_READY);
  g_assert_cmpint (troupe_connection_get_mode (connection), ==, TROUPE_CONNECTION_MODE_SANDBOX);

  /* Changing the settings is enough: the connection follows them. */
  g_settings_set_string (settings, "base-url", sandbox->base_url);
  g_settings_set_string (settings, "connection-mode", "convai");
  wait_for_mode (connection, TROUPE_CONNECTION_MODE_CONVAI);
  wait_for_state (connection, TROUPE_CONNECTION_STATE_READY);
  g_assert_cmpint (troupe_connection_get_mode (connection), ==, TROUPE_CONNECTION_MODE_CONVAI);
  g_assert_cmpstr (troupe_connection_get_base_url (connection), ==, sandbox->base_url);
  assert_lists_demo_character (troupe_connection_get_client (connection));
  assert_settings_do_not_contain (settings, sandbox->api_key);

  /* Removing the key brings the sandbox back. */
  save_key (sandbox->base_url, NULL);
  troupe_connection_reconnect (connection);
  troupe_test_ui_iterate (300);
  wait_for_state (connection, TROUPE_CONNECTION_STATE_READY);
  g_assert_cmpint (troupe_connection_get_mode (connection), ==, TROUPE_CONNECTION_MODE_SANDBOX);
  troupe_connection_shutdown (connection);
}

static void
test_env_override (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start ((const char *[]) { "--demo", NULL });
  g_autoptr(TroupeApplication) app = troupe_test_ui_register_application ();
  TroupeConnection *app_connection = troupe_application_get_connection (app);
  g_autoptr(GSettings) settings = new_private_settings ();
  g_autoptr(TroupeConnection) connection = troupe_connection_new (settings);
  TroupePreferencesWindow *prefs;
  GtkWidget *env_group;

  set_env (connection, "CONVAI_API_URL", sandbox->base_url);
  set_env (connection, "CONVAI_API_KEY", sandbox->api_key);
  troupe_connection_reconnect (connection);
  wait_for_state (connection, TROUPE_CONNECTION_STATE_READY);
  g_assert_cmpint (troupe_connection_get_mode (connection), ==, TROUPE_CONNECTION_MODE_CONVAI);
  g_assert_true (troupe_connection_get_env_override (connection));
  g_assert_cmpstr (troupe_connection_get_env_source (connection), ==, "CONVAI_API_KEY / CONVAI_API_URL");
  g_assert_cmpstr (troupe_connection_get_base_url (connection), ==, sandbox->base_url);
  assert_lists_demo_character (troupe_connection_get_client (connection));

  /* The key alone: the URL comes from the settings. */
  g_settings_set_string (settings, "base-url", sandbox->base_url);
  set_env (connection, "CONVAI_API_URL", "");
  troupe_connection_reconnect (connection);
  wait_for_state (connection, TROUPE_CONNECTION_STATE_READY);
  g_assert_cmpstr (troupe_connection_get_env_source (connection), ==, "CONVAI_API_KEY");
  g_assert_cmpstr (troupe_connection_get_base_url (connection), ==, sandbox->base_url);

  /* The preferences say so, and let nobody edit what has no effect. */
  set_env (app_connection, "CONVAI_API_URL", sandbox->base_url);
  set_env (app_connection, "CONVAI_API_KEY", sandbox->api_key);
  troupe_connection_reconnect (app_connection);
  wait_for_state (app_connection, TROUPE_CONNECTION_STATE_READY);
  prefs = open_connection_preferences (app, 640);
  /* Found by its title, "Set by CONVAI_API_KEY / CONVAI_API_URL". */
  env_group = gtk_widget_get_ancestor (troupe_test_ui_find_row (GTK_WIDGET (prefs),
                                                                "Set by CONVAI_API_KEY / CONVAI_API_URL"),
                                       ADW_TYPE_PREFERENCES_GROUP);
  g_assert_nonnull (env_group);
  g_assert_true (gtk_widget_get_visible (env_group));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (mode_row (prefs))));
  g_assert_false (gtk_widget_get_sensitive (base_url_row (prefs)));
  g_assert_false (gtk_widget_get_sensitive (api_key_row (prefs)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (base_url_row (prefs))), ==, sandbox->base_url);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (api_key_row (prefs))), ==, "");
  /* The row shows what is in effect without changing the user's choice. */
  g_assert_cmpuint (adw_combo_row_get_selected (mode_row (prefs)), ==, TROUPE_CONNECTION_MODE_CONVAI);
  g_assert_cmpint (g_settings_get_enum (troupe_application_get_settings (app), "connection-mode"), ==,
                   TROUPE_CONNECTION_MODE_SANDBOX);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (prefs), "preferences-connection-env"));

  /* Gone from the environment: editable again. */
  set_env (app_connection, "CONVAI_API_URL", "");
  set_env (app_connection, "CONVAI_API_KEY", "");
  troupe_connection_reconnect (app_connection);
  wait_for_state (app_connection, TROUPE_CONNECTION_STATE_READY);
  g_assert_false (troupe_connection_get_env_override (app_connection));
  g_assert_false (gtk_widget_get_visible (env_group));
  g_assert_true (gtk_widget_get_sensitive (base_url_row (prefs)));
  g_assert_true (gtk_widget_get_sensitive (api_key_row (prefs)));
  g_assert_cmpuint (adw_combo_row_get_selected (mode_row (prefs)), ==, TROUPE_CONNECTION_MODE_SANDBOX);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_env_url_without_key (void)
{
  g_autoptr(GSettings) settings = new_private_settings ();
  g_autoptr(TroupeConnection) connection = troupe_connection_new (settings);

  set_env (connection, "CONVAI_API_URL", "http://127.0.0.1:9");
  troupe_connection_reconnect (connection);
  wait_for_state (connection, TROUPE_CONNECTION_STATE_FAILED);
  set_env (connection, "CONVAI_API_URL", "");

  g_assert_cmpint (troupe_connection_get_mode (connection), ==, TROUPE_CONNECTION_MODE_CONVAI);
  g_assert_true (troupe_connection_get_env_override (connection));
  g_assert_null (troupe_connection_get_client (connection));
  g_assert_nonnull (strstr (troupe_connection_get_error_message (connection), "CONVAI_API_KEY"));
}

static void
test_plain_http_refused (void)
{
  g_autoptr(GSettings) settings = new_private_settings ();
  g_autoptr(TroupeConnection) connection = troupe_connection_new (settings);
  const char *message;

  set_env (connection, "CONVAI_API_KEY", "some-key");
  set_env (connection, "CONVAI_API_URL", "http://example.com");
  troupe_connection_reconnect (connection);
  wait_for_state (connection, TROUPE_CONNECTION_STATE_FAILED);
  message = troupe_connection_get_error_message (connection);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "example.com"));
  g_assert_nonnull (strstr (message, "https://"));
  g_assert_nonnull (strstr (message, "unencrypted"));
  g_assert_null (troupe_connection_get_client (connection));

  set_env (connection, "CONVAI_API_URL", "http://127.0.0.1:9");
  troupe_connection_reconnect (connection);
  wait_for_state (connection, TROUPE_CONNECTION_STATE_READY);
  g_assert_nonnull (troupe_connection_get_client (connection));
  g_assert_cmpstr (troupe_connection_get_base_url (connection), ==, "http://127.0.0.1:9");

  set_env (connection, "CONVAI_API_URL", "");
  set_env (connection, "CONVAI_API_KEY", "");
}

static void
test_preferences_refuse_plain_http (void)
{
  g_autoptr(TroupeApplication) app = troupe_test_ui_register_application ();
  GSettings *settings = troupe_application_get_settings (app);
  g_autofree char *before = g_settings_get_string (settings, "base-url");
  g_autofree char *after = NULL;
  TroupePreferencesWindow *prefs = open_connection_preferences (app, 640);
  GtkLabel *message;

  gtk_editable_set_text (GTK_EDITABLE (base_url_row (prefs)), "http://example.com/");
  g_signal_emit_by_name (base_url_row (prefs), "apply");
  after = g_settings_get_string (settings, "base-url");
  g_assert_cmpstr (after, ==, before);
  /* Under the rows, the page says why. */
  message = troupe_test_ui_find_label (GTK_WIDGET (prefs), "example.com");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_nonnull (strstr (gtk_label_get_label (message), "example.com"));
  g_assert_true (gtk_widget_has_css_class (base_url_row (prefs), "error"));
  g_free (troupe_test_ui_render_png (GTK_WIDGET (prefs), "preferences-connection-http-refused"));

  gtk_editable_set_text (GTK_EDITABLE (base_url_row (prefs)), "http://127.0.0.1:9/");
  g_signal_emit_by_name (base_url_row (prefs), "apply");
  g_clear_pointer (&after, g_free);
  after = g_settings_get_string (settings, "base-url");
  g_assert_cmpstr (after, ==, "http://127.0.0.1:9");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));

  g_settings_reset (settings, "base-url");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static GtkWidget *
show_bar (TroupeConnection *connection,
          int               width)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *below = gtk_label_new ("");

  gtk_widget_set_vexpand (below, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (troupe_connection_bar_new (connection)));
  gtk_box_append (GTK_BOX (box), below);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 140);
  gtk_window_present (GTK_WINDOW (window));
  troupe_test_ui_wait_for_paint (window);
  troupe_test_ui_iterate (50);
  return window;
}

static GtkWidget *
bar_button (GtkWidget  *window,
            const char *action_name)
{
  return troupe_test_ui_find_by_action (window, action_name);
}

static void
test_bad_sandbox_path (void)
{
  g_autoptr(TroupeApplication) app = troupe_test_ui_register_application ();
  g_autoptr(GSettings) settings = new_private_settings ();
  g_autoptr(TroupeConnection) connection = troupe_connection_new (settings);
  g_autofree char *real_sandbox = g_strdup (g_getenv ("TROUPE_SANDBOX_BIN"));
  const char *message;
  GtkWidget *window;

  set_env (connection, "TROUPE_SANDBOX_BIN", "/nonexistent/troupe-sandbox");
  troupe_connection_reconnect (connection);
  wait_for_state (connection, TROUPE_CONNECTION_STATE_FAILED);
  set_env (connection, "TROUPE_SANDBOX_BIN", real_sandbox);

  message = troupe_connection_get_error_message (connection);
  g_assert_cmpint (troupe_connection_get_mode (connection), ==, TROUPE_CONNECTION_MODE_SANDBOX);
  g_assert_nonnull (strstr (message, "TROUPE_SANDBOX_BIN"));
  g_assert_nonnull (strstr (message, "/nonexistent/troupe-sandbox"));

  /* The bar says why, and offers the way out. */
  for (guint dark = 0; dark < 2; dark++)
    {
      set_dark (app, dark);
      window = show_bar (connection, 720);
      g_assert_true (gtk_widget_get_visible (bar_button (window, "connection-bar.retry")));
      g_assert_true (gtk_widget_get_visible (bar_button (window, "connection-bar.preferences")));
      g_free (troupe_test_ui_render_png (window, dark ? "connection-bar-failed-dark" : "connection-bar-failed"));
      gtk_window_destroy (GTK_WINDOW (window));
    }
  window = show_bar (connection, 360);
  g_free (troupe_test_ui_render_png (window, "connection-bar-failed-narrow"));

  /* "Preferences" opens them at the Connection page. */
  gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (app));
  gtk_widget_activate_action (bar_button (window, "connection-bar.preferences"),
                              "connection-bar.preferences", NULL);
  troupe_test_ui_iterate (100);
  {
    GtkWindow *prefs = troupe_test_ui_wait_for_window (TROUPE_TYPE_PREFERENCES_WINDOW);

    g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (prefs)), ==,
                     "connection");
    gtk_window_destroy (prefs);
  }

  /* Retry, with the sandbox back where it belongs. */
  gtk_widget_activate_action (bar_button (window, "connection-bar.retry"), "connection-bar.retry", NULL);
  wait_for_state (connection, TROUPE_CONNECTION_STATE_READY);
  troupe_test_ui_iterate (50);
  g_assert_false (gtk_widget_get_visible (bar_button (window, "connection-bar.retry")));
  gtk_window_destroy (GTK_WINDOW (window));

  for (guint dark = 0; dark < 2; dark++)
    {
      set_dark (app, dark);
      window = show_bar (connection, 720);
      g_free (troupe_test_ui_render_png (window, dark ? "connection-bar-ready-dark" : "connection-bar-ready"));
      gtk_window_destroy (GTK_WINDOW (window));
    }
  set_dark (app, FALSE);
  troupe_connection_shutdown (connection);
}

static void
test_sandbox_crash_is_reported (void)
{
  g_autoptr(GSettings) settings = new_private_settings ();
  g_autoptr(TroupeConnection) connection = troupe_connection_new (settings);
  g_autofree char *real_sandbox = g_strdup (g_getenv ("TROUPE_SANDBOX_BIN"));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("crashing-sandbox-XXXXXX", &error);
  g_autofree char *script = g_build_filename (dir, "troupe-sandbox", NULL);

  g_file_set_contents (script, "#!/bin/sh\necho READY http://127.0.0.1:9\nsleep 0.3\n"
                               "echo 'database is corrupt' >&2\nexit 4\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);

  set_env (connection, "TROUPE_SANDBOX_BIN", script);
  troupe_connection_reconnect (connection);
  wait_for_state (connection, TROUPE_CONNECTION_STATE_READY);
  wait_for_state (connection, TROUPE_CONNECTION_STATE_FAILED);
  set_env (connection, "TROUPE_SANDBOX_BIN", real_sandbox);

  g_assert_null (troupe_connection_get_client (connection));
  g_assert_nonnull (strstr (troupe_connection_get_error_message (connection), "stopped unexpectedly"));
  g_assert_nonnull (strstr (troupe_connection_get_error_message (connection), "database is corrupt"));
}

static void
test_preferences_test_connection (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autoptr(TroupeApplication) app = troupe_test_ui_register_application ();
  GSettings *settings = troupe_application_get_settings (app);
  TroupePreferencesWindow *prefs;

  /* In sandbox mode, the test asks the running sandbox. */
  wait_for_state (troupe_application_get_connection (app), TROUPE_CONNECTION_STATE_READY);
  prefs = open_connection_preferences (app, 640);
  run_connection_test (prefs);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (test_row (prefs)), "Connected"));
  gtk_window_destroy (GTK_WINDOW (prefs));

  g_settings_set_string (settings, "connection-mode", "convai");
  prefs = open_connection_preferences (app, 640);
  gtk_editable_set_text (GTK_EDITABLE (base_url_row (prefs)), sandbox->base_url);

  gtk_editable_set_text (GTK_EDITABLE (api_key_row (prefs)), "");
  run_connection_test (prefs);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (test_row (prefs)), "Enter your API key"));

  gtk_editable_set_text (GTK_EDITABLE (api_key_row (prefs)), "not-the-key");
  run_connection_test (prefs);
  /* The server's words, unchanged (libconvai adds its note on plans after them). */
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (test_row (prefs)), "Invalid API key provided."));
  g_assert_true (gtk_widget_has_css_class (test_icon (prefs), "error"));
  g_free (troupe_test_ui_render_png (GTK_WIDGET (prefs), "preferences-connection-test-failed"));

  gtk_editable_set_text (GTK_EDITABLE (api_key_row (prefs)), sandbox->api_key);
  run_connection_test (prefs);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (test_row (prefs)), "Connected"));
  g_assert_true (gtk_widget_has_css_class (test_icon (prefs), "success"));

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (settings, "connection-mode");
  wait_for_settled (troupe_application_get_connection (app));
}

static void
test_preferences_store_key (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = NULL;
  g_autoptr(TroupeApplication) app = troupe_test_ui_register_application ();
  TroupeConnection *connection = troupe_application_get_connection (app);
  GSettings *settings = troupe_application_get_settings (app);
  TroupePreferencesWindow *prefs;
  g_autofree char *stored = NULL;
  GtkLabel *message;

  if (!keyring_available)
    {
      g_test_skip ("no Secret Service (gnome-keyring-daemon) available");
      return;
    }
  sandbox = troupe_test_sandbox_start ((const char *[]) { "--demo", NULL });
  prefs = open_connection_preferences (app, 640);
  adw_combo_row_set_selected (mode_row (prefs), TROUPE_CONNECTION_MODE_CONVAI);
  gtk_editable_set_text (GTK_EDITABLE (base_url_row (prefs)), sandbox->base_url);
  g_signal_emit_by_name (base_url_row (prefs), "apply");
  gtk_editable_set_text (GTK_EDITABLE (api_key_row (prefs)), sandbox->api_key);
  g_signal_emit_by_name (api_key_row (prefs), "apply");

  wait_for_mode (connection, TROUPE_CONNECTION_MODE_CONVAI);
  wait_for_state (connection, TROUPE_CONNECTION_STATE_READY);
  g_assert_cmpint (troupe_connection_get_mode (connection), ==, TROUPE_CONNECTION_MODE_CONVAI);
  g_assert_cmpstr (troupe_connection_get_base_url (connection), ==, sandbox->base_url);
  assert_lists_demo_character (troupe_connection_get_client (connection));
  stored = lookup_key (sandbox->base_url);
  g_assert_cmpstr (stored, ==, sandbox->api_key);
  assert_settings_do_not_contain (settings, sandbox->api_key);
  message = troupe_test_ui_find_label (GTK_WIDGET (prefs), "keyring");
  g_assert_nonnull (strstr (gtk_label_get_label (message), "keyring"));
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* A new window shows the stored key; clearing it falls back to the sandbox. */
  prefs = open_connection_preferences (app, 640);
  troupe_test_ui_iterate (300);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (api_key_row (prefs))), ==, sandbox->api_key);
  gtk_editable_set_text (GTK_EDITABLE (api_key_row (prefs)), "");
  g_signal_emit_by_name (api_key_row (prefs), "apply");
  wait_for_mode (connection, TROUPE_CONNECTION_MODE_SANDBOX);
  wait_for_state (connection, TROUPE_CONNECTION_STATE_READY);
  g_assert_cmpint (troupe_connection_get_mode (connection), ==, TROUPE_CONNECTION_MODE_SANDBOX);
  g_clear_pointer (&stored, g_free);
  stored = lookup_key (sandbox->base_url);
  g_assert_cmpstr (stored, ==, "");

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (settings, "connection-mode");
  g_settings_reset (settings, "base-url");
  wait_for_settled (connection);
}

static void
test_render_preferences (void)
{
  g_autoptr(TroupeApplication) app = troupe_test_ui_register_application ();
  TroupeConnection *connection = troupe_application_get_connection (app);
  TroupePreferencesWindow *prefs;

  wait_for_state (connection, TROUPE_CONNECTION_STATE_READY);
  g_assert_cmpint (troupe_connection_get_mode (connection), ==, TROUPE_CONNECTION_MODE_SANDBOX);
  for (guint dark = 0; dark < 2; dark++)
    {
      set_dark (app, dark);
      prefs = open_connection_preferences (app, 640);
      g_assert_nonnull (strstr (adw_preferences_row_get_title (status_row (prefs)),
                                "Offline sandbox · 127.0.0.1:"));
      g_free (troupe_test_ui_render_png (GTK_WIDGET (prefs), dark ? "preferences-connection-dark"
                                                                 : "preferences-connection"));
      gtk_window_destroy (GTK_WINDOW (prefs));
    }
  set_dark (app, FALSE);
  prefs = open_connection_preferences (app, 360);
  /* The view switcher moves to the bottom when narrow: let it settle. */
  troupe_test_ui_iterate (500);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (prefs), "preferences-connection-narrow"));
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static gboolean
label_in_tree_contains (GtkWidget  *root,
                        const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_is_drawable (root) &&
      strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_in_tree_contains (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
sidebar_lists (gpointer data)
{
  return g_str_equal (troupe_character_sidebar_get_state (data), "list");
}

static gboolean
page_has_character (gpointer data)
{
  return troupe_character_page_get_character (data) != NULL;
}

static void
open_demo_character (TroupeWindow *window)
{
  TroupeCharacterSidebar *sidebar = troupe_window_get_sidebar (window);
  TroupeCharacterPage *editor = troupe_window_get_character_page (window);
  g_autoptr(ConvaiCharacter) demo = NULL;

  troupe_test_poll_until (sidebar_lists, sidebar);
  g_assert_cmpstr (troupe_character_sidebar_get_state (sidebar), ==, "list");
  demo = g_list_model_get_item (troupe_character_sidebar_get_model (sidebar), 0);
  g_assert_cmpstr (convai_character_get_name (demo), ==, "Ada, the lighthouse keeper");
  g_signal_emit_by_name (sidebar, "character-activated", demo);
  troupe_test_poll_until (page_has_character, editor);
  g_assert_nonnull (troupe_character_page_get_character (editor));
  /* Past the stack's crossfade, so the render shows where it lands. */
  troupe_test_ui_iterate (500);
}

/* The window always says which mode and endpoint it talks to. */
static void
test_window_shows_connection (void)
{
  g_autoptr(TroupeApplication) app = troupe_test_ui_register_application ();
  TroupeConnection *connection = troupe_application_get_connection (app);
  TroupeWindow *window;
  GtkWidget *bar;
  g_autofree char *where = NULL;

  wait_for_state (connection, TROUPE_CONNECTION_STATE_READY);
  window = troupe_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 680);
  gtk_window_present (GTK_WINDOW (window));
  troupe_test_ui_wait_for_paint (GTK_WIDGET (window));
  troupe_test_ui_iterate (200);

  bar = troupe_test_ui_find_by_type (GTK_WIDGET (window), TROUPE_TYPE_CONNECTION_BAR, 0);
  g_assert_nonnull (bar);
  g_assert_true (gtk_widget_is_drawable (bar));
  where = troupe_connection_describe (connection);
  g_assert_true (g_str_has_prefix (where, "Offline sandbox · 127.0.0.1:"));
  g_assert_true (label_in_tree_contains (bar, where));
  g_free (troupe_test_ui_render_png (GTK_WIDGET (window), "window-connection-sandbox"));

  /* A first launch is useful: the demo character is listed and opens. The
   * README's screenshot is this render. */
  open_demo_character (window);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (window), "window-sandbox-demo"));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 680);
  troupe_test_ui_iterate (400);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (window), "window-sandbox-demo-narrow"));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 680);

  /* A reconnect to the same place keeps the character open. */
  troupe_connection_reconnect (connection);
  wait_for_state (connection, TROUPE_CONNECTION_STATE_READY);
  troupe_test_ui_iterate (200);
  g_assert_nonnull (troupe_character_page_get_character (troupe_window_get_character_page (window)));

  /* A refused address: the window says why, in place. */
  set_env (connection, "CONVAI_API_KEY", "some-key");
  set_env (connection, "CONVAI_API_URL", "http://example.com");
  troupe_connection_reconnect (connection);
  wait_for_state (connection, TROUPE_CONNECTION_STATE_FAILED);
  troupe_test_ui_iterate (100);
  g_assert_true (label_in_tree_contains (bar, "Plain http:// to example.com is refused"));
  /* The sandbox's character is not this endpoint's: it closes, and with no
   * connection the list says so rather than spinning. */
  g_assert_null (troupe_character_page_get_character (troupe_window_get_character_page (window)));
  g_assert_cmpstr (troupe_character_sidebar_get_state (troupe_window_get_sidebar (window)), ==, "offline");
  troupe_test_ui_iterate (400);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (window), "window-connection-failed"));

  set_env (connection, "CONVAI_API_KEY", "");
  set_env (connection, "CONVAI_API_URL", "");
  troupe_connection_reconnect (connection);
  wait_for_state (connection, TROUPE_CONNECTION_STATE_READY);
  g_assert_cmpstr (troupe_character_sidebar_get_state (troupe_window_get_sidebar (window)), !=, "offline");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- a private session bus and keyring ---- */

/* Never unreffed: its dispose would wait for GTK's bus connection to go,
 * which it does not before exit. g_test_dbus_stop() ends the daemon. A
 * static, so that leaving it is not reported as a leak. */
static GTestDBus *bus;

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) keyring = NULL;
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  GDBusConnection *session;
  int status;

  /* Before GTK, which connects to the session bus at start-up. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  troupe_test_ui_init (&argc, &argv);
  keyring = troupe_test_keyring_start ();
  keyring_available = keyring != NULL;

  g_test_add_func ("/troupe/connection/url-check", test_url_check);
  g_test_add_func ("/troupe/connection/sandbox-when-no-key", test_sandbox_when_no_key);
  g_test_add_func ("/troupe/connection/convai-mode-without-key-uses-sandbox", test_convai_mode_without_key_uses_sandbox);
  g_test_add_func ("/troupe/connection/stored-key-selects-convai", test_stored_key_selects_convai);
  g_test_add_func ("/troupe/connection/env-override", test_env_override);
  g_test_add_func ("/troupe/connection/env-url-without-key", test_env_url_without_key);
  g_test_add_func ("/troupe/connection/plain-http-refused", test_plain_http_refused);
  g_test_add_func ("/troupe/connection/preferences-refuse-plain-http", test_preferences_refuse_plain_http);
  g_test_add_func ("/troupe/connection/bad-sandbox-path", test_bad_sandbox_path);
  g_test_add_func ("/troupe/connection/sandbox-crash-is-reported", test_sandbox_crash_is_reported);
  g_test_add_func ("/troupe/connection/preferences-test-connection", test_preferences_test_connection);
  g_test_add_func ("/troupe/connection/preferences-store-key", test_preferences_store_key);
  g_test_add_func ("/troupe/connection/render-preferences", test_render_preferences);
  g_test_add_func ("/troupe/connection/window-shows-connection", test_window_shows_connection);

  status = g_test_run ();

  if (keyring != NULL)
    g_subprocess_send_signal (keyring, SIGTERM);
  /* The bus goes away under live connections: that must not end the process. */
  session = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (session != NULL)
    {
      g_dbus_connection_set_exit_on_close (session, FALSE);
      g_object_unref (session);
    }
  g_test_dbus_stop (bus);
  return status;
}
