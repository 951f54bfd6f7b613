/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <glib/gstdio.h>

#include "troupe-renderer-choice.h"
#include "troupe-test-ui.h"

void
troupe_test_ui_init (int    *argc,
                     char ***argv)
{
  g_autofree char *data_dirs = NULL;

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The isolated data dirs hide the MIME database, without which
   * gdk-pixbuf cannot tell an SVG icon from noise. Nothing of the user's
   * lives there, so the system's dirs come back after the isolated ones. */
  data_dirs = g_strconcat (g_getenv ("XDG_DATA_DIRS"), ":/usr/local/share:/usr/share", NULL);
  g_setenv ("XDG_DATA_DIRS", data_dirs, TRUE);
  /* Render as the app does on this machine, so the PNGs show what it shows. */
  troupe_renderer_choose_for_machine ();
  gtk_init ();
  adw_init ();
}

/* Runs the main loop for about @ms milliseconds. */
void
troupe_test_ui_iterate (guint ms)
{
  troupe_test_iterate (ms);
}

/* ---- how long the main loop went without polling ---- */

/* A source of the highest priority is prepared first and checked in every
 * iteration: from its check (the poll returned) to its next prepare is
 * what that iteration dispatched, frames and idles and I/O alike. */
typedef struct
{
  GSource source;
  gint64  checked;    /* when the last poll returned; 0 before the first */
  gint64  longest;
} LoopWatch;

static gboolean
loop_watch_prepare (GSource *source,
                    int     *timeout)
{
  LoopWatch *watch = (LoopWatch *) source;

  if (watch->checked != 0)
    watch->longest = MAX (watch->longest, g_get_monotonic_time () - watch->checked);
  watch->checked = 0;
  *timeout = -1;
  return FALSE;
}

static gboolean
loop_watch_check (GSource *source)
{
  ((LoopWatch *) source)->checked = g_get_monotonic_time ();
  return FALSE;
}

static GSourceFuncs loop_watch_funcs = { loop_watch_prepare, loop_watch_check, NULL, NULL, NULL, NULL };

GSource *
troupe_test_ui_watch_loop (void)
{
  GSource *source = g_source_new (&loop_watch_funcs, sizeof (LoopWatch));

  g_source_set_priority (source, G_PRIORITY_HIGH - 100);
  g_source_set_name (source, "[troupe-test] loop watch");
  g_source_attach (source, NULL);
  return source;
}

gint64
troupe_test_ui_loop_longest_us (GSource *watch)
{
  return ((LoopWatch *) watch)->longest;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
widget_realized (gpointer data)
{
  return gtk_widget_get_realized (data);
}

/* Returns once the widget's frame clock has painted a frame, so what is
 * rendered is what a person would see. */
void
troupe_test_ui_wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;

  troupe_test_wait_until (widget_realized, widget, "the widget to be realized");
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  troupe_test_wait_for_flag (&painted, "a frame to be painted");
  g_signal_handler_disconnect (clock, handler);
}

/* Renders @widget as it is on screen to $TROUPE_TEST_OUTPUT_DIR/@name.png
 * and returns the path. */
char *
troupe_test_ui_render_png (GtkWidget  *widget,
                           const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = g_strconcat (name, ".png", NULL);
  const char *dir = g_getenv ("TROUPE_TEST_OUTPUT_DIR");
  char *path;
  GskRenderer *renderer;
  int width, height;

  troupe_test_ui_wait_for_paint (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (dir);
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("rendered %s", path);
  return path;
}

/* One registered application per process, as in the real app: GApplication
 * can be registered only once, and every window of a test needs one. */
TroupeApplication *
troupe_test_ui_register_application (void)
{
  static TroupeApplication *app;
  g_autoptr(GError) error = NULL;

  if (app != NULL)
    return g_object_ref (app);
  app = troupe_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return g_object_ref (app);
}

typedef struct
{
  GType      type;
  GtkWindow *found;
} WindowSearch;

static gboolean
window_shown (gpointer data)
{
  WindowSearch *search = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, search->type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          search->found = GTK_WINDOW (window);
          return TRUE;
        }
    }
  return FALSE;
}

GtkWindow *
troupe_test_ui_wait_for_window (GType type)
{
  WindowSearch search = { type, NULL };
  g_autofree char *what = g_strdup_printf ("a %s to be shown", g_type_name (type));

  troupe_test_wait_until (window_shown, &search, what);
  return search.found;
}

/* ---- finding controls ---- */

typedef gboolean (*WidgetMatch) (GtkWidget     *widget,
                                 gconstpointer  data);

/* The @n-th widget under @root (itself included) that @match accepts,
 * counting down *@n, in tree order. */
static GtkWidget *
find_widget (GtkWidget     *root,
             WidgetMatch    match,
             gconstpointer  data,
             guint         *n)
{
  if (match (root, data) && (*n)-- == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data, n);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_one (GtkWidget   *root,
          WidgetMatch  match,
          const char  *text,
          const char  *what)
{
  guint n = 0;
  GtkWidget *found;

  g_assert_true (GTK_IS_WIDGET (root));
  found = find_widget (root, match, text, &n);
  if (found == NULL)
    g_error ("no %s “%s” in the %s", what, text, G_OBJECT_TYPE_NAME (root));
  return found;
}

/* "API _Base URL" as a person reads it: "API Base URL". */
static char *
without_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static gboolean
row_titled (GtkWidget     *widget,
            gconstpointer  data)
{
  const char *title = data;
  g_autofree char *shown = NULL;

  if (!ADW_IS_PREFERENCES_ROW (widget))
    return FALSE;
  shown = adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (widget))
            ? without_mnemonic (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)))
            : g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  return g_strcmp0 (shown, title) == 0;
}

GtkWidget *
troupe_test_ui_find_row (GtkWidget  *root,
                         const char *title)
{
  return find_one (root, row_titled, title, "row");
}

static gboolean
group_titled (GtkWidget     *widget,
              gconstpointer  data)
{
  const char *title = data;

  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

GtkWidget *
troupe_test_ui_find_group (GtkWidget  *root,
                           const char *title)
{
  return find_one (root, group_titled, title, "group");
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  data)
{
  const char *action_name = data;

  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

GtkWidget *
troupe_test_ui_find_by_action (GtkWidget  *root,
                               const char *action_name)
{
  return find_one (root, has_action, action_name, "control for the action");
}

static gboolean
label_contains (GtkWidget     *widget,
                gconstpointer  data)
{
  const char *text = data;

  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

GtkLabel *
troupe_test_ui_find_label (GtkWidget  *root,
                           const char *text)
{
  return GTK_LABEL (find_one (root, label_contains, text, "label saying"));
}

gboolean
troupe_test_ui_text_on_screen (GtkWidget  *root,
                               GtkWidget  *viewport,
                               const char *text)
{
  guint n = 0;
  GtkWidget *label = find_widget (root, label_contains, text, &n);
  graphene_rect_t bounds;

  return label != NULL && gtk_widget_get_mapped (label) &&
         gtk_widget_compute_bounds (label, viewport, &bounds) && bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (viewport);
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

GtkWidget *
troupe_test_ui_find_by_type (GtkWidget *root,
                             GType      type,
                             guint      n)
{
  g_assert_true (GTK_IS_WIDGET (root));
  return find_widget (root, is_of_type, GSIZE_TO_POINTER (type), &n);
}

char *
troupe_test_ui_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
