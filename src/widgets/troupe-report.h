/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TROUPE_TYPE_REPORTER (troupe_reporter_get_type ())
G_DECLARE_INTERFACE (TroupeReporter, troupe_reporter, TROUPE, REPORTER, GtkWidget)

/* A widget that shows problems (a banner that stays until dismissed or
 * fixed) and news (a toast that goes by itself): the window, a character
 * view. A widget inside one reports through the troupe_report_*()
 * functions, which find the nearest reporter above it. */
struct _TroupeReporterInterface
{
  GTypeInterface parent_iface;

  void (*show_problem) (TroupeReporter *self,
                        const char     *text);
  void (*clear_problem) (TroupeReporter *self);
  void (*show_toast)   (TroupeReporter *self,
                        const char     *text);
};

/* A failed call: what failed (@failed, "Could not save “Ada”"), the
 * server's words and what to do next, in a banner. */
void troupe_report_error   (GtkWidget    *from,
                            const char   *failed,
                            const GError *error);
/* A problem already put in words, in a banner. */
void troupe_report_problem (GtkWidget    *from,
                            const char   *text);
/* The problem is gone (saved, another character opened). */
void troupe_report_clear   (GtkWidget    *from);
/* Something done, in a toast. */
void troupe_report_toast   (GtkWidget    *from,
                            const char   *text);

G_END_DECLS
