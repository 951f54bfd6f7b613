/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The read-then-write connection of knowledge documents, against a real
 * sandbox: the whole list is written, nothing another client connected in
 * between is dropped, and what changed meanwhile is said. */
#include "convai-test-util.h"
#include "troupe-document-connect.h"

#include <string.h>

#define N_DOCS 6

typedef struct
{
  TroupeTestSandbox *sandbox;
  ConvaiClient      *client;
  ConvaiClient      *other;   /* another app on the same account */
  char              *char_id;
  char              *doc_ids[N_DOCS + 1];
} Fixture;

static void
upload_docs (Fixture *fixture)
{
  for (guint i = 0; i < N_DOCS; i++)
    {
      g_autofree char *name = g_strdup_printf ("notes-%u.md", i);
      g_autofree char *text = g_strdup_printf ("# Notes %u\n\nThe lamp burns oil number %u.\n", i, i);
      g_autoptr(GFile) file = convai_test_write_file (name, text, -1);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(ConvaiKnowledgeDoc) doc = NULL;
      g_autoptr(GError) error = NULL;
      GAsyncResult *slot = NULL;

      convai_client_upload_document_async (fixture->client, file, NULL, NULL, NULL, NULL,
                                           convai_test_result_cb, &slot);
      result = convai_test_await (&slot);
      doc = convai_client_upload_document_finish (fixture->client, result, &error);
      g_assert_no_error (error);
      fixture->doc_ids[i] = g_strdup (convai_knowledge_doc_get_id (doc));
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const *args = data;

  fixture->sandbox = troupe_test_sandbox_start (args);
  fixture->client = convai_test_client_new (fixture->sandbox);
  fixture->other = convai_test_client_new (fixture->sandbox);
  fixture->char_id = convai_test_create_character (fixture->client, "Ada", "I keep the light.");
  upload_docs (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < N_DOCS; i++)
    g_free (fixture->doc_ids[i]);
  g_free (fixture->char_id);
  g_clear_object (&fixture->other);
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->sandbox, troupe_test_sandbox_stop);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The server's connected ids, sorted and joined, to compare at a glance. */
static char *
connected_ids (GListModel *docs)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (docs);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (docs, i);

      if (convai_knowledge_doc_get_is_connected (doc))
        g_ptr_array_add (ids, (gpointer) g_intern_string (convai_knowledge_doc_get_id (doc)));
    }
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

static char *
server_connected (Fixture *fixture)
{
  g_autoptr(GListModel) docs = convai_test_list_documents (fixture->client, fixture->char_id);

  return connected_ids (docs);
}

static GListModel *
change (Fixture            *fixture,
        const char * const *connect,
        const char * const *disconnect,
        GListModel         *shown,
        char              **meanwhile,
        GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  troupe_document_connect_async (fixture->client, fixture->char_id, connect, disconnect, shown,
                                 NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  return troupe_document_connect_finish (result, meanwhile, error);
}

static void
other_connects (Fixture    *fixture,
                const char *doc_id,
                gboolean    connected)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  convai_client_set_document_connected_async (fixture->other, fixture->char_id, doc_id, connected,
                                              NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  convai_client_set_document_connected_finish (fixture->other, result, &error);
  g_assert_no_error (error);
}

static void
other_deletes (Fixture    *fixture,
               const char *doc_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  convai_client_delete_document_async (fixture->other, doc_id, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  convai_client_delete_document_finish (fixture->other, result, &error);
  g_assert_no_error (error);
}

static char *
join_sorted (const char * const *ids)
{
  g_autoptr(GPtrArray) array = g_ptr_array_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (array, (gpointer) ids[i]);
  g_ptr_array_sort (array, compare_ids);
  g_ptr_array_add (array, NULL);
  return g_strjoinv (",", (char **) array->pdata);
}

static void
test_connect_disconnect (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *two[] = { fixture->doc_ids[0], fixture->doc_ids[1], NULL };
  const char *first[] = { fixture->doc_ids[0], NULL };
  const char *second[] = { fixture->doc_ids[1], NULL };
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GListModel) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = join_sorted (two);
  g_autofree char *now = NULL;
  g_autofree char *written = NULL;
  g_autofree char *meanwhile = NULL;

  after = change (fixture, two, NULL, NULL, &meanwhile, &error);
  g_assert_no_error (error);
  g_assert_null (meanwhile);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, N_DOCS);
  written = connected_ids (after);
  now = server_connected (fixture);
  g_assert_cmpstr (now, ==, expected);
  g_assert_cmpstr (written, ==, expected);

  g_clear_pointer (&now, g_free);
  again = change (fixture, NULL, first, NULL, NULL, &error);
  g_assert_no_error (error);
  now = server_connected (fixture);
  g_assert_cmpstr (now, ==, second[0]);
}

/* The page showed one document; another client connected a second before
 * this one connects a third: all three stay, and the page is told. */
static void
test_concurrent (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *first[] = { fixture->doc_ids[0], NULL };
  const char *third[] = { fixture->doc_ids[2], NULL };
  const char *all[] = { fixture->doc_ids[0], fixture->doc_ids[1], fixture->doc_ids[2], NULL };
  g_autoptr(GListModel) shown_all = NULL;
  g_autoptr(GListModel) shown = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *meanwhile = NULL;
  g_autofree char *expected = join_sorted (all);
  g_autofree char *now = NULL;

  after = change (fixture, first, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  shown_all = convai_test_list_documents (fixture->client, fixture->char_id);   /* the page's read */
  shown = troupe_document_connect_filter_connected (shown_all);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);

  other_connects (fixture, fixture->doc_ids[1], TRUE);

  g_clear_object (&after);
  after = change (fixture, third, NULL, shown, &meanwhile, &error);
  g_assert_no_error (error);
  now = server_connected (fixture);
  g_assert_cmpstr (now, ==, expected);
  g_assert_nonnull (meanwhile);
  g_assert_nonnull (strstr (meanwhile, "Connected elsewhere meanwhile: “notes-1.md”."));
}

/* Disconnected and deleted meanwhile are said too; a document to add that
 * was deleted is left out instead of failing the whole write. */
static void
test_meanwhile_gone (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *three[] = { fixture->doc_ids[0], fixture->doc_ids[1], fixture->doc_ids[2], NULL };
  const char *add[] = { fixture->doc_ids[3], fixture->doc_ids[4], NULL };
  const char *left[] = { fixture->doc_ids[2], fixture->doc_ids[3], NULL };
  g_autoptr(GListModel) shown_all = NULL;
  g_autoptr(GListModel) shown = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *meanwhile = NULL;
  g_autofree char *expected = join_sorted (left);
  g_autofree char *now = NULL;

  after = change (fixture, three, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  shown_all = convai_test_list_documents (fixture->client, fixture->char_id);
  shown = troupe_document_connect_filter_connected (shown_all);

  other_connects (fixture, fixture->doc_ids[0], FALSE);
  other_deletes (fixture, fixture->doc_ids[1]);
  other_deletes (fixture, fixture->doc_ids[4]);

  g_clear_object (&after);
  after = change (fixture, add, NULL, shown, &meanwhile, &error);
  g_assert_no_error (error);
  now = server_connected (fixture);
  g_assert_cmpstr (now, ==, expected);
  g_assert_cmpstr (meanwhile, ==, "Disconnected elsewhere meanwhile: “notes-0.md”. "
                                  "Deleted meanwhile: “notes-1.md”. "
                                  "1 document to add was deleted meanwhile.");
}

static gboolean
all_available (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GListModel) docs = convai_test_list_documents (fixture->client, fixture->char_id);

  for (guint i = 0; i < g_list_model_get_n_items (docs); i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (docs, i);

      if (!convai_knowledge_doc_get_is_available (doc))
        return FALSE;
    }
  return TRUE;
}

/* A strict server (--fault-processing-ms) refuses to connect a document
 * before it is available. A connected one being processed again (a new
 * version) must not make every other change fail, and stays connected. */
static void
test_new_version_processing (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *first[] = { fixture->doc_ids[0], NULL };
  const char *second[] = { fixture->doc_ids[1], NULL };
  const char *both[] = { fixture->doc_ids[0], fixture->doc_ids[1], NULL };
  g_autoptr(GFile) file = convai_test_write_file ("notes-0.md", "# Notes 0, again\n\nNew words.\n", -1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ConvaiKnowledgeDoc) replaced = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = join_sorted (both);
  g_autofree char *now = NULL;
  GAsyncResult *slot = NULL;

  troupe_test_wait_until (all_available, fixture, "the documents processed");
  after = change (fixture, first, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  convai_client_update_document_async (fixture->client, fixture->doc_ids[0], file, NULL, NULL, NULL,
                                       convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  replaced = convai_client_update_document_finish (fixture->client, result, &error);
  g_assert_no_error (error);

  g_clear_object (&after);
  after = change (fixture, second, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* The case this test is about: still processed when the write went. */
  for (guint i = 0; i < g_list_model_get_n_items (after); i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) item = g_list_model_get_item (after, i);

      if (g_strcmp0 (convai_knowledge_doc_get_id (item), fixture->doc_ids[0]) == 0)
        g_assert_false (convai_knowledge_doc_get_is_available (item));
    }
  now = server_connected (fixture);
  g_assert_cmpstr (now, ==, expected);
}

/* A failed write changes nothing and says why. */
static void
test_write_fails (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *first[] = { fixture->doc_ids[0], NULL };
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *meanwhile = NULL;
  g_autofree char *now = NULL;

  after = change (fixture, first, NULL, NULL, &meanwhile, &error);
  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_SERVER);
  g_assert_null (after);
  g_assert_null (meanwhile);
  now = server_connected (fixture);
  g_assert_cmpstr (now, ==, "");
}

/* Random connects, disconnects, deletes and other clients' changes, the
 * server's list compared with a set after every step. */
static void
test_random_sequence (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GHashTable) model = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean deleted[N_DOCS] = { FALSE };
  guint32 seed = g_test_rand_int ();
  GRand *rand = g_rand_new_with_seed (seed);

  g_test_message ("seed %u", seed);
  for (guint step = 0; step < 40; step++)
    {
      g_autoptr(GStrvBuilder) connect = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) disconnect = g_strv_builder_new ();
      g_auto(GStrv) connect_ids = NULL;
      g_auto(GStrv) disconnect_ids = NULL;
      g_autoptr(GListModel) after = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) expected = g_ptr_array_new ();
      g_autofree char *expected_text = NULL;
      g_autofree char *now = NULL;
      guint doc = g_rand_int_range (rand, 0, N_DOCS);
      guint op = g_rand_int_range (rand, 0, 10);

      if (op == 0 && !deleted[doc])
        {
          other_deletes (fixture, fixture->doc_ids[doc]);
          deleted[doc] = TRUE;
          g_hash_table_remove (model, fixture->doc_ids[doc]);
        }
      else if (op == 1 && !deleted[doc])
        {
          gboolean on = g_rand_boolean (rand);

          other_connects (fixture, fixture->doc_ids[doc], on);
          if (on)
            g_hash_table_add (model, fixture->doc_ids[doc]);
          else
            g_hash_table_remove (model, fixture->doc_ids[doc]);
        }
      else
        {
          /* Deleted documents are picked too: they must be left out. */
          for (guint i = 0; i < N_DOCS; i++)
            switch (g_rand_int_range (rand, 0, 4))
              {
              case 0:
                g_strv_builder_add (connect, fixture->doc_ids[i]);
                if (!deleted[i])
                  g_hash_table_add (model, fixture->doc_ids[i]);
                break;
              case 1:
                g_strv_builder_add (disconnect, fixture->doc_ids[i]);
                g_hash_table_remove (model, fixture->doc_ids[i]);
                break;
              default:
                break;
              }
          connect_ids = g_strv_builder_end (connect);
          disconnect_ids = g_strv_builder_end (disconnect);
          after = change (fixture, (const char * const *) connect_ids,
                          (const char * const *) disconnect_ids, NULL, NULL, &error);
          g_assert_no_error (error);
        }
      for (guint i = 0; i < N_DOCS; i++)
        if (g_hash_table_contains (model, fixture->doc_ids[i]))
          g_ptr_array_add (expected, fixture->doc_ids[i]);
      g_ptr_array_add (expected, NULL);
      expected_text = join_sorted ((const char * const *) expected->pdata);
      now = server_connected (fixture);
      g_assert_cmpstr (now, ==, expected_text);
    }
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  static const char *update_fails[] = { "--fault-status=/character/update:500", NULL };
  static const char *strict[] = { "--fault-processing-ms=300", NULL };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add ("/troupe/document-connect/connect-disconnect", Fixture, NULL,
              fixture_set_up, test_connect_disconnect, fixture_tear_down);
  g_test_add ("/troupe/document-connect/concurrent", Fixture, NULL,
              fixture_set_up, test_concurrent, fixture_tear_down);
  g_test_add ("/troupe/document-connect/meanwhile-gone", Fixture, NULL,
              fixture_set_up, test_meanwhile_gone, fixture_tear_down);
  g_test_add ("/troupe/document-connect/new-version-processing", Fixture, strict,
              fixture_set_up, test_new_version_processing, fixture_tear_down);
  g_test_add ("/troupe/document-connect/write-fails", Fixture, update_fails,
              fixture_set_up, test_write_fails, fixture_tear_down);
  g_test_add ("/troupe/document-connect/random-sequence", Fixture, NULL,
              fixture_set_up, test_random_sequence, fixture_tear_down);
  return g_test_run ();
}
