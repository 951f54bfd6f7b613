/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-preferences"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "troupe-api-url.h"
#include "troupe-preferences-window-private.h"
#include "troupe-secret-store.h"

/* The Connection page: mode, API base URL, API key (keyring), status and
 * "Test connection". Under CONVAI_API_KEY / CONVAI_API_URL the rows show
 * the environment's values, insensitive. */

/* The combo row's positions follow the ConnectionMode enum's values. */
static gboolean
mode_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, g_str_equal (nick, "convai")
                           ? TROUPE_CONNECTION_MODE_CONVAI
                           : TROUPE_CONNECTION_MODE_SANDBOX);
  return TRUE;
}

static GVariant *
selected_to_mode (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == TROUPE_CONNECTION_MODE_CONVAI
                               ? "convai" : "sandbox");
}

/* AdwEntryRow shows its apply button after any change, even ours. */
static void
set_row_text_quietly (AdwEntryRow *row,
                      const char  *text)
{
  adw_entry_row_set_show_apply_button (row, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_entry_row_set_show_apply_button (row, TRUE);
}

static void
show_account_message (TroupePreferencesWindow *self,
                      const char              *message,
                      gboolean                 is_error)
{
  gtk_label_set_label (self->account_message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->account_message_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->account_message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->account_message_label), "error");
}

static gboolean
using_environment (TroupePreferencesWindow *self)
{
  return troupe_connection_get_env_override (self->connection);
}

static char *
configured_base_url (TroupePreferencesWindow *self)
{
  GSettings *settings = troupe_application_get_settings (self->application);
  g_autofree char *stored = g_settings_get_string (settings, "base-url");
  g_autofree char *url = troupe_api_url_normalize (stored);

  return *url != '\0' ? g_steal_pointer (&url) : g_strdup (CONVAI_DEFAULT_BASE_URL);
}

/* What the URL row says; empty means Convai's own address. */
static char *
typed_base_url (TroupePreferencesWindow *self)
{
  g_autofree char *url = troupe_api_url_normalize (gtk_editable_get_text (GTK_EDITABLE (self->base_url_row)));

  return *url != '\0' ? g_steal_pointer (&url) : g_strdup (CONVAI_DEFAULT_BASE_URL);
}

/* ---- the stored key ---- */

static void
key_loaded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TroupePreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *api_key = troupe_secret_store_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || using_environment (self))
    return;
  if (error != NULL)
    {
      show_account_message (self, error->message, TRUE);
      return;
    }
  set_row_text_quietly (ADW_ENTRY_ROW (self->api_key_row), api_key);
}

static void
load_key (TroupePreferencesWindow *self,
          const char              *base_url)
{
  troupe_secret_store_lookup_async (base_url, self->cancellable,
                                    key_loaded_cb, g_object_ref (self));
}

static void
key_saved_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TroupePreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!troupe_secret_store_save_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_account_message (self, error->message, TRUE);
      return;
    }
  show_account_message (self,
                        *gtk_editable_get_text (GTK_EDITABLE (self->api_key_row)) != '\0'
                        ? _("The API key is stored in your keyring.")
                        : _("The API key was removed from your keyring."),
                        FALSE);
  troupe_connection_reconnect (self->connection);
}

static void
api_key_applied_cb (TroupePreferencesWindow *self)
{
  g_autofree char *base_url = configured_base_url (self);
  g_autofree char *api_key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->api_key_row))));

  show_account_message (self, NULL, FALSE);
  troupe_secret_store_save_async (base_url, api_key, self->cancellable,
                                  key_saved_cb, g_object_ref (self));
}

/* ---- the base URL ---- */

static void
base_url_changed_cb (TroupePreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->base_url_row), "error");
}

static void
base_url_applied_cb (TroupePreferencesWindow *self)
{
  GSettings *settings = troupe_application_get_settings (self->application);
  g_autofree char *url = typed_base_url (self);
  g_autoptr(GError) error = NULL;

  if (!troupe_api_url_check (url, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->base_url_row), "error");
      show_account_message (self, error->message, TRUE);
      return;
    }

  show_account_message (self, NULL, FALSE);
  set_row_text_quietly (self->base_url_row, url);
  /* The connection follows the setting; the key row follows the URL. */
  g_settings_set_string (settings, "base-url", url);
  load_key (self, url);
}

/* ---- status ---- */

/* "/home/ada/.local/share/x" -> "~/.local/share/x", as people know it. */
static char *
shorten_home (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize len = strlen (home);

  if (path == NULL)
    return g_strdup ("");
  if (len > 1 && strncmp (path, home, len) == 0 && path[len] == G_DIR_SEPARATOR)
    return g_strconcat ("~", path + len, NULL);
  return g_strdup (path);
}

static char *
describe_status (TroupePreferencesWindow *self)
{
  GSettings *settings = troupe_application_get_settings (self->application);
  TroupeConnection *connection = self->connection;

  switch (troupe_connection_get_state (connection))
    {
    case TROUPE_CONNECTION_STATE_CONNECTING:
      return g_strdup (_("Connecting…"));

    case TROUPE_CONNECTION_STATE_FAILED:
      return g_strdup (troupe_connection_get_error_message (connection));

    case TROUPE_CONNECTION_STATE_READY:
    default:
      if (troupe_connection_get_mode (connection) == TROUPE_CONNECTION_MODE_SANDBOX &&
          g_settings_get_enum (settings, "connection-mode") == TROUPE_CONNECTION_MODE_CONVAI)
        return g_strdup (_("No API key is stored for this address, so Troupe uses the offline "
                           "sandbox. Enter your key above and press Enter."));
      if (troupe_connection_get_mode (connection) == TROUPE_CONNECTION_MODE_SANDBOX)
        {
          g_autofree char *folder = shorten_home (troupe_connection_get_sandbox_data_dir (connection));

          return g_strdup_printf (_("Connected to the offline sandbox on this computer. "
                                    "Its characters are kept in %s."), folder);
        }
      return g_strdup_printf (_("Using %s."), troupe_connection_get_base_url (connection));
    }
}

/* What "Test" will ask, unless it has answered already. */
static void
update_test_hint (TroupePreferencesWindow *self)
{
  GSettings *settings = troupe_application_get_settings (self->application);
  const char *hint;

  if (gtk_widget_get_visible (GTK_WIDGET (self->test_icon)) ||
      gtk_spinner_get_spinning (self->test_spinner))
    return;
  if (using_environment (self))
    hint = _("Ask the server for the account’s usage, with the address and key from the environment.");
  else if (g_settings_get_enum (settings, "connection-mode") == TROUPE_CONNECTION_MODE_SANDBOX)
    hint = _("Ask the offline sandbox whether it answers.");
  else
    hint = _("Ask the server for the account’s usage, with the address and key above.");
  adw_action_row_set_subtitle (self->test_row, hint);
}

static void
update_status (TroupePreferencesWindow *self)
{
  g_autofree char *title = troupe_connection_describe (self->connection);
  g_autofree char *subtitle = describe_status (self);
  TroupeConnectionState state = troupe_connection_get_state (self->connection);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  adw_action_row_set_subtitle (self->status_row, subtitle);
  gtk_image_set_from_icon_name (self->status_icon,
                                state == TROUPE_CONNECTION_STATE_FAILED ? "dialog-warning-symbolic"
                                : state == TROUPE_CONNECTION_STATE_READY ? "emblem-ok-symbolic"
                                : "content-loading-symbolic");
  update_test_hint (self);
}

/* Under the environment's override the mode row shows Convai, and must
 * not write that into the user's setting: it follows the setting only
 * while it is bound. */
static void
bind_mode_row (TroupePreferencesWindow *self,
               gboolean                 bound)
{
  if (self->mode_row_bound == bound)
    return;
  self->mode_row_bound = bound;
  if (!bound)
    {
      g_settings_unbind (self->mode_row, "selected");
      return;
    }
  g_settings_bind_with_mapping (troupe_application_get_settings (self->application), "connection-mode",
                                self->mode_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                mode_to_selected, selected_to_mode,
                                NULL, NULL);
}

static void
update_environment (TroupePreferencesWindow *self)
{
  const char *env_source = troupe_connection_get_env_source (self->connection);
  gboolean by_env = env_source != NULL;
  g_autofree char *title = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->env_group), by_env);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_row), !by_env);
  gtk_widget_set_sensitive (GTK_WIDGET (self->base_url_row), !by_env);
  gtk_widget_set_sensitive (GTK_WIDGET (self->api_key_row), !by_env);
  bind_mode_row (self, !by_env);
  if (!by_env)
    return;

  /* TRANSLATORS: %s is "CONVAI_API_KEY", "CONVAI_API_URL" or both, joined by " / ". */
  title = g_strdup_printf (_("Set by %s"), env_source);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->env_row), title);
  /* Show what is in effect, never the key itself. */
  adw_combo_row_set_selected (self->mode_row, TROUPE_CONNECTION_MODE_CONVAI);
  if (troupe_connection_get_base_url (self->connection) != NULL)
    set_row_text_quietly (self->base_url_row, troupe_connection_get_base_url (self->connection));
  set_row_text_quietly (ADW_ENTRY_ROW (self->api_key_row), NULL);
}

static void
connection_notify_cb (TroupePreferencesWindow *self)
{
  update_status (self);
  update_environment (self);
}

/* ---- Test connection ---- */

static void
show_test_result (TroupePreferencesWindow *self,
                  gboolean                 success,
                  const char              *message)
{
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), FALSE);
  gtk_spinner_set_spinning (self->test_spinner, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_icon), TRUE);
  gtk_image_set_from_icon_name (self->test_icon, success ? "emblem-ok-symbolic" : "dialog-error-symbolic");
  if (success)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->test_icon), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), "error");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->test_icon), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), "success");
    }
  adw_action_row_set_subtitle (self->test_row, message);
}

static void
usage_received_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TroupePreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvaiUsage) usage = convai_client_get_usage_finish (CONVAI_CLIENT (source), result, &error);
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (usage == NULL)
    {
      /* The server's own words, unchanged: that is what people search for. */
      show_test_result (self, FALSE, error->message);
      return;
    }
  if (convai_usage_get_plan_name (usage) != NULL)
    message = g_strdup_printf (_("Connected: the server accepted the key (plan “%s”)."),
                               convai_usage_get_plan_name (usage));
  else
    message = g_strdup (_("Connected: the server accepted the key."));
  show_test_result (self, TRUE, message);
}

/* What to test: the live connection when the environment or the sandbox
 * decides it, otherwise what is typed in the rows, applied or not. */
static ConvaiClient *
client_to_test (TroupePreferencesWindow  *self,
                GError                  **error)
{
  GSettings *settings = troupe_application_get_settings (self->application);
  g_autofree char *url = NULL;
  const char *api_key;

  if (using_environment (self) ||
      g_settings_get_enum (settings, "connection-mode") == TROUPE_CONNECTION_MODE_SANDBOX)
    {
      ConvaiClient *client = troupe_connection_get_client (self->connection);

      if (client == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                             troupe_connection_get_error_message (self->connection) != NULL
                             ? troupe_connection_get_error_message (self->connection)
                             : _("Not connected yet: wait a moment and test again."));
      return client != NULL ? g_object_ref (client) : NULL;
    }

  url = typed_base_url (self);
  if (!troupe_api_url_check (url, error))
    return NULL;
  api_key = gtk_editable_get_text (GTK_EDITABLE (self->api_key_row));
  if (*api_key == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter your API key first: it is on your Convai dashboard, "
                             "under the key icon."));
      return NULL;
    }
  return convai_client_new (url, api_key);
}

static void
test_connection_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TroupePreferencesWindow *self = TROUPE_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvaiClient) client = client_to_test (self, &error);

  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->test_cancellable);
  if (client == NULL)
    {
      show_test_result (self, FALSE, error->message);
      return;
    }

  self->test_cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->test_icon), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), TRUE);
  gtk_spinner_set_spinning (self->test_spinner, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), FALSE);
  adw_action_row_set_subtitle (self->test_row, _("Testing…"));
  convai_client_get_usage_async (client, self->test_cancellable,
                                 usage_received_cb, g_object_ref (self));
}

/* ---- set-up ---- */

void
troupe_preferences_connection_setup (TroupePreferencesWindow *self)
{
  GSettings *settings = troupe_application_get_settings (self->application);
  g_autofree char *base_url = configured_base_url (self);

  self->connection = g_object_ref (troupe_application_get_connection (self->application));
  self->cancellable = g_cancellable_new ();

  bind_mode_row (self, TRUE);
  g_signal_connect_object (self->connection, "notify",
                           G_CALLBACK (connection_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::connection-mode",
                           G_CALLBACK (update_status), self,
                           G_CONNECT_SWAPPED);

  set_row_text_quietly (self->base_url_row, base_url);
  update_status (self);
  update_environment (self);
  if (!using_environment (self))
    load_key (self, base_url);
}

void
troupe_preferences_connection_dispose (TroupePreferencesWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->test_cancellable);
  g_clear_object (&self->connection);
}

void
troupe_preferences_connection_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, TroupePreferencesWindow, account_group);
  gtk_widget_class_bind_template_child (widget_class, TroupePreferencesWindow, account_message_label);
  gtk_widget_class_bind_template_child (widget_class, TroupePreferencesWindow, api_key_row);
  gtk_widget_class_bind_template_child (widget_class, TroupePreferencesWindow, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, TroupePreferencesWindow, env_group);
  gtk_widget_class_bind_template_child (widget_class, TroupePreferencesWindow, env_row);
  gtk_widget_class_bind_template_child (widget_class, TroupePreferencesWindow, mode_row);
  gtk_widget_class_bind_template_child (widget_class, TroupePreferencesWindow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, TroupePreferencesWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, TroupePreferencesWindow, test_button);
  gtk_widget_class_bind_template_child (widget_class, TroupePreferencesWindow, test_icon);
  gtk_widget_class_bind_template_child (widget_class, TroupePreferencesWindow, test_row);
  gtk_widget_class_bind_template_child (widget_class, TroupePreferencesWindow, test_spinner);

  gtk_widget_class_bind_template_callback (widget_class, api_key_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, base_url_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, base_url_changed_cb);

  gtk_widget_class_install_action (widget_class, "prefs.test-connection", NULL,
                                   test_connection_activated);
}
