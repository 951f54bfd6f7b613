/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * TroupeUploadQueue against a real sandbox: a file goes up and the queue
 * says so; bad files are refused with a reason and never sent; cancel,
 * cancel all, retry; the server's refusals become FAILED with the reason.
 */
#include "troupe-context.h"
#include "troupe-upload-queue.h"
#include "troupe-test-sandbox.h"
#include "troupe-test-wait.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

typedef struct
{
  TroupeTestSandbox *sandbox;
  ConvaiClient *client;
  TroupeUploadQueue *queue;
  char *dir;
  guint done;
} Fixture;

static void
done_cb (TroupeUploadQueue  *queue,
         TroupeUpload       *upload,
         ConvaiKnowledgeDoc *doc,
         Fixture            *fixture)
{
  g_assert_cmpstr (troupe_upload_get_document_id (upload), ==, convai_knowledge_doc_get_id (doc));
  fixture->done++;
}

static void
set_up (Fixture    *fixture,
        const char *const *args)
{
  fixture->sandbox = troupe_test_sandbox_start (args);
  fixture->client = convai_client_new (fixture->sandbox->base_url, fixture->sandbox->api_key);
  fixture->queue = troupe_upload_queue_new ();
  fixture->dir = g_dir_make_tmp ("upload-queue-XXXXXX", NULL);
  g_signal_connect (fixture->queue, "upload-done", G_CALLBACK (done_cb), fixture);
  troupe_upload_queue_set_client (fixture->queue, fixture->client);
}

static void
tear_down (Fixture *fixture)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", fixture->dir);

  g_clear_object (&fixture->queue);
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->sandbox, troupe_test_sandbox_stop);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  g_free (fixture->dir);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            gsize       size)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *contents = g_malloc (size + 1);

  for (gsize i = 0; i < size; i++)
    contents[i] = 'a' + i % 26;
  g_assert_true (g_file_set_contents (path, contents, size, NULL));
  return g_file_new_for_path (path);
}

static gboolean
finished (gpointer data)
{
  TroupeUploadState state = troupe_upload_get_state (data);

  return state != TROUPE_UPLOAD_QUEUED && state != TROUPE_UPLOAD_SENDING;
}

static void
wait_finished (TroupeUpload *upload)
{
  troupe_test_wait_until (finished, upload, troupe_upload_get_display_name (upload));
}

static void
test_upload (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) again = NULL;
  TroupeUpload *upload, *version;
  char *first_id;

  set_up (&fixture, NULL);
  file = write_file (&fixture, "lamp-notes.md", 200000);
  upload = troupe_upload_queue_add_file (fixture.queue, file, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture.queue)), ==, 1);
  wait_finished (upload);
  g_assert_cmpint (troupe_upload_get_state (upload), ==, TROUPE_UPLOAD_DONE);
  g_assert_null (troupe_upload_get_error_message (upload));
  g_assert_cmpint (troupe_upload_get_bytes_sent (upload), ==, troupe_upload_get_bytes_total (upload));
  /* The row speaks of the file, not of the request with its framing. */
  g_assert_cmpint (troupe_upload_get_bytes_total (upload), ==, 200000);
  g_assert_nonnull (troupe_upload_get_document_id (upload));
  g_assert_cmpuint (fixture.done, ==, 1);
  first_id = g_strdup (troupe_upload_get_document_id (upload));

  /* A new version keeps the document's id. */
  again = write_file (&fixture, "lamp-notes.md", 1000);
  version = troupe_upload_queue_add_new_version (fixture.queue, first_id, again);
  g_assert_true (troupe_upload_is_new_version (version));
  wait_finished (version);
  g_assert_cmpint (troupe_upload_get_state (version), ==, TROUPE_UPLOAD_DONE);
  g_assert_cmpstr (troupe_upload_get_document_id (version), ==, first_id);
  g_assert_cmpuint (fixture.done, ==, 2);
  g_free (first_id);
  tear_down (&fixture);
}

static void
test_refused (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GFile) empty = NULL, binary = NULL, folder = NULL, missing = NULL, locked = NULL;
  TroupeUpload *uploads[5];
  guint n;

  set_up (&fixture, NULL);
  empty = write_file (&fixture, "empty.txt", 0);
  binary = write_file (&fixture, "photo.exe", 10);
  locked = write_file (&fixture, "locked.txt", 10);
  g_assert_cmpint (g_chmod (g_file_peek_path (locked), 0), ==, 0);
  folder = g_file_new_for_path (fixture.dir);
  missing = g_file_get_child (folder, "gone.md");
  uploads[0] = troupe_upload_queue_add_file (fixture.queue, empty, NULL);
  uploads[1] = troupe_upload_queue_add_file (fixture.queue, binary, NULL);
  uploads[2] = troupe_upload_queue_add_file (fixture.queue, folder, NULL);
  uploads[3] = troupe_upload_queue_add_file (fixture.queue, missing, NULL);
  /* Root reads anything: the unreadable case is checked only for others. */
  n = getuid () != 0 ? 5 : 4;
  if (n == 5)
    uploads[4] = troupe_upload_queue_add_file (fixture.queue, locked, NULL);
  for (guint i = 0; i < n; i++)
    {
      wait_finished (uploads[i]);
      g_assert_cmpint (troupe_upload_get_state (uploads[i]), ==, TROUPE_UPLOAD_REFUSED);
      g_assert_cmpint (troupe_upload_get_bytes_sent (uploads[i]), ==, 0);
      g_test_message ("%s: %s", troupe_upload_get_display_name (uploads[i]),
                      troupe_upload_get_error_message (uploads[i]));
    }
  g_assert_nonnull (strstr (troupe_upload_get_error_message (uploads[0]), "empty"));
  g_assert_nonnull (strstr (troupe_upload_get_error_message (uploads[1]), ".txt"));
  g_assert_nonnull (strstr (troupe_upload_get_error_message (uploads[2]), "folder"));
  g_assert_nonnull (strstr (troupe_upload_get_error_message (uploads[3]), "no longer exists"));
  if (n == 5)
    g_assert_nonnull (strstr (troupe_upload_get_error_message (uploads[4]), "read"));
  g_assert_cmpuint (fixture.done, ==, 0);
  tear_down (&fixture);
}

/* Over the cap: refused before a byte is sent (a sparse file: no disk used). */
static void
test_too_big (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GFile) file = NULL;
  TroupeUpload *upload;

  set_up (&fixture, NULL);
  file = write_file (&fixture, "huge.txt", 1);
  g_assert_cmpint (truncate (g_file_peek_path (file), (off_t) 256 * 1024 * 1024 + 1), ==, 0);
  upload = troupe_upload_queue_add_file (fixture.queue, file, NULL);
  wait_finished (upload);
  g_assert_cmpint (troupe_upload_get_state (upload), ==, TROUPE_UPLOAD_REFUSED);
  g_assert_nonnull (strstr (troupe_upload_get_error_message (upload), "up to 268.4"));
  g_assert_cmpint (troupe_upload_get_bytes_sent (upload), ==, 0);
  /* A cap set higher and the file made smaller: Retry checks again and sends. */
  troupe_upload_queue_set_max_bytes (fixture.queue, (goffset) 512 * 1024 * 1024);
  g_assert_cmpint (truncate (g_file_peek_path (file), 1000), ==, 0);
  troupe_upload_queue_retry (fixture.queue, upload); /* checked again, then sent */
  wait_finished (upload);
  g_assert_cmpint (troupe_upload_get_state (upload), ==, TROUPE_UPLOAD_DONE);
  tear_down (&fixture);
}

/* Cancel one queued, cancel all, then retry one: it starts over and goes up. */
static void
test_cancel_retry (void)
{
  const char *args[] = { "--fault-delay-ms=300", NULL };
  Fixture fixture = { 0 };
  TroupeUpload *uploads[4];

  set_up (&fixture, args);
  for (guint i = 0; i < G_N_ELEMENTS (uploads); i++)
    {
      g_autofree char *name = g_strdup_printf ("part-%u.txt", i);
      g_autoptr(GFile) file = write_file (&fixture, name, 5000);
      uploads[i] = troupe_upload_queue_add_file (fixture.queue, file, NULL);
    }
  /* Two at a time. */
  g_assert_cmpint (troupe_upload_get_state (uploads[0]), ==, TROUPE_UPLOAD_SENDING);
  g_assert_cmpint (troupe_upload_get_state (uploads[1]), ==, TROUPE_UPLOAD_SENDING);
  g_assert_cmpint (troupe_upload_get_state (uploads[2]), ==, TROUPE_UPLOAD_QUEUED);
  troupe_upload_cancel (uploads[3]);
  g_assert_cmpint (troupe_upload_get_state (uploads[3]), ==, TROUPE_UPLOAD_CANCELLED);
  troupe_upload_queue_cancel_all (fixture.queue);
  for (guint i = 0; i < G_N_ELEMENTS (uploads); i++)
    {
      wait_finished (uploads[i]);
      g_assert_cmpint (troupe_upload_get_state (uploads[i]), ==, TROUPE_UPLOAD_CANCELLED);
    }
  troupe_test_iterate (700); /* nothing more arrives */
  g_assert_cmpuint (fixture.done, ==, 0);

  troupe_upload_queue_retry (fixture.queue, uploads[2]);
  g_assert_cmpint (troupe_upload_get_state (uploads[2]), ==, TROUPE_UPLOAD_SENDING);
  g_assert_null (troupe_upload_get_error_message (uploads[2]));
  wait_finished (uploads[2]);
  g_assert_cmpint (troupe_upload_get_state (uploads[2]), ==, TROUPE_UPLOAD_DONE);
  g_assert_cmpuint (fixture.done, ==, 1);
  tear_down (&fixture);
}

/* The server's refusals: FAILED with its reason, nothing reported done. */
static void
test_server_fault (gconstpointer data)
{
  const char *args[] = { data, NULL };
  Fixture fixture = { 0 };
  g_autoptr(GFile) file = NULL;
  TroupeUpload *upload;

  set_up (&fixture, args);
  file = write_file (&fixture, "big.csv", 100000);
  upload = troupe_upload_queue_add_file (fixture.queue, file, NULL);
  wait_finished (upload);
  g_test_message ("%s: %s", (const char *) data, troupe_upload_get_error_message (upload));
  g_assert_cmpint (troupe_upload_get_state (upload), ==, TROUPE_UPLOAD_FAILED);
  g_assert_nonnull (troupe_upload_get_error_message (upload));
  g_assert_cmpuint (fixture.done, ==, 0);
  tear_down (&fixture);
}

/* A file deleted or changed while it goes up: FAILED with that reason, not
 * reported done (what the server has is not what the file says now). */
static void
test_file_changed (gconstpointer data)
{
  const char *args[] = { "--fault-delay-ms=600", NULL };
  gboolean delete = GPOINTER_TO_INT (data);
  Fixture fixture = { 0 };
  g_autoptr(GFile) file = NULL;
  TroupeUpload *upload;

  set_up (&fixture, args);
  file = write_file (&fixture, "log.txt", 20000);
  upload = troupe_upload_queue_add_file (fixture.queue, file, NULL);
  troupe_test_iterate (200);
  g_assert_cmpint (troupe_upload_get_state (upload), ==, TROUPE_UPLOAD_SENDING);
  if (delete)
    g_assert_true (g_file_delete (file, NULL, NULL));
  else
    g_assert_true (g_file_set_contents (g_file_peek_path (file), "new contents", -1, NULL));
  wait_finished (upload);
  g_assert_cmpint (troupe_upload_get_state (upload), ==, TROUPE_UPLOAD_FAILED);
  g_assert_nonnull (strstr (troupe_upload_get_error_message (upload), delete ? "deleted" : "changed"));
  g_assert_cmpuint (fixture.done, ==, 0);
  tear_down (&fixture);
}

/* The context's queue sends through the context's client, and waits without one. */
static void
test_context (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autoptr(ConvaiClient) client = convai_client_new (sandbox->base_url, sandbox->api_key);
  g_autoptr(TroupeContext) context = troupe_context_new ();
  g_autofree char *dir = g_dir_make_tmp ("upload-context-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "a.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TroupeUploadQueue *queue = troupe_context_get_uploads (context);
  TroupeUpload *upload;

  g_assert_true (g_file_set_contents (path, "# A\n", -1, NULL));
  upload = troupe_upload_queue_add_file (queue, file, NULL);
  troupe_test_iterate (100);
  g_assert_cmpint (troupe_upload_get_state (upload), ==, TROUPE_UPLOAD_QUEUED);
  troupe_context_set_client (context, client);
  wait_finished (upload);
  g_assert_cmpint (troupe_upload_get_state (upload), ==, TROUPE_UPLOAD_DONE);
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
has_progress (gpointer data)
{
  return troupe_upload_get_bytes_sent (data) > 0;
}

/* The server gone mid-upload: FAILED with a reason, never reported done. */
static void
test_cut (void)
{
  const char *args[] = { "--fault-delay-ms=2000", NULL };
  Fixture fixture = { 0 };
  g_autoptr(GFile) file = NULL;
  TroupeUpload *upload;

  set_up (&fixture, args);
  file = write_file (&fixture, "big.txt", 1);
  g_assert_cmpint (truncate (g_file_peek_path (file), (off_t) 200 * 1024 * 1024), ==, 0);
  upload = troupe_upload_queue_add_file (fixture.queue, file, NULL);
  troupe_test_wait_until (has_progress, upload, "bytes going out");
  g_subprocess_force_exit (fixture.sandbox->process);
  wait_finished (upload);
  g_test_message ("cut: %s", troupe_upload_get_error_message (upload));
  g_assert_cmpint (troupe_upload_get_state (upload), ==, TROUPE_UPLOAD_FAILED);
  g_assert_nonnull (troupe_upload_get_error_message (upload));
  g_assert_null (troupe_upload_get_document_id (upload));
  g_assert_cmpuint (fixture.done, ==, 0);
  tear_down (&fixture);
}

typedef struct
{
  GFile *state_file;
  const char *needle;
  gboolean present;
} Saved;

static gboolean
saved (gpointer data)
{
  Saved *check = data;
  g_autofree char *contents = NULL;

  if (!g_file_load_contents (check->state_file, NULL, &contents, NULL, NULL, NULL))
    return FALSE;
  return (strstr (contents, check->needle) != NULL) == check->present;
}

static gboolean
has_items (gpointer data)
{
  return g_list_model_get_n_items (data) > 0;
}

/* Quit with an upload queued: the next start shows it INTERRUPTED with
 * Retry starting over; once done it is no longer saved. */
static void
test_restart (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) state_file = NULL;
  g_autoptr(TroupeUploadQueue) first = NULL;
  g_autoptr(TroupeUploadQueue) second = NULL;
  g_autoptr(TroupeUploadQueue) third = NULL;
  g_autoptr(TroupeUpload) upload = NULL;
  g_autofree char *uri = NULL;
  Saved check;

  set_up (&fixture, NULL);
  file = write_file (&fixture, "minutes.txt", 3000);
  uri = g_file_get_uri (file);
  state_file = g_file_new_build_filename (fixture.dir, "state", "uploads.ini", NULL);
  check = (Saved) { state_file, uri, TRUE };

  first = troupe_upload_queue_new_saved (state_file);
  troupe_upload_queue_add_file (first, file, "char-1");  /* no client: it waits */
  troupe_test_wait_until (saved, &check, "the queue saved");
  g_clear_object (&first);

  second = troupe_upload_queue_new_saved (state_file);
  troupe_test_wait_until (has_items, second, "the saved queue read");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (second)), ==, 1);
  upload = g_list_model_get_item (G_LIST_MODEL (second), 0);
  g_assert_cmpint (troupe_upload_get_state (upload), ==, TROUPE_UPLOAD_INTERRUPTED);
  g_assert_nonnull (strstr (troupe_upload_get_error_message (upload), "starts over"));
  g_assert_cmpstr (troupe_upload_get_character_id (upload), ==, "char-1");
  g_assert_true (g_file_equal (troupe_upload_get_file (upload), file));

  troupe_upload_queue_set_client (second, fixture.client);
  troupe_test_iterate (100);
  g_assert_cmpint (troupe_upload_get_state (upload), ==, TROUPE_UPLOAD_INTERRUPTED); /* only on Retry */
  troupe_upload_queue_retry (second, upload);
  wait_finished (upload);
  g_assert_cmpint (troupe_upload_get_state (upload), ==, TROUPE_UPLOAD_DONE);
  check.present = FALSE;
  troupe_test_wait_until (saved, &check, "the done upload dropped from the saved queue");
  g_clear_object (&second);

  third = troupe_upload_queue_new_saved (state_file);
  troupe_test_iterate (200);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (third)), ==, 0);
  g_clear_object (&third);
  tear_down (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/upload-queue/upload", test_upload);
  g_test_add_func ("/upload-queue/refused", test_refused);
  g_test_add_func ("/upload-queue/too-big", test_too_big);
  g_test_add_func ("/upload-queue/cancel-retry", test_cancel_retry);
  g_test_add_data_func ("/upload-queue/fault/too-large", "--max-upload=50000", test_server_fault);
  g_test_add_data_func ("/upload-queue/fault/401", "--fault-status=/character/knowledge-bank/upload:401", test_server_fault);
  g_test_add_data_func ("/upload-queue/fault/429", "--fault-status=/character/knowledge-bank/upload:429", test_server_fault);
  g_test_add_data_func ("/upload-queue/fault/500", "--fault-status=/character/knowledge-bank/upload:500", test_server_fault);
  g_test_add_data_func ("/upload-queue/file-deleted", GINT_TO_POINTER (TRUE), test_file_changed);
  g_test_add_data_func ("/upload-queue/file-changed", GINT_TO_POINTER (FALSE), test_file_changed);
  g_test_add_func ("/upload-queue/context", test_context);
  g_test_add_func ("/upload-queue/restart", test_restart);
  g_test_add_func ("/upload-queue/fault/cut", test_cut);
  return g_test_run ();
}
