/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-report"

#include "config.h"

#include "troupe-error-text.h"
#include "troupe-report.h"

G_DEFINE_INTERFACE (TroupeReporter, troupe_reporter, GTK_TYPE_WIDGET)

static void
troupe_reporter_default_init (TroupeReporterInterface *iface)
{
}

/* The nearest reporter at or above @from. Nothing a person should read is
 * dropped: with none (a widget not in a window yet) it goes to the log. */
static TroupeReporter *
find_reporter (GtkWidget *from)
{
  GtkWidget *widget = gtk_widget_get_ancestor (from, TROUPE_TYPE_REPORTER);

  return widget != NULL ? TROUPE_REPORTER (widget) : NULL;
}

void
troupe_report_problem (GtkWidget  *from,
                       const char *text)
{
  TroupeReporter *reporter;

  g_return_if_fail (GTK_IS_WIDGET (from));
  g_return_if_fail (text != NULL);

  if ((reporter = find_reporter (from)) != NULL)
    TROUPE_REPORTER_GET_IFACE (reporter)->show_problem (reporter, text);
  else
    g_message ("%s", text);
}

void
troupe_report_error (GtkWidget    *from,
                     const char   *failed,
                     const GError *error)
{
  g_autofree char *text = NULL;

  g_return_if_fail (GTK_IS_WIDGET (from));
  g_return_if_fail (failed != NULL && error != NULL);

  text = troupe_error_text (failed, error);
  troupe_report_problem (from, text);
}

void
troupe_report_clear (GtkWidget *from)
{
  TroupeReporter *reporter;

  g_return_if_fail (GTK_IS_WIDGET (from));

  if ((reporter = find_reporter (from)) != NULL)
    TROUPE_REPORTER_GET_IFACE (reporter)->clear_problem (reporter);
}

void
troupe_report_toast (GtkWidget  *from,
                     const char *text)
{
  TroupeReporter *reporter;

  g_return_if_fail (GTK_IS_WIDGET (from));
  g_return_if_fail (text != NULL);

  if ((reporter = find_reporter (from)) != NULL)
    TROUPE_REPORTER_GET_IFACE (reporter)->show_toast (reporter, text);
  else
    g_message ("%s", text);
}
