/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The memory frames paint into (app/troupe-paint-memory.c): on X11 with
 * Cairo, as the tests run and as the app runs without a GPU, a window keeps
 * a shared-memory image once it has painted, and a window closed before
 * that comes to no harm. */
#include "config.h"

#include <adwaita.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "troupe-paint-memory.h"
#include "troupe-test-ui.h"

#define KEPT "troupe-paint-memory-kept"

static gboolean
has_kept (gpointer data)
{
  return g_object_get_data (data, KEPT) != NULL;
}

static gboolean
x11_with_cairo (GtkWindow *window)
{
  return GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (window))) &&
         GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (GTK_NATIVE (window)));
}

/* Kept once the window has painted, and given back with the window. */
static void
test_kept_after_the_first_frame (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  cairo_surface_t *kept;

  troupe_paint_memory_keep_pool (window);
  gtk_window_set_default_size (window, 400, 300);
  gtk_window_present (window);
  troupe_test_ui_wait_for_paint (GTK_WIDGET (window));
  if (!x11_with_cairo (window))
    {
      gtk_window_destroy (window);
      g_test_skip ("not drawn with Cairo on X11");
      return;
    }
  troupe_test_wait_until (has_kept, window, "the kept image");
  kept = g_object_get_data (G_OBJECT (window), KEPT);
  g_assert_cmpint (cairo_surface_status (kept), ==, CAIRO_STATUS_SUCCESS);
  /* As large as the window: the pool it came from holds a whole frame. */
  g_assert_cmpint (cairo_image_surface_get_width (kept), ==, gtk_widget_get_width (GTK_WIDGET (window)));
  gtk_window_destroy (window);
  troupe_test_ui_iterate (100);
}

/* Closed right after its first frame, before the idle that keeps the
 * image: nothing is made for a window that is gone (it crashed). */
static void
test_closed_after_the_first_frame (void)
{
  for (guint i = 0; i < 5; i++)
    {
      GtkWindow *window = GTK_WINDOW (gtk_window_new ());

      troupe_paint_memory_keep_pool (window);
      gtk_window_present (window);
      troupe_test_ui_wait_for_paint (GTK_WIDGET (window));
      gtk_window_destroy (window);
      troupe_test_ui_iterate (100);
    }
}

int
main (int   argc,
      char *argv[])
{
  troupe_test_ui_init (&argc, &argv);

  g_test_add_func ("/troupe/paint-memory/kept-after-the-first-frame", test_kept_after_the_first_frame);
  g_test_add_func ("/troupe/paint-memory/closed-after-the-first-frame", test_closed_after_the_first_frame);
  return g_test_run ();
}
