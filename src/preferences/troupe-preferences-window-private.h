/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-preferences-window.h"

G_BEGIN_DECLS

struct _TroupePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  TroupeApplication    *application;
  TroupeConnection     *connection;
  GCancellable         *cancellable;     /* keyring and test calls; cancelled in dispose */
  GCancellable         *test_cancellable;
  gboolean              mode_row_bound;

  /* Template widgets */
  GtkLabel             *account_message_label;
  AdwPreferencesGroup  *account_group;
  AdwPasswordEntryRow  *api_key_row;
  AdwEntryRow          *base_url_row;
  AdwPreferencesGroup  *env_group;
  AdwActionRow         *env_row;
  AdwComboRow          *mode_row;
  GtkImage             *status_icon;
  AdwActionRow         *status_row;
  GtkButton            *test_button;
  GtkImage             *test_icon;
  AdwActionRow         *test_row;
  GtkSpinner           *test_spinner;
  AdwComboRow          *style_row;
  GtkSwitch            *push_to_talk_switch;
};

/* The Connection page, in troupe-preferences-connection.c. */
void troupe_preferences_connection_class_init (GtkWidgetClass          *widget_class);
void troupe_preferences_connection_setup      (TroupePreferencesWindow *self);
void troupe_preferences_connection_dispose    (TroupePreferencesWindow *self);

G_END_DECLS
