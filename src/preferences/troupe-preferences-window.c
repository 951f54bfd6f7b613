/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-preferences-window-private.h"

enum {
  PROP_0,
  PROP_APPLICATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TroupePreferencesWindow, troupe_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The combo row's positions follow the StyleVariant enum's values. */
static gboolean
style_to_selected (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);
  guint selected = 0;

  if (g_str_equal (nick, "light"))
    selected = 1;
  else if (g_str_equal (nick, "dark"))
    selected = 2;
  g_value_set_uint (value, selected);
  return TRUE;
}

static GVariant *
selected_to_style (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  static const char *nicks[] = { "follow", "light", "dark" };
  guint selected = g_value_get_uint (value);

  return g_variant_new_string (nicks[MIN (selected, G_N_ELEMENTS (nicks) - 1)]);
}

static void
troupe_preferences_window_constructed (GObject *object)
{
  TroupePreferencesWindow *self = TROUPE_PREFERENCES_WINDOW (object);
  GSettings *settings = troupe_application_get_settings (self->application);

  G_OBJECT_CLASS (troupe_preferences_window_parent_class)->constructed (object);

  g_settings_bind_with_mapping (settings, "style-variant",
                                self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                style_to_selected, selected_to_style,
                                NULL, NULL);
  g_settings_bind (settings, "push-to-talk-toggle", self->push_to_talk_switch, "active", G_SETTINGS_BIND_DEFAULT);
  troupe_preferences_connection_setup (self);
}

static void
troupe_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  TroupePreferencesWindow *self = TROUPE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      self->application = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_preferences_window_dispose (GObject *object)
{
  TroupePreferencesWindow *self = TROUPE_PREFERENCES_WINDOW (object);

  troupe_preferences_connection_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TROUPE_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (troupe_preferences_window_parent_class)->dispose (object);
}

static void
troupe_preferences_window_class_init (TroupePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = troupe_preferences_window_constructed;
  object_class->dispose = troupe_preferences_window_dispose;
  object_class->set_property = troupe_preferences_window_set_property;

  properties[PROP_APPLICATION] =
    g_param_spec_object ("troupe-application", NULL, NULL,
                         TROUPE_TYPE_APPLICATION,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/troupe/Troupe/troupe-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TroupePreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, TroupePreferencesWindow, push_to_talk_switch);
  troupe_preferences_connection_class_init (widget_class);
}

static void
troupe_preferences_window_init (TroupePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TroupePreferencesWindow *
troupe_preferences_window_new (TroupeApplication *application)
{
  g_return_val_if_fail (TROUPE_IS_APPLICATION (application), NULL);

  return g_object_new (TROUPE_TYPE_PREFERENCES_WINDOW,
                       "troupe-application", application,
                       NULL);
}
