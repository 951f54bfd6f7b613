/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-test-util.h"

#include <string.h>

typedef struct
{
  TroupeTestSandbox *sandbox;
  ConvaiClient      *client;
  char              *char_id;
} Fixture;

static const char notes[] =
  "# Lamp notes\n\nThe lamp of the cape lighthouse burns colza oil.\n"
  "Its lens is a first-order Fresnel lens, ground in Paris.\n";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->sandbox = troupe_test_sandbox_start (NULL);
  fixture->client = convai_test_client_new (fixture->sandbox);
  fixture->char_id = convai_test_create_character (fixture->client, "Ada", "I keep the light.");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->char_id);
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->sandbox, troupe_test_sandbox_stop);
}

typedef struct
{
  goffset current;
  goffset total;
} Progress;

static void
progress_cb (goffset  current,
             goffset  total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpint (current, >=, progress->current);
  progress->current = current;
  progress->total = total;
}

static ConvaiKnowledgeDoc *
upload (Fixture *fixture)
{
  g_autoptr(GFile) file = convai_test_write_file ("lamp-notes.md", notes, -1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, 0 };
  GAsyncResult *slot = NULL;
  ConvaiKnowledgeDoc *doc;

  convai_client_upload_document_async (fixture->client, file, NULL, progress_cb, &progress,
                                       NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  doc = convai_client_upload_document_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (progress.current, ==, progress.total);
  g_assert_cmpint (progress.total, >, (goffset) strlen (notes));
  return doc;
}

static GListModel *
list_documents (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GListModel *docs;

  convai_client_list_documents_async (fixture->client, fixture->char_id, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  docs = convai_client_list_documents_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  return docs;
}

static ConvaiKnowledgeDoc *
find_doc (Fixture    *fixture,
          const char *id)
{
  g_autoptr(GListModel) docs = list_documents (fixture);

  for (guint i = 0; i < g_list_model_get_n_items (docs); i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (docs, i);
      if (g_strcmp0 (convai_knowledge_doc_get_id (doc), id) == 0)
        return g_steal_pointer (&doc);
    }
  return NULL;
}

static void
set_connected (Fixture    *fixture,
               const char *doc_id,
               gboolean    connected)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  convai_client_set_document_connected_async (fixture->client, fixture->char_id, doc_id, connected,
                                              NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  g_assert_true (convai_client_set_document_connected_finish (fixture->client, result, &error));
  g_assert_no_error (error);
}

static void
test_upload_list_connect (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ConvaiKnowledgeDoc) doc = upload (fixture);
  g_autoptr(ConvaiKnowledgeDoc) listed = NULL;
  g_autoptr(ConvaiKnowledgeDoc) connected = NULL;
  g_autoptr(ConvaiKnowledgeDoc) disconnected = NULL;
  const char *id = convai_knowledge_doc_get_id (doc);

  g_assert_cmpstr (convai_knowledge_doc_get_file_name (doc), ==, "lamp-notes.md");
  g_assert_cmpuint (convai_knowledge_doc_get_file_size (doc), ==, strlen (notes));
  g_assert_false (convai_knowledge_doc_get_is_connected (doc));

  listed = find_doc (fixture, id);
  g_assert_nonnull (listed);
  g_assert_cmpstr (convai_knowledge_doc_get_file_name (listed), ==, "lamp-notes.md");

  set_connected (fixture, id, TRUE);
  connected = find_doc (fixture, id);
  g_assert_true (convai_knowledge_doc_get_is_connected (connected));
  set_connected (fixture, id, FALSE);
  disconnected = find_doc (fixture, id);
  g_assert_false (convai_knowledge_doc_get_is_connected (disconnected));
}

typedef struct
{
  guint    changed;
  gboolean available;
  GError  *failed;
} WatchState;

static void
changed_cb (ConvaiDocumentWatch *watch,
            ConvaiKnowledgeDoc  *doc,
            WatchState          *state)
{
  state->changed++;
}

static void
available_cb (ConvaiDocumentWatch *watch,
              ConvaiKnowledgeDoc  *doc,
              WatchState          *state)
{
  g_assert_true (convai_knowledge_doc_get_is_available (doc));
  g_assert_false (convai_document_watch_get_running (watch));
  state->available = TRUE;
}

static void
failed_cb (ConvaiDocumentWatch *watch,
           const GError        *error,
           WatchState          *state)
{
  state->failed = g_error_copy (error);
}

static gboolean
watch_failed (gpointer data)
{
  return ((WatchState *) data)->failed != NULL;
}

static ConvaiDocumentWatch *
new_watch (Fixture    *fixture,
           const char *doc_id,
           WatchState *state)
{
  ConvaiDocumentWatch *watch = convai_document_watch_new (fixture->client, fixture->char_id, doc_id);

  /* Fast polls: the sandbox processes a small Markdown file at once. */
  convai_document_watch_set_intervals (watch, 20, 200);
  g_signal_connect (watch, "changed", G_CALLBACK (changed_cb), state);
  g_signal_connect (watch, "available", G_CALLBACK (available_cb), state);
  g_signal_connect (watch, "failed", G_CALLBACK (failed_cb), state);
  return watch;
}

static void
test_watch_until_available (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ConvaiKnowledgeDoc) doc = upload (fixture);
  WatchState state = { 0, FALSE, NULL };
  g_autoptr(ConvaiDocumentWatch) watch = new_watch (fixture, convai_knowledge_doc_get_id (doc), &state);

  convai_document_watch_start (watch);
  g_assert_true (convai_document_watch_get_running (watch));
  convai_test_wait_for (&state.available);
  g_assert_cmpuint (state.changed, >=, 1);
  g_assert_no_error (state.failed);
  g_assert_true (convai_knowledge_doc_get_is_available (convai_document_watch_get_document (watch)));
}

static void
test_update_and_delete (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ConvaiKnowledgeDoc) doc = upload (fixture);
  g_autoptr(GFile) v2 = convai_test_write_file ("v2.txt", "Version two of the notes.", -1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ConvaiKnowledgeDoc) updated = NULL;
  g_autoptr(ConvaiKnowledgeDoc) gone = NULL;
  g_autoptr(GError) error = NULL;
  WatchState state = { 0, FALSE, NULL };
  g_autoptr(ConvaiDocumentWatch) watch = NULL;
  const char *id = convai_knowledge_doc_get_id (doc);
  GAsyncResult *slot = NULL;

  convai_client_update_document_async (fixture->client, id, v2, NULL, NULL, NULL,
                                       convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  updated = convai_client_update_document_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (convai_knowledge_doc_get_id (updated), ==, id);
  g_assert_cmpuint (convai_knowledge_doc_get_file_size (updated), ==, strlen ("Version two of the notes."));
  g_clear_object (&result);

  /* The reply is {"Successfully deleted document"}: not JSON, still success. */
  convai_client_delete_document_async (fixture->client, id, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  g_assert_true (convai_client_delete_document_finish (fixture->client, result, &error));
  g_assert_no_error (error);
  gone = find_doc (fixture, id);
  g_assert_null (gone);

  watch = new_watch (fixture, id, &state);
  convai_document_watch_start (watch);
  troupe_test_wait_until (watch_failed, &state, "the watch to fail");
  g_assert_error (state.failed, CONVAI_ERROR, CONVAI_ERROR_NOT_FOUND);
  g_assert_false (convai_document_watch_get_running (watch));
  g_clear_error (&state.failed);
}

/* A watch whose owner lets go stops: no poll lands on a dead object. */
static void
test_watch_stops_with_owner (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(ConvaiKnowledgeDoc) doc = upload (fixture);
  WatchState state = { 0, FALSE, NULL };
  ConvaiDocumentWatch *watch = new_watch (fixture, convai_knowledge_doc_get_id (doc), &state);
  g_autoptr(ConvaiDocumentWatch) stopped = new_watch (fixture, convai_knowledge_doc_get_id (doc), &state);

  convai_document_watch_start (watch);
  g_object_add_weak_pointer (G_OBJECT (watch), (gpointer *) &watch);
  g_object_unref (watch);
  g_assert_null (watch);
  convai_document_watch_start (stopped);
  convai_document_watch_stop (stopped);
  g_assert_false (convai_document_watch_get_running (stopped));
  troupe_test_iterate (300);
  g_assert_cmpuint (state.changed, ==, 0);
  g_assert_false (state.available);
  g_assert_no_error (state.failed);
}

static void
cancel_after_first_mib_cb (goffset  current,
                           goffset  total,
                           gpointer user_data)
{
  if (current > 1024 * 1024)
    g_cancellable_cancel (user_data);
}

/* Cancelling mid-upload stops it: the caller gets G_IO_ERROR_CANCELLED and
 * the server keeps no document. */
static void
test_upload_cancelled (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "big.txt", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ConvaiKnowledgeDoc) doc = NULL;
  g_autoptr(GListModel) docs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *content = g_malloc (16 * 1024 * 1024);
  GAsyncResult *slot = NULL;

  memset (content, 'a', 16 * 1024 * 1024);
  file = convai_test_write_file ("big.txt", content, 16 * 1024 * 1024);
  convai_client_upload_document_async (fixture->client, file, NULL, cancel_after_first_mib_cb, cancellable,
                                       cancellable, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  doc = convai_client_upload_document_finish (fixture->client, result, &error);
  g_assert_null (doc);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  docs = list_documents (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (docs), ==, 0);
}

typedef struct
{
  Progress  progress;
  GThread  *thread;   /* where progress must be told */
  guint     calls;
} ThreadedProgress;

static void
threaded_progress_cb (goffset  current,
                      goffset  total,
                      gpointer user_data)
{
  ThreadedProgress *progress = user_data;

  g_assert_true (g_thread_self () == progress->thread);
  progress->calls++;
  progress_cb (current, total, &progress->progress);
}

/* A large body is sent from a thread of libconvai's own: the caller still
 * hears progress on its thread, and the server gets every byte. */
static void
test_large_upload (Fixture       *fixture,
                   gconstpointer  data)
{
  const gsize size = 6 * 1024 * 1024;
  g_autofree char *content = g_malloc (size);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ConvaiKnowledgeDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  ThreadedProgress progress = { { 0, 0 }, g_thread_self (), 0 };
  GAsyncResult *slot = NULL;

  for (gsize i = 0; i < size; i++)
    content[i] = i % 64 == 63 ? '\n' : 'a' + i % 26;
  file = convai_test_write_file ("large.txt", content, size);
  convai_client_upload_document_async (fixture->client, file, NULL, threaded_progress_cb, &progress,
                                       NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  doc = convai_client_upload_document_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (convai_knowledge_doc_get_file_size (doc), ==, size);
  g_assert_cmpuint (progress.calls, >, 0);
  g_assert_cmpint (progress.progress.current, ==, progress.progress.total);
  g_assert_cmpint (progress.progress.total, >, (goffset) size);
}

static void
test_upload_missing_file (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/troupe/notes.txt");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  convai_client_upload_document_async (fixture->client, missing, NULL, NULL, NULL, NULL,
                                       convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  g_assert_null (convai_client_upload_document_finish (fixture->client, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/troupe/client-knowledge/upload-list-connect", test_upload_list_connect);
  ADD ("/troupe/client-knowledge/watch-until-available", test_watch_until_available);
  ADD ("/troupe/client-knowledge/update-and-delete", test_update_and_delete);
  ADD ("/troupe/client-knowledge/watch-stops-with-owner", test_watch_stops_with_owner);
  ADD ("/troupe/client-knowledge/upload-missing-file", test_upload_missing_file);
  ADD ("/troupe/client-knowledge/upload-cancelled", test_upload_cancelled);
  ADD ("/troupe/client-knowledge/large-upload", test_large_upload);
#undef ADD
  return g_test_run ();
}
