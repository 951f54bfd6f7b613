/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "troupe-application.h"
#include "troupe-preferences-window.h"
#include "troupe-test-ui.h"
#include "troupe-window.h"

static TroupeWindow *
open_window (TroupeApplication *app,
             int                width,
             int                height)
{
  TroupeWindow *window = troupe_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  troupe_test_ui_wait_for_paint (GTK_WIDGET (window));
  return window;
}

static void
test_window_title_and_render (void)
{
  g_autoptr(TroupeApplication) app = troupe_test_ui_register_application ();
  TroupeWindow *window = open_window (app, 1000, 680);
  g_autofree char *png = NULL;

  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Troupe"));
  png = troupe_test_ui_render_png (GTK_WIDGET (window), "window-wide");
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_folds_when_narrow (void)
{
  g_autoptr(TroupeApplication) app = troupe_test_ui_register_application ();
  TroupeWindow *window = open_window (app, 360, 600);
  AdwLeaflet *leaflet = ADW_LEAFLET (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)));
  g_autofree char *png = NULL;

  troupe_test_ui_iterate (100);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  png = troupe_test_ui_render_png (GTK_WIDGET (window), "window-narrow");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-content", NULL);
  troupe_test_ui_iterate (400);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) != gtk_widget_get_first_child (GTK_WIDGET (leaflet)));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_size_is_kept (void)
{
  g_autoptr(TroupeApplication) app = troupe_test_ui_register_application ();
  GSettings *settings = troupe_application_get_settings (app);
  TroupeWindow *window = open_window (app, 900, 640);
  int width, height;

  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  window = troupe_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_dark_style (void)
{
  g_autoptr(TroupeApplication) app = troupe_test_ui_register_application ();
  GSettings *settings = troupe_application_get_settings (app);
  TroupeWindow *window;
  TroupePreferencesWindow *prefs;

  g_settings_set_string (settings, "style-variant", "dark");
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  window = open_window (app, 1000, 680);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (window), "window-dark"));

  prefs = troupe_preferences_window_new (app);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (prefs));
  g_free (troupe_test_ui_render_png (GTK_WIDGET (prefs), "preferences-dark"));
  gtk_window_destroy (GTK_WINDOW (prefs));

  g_settings_set_string (settings, "style-variant", "light");
  g_assert_false (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  troupe_test_ui_init (&argc, &argv);

  g_test_add_func ("/troupe/window/title-and-render", test_window_title_and_render);
  g_test_add_func ("/troupe/window/folds-when-narrow", test_window_folds_when_narrow);
  g_test_add_func ("/troupe/window/size-is-kept", test_window_size_is_kept);
  g_test_add_func ("/troupe/window/dark-style", test_window_dark_style);

  return g_test_run ();
}
