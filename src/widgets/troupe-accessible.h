/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives every labelled button and check button under @root (itself
 * included) its visible label as its one accessible name. */
void troupe_accessible_name_buttons (GtkWidget *root);

/* Does the same for every window, dialog and popover the app shows, as it
 * is first realized. Call once, at startup. */
void troupe_accessible_install      (void);

/* Names the row that shows @item in a list view: GTK 4.8 leaves it
 * unnamed (GtkListItem:accessible-label came in GTK 4.12). */
void troupe_accessible_name_list_row (GtkListItem *item,
                                      const char  *name);

G_END_DECLS
