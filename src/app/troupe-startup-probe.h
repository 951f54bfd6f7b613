/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void troupe_startup_probe_watch (GtkWidget *window);

G_END_DECLS
