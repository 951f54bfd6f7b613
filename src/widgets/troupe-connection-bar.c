/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-connection-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-connection-bar.h"

struct _TroupeConnectionBar
{
  GtkWidget         parent_instance;

  TroupeConnection *connection;
  GSignalGroup     *connection_signals;

  /* Template widgets */
  GtkWidget        *button_box;
  GtkWidget        *content;
  GtkImage         *icon;
  GtkStack         *icon_stack;
  GtkLabel         *error_label;
  GtkButton        *preferences_button;
  GtkButton        *retry_button;
  GtkSpinner       *spinner;
  GtkLabel         *title_label;
};

enum {
  PROP_0,
  PROP_CONNECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TroupeConnectionBar, troupe_connection_bar, GTK_TYPE_WIDGET)

static char *
describe_title (TroupeConnection *connection)
{
  g_autofree char *where = troupe_connection_describe (connection);
  TroupeConnectionState state = troupe_connection_get_state (connection);
  const char *env_source = troupe_connection_get_env_source (connection);

  if (state == TROUPE_CONNECTION_STATE_CONNECTING &&
      troupe_connection_get_mode (connection) == TROUPE_CONNECTION_MODE_SANDBOX)
    return g_strdup (_("Starting the offline sandbox…"));
  if (state == TROUPE_CONNECTION_STATE_CONNECTING)
    /* TRANSLATORS: %s is e.g. "Convai · api.convai.com" */
    return g_strdup_printf (_("%s · connecting…"), where);
  if (state == TROUPE_CONNECTION_STATE_FAILED)
    /* TRANSLATORS: %s is e.g. "Offline sandbox" or "Convai · api.convai.com" */
    return g_strdup_printf (_("%s · not connected"), where);
  if (env_source != NULL)
    /* TRANSLATORS: first %s is e.g. "Convai · api.convai.com", the second the environment variables */
    return g_strdup_printf (_("%s · set by %s"), where, env_source);
  return g_steal_pointer (&where);
}

static const char *
mode_icon_name (TroupeConnection *connection)
{
  if (troupe_connection_get_state (connection) == TROUPE_CONNECTION_STATE_FAILED)
    return "dialog-warning-symbolic";
  if (troupe_connection_get_mode (connection) == TROUPE_CONNECTION_MODE_SANDBOX)
    return "computer-symbolic";
  return "network-server-symbolic";
}

static void
update (TroupeConnectionBar *self)
{
  TroupeConnection *connection = self->connection;
  gboolean connecting, failed;
  g_autofree char *title = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), connection != NULL);
  if (connection == NULL)
    return;

  connecting = troupe_connection_get_state (connection) == TROUPE_CONNECTION_STATE_CONNECTING;
  failed = troupe_connection_get_state (connection) == TROUPE_CONNECTION_STATE_FAILED;
  title = describe_title (connection);

  gtk_label_set_label (self->title_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label),
                               troupe_connection_get_base_url (connection));
  gtk_image_set_from_icon_name (self->icon, mode_icon_name (connection));
  gtk_spinner_set_spinning (self->spinner, connecting);
  gtk_stack_set_visible_child_name (self->icon_stack, connecting ? "spinner" : "icon");

  gtk_label_set_label (self->error_label,
                       failed ? troupe_connection_get_error_message (connection) : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), failed);
  gtk_widget_set_visible (self->button_box, failed);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), failed);
  gtk_widget_set_visible (GTK_WIDGET (self->preferences_button), failed);

  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self), "failed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "failed");
}

static void
connection_changed_cb (TroupeConnectionBar *self)
{
  update (self);
}

static void
retry_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TroupeConnectionBar *self = TROUPE_CONNECTION_BAR (widget);

  if (self->connection != NULL)
    troupe_connection_reconnect (self->connection);
}

static void
preferences_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "app.preferences-page", "s", "connection");
}

TroupeConnection *
troupe_connection_bar_get_connection (TroupeConnectionBar *self)
{
  g_return_val_if_fail (TROUPE_IS_CONNECTION_BAR (self), NULL);

  return self->connection;
}

void
troupe_connection_bar_set_connection (TroupeConnectionBar *self,
                                      TroupeConnection    *connection)
{
  g_return_if_fail (TROUPE_IS_CONNECTION_BAR (self));
  g_return_if_fail (connection == NULL || TROUPE_IS_CONNECTION (connection));

  if (!g_set_object (&self->connection, connection))
    return;
  g_signal_group_set_target (self->connection_signals, connection);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
}

static void
troupe_connection_bar_dispose (GObject *object)
{
  TroupeConnectionBar *self = TROUPE_CONNECTION_BAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TROUPE_TYPE_CONNECTION_BAR);
  if (self->connection_signals != NULL)
    g_signal_group_set_target (self->connection_signals, NULL);
  g_clear_object (&self->connection_signals);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (troupe_connection_bar_parent_class)->dispose (object);
}

static void
troupe_connection_bar_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TroupeConnectionBar *self = TROUPE_CONNECTION_BAR (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_connection_bar_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TroupeConnectionBar *self = TROUPE_CONNECTION_BAR (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      troupe_connection_bar_set_connection (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_connection_bar_class_init (TroupeConnectionBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = troupe_connection_bar_dispose;
  object_class->get_property = troupe_connection_bar_get_property;
  object_class->set_property = troupe_connection_bar_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL,
                         TROUPE_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/troupe/Troupe/troupe-connection-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, TroupeConnectionBar, button_box);
  gtk_widget_class_bind_template_child (widget_class, TroupeConnectionBar, content);
  gtk_widget_class_bind_template_child (widget_class, TroupeConnectionBar, error_label);
  gtk_widget_class_bind_template_child (widget_class, TroupeConnectionBar, icon);
  gtk_widget_class_bind_template_child (widget_class, TroupeConnectionBar, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, TroupeConnectionBar, preferences_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeConnectionBar, retry_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeConnectionBar, spinner);
  gtk_widget_class_bind_template_child (widget_class, TroupeConnectionBar, title_label);

  gtk_widget_class_install_action (widget_class, "connection-bar.retry", NULL, retry_activated);
  gtk_widget_class_install_action (widget_class, "connection-bar.preferences", NULL, preferences_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "connectionbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
troupe_connection_bar_init (TroupeConnectionBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->connection_signals = g_signal_group_new (TROUPE_TYPE_CONNECTION);
  g_signal_group_connect_object (self->connection_signals, "notify",
                                 G_CALLBACK (connection_changed_cb), self,
                                 G_CONNECT_SWAPPED);
  update (self);
}

TroupeConnectionBar *
troupe_connection_bar_new (TroupeConnection *connection)
{
  g_return_val_if_fail (connection == NULL || TROUPE_IS_CONNECTION (connection), NULL);

  return g_object_new (TROUPE_TYPE_CONNECTION_BAR,
                       "connection", connection,
                       NULL);
}
