/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-application"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-application.h"
#include "troupe-preferences-window.h"
#include "troupe-accessible.h"
#include "troupe-startup-probe.h"
#include "troupe-window.h"

struct _TroupeApplication
{
  AdwApplication    parent_instance;

  GSettings        *settings;
  TroupeConnection *connection;
};

G_DEFINE_FINAL_TYPE (TroupeApplication, troupe_application, ADW_TYPE_APPLICATION)

TroupeApplication *
troupe_application_new (void)
{
  return g_object_new (TROUPE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/troupe/Troupe",
                       NULL);
}

GSettings *
troupe_application_get_settings (TroupeApplication *self)
{
  g_return_val_if_fail (TROUPE_IS_APPLICATION (self), NULL);

  return self->settings;
}

TroupeConnection *
troupe_application_get_connection (TroupeApplication *self)
{
  g_return_val_if_fail (TROUPE_IS_APPLICATION (self), NULL);

  return self->connection;
}

static void
apply_style_variant (TroupeApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT,
    ADW_COLOR_SCHEME_FORCE_LIGHT,
    ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint variant = (guint) g_settings_get_enum (self->settings, "style-variant");

  g_assert (variant < G_N_ELEMENTS (schemes));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), schemes[variant]);
}

static void
style_variant_changed_cb (TroupeApplication *self)
{
  apply_style_variant (self);
}

static void
troupe_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (troupe_window_new (TROUPE_APPLICATION (app)));
      troupe_startup_probe_watch (GTK_WIDGET (window));
    }
  gtk_window_present (window);
}

static void
troupe_application_startup (GApplication *app)
{
  TroupeApplication *self = TROUPE_APPLICATION (app);

  G_APPLICATION_CLASS (troupe_application_parent_class)->startup (app);

  g_signal_connect_object (self->settings, "changed::style-variant",
                           G_CALLBACK (style_variant_changed_cb), self,
                           G_CONNECT_SWAPPED);
  apply_style_variant (self);
  gtk_window_set_default_icon_name (APP_ID);
  troupe_accessible_install ();

  /* Before any window: with no key configured this starts the offline sandbox. */
  troupe_connection_reconnect (self->connection);
}

static void
troupe_application_shutdown (GApplication *app)
{
  TroupeApplication *self = TROUPE_APPLICATION (app);

  troupe_connection_shutdown (self->connection);

  G_APPLICATION_CLASS (troupe_application_parent_class)->shutdown (app);
}

static void
troupe_application_dispose (GObject *object)
{
  TroupeApplication *self = TROUPE_APPLICATION (object);

  if (self->connection != NULL)
    troupe_connection_shutdown (self->connection);
  g_clear_object (&self->connection);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (troupe_application_parent_class)->dispose (object);
}

static void
troupe_application_class_init (TroupeApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = troupe_application_dispose;

  app_class->activate = troupe_application_activate;
  app_class->shutdown = troupe_application_shutdown;
  app_class->startup = troupe_application_startup;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  /* Closing each window instead of quitting outright lets a window with
   * unsaved changes ask first; the application ends with its last window. */
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l != NULL; l = l->next)
    g_ptr_array_add (windows, g_object_ref (l->data));
  for (guint i = 0; i < windows->len; i++)
    gtk_window_close (g_ptr_array_index (windows, i));
}

TroupePreferencesWindow *
troupe_application_show_preferences (TroupeApplication *self,
                                     const char        *page_name)
{
  GtkWindow *parent;
  TroupePreferencesWindow *prefs;

  g_return_val_if_fail (TROUPE_IS_APPLICATION (self), NULL);

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  prefs = troupe_preferences_window_new (self);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  if (page_name != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), page_name);
  gtk_window_present (GTK_WINDOW (prefs));
  return prefs;
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  troupe_application_show_preferences (TROUPE_APPLICATION (user_data), NULL);
}

/* The connection bar's "Preferences" button opens the Connection page. */
static void
preferences_page_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  troupe_application_show_preferences (TROUPE_APPLICATION (user_data),
                                       g_variant_get_string (parameter, NULL));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Troupe developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Troupe"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Troupe developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("A studio for Convai characters: their voices, "
                                       "backstories and knowledge, and live talk with them."),
                         "website", "https://github.com/troupe/troupe",
                         "issue-url", "https://github.com/troupe/troupe/issues",
                         "developers", developers,
                         "copyright", "© 2026 The Troupe developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "preferences-page", preferences_page_activated, "s" },
  { "about", about_activated },
};

static void
troupe_application_init (TroupeApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  self->settings = g_settings_new (APP_ID);
  self->connection = troupe_connection_new (self->settings);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
}
