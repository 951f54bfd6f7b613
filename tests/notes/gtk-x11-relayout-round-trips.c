/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Not built: the evidence for TroupeUploadProgress, the upload row's
 * GtkInscription and its tick (issue 11, no frame over 16 ms during a 1 GiB
 * upload). A 640x300 window with a GtkProgressBar, a GtkLabel, a
 * GtkInscription and a GtkDrawingArea; 200 times, 20 ms apart, one of them
 * changes, and the X round trips (libX11's _XReply) are counted.
 *
 *   gcc -o relayout tests/notes/gtk-x11-relayout-round-trips.c $(pkg-config --cflags --libs gtk4)
 *   perf probe -x /usr/lib/x86_64-linux-gnu/libX11.so.6 _XReply
 *   for m in none bar label inscription draw draw-in-tick; do
 *     GSK_RENDERER=cairo GDK_DEBUG=gl-disable xvfb-run -a \
 *       perf stat -e probe_libX11:_XReply ./relayout $m; done
 *
 * GTK 4.8.3 on Debian 12, Xvfb (no window manager), 200 changes:
 *   none 309 (start-up), bar 5,296, label 5,278, inscription 1,099,
 *   draw 1,079, draw-in-tick 1,079.
 * So a progress bar's new fraction or a label's new text costs about 25
 * round trips (any allocation makes GtkWindow lay the toplevel out, and
 * GDK's X11 backend asks for the monitor and its work area each time); an
 * inscription's new text or a redraw about 4, from a tick or not (GDK's
 * frame bookkeeping, which without a window manager asks the root window
 * for one every painted frame; with one it is cached). While an upload and
 * the server keep both CPUs busy, each round trip waits for Xvfb to be
 * scheduled: the upload's 20-80 ms frames. */
#include <gtk/gtk.h>

static GtkWidget *bar, *label, *inscription, *area;
static const char *mode;
static guint n;

static gboolean
redraw_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  gtk_widget_queue_draw (widget);
  return G_SOURCE_REMOVE;
}

static gboolean
change_cb (gpointer loop)
{
  char text[64];

  g_snprintf (text, sizeof text, "%u.%u MB of 1.0 GB", n, n % 10);
  if (g_str_equal (mode, "bar"))
    gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), (n % 100) / 100.0);
  else if (g_str_equal (mode, "label"))
    gtk_label_set_text (GTK_LABEL (label), text);
  else if (g_str_equal (mode, "inscription"))
    gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
  else if (g_str_equal (mode, "draw"))
    gtk_widget_queue_draw (area);
  else if (g_str_equal (mode, "draw-in-tick"))
    gtk_widget_add_tick_callback (area, redraw_tick_cb, NULL, NULL);
  if (++n < 200)
    return G_SOURCE_CONTINUE;
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static gboolean
start_cb (gpointer loop)
{
  g_timeout_add (20, change_cb, loop);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  GtkWidget *window, *box;

  gtk_init ();
  mode = argc > 1 ? argv[1] : "none";
  window = gtk_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  bar = gtk_progress_bar_new ();
  label = gtk_label_new ("x");
  inscription = gtk_inscription_new ("y");
  area = gtk_drawing_area_new ();
  gtk_widget_set_size_request (area, 100, 10);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), inscription);
  gtk_box_append (GTK_BOX (box), area);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 300);
  gtk_window_present (GTK_WINDOW (window));
  /* Changes start once the window is up and settled. */
  g_timeout_add (500, start_cb, loop);
  g_main_loop_run (loop);
  return 0;
}
