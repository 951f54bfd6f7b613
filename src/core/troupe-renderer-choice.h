/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Before GTK starts: on a machine without a GPU render node, draw with
 * Cairo and keep GL closed. A user's own GSK_RENDERER or GDK_DEBUG wins.
 * Changes the environment, so it must run before any thread starts. */
void troupe_renderer_choose_for_machine (void);

G_END_DECLS
