/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "troupe-connection.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_APPLICATION (troupe_application_get_type ())

G_DECLARE_FINAL_TYPE (TroupeApplication, troupe_application, TROUPE, APPLICATION, AdwApplication)

TroupeApplication *troupe_application_new          (void);
GSettings         *troupe_application_get_settings (TroupeApplication *self);
/* Created at startup; the sandbox it may run stops at shutdown. */
TroupeConnection  *troupe_application_get_connection (TroupeApplication *self);

typedef struct _TroupePreferencesWindow TroupePreferencesWindow;

/* Opens Preferences over the active window, at @page_name ("connection")
 * or the first page when NULL. */
TroupePreferencesWindow *troupe_application_show_preferences (TroupeApplication *self,
                                                              const char        *page_name);

G_END_DECLS
