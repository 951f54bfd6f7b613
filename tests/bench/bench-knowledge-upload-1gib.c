/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A 1 GiB Knowledge Bank upload through the GUI's upload queue, its view
 * shown in a real window, against `curl -F` to the same sandbox in the same
 * run. Targets: >= 0.9x curl's throughput; RSS growth <= 32 MiB; no frame
 * (frame clock update → after-paint) and no main-loop stall (the gap between
 * runs of a 4 ms high-priority timeout, less its interval) over 16 ms. */
#include <adwaita.h>
#include <glib/gstdio.h>

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "troupe-test-sandbox.h"
#include "troupe-test-ui.h"
#include "troupe-upload-view.h"

#define FILE_SIZE      (G_GINT64_CONSTANT (1) << 30)
#define TARGET_RATIO   0.9
#define MAX_GROWTH_KIB (32 * 1024)
#define MAX_FRAME_US   16000
#define PROBE_MS       4

typedef struct
{
  gint64 last_probe;
  gint64 worst_stall;
  gint64 frame_start;
  gint64 worst_frame;
  guint frames;
  guint worst_frame_index;
} Watch;

static gint64
read_status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  line = status ? strstr (status, field) : NULL;
  return line ? g_ascii_strtoll (line + strlen (field) + 1, NULL, 10) : -1;
}

static void
reset_peak_rss (void)
{
  int fd = open ("/proc/self/clear_refs", O_WRONLY);

  if (fd >= 0)
    {
      if (write (fd, "5", 1) != 1)
        g_printerr ("knowledge-upload-1gib: could not reset the peak RSS\n");
      close (fd);
    }
}

static gboolean
probe_cb (gpointer data)
{
  Watch *watch = data;
  gint64 now = g_get_monotonic_time ();

  if (watch->last_probe != 0)
    watch->worst_stall = MAX (watch->worst_stall, now - watch->last_probe - PROBE_MS * 1000);
  watch->last_probe = now;
  return G_SOURCE_CONTINUE;
}

static void
update_cb (GdkFrameClock *clock,
           Watch         *watch)
{
  watch->frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Watch         *watch)
{
  if (watch->frame_start != 0)
    {
      gint64 length = g_get_monotonic_time () - watch->frame_start;

      if (length > watch->worst_frame)
        {
          watch->worst_frame = length;
          watch->worst_frame_index = watch->frames;
        }
      watch->frames++;
    }
  watch->frame_start = 0;
}

static double
upload_with_curl (TroupeTestSandbox *sandbox,
                  const char        *path)
{
  g_autofree char *header = g_strdup_printf ("CONVAI-API-KEY: %s", sandbox->api_key);
  g_autofree char *file_arg = g_strdup_printf ("file=@%s", path);
  g_autofree char *url = g_strdup_printf ("%s/character/knowledge-bank/upload", sandbox->base_url);
  const char *argv[] = { "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", header,
                         "-F", "file_name=big.txt", "-F", file_arg, url, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "200");
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static void
warm_file (const char *path)
{
  g_autofree char *buffer = g_malloc (1024 * 1024);
  int fd = open (path, O_RDONLY);

  g_assert_cmpint (fd, >=, 0);
  while (read (fd, buffer, 1024 * 1024) > 0)
    ;
  close (fd);
}

static void
wait_done (TroupeUpload *upload)
{
  while (troupe_upload_get_state (upload) == TROUPE_UPLOAD_QUEUED ||
         troupe_upload_get_state (upload) == TROUPE_UPLOAD_SENDING)
    g_main_context_iteration (NULL, TRUE);
  if (troupe_upload_get_state (upload) != TROUPE_UPLOAD_DONE)
    g_error ("the upload did not finish: %s", troupe_upload_get_error_message (upload));
}

int
main (int   argc,
      char *argv[])
{
  const char *sandbox_args[] = { "--max-upload=2147483648", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = NULL;
  g_autoptr(ConvaiClient) client = NULL;
  g_autoptr(TroupeUploadQueue) queue = NULL;
  g_autofree char *dir = g_dir_make_tmp ("troupe-kb-upload-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.txt", NULL);
  g_autofree char *small_path = g_build_filename (dir, "warm-up.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) small = g_file_new_for_path (small_path);
  GtkWidget *window, *view;
  GdkFrameClock *clock;
  Watch watch = { 0 };
  TroupeUpload *upload;
  gint64 baseline, peak, start;
  double ours, curl, ratio;
  guint probe;
  gboolean ok;
  int fd;

  troupe_test_ui_init (&argc, &argv);
  sandbox = troupe_test_sandbox_start (sandbox_args);
  client = convai_client_new (sandbox->base_url, sandbox->api_key);
  queue = troupe_upload_queue_new ();
  troupe_upload_queue_set_max_bytes (queue, 2 * FILE_SIZE);
  troupe_upload_queue_set_client (queue, client);

  /* A sparse file: 1 GiB to read, no disk to fill. */
  fd = open (path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, FILE_SIZE), ==, 0);
  close (fd);
  g_assert_true (g_file_set_contents (small_path, "warm-up", -1, NULL));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 300);
  view = troupe_upload_view_new (queue);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  /* Warm up: the session, its connection, the row's widgets. */
  wait_done (troupe_upload_queue_add_file (queue, small, NULL));
  troupe_test_ui_wait_for_paint (window);
  warm_file (path);

  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "update", G_CALLBACK (update_cb), &watch);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &watch);
  probe = g_timeout_add_full (G_PRIORITY_HIGH, PROBE_MS, probe_cb, &watch, NULL);
  reset_peak_rss ();
  baseline = read_status_kib ("VmRSS:");
  start = g_get_monotonic_time ();
  upload = troupe_upload_queue_add_file (queue, file, NULL);
  wait_done (upload);
  ours = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  peak = read_status_kib ("VmHWM:");
  g_source_remove (probe);
  g_signal_handlers_disconnect_by_data (clock, &watch);

  warm_file (path);
  curl = upload_with_curl (sandbox, path);

  ratio = curl / ours;
  g_print ("knowledge-upload-1gib: GUI queue %.0f MiB/s (%.2f s), curl -F %.0f MiB/s (%.2f s): %.2fx curl (target >= %.1fx)\n",
           1024 / ours, ours, 1024 / curl, curl, ratio, TARGET_RATIO);
  g_print ("knowledge-upload-1gib: RSS growth %" G_GINT64_FORMAT " KiB (target <= %d KiB)\n",
           peak - baseline, MAX_GROWTH_KIB);
  g_print ("knowledge-upload-1gib: %u frames, longest %.1f ms (frame #%u); longest main-loop stall %.1f ms (target <= %.0f ms)\n",
           watch.frames, watch.worst_frame / 1000.0, watch.worst_frame_index, watch.worst_stall / 1000.0, MAX_FRAME_US / 1000.0);

  ok = ratio >= TARGET_RATIO && peak - baseline <= MAX_GROWTH_KIB &&
       watch.worst_frame <= MAX_FRAME_US && watch.worst_stall <= MAX_FRAME_US;
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_unlink (small_path);
  g_rmdir (dir);
  return ok ? 0 : 1;
}
