/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Starts the process again, once, with glibc backing its heap with huge
 * pages where the kernel gives them on request. Call first in main(),
 * before any thread or window; returns at once when there is nothing to do. */
void troupe_paint_memory_prefer_huge_pages (char      **argv);
/* With Cairo on X11: keeps the shared memory @window's frames are copied
 * through, rather than Cairo making it anew for each frame. */
void troupe_paint_memory_keep_pool         (GtkWindow  *window);

G_END_DECLS
