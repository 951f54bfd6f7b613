/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-window"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-window.h"

struct _TroupeWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  AdwLeaflet           *leaflet;
};

G_DEFINE_FINAL_TYPE (TroupeWindow, troupe_window, ADW_TYPE_APPLICATION_WINDOW)

TroupeWindow *
troupe_window_new (TroupeApplication *application)
{
  g_return_val_if_fail (TROUPE_IS_APPLICATION (application), NULL);

  return g_object_new (TROUPE_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

static void
restore_window_state (TroupeWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/* The unmaximized size is what a user chose; a maximized size is the
 * monitor's, so only the flag is kept then. */
static void
save_window_state (TroupeWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (!maximized)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
troupe_window_close_request (GtkWindow *window)
{
  save_window_state (TROUPE_WINDOW (window));

  return GTK_WINDOW_CLASS (troupe_window_parent_class)->close_request (window);
}

static void
troupe_window_dispose (GObject *object)
{
  TroupeWindow *self = TROUPE_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TROUPE_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (troupe_window_parent_class)->dispose (object);
}

static void
show_content_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TroupeWindow *self = TROUPE_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TroupeWindow *self = TROUPE_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
troupe_window_class_init (TroupeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = troupe_window_dispose;

  window_class->close_request = troupe_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/troupe/Troupe/troupe-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TroupeWindow, leaflet);

  gtk_widget_class_install_action (widget_class, "win.show-content", NULL, show_content_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
}

static void
troupe_window_init (TroupeWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  restore_window_state (self);

  if (g_strcmp0 (PROFILE, "Devel") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
