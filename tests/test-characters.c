/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The character list and editor against a real troupe-sandbox, driven
 * through their actions and models as a person would through the UI. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>

#include "troupe-application.h"
#include "troupe-character-page.h"
#include "troupe-character-view.h"
#include "troupe-character-sidebar.h"
#include "troupe-character-store.h"
#include "troupe-draft-store.h"
#include "troupe-test-sandbox.h"
#include "troupe-test-ui.h"
#include "troupe-window.h"

static gboolean sidebar_in_state (gpointer data);

/* A list that failed will never load: the wait says why at once. */
static gboolean
store_loaded (gpointer data)
{
  if (troupe_character_store_get_loaded (data) &&
      g_list_model_get_n_items (troupe_character_store_get_voices (data)) > 0 &&
      g_list_model_get_n_items (troupe_character_store_get_languages (data)) > 0)
    return TRUE;
  if (troupe_character_store_get_error_message (data) != NULL)
    g_error ("the list failed: %s", troupe_character_store_get_error_message (data));
  return FALSE;
}

static gboolean
editor_idle (gpointer data)
{
  return !troupe_character_page_get_busy (data);
}

static gboolean
drafts_idle (gpointer data)
{
  return !troupe_draft_store_is_busy (data);
}

static ConvaiClient *
client_for (TroupeTestSandbox *sandbox)
{
  return convai_client_new (sandbox->base_url, sandbox->api_key);
}

static TroupeCharacterStore *
new_store (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "troupe", "recent-characters", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TroupeRecentCharacters) recent = troupe_recent_characters_new (file);

  return troupe_character_store_new (recent);
}

static TroupeCharacterStore *
loaded_store (ConvaiClient *client)
{
  TroupeCharacterStore *store = new_store ();

  troupe_character_store_set_client (store, client);
  troupe_test_wait_until (store_loaded, store, "the character list");
  return store;
}

static char *
create_character (ConvaiClient *client,
                  const char   *name,
                  const char   *backstory)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  char *id;

  convai_client_create_character_async (client, name, "MALE", backstory, NULL, NULL,
                                        troupe_test_result_cb, &slot);
  result = troupe_test_wait_for_result (&slot, "create");
  id = convai_client_create_character_finish (client, result, &error);
  g_assert_no_error (error);
  return id;
}

static ConvaiCharacter *
fetch_character (ConvaiClient *client,
                 const char   *id,
                 GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  convai_client_get_character_async (client, id, NULL, troupe_test_result_cb, &slot);
  result = troupe_test_wait_for_result (&slot, "get");
  return convai_client_get_character_finish (client, result, error);
}

static guint
count_connected_documents (ConvaiClient *client,
                           const char   *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) docs = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  guint connected = 0;

  convai_client_list_documents_async (client, id, NULL, troupe_test_result_cb, &slot);
  result = troupe_test_wait_for_result (&slot, "the documents");
  docs = convai_client_list_documents_finish (client, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (docs); i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (docs, i);

      connected += convai_knowledge_doc_get_is_connected (doc);
    }
  return connected;
}

/* An editor in its own window, as the app shows it. */
typedef struct
{
  GtkWindow             *window;
  TroupeCharacterView   *view;
  TroupeCharacterPage   *editor;
  TroupeCharacterStore  *store;
  TroupeDraftStore      *drafts;
  const char            *expected_backstory;
} EditorFixture;

static void
editor_fixture_open (EditorFixture        *fixture,
                     TroupeCharacterStore *store,
                     TroupeDraftStore     *drafts)
{
  g_autoptr(TroupeContext) context = troupe_context_new_with_stores (store, drafts);

  fixture->store = g_object_ref (store);
  fixture->drafts = g_object_ref (drafts);
  fixture->editor = troupe_character_page_new (context);
  fixture->view = troupe_character_view_new ();
  troupe_character_view_add_page (fixture->view, TROUPE_PAGE (fixture->editor), "character", "Character", NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 800);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  troupe_test_ui_wait_for_paint (GTK_WIDGET (fixture->window));
}

static gboolean
recent_idle (gpointer data)
{
  return !troupe_recent_characters_is_busy (data);
}

static void
editor_fixture_close (EditorFixture *fixture)
{
  g_autoptr(TroupeRecentCharacters) recent =
    g_object_ref (troupe_character_store_get_recent (fixture->store));

  gtk_window_destroy (fixture->window);
  troupe_test_wait_until (recent_idle, recent, "the recent list to be written");
  troupe_test_wait_until (drafts_idle, fixture->drafts, "the drafts to be written");
  g_clear_object (&fixture->drafts);
  g_clear_object (&fixture->store);
}

/* ---- the form's controls, found by what they are called ---- */

static GtkEditable *
name_entry (TroupeCharacterPage *editor)
{
  return GTK_EDITABLE (troupe_test_ui_find_row (GTK_WIDGET (editor), "Name"));
}

static AdwComboRow *
voice_row (TroupeCharacterPage *editor)
{
  return ADW_COMBO_ROW (troupe_test_ui_find_row (GTK_WIDGET (editor), "Voice"));
}

static GtkButton *
preview_button (TroupeCharacterPage *editor)
{
  return GTK_BUTTON (troupe_test_ui_find_by_action (GTK_WIDGET (editor), "character.preview-voice"));
}

static GtkTextView *
backstory_view (TroupeCharacterPage *editor)
{
  GtkWidget *group = troupe_test_ui_find_group (GTK_WIDGET (editor), "Backstory");
  GtkWidget *view = troupe_test_ui_find_by_type (group, GTK_TYPE_TEXT_VIEW, 0);

  g_assert_nonnull (view);
  return GTK_TEXT_VIEW (view);
}

/* Spins beside Generate… while a backstory is written. */
static GtkSpinner *
generate_spinner (TroupeCharacterPage *editor)
{
  GtkWidget *group = troupe_test_ui_find_group (GTK_WIDGET (editor), "Backstory");
  GtkWidget *spinner = troupe_test_ui_find_by_type (group, GTK_TYPE_SPINNER, 0);

  g_assert_nonnull (spinner);
  return GTK_SPINNER (spinner);
}

/* The banner that says a draft from earlier was restored. */
static GtkRevealer *
draft_banner (TroupeCharacterPage *editor)
{
  GtkLabel *label = troupe_test_ui_find_label (GTK_WIDGET (editor),
                                               "Unsaved changes from earlier were restored");

  return GTK_REVEALER (gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_REVEALER));
}

/* The @n-th language's check under Languages, NULL past the last. */
static GtkCheckButton *
nth_language_check (TroupeCharacterPage *editor,
                    guint                n)
{
  GtkWidget *languages = troupe_test_ui_find_row (GTK_WIDGET (editor), "Languages");

  return GTK_CHECK_BUTTON (troupe_test_ui_find_by_type (languages, GTK_TYPE_CHECK_BUTTON, n));
}

static void
set_backstory (TroupeCharacterPage *editor,
               const char          *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (backstory_view (editor)), text, -1);
}

static char *
get_backstory (TroupeCharacterPage *editor)
{
  return troupe_test_ui_dup_text (backstory_view (editor));
}

/* Each language's row shows its code ("de-DE") under its name. */
static void
toggle_language (TroupeCharacterPage *editor,
                 const char          *code)
{
  GtkWidget *languages = troupe_test_ui_find_row (GTK_WIDGET (editor), "Languages");
  GtkWidget *row;

  for (guint i = 0; (row = troupe_test_ui_find_by_type (languages, ADW_TYPE_ACTION_ROW, i)); i++)
    {
      GtkWidget *check = troupe_test_ui_find_by_type (row, GTK_TYPE_CHECK_BUTTON, 0);
      const char *shown_code = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

      if (check != NULL && g_strcmp0 (shown_code, code) == 0)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                       !gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
          return;
        }
    }
  g_error ("no language %s", code);
}

static AdwMessageDialog *
wait_for_dialog (void)
{
  return ADW_MESSAGE_DIALOG (troupe_test_ui_wait_for_window (ADW_TYPE_MESSAGE_DIALOG));
}

static void
answer_dialog (AdwMessageDialog *dialog,
               const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  troupe_test_ui_iterate (20);
}

static char *
read_draft_file_in (const char *dir,
                    const char *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static char *
read_draft_file (const char *id)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "troupe", "drafts", NULL);

  return read_draft_file_in (dir, id);
}

/* ---- tests ---- */

static void
test_edit_save_reload (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autoptr(ConvaiClient) client = client_for (sandbox);
  g_autofree char *id = create_character (client, "Mara", "A sailor.");
  g_autoptr(TroupeCharacterStore) store = loaded_store (client);
  g_autoptr(TroupeCharacterStore) again = NULL;
  g_autoptr(TroupeDraftStore) drafts = troupe_draft_store_new_default ();
  g_autoptr(ConvaiCharacter) fetched = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *backstory = NULL;
  EditorFixture fixture = { 0 };
  ConvaiCharacter *reloaded;
  GtkLabel *word_count;
  const char *expected_actions[] = { "Wave", "Open the hatch", NULL };
  const char *expected_codes[] = { "en-US", "de-DE", NULL };

  editor_fixture_open (&fixture, store, drafts);
  troupe_character_view_set_character (fixture.view, troupe_character_store_lookup (store, id));
  g_assert_cmpstr (gtk_editable_get_text (name_entry (fixture.editor)), ==, "Mara");
  g_assert_false (troupe_character_page_get_dirty (fixture.editor));

  gtk_editable_set_text (name_entry (fixture.editor), "Mara the Navigator");
  set_backstory (fixture.editor, "Mara charts the northern seas and hates fog.");
  gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "character.add-action", "s", "Open the hatch");
  gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "character.add-action", "s", "Wave");
  gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "character.move-action-up", "i", 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "character.add-action", "s", "Bad, action");
  toggle_language (fixture.editor, "de-DE");
  g_assert_true (troupe_character_page_get_dirty (fixture.editor));
  g_assert_cmpstr (troupe_character_view_get_subtitle (fixture.view), ==, "Unsaved changes");
  word_count = troupe_test_ui_find_label (GTK_WIDGET (fixture.editor), "8 words");
  g_assert_cmpstr (gtk_label_get_text (word_count), ==, "8 words");

  /* Within a second the draft is on disk. */
  troupe_test_ui_iterate (900);
  troupe_test_wait_until (drafts_idle, drafts, "the draft");
  draft = read_draft_file (id);
  g_assert_nonnull (draft);
  g_assert_nonnull (strstr (draft, "Mara the Navigator"));

  gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "character.save", NULL);
  g_assert_true (troupe_character_page_get_busy (fixture.editor));
  troupe_test_wait_until (editor_idle, fixture.editor, "the save");
  g_assert_false (troupe_character_page_get_dirty (fixture.editor));
  g_assert_cmpstr (troupe_character_view_get_subtitle (fixture.view) ?: "", ==, "");
  troupe_test_wait_until (drafts_idle, drafts, "the draft removal");
  g_clear_pointer (&draft, g_free);
  draft = read_draft_file (id);
  g_assert_null (draft);

  /* The server has it... */
  fetched = fetch_character (client, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (convai_character_get_name (fetched), ==, "Mara the Navigator");
  g_assert_cmpstrv (convai_character_get_actions (fetched), expected_actions);
  g_assert_cmpstrv (convai_character_get_language_codes (fetched), expected_codes);

  /* ...and a fresh list shows the saved values in a fresh editor. */
  again = loaded_store (client);
  reloaded = troupe_character_store_lookup (again, id);
  g_assert_nonnull (reloaded);
  editor_fixture_close (&fixture);
  editor_fixture_open (&fixture, again, drafts);
  troupe_character_view_set_character (fixture.view, reloaded);
  troupe_test_ui_iterate (100);
  g_assert_cmpstr (gtk_editable_get_text (name_entry (fixture.editor)), ==, "Mara the Navigator");
  backstory = get_backstory (fixture.editor);
  g_assert_cmpstr (backstory, ==, "Mara charts the northern seas and hates fog.");
  {
    g_autoptr(TroupeCharacterDraft) shown = troupe_character_page_dup_draft (fixture.editor);

    g_assert_cmpuint (g_strv_length (shown->actions), ==, 2);
  }
  g_assert_false (troupe_character_page_get_dirty (fixture.editor));
  editor_fixture_close (&fixture);
}

static gboolean
backstory_is (gpointer data)
{
  EditorFixture *fixture = data;
  g_autofree char *backstory = get_backstory (fixture->editor);

  return g_str_equal (backstory, fixture->expected_backstory);
}

static gboolean
banner_shown (gpointer data)
{
  return troupe_character_view_get_problem (data) != NULL;
}

static gboolean
listed_backstory_is_by_the_sea (gpointer data)
{
  return g_strcmp0 (convai_character_get_backstory (data), "A baker by the sea.") == 0;
}

static void
update_backstory_on_server (ConvaiClient *client,
                            const char   *id,
                            const char   *backstory)
{
  g_autoptr(ConvaiCharacterPatch) patch = convai_character_patch_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  convai_character_patch_set_backstory (patch, backstory);
  convai_client_update_character_async (client, id, patch, NULL, troupe_test_result_cb, &slot);
  result = troupe_test_wait_for_result (&slot, "update");
  g_assert_true (convai_client_update_character_finish (client, result, &error));
  g_assert_no_error (error);
}

/* Saved elsewhere after the list arrived: opening the character shows the
 * server's version; with edits already typed, they stay and Save sends only
 * them. A character deleted elsewhere says so. */
static void
test_opening_shows_the_server_version (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autoptr(ConvaiClient) client = client_for (sandbox);
  g_autofree char *id = create_character (client, "Otto", "A baker.");
  g_autofree char *gone_id = create_character (client, "Gone", "Deleted elsewhere.");
  g_autoptr(TroupeCharacterStore) store = loaded_store (client);
  g_autoptr(TroupeDraftStore) drafts = troupe_draft_store_new_default ();
  ConvaiCharacter *listed = troupe_character_store_lookup (store, id);
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GError) error = NULL;
  EditorFixture fixture = { 0 };

  update_backstory_on_server (client, id, "A baker who moved to the coast.");
  editor_fixture_open (&fixture, store, drafts);
  troupe_character_view_set_character (fixture.view, listed);
  fixture.expected_backstory = "A baker who moved to the coast.";
  troupe_test_wait_until (backstory_is, &fixture, "the server's backstory");
  g_assert_false (troupe_character_page_get_dirty (fixture.editor));
  g_assert_cmpstr (convai_character_get_backstory (listed), ==, "A baker who moved to the coast.");

  /* Typing first: the edit stays, and is an edit of the server's version. */
  troupe_character_view_set_character (fixture.view, NULL);
  update_backstory_on_server (client, id, "A baker by the sea.");
  troupe_character_view_set_character (fixture.view, listed);
  gtk_editable_set_text (name_entry (fixture.editor), "Otto Brot");
  troupe_test_wait_until (listed_backstory_is_by_the_sea, listed, "the listed copy to follow the server");
  g_assert_cmpstr (gtk_editable_get_text (name_entry (fixture.editor)), ==, "Otto Brot");
  fixture.expected_backstory = "A baker by the sea.";
  g_assert_true (backstory_is (&fixture));
  g_assert_true (troupe_character_page_get_dirty (fixture.editor));
  {
    g_autoptr(TroupeCharacterDraft) form = troupe_character_page_dup_draft (fixture.editor);
    g_autoptr(ConvaiCharacterPatch) patch = troupe_character_draft_make_patch (form, listed);
    g_autoptr(JsonNode) body = convai_character_patch_to_json (patch, id);

    /* Save would send the name alone, not the stale backstory. */
    g_assert_true (json_object_has_member (json_node_get_object (body), "charName"));
    g_assert_false (json_object_has_member (json_node_get_object (body), "backstory"));
  }

  convai_client_delete_character_async (client, gone_id, NULL, troupe_test_result_cb, &slot);
  result = troupe_test_wait_for_result (&slot, "delete");
  g_assert_true (convai_client_delete_character_finish (client, result, &error));
  g_assert_no_error (error);
  troupe_character_view_set_character (fixture.view, troupe_character_store_lookup (store, gone_id));
  troupe_test_wait_until (banner_shown, fixture.view, "the banner");
  g_assert_nonnull (strstr (troupe_character_view_get_problem (fixture.view),
                            "Could not fetch the latest version"));
  editor_fixture_close (&fixture);
}

static void
test_revert (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autoptr(ConvaiClient) client = client_for (sandbox);
  g_autofree char *id = create_character (client, "Otto", "A baker.");
  g_autoptr(TroupeCharacterStore) store = loaded_store (client);
  g_autoptr(TroupeDraftStore) drafts = troupe_draft_store_new_default ();
  g_autofree char *backstory = NULL;
  EditorFixture fixture = { 0 };

  editor_fixture_open (&fixture, store, drafts);
  troupe_character_view_set_character (fixture.view, troupe_character_store_lookup (store, id));
  set_backstory (fixture.editor, "A baker who sings.");
  g_assert_true (troupe_character_page_get_dirty (fixture.editor));
  gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "character.revert", NULL);
  g_assert_false (troupe_character_page_get_dirty (fixture.editor));
  backstory = get_backstory (fixture.editor);
  g_assert_cmpstr (backstory, ==, "A baker.");
  editor_fixture_close (&fixture);
}

static void
test_failed_save_keeps_edits (void)
{
  const char *args[] = { "--fault-status=/character/update:500", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_autoptr(ConvaiClient) client = client_for (sandbox);
  g_autofree char *id = create_character (client, "Ilse", "A pilot.");
  g_autoptr(TroupeCharacterStore) store = loaded_store (client);
  g_autoptr(TroupeDraftStore) drafts = troupe_draft_store_new_default ();
  g_autoptr(ConvaiCharacter) fetched = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *draft = NULL;
  EditorFixture fixture = { 0 };

  editor_fixture_open (&fixture, store, drafts);
  troupe_character_view_set_character (fixture.view, troupe_character_store_lookup (store, id));
  gtk_editable_set_text (name_entry (fixture.editor), "Ilse, night pilot");
  gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "character.save", NULL);
  troupe_test_wait_until (editor_idle, fixture.editor, "the failed save");
  troupe_test_wait_until (drafts_idle, drafts, "the draft");

  g_assert_true (troupe_character_page_get_dirty (fixture.editor));
  g_assert_cmpstr (gtk_editable_get_text (name_entry (fixture.editor)), ==, "Ilse, night pilot");
  /* In place, in full: what failed, the server's words, what to do. */
  g_assert_nonnull (troupe_character_view_get_problem (fixture.view));
  g_assert_nonnull (strstr (troupe_character_view_get_problem (fixture.view), "Could not save “Ilse”"));
  g_assert_nonnull (strstr (troupe_character_view_get_problem (fixture.view), "try again"));
  draft = read_draft_file (id);
  g_assert_nonnull (draft);
  g_assert_nonnull (strstr (draft, "Ilse, night pilot"));
  fetched = fetch_character (client, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (convai_character_get_name (fetched), ==, "Ilse");
  troupe_test_ui_iterate (400);  /* the banner slides in */
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), "editor-failed-save"));
  editor_fixture_close (&fixture);
}

static void
test_draft_kept_on_switch (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autoptr(ConvaiClient) client = client_for (sandbox);
  g_autofree char *first = create_character (client, "First", "One.");
  g_autofree char *second = create_character (client, "Second", "Two.");
  g_autoptr(TroupeCharacterStore) store = loaded_store (client);
  g_autoptr(TroupeDraftStore) drafts = troupe_draft_store_new_default ();
  g_autofree char *backstory = NULL;
  EditorFixture fixture = { 0 };

  editor_fixture_open (&fixture, store, drafts);
  troupe_character_view_set_character (fixture.view, troupe_character_store_lookup (store, first));
  set_backstory (fixture.editor, "One, rewritten.");
  /* Switching at once, before the pause: the draft must still be kept. */
  troupe_character_view_set_character (fixture.view, troupe_character_store_lookup (store, second));
  g_assert_false (troupe_character_page_get_dirty (fixture.editor));
  troupe_test_wait_until (drafts_idle, drafts, "the draft");
  troupe_character_view_set_character (fixture.view, troupe_character_store_lookup (store, first));
  troupe_test_wait_until ((TroupeTestCondition) troupe_character_page_get_dirty, fixture.editor,
                          "the restored draft");
  backstory = get_backstory (fixture.editor);
  g_assert_cmpstr (backstory, ==, "One, rewritten.");
  g_assert_true (gtk_revealer_get_reveal_child (draft_banner (fixture.editor)));
  editor_fixture_close (&fixture);
}

/* What the parent tells the child: a key file named after the parent's
 * process. Not the environment: setenv() while GIO's worker threads read it
 * crashes now and then (seen under ASan). */
static char *
kill_handoff_path (GPid parent)
{
  g_autofree char *name = g_strdup_printf ("troupe-test-kill-%d.ini", (int) parent);

  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

typedef struct
{
  const char       *dir;
  const char       *id;
  TroupeDraftStore *drafts;
} DraftOnDisk;

static gboolean
draft_on_disk (gpointer data)
{
  DraftOnDisk *wanted = data;
  g_autofree char *draft = read_draft_file_in (wanted->dir, wanted->id);

  return draft != NULL && drafts_idle (wanted->drafts);
}

/* The child edits, waits until the draft is on disk, and is killed. */
static void
draft_survives_kill_child (void)
{
  g_autoptr(ConvaiClient) client = NULL;
  g_autoptr(TroupeCharacterStore) store = NULL;
  g_autoptr(GKeyFile) handoff = g_key_file_new ();
  g_autofree char *handoff_path = kill_handoff_path (getppid ());
  g_autofree char *dir = NULL;
  g_autofree char *id = NULL;
  g_autofree char *url = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GFile) dir_file = NULL;
  g_autoptr(TroupeDraftStore) drafts = NULL;
  g_autoptr(GError) error = NULL;
  EditorFixture fixture = { 0 };
  DraftOnDisk wanted;

  if (!g_test_subprocess ())
    {
      g_test_skip ("only run by /troupe/characters/draft-survives-kill");
      return;
    }
  g_key_file_load_from_file (handoff, handoff_path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  dir = g_key_file_get_string (handoff, "kill", "drafts", NULL);
  id = g_key_file_get_string (handoff, "kill", "id", NULL);
  url = g_key_file_get_string (handoff, "kill", "url", NULL);
  key = g_key_file_get_string (handoff, "kill", "key", NULL);
  dir_file = g_file_new_for_path (dir);
  drafts = troupe_draft_store_new (dir_file);
  client = convai_client_new (url, key);
  store = loaded_store (client);
  editor_fixture_open (&fixture, store, drafts);
  troupe_character_view_set_character (fixture.view, troupe_character_store_lookup (store, id));
  gtk_editable_set_text (name_entry (fixture.editor), "Kept through a crash");
  wanted = (DraftOnDisk) { dir, id, drafts };
  troupe_test_wait_until (draft_on_disk, &wanted, "the draft on disk");
  raise (SIGKILL);
}

static void
test_draft_survives_kill (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autoptr(ConvaiClient) client = client_for (sandbox);
  g_autofree char *id = create_character (client, "Crashy", "Fragile.");
  g_autoptr(TroupeCharacterStore) store = NULL;
  g_autoptr(TroupeDraftStore) drafts = troupe_draft_store_new_default ();
  g_autoptr(GKeyFile) handoff = g_key_file_new ();
  g_autofree char *handoff_path = kill_handoff_path (getpid ());
  g_autoptr(GError) error = NULL;
  EditorFixture fixture = { 0 };

  /* The child's own test folders are not this one's: name the drafts' folder. */
  g_key_file_set_string (handoff, "kill", "drafts", g_file_peek_path (troupe_draft_store_get_dir (drafts)));
  g_key_file_set_string (handoff, "kill", "id", id);
  g_key_file_set_string (handoff, "kill", "url", sandbox->base_url);
  g_key_file_set_string (handoff, "kill", "key", sandbox->api_key);
  g_key_file_save_to_file (handoff, handoff_path, &error);
  g_assert_no_error (error);
  g_test_trap_subprocess ("/troupe/characters/draft-survives-kill/child", 30 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unlink (handoff_path);
  g_test_trap_assert_failed ();

  store = loaded_store (client);
  editor_fixture_open (&fixture, store, drafts);
  troupe_character_view_set_character (fixture.view, troupe_character_store_lookup (store, id));
  troupe_test_wait_until ((TroupeTestCondition) troupe_character_page_get_dirty, fixture.editor,
                          "the restored draft");
  g_assert_cmpstr (gtk_editable_get_text (name_entry (fixture.editor)), ==, "Kept through a crash");
  g_assert_true (gtk_revealer_get_reveal_child (draft_banner (fixture.editor)));
  troupe_test_ui_iterate (300);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), "editor-restored-draft"));
  editor_fixture_close (&fixture);
}

static gboolean
editor_shows_other (gpointer data)
{
  EditorFixture *fixture = data;
  ConvaiCharacter *character = troupe_character_page_get_character (fixture->editor);
  const char *original = g_object_get_data (G_OBJECT (fixture->editor), "original-id");

  return character != NULL && g_strcmp0 (convai_character_get_id (character), original) != 0;
}

static void
open_requested_cb (TroupeCharacterView *view,
                   ConvaiCharacter     *character)
{
  troupe_character_view_set_character (view, character);
}

static char *
clone_through_dialog (EditorFixture   *fixture,
                      ConvaiCharacter *original,
                      gboolean         with_kb)
{
  AdwMessageDialog *dialog;

  troupe_character_view_set_character (fixture->view, original);
  g_object_set_data_full (G_OBJECT (fixture->editor), "original-id",
                          g_strdup (convai_character_get_id (original)), g_free);
  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "character.clone", NULL);
  dialog = wait_for_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), convai_character_get_name (original)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (adw_message_dialog_get_extra_child (dialog)), with_kb);
  answer_dialog (dialog, "clone");
  troupe_test_wait_until (editor_shows_other, fixture, "the clone to open");
  troupe_test_wait_until (editor_idle, fixture->editor, "the clone");
  return g_strdup (convai_character_get_id (troupe_character_page_get_character (fixture->editor)));
}

static void
test_clone_with_and_without_kb (void)
{
  const char *args[] = { "--demo", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_autoptr(ConvaiClient) client = client_for (sandbox);
  g_autoptr(TroupeCharacterStore) store = loaded_store (client);
  g_autoptr(TroupeDraftStore) drafts = troupe_draft_store_new_default ();
  g_autoptr(ConvaiCharacter) demo = NULL;
  g_autofree char *with_kb = NULL;
  g_autofree char *without_kb = NULL;
  EditorFixture fixture = { 0 };

  g_assert_cmpuint (g_list_model_get_n_items (troupe_character_store_get_characters (store)), ==, 1);
  demo = g_list_model_get_item (troupe_character_store_get_characters (store), 0);
  g_assert_cmpuint (count_connected_documents (client, convai_character_get_id (demo)), >, 0);

  editor_fixture_open (&fixture, store, drafts);
  g_signal_connect_swapped (fixture.editor, "open-requested", G_CALLBACK (open_requested_cb), fixture.view);
  with_kb = clone_through_dialog (&fixture, demo, TRUE);
  without_kb = clone_through_dialog (&fixture, demo, FALSE);

  g_assert_cmpuint (g_list_model_get_n_items (troupe_character_store_get_characters (store)), ==, 3);
  g_assert_cmpuint (count_connected_documents (client, with_kb), >, 0);
  g_assert_cmpuint (count_connected_documents (client, without_kb), ==, 0);
  editor_fixture_close (&fixture);
}

static void
test_delete_cancelled_and_confirmed (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autoptr(ConvaiClient) client = client_for (sandbox);
  g_autofree char *id = create_character (client, "Doomed Dora", "Short-lived.");
  g_autoptr(TroupeCharacterStore) store = loaded_store (client);
  g_autoptr(TroupeDraftStore) drafts = troupe_draft_store_new_default ();
  g_autoptr(ConvaiCharacter) gone = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  EditorFixture fixture = { 0 };

  editor_fixture_open (&fixture, store, drafts);
  troupe_character_view_set_character (fixture.view, troupe_character_store_lookup (store, id));

  gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "character.delete", NULL);
  dialog = wait_for_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Doomed Dora"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "cannot be undone"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (dialog), "delete-dialog"));
  answer_dialog (dialog, "cancel");
  troupe_test_wait_until (editor_idle, fixture.editor, "nothing");
  g_assert_nonnull (troupe_character_store_lookup (store, id));
  g_assert_nonnull (troupe_character_page_get_character (fixture.editor));

  gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "character.delete", NULL);
  answer_dialog (wait_for_dialog (), "delete");
  troupe_test_wait_until (editor_idle, fixture.editor, "the delete");
  g_assert_null (troupe_character_store_lookup (store, id));
  g_assert_null (troupe_character_page_get_character (fixture.editor));
  gone = fetch_character (client, id, &error);
  g_assert_null (gone);
  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_NOT_FOUND);
  editor_fixture_close (&fixture);
}

/* ---- the list, without a server: search and order ---- */

static ConvaiCharacter *
local_character (const char *id,
                 const char *name,
                 const char *backstory)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  g_autoptr(GError) error = NULL;
  ConvaiCharacter *character;

  json_object_set_string_member (object, "character_id", id);
  json_object_set_string_member (object, "character_name", name);
  json_object_set_string_member (object, "voice_type", "MALE");
  json_object_set_string_member (object, "backstory", backstory);
  json_object_set_string_member (object, "timestamp", "2026-01-01T00:00:00");
  json_node_take_object (node, object);
  character = convai_character_new_from_json (node, &error);
  g_assert_no_error (error);
  return character;
}

static GListModel *
local_characters (void)
{
  GListStore *list = g_list_store_new (CONVAI_TYPE_CHARACTER);
  const char *names[] = { "grace Hopper", "Ada Lovelace", "Alan Turing", "Emilie du Châtelet", "Zed",
                          "Guard 10", "Guard 2" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *id = g_strdup_printf ("id-%u", i);
      g_autoptr(ConvaiCharacter) character = local_character (id, names[i], "Someone remarkable.");

      g_list_store_append (list, character);
    }
  return G_LIST_MODEL (list);
}

static char *
shown_names (TroupeCharacterSidebar *sidebar)
{
  GListModel *model = troupe_character_sidebar_get_model (sidebar);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ConvaiCharacter) character = g_list_model_get_item (model, i);

      g_string_append_printf (names, "%s%s", i ? "|" : "", convai_character_get_name (character));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
test_search_filters (void)
{
  g_autoptr(TroupeCharacterStore) store = new_store ();
  g_autoptr(GListModel) characters = local_characters ();
  TroupeCharacterSidebar *sidebar = troupe_character_sidebar_new (store);
  g_autoptr(GtkWindow) window = NULL;
  char *names;

  g_object_ref_sink (sidebar);
  troupe_character_store_set_characters (store, characters);
  names = shown_names (sidebar);
  /* Case-blind, accents in place, numbers by value. */
  g_assert_cmpstr (names, ==, "Ada Lovelace|Alan Turing|Emilie du Châtelet|grace Hopper|Guard 2|Guard 10|Zed");
  g_free (names);

  troupe_character_sidebar_set_search (sidebar, "AL");
  names = shown_names (sidebar);
  g_assert_cmpstr (names, ==, "Alan Turing");
  g_free (names);
  troupe_character_sidebar_set_search (sidebar, "OVE");
  names = shown_names (sidebar);
  g_assert_cmpstr (names, ==, "Ada Lovelace");
  g_free (names);
  g_assert_cmpstr (troupe_character_sidebar_get_state (sidebar), ==, "list");

  troupe_character_sidebar_set_search (sidebar, "nobody");
  g_assert_cmpuint (g_list_model_get_n_items (troupe_character_sidebar_get_model (sidebar)), ==, 0);
  g_assert_cmpstr (troupe_character_sidebar_get_state (sidebar), ==, "no-results");
  troupe_character_sidebar_set_search (sidebar, "");
  g_assert_cmpuint (g_list_model_get_n_items (troupe_character_sidebar_get_model (sidebar)), ==, 7);
  g_object_unref (sidebar);
}

static void
test_recent_first (void)
{
  g_autoptr(TroupeCharacterStore) store = new_store ();
  g_autoptr(TroupeCharacterStore) later = NULL;
  g_autoptr(GListModel) characters = local_characters ();
  TroupeCharacterSidebar *sidebar = troupe_character_sidebar_new (store);
  TroupeRecentCharacters *recent = troupe_character_store_get_recent (store);
  char *names;

  g_object_ref_sink (sidebar);
  troupe_test_wait_until ((TroupeTestCondition) troupe_recent_characters_is_loaded, recent, "the recent list");
  troupe_character_store_set_characters (store, characters);
  troupe_recent_characters_touch (recent, "id-4");   /* Zed */
  troupe_recent_characters_touch (recent, "id-0");   /* grace Hopper */
  /* Opening does not move rows under the pointer... */
  names = shown_names (sidebar);
  g_assert_cmpstr (names, ==, "Ada Lovelace|Alan Turing|Emilie du Châtelet|grace Hopper|Guard 2|Guard 10|Zed");
  g_free (names);
  /* ...the next load puts the recent ones first. */
  troupe_character_store_set_characters (store, characters);
  names = shown_names (sidebar);
  g_assert_cmpstr (names, ==, "grace Hopper|Zed|Ada Lovelace|Alan Turing|Emilie du Châtelet|Guard 2|Guard 10");
  g_free (names);
  troupe_recent_characters_touch (recent, "id-4");
  troupe_character_store_set_characters (store, characters);
  names = shown_names (sidebar);
  g_assert_cmpstr (names, ==, "Zed|grace Hopper|Ada Lovelace|Alan Turing|Emilie du Châtelet|Guard 2|Guard 10");
  g_free (names);
  /* A character made here goes on top at once. */
  {
    g_autoptr(ConvaiCharacter) made = local_character ("id-new", "Made now", "Fresh.");

    troupe_character_store_add (store, made);
    names = shown_names (sidebar);
    g_assert_cmpstr (names, ==, "Made now|Zed|grace Hopper|Ada Lovelace|Alan Turing|Emilie du Châtelet|Guard 2|Guard 10");
    g_free (names);
  }
  g_object_unref (sidebar);

  /* Kept on disk: the next launch has the same order. */
  troupe_test_wait_until (recent_idle, recent, "the recent list to be written");
  later = new_store ();
  troupe_test_wait_until ((TroupeTestCondition) troupe_recent_characters_is_loaded,
                          troupe_character_store_get_recent (later), "the file");
  g_assert_cmpuint (troupe_recent_characters_get_rank (troupe_character_store_get_recent (later), "id-4"), ==, 0);
  g_assert_cmpuint (troupe_recent_characters_get_rank (troupe_character_store_get_recent (later), "id-0"), ==, 1);
  g_assert_cmpuint (troupe_recent_characters_get_rank (troupe_character_store_get_recent (later), "id-1"), ==, TROUPE_RECENT_NEVER);
}

/* ---- the window: New, closing with unsaved changes, renders ---- */

static TroupeWindow *
open_window (TroupeApplication *app,
             ConvaiClient      *client,
             int                width,
             int                height)
{
  TroupeWindow *window = troupe_window_new (app);

  troupe_window_set_client (window, client);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  if (client != NULL)
    troupe_test_wait_until (store_loaded, troupe_window_get_store (window), "the window's list");
  troupe_test_ui_wait_for_paint (GTK_WIDGET (window));
  return window;
}

static gboolean
editor_has_character (gpointer data)
{
  return troupe_character_page_get_character (data) != NULL;
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_new_character_and_close (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autoptr(ConvaiClient) client = client_for (sandbox);
  g_autoptr(TroupeApplication) app = troupe_test_ui_register_application ();
  TroupeWindow *window = open_window (app, client, 1000, 700);
  TroupeCharacterPage *editor = troupe_window_get_character_page (window);
  TroupeCharacterSidebar *sidebar = troupe_window_get_sidebar (window);
  ConvaiCharacter *created;
  g_autofree char *created_id = NULL;
  g_autoptr(TroupeRecentCharacters) recent = NULL;
  g_autoptr(ConvaiCharacter) fetched = NULL;
  g_auto(GStrv) close_accels = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (troupe_character_sidebar_get_state (sidebar), ==, "empty");
  troupe_test_ui_iterate (400);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (window), "characters-empty-wide"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-character", NULL);
  troupe_test_wait_until (editor_has_character, editor, "the new character");
  created = troupe_character_page_get_character (editor);
  created_id = g_strdup (convai_character_get_id (created));
  recent = g_object_ref (troupe_character_store_get_recent (troupe_window_get_store (window)));
  g_assert_cmpstr (convai_character_get_name (created), ==, "Untitled character");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Untitled character — Troupe");
  convai_character_set_name (created, "Renamed by a save");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Renamed by a save — Troupe");
  convai_character_set_name (created, "Untitled character");
  fetched = fetch_character (client, convai_character_get_id (created), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (convai_character_get_voice_type (fetched), !=, "");
  g_assert_cmpstr (troupe_character_sidebar_get_state (sidebar), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (troupe_character_sidebar_get_model (sidebar)), ==, 1);

  /* Closing with unsaved changes asks; Cancel keeps the window. */
  gtk_editable_set_text (name_entry (editor), "Named at last");
  gtk_window_close (GTK_WINDOW (window));
  answer_dialog (wait_for_dialog (), "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (troupe_character_page_get_dirty (editor));
  /* So does Ctrl+W. */
  close_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "window.close");
  g_assert_cmpstrv (close_accels, ((const char *[]) { "<Control>w", NULL }));
  gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL);
  answer_dialog (wait_for_dialog (), "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  /* So does quitting (Ctrl+Q). */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  answer_dialog (wait_for_dialog (), "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (troupe_character_page_get_dirty (editor));
  /* The draft is on its way to disk, and the sidebar row says so. */
  troupe_test_ui_iterate (100);
  g_assert_true (troupe_character_sidebar_row_shows_draft (sidebar, created_id));
  troupe_test_ui_iterate (400);  /* past the crossfades */
  g_free (troupe_test_ui_render_png (GTK_WIDGET (window), "sidebar-draft-mark"));

  /* Save closes once the server has the changes. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  answer_dialog (wait_for_dialog (), "save");
  troupe_test_wait_until (window_gone, &window, "the window to close after saving");
  g_clear_object (&fetched);
  fetched = fetch_character (client, created_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (convai_character_get_name (fetched), ==, "Named at last");
  troupe_test_wait_until (recent_idle, recent, "the recent list to be written");
}

/* The sidebar keeps its width whatever it shows: a long error once
 * widened it from 286 to 545 pixels. */
static void
test_sidebar_width_is_fixed (void)
{
  const char *args[] = { "--demo", "--fault-status-once=/character/list:500", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_autoptr(ConvaiClient) client = client_for (sandbox);
  g_autoptr(TroupeApplication) app = troupe_test_ui_register_application ();
  TroupeWindow *window = troupe_window_new (app);
  TroupeCharacterSidebar *sidebar = troupe_window_get_sidebar (window);
  int error_width, list_width;

  troupe_window_set_client (window, client);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_object_set_data (G_OBJECT (sidebar), "wanted-state", (gpointer) "error");
  troupe_test_wait_until (sidebar_in_state, sidebar, "the error page");
  troupe_test_ui_iterate (400);
  troupe_test_ui_wait_for_paint (GTK_WIDGET (window));
  error_width = gtk_widget_get_width (GTK_WIDGET (sidebar));
  g_free (troupe_test_ui_render_png (GTK_WIDGET (window), "window-sidebar-error-wide"));

  gtk_widget_activate_action (GTK_WIDGET (sidebar), "sidebar.reload", NULL);
  g_object_set_data (G_OBJECT (sidebar), "wanted-state", (gpointer) "list");
  troupe_test_wait_until (sidebar_in_state, sidebar, "the list after retrying");
  troupe_test_ui_iterate (400);
  troupe_test_ui_wait_for_paint (GTK_WIDGET (window));
  list_width = gtk_widget_get_width (GTK_WIDGET (sidebar));
  g_assert_cmpint (error_width, ==, list_width);
  g_assert_cmpint (list_width, ==, 300);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
sidebar_offers_cancel (gpointer data)
{
  return troupe_character_sidebar_offers_cancel (data);
}

static gboolean
save_offers_stop (gpointer data)
{
  GtkButton *save = troupe_character_view_get_save_button (data);

  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (save)), "view.stop-saving") == 0;
}

/* A slow server: the list says what it waits for and offers to stop; so
 * does a save, which keeps the changes when stopped. */
static void
test_slow_work_says_what_it_does (void)
{
  const char *args[] = { "--demo", "--fault-delay-ms=4000", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_autoptr(ConvaiClient) client = client_for (sandbox);
  g_autoptr(TroupeApplication) app = troupe_test_ui_register_application ();
  TroupeWindow *window = troupe_window_new (app);
  TroupeCharacterSidebar *sidebar = troupe_window_get_sidebar (window);
  TroupeCharacterPage *editor = troupe_window_get_character_page (window);
  g_autofree char *expected = g_strdup_printf ("Loading characters from 127.0.0.1:%u…", sandbox->port);
  g_autoptr(ConvaiCharacter) first = NULL;

  troupe_window_set_client (window, client);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (troupe_character_sidebar_get_state (sidebar), ==, "loading");
  g_assert_cmpstr (troupe_character_sidebar_get_loading_text (sidebar), ==, expected);
  g_assert_false (troupe_character_sidebar_offers_cancel (sidebar));
  troupe_test_wait_until (sidebar_offers_cancel, sidebar, "the offer to stop loading");
  g_free (troupe_test_ui_render_png (GTK_WIDGET (window), "window-slow-list"));
  gtk_widget_activate_action (GTK_WIDGET (sidebar), "sidebar.cancel-load", NULL);
  g_assert_cmpstr (troupe_character_sidebar_get_state (sidebar), ==, "error");
  g_assert_nonnull (strstr (troupe_character_store_get_error_message (troupe_window_get_store (window)), "stopped"));

  gtk_widget_activate_action (GTK_WIDGET (sidebar), "sidebar.reload", NULL);
  troupe_test_wait_until (store_loaded, troupe_window_get_store (window), "the list");
  first = g_list_model_get_item (troupe_character_sidebar_get_model (sidebar), 0);
  troupe_window_open_character (window, first);
  gtk_editable_set_text (name_entry (editor), "Saved slowly");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  g_assert_cmpstr (gtk_button_get_label (troupe_character_view_get_save_button (troupe_window_get_view (window))), ==, "Saving…");
  troupe_test_wait_until (save_offers_stop, troupe_window_get_view (window), "the offer to stop saving");
  gtk_widget_activate_action (GTK_WIDGET (troupe_window_get_view (window)), "view.stop-saving", NULL);
  troupe_test_wait_until (editor_idle, editor, "the save to stop");
  g_assert_cmpstr (gtk_button_get_label (troupe_character_view_get_save_button (troupe_window_get_view (window))), ==, "_Save");
  g_assert_true (troupe_character_page_get_dirty (editor));
  {
    g_autoptr(TroupeCharacterDraft) kept = troupe_character_page_dup_draft (editor);

    g_assert_cmpstr (kept->name, ==, "Saved slowly");
  }
  gtk_widget_activate_action (GTK_WIDGET (editor), "character.revert", NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static char *
long_backstory (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 40; i++)
    g_string_append (text, "She kept the lamp lit through every winter storm, counting the ships "
                           "that passed and the ones that did not, and wrote each name in a ledger. ");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
render_window (TroupeApplication *app,
               ConvaiClient      *client,
               const char        *id,
               int                width,
               const char        *name)
{
  TroupeWindow *window = open_window (app, client, width, 760);
  TroupeCharacterStore *store = troupe_window_get_store (window);
  g_autoptr(TroupeRecentCharacters) recent = g_object_ref (troupe_character_store_get_recent (store));

  troupe_window_open_character (window, troupe_character_store_lookup (store, id));
  troupe_test_ui_iterate (400);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (window), name));
  if (width < 500)
    {
      g_autofree char *sidebar_name = g_strconcat (name, "-sidebar", NULL);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL);
      troupe_test_ui_iterate (400);
      g_free (troupe_test_ui_render_png (GTK_WIDGET (window), sidebar_name));
    }
  gtk_window_destroy (GTK_WINDOW (window));
  troupe_test_wait_until (recent_idle, recent, "the recent list to be written");
}

static void
test_render_full (void)
{
  const char *args[] = { "--demo", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_autoptr(ConvaiClient) client = client_for (sandbox);
  g_autoptr(TroupeApplication) app = troupe_test_ui_register_application ();
  GSettings *settings = troupe_application_get_settings (app);
  g_autofree char *story = long_backstory ();
  g_autofree char *id = create_character (client, "Wilhelmina Augusta von Sturmfeld-Leuchtenberg, keeper of the northern light", story);

  g_free (create_character (client, "Bo", "Short."));
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("Extra character number %u with a rather long name", i);

      g_free (create_character (client, name, "Filler."));
    }
  render_window (app, client, id, 1100, "characters-full-wide");
  render_window (app, client, id, 360, "characters-full-narrow");
  g_settings_set_string (settings, "style-variant", "dark");
  render_window (app, client, id, 1100, "characters-full-wide-dark");
  render_window (app, client, id, 360, "characters-full-narrow-dark");
  g_settings_set_string (settings, "style-variant", "light");
}

static gboolean
not_generating (gpointer data)
{
  return !gtk_spinner_get_spinning (data);
}

static void
test_generate_backstory_is_one_undo (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autoptr(ConvaiClient) client = client_for (sandbox);
  g_autofree char *id = create_character (client, "Quill", "The old story.");
  g_autoptr(TroupeCharacterStore) store = loaded_store (client);
  g_autoptr(TroupeDraftStore) drafts = troupe_draft_store_new_default ();
  g_autofree char *generated = NULL;
  g_autofree char *restored = NULL;
  GtkTextBuffer *buffer;
  EditorFixture fixture = { 0 };

  editor_fixture_open (&fixture, store, drafts);
  troupe_character_view_set_character (fixture.view, troupe_character_store_lookup (store, id));
  buffer = gtk_text_view_get_buffer (backstory_view (fixture.editor));
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));

  gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "character.generate-backstory", "s",
                              "a scribe who collects lost letters");
  g_assert_true (troupe_character_page_get_busy (fixture.editor));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (generate_spinner (fixture.editor))));
  g_assert_true (gtk_spinner_get_spinning (generate_spinner (fixture.editor)));
  g_assert_false (gtk_text_view_get_editable (backstory_view (fixture.editor)));
  troupe_test_wait_until (not_generating, generate_spinner (fixture.editor), "the generated backstory");
  generated = get_backstory (fixture.editor);
  g_assert_cmpstr (generated, !=, "The old story.");
  g_assert_cmpuint (strlen (generated), >, 20);
  g_assert_true (troupe_character_page_get_dirty (fixture.editor));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (generate_spinner (fixture.editor))));
  g_assert_true (gtk_text_view_get_editable (backstory_view (fixture.editor)));

  /* Every delta was one action: a single undo brings the old story back. */
  gtk_text_buffer_undo (buffer);
  restored = get_backstory (fixture.editor);
  g_assert_cmpstr (restored, ==, "The old story.");
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));
  g_assert_false (troupe_character_page_get_dirty (fixture.editor));
  editor_fixture_close (&fixture);
}

static void
preview_finished_cb (TroupeAudioPlayer *player,
                     const GError      *error,
                     int               *outcome)
{
  *outcome = error == NULL ? 1 : 2;
}

static gboolean
outcome_known (gpointer data)
{
  return *(int *) data != 0;
}

static void
test_voice_preview_plays_sample (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autoptr(ConvaiClient) client = client_for (sandbox);
  g_autofree char *id = create_character (client, "Echo", "Hums.");
  g_autoptr(TroupeCharacterStore) store = loaded_store (client);
  g_autoptr(TroupeDraftStore) drafts = troupe_draft_store_new_default ();
  EditorFixture fixture = { 0 };
  TroupeAudioPlayer *player;
  int outcome = 0;

  editor_fixture_open (&fixture, store, drafts);
  troupe_character_view_set_character (fixture.view, troupe_character_store_lookup (store, id));
  troupe_test_ui_iterate (50);
  g_assert_nonnull (adw_combo_row_get_selected_item (voice_row (fixture.editor)));
  player = troupe_character_page_get_player (fixture.editor);
  /* No sound card under test: the sample goes to a fakesink. */
  troupe_audio_player_set_audio_sink (player, gst_element_factory_make ("fakesink", NULL));
  g_signal_connect (player, "finished", G_CALLBACK (preview_finished_cb), &outcome);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (preview_button (fixture.editor))));
  gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "character.preview-voice", NULL);
  g_assert_true (troupe_audio_player_get_playing (player));
  g_assert_cmpstr (gtk_button_get_icon_name (preview_button (fixture.editor)), ==,
                   "media-playback-stop-symbolic");
  troupe_test_wait_until (outcome_known, &outcome, "the sample to play");
  g_assert_cmpint (outcome, ==, 1);
  g_assert_cmpstr (gtk_button_get_icon_name (preview_button (fixture.editor)), ==,
                   "media-playback-start-symbolic");
  editor_fixture_close (&fixture);
}

static gboolean
sidebar_in_state (gpointer data)
{
  TroupeCharacterSidebar *sidebar = data;

  return g_strcmp0 (troupe_character_sidebar_get_state (sidebar),
                    g_object_get_data (G_OBJECT (sidebar), "wanted-state")) == 0;
}

static void
test_list_error_and_retry (void)
{
  const char *args[] = { "--demo", "--fault-status-once=/character/list:500", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_autoptr(ConvaiClient) client = client_for (sandbox);
  g_autoptr(TroupeCharacterStore) store = new_store ();
  TroupeCharacterSidebar *sidebar = troupe_character_sidebar_new (store);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 300, 600);
  gtk_window_set_child (window, GTK_WIDGET (sidebar));
  gtk_window_present (window);
  troupe_character_store_set_client (store, client);
  g_object_set_data (G_OBJECT (sidebar), "wanted-state", (gpointer) "error");
  troupe_test_wait_until (sidebar_in_state, sidebar, "the error page");
  g_assert_nonnull (strstr (troupe_character_store_get_error_message (store), "Could not load the characters"));
  troupe_test_ui_iterate (400);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (window), "sidebar-error"));

  gtk_widget_activate_action (GTK_WIDGET (sidebar), "sidebar.reload", NULL);
  g_object_set_data (G_OBJECT (sidebar), "wanted-state", (gpointer) "list");
  troupe_test_wait_until (sidebar_in_state, sidebar, "the list after retrying");
  g_assert_cmpuint (g_list_model_get_n_items (troupe_character_sidebar_get_model (sidebar)), ==, 1);
  gtk_window_destroy (window);
}

static void
test_voices_follow_languages (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autoptr(ConvaiClient) client = client_for (sandbox);
  g_autofree char *id = create_character (client, "Polyglot", "Speaks much.");
  g_autoptr(TroupeCharacterStore) store = loaded_store (client);
  g_autoptr(TroupeDraftStore) drafts = troupe_draft_store_new_default ();
  EditorFixture fixture = { 0 };
  GListModel *offered;
  guint english, german_and_english;

  editor_fixture_open (&fixture, store, drafts);
  troupe_character_view_set_character (fixture.view, troupe_character_store_lookup (store, id));
  troupe_test_ui_iterate (50);
  offered = adw_combo_row_get_model (voice_row (fixture.editor));
  english = g_list_model_get_n_items (offered);
  g_assert_cmpuint (english, >, 0);
  for (guint i = 0; i < english; i++)
    {
      g_autoptr(ConvaiVoice) voice = g_list_model_get_item (offered, i);

      g_assert_true (convai_voice_is_production (voice));
      g_assert_true (g_strv_contains (convai_voice_get_lang_codes (voice), "en-US"));
    }

  toggle_language (fixture.editor, "de-DE");
  troupe_test_ui_iterate (50);
  offered = adw_combo_row_get_model (voice_row (fixture.editor));
  german_and_english = g_list_model_get_n_items (offered);
  g_assert_cmpuint (german_and_english, >, english);

  /* Only German: the English voice is not offered any more, and the row says so. */
  toggle_language (fixture.editor, "en-US");
  troupe_test_ui_iterate (50);
  offered = adw_combo_row_get_model (voice_row (fixture.editor));
  for (guint i = 0; i < g_list_model_get_n_items (offered); i++)
    {
      g_autoptr(ConvaiVoice) voice = g_list_model_get_item (offered, i);

      g_assert_true (g_strv_contains (convai_voice_get_lang_codes (voice), "de-DE"));
    }
  /* One language must stay: the last check cannot be unchecked. */
  {
    g_autoptr(TroupeCharacterDraft) shown = troupe_character_page_dup_draft (fixture.editor);
    GtkCheckButton *check;
    guint checked = 0;

    g_assert_cmpuint (g_strv_length (shown->language_codes), ==, 1);
    for (guint i = 0; (check = nth_language_check (fixture.editor, i)) != NULL; i++)
      {
        if (!gtk_check_button_get_active (check))
          continue;
        checked++;
        g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (check)));
      }
    g_assert_cmpuint (checked, ==, 1);
  }
  editor_fixture_close (&fixture);
}

static void
test_render_empty_and_no_results (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autoptr(ConvaiClient) client = client_for (sandbox);
  g_autoptr(TroupeApplication) app = troupe_test_ui_register_application ();
  GSettings *settings = troupe_application_get_settings (app);
  TroupeWindow *window;

  g_settings_set_string (settings, "style-variant", "dark");
  window = open_window (app, client, 360, 640);
  g_assert_cmpstr (troupe_character_sidebar_get_state (troupe_window_get_sidebar (window)), ==, "empty");
  troupe_test_ui_iterate (400);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (window), "characters-empty-narrow-dark"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_set_string (settings, "style-variant", "light");

  g_free (create_character (client, "Solo", "Alone on the list."));
  window = open_window (app, client, 900, 600);
  troupe_character_sidebar_set_search (troupe_window_get_sidebar (window), "nobody by this name");
  g_assert_cmpstr (troupe_character_sidebar_get_state (troupe_window_get_sidebar (window)), ==, "no-results");
  troupe_test_ui_iterate (400);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (window), "characters-no-results-wide"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  troupe_test_ui_init (&argc, &argv);
  /* The voice preview test hands the player a fakesink of its own. */
  gst_init (&argc, &argv);

  g_test_add_func ("/troupe/characters/edit-save-reload", test_edit_save_reload);
  g_test_add_func ("/troupe/characters/revert", test_revert);
  g_test_add_func ("/troupe/characters/opening-shows-the-server-version", test_opening_shows_the_server_version);
  g_test_add_func ("/troupe/characters/failed-save-keeps-edits", test_failed_save_keeps_edits);
  g_test_add_func ("/troupe/characters/draft-kept-on-switch", test_draft_kept_on_switch);
  g_test_add_func ("/troupe/characters/draft-survives-kill", test_draft_survives_kill);
  g_test_add_func ("/troupe/characters/draft-survives-kill/child", draft_survives_kill_child);
  g_test_add_func ("/troupe/characters/clone-with-and-without-kb", test_clone_with_and_without_kb);
  g_test_add_func ("/troupe/characters/delete-cancelled-and-confirmed", test_delete_cancelled_and_confirmed);
  g_test_add_func ("/troupe/characters/search-filters", test_search_filters);
  g_test_add_func ("/troupe/characters/voices-follow-languages", test_voices_follow_languages);
  g_test_add_func ("/troupe/characters/list-error-and-retry", test_list_error_and_retry);
  g_test_add_func ("/troupe/characters/recent-first", test_recent_first);
  g_test_add_func ("/troupe/characters/sidebar-width-is-fixed", test_sidebar_width_is_fixed);
  g_test_add_func ("/troupe/characters/slow-work-says-what-it-does", test_slow_work_says_what_it_does);
  g_test_add_func ("/troupe/characters/new-character-and-close", test_new_character_and_close);
  g_test_add_func ("/troupe/characters/render-full", test_render_full);
  g_test_add_func ("/troupe/characters/render-empty-and-no-results", test_render_empty_and_no_results);
  g_test_add_func ("/troupe/characters/generate-backstory-is-one-undo", test_generate_backstory_is_one_undo);
  g_test_add_func ("/troupe/characters/voice-preview-plays-sample", test_voice_preview_plays_sample);

  return g_test_run ();
}
