/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The upload queue's view against a real sandbox: rows follow the uploads
 * (progress, the reason one stopped), Cancel, Retry and Cancel All through
 * the widgets' actions; renders of it sending, failed, narrow and dark.
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "troupe-test-sandbox.h"
#include "troupe-test-ui.h"
#include "troupe-test-wait.h"
#include "troupe-upload-row.h"
#include "troupe-upload-view.h"

static GFile *
write_file (const char *dir,
            const char *name,
            gsize       size)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = g_malloc0 (size + 1);

  memset (contents, 'x', size);
  g_assert_true (g_file_set_contents (path, contents, size, NULL));
  return g_file_new_for_path (path);
}

static gboolean
finished (gpointer data)
{
  TroupeUploadState state = troupe_upload_get_state (data);

  return state != TROUPE_UPLOAD_QUEUED && state != TROUPE_UPLOAD_SENDING;
}

static gboolean
has_progress (gpointer data)
{
  return troupe_upload_get_bytes_sent (data) > 0;
}

static TroupeUploadRow *
row_at (GtkWidget *view,
        int        index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (troupe_upload_view_get_list (TROUPE_UPLOAD_VIEW (view)), index);

  g_assert_true (TROUPE_IS_UPLOAD_ROW (row));
  return TROUPE_UPLOAD_ROW (row);
}

static void
test_view (void)
{
  /* Slow replies, so the big file is seen sending. */
  const char *args[] = { "--fault-delay-ms=3000", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_autoptr(ConvaiClient) client = convai_client_new (sandbox->base_url, sandbox->api_key);
  g_autoptr(TroupeUploadQueue) queue = troupe_upload_queue_new ();
  g_autofree char *dir = g_dir_make_tmp ("upload-view-XXXXXX", NULL);
  g_autoptr(GFile) big = write_file (dir, "lighthouse-keeper-logbook-1887-to-1923-complete-transcription.txt", 8 * 1024 * 1024);
  g_autoptr(GFile) small = write_file (dir, "notes.md", 100);
  g_autoptr(GFile) photo = write_file (dir, "photo.jpg", 100);
  g_autoptr(GFile) last = write_file (dir, "last.csv", 100);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = troupe_upload_view_new (queue);
  TroupeUpload *sending, *done, *refused, *waiting;
  g_autofree char *command = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 640, 420);
  gtk_widget_set_margin_start (view, 12);
  gtk_widget_set_margin_end (view, 12);
  gtk_widget_set_margin_top (view, 12);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (view)); /* empty: hidden */

  troupe_upload_queue_set_client (queue, client);
  done = troupe_upload_queue_add_file (queue, small, NULL);
  refused = troupe_upload_queue_add_file (queue, photo, NULL);
  g_assert_true (gtk_widget_get_visible (view));
  troupe_test_wait_until (finished, done, "the small file");
  troupe_test_wait_until (finished, refused, "the photo refused");
  /* The server answers 3 s after the big one is sent: time to look and cancel. */
  sending = troupe_upload_queue_add_file (queue, big, NULL);
  waiting = troupe_upload_queue_add_file (queue, last, NULL);
  troupe_test_wait_until (has_progress, sending, "the big file sending");
  g_assert_cmpint (troupe_upload_get_state (done), ==, TROUPE_UPLOAD_DONE);
  g_assert_cmpint (troupe_upload_get_state (refused), ==, TROUPE_UPLOAD_REFUSED);
  g_assert_cmpstr (troupe_upload_row_get_status (row_at (view, 1)), ==, troupe_upload_get_error_message (refused));
  g_assert_cmpstr (troupe_upload_row_get_status (row_at (view, 0)), ==, "Uploaded");
  g_free (troupe_test_ui_render_png (window, "upload-view"));

  /* Cancel the waiting one from its row, then Cancel All stops the big one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row_at (view, 3)), "upload.cancel", NULL));
  troupe_test_wait_until (finished, waiting, "the last file cancelled");
  g_assert_cmpint (troupe_upload_get_state (waiting), ==, TROUPE_UPLOAD_CANCELLED);
  g_assert_true (gtk_widget_activate_action (view, "uploads.cancel-all", NULL));
  troupe_test_wait_until (finished, sending, "the big file cancelled");
  g_assert_cmpint (troupe_upload_get_state (sending), ==, TROUPE_UPLOAD_CANCELLED);
  g_assert_nonnull (strstr (troupe_upload_row_get_status (row_at (view, 2)), "starts over"));
  troupe_test_ui_iterate (50);
  g_free (troupe_test_ui_render_png (window, "upload-view-stopped"));

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 420);
  troupe_test_ui_iterate (100);
  g_free (troupe_test_ui_render_png (window, "upload-view-narrow"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  troupe_test_ui_iterate (100);
  g_free (troupe_test_ui_render_png (window, "upload-view-dark"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Retry from the row: starts over and goes up. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row_at (view, 3)), "upload.retry", NULL));
  troupe_test_wait_until (finished, waiting, "the last file retried");
  g_assert_cmpint (troupe_upload_get_state (waiting), ==, TROUPE_UPLOAD_DONE);

  /* Clear Finished takes the done, cancelled and refused rows away. */
  g_assert_true (gtk_widget_activate_action (view, "uploads.clear-finished", NULL));
  troupe_test_ui_iterate (50);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (queue)); i++)
    {
      g_autoptr(TroupeUpload) left = g_list_model_get_item (G_LIST_MODEL (queue), i);
      TroupeUploadState state = troupe_upload_get_state (left);

      g_assert_true (state != TROUPE_UPLOAD_DONE && state != TROUPE_UPLOAD_CANCELLED && state != TROUPE_UPLOAD_REFUSED);
    }
  /* Every upload here ended so: no row is left, and the view hides. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 0);
  g_assert_null (gtk_list_box_get_row_at_index (troupe_upload_view_get_list (TROUPE_UPLOAD_VIEW (view)), 0));
  g_assert_false (gtk_widget_get_visible (view));

  gtk_window_destroy (GTK_WINDOW (window));
  command = g_strdup_printf ("rm -rf '%s'", dir);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
}

static void
frame_painted_cb (GdkFrameClock *clock,
                  guint         *frames)
{
  (*frames)++;
}

static gboolean
two_frames_painted (gpointer data)
{
  return *(guint *) data >= 2;
}

/* However often an upload notifies, its row shows progress at most once a
 * frame, and does nothing between frames. Here the upload waits (no
 * client), and a thousand notifications come in one burst. */
static void
test_progress_coalesced (void)
{
  g_autoptr(TroupeUploadQueue) queue = troupe_upload_queue_new ();
  g_autofree char *dir = g_dir_make_tmp ("upload-view-XXXXXX", NULL);
  g_autoptr(GFile) file = write_file (dir, "notes.md", 100);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = troupe_upload_view_new (queue);
  TroupeUpload *upload = troupe_upload_queue_add_file (queue, file, NULL);
  TroupeUploadRow *row;
  GdkFrameClock *clock;
  guint frames = 0, before;
  gulong handler;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  troupe_test_ui_wait_for_paint (window);
  row = row_at (view, 0);
  g_assert_cmpstr (troupe_upload_row_get_status (row), ==, "Waiting");
  before = troupe_upload_row_get_n_refreshes (row);

  clock = gtk_widget_get_frame_clock (window);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_painted_cb), &frames);
  for (guint i = 0; i < 1000; i++)
    g_object_notify (G_OBJECT (upload), "bytes-sent");
  g_assert_cmpuint (troupe_upload_row_get_n_refreshes (row), ==, before);
  troupe_test_wait_until (two_frames_painted, &frames, "two frames");
  g_signal_handler_disconnect (clock, handler);
  g_test_message ("%u refreshes in %u frames", troupe_upload_row_get_n_refreshes (row) - before, frames);
  g_assert_cmpuint (troupe_upload_row_get_n_refreshes (row), >, before);
  g_assert_cmpuint (troupe_upload_row_get_n_refreshes (row) - before, <=, frames);
  g_assert_cmpstr (troupe_upload_row_get_status (row), ==, "Waiting");
  g_assert_cmpfloat (troupe_upload_row_get_fraction (row), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_file_delete (file, NULL, NULL);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  troupe_test_ui_init (&argc, &argv);
  g_test_add_func ("/upload-view/actions-and-renders", test_view);
  g_test_add_func ("/upload-view/progress-coalesced", test_progress_coalesced);
  return g_test_run ();
}
