/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "troupe-connection.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_CONNECTION_BAR (troupe_connection_bar_get_type ())

G_DECLARE_FINAL_TYPE (TroupeConnectionBar, troupe_connection_bar, TROUPE, CONNECTION_BAR, GtkWidget)

/* A slim bar that always says which mode and endpoint the app talks to
 * ("Offline sandbox · 127.0.0.1:41234"), a spinner while connecting, and
 * when the connection failed, why, with Retry and Preferences buttons.
 * Usable from a .ui file (g_type_ensure it first); set "connection". */
TroupeConnectionBar *troupe_connection_bar_new            (TroupeConnection    *connection);
TroupeConnection    *troupe_connection_bar_get_connection (TroupeConnectionBar *self);
void                 troupe_connection_bar_set_connection (TroupeConnectionBar *self,
                                                           TroupeConnection    *connection);

G_END_DECLS
