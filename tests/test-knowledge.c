/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The character's Knowledge page against a real sandbox: what it lists,
 * Add Documents, Disconnect and Undo, a change made elsewhere meanwhile,
 * the failures a server gives, and a random sequence compared with a
 * simple model. Driven through the page's actions. */
#include "config.h"

#include <string.h>

#include "convai-test-util.h"
#include "troupe-application.h"
#include "troupe-character-view.h"
#include "troupe-knowledge-page.h"
#include "troupe-test-ui.h"
#include "troupe-window.h"

#define N_DOCS 4

typedef struct
{
  TroupeTestSandbox   *sandbox;
  ConvaiClient        *client;
  ConvaiClient        *other;    /* another app on the same account */
  TroupeApplication   *app;
  TroupeWindow        *window;
  TroupeKnowledgePage *page;
  char                *char_id;
  char                *doc_ids[N_DOCS + 1];
} Fixture;

static const char *const doc_names[N_DOCS] = {
  "lamp-notes.md", "tides.txt", "ships-log.csv", "Harbour regulations of the northern cape, complete edition with every amendment since 1887.txt",
};

static char *
upload (ConvaiClient *client,
        const char   *name,
        const char   *text)
{
  g_autoptr(ConvaiKnowledgeDoc) doc = convai_test_upload_document (client, name, text);

  return g_strdup (convai_knowledge_doc_get_id (doc));
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

static void
delete_doc (ConvaiClient *client,
            const char   *doc_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  convai_client_delete_document_async (client, doc_id, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  convai_client_delete_document_finish (client, result, &error);
  g_assert_no_error (error);
}

static ConvaiCharacter *
fetch_character (ConvaiClient *client,
                 const char   *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  ConvaiCharacter *character;

  convai_client_get_character_async (client, id, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  character = convai_client_get_character_finish (client, result, &error);
  g_assert_no_error (error);
  return character;
}

/* The sandbox with a character and @n_docs documents, @n_connected of them connected. */
static void
fixture_start (Fixture            *fixture,
               const char * const *sandbox_args,
               guint               n_docs,
               guint               n_connected)
{
  fixture->sandbox = troupe_test_sandbox_start (sandbox_args);
  fixture->client = convai_test_client_new (fixture->sandbox);
  fixture->other = convai_test_client_new (fixture->sandbox);
  fixture->char_id = convai_test_create_character (fixture->client, "Ada", "I keep the light.");
  for (guint i = 0; i < n_docs; i++)
    {
      g_autofree char *text = g_strdup_printf ("# %s\n\nThe lamp burns oil number %u.\n", doc_names[i], i);

      fixture->doc_ids[i] = upload (fixture->client, doc_names[i], text);
    }
  if (n_docs > 0)
    troupe_test_wait_until (all_available, fixture, "the documents processed");
  for (guint i = 0; i < n_connected; i++)
    convai_test_set_document_connected (fixture->client, fixture->char_id, fixture->doc_ids[i], TRUE);
}

static gboolean
page_settled (gpointer data)
{
  TroupeKnowledgePage *page = data;
  TroupeStore *docs = TROUPE_STORE (troupe_knowledge_page_get_docs (page));
  gboolean busy;

  g_object_get (page, "busy", &busy, NULL);
  return !busy && !troupe_store_get_loading (docs) &&
         (troupe_store_get_loaded (docs) || troupe_store_get_error_message (docs) != NULL);
}

static void
fixture_open (Fixture *fixture,
              int      width,
              int      height)
{
  g_autoptr(ConvaiCharacter) character = fetch_character (fixture->client, fixture->char_id);
  TroupeCharacterView *view;

  fixture->app = troupe_test_ui_register_application ();
  fixture->window = troupe_window_new (fixture->app);
  troupe_window_set_client (fixture->window, fixture->client);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  gtk_window_present (GTK_WINDOW (fixture->window));
  view = troupe_window_get_view (fixture->window);
  fixture->page = TROUPE_KNOWLEDGE_PAGE (troupe_character_view_get_page (view, "knowledge"));
  g_assert_nonnull (fixture->page);
  troupe_window_open_character (fixture->window, character);
  /* Nothing is read before the page is shown. */
  troupe_test_ui_iterate (50);
  g_assert_false (troupe_store_get_loaded (TROUPE_STORE (troupe_knowledge_page_get_docs (fixture->page))));
  gtk_widget_activate_action (GTK_WIDGET (view), "view.show-page", "s", "knowledge");
  troupe_test_wait_until (page_settled, fixture->page, "the documents");
  troupe_test_ui_wait_for_paint (GTK_WIDGET (fixture->window));
}

static void
fixture_finish (Fixture *fixture)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->app);
  g_clear_object (&fixture->other);
  g_clear_object (&fixture->client);
  for (guint i = 0; i < N_DOCS; i++)
    g_clear_pointer (&fixture->doc_ids[i], g_free);
  g_clear_pointer (&fixture->char_id, g_free);
  g_clear_pointer (&fixture->sandbox, troupe_test_sandbox_stop);
}

static void
render (Fixture    *fixture,
        const char *name)
{
  troupe_test_ui_iterate (300);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture->window), name));
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Connected ids of @docs, sorted and joined. */
static char *
connected_ids (GListModel *docs,
               gboolean    all_connected)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (docs); i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (docs, i);

      if (all_connected || convai_knowledge_doc_get_is_connected (doc))
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

  return connected_ids (docs, FALSE);
}

static char *
page_connected (Fixture *fixture)
{
  return connected_ids (troupe_character_docs_get_connected (troupe_knowledge_page_get_docs (fixture->page)), TRUE);
}

static char *
join_ids (Fixture    *fixture,
          const char *which)  /* "0,2": indexes into doc_ids */
{
  g_auto(GStrv) parts = g_strsplit (which, ",", -1);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_ptr_array_add (ids, fixture->doc_ids[atoi (parts[i])]);
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

static void
assert_connected (Fixture    *fixture,
                  const char *which)
{
  g_autofree char *expected = join_ids (fixture, which);
  g_autofree char *server = server_connected (fixture);
  g_autofree char *page = page_connected (fixture);

  g_assert_cmpstr (server, ==, expected);
  g_assert_cmpstr (page, ==, expected);
}

static void
activate_and_settle (Fixture    *fixture,
                     const char *action,
                     GVariant   *parameter)
{
  /* GTK 4.8 does not take a floating parameter it does not pass on. */
  g_autoptr(GVariant) owned = parameter != NULL ? g_variant_ref_sink (parameter) : NULL;

  gtk_widget_activate_action_variant (GTK_WIDGET (fixture->page), action, owned);
  troupe_test_wait_until (page_settled, fixture->page, action);
}

static const char *
problem (Fixture *fixture)
{
  return troupe_character_view_get_problem (troupe_window_get_view (fixture->window));
}

/* Processing slow enough that the test sees it under way, however slowly
 * this build runs (a sanitizer build is several times slower). */
static char *
slow_processing (void)
{
  return g_strdup_printf ("--fault-processing-ms=%" G_GINT64_FORMAT, troupe_test_timeout_usec (4) / 1000);
}

/* ---- tests ---- */

static void
test_lists_connected (void)
{
  Fixture fixture = { 0 };
  g_autofree char *failed_id = NULL;
  GListModel *shown;

  fixture_start (&fixture, NULL, N_DOCS, 2);
  /* A type the server cannot read: connected, and shown as failed. */
  failed_id = upload (fixture.client, "scan.pdf", "%PDF-1.4 not really");
  convai_test_set_document_connected (fixture.client, fixture.char_id, failed_id, TRUE);
  convai_test_set_document_connected (fixture.client, fixture.char_id, fixture.doc_ids[3], TRUE);
  fixture_open (&fixture, 1100, 700);
  shown = troupe_knowledge_page_get_shown (fixture.page);
  g_assert_cmpstr (troupe_knowledge_page_get_state (fixture.page), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 4);
  g_assert_nonnull (troupe_test_ui_find_label (GTK_WIDGET (fixture.page), "Could not be processed"));
  g_assert_nonnull (troupe_test_ui_find_label (GTK_WIDGET (fixture.page), "Ready"));
  render (&fixture, "knowledge-list-wide");

  troupe_knowledge_page_set_search_text (fixture.page, "TIDES");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  troupe_knowledge_page_set_search_text (fixture.page, "nothing like it");
  g_assert_cmpstr (troupe_knowledge_page_get_state (fixture.page), ==, "no-results");
  troupe_knowledge_page_set_search_text (fixture.page, "");
  g_assert_cmpstr (troupe_knowledge_page_get_state (fixture.page), ==, "list");
  fixture_finish (&fixture);
}

static void
replace_doc (ConvaiClient *client,
             const char   *doc_id,
             const char   *name)
{
  g_autoptr(GFile) file = convai_test_write_file (name, "# Again\n\nA new version of the notes.\n", -1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ConvaiKnowledgeDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  convai_client_update_document_async (client, doc_id, file, NULL, NULL, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  doc = convai_client_update_document_finish (client, result, &error);
  g_assert_no_error (error);
}

static gboolean
nothing_processing (gpointer data)
{
  GListModel *docs = troupe_character_docs_get_documents (troupe_knowledge_page_get_docs (data));

  for (guint i = 0; i < g_list_model_get_n_items (docs); i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (docs, i);

      if (!convai_knowledge_doc_get_is_available (doc))
        return FALSE;
    }
  return TRUE;
}

/* A strict, slow server: a connected document processed again shows so,
 * the picker offers processing ones without letting them be picked, and
 * a change beside them still goes through. */
static void
test_processing (void)
{
  g_autofree char *slow = slow_processing ();
  const char *args[] = { slow, NULL };
  Fixture fixture = { 0 };
  TroupeKnowledgePicker *picker;

  fixture_start (&fixture, args, 2, 2);
  fixture.doc_ids[2] = upload (fixture.client, doc_names[2], "# Log\n\nShips seen.\n");
  fixture.doc_ids[3] = upload (fixture.client, doc_names[3], "Rules of the harbour.\n");
  replace_doc (fixture.client, fixture.doc_ids[0], doc_names[0]);
  fixture_open (&fixture, 1100, 700);
  g_assert_nonnull (troupe_test_ui_find_label (GTK_WIDGET (fixture.page), "Processing…"));
  render (&fixture, "knowledge-list-processing");

  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "knowledge.add", NULL);
  picker = troupe_knowledge_page_get_picker (fixture.page);
  g_assert_cmpuint (g_list_model_get_n_items (troupe_knowledge_picker_get_shown (picker)), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (picker), "picker.toggle", "s", fixture.doc_ids[2]);
  {
    g_auto(GStrv) picked = troupe_knowledge_picker_dup_picked (picker);

    g_assert_cmpuint (g_strv_length (picked), ==, 0);
  }
  troupe_test_ui_wait_for_paint (GTK_WIDGET (picker));
  troupe_test_ui_iterate (300);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (picker), "knowledge-picker-processing"));
  gtk_widget_activate_action (GTK_WIDGET (picker), "picker.cancel", NULL);

  activate_and_settle (&fixture, "knowledge.disconnect", g_variant_new_string (fixture.doc_ids[1]));
  g_assert_null (problem (&fixture));
  assert_connected (&fixture, "0");

  /* The page follows the processing while it is shown, then sleeps. */
  g_assert_true (troupe_character_docs_get_polling (troupe_knowledge_page_get_docs (fixture.page)));
  gtk_widget_activate_action (GTK_WIDGET (troupe_window_get_view (fixture.window)), "view.show-page", "s", "character");
  troupe_test_ui_iterate (50);
  g_assert_false (troupe_character_docs_get_polling (troupe_knowledge_page_get_docs (fixture.page)));
  gtk_widget_activate_action (GTK_WIDGET (troupe_window_get_view (fixture.window)), "view.show-page", "s", "knowledge");
  troupe_test_wait_until (nothing_processing, fixture.page, "the processing to end on the page");
  g_assert_nonnull (troupe_test_ui_find_label (GTK_WIDGET (fixture.page), "Ready"));
  troupe_test_ui_iterate (100);
  g_assert_false (troupe_character_docs_get_polling (troupe_knowledge_page_get_docs (fixture.page)));
  fixture_finish (&fixture);
}

static gboolean
server_has_connected (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *server = server_connected (fixture);

  return fixture->doc_ids[2] != NULL && strstr (server, fixture->doc_ids[2]) != NULL;
}

static gboolean
upload_done (gpointer data)
{
  TroupeUpload *upload = data;

  return troupe_upload_get_state (upload) == TROUPE_UPLOAD_DONE;
}

static gboolean
connector_idle (gpointer data)
{
  return troupe_upload_connector_get_n_waiting (data) == 0;
}

/* Upload and Add: the file goes through the app's queue naming the
 * character, and is connected once processed, keeping the others. */
static void
test_upload_and_add (void)
{
  g_autofree char *slow = slow_processing ();
  const char *args[] = { slow, NULL };
  Fixture fixture = { 0 };
  TroupeContext *context;
  TroupeUploadConnector *connector;
  g_autoptr(GFile) file = convai_test_write_file ("ships-log.csv", "ship,seen\nAurora,1887\n", -1);
  g_autoptr(GFile) refused = convai_test_write_file ("scan.pdf", "%PDF-1.4\n", -1);
  TroupeUpload *upload;
  g_autofree char *expected = NULL;

  fixture_start (&fixture, args, 2, 1);
  fixture_open (&fixture, 1100, 700);
  context = troupe_window_get_context (fixture.window);
  connector = troupe_context_get_upload_connector (context);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (troupe_test_ui_find_by_action (GTK_WIDGET (fixture.page), "knowledge.upload"))));

  upload = troupe_upload_queue_add_file (troupe_context_get_uploads (context), file, fixture.char_id);
  troupe_upload_queue_add_file (troupe_context_get_uploads (context), refused, fixture.char_id);
  troupe_test_wait_until (upload_done, upload, "the upload");
  fixture.doc_ids[2] = g_strdup (troupe_upload_get_document_id (upload));
  /* Processing takes 4 s: nothing is connected before it ends. */
  g_assert_cmpuint (troupe_upload_connector_get_n_waiting (connector), ==, 1);
  assert_connected (&fixture, "0");
  render (&fixture, "knowledge-upload-and-add");
  troupe_test_wait_until (server_has_connected, &fixture, "the uploaded document connected");
  troupe_test_wait_until (connector_idle, connector, "the connector to finish");
  troupe_test_ui_iterate (100);
  assert_connected (&fixture, "0,2");
  g_assert_null (problem (&fixture));
  fixture_finish (&fixture);
}

static void
test_narrow_dark (void)
{
  Fixture fixture = { 0 };
  GSettings *settings;

  fixture_start (&fixture, NULL, N_DOCS, N_DOCS);
  fixture_open (&fixture, 360, 700);
  settings = troupe_application_get_settings (fixture.app);
  g_settings_set_string (settings, "style-variant", "dark");
  render (&fixture, "knowledge-list-narrow-dark");
  g_settings_set_string (settings, "style-variant", "light");
  fixture_finish (&fixture);
}

static void
test_empty (void)
{
  Fixture fixture = { 0 };
  GSettings *settings;

  fixture_start (&fixture, NULL, 1, 0);
  fixture_open (&fixture, 1100, 700);
  g_assert_cmpstr (troupe_knowledge_page_get_state (fixture.page), ==, "empty");
  g_assert_nonnull (troupe_test_ui_find_by_action (GTK_WIDGET (fixture.page), "knowledge.add"));
  render (&fixture, "knowledge-empty-wide");
  gtk_window_destroy (GTK_WINDOW (fixture.window));
  fixture.window = NULL;
  g_clear_object (&fixture.app);

  fixture_open (&fixture, 360, 640);
  settings = troupe_application_get_settings (fixture.app);
  g_settings_set_string (settings, "style-variant", "dark");
  render (&fixture, "knowledge-empty-narrow-dark");
  g_settings_set_string (settings, "style-variant", "light");
  fixture_finish (&fixture);
}

static void
test_add_through_picker (void)
{
  Fixture fixture = { 0 };
  TroupeKnowledgePicker *picker;
  GListModel *offered;
  g_autoptr(ConvaiKnowledgeDoc) tides = NULL;
  g_autoptr(GListModel) after = NULL;

  fixture_start (&fixture, NULL, N_DOCS, 1);
  fixture_open (&fixture, 1100, 700);
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "knowledge.add", NULL);
  picker = troupe_knowledge_page_get_picker (fixture.page);
  g_assert_nonnull (picker);
  offered = troupe_knowledge_picker_get_shown (picker);
  g_assert_cmpuint (g_list_model_get_n_items (offered), ==, N_DOCS - 1);
  /* Nothing picked: Add does nothing. */
  g_assert_false (gtk_widget_is_sensitive (troupe_test_ui_find_by_action (GTK_WIDGET (picker), "picker.add")));
  troupe_test_ui_wait_for_paint (GTK_WIDGET (picker));
  troupe_test_ui_iterate (300);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (picker), "knowledge-picker"));

  troupe_knowledge_picker_set_search (picker, "tid");
  g_assert_cmpuint (g_list_model_get_n_items (offered), ==, 1);
  tides = g_list_model_get_item (offered, 0);
  gtk_widget_activate_action (GTK_WIDGET (picker), "picker.toggle", "s", convai_knowledge_doc_get_id (tides));
  troupe_knowledge_picker_set_search (picker, "");
  gtk_widget_activate_action (GTK_WIDGET (picker), "picker.toggle", "s", fixture.doc_ids[3]);
  /* A connected document cannot be picked. */
  gtk_widget_activate_action (GTK_WIDGET (picker), "picker.toggle", "s", fixture.doc_ids[0]);
  {
    g_auto(GStrv) picked = troupe_knowledge_picker_dup_picked (picker);

    g_assert_cmpuint (g_strv_length (picked), ==, 2);
  }
  troupe_test_ui_iterate (100);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (picker), "knowledge-picker-picked"));
  gtk_widget_activate_action (GTK_WIDGET (picker), "picker.add", NULL);
  troupe_test_wait_until (page_settled, fixture.page, "the documents added");
  g_assert_null (troupe_knowledge_page_get_picker (fixture.page));
  assert_connected (&fixture, "0,1,3");
  g_assert_cmpstr (troupe_knowledge_page_get_news (fixture.page), ==, "Connected 2 documents.");
  g_assert_null (problem (&fixture));
  fixture_finish (&fixture);
}

static void
test_disconnect_undo (void)
{
  Fixture fixture = { 0 };
  g_autofree char *news = NULL;

  fixture_start (&fixture, NULL, N_DOCS, 3);
  fixture_open (&fixture, 1100, 700);
  g_assert_nonnull (troupe_test_ui_find_by_action (GTK_WIDGET (fixture.page), "knowledge.disconnect"));
  activate_and_settle (&fixture, "knowledge.disconnect", g_variant_new_string (fixture.doc_ids[1]));
  assert_connected (&fixture, "0,2");
  g_assert_cmpstr (troupe_knowledge_page_get_news (fixture.page), ==, "Disconnected “tides.txt”.");
  render (&fixture, "knowledge-disconnected-toast");

  activate_and_settle (&fixture, "knowledge.undo", NULL);
  assert_connected (&fixture, "0,1,2");
  g_assert_cmpstr (troupe_knowledge_page_get_news (fixture.page), ==, "Connected “tides.txt”.");
  fixture_finish (&fixture);
}

/* Another client connects a document after the page read the list: the
 * page's own change keeps it, and says so. */
static void
test_concurrent (void)
{
  Fixture fixture = { 0 };
  const char *add[] = { NULL, NULL };

  fixture_start (&fixture, NULL, N_DOCS, 1);
  fixture_open (&fixture, 1100, 700);
  convai_test_set_document_connected (fixture.other, fixture.char_id, fixture.doc_ids[1], TRUE);
  add[0] = fixture.doc_ids[2];
  activate_and_settle (&fixture, "knowledge.connect", g_variant_new_strv (add, -1));
  assert_connected (&fixture, "0,1,2");
  g_assert_cmpstr (troupe_knowledge_page_get_news (fixture.page), ==,
                   "Connected “ships-log.csv”. Connected elsewhere meanwhile: “tides.txt”.");

  /* Disconnected and deleted elsewhere, then a Disconnect here. */
  convai_test_set_document_connected (fixture.other, fixture.char_id, fixture.doc_ids[0], FALSE);
  delete_doc (fixture.other, fixture.doc_ids[1]);
  activate_and_settle (&fixture, "knowledge.disconnect", g_variant_new_string (fixture.doc_ids[2]));
  assert_connected (&fixture, "");
  g_assert_cmpstr (troupe_knowledge_page_get_news (fixture.page), ==,
                   "Disconnected “ships-log.csv”. Disconnected elsewhere meanwhile: “lamp-notes.md”. "
                   "Deleted meanwhile: “tides.txt”.");
  g_assert_cmpstr (troupe_knowledge_page_get_state (fixture.page), ==, "empty");
  fixture_finish (&fixture);
}

/* What a failed write says, and that nothing changed. */
static void
check_write_fails (const char *fault,
                   const char *expected_words)
{
  const char *args[] = { fault, "--fault-retry-after=0", NULL };
  Fixture fixture = { 0 };
  g_autofree char *png = NULL;
  const char *add[] = { NULL, NULL };

  /* The fault is on every update: nothing can be connected beforehand. */
  fixture_start (&fixture, args, N_DOCS, 0);
  fixture_open (&fixture, 1100, 700);
  add[0] = fixture.doc_ids[0];
  activate_and_settle (&fixture, "knowledge.connect", g_variant_new_strv (add, -1));
  g_test_message ("%s: %s", fault, problem (&fixture));
  g_assert_nonnull (problem (&fixture));
  g_assert_nonnull (strstr (problem (&fixture), "Could not connect “lamp-notes.md” to Ada"));
  g_assert_nonnull (strstr (problem (&fixture), expected_words));
  assert_connected (&fixture, "");
  png = g_strdup_printf ("knowledge-error-%s", fault + strlen (fault) - 3);  /* the status */
  render (&fixture, png);
  fixture_finish (&fixture);
}

static void
test_write_unauthorized (void)
{
  check_write_fails ("--fault-status=/character/update:401", "Professional plan");
}

static void
test_write_forbidden (void)
{
  check_write_fails ("--fault-status=/character/update:403", "plan");
}

static void
test_write_rate_limited (void)
{
  check_write_fails ("--fault-status=/character/update:429", "rate limit");
}

static void
test_write_server_error (void)
{
  check_write_fails ("--fault-status=/character/update:500", "try again in a moment");
}

/* The server goes away: the page says it could not reach it. */
static void
test_connection_cut (void)
{
  Fixture fixture = { 0 };

  fixture_start (&fixture, NULL, N_DOCS, 1);
  fixture_open (&fixture, 1100, 700);
  g_clear_pointer (&fixture.sandbox, troupe_test_sandbox_stop);
  activate_and_settle (&fixture, "knowledge.disconnect", g_variant_new_string (fixture.doc_ids[0]));
  g_test_message ("cut: %s", problem (&fixture));
  g_assert_nonnull (problem (&fixture));
  g_assert_nonnull (strstr (problem (&fixture), "Could not disconnect “lamp-notes.md” from Ada"));
  /* The list still shows what the server had. */
  g_assert_cmpuint (g_list_model_get_n_items (troupe_knowledge_page_get_shown (fixture.page)), ==, 1);
  fixture_finish (&fixture);
}

/* A list that fails to load says why; Try Again loads it. */
static void
test_load_error_and_retry (void)
{
  const char *args[] = { "--fault-status-once=/character/knowledge-bank/list:500", NULL };
  Fixture fixture = { 0 };

  fixture_start (&fixture, args, 0, 0);
  fixture_open (&fixture, 1100, 700);
  g_assert_cmpstr (troupe_knowledge_page_get_state (fixture.page), ==, "error");
  render (&fixture, "knowledge-load-error");
  activate_and_settle (&fixture, "knowledge.reload", NULL);
  g_assert_cmpstr (troupe_knowledge_page_get_state (fixture.page), ==, "empty");
  fixture_finish (&fixture);
}

static void
test_offline (void)
{
  g_autoptr(TroupeApplication) app = troupe_test_ui_register_application ();
  TroupeWindow *window = troupe_window_new (app);
  TroupeKnowledgePage *page = TROUPE_KNOWLEDGE_PAGE (troupe_character_view_get_page (troupe_window_get_view (window),
                                                                                     "knowledge"));

  troupe_window_set_client (window, NULL);
  g_assert_cmpstr (troupe_knowledge_page_get_state (page), ==, "offline");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Random connects, disconnects and undos through the page's actions, and
 * deletes and changes by another client, the server's list for the
 * character compared with a set after every step. */
static void
test_random_sequence (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GHashTable) model = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean deleted[N_DOCS] = { FALSE };
  guint32 seed = g_test_rand_int ();
  GRand *rand = g_rand_new_with_seed (seed);
  const char *undo = NULL;

  g_test_message ("seed %u", seed);
  fixture_start (&fixture, NULL, N_DOCS, 0);
  fixture_open (&fixture, 900, 600);
  for (guint step = 0; step < 30; step++)
    {
      guint doc = g_rand_int_range (rand, 0, N_DOCS);
      const char *id = fixture.doc_ids[doc];
      g_autoptr(GPtrArray) expected = g_ptr_array_new ();
      g_autofree char *expected_text = NULL;
      g_autofree char *now = NULL;

      switch (g_rand_int_range (rand, 0, 8))
        {
        case 0:
          if (!deleted[doc])
            {
              delete_doc (fixture.other, id);
              deleted[doc] = TRUE;
              g_hash_table_remove (model, id);
            }
          break;
        case 1:
          if (!deleted[doc])
            {
              gboolean on = g_rand_boolean (rand);

              convai_test_set_document_connected (fixture.other, fixture.char_id, id, on);
              if (on)
                g_hash_table_add (model, (gpointer) id);
              else
                g_hash_table_remove (model, id);
            }
          break;
        case 2:
        case 3:
          activate_and_settle (&fixture, "knowledge.disconnect", g_variant_new_string (id));
          g_hash_table_remove (model, id);
          undo = id;
          break;
        case 4:
          if (undo != NULL)
            {
              gboolean was_deleted = FALSE;

              for (guint i = 0; i < N_DOCS; i++)
                was_deleted |= deleted[i] && fixture.doc_ids[i] == undo;
              activate_and_settle (&fixture, "knowledge.undo", NULL);
              if (!was_deleted)
                g_hash_table_add (model, (gpointer) undo);
              undo = NULL;
            }
          break;
        default:
          {
            g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
            g_auto(GStrv) ids = NULL;

            for (guint i = 0; i < N_DOCS; i++)
              if (g_rand_boolean (rand))
                {
                  g_strv_builder_add (builder, fixture.doc_ids[i]);
                  if (!deleted[i])
                    g_hash_table_add (model, fixture.doc_ids[i]);
                }
            ids = g_strv_builder_end (builder);
            activate_and_settle (&fixture, "knowledge.connect", g_variant_new_strv ((const char * const *) ids, -1));
          }
          break;
        }
      g_assert_null (problem (&fixture));
      for (guint i = 0; i < N_DOCS; i++)
        if (g_hash_table_contains (model, fixture.doc_ids[i]))
          g_ptr_array_add (expected, fixture.doc_ids[i]);
      g_ptr_array_sort (expected, compare_ids);
      g_ptr_array_add (expected, NULL);
      expected_text = g_strjoinv (",", (char **) expected->pdata);
      now = server_connected (&fixture);
      g_assert_cmpstr (now, ==, expected_text);
    }
  g_rand_free (rand);
  fixture_finish (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  troupe_test_ui_init (&argc, &argv);

  g_test_add_func ("/troupe/knowledge/lists-connected", test_lists_connected);
  g_test_add_func ("/troupe/knowledge/processing", test_processing);
  g_test_add_func ("/troupe/knowledge/narrow-dark", test_narrow_dark);
  g_test_add_func ("/troupe/knowledge/upload-and-add", test_upload_and_add);
  g_test_add_func ("/troupe/knowledge/empty", test_empty);
  g_test_add_func ("/troupe/knowledge/add-through-picker", test_add_through_picker);
  g_test_add_func ("/troupe/knowledge/disconnect-undo", test_disconnect_undo);
  g_test_add_func ("/troupe/knowledge/concurrent", test_concurrent);
  g_test_add_func ("/troupe/knowledge/write-unauthorized", test_write_unauthorized);
  g_test_add_func ("/troupe/knowledge/write-forbidden", test_write_forbidden);
  g_test_add_func ("/troupe/knowledge/write-rate-limited", test_write_rate_limited);
  g_test_add_func ("/troupe/knowledge/write-server-error", test_write_server_error);
  g_test_add_func ("/troupe/knowledge/connection-cut", test_connection_cut);
  g_test_add_func ("/troupe/knowledge/load-error-and-retry", test_load_error_and_retry);
  g_test_add_func ("/troupe/knowledge/offline", test_offline);
  g_test_add_func ("/troupe/knowledge/random-sequence", test_random_sequence);
  return g_test_run ();
}
