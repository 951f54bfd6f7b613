/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A 1 GiB Knowledge Bank upload through the GUI's upload queue, its view
 * shown in a real window, against `curl -F` to the same sandbox in the same
 * run. Targets: >= 0.9x curl's throughput; RSS growth <= 32 MiB; no frame
 * (frame clock update → after-paint) and no main-loop stall (the gap between
 * runs of a 4 ms high-priority timeout, less its interval) over 16 ms.
 *
 * The machine is shared and its timings noisy, so one pair of uploads says
 * little: ROUNDS pairs are run, curl and the app taking turns going first
 * (a load that comes or goes mid-run then falls on both), each pair gives a
 * ratio, and the median ratio is the figure. Both documents are deleted
 * after each pair, so the sandbox's disk writeback of one upload does not
 * slow the next. Frames and stalls are the worst over every app upload. */
#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "troupe-test-sandbox.h"
#include "troupe-test-ui.h"
#include "troupe-test-wait.h"
#include "troupe-upload-row.h"
#include "troupe-upload-view.h"

#define FILE_SIZE      (G_GINT64_CONSTANT (1) << 30)
#define TARGET_RATIO   0.9
#define MAX_GROWTH_KIB (32 * 1024)
#define MAX_FRAME_US   16000
#define PROBE_MS       4
#define ROUNDS         5

/* One frame's phases, to tell layout from drawing from waiting. Each mark
 * is taken by a handler connected after GTK's, so it ends its phase. */
typedef struct
{
  gint64 update;
  gint64 layout;
  gint64 paint;
  gint64 end;
  gint64 cpu;     /* the main thread's CPU time over the frame */
} Frame;

typedef struct
{
  gint64 last_probe;
  gint64 last_probe_cpu;
  gint64 worst_stall;
  gint64 worst_stall_cpu;  /* the main thread's CPU time over it */
  Frame current;
  Frame worst;
  GArray *lengths;  /* every frame's length, µs */
  guint refreshes;  /* times the upload's row showed new progress */
} Watch;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

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
  gint64 cpu = thread_cpu_us ();

  if (watch->last_probe != 0 && now - watch->last_probe - PROBE_MS * 1000 > watch->worst_stall)
    {
      watch->worst_stall = now - watch->last_probe - PROBE_MS * 1000;
      watch->worst_stall_cpu = cpu - watch->last_probe_cpu;
    }
  watch->last_probe = now;
  watch->last_probe_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void
update_cb (GdkFrameClock *clock,
           Watch         *watch)
{
  watch->current = (Frame) { .update = g_get_monotonic_time (), .cpu = thread_cpu_us () };
}

static void
layout_cb (GdkFrameClock *clock,
           Watch         *watch)
{
  watch->current.layout = g_get_monotonic_time ();
}

static void
paint_cb (GdkFrameClock *clock,
          Watch         *watch)
{
  watch->current.paint = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Watch         *watch)
{
  Frame *frame = &watch->current;
  gint64 length;

  if (frame->update == 0)
    return;
  frame->end = g_get_monotonic_time ();
  frame->cpu = thread_cpu_us () - frame->cpu;
  length = frame->end - frame->update;
  if (length > watch->worst.end - watch->worst.update)
    watch->worst = *frame;
  g_array_append_val (watch->lengths, length);
  frame->update = 0;
}

static void
watch_start (Watch         *watch,
             GdkFrameClock *clock)
{
  g_signal_connect (clock, "update", G_CALLBACK (update_cb), watch);
  g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), watch);
  g_signal_connect (clock, "paint", G_CALLBACK (paint_cb), watch);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), watch);
  watch->last_probe = 0;
}

static gint
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gint
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The document's id is kept in @doc_id, to delete it. */
static double
upload_with_curl (TroupeTestSandbox  *sandbox,
                  const char         *path,
                  char              **doc_id)
{
  g_autofree char *header = g_strdup_printf ("CONVAI-API-KEY: %s", sandbox->api_key);
  g_autofree char *file_arg = g_strdup_printf ("file=@%s", path);
  g_autofree char *url = g_strdup_printf ("%s/character/knowledge-bank/upload", sandbox->base_url);
  const char *argv[] = { "curl", "-s", "-f", "-H", header, "-F", "file_name=big.txt", "-F", file_arg, url, NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  start = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  *doc_id = g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "id"));
  return (double) start / G_USEC_PER_SEC;
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

static double
upload_with_app (GtkWidget          *view,
                 TroupeUploadQueue  *queue,
                 GFile              *file,
                 GdkFrameClock      *clock,
                 Watch              *watch,
                 char              **doc_id)
{
  TroupeUploadRow *row;
  TroupeUpload *upload;
  gint64 start;
  guint probe;

  watch_start (watch, clock);
  probe = g_timeout_add_full (G_PRIORITY_HIGH, PROBE_MS, probe_cb, watch, NULL);
  start = g_get_monotonic_time ();
  upload = troupe_upload_queue_add_file (queue, file, NULL);
  row = TROUPE_UPLOAD_ROW (gtk_list_box_get_row_at_index (troupe_upload_view_get_list (TROUPE_UPLOAD_VIEW (view)),
                                                          g_list_model_get_n_items (G_LIST_MODEL (queue)) - 1));
  g_assert_true (troupe_upload_row_get_upload (row) == upload);
  wait_done (upload);
  start = g_get_monotonic_time () - start;
  watch->refreshes += troupe_upload_row_get_n_refreshes (row);
  *doc_id = g_strdup (troupe_upload_get_document_id (upload));
  g_source_remove (probe);
  g_signal_handlers_disconnect_by_data (clock, watch);
  return (double) start / G_USEC_PER_SEC;
}

/* Each document goes as soon as it is in, so the next upload does not run
 * while the kernel writes the last one's gigabyte to disk. */
static void
delete_document (ConvaiClient *client,
                 const char   *doc_id)
{
  g_autoptr(GAsyncResult) deleted = NULL;
  GAsyncResult *slot = NULL;

  convai_client_delete_document_async (client, doc_id, NULL, troupe_test_result_cb, &slot);
  deleted = troupe_test_wait_for_result (&slot, "a document deleted");
  g_assert_true (convai_client_delete_document_finish (client, deleted, NULL));
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
  g_autoptr(GString) rounds = g_string_new (NULL);
  GtkWidget *window, *view;
  GdkFrameClock *clock;
  Watch watch = { 0 };
  gint64 baseline, peak, layout, paint, *lengths;
  double ours[ROUNDS], curl[ROUNDS], ratios[ROUNDS], ratio, ours_median, curl_median;
  guint n_frames;
  gboolean ok;
  int fd;

  troupe_test_ui_init (&argc, &argv);
  sandbox = troupe_test_sandbox_start (sandbox_args);
  client = convai_client_new (sandbox->base_url, sandbox->api_key);
  queue = troupe_upload_queue_new ();
  troupe_upload_queue_set_max_bytes (queue, 2 * FILE_SIZE);
  troupe_upload_queue_set_client (queue, client);
  watch.lengths = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* A sparse file: 1 GiB to read, no disk to fill. */
  fd = open (path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, FILE_SIZE), ==, 0);
  close (fd);
  g_assert_true (g_file_set_contents (small_path, "warm-up", -1, NULL));

  window = gtk_window_new ();
  /* Tall enough for every round's row: the window never resizes. */
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  view = troupe_upload_view_new (queue);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  /* Warm up: the session, its connection, the row's widgets. */
  wait_done (troupe_upload_queue_add_file (queue, small, NULL));
  troupe_test_ui_wait_for_paint (window);
  clock = gtk_widget_get_frame_clock (window);

  reset_peak_rss ();
  baseline = read_status_kib ("VmRSS:");
  for (guint i = 0; i < ROUNDS; i++)
    {
      for (guint turn = 0; turn < 2; turn++)
        {
          g_autofree char *doc_id = NULL;

          warm_file (path);
          if ((turn + i) % 2 == 0)
            curl[i] = upload_with_curl (sandbox, path, &doc_id);
          else
            ours[i] = upload_with_app (view, queue, file, clock, &watch, &doc_id);
          delete_document (client, doc_id);
        }
      ratios[i] = curl[i] / ours[i];
      g_string_append_printf (rounds, "%s%.2fx (%.2f s / %.2f s)", i ? ", " : "", ratios[i], curl[i], ours[i]);
    }
  peak = read_status_kib ("VmHWM:");

  qsort (ratios, ROUNDS, sizeof (double), compare_double);
  qsort (ours, ROUNDS, sizeof (double), compare_double);
  qsort (curl, ROUNDS, sizeof (double), compare_double);
  ratio = ratios[ROUNDS / 2];
  ours_median = ours[ROUNDS / 2];
  curl_median = curl[ROUNDS / 2];
  /* A frame with nothing to lay out (or paint) skips that phase. */
  layout = watch.worst.layout ? watch.worst.layout : watch.worst.update;
  paint = watch.worst.paint ? watch.worst.paint : layout;
  n_frames = watch.lengths->len;
  g_array_sort (watch.lengths, compare_int64);
  lengths = (gint64 *) (gpointer) watch.lengths->data;

  g_print ("knowledge-upload-1gib: rounds (curl / GUI time): %s\n", rounds->str);
  g_print ("knowledge-upload-1gib: GUI queue %.0f MiB/s (median %.2f s), curl -F %.0f MiB/s (median %.2f s): median %.2fx curl (target >= %.1fx)\n",
           1024 / ours_median, ours_median, 1024 / curl_median, curl_median, ratio, TARGET_RATIO);
  g_print ("knowledge-upload-1gib: RSS growth %" G_GINT64_FORMAT " KiB (target <= %d KiB)\n",
           peak - baseline, MAX_GROWTH_KIB);
  g_print ("knowledge-upload-1gib: the rows showed progress %u times in %u frames\n", watch.refreshes, n_frames);
  g_print ("knowledge-upload-1gib: %u frames, median %.1f ms, 99th %.1f ms, longest %.1f ms "
           "(layout %.1f, paint %.1f, after-paint %.1f; main thread on the CPU %.1f ms of it); "
           "longest main-loop stall %.1f ms (on the CPU %.1f ms of it; target <= %.0f ms)\n",
           n_frames, n_frames ? lengths[n_frames / 2] / 1000.0 : 0,
           n_frames ? lengths[n_frames * 99 / 100] / 1000.0 : 0,
           (watch.worst.end - watch.worst.update) / 1000.0,
           (layout - watch.worst.update) / 1000.0, (paint - layout) / 1000.0,
           (watch.worst.end - paint) / 1000.0,
           watch.worst.cpu / 1000.0, watch.worst_stall / 1000.0, watch.worst_stall_cpu / 1000.0,
           MAX_FRAME_US / 1000.0);

  ok = watch.refreshes <= n_frames && ratio >= TARGET_RATIO && peak - baseline <= MAX_GROWTH_KIB &&
       watch.worst.end - watch.worst.update <= MAX_FRAME_US && watch.worst_stall <= MAX_FRAME_US;
  g_array_unref (watch.lengths);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_unlink (small_path);
  g_rmdir (dir);
  return ok ? 0 : 1;
}
