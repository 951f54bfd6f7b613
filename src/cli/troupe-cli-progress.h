/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A one-line progress bar for uploads, redrawn in place. It draws only when
 * stdout is a terminal, so pipes and scripts see clean output. */

typedef struct _TroupeCliProgress TroupeCliProgress;

TroupeCliProgress *troupe_cli_progress_new    (const char        *label);
void               troupe_cli_progress_update (TroupeCliProgress *progress,
                                               guint64            done,
                                               guint64            total);
void               troupe_cli_progress_free   (TroupeCliProgress *progress);

/* The text of the bar, without the carriage return: pure, for tests. */
char *troupe_cli_progress_format (const char *label,
                                  guint64     done,
                                  guint64     total,
                                  double      seconds,
                                  guint       bar_width);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroupeCliProgress, troupe_cli_progress_free)

G_END_DECLS
