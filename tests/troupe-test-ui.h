/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "troupe-application.h"

G_BEGIN_DECLS

void  troupe_test_ui_init            (int         *argc,
                                      char      ***argv);
void  troupe_test_ui_wait_for_paint  (GtkWidget   *widget);
void  troupe_test_ui_iterate         (guint        ms);
char *troupe_test_ui_render_png      (GtkWidget   *widget,
                                      const char  *name);

/* The process's one registered TroupeApplication (a new reference). */
TroupeApplication *troupe_test_ui_register_application (void);

G_END_DECLS
