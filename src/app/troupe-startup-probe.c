/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-startup-probe"

#include "config.h"

#include <stdio.h>

#include "troupe-startup-probe.h"

/* The cold-start benchmark (tests/bench/bench-startup.c) runs the real
 * binary with TROUPE_STARTUP_PROBE=1: on the first painted frame of the main
 * window it prints the monotonic clock, which is system-wide, and quits. A
 * normal run never sets it and pays one getenv. */

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  printf ("FIRST_FRAME %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_application_quit (app);
}

static void
window_realized_cb (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), window);
}

void
troupe_startup_probe_watch (GtkWidget *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (g_getenv ("TROUPE_STARTUP_PROBE") == NULL)
    return;
  g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), NULL);
}
