/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Memory that frames paint into, kept warm. With Cairo on X11 (the
 * renderer Troupe picks without a GPU, troupe-renderer-choice.c) every
 * frame paints into a fresh image as large as what changed, and copies it
 * to the window through a shared-memory segment. Both came as pages the
 * kernel had not yet handed out: a frame repainting the chat pane touched
 * 600 to 700 new pages, and on a virtual machine each first touch costs
 * 10 to 20 µs, so such a frame took 13 to 25 ms instead of 5
 * (chat-long-session, perf's page-faults event). Two causes, two fixes:
 * - the image is malloc()ed: glibc asked to back its heap with huge pages
 *   takes one fault for 2 MiB instead of 512;
 * - Cairo gives a shared-memory pool back to the system as soon as it is
 *   empty, which it is between two frames: an image of our own, made once
 *   the window has painted, keeps a pool for every frame, and its pages
 *   are touched then rather than in a frame. */
#include "config.h"

#include "troupe-paint-memory.h"

#include <string.h>
#include <unistd.h>

#ifdef GDK_WINDOWING_X11
#include <cairo-xlib.h>
#include <gdk/x11/gdkx.h>
#endif

#define HUGE_PAGES_TUNABLE "glibc.malloc.hugetlb=1"

void
troupe_paint_memory_prefer_huge_pages (char **argv)
{
#if defined(__linux__) && defined(__GLIBC__)
  g_autofree char *mode = NULL;
  const char *tunables = g_getenv ("GLIBC_TUNABLES");
  g_autofree char *with_huge_pages = NULL;

  /* glibc reads its tunables once, at start: only a new start takes them. */
  if (tunables != NULL && strstr (tunables, "glibc.malloc.hugetlb") != NULL)
    return;
  /* Only where huge pages are given on request ("always" needs no asking,
   * "never" gives none). */
  if (!g_file_get_contents ("/sys/kernel/mm/transparent_hugepage/enabled", &mode, NULL, NULL) ||
      strstr (mode, "[madvise]") == NULL)
    return;
  with_huge_pages = tunables != NULL && *tunables != '\0'
                    ? g_strconcat (tunables, ":", HUGE_PAGES_TUNABLE, NULL)
                    : g_strdup (HUGE_PAGES_TUNABLE);
  g_setenv ("GLIBC_TUNABLES", with_huge_pages, TRUE);
  execv ("/proc/self/exe", argv);
  /* Not started again (no /proc): go on as we are, and do not try twice. */
#endif
}

#ifdef GDK_WINDOWING_X11
/* How many window-sized images a frame holds at once: the one it paints,
 * the one Cairo copies to the window through. */
#define IMAGES_PER_FRAME 2

static gboolean
keep_pool_cb (gpointer user_data)
{
  GtkWidget *window = user_data;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *xdisplay;
  Window xid;
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
  cairo_surface_t *window_surface, *kept, *touched[IMAGES_PER_FRAME];

  /* Closed since its first frame. */
  if (!gtk_widget_get_realized (window) || surface == NULL || width <= 0 || height <= 0)
    return G_SOURCE_REMOVE;
  xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (window));
  xid = gdk_x11_surface_get_xid (surface);
  /* Only the display matters (Cairo keeps its pools per display), and the
   * screen's visual is known without asking the X server. */
  window_surface = cairo_xlib_surface_create (xdisplay, xid, DefaultVisual (xdisplay, DefaultScreen (xdisplay)), 1, 1);
  /* Cairo sizes a new pool at eight times the image that asked for it, and
   * frees it once it is empty: an image the size of the window, never
   * painted (so never given pages), makes a pool that window-sized frames
   * fit in and keeps it. */
  kept = cairo_surface_create_similar_image (window_surface, CAIRO_FORMAT_ARGB32, width, height);
  /* Then the pages frames will use are touched once, now, while nothing
   * waits for a frame. */
  for (guint i = 0; i < IMAGES_PER_FRAME; i++)
    {
      cairo_t *cr;

      touched[i] = cairo_surface_create_similar_image (window_surface, CAIRO_FORMAT_ARGB32, width, height);
      cr = cairo_create (touched[i]);
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  for (guint i = 0; i < IMAGES_PER_FRAME; i++)
    cairo_surface_destroy (touched[i]);
  cairo_surface_destroy (window_surface);
  g_object_set_data_full (G_OBJECT (window), "troupe-paint-memory-kept", kept,
                          (GDestroyNotify) cairo_surface_destroy);
  return G_SOURCE_REMOVE;
}

static void
after_first_paint_cb (GdkFrameClock *clock,
                      GtkWidget     *window)
{
  g_signal_handlers_disconnect_by_func (clock, after_first_paint_cb, window);
  g_idle_add_full (G_PRIORITY_LOW, keep_pool_cb, g_object_ref (window), g_object_unref);
}

static void
realize_cb (GtkWidget *window)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  g_signal_handlers_disconnect_by_func (window, realize_cb, NULL);
  if (!GSK_IS_CAIRO_RENDERER (renderer) || !GDK_IS_X11_DISPLAY (gtk_widget_get_display (window)))
    return;
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (after_first_paint_cb), window, 0);
}
#endif

void
troupe_paint_memory_keep_pool (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

#ifdef GDK_WINDOWING_X11
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    realize_cb (GTK_WIDGET (window));
  else
    g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
#endif
}
