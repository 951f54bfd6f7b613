/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A failed call as a person needs it: what failed (@failed, e.g. "Could
 * not save “Ada”"), the server's own words, and what to do next. */
char *troupe_error_text (const char   *failed,
                         const GError *error);

G_END_DECLS
