/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Knowledge Bank manager against a real sandbox: every document with
 * the characters using it, an upload followed until processed without a
 * refresh, a new version that keeps every connection, delete naming the
 * characters it leaves, a failed document retried, a stalled one waited
 * for, search and sort, a random sequence compared with a simple model;
 * and against a stub, one list call per polling tick. Driven through the
 * window's actions and models. */
#include "config.h"

#include <string.h>

#include "convai-test-util.h"
#include "troupe-application.h"
#include "troupe-character-view.h"
#include "troupe-document-row.h"
#include "troupe-knowledge-page.h"
#include "troupe-knowledge-window.h"
#include "troupe-test-stub.h"
#include "troupe-test-ui.h"
#include "troupe-window.h"

typedef struct
{
  TroupeTestSandbox     *sandbox;
  ConvaiClient          *client;
  TroupeApplication     *app;
  TroupeWindow          *window;
  TroupeKnowledgeWindow *kb;
  char                  *ada;
  char                  *ben;
} Fixture;

static ConvaiKnowledgeDoc *
server_doc (Fixture    *fixture,
            const char *char_id,
            const char *doc_id)
{
  g_autoptr(GListModel) docs = convai_test_list_documents (fixture->client, char_id);

  for (guint i = 0; i < g_list_model_get_n_items (docs); i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (docs, i);

      if (g_strcmp0 (convai_knowledge_doc_get_id (doc), doc_id) == 0)
        return g_steal_pointer (&doc);
    }
  return NULL;
}

static gboolean
store_settled (gpointer data)
{
  Fixture *fixture = data;
  TroupeDocumentStore *store = troupe_context_get_documents (troupe_window_get_context (fixture->window));

  return troupe_store_get_loaded (TROUPE_STORE (store)) && !troupe_store_get_loading (TROUPE_STORE (store))
         && !troupe_document_store_get_connections_loading (store);
}

static gboolean
characters_loaded (gpointer data)
{
  Fixture *fixture = data;

  return troupe_character_store_get_loaded (troupe_window_get_store (fixture->window));
}

static void
fixture_start (Fixture            *fixture,
               const char * const *sandbox_args)
{
  fixture->sandbox = troupe_test_sandbox_start (sandbox_args);
  fixture->client = convai_test_client_new (fixture->sandbox);
  fixture->ada = convai_test_create_character (fixture->client, "Ada", "I keep the light.");
  fixture->ben = convai_test_create_character (fixture->client, "Ben", "I row the boat.");
}

/* Opens the manager the way a person does: the window's action. */
static void
fixture_open (Fixture *fixture,
              int      width,
              int      height)
{
  fixture->app = troupe_test_ui_register_application ();
  fixture->window = troupe_window_new (fixture->app);
  troupe_window_set_client (fixture->window, fixture->client);
  gtk_window_present (GTK_WINDOW (fixture->window));
  troupe_test_wait_until (characters_loaded, fixture, "the characters");
  g_assert_null (troupe_window_get_knowledge_window (fixture->window));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.knowledge-bank", NULL);
  fixture->kb = troupe_window_get_knowledge_window (fixture->window);
  g_assert_nonnull (fixture->kb);
  gtk_window_set_default_size (GTK_WINDOW (fixture->kb), width, height);
  troupe_test_wait_until (store_settled, fixture, "the knowledge bank");
  troupe_test_ui_wait_for_paint (GTK_WIDGET (fixture->kb));
}

static void
fixture_finish (Fixture *fixture)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->app);
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->ada, g_free);
  g_clear_pointer (&fixture->ben, g_free);
  g_clear_pointer (&fixture->sandbox, troupe_test_sandbox_stop);
}

static void
render (Fixture    *fixture,
        const char *name)
{
  troupe_test_ui_iterate (300);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture->kb), name));
}

static TroupeDocument *
shown (Fixture    *fixture,
       const char *name)
{
  GListModel *model = troupe_knowledge_window_get_shown (fixture->kb);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TroupeDocument) document = g_list_model_get_item (model, i);

      if (g_strcmp0 (troupe_document_get_name (document), name) == 0)
        return document;  /* the store keeps it */
    }
  return NULL;
}

static char *
users (Fixture        *fixture,
       TroupeDocument *document)
{
  return troupe_document_describe_users (document, troupe_window_get_store (fixture->window));
}

typedef struct
{
  Fixture             *fixture;
  const char          *name;
  TroupeDocumentState  state;
  guint                version;
} Expect;

static gboolean
document_reached (gpointer data)
{
  Expect *expect = data;
  TroupeDocument *document = shown (expect->fixture, expect->name);

  return document != NULL && troupe_document_get_state (document) == expect->state
         && (expect->version == 0 || troupe_document_get_version (document) == expect->version);
}

static void
wait_for_document (Fixture             *fixture,
                   const char          *name,
                   TroupeDocumentState  state,
                   guint                version)
{
  Expect expect = { fixture, name, state, version };

  troupe_test_wait_until (document_reached, &expect, name);
}

static GListModel *
one_file (const char *name,
          const char *text,
          gssize      length)
{
  GListStore *files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GFile) file = convai_test_write_file (name, text, length);

  g_list_store_append (files, file);
  return G_LIST_MODEL (files);
}

/* ---- tests ---- */

static void
test_lists_with_users (void)
{
  Fixture fixture = { 0 };
  g_autoptr(ConvaiKnowledgeDoc) both = NULL;
  g_autoptr(ConvaiKnowledgeDoc) one = NULL;
  g_autoptr(ConvaiKnowledgeDoc) none = NULL;
  g_autofree char *both_users = NULL;
  g_autofree char *one_users = NULL;
  g_autofree char *none_users = NULL;
  GListModel *model;
  g_autoptr(TroupeDocument) first = NULL;

  fixture_start (&fixture, NULL);
  both = convai_test_upload_document (fixture.client, "harbour.md", "# Harbour\n\nShips dock at dawn.\n");
  one = convai_test_upload_document (fixture.client, "tides.txt", "High tide comes twice a day, and a little longer than that.\n");
  none = convai_test_upload_document (fixture.client, "lamp.csv", "oil,wick\n1,2\n");
  convai_test_set_document_connected (fixture.client, fixture.ada, convai_knowledge_doc_get_id (both), TRUE);
  convai_test_set_document_connected (fixture.client, fixture.ben, convai_knowledge_doc_get_id (both), TRUE);
  convai_test_set_document_connected (fixture.client, fixture.ben, convai_knowledge_doc_get_id (one), TRUE);
  fixture_open (&fixture, 900, 640);

  model = troupe_knowledge_window_get_shown (fixture.kb);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (troupe_knowledge_window_get_state (fixture.kb), ==, "list");
  both_users = users (&fixture, shown (&fixture, "harbour.md"));
  one_users = users (&fixture, shown (&fixture, "tides.txt"));
  none_users = users (&fixture, shown (&fixture, "lamp.csv"));
  g_assert_cmpstr (both_users, ==, "Used by Ada and Ben");
  g_assert_cmpstr (one_users, ==, "Used by Ben");
  g_assert_cmpstr (none_users, ==, "Not used by any character");
  g_assert_cmpuint (troupe_document_get_file_size (shown (&fixture, "lamp.csv")), ==, strlen ("oil,wick\n1,2\n"));
  g_assert_cmpuint (troupe_document_get_version (shown (&fixture, "lamp.csv")), ==, 1);
  g_assert_nonnull (troupe_document_get_uploaded (shown (&fixture, "lamp.csv")));
  render (&fixture, "kb-manager-wide");

  /* Sorted by name, then by size (largest first). */
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (troupe_document_get_name (first), ==, "harbour.md");
  g_clear_object (&first);
  gtk_widget_activate_action (GTK_WIDGET (fixture.kb), "kb.sort", "s", "size");
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (troupe_document_get_name (first), ==, "tides.txt");
  g_clear_object (&first);

  /* Search, and a search that finds nothing. */
  troupe_knowledge_window_set_search_text (fixture.kb, "TID");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  troupe_knowledge_window_set_search_text (fixture.kb, "nothing like this");
  g_assert_cmpstr (troupe_knowledge_window_get_state (fixture.kb), ==, "no-results");
  render (&fixture, "kb-manager-no-results");
  troupe_knowledge_window_set_search_text (fixture.kb, "");
  g_assert_cmpstr (troupe_knowledge_window_get_state (fixture.kb), ==, "list");
  /* Nothing is processing: nothing polls. */
  g_assert_false (troupe_document_store_get_polling (troupe_context_get_documents (troupe_window_get_context (fixture.window))));
  fixture_finish (&fixture);
}

static void
test_narrow_dark_and_empty (void)
{
  Fixture fixture = { 0 };
  GSettings *settings;
  g_autoptr(ConvaiKnowledgeDoc) doc = NULL;

  fixture_start (&fixture, NULL);
  fixture_open (&fixture, 360, 640);
  g_assert_cmpstr (troupe_knowledge_window_get_state (fixture.kb), ==, "empty");
  render (&fixture, "kb-manager-empty-narrow");
  gtk_window_destroy (GTK_WINDOW (fixture.window));
  fixture.window = NULL;
  g_clear_object (&fixture.app);

  doc = convai_test_upload_document (fixture.client, "A rather long name for a document about the northern lighthouse keepers.md",
                "# Keepers\n\nThey trim the wick at dusk.\n");
  convai_test_set_document_connected (fixture.client, fixture.ada, convai_knowledge_doc_get_id (doc), TRUE);
  fixture_open (&fixture, 360, 640);
  settings = troupe_application_get_settings (fixture.app);
  g_settings_set_string (settings, "style-variant", "dark");
  render (&fixture, "kb-manager-narrow-dark");
  g_settings_set_string (settings, "style-variant", "light");
  fixture_finish (&fixture);
}

static char *
slow_processing (void)
{
  return g_strdup_printf ("--fault-processing-ms=%" G_GINT64_FORMAT, troupe_test_timeout_usec (3) / 1000);
}

static gboolean
queue_idle (gpointer data)
{
  GListModel *uploads = data;

  for (guint i = 0; i < g_list_model_get_n_items (uploads); i++)
    {
      g_autoptr(TroupeUpload) upload = g_list_model_get_item (uploads, i);
      TroupeUploadState state = troupe_upload_get_state (upload);

      if (state == TROUPE_UPLOAD_QUEUED || state == TROUPE_UPLOAD_SENDING)
        return FALSE;
    }
  return TRUE;
}

/* Upload, then the state follows the server with no refresh: processing,
 * then ready; polling then stops. */
static void
test_upload_followed (void)
{
  Fixture fixture = { 0 };
  g_autofree char *slow = slow_processing ();
  const char *args[] = { slow, NULL };
  g_autoptr(GListModel) files = one_file ("beacons.md", "# Beacons\n\nLit at dusk, out at dawn.\n", -1);
  TroupeDocumentStore *store;
  TroupeDocument *document;

  fixture_start (&fixture, args);
  fixture_open (&fixture, 900, 640);
  store = troupe_context_get_documents (troupe_window_get_context (fixture.window));
  troupe_knowledge_window_upload_files (fixture.kb, files);
  wait_for_document (&fixture, "beacons.md", TROUPE_DOCUMENT_PROCESSING, 1);
  g_assert_true (troupe_document_store_get_polling (store));
  document = shown (&fixture, "beacons.md");
  {
    g_autofree char *who = users (&fixture, document);

    g_assert_cmpstr (who, ==, "Not used by any character");
  }
  render (&fixture, "kb-manager-processing");
  wait_for_document (&fixture, "beacons.md", TROUPE_DOCUMENT_AVAILABLE, 1);
  troupe_test_ui_iterate (50);
  g_assert_false (troupe_document_store_get_polling (store));

  /* A file refused before sending says why in the queue and is not listed. */
  {
    g_autoptr(GListModel) empty = one_file ("blank.txt", "", 0);

    troupe_knowledge_window_upload_files (fixture.kb, empty);
    troupe_test_wait_until (queue_idle, troupe_context_get_uploads (troupe_window_get_context (fixture.window)),
                            "the queue");
    g_assert_null (shown (&fixture, "blank.txt"));
  }
  fixture_finish (&fixture);
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkDropTarget *found = find_drop_target (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Files dropped on the window go into the queue like chosen ones: the
 * good one is listed, the refused one says why in the queue. */
static void
test_drop_files (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GFile) good = convai_test_write_file ("dropped.md", "# Dropped\n\nFrom the file manager.\n", -1);
  g_autoptr(GFile) bad = convai_test_write_file ("picture.png", "\x89PNG", 4);
  GtkDropTarget *target;
  GSList *files = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  GListModel *uploads;
  gboolean refused = FALSE;

  fixture_start (&fixture, NULL);
  fixture_open (&fixture, 900, 640);
  target = find_drop_target (GTK_WIDGET (fixture.kb));
  g_assert_nonnull (target);
  files = g_slist_append (g_slist_append (NULL, good), bad);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_slist_free (files);
  g_assert_true (accepted);
  wait_for_document (&fixture, "dropped.md", TROUPE_DOCUMENT_AVAILABLE, 1);
  uploads = G_LIST_MODEL (troupe_context_get_uploads (troupe_window_get_context (fixture.window)));
  for (guint i = 0; i < g_list_model_get_n_items (uploads); i++)
    {
      g_autoptr(TroupeUpload) upload = g_list_model_get_item (uploads, i);

      if (g_strcmp0 (troupe_upload_get_display_name (upload), "picture.png") == 0)
        refused = troupe_upload_get_state (upload) == TROUPE_UPLOAD_REFUSED
                  && troupe_upload_get_error_message (upload) != NULL;
    }
  g_assert_true (refused);
  g_assert_null (shown (&fixture, "picture.png"));
  render (&fixture, "kb-manager-dropped");
  fixture_finish (&fixture);
}

static gboolean
server_version_ready (gpointer data)
{
  Expect *expect = data;
  TroupeDocument *document = shown (expect->fixture, expect->name);

  return document != NULL && troupe_document_get_version (document) == expect->version
         && troupe_document_get_state (document) == TROUPE_DOCUMENT_AVAILABLE;
}

/* A new version keeps the id and so every character's connection. */
static void
test_replace_keeps_connections (void)
{
  Fixture fixture = { 0 };
  g_autoptr(ConvaiKnowledgeDoc) doc = NULL;
  g_autoptr(ConvaiKnowledgeDoc) at_ada = NULL;
  g_autoptr(ConvaiKnowledgeDoc) at_ben = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *who = NULL;
  Expect expect = { &fixture, "harbour.md", TROUPE_DOCUMENT_AVAILABLE, 2 };
  const char *id;

  fixture_start (&fixture, NULL);
  doc = convai_test_upload_document (fixture.client, "harbour.md", "# Harbour\n\nShips dock at dawn.\n");
  id = convai_knowledge_doc_get_id (doc);
  convai_test_set_document_connected (fixture.client, fixture.ada, id, TRUE);
  convai_test_set_document_connected (fixture.client, fixture.ben, id, TRUE);
  fixture_open (&fixture, 900, 640);
  wait_for_document (&fixture, "harbour.md", TROUPE_DOCUMENT_AVAILABLE, 1);

  /* The person edited the file and sends it again. */
  file = convai_test_write_file ("harbour.md", "# Harbour\n\nShips now dock at noon, and the pier is longer.\n", -1);
  troupe_knowledge_window_replace_with (fixture.kb, id, file);
  troupe_test_wait_until (server_version_ready, &expect, "version 2");
  who = users (&fixture, shown (&fixture, "harbour.md"));
  g_assert_cmpstr (who, ==, "Used by Ada and Ben");
  at_ada = server_doc (&fixture, fixture.ada, id);
  at_ben = server_doc (&fixture, fixture.ben, id);
  g_assert_true (convai_knowledge_doc_get_is_connected (at_ada));
  g_assert_true (convai_knowledge_doc_get_is_connected (at_ben));
  g_assert_cmpuint (convai_knowledge_doc_get_file_size (at_ada), ==,
                    strlen ("# Harbour\n\nShips now dock at noon, and the pier is longer.\n"));
  render (&fixture, "kb-manager-version-2");
  fixture_finish (&fixture);
}

static gboolean
dialog_shown (gpointer data)
{
  return troupe_knowledge_window_get_dialog (data) != NULL;
}

static gboolean
gone (gpointer data)
{
  Expect *expect = data;

  return shown (expect->fixture, expect->name) == NULL;
}

static void
test_delete_names_users (void)
{
  Fixture fixture = { 0 };
  g_autoptr(ConvaiKnowledgeDoc) doc = NULL;
  g_autoptr(ConvaiKnowledgeDoc) after = NULL;
  AdwMessageDialog *dialog;
  Expect expect = { &fixture, "harbour.md", 0, 0 };

  fixture_start (&fixture, NULL);
  doc = convai_test_upload_document (fixture.client, "harbour.md", "# Harbour\n\nShips dock at dawn.\n");
  convai_test_set_document_connected (fixture.client, fixture.ada, convai_knowledge_doc_get_id (doc), TRUE);
  convai_test_set_document_connected (fixture.client, fixture.ben, convai_knowledge_doc_get_id (doc), TRUE);
  fixture_open (&fixture, 900, 640);

  /* The row's trash button asks; Cancel first: nothing happens. */
  {
    GtkWidget *row = troupe_test_ui_find_by_type (GTK_WIDGET (fixture.kb), TROUPE_TYPE_DOCUMENT_ROW, 0);
    GtkWidget *trash = NULL;

    for (guint i = 0; (trash == NULL || gtk_button_get_icon_name (GTK_BUTTON (trash)) == NULL
                       || g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (trash)), "user-trash-symbolic") != 0); i++)
      {
        trash = troupe_test_ui_find_by_type (row, GTK_TYPE_BUTTON, i);
        g_assert_nonnull (trash);
      }
    g_signal_emit_by_name (trash, "clicked");
  }
  troupe_test_wait_until (dialog_shown, fixture.kb, "the question");
  dialog = troupe_knowledge_window_get_dialog (fixture.kb);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "harbour.md"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Used by Ada and Ben"));
  g_free (troupe_test_ui_render_png (GTK_WIDGET (dialog), "kb-manager-delete-question"));
  adw_message_dialog_response (dialog, "cancel");
  troupe_test_ui_iterate (100);
  g_assert_nonnull (shown (&fixture, "harbour.md"));

  gtk_widget_activate_action (GTK_WIDGET (fixture.kb), "kb.delete", "s", convai_knowledge_doc_get_id (doc));
  troupe_test_wait_until (dialog_shown, fixture.kb, "the question");
  adw_message_dialog_response (troupe_knowledge_window_get_dialog (fixture.kb), "delete");
  troupe_test_wait_until (gone, &expect, "the document to leave the list");
  after = server_doc (&fixture, fixture.ada, convai_knowledge_doc_get_id (doc));
  g_assert_null (after);
  g_assert_cmpstr (troupe_knowledge_window_get_news (fixture.kb), ==, "Deleted “harbour.md”.");
  g_assert_cmpstr (troupe_knowledge_window_get_state (fixture.kb), ==, "empty");
  fixture_finish (&fixture);
}

/* The server could not process it: the reason shows, and Retry sends the
 * file again (fixed meanwhile) as a new version. */
static void
test_failed_then_retry (void)
{
  Fixture fixture = { 0 };
  static const char bad[] = { 'o', 'k', (char) 0xff, (char) 0xfe, '\n' };
  g_autoptr(GListModel) files = one_file ("broken.txt", bad, sizeof bad);
  g_autoptr(GFile) file = g_list_model_get_item (files, 0);
  TroupeDocument *document;
  g_autoptr(GError) error = NULL;

  fixture_start (&fixture, NULL);
  fixture_open (&fixture, 900, 640);
  troupe_knowledge_window_upload_files (fixture.kb, files);
  wait_for_document (&fixture, "broken.txt", TROUPE_DOCUMENT_FAILED, 0);
  document = shown (&fixture, "broken.txt");
  g_assert_nonnull (troupe_document_get_error_message (document));
  g_assert_nonnull (strstr (troupe_document_get_error_message (document), "UTF-8"));
  render (&fixture, "kb-manager-failed");

  g_file_replace_contents (file, "now it is text\n", strlen ("now it is text\n"), NULL, FALSE,
                           G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (fixture.kb), "kb.retry", "s", troupe_document_get_id (document));
  wait_for_document (&fixture, "broken.txt", TROUPE_DOCUMENT_AVAILABLE, 2);
  fixture_finish (&fixture);
}

static gboolean
stalled (gpointer data)
{
  Expect *expect = data;
  TroupeDocument *document = shown (expect->fixture, expect->name);

  return document != NULL && troupe_document_get_stalled (document);
}

/* Processing past the limit: it says so and stops waiting until asked to
 * keep waiting. */
static void
test_stalled_keep_waiting (void)
{
  Fixture fixture = { 0 };
  g_autofree char *slow = g_strdup_printf ("--fault-processing-ms=%" G_GINT64_FORMAT, troupe_test_timeout_usec (5) / 1000);
  const char *args[] = { slow, NULL };
  g_autoptr(GListModel) files = one_file ("slow.md", "# Slow\n\nIt takes its time.\n", -1);
  TroupeDocumentStore *store;
  Expect expect = { &fixture, "slow.md", 0, 0 };

  fixture_start (&fixture, args);
  fixture_open (&fixture, 900, 640);
  store = troupe_context_get_documents (troupe_window_get_context (fixture.window));
  troupe_document_store_set_stall_seconds (store, 1);
  troupe_knowledge_window_upload_files (fixture.kb, files);
  troupe_test_wait_until (stalled, &expect, "the document to stall");
  troupe_test_ui_iterate (100);
  g_assert_false (troupe_document_store_get_polling (store));
  g_assert_nonnull (troupe_test_ui_find_label (GTK_WIDGET (fixture.kb), "Still processing after 10 minutes"));
  render (&fixture, "kb-manager-stalled");

  troupe_document_store_set_stall_seconds (store, 600);
  gtk_widget_activate_action (GTK_WIDGET (fixture.kb), "kb.keep-waiting", "s",
                              troupe_document_get_id (shown (&fixture, "slow.md")));
  g_assert_false (troupe_document_get_stalled (shown (&fixture, "slow.md")));
  g_assert_true (troupe_document_store_get_polling (store));
  wait_for_document (&fixture, "slow.md", TROUPE_DOCUMENT_AVAILABLE, 1);
  fixture_finish (&fixture);
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

static gboolean
page_loaded (gpointer data)
{
  TroupeStore *docs = TROUPE_STORE (troupe_knowledge_page_get_docs (data));

  return troupe_store_get_loaded (docs) && !troupe_store_get_loading (docs);
}

static gboolean
left_page (gpointer data)
{
  return g_list_model_get_n_items (troupe_character_docs_get_documents (troupe_knowledge_page_get_docs (data))) == 0;
}

/* One store: what the manager's polling sees shows on a character's
 * Knowledge page at once, though that page is not shown (so not polling). */
static void
test_shared_with_page (void)
{
  Fixture fixture = { 0 };
  g_autofree char *slow = slow_processing ();
  const char *args[] = { slow, NULL };
  g_autoptr(ConvaiKnowledgeDoc) doc = NULL;
  g_autoptr(ConvaiCharacter) ada = NULL;
  TroupeCharacterView *view;
  TroupeKnowledgePage *page;
  ConvaiKnowledgeDoc *on_page;
  const char *id;

  fixture_start (&fixture, args);
  doc = convai_test_upload_document (fixture.client, "beacons.md", "# Beacons\n\nLit at dusk.\n");
  id = convai_knowledge_doc_get_id (doc);
  fixture.app = troupe_test_ui_register_application ();
  fixture.window = troupe_window_new (fixture.app);
  troupe_window_set_client (fixture.window, fixture.client);
  gtk_window_present (GTK_WINDOW (fixture.window));
  troupe_test_wait_until (characters_loaded, &fixture, "the characters");
  ada = fetch_character (fixture.client, fixture.ada);
  troupe_window_open_character (fixture.window, ada);
  view = troupe_window_get_view (fixture.window);
  page = TROUPE_KNOWLEDGE_PAGE (troupe_character_view_get_page (view, "knowledge"));
  gtk_widget_activate_action (GTK_WIDGET (view), "view.show-page", "s", "knowledge");
  troupe_test_wait_until (page_loaded, page, "the page's documents");
  g_assert_false (convai_knowledge_doc_get_is_available (troupe_character_docs_lookup (troupe_knowledge_page_get_docs (page), id)));
  /* Another page: this one stops polling. */
  gtk_widget_activate_action (GTK_WIDGET (view), "view.show-page", "s", "character");
  troupe_test_ui_iterate (100);
  g_assert_false (troupe_character_docs_get_polling (troupe_knowledge_page_get_docs (page)));

  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.knowledge-bank", NULL);
  fixture.kb = troupe_window_get_knowledge_window (fixture.window);
  troupe_test_wait_until (store_settled, &fixture, "the knowledge bank");
  wait_for_document (&fixture, "beacons.md", TROUPE_DOCUMENT_AVAILABLE, 1);
  on_page = troupe_character_docs_lookup (troupe_knowledge_page_get_docs (page), id);
  g_assert_true (convai_knowledge_doc_get_is_available (on_page));
  g_assert_false (convai_knowledge_doc_get_is_connected (on_page));

  /* Deleted in the manager: gone from the page too. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.kb), "kb.delete", "s", id);
  troupe_test_wait_until (dialog_shown, fixture.kb, "the question");
  adw_message_dialog_response (troupe_knowledge_window_get_dialog (fixture.kb), "delete");
  troupe_test_wait_until (left_page, page, "the document to leave the page");
  fixture_finish (&fixture);
}

static gboolean
store_failed (gpointer data)
{
  Fixture *fixture = data;
  TroupeDocumentStore *store = troupe_context_get_documents (troupe_window_get_context (fixture->window));

  return troupe_store_get_error_message (TROUPE_STORE (store)) != NULL;
}

/* A plan without the Knowledge Bank: the error says so, Try Again works
 * once the server agrees. */
static void
test_list_refused (void)
{
  Fixture fixture = { 0 };
  const char *args[] = { "--fault-status-once=/character/knowledge-bank/list:403", NULL };
  TroupeDocumentStore *store;
  g_autoptr(ConvaiKnowledgeDoc) doc = NULL;

  fixture_start (&fixture, args);
  doc = convai_test_upload_document (fixture.client, "harbour.md", "# Harbour\n\nShips dock at dawn.\n");
  fixture.app = troupe_test_ui_register_application ();
  fixture.window = troupe_window_new (fixture.app);
  troupe_window_set_client (fixture.window, fixture.client);
  gtk_window_present (GTK_WINDOW (fixture.window));
  troupe_test_wait_until (characters_loaded, &fixture, "the characters");
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.knowledge-bank", NULL);
  fixture.kb = troupe_window_get_knowledge_window (fixture.window);
  store = troupe_context_get_documents (troupe_window_get_context (fixture.window));
  troupe_test_wait_until (store_failed, &fixture, "the refusal");
  troupe_test_ui_iterate (100);
  g_assert_cmpstr (troupe_knowledge_window_get_state (fixture.kb), ==, "error");
  g_assert_nonnull (strstr (troupe_store_get_error_message (TROUPE_STORE (store)), "plan"));
  render (&fixture, "kb-manager-error");
  gtk_widget_activate_action (GTK_WIDGET (fixture.kb), "kb.reload", NULL);
  troupe_test_wait_until (store_settled, &fixture, "the list");
  troupe_test_ui_iterate (100);
  g_assert_cmpstr (troupe_knowledge_window_get_state (fixture.kb), ==, "list");
  g_assert_nonnull (shown (&fixture, "harbour.md"));
  fixture_finish (&fixture);
}

/* ---- a random sequence against a simple model ---- */

typedef struct
{
  char    *id;       /* NULL until the upload is listed */
  char    *name;
  guint    version;
  gboolean ada;      /* connected to Ada (made by another app) */
} ModelDoc;

static void
model_doc_free (ModelDoc *doc)
{
  g_free (doc->id);
  g_free (doc->name);
  g_free (doc);
}

typedef struct
{
  Fixture   *fixture;
  GPtrArray *docs;  /* ModelDoc */
} Model;

/* The manager shows exactly the model: names, versions, states, users. */
static gboolean
manager_matches (gpointer data)
{
  Model *model = data;
  GListModel *shown_docs = troupe_knowledge_window_get_shown (model->fixture->kb);
  TroupeDocumentStore *store = troupe_context_get_documents (troupe_window_get_context (model->fixture->window));

  if (troupe_store_get_loading (TROUPE_STORE (store)) || troupe_document_store_get_connections_loading (store)
      || g_list_model_get_n_items (shown_docs) != model->docs->len)
    return FALSE;
  for (guint i = 0; i < model->docs->len; i++)
    {
      ModelDoc *doc = g_ptr_array_index (model->docs, i);
      TroupeDocument *document = shown (model->fixture, doc->name);
      g_autofree char *who = NULL;

      if (document == NULL || troupe_document_get_state (document) != TROUPE_DOCUMENT_AVAILABLE
          || troupe_document_get_version (document) != doc->version)
        return FALSE;
      who = users (model->fixture, document);
      if (g_strcmp0 (who, doc->ada ? "Used by Ada" : "Not used by any character") != 0)
        return FALSE;
      if (doc->id == NULL)
        doc->id = g_strdup (troupe_document_get_id (document));
    }
  return TRUE;
}

static void
assert_server_matches (Model *model)
{
  g_autoptr(GListModel) docs = convai_test_list_documents (model->fixture->client, model->fixture->ada);

  g_assert_cmpuint (g_list_model_get_n_items (docs), ==, model->docs->len);
  for (guint i = 0; i < model->docs->len; i++)
    {
      ModelDoc *doc = g_ptr_array_index (model->docs, i);
      g_autoptr(ConvaiKnowledgeDoc) on_server = server_doc (model->fixture, model->fixture->ada, doc->id);

      g_assert_nonnull (on_server);
      g_assert_cmpstr (convai_knowledge_doc_get_file_name (on_server), ==, doc->name);
      g_assert_cmpint (convai_knowledge_doc_get_is_connected (on_server), ==, doc->ada);
    }
}

static void
test_random_sequence (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) model_doc_free);
  Model model = { &fixture, docs };
  GRand *rand = g_rand_new_with_seed (g_test_rand_int ());
  guint made = 0;

  fixture_start (&fixture, NULL);
  fixture_open (&fixture, 900, 640);
  for (guint step = 0; step < 24; step++)
    {
      guint what = docs->len == 0 ? 0 : g_rand_int_range (rand, 0, 5);
      ModelDoc *doc = docs->len > 0 ? g_ptr_array_index (docs, g_rand_int_range (rand, 0, docs->len)) : NULL;

      switch (what)
        {
        case 0:  /* upload a new file */
          {
            ModelDoc *added = g_new0 (ModelDoc, 1);
            g_autofree char *text = g_strdup_printf ("# Note %u\n\nThe tide turned at step %u.\n", made, step);
            g_autoptr(GListModel) files = NULL;

            added->name = g_strdup_printf ("note-%02u.md", made++);
            added->version = 1;
            files = one_file (added->name, text, -1);
            g_test_message ("step %u: upload %s", step, added->name);
            g_ptr_array_add (docs, added);
            troupe_knowledge_window_upload_files (fixture.kb, files);
            break;
          }
        case 1:  /* a new version */
          {
            g_autofree char *text = g_strdup_printf ("# %s\n\nRewritten at step %u, longer than before.\n", doc->name, step);
            g_autoptr(GFile) file = convai_test_write_file (doc->name, text, -1);

            g_test_message ("step %u: replace %s", step, doc->name);
            doc->version++;
            troupe_knowledge_window_replace_with (fixture.kb, doc->id, file);
            break;
          }
        case 2:  /* delete */
          g_test_message ("step %u: delete %s", step, doc->name);
          gtk_widget_activate_action (GTK_WIDGET (fixture.kb), "kb.delete", "s", doc->id);
          troupe_test_wait_until (dialog_shown, fixture.kb, "the question");
          adw_message_dialog_response (troupe_knowledge_window_get_dialog (fixture.kb), "delete");
          g_ptr_array_remove (docs, doc);
          break;
        case 3:  /* another app connects or disconnects it for Ada; Refresh */
          {
            g_autoptr(GAsyncResult) result = NULL;
            g_autoptr(GError) error = NULL;
            GAsyncResult *slot = NULL;

            g_test_message ("step %u: %s %s elsewhere", step, doc->ada ? "disconnect" : "connect", doc->name);
            doc->ada = !doc->ada;
            convai_client_set_document_connected_async (fixture.client, fixture.ada, doc->id, doc->ada, NULL,
                                                        convai_test_result_cb, &slot);
            result = convai_test_await (&slot);
            convai_client_set_document_connected_finish (fixture.client, result, &error);
            g_assert_no_error (error);
            gtk_widget_activate_action (GTK_WIDGET (fixture.kb), "kb.reload", NULL);
            break;
          }
        default:  /* search, then clear it */
          {
            g_autofree char *part = g_strndup (doc->name + 5, 2);
            guint expected = 0;

            for (guint i = 0; i < docs->len; i++)
              expected += strstr (((ModelDoc *) g_ptr_array_index (docs, i))->name, part) != NULL;
            g_test_message ("step %u: search %s", step, part);
            troupe_knowledge_window_set_search_text (fixture.kb, part);
            g_assert_cmpuint (g_list_model_get_n_items (troupe_knowledge_window_get_shown (fixture.kb)), ==, expected);
            troupe_knowledge_window_set_search_text (fixture.kb, "");
            break;
          }
        }
      troupe_test_wait_until (manager_matches, &model, "the manager to match the model");
      assert_server_matches (&model);
    }
  g_rand_free (rand);
  fixture_finish (&fixture);
}

/* ---- one list call per tick, against a stub ---- */

static char *
big_list_reply (guint n,
                guint n_processing)
{
  g_autoptr(GString) body = g_string_new ("{\"docs\": [");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *head = NULL;

  /* Uploaded within the last minute: the processing ones are not stalled. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_seconds (now, -(double) (i % 60));
      g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%d %H:%M:%S.%f");

      g_string_append_printf (body, "%s{\"id\": \"doc-%04u\", \"file_name\": \"notes-%04u.md\", \"is_available\": %s, "
                              "\"status\": \"inactive\", \"timestamp\": \"%s\", \"file_size\": \"%u\"}",
                              i > 0 ? ", " : "", i, i, i < n_processing ? "false" : "true", stamp, 1000 + i);
    }
  g_string_append (body, "]}");
  head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Connection: close\r\n\r\n", body->len);
  g_string_prepend (body, head);
  return g_string_free (g_steal_pointer (&body), FALSE);
}

typedef struct
{
  TroupeTestStub *stub;
  guint           count;
} Requests;

static gboolean
requests_reached (gpointer data)
{
  Requests *requests = data;

  return troupe_test_stub_count_requests (requests->stub) >= requests->count;
}

static gboolean
not_polling (gpointer data)
{
  return !troupe_document_store_get_polling (data);
}

/* No list call in flight (one may be due later). */
static gboolean
not_polling_now (gpointer data)
{
  return troupe_document_store_get_poll_interval (data) > 0;
}

static gboolean
all_listed (gpointer data)
{
  return g_list_model_get_n_items (troupe_knowledge_window_get_shown (data)) == 2000;
}

static gboolean
character_load_over (gpointer data)
{
  return !troupe_character_store_get_loading (data);
}

static void
test_one_list_per_tick (void)
{
  g_autofree char *reply = big_list_reply (2000, 500);
  g_autoptr(TroupeTestStub) stub = troupe_test_stub_new (reply, -1);
  g_autoptr(ConvaiClient) client = convai_client_new (troupe_test_stub_get_url (stub), "key");
  g_autofree char *tmp = g_dir_make_tmp ("troupe-kb-XXXXXX", NULL);
  g_autofree char *recent_path = g_build_filename (tmp, "recent.ini", NULL);
  g_autofree char *drafts_path = g_build_filename (tmp, "drafts", NULL);
  g_autoptr(GFile) recent_file = g_file_new_for_path (recent_path);
  g_autoptr(GFile) drafts_dir = g_file_new_for_path (drafts_path);
  g_autoptr(TroupeRecentCharacters) recent = troupe_recent_characters_new (recent_file);
  g_autoptr(TroupeCharacterStore) characters = troupe_character_store_new (recent);
  g_autoptr(TroupeDraftStore) drafts = troupe_draft_store_new (drafts_dir);
  g_autoptr(TroupeContext) context = troupe_context_new_with_stores (characters, drafts);
  g_autoptr(GListStore) one = g_list_store_new (CONVAI_TYPE_CHARACTER);
  g_autoptr(JsonNode) node = json_from_string ("{\"character_id\": \"c1\", \"character_name\": \"Ada\"}", NULL);
  g_autoptr(ConvaiCharacter) ada = convai_character_new_from_json (node, NULL);
  TroupeKnowledgeWindow *kb;
  TroupeDocumentStore *store = troupe_context_get_documents (context);
  Requests requests = { stub, 1 };
  guint base, before;

  g_list_store_append (one, ada);
  troupe_context_set_client (context, client);
  /* The stub answers the character list with documents, which fails;
   * then the one character is given by hand. */
  troupe_test_wait_until (character_load_over, characters, "the character list");
  troupe_character_store_set_characters (characters, G_LIST_MODEL (one));
  base = troupe_test_stub_count_requests (stub);
  kb = troupe_knowledge_window_new (context);
  gtk_window_present (GTK_WINDOW (kb));
  requests.count = base + 1;
  troupe_test_wait_until (requests_reached, &requests, "the list");
  troupe_test_wait_until (all_listed, kb, "2,000 documents listed");
  g_assert_true (troupe_document_store_get_polling (store));
  /* One character, so its list is all the connections: one request so far. */
  before = troupe_test_stub_count_requests (stub);
  g_assert_cmpuint (before, ==, base + 1);
  /* Ticks at 1 s, then 2 s: one request each, for all 500 pending. */
  requests.count = before + 2;
  troupe_test_wait_until (requests_reached, &requests, "two polling ticks");
  troupe_test_ui_iterate (200);
  g_assert_cmpuint (troupe_test_stub_count_requests (stub), ==, before + 2);
  {
    g_autofree char *request = troupe_test_stub_dup_request (stub, before + 1);

    g_assert_nonnull (strstr (request, "/character/knowledge-bank/list"));
  }
  /* A deleted document does not come back with a list that still holds
   * it (the stub answers the old list, as a reply asked before would). */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    GAsyncResult *slot = NULL;

    troupe_document_store_delete_async (store, "doc-0000", NULL, convai_test_result_cb, &slot);
    result = convai_test_await (&slot);
    g_assert_true (troupe_document_store_delete_finish (store, result, &error));
    g_assert_no_error (error);
    g_assert_null (troupe_document_store_lookup (store, "doc-0000"));
    requests.count = troupe_test_stub_count_requests (stub) + 1;
    troupe_test_wait_until (requests_reached, &requests, "a poll after the delete");
    troupe_test_wait_until (not_polling_now, store, "its answer");
    g_assert_null (troupe_document_store_lookup (store, "doc-0000"));
  }

  /* Closed: a poll already asked is answered, then no more. */
  gtk_window_destroy (GTK_WINDOW (kb));
  troupe_test_wait_until (not_polling, store, "polling to stop");
  before = troupe_test_stub_count_requests (stub);
  troupe_test_ui_iterate (2500);
  g_assert_cmpuint (troupe_test_stub_count_requests (stub), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  troupe_test_ui_init (&argc, &argv);

  g_test_add_func ("/troupe/knowledge-window/lists-with-users", test_lists_with_users);
  g_test_add_func ("/troupe/knowledge-window/narrow-dark-and-empty", test_narrow_dark_and_empty);
  g_test_add_func ("/troupe/knowledge-window/upload-followed", test_upload_followed);
  g_test_add_func ("/troupe/knowledge-window/replace-keeps-connections", test_replace_keeps_connections);
  g_test_add_func ("/troupe/knowledge-window/delete-names-users", test_delete_names_users);
  g_test_add_func ("/troupe/knowledge-window/failed-then-retry", test_failed_then_retry);
  g_test_add_func ("/troupe/knowledge-window/stalled-keep-waiting", test_stalled_keep_waiting);
  g_test_add_func ("/troupe/knowledge-window/one-list-per-tick", test_one_list_per_tick);
  g_test_add_func ("/troupe/knowledge-window/shared-with-page", test_shared_with_page);
  g_test_add_func ("/troupe/knowledge-window/random-sequence", test_random_sequence);
  g_test_add_func ("/troupe/knowledge-window/list-refused", test_list_refused);
  g_test_add_func ("/troupe/knowledge-window/drop-files", test_drop_files);
  return g_test_run ();
}
