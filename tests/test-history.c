/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The History page against a real troupe-sandbox, seeded with sessions by
 * talking to a character, driven through its actions and models. */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "troupe-application.h"
#include "troupe-character-store.h"
#include "troupe-character-view.h"
#include "troupe-chat-pane.h"
#include "troupe-history-page.h"
#include "troupe-test-sandbox.h"
#include "troupe-test-ui.h"
#include "troupe-transcript.h"
#include "troupe-history-index.h"
#include "troupe-window.h"

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + troupe_test_timeout_usec (20);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static char *
create_character (ConvaiClient *client,
                  const char   *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *id;

  convai_client_create_character_async (client, name, "FEMALE", "I keep the lighthouse on the cape.",
                                        NULL, NULL, result_cb, &result);
  wait_until (has_result, &result, "create");
  id = convai_client_create_character_finish (client, result, &error);
  g_assert_no_error (error);
  return id;
}

/* One exchange; "-1" starts a session. Returns the session's id. */
static char *
say (ConvaiClient *client,
     const char   *char_id,
     const char   *session_id,
     const char   *text)
{
  g_autoptr(ConvaiChatRequest) request = convai_chat_request_new_text (char_id, session_id, text);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ConvaiChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  convai_client_get_response_async (client, request, NULL, result_cb, &result);
  wait_until (has_result, &result, "getResponse");
  reply = convai_client_get_response_finish (client, result, &error);
  g_assert_no_error (error);
  return g_strdup (convai_chat_reply_get_session_id (reply));
}

static GListModel *
list_sessions (ConvaiClient *client,
               const char   *char_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *sessions;

  convai_client_list_sessions_async (client, char_id, -1, NULL, result_cb, &result);
  wait_until (has_result, &result, "list");
  sessions = convai_client_list_sessions_finish (client, result, &error);
  g_assert_no_error (error);
  return sessions;
}

static GListModel *
get_session (ConvaiClient *client,
             const char   *char_id,
             const char   *session_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *interactions;

  convai_client_get_session_async (client, char_id, session_id, NULL, result_cb, &result);
  wait_until (has_result, &result, "details");
  interactions = convai_client_get_session_finish (client, result, &error);
  g_assert_no_error (error);
  return interactions;
}

static ConvaiCharacter *
fetch_character (ConvaiClient *client,
                 const char   *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ConvaiCharacter *character;

  convai_client_get_character_async (client, id, NULL, result_cb, &result);
  wait_until (has_result, &result, "get");
  character = convai_client_get_character_finish (client, result, &error);
  g_assert_no_error (error);
  return character;
}

/* ---- the window with the History page open ---- */

typedef struct
{
  TroupeTestSandbox *sandbox;
  ConvaiClient      *client;
  TroupeApplication *app;
  TroupeWindow      *window;
  TroupeHistoryPage *page;
  char              *char_id;
} Fixture;

static gboolean
page_settled (gpointer data)
{
  TroupeHistoryPage *page = data;
  TroupeSessionStore *store = troupe_history_page_get_store (page);

  return !troupe_store_get_loading (TROUPE_STORE (store)) && !troupe_session_store_get_filling (store) &&
         (troupe_store_get_loaded (TROUPE_STORE (store)) || troupe_store_get_error_message (TROUPE_STORE (store)) != NULL);
}

static void
fixture_start (Fixture            *fixture,
               const char * const *sandbox_args)
{
  fixture->sandbox = troupe_test_sandbox_start (sandbox_args);
  fixture->client = convai_client_new (fixture->sandbox->base_url, fixture->sandbox->api_key);
  fixture->char_id = create_character (fixture->client, "Ada");
}

/* The sandbox's --seed-history character, "Chronicle". */
static void
fixture_start_seeded (Fixture            *fixture,
                      const char * const *sandbox_args)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) characters = NULL;

  fixture->sandbox = troupe_test_sandbox_start (sandbox_args);
  fixture->client = convai_client_new (fixture->sandbox->base_url, fixture->sandbox->api_key);
  convai_client_list_characters_async (fixture->client, NULL, result_cb, &result);
  wait_until (has_result, &result, "the characters");
  characters = convai_client_list_characters_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (characters); i++)
    {
      g_autoptr(ConvaiCharacter) character = g_list_model_get_item (characters, i);

      if (g_strcmp0 (convai_character_get_name (character), "Chronicle") == 0)
        fixture->char_id = g_strdup (convai_character_get_id (character));
    }
  g_assert_nonnull (fixture->char_id);
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
  fixture->page = TROUPE_HISTORY_PAGE (troupe_character_view_get_page (view, "history"));
  g_assert_nonnull (fixture->page);
  troupe_window_open_character (fixture->window, character);
  /* Nothing is read before the page is shown. */
  troupe_test_ui_iterate (50);
  g_assert_false (troupe_store_get_loaded (TROUPE_STORE (troupe_history_page_get_store (fixture->page))));
  gtk_widget_activate_action (GTK_WIDGET (view), "view.show-page", "s", "history");
  wait_until (page_settled, fixture->page, "the history");
  troupe_test_ui_wait_for_paint (GTK_WIDGET (fixture->window));
}

static void
fixture_finish (Fixture *fixture)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->app);
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->char_id, g_free);
  g_clear_pointer (&fixture->sandbox, troupe_test_sandbox_stop);
}

static GListModel *
page_sessions (Fixture *fixture)
{
  return troupe_session_store_get_sessions (troupe_history_page_get_store (fixture->page));
}

static TroupeHistorySession *
session_at (Fixture *fixture,
            guint    position)
{
  g_autoptr(TroupeHistorySession) session = g_list_model_get_item (page_sessions (fixture), position);

  return session;  /* the store holds it */
}

static gboolean
transcript_settled (gpointer data)
{
  const char *state = troupe_history_transcript_get_state (data);

  return g_strcmp0 (state, "loading") != 0;
}

static void
render (Fixture    *fixture,
        const char *name)
{
  troupe_test_ui_iterate (300);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture->window), name));
}

/* ---- sessions and transcripts ---- */

typedef struct
{
  char *text;
} ClipboardRead;

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (read->text == NULL)
    read->text = g_strdup ("");
}

static gboolean
clipboard_read (gpointer data)
{
  return ((ClipboardRead *) data)->text != NULL;
}

static void
test_sessions_and_transcript (void)
{
  Fixture fixture = { 0 };
  g_autofree char *talk = NULL;
  g_autofree char *other = NULL;
  TroupeHistorySession *session;
  ClipboardRead read = { 0 };

  fixture_start (&fixture, NULL);
  talk = say (fixture.client, fixture.char_id, "-1", "Hello there");
  g_free (say (fixture.client, fixture.char_id, talk, "What do you keep?"));
  other = say (fixture.client, fixture.char_id, "-1", "Good evening");
  fixture_open (&fixture, 1100, 700);

  g_assert_cmpstr (troupe_history_page_get_state (fixture.page), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (page_sessions (&fixture)), ==, 2);
  g_assert_false (troupe_session_store_get_has_more (troupe_history_page_get_store (fixture.page)));
  /* Read in the background: the number of exchanges and the first line. */
  session = troupe_session_store_lookup (troupe_history_page_get_store (fixture.page), talk);
  g_assert_nonnull (session);
  g_assert_cmpint (troupe_history_session_get_n_turns (session), ==, 2);
  g_assert_cmpstr (troupe_history_session_get_first_line (session), ==, "Hello there");
  session = troupe_session_store_lookup (troupe_history_page_get_store (fixture.page), other);
  g_assert_cmpint (troupe_history_session_get_n_turns (session), ==, 1);
  g_assert_cmpstr (troupe_history_session_get_first_line (session), ==, "Good evening");
  render (&fixture, "history-list-wide");

  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.open-session", "s", talk);
  wait_until (transcript_settled, troupe_history_page_get_transcript (fixture.page), "the transcript");
  g_assert_cmpstr (troupe_history_transcript_get_state (troupe_history_page_get_transcript (fixture.page)), ==, "transcript");
  g_assert_cmpuint (g_list_model_get_n_items (troupe_history_transcript_get_interactions (troupe_history_page_get_transcript (fixture.page))), ==, 2);
  render (&fixture, "history-transcript-wide");

  gtk_widget_activate_action (GTK_WIDGET (troupe_history_page_get_transcript (fixture.page)), "transcript.copy-turn", "u", 1);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (fixture.page)), NULL, clipboard_read_cb, &read);
  wait_until (clipboard_read, &read, "the clipboard");
  g_assert_true (g_str_has_prefix (read.text, "Player: What do you keep?\nAda: "));
  g_free (read.text);

  /* Narrow: the list folds away behind the transcript, with a way back. */
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 420, 700);
  troupe_test_ui_wait_for_paint (GTK_WIDGET (fixture.window));
  render (&fixture, "history-transcript-narrow");
  g_assert_true (troupe_history_page_get_folded (fixture.page));
  g_assert_cmpstr (troupe_history_page_get_visible_pane (fixture.page), ==, "transcript");
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.back", NULL);
  g_assert_cmpstr (troupe_history_page_get_visible_pane (fixture.page), ==, "sessions");
  render (&fixture, "history-list-narrow");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1100, 700);
  troupe_test_ui_wait_for_paint (GTK_WIDGET (fixture.window));
  render (&fixture, "history-transcript-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  fixture_finish (&fixture);
}

static gboolean
pane_continues (gpointer data)
{
  TroupeChatPane *pane = data;

  return g_list_model_get_n_items (troupe_chat_pane_get_messages (pane)) >= 4;
}

static gboolean
pane_idle (gpointer data)
{
  return !troupe_chat_pane_get_busy (data);
}

/* Continue in Chat: the open session goes on in the chat pane, its earlier
 * exchanges shown, the next turn sent in that session. */
static void
test_continue_in_chat (void)
{
  Fixture fixture = { 0 };
  g_autofree char *talk = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GListModel) interactions = NULL;
  TroupeCharacterView *view;
  TroupeChatPane *pane;
  GtkWidget *button;

  fixture_start (&fixture, NULL);
  talk = say (fixture.client, fixture.char_id, "-1", "Hello there");
  g_free (say (fixture.client, fixture.char_id, talk, "What do you keep?"));
  other = say (fixture.client, fixture.char_id, "-1", "Good evening");
  fixture_open (&fixture, 1300, 700);
  view = troupe_window_get_view (fixture.window);
  pane = TROUPE_CHAT_PANE (troupe_test_ui_find_by_type (GTK_WIDGET (fixture.window), TROUPE_TYPE_CHAT_PANE, 0));
  g_assert_nonnull (pane);
  troupe_stream_player_set_sink (troupe_chat_pane_get_player (pane), "fakesink");

  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.open-session", "s", talk);
  wait_until (transcript_settled, troupe_history_page_get_transcript (fixture.page), "the transcript");
  button = troupe_test_ui_find_by_action (GTK_WIDGET (fixture.page), "view.continue-chat");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button) && gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (troupe_character_view_get_chat_shown (view));
  g_assert_cmpstr (troupe_chat_pane_get_session_id (pane), ==, talk);
  /* The two exchanges of that session, the player's words and the replies. */
  wait_until (pane_continues, pane, "the earlier exchanges in the chat");
  g_assert_cmpuint (g_list_model_get_n_items (troupe_chat_pane_get_messages (pane)), ==, 4);
  render (&fixture, "history-continue-in-chat");

  gtk_text_buffer_set_text (troupe_chat_pane_get_entry_buffer (pane), "And the tides?", -1);
  gtk_widget_activate_action (GTK_WIDGET (pane), "chat.send", NULL);
  troupe_test_ui_iterate (50);
  wait_until (pane_idle, pane, "the reply");
  g_assert_null (troupe_chat_pane_get_problem (pane));
  g_assert_cmpstr (troupe_chat_pane_get_session_id (pane), ==, talk);
  interactions = get_session (fixture.client, fixture.char_id, talk);
  g_assert_cmpuint (g_list_model_get_n_items (interactions), ==, 3);
  fixture_finish (&fixture);
}

static int
compare_sessions (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return troupe_history_session_compare_newest (*(gpointer *) a, *(gpointer *) b, NULL);
}

/* Newest first, by the date and time the list gives, whatever its order. */
static void
test_newest_first (void)
{
  const char *rows[][3] = {
    { "older", "24-09-2024", "23:59:59" },
    { "newest", "25-09-2024", "20:52:57" },
    { "middle", "25-09-2024", "19:54:56" },
  };
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"sessionID\":\"%s\",\"date\":\"%s\",\"time\":\"%s\","
                                               "\"is_added_to_memory\":false}", rows[i][0], rows[i][1], rows[i][2]);
      g_autoptr(JsonNode) node = json_from_string (json, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(ConvaiSessionSummary) summary = convai_session_summary_new_from_json (node, &error);

      g_assert_no_error (error);
      g_ptr_array_add (sessions, troupe_history_session_new (summary));
    }
  g_ptr_array_sort_with_data (sessions, compare_sessions, NULL);
  g_assert_cmpstr (troupe_history_session_get_session_id (sessions->pdata[0]), ==, "newest");
  g_assert_cmpstr (troupe_history_session_get_session_id (sessions->pdata[1]), ==, "middle");
  g_assert_cmpstr (troupe_history_session_get_session_id (sessions->pdata[2]), ==, "older");
  /* Unknown until a transcript is read. */
  g_assert_cmpint (troupe_history_session_get_n_turns (sessions->pdata[0]), ==, -1);
}

static void
test_empty (void)
{
  Fixture fixture = { 0 };

  fixture_start (&fixture, NULL);
  fixture_open (&fixture, 1100, 700);
  g_assert_cmpstr (troupe_history_page_get_state (fixture.page), ==, "empty");
  render (&fixture, "history-empty-wide");
  fixture_finish (&fixture);
}

/* A 500 is not retried; the list says so, and Try Again loads it. */
static void
test_error_and_retry (void)
{
  const char *args[] = { "--fault-status-once=/character/chatHistory/list:500", NULL };
  Fixture fixture = { 0 };
  TroupeSessionStore *store;

  fixture_start (&fixture, args);
  g_free (say (fixture.client, fixture.char_id, "-1", "Hello there"));
  fixture_open (&fixture, 1100, 700);
  store = troupe_history_page_get_store (fixture.page);
  g_assert_cmpstr (troupe_history_page_get_state (fixture.page), ==, "error");
  g_assert_nonnull (troupe_store_get_error_message (TROUPE_STORE (store)));
  render (&fixture, "history-error-wide");

  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.reload", NULL);
  wait_until (page_settled, fixture.page, "the history again");
  g_assert_cmpstr (troupe_history_page_get_state (fixture.page), ==, "list");
  g_assert_null (troupe_store_get_error_message (TROUPE_STORE (store)));
  g_assert_cmpuint (g_list_model_get_n_items (page_sessions (&fixture)), ==, 1);
  fixture_finish (&fixture);
}

static void
test_recent_then_all (void)
{
  Fixture fixture = { 0 };
  TroupeSessionStore *store;
  guint total = TROUPE_SESSION_STORE_RECENT_LIMIT + 3;

  fixture_start (&fixture, NULL);
  for (guint i = 0; i < total; i++)
    {
      g_autofree char *text = g_strdup_printf ("Line %u", i);

      g_free (say (fixture.client, fixture.char_id, "-1", text));
    }
  fixture_open (&fixture, 1100, 700);
  store = troupe_history_page_get_store (fixture.page);
  g_assert_cmpuint (g_list_model_get_n_items (page_sessions (&fixture)), ==, TROUPE_SESSION_STORE_RECENT_LIMIT);
  g_assert_true (troupe_session_store_get_has_more (store));
  g_assert_true (troupe_history_page_get_offers_load_all (fixture.page));
  render (&fixture, "history-has-more");

  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.load-all", NULL);
  wait_until (page_settled, fixture.page, "every session");
  g_assert_cmpuint (g_list_model_get_n_items (page_sessions (&fixture)), ==, total);
  g_assert_false (troupe_session_store_get_has_more (store));
  g_assert_cmpuint (troupe_session_store_get_n_unread (store), ==, 0);
  fixture_finish (&fixture);
}

/* ---- search ---- */

static gboolean
search_settled (gpointer data)
{
  Fixture *fixture = data;

  return !troupe_history_page_get_searching (fixture->page);
}

static void
search_for (Fixture    *fixture,
            const char *text)
{
  troupe_history_page_set_search_text (fixture->page, text);
  /* The entry waits a moment before it says the text changed. */
  troupe_test_ui_iterate (400);
  wait_until (search_settled, fixture, "the search");
}

static GtkWidget *
find_list_view (GtkWidget *root)
{
  if (GTK_IS_LIST_VIEW (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
scrolled_down (gpointer data)
{
  GtkWidget *list = find_list_view (data);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));

  return gtk_adjustment_get_value (adjustment) > 0;
}

/* Every read transcript is searchable: the matching words are bold, and a
 * hit opens its session at its exchange. */
static void
test_search (void)
{
  const char *args[] = { "--seed-history=6:40", NULL };
  Fixture fixture = { 0 };
  GListModel *hits;
  TroupeHistoryHit *hit = NULL;
  guint n_all;

  fixture_start_seeded (&fixture, args);
  fixture_open (&fixture, 1100, 700);
  g_assert_cmpuint (troupe_session_store_get_n_unread (troupe_history_page_get_store (fixture.page)), ==, 0);

  search_for (&fixture, "ASTRONOMY");
  hits = troupe_history_page_get_hits (fixture.page);
  n_all = g_list_model_get_n_items (hits);
  g_assert_cmpuint (n_all, >, 0);
  g_assert_cmpstr (troupe_history_page_get_state (fixture.page), ==, "list");
  for (guint i = 0; i < n_all; i++)
    {
      g_autoptr(TroupeHistoryHit) item = g_list_model_get_item (hits, i);

      g_assert_nonnull (strstr (troupe_history_hit_get_snippet (item), "<b>astronomy</b>"));
      if (hit == NULL && troupe_history_hit_get_position (item) > 30)
        hit = item;
    }
  g_assert_nonnull (hit);
  render (&fixture, "history-search");

  /* A hit deep in a session: opened there. */
  {
    guint position = 0;

    g_assert_true (g_list_store_find (G_LIST_STORE (troupe_history_page_get_hits (fixture.page)), hit, &position));
    gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.open-hit", "u", position);
  }
  wait_until (transcript_settled, troupe_history_page_get_transcript (fixture.page), "the transcript");
  g_assert_cmpstr (troupe_history_transcript_get_session_id (troupe_history_page_get_transcript (fixture.page)), ==,
                   troupe_history_hit_get_session_id (hit));
  troupe_test_ui_wait_for_paint (GTK_WIDGET (fixture.window));
  wait_until (scrolled_down, troupe_history_page_get_transcript (fixture.page), "the exchange scrolled into view");
  render (&fixture, "history-search-opened");

  /* Triggers only: fewer, each of them a trigger. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.triggers-only", NULL);
  wait_until (search_settled, &fixture, "the narrowed search");
  {
    gboolean triggers_only = FALSE;

    g_object_get (fixture.page, "triggers-only", &triggers_only, NULL);
    g_assert_true (triggers_only);
  }
  g_assert_cmpuint (g_list_model_get_n_items (hits), <, n_all);
  for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
    {
      g_autoptr(TroupeHistoryHit) item = g_list_model_get_item (hits, i);
      g_autoptr(GListModel) interactions = get_session (fixture.client, fixture.char_id,
                                                       troupe_history_hit_get_session_id (item));
      g_autoptr(ConvaiInteraction) turn = g_list_model_get_item (interactions, troupe_history_hit_get_position (item));

      g_assert_true (convai_interaction_get_is_trigger_input (turn));
    }

  search_for (&fixture, "no such words");
  g_assert_cmpstr (troupe_history_page_get_state (fixture.page), ==, "no-results");
  render (&fixture, "history-no-results");
  search_for (&fixture, "");
  g_assert_cmpstr (troupe_history_page_get_state (fixture.page), ==, "list");
  fixture_finish (&fixture);
}

/* Across characters: a hit of another character opens that character's
 * history at the exchange. */
static void
test_search_everyone (void)
{
  const char *args[] = { "--seed-history=3:4", NULL };
  Fixture fixture = { 0 };
  g_autofree char *ada = NULL;
  g_autofree char *ada_session = NULL;
  g_autoptr(ConvaiCharacter) ada_character = NULL;
  g_autoptr(ConvaiCharacter) chronicle = NULL;
  TroupeCharacterView *view;
  GListModel *hits;
  guint ada_hit = G_MAXUINT;

  fixture_start_seeded (&fixture, args);
  ada = create_character (fixture.client, "Ada");
  ada_session = say (fixture.client, ada, "-1", "Do you like quasars?");
  /* Ada's history is read (and indexed) first. */
  {
    g_autofree char *chronicle_id = g_steal_pointer (&fixture.char_id);

    fixture.char_id = g_strdup (ada);
    fixture_open (&fixture, 1100, 700);
    g_free (fixture.char_id);
    fixture.char_id = g_steal_pointer (&chronicle_id);
  }
  chronicle = fetch_character (fixture.client, fixture.char_id);
  view = troupe_window_get_view (fixture.window);
  troupe_window_open_character (fixture.window, chronicle);
  wait_until (page_settled, fixture.page, "Chronicle's history");
  g_assert_cmpstr (troupe_session_store_get_char_id (troupe_history_page_get_store (fixture.page)), ==, fixture.char_id);

  search_for (&fixture, "quasars");
  g_assert_cmpstr (troupe_history_page_get_state (fixture.page), ==, "no-results");
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.search-everyone", NULL);
  wait_until (search_settled, &fixture, "the search of everyone");
  hits = troupe_history_page_get_hits (fixture.page);
  for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
    {
      g_autoptr(TroupeHistoryHit) item = g_list_model_get_item (hits, i);

      if (g_strcmp0 (troupe_history_hit_get_char_id (item), ada) == 0)
        ada_hit = i;
    }
  g_assert_cmpuint (ada_hit, !=, G_MAXUINT);
  render (&fixture, "history-search-everyone");

  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.open-hit", "u", ada_hit);
  ada_character = g_object_ref (troupe_character_view_get_character (view));
  g_assert_cmpstr (convai_character_get_id (ada_character), ==, ada);
  wait_until (transcript_settled, troupe_history_page_get_transcript (fixture.page), "Ada's transcript");
  wait_until (page_settled, fixture.page, "Ada's history");
  g_assert_cmpstr (troupe_history_transcript_get_session_id (troupe_history_page_get_transcript (fixture.page)), ==, ada_session);
  fixture_finish (&fixture);
}

/* ---- the date range ---- */

/* The local day @days_back before today, as YYYY-MM-DD. */
static char *
day_before_today (int days_back)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, -days_back);

  return g_date_time_format (day, "%Y-%m-%d");
}

static char *
session_day (TroupeHistorySession *session)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (troupe_history_session_get_date_time (session));

  return g_date_time_format (local, "%Y-%m-%d");
}

/* How many of the page's sessions fall on the days from @first to @last
 * (YYYY-MM-DD compares as text), counted from their own dates. */
static guint
sessions_between (Fixture    *fixture,
                  const char *first,
                  const char *last)
{
  GListModel *all = page_sessions (fixture);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(TroupeHistorySession) session = g_list_model_get_item (all, i);
      g_autofree char *day = session_day (session);

      n += strcmp (day, first) >= 0 && strcmp (day, last) <= 0;
    }
  return n;
}

/* Every session the list shows is on a day from @first to @last. */
static void
assert_list_between (Fixture    *fixture,
                     const char *first,
                     const char *last)
{
  GListModel *shown = G_LIST_MODEL (troupe_history_page_get_selection (fixture->page));

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, sessions_between (fixture, first, last));
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(TroupeHistorySession) session = g_list_model_get_item (shown, i);
      g_autofree char *day = session_day (session);

      g_assert_cmpstr (day, >=, first);
      g_assert_cmpstr (day, <=, last);
    }
}

/* Every hit is of a session on a day from @first to @last; returns how
 * many there are. */
static guint
assert_hits_between (Fixture    *fixture,
                     const char *first,
                     const char *last)
{
  GListModel *hits = troupe_history_page_get_hits (fixture->page);

  for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
    {
      g_autoptr(TroupeHistoryHit) hit = g_list_model_get_item (hits, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (troupe_history_hit_get_date_us (hit) / G_USEC_PER_SEC);
      g_autofree char *day = g_date_time_format (when, "%Y-%m-%d");

      g_assert_cmpstr (day, >=, first);
      g_assert_cmpstr (day, <=, last);
    }
  return g_list_model_get_n_items (hits);
}

/* The date range narrows the session list and the search alike, from a
 * preset or a custom range of days, and clears back to every session. */
static void
test_date_range (void)
{
  /* Twelve sessions a day apart, going back from now. */
  const char *args[] = { "--seed-history=12:3:1440", NULL };
  Fixture fixture = { 0 };
  g_autofree char *today = day_before_today (0);
  g_autofree char *week_ago = day_before_today (6);
  g_autofree char *first = day_before_today (10);
  g_autofree char *last = day_before_today (8);
  g_autofree char *range = NULL;
  g_autofree char *from = NULL;
  guint n_all_hits, n_week_hits;
  GtkWidget *popover;

  fixture_start_seeded (&fixture, args);
  fixture_open (&fixture, 1100, 700);
  g_assert_cmpuint (g_list_model_get_n_items (page_sessions (&fixture)), ==, 12);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (troupe_history_page_get_selection (fixture.page))), ==, 12);
  search_for (&fixture, "tell");
  n_all_hits = g_list_model_get_n_items (troupe_history_page_get_hits (fixture.page));
  g_assert_cmpuint (n_all_hits, >, 0);
  search_for (&fixture, "");

  /* A preset: the last seven days, today among them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.date-range", "s", "last-7-days"));
  g_object_get (fixture.page, "date-range", &range, NULL);
  g_assert_cmpstr (range, ==, "last-7-days");
  g_assert_cmpuint (sessions_between (&fixture, week_ago, today), <, 12);
  assert_list_between (&fixture, week_ago, today);
  g_assert_cmpstr (troupe_history_page_get_state (fixture.page), ==, "list");
  render (&fixture, "history-date-range-wide");

  /* The search keeps to it. */
  search_for (&fixture, "tell");
  n_week_hits = assert_hits_between (&fixture, week_ago, today);
  g_assert_cmpuint (n_week_hits, >, 0);
  g_assert_cmpuint (n_week_hits, <, n_all_hits);
  render (&fixture, "history-date-range-search");
  search_for (&fixture, "");

  /* A custom range of days, as the calendar sets it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.set-custom-range", "(ss)",
                                             first, last));
  g_object_get (fixture.page, "date-from", &from, NULL);
  g_assert_cmpstr (from, ==, first);
  g_assert_cmpuint (sessions_between (&fixture, first, last), >, 0);
  assert_list_between (&fixture, first, last);

  /* Its popover, and the page narrow and dark. */
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (
              troupe_test_ui_find_by_type (GTK_WIDGET (fixture.page), GTK_TYPE_MENU_BUTTON, 1))));
  gtk_popover_popup (GTK_POPOVER (popover));
  troupe_test_ui_wait_for_paint (popover);
  g_free (troupe_test_ui_render_png (popover, "history-date-popover"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  troupe_test_ui_iterate (300);
  g_free (troupe_test_ui_render_png (popover, "history-date-popover-dark"));
  gtk_popover_popdown (GTK_POPOVER (popover));
  render (&fixture, "history-date-range-dark");
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 420, 700);
  troupe_test_ui_wait_for_paint (GTK_WIDGET (fixture.window));
  render (&fixture, "history-date-range-narrow-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Nothing in the range: said so, not an empty list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.set-custom-range", "(ss)",
                                             "2001-01-01", "2001-01-31"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (troupe_history_page_get_selection (fixture.page))), ==, 0);
  g_assert_cmpstr (troupe_history_page_get_state (fixture.page), ==, "no-results");

  /* Cleared: every session again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.date-range", "s", "any"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (troupe_history_page_get_selection (fixture.page))), ==, 12);
  g_assert_cmpstr (troupe_history_page_get_state (fixture.page), ==, "list");
  fixture_finish (&fixture);
}

/* A damaged index file is made again, and search works. */
static void
test_corrupt_index (void)
{
  const char *args[] = { "--seed-history=2:3", NULL };
  Fixture fixture = { 0 };
  g_autoptr(GFile) file = troupe_history_index_default_file ();
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, "This is not an SQLite database, and it is long enough to look like one.", -1, &error);
  g_assert_no_error (error);
  fixture_start_seeded (&fixture, args);
  fixture_open (&fixture, 1100, 700);
  search_for (&fixture, "session");
  g_assert_cmpuint (g_list_model_get_n_items (troupe_history_page_get_hits (fixture.page)), ==, 6);
  fixture_finish (&fixture);
}

static guint
count_indexed (TroupeHistoryIndex *index,
               const char         *char_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GHashTable) known = NULL;

  troupe_history_index_known_async (index, char_id, NULL, result_cb, &result);
  wait_until (has_result, &result, "the index");
  known = troupe_history_index_known_finish (index, result, NULL);
  return known != NULL ? g_hash_table_size (known) : 0;
}

/* The server gone: a transcript read before is still there, marked as the
 * cached copy. */
static void
test_offline_cached (void)
{
  const char *args[] = { "--seed-history=2:3", NULL };
  Fixture fixture = { 0 };
  g_autofree char *second = NULL;
  gint64 deadline;

  fixture_start_seeded (&fixture, args);
  fixture_open (&fixture, 1100, 700);
  second = g_strdup (troupe_history_session_get_session_id (session_at (&fixture, 1)));
  deadline = g_get_monotonic_time () + troupe_test_timeout_usec (10);
  while (count_indexed (troupe_history_page_get_index (fixture.page), fixture.char_id) < 2 && g_get_monotonic_time () < deadline)
    troupe_test_ui_iterate (50);
  g_assert_cmpuint (count_indexed (troupe_history_page_get_index (fixture.page), fixture.char_id), ==, 2);

  g_clear_pointer (&fixture.sandbox, troupe_test_sandbox_stop);
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.open-session", "s", second);
  wait_until (transcript_settled, troupe_history_page_get_transcript (fixture.page), "the transcript");
  g_assert_cmpstr (troupe_history_transcript_get_state (troupe_history_page_get_transcript (fixture.page)), ==, "transcript");
  g_assert_true (troupe_history_transcript_get_cached (troupe_history_page_get_transcript (fixture.page)));
  g_assert_cmpuint (g_list_model_get_n_items (troupe_history_transcript_get_interactions (troupe_history_page_get_transcript (fixture.page))), ==, 3);
  g_assert_nonnull (strstr (troupe_history_transcript_get_summary (troupe_history_page_get_transcript (fixture.page)), "Cached copy"));
  render (&fixture, "history-offline-cached");
  fixture_finish (&fixture);
}

static void
test_query (void)
{
  g_autofree char *plain = troupe_history_index_make_query ("Tell me, Ada");
  g_autofree char *quoted = troupe_history_index_make_query ("say \"hi\" OR NEAR");
  g_autofree char *nothing = troupe_history_index_make_query (" ,.; ");

  /* Only the last word may be unfinished. */
  g_assert_cmpstr (plain, ==, "\"tell\" \"me\" \"ada\"*");
  /* Words only: FTS5's syntax cannot be typed in. */
  g_assert_cmpstr (quoted, ==, "\"say\" \"hi\" \"or\" \"near\"*");
  g_assert_null (nothing);
}

/* ---- delete, gone, export ---- */

static AdwMessageDialog *
wait_for_dialog (void)
{
  gint64 deadline = g_get_monotonic_time () + troupe_test_timeout_usec (5);

  while (g_get_monotonic_time () < deadline)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

          if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
            return ADW_MESSAGE_DIALOG (window);
        }
      g_main_context_iteration (NULL, FALSE);
    }
  g_error ("no dialog appeared");
}

static void
answer_dialog (AdwMessageDialog *dialog,
               const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  troupe_test_ui_iterate (20);
}

static gboolean
page_idle (gpointer data)
{
  return !troupe_page_get_busy (data);
}

static void
test_delete_several (void)
{
  Fixture fixture = { 0 };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GListModel) left = NULL;
  g_autoptr(ConvaiSessionSummary) survivor = NULL;
  GtkSelectionModel *selection;

  fixture_start (&fixture, NULL);
  first = say (fixture.client, fixture.char_id, "-1", "One");
  second = say (fixture.client, fixture.char_id, "-1", "Two");
  kept = say (fixture.client, fixture.char_id, "-1", "Three");
  fixture_open (&fixture, 1100, 700);
  selection = troupe_history_page_get_selection (fixture.page);

  gtk_selection_model_unselect_all (selection);
  for (guint i = 0; i < 3; i++)
    {
      TroupeHistorySession *session = session_at (&fixture, i);
      const char *id = troupe_history_session_get_session_id (session);

      if (g_str_equal (id, first) || g_str_equal (id, second))
        gtk_selection_model_select_item (selection, i, FALSE);
    }

  /* Cancelled: nothing goes. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.delete", NULL);
  answer_dialog (wait_for_dialog (), "cancel");
  g_assert_cmpuint (g_list_model_get_n_items (page_sessions (&fixture)), ==, 3);

  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.delete", NULL);
  answer_dialog (wait_for_dialog (), "delete");
  wait_until (page_idle, fixture.page, "the delete");
  g_assert_cmpuint (g_list_model_get_n_items (page_sessions (&fixture)), ==, 1);
  g_assert_cmpstr (troupe_history_session_get_session_id (session_at (&fixture, 0)), ==, kept);
  left = list_sessions (fixture.client, fixture.char_id);
  g_assert_cmpuint (g_list_model_get_n_items (left), ==, 1);
  survivor = g_list_model_get_item (left, 0);
  g_assert_cmpstr (convai_session_summary_get_session_id (survivor), ==, kept);
  fixture_finish (&fixture);
}

/* Deleted elsewhere after the list was read: opening it says so and the
 * row goes. */
static void
test_session_gone (void)
{
  Fixture fixture = { 0 };
  g_autofree char *gone = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[] = { NULL, NULL };

  fixture_start (&fixture, NULL);
  gone = say (fixture.client, fixture.char_id, "-1", "Soon gone");
  kept = say (fixture.client, fixture.char_id, "-1", "Kept");
  fixture_open (&fixture, 1100, 700);
  g_assert_cmpuint (g_list_model_get_n_items (page_sessions (&fixture)), ==, 2);

  ids[0] = gone;
  convai_client_delete_sessions_async (fixture.client, fixture.char_id, ids, NULL, result_cb, &result);
  wait_until (has_result, &result, "the delete elsewhere");
  g_assert_true (convai_client_delete_sessions_finish (fixture.client, result, &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.open-session", "s", gone);
  wait_until (transcript_settled, troupe_history_page_get_transcript (fixture.page), "the transcript");
  g_assert_cmpstr (troupe_history_transcript_get_state (troupe_history_page_get_transcript (fixture.page)), ==, "none");
  g_assert_cmpuint (g_list_model_get_n_items (page_sessions (&fixture)), ==, 1);
  g_assert_null (troupe_session_store_lookup (troupe_history_page_get_store (fixture.page), gone));
  render (&fixture, "history-session-gone");
  fixture_finish (&fixture);
}

static char *
read_file (GFile *file)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_load_contents (file, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_export (void)
{
  Fixture fixture = { 0 };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *dir = g_dir_make_tmp ("troupe-history-XXXXXX", NULL);
  g_autofree char *markdown_path = g_build_filename (dir, "one.md", NULL);
  g_autoptr(GFile) markdown_file = g_file_new_for_path (markdown_path);
  g_autofree char *folder_path = g_build_filename (dir, "all", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autoptr(GListModel) interactions = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;
  const char *one[] = { NULL, NULL };

  fixture_start (&fixture, NULL);
  first = say (fixture.client, fixture.char_id, "-1", "Hello there");
  g_free (say (fixture.client, fixture.char_id, first, "And again"));
  second = say (fixture.client, fixture.char_id, "-1", "Good evening");
  fixture_open (&fixture, 1100, 700);

  /* One session, Markdown: exactly what troupe-cli writes. */
  one[0] = first;
  troupe_history_page_export_to (fixture.page, one, TROUPE_HISTORY_FORMAT_MARKDOWN, markdown_file, FALSE);
  wait_until (page_idle, fixture.page, "the export");
  interactions = get_session (fixture.client, fixture.char_id, first);
  expected = troupe_transcript_to_markdown (fixture.char_id, first, interactions);
  written = read_file (markdown_file);
  g_assert_cmpstr (written, ==, expected);

  /* Every session, JSON, into a folder: one file each. */
  g_clear_object (&interactions);
  g_clear_pointer (&expected, g_free);
  g_clear_pointer (&written, g_free);
  {
    g_auto(GStrv) all = troupe_history_page_dup_all (fixture.page);
    g_autofree char *name = g_strconcat (second, ".json", NULL);
    g_autoptr(GFile) second_file = g_file_get_child (folder, name);

    g_assert_cmpuint (g_strv_length (all), ==, 2);
    troupe_history_page_export_to (fixture.page, (const char * const *) all, TROUPE_HISTORY_FORMAT_JSON, folder, TRUE);
    /* Several sessions: the page says how far it got. */
    g_assert_cmpstr (troupe_history_page_get_note (fixture.page), ==, "Exporting session 1 of 2…");
    wait_until (page_idle, fixture.page, "the export of all");
    g_assert_cmpstr (troupe_history_page_get_note (fixture.page), !=, "Exporting session 2 of 2…");
    interactions = get_session (fixture.client, fixture.char_id, second);
    expected = troupe_transcript_to_json (interactions);
    written = read_file (second_file);
    g_assert_cmpstr (written, ==, expected);
  }

  fixture_finish (&fixture);
}

/* The menu's action asks where, through the file chooser. GTK 4.8's own
 * chooser keeps the file infos its threads read (LeakSanitizer reports
 * them, with no frame of ours), so this runs in a child that ends without
 * the exit-time leak check; its assertions still decide. */
static void
test_export_asks_where (void)
{
  Fixture fixture = { 0 };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  fixture_start (&fixture, NULL);
  g_free (say (fixture.client, fixture.char_id, "-1", "Hello there"));
  fixture_open (&fixture, 1100, 700);
  gtk_selection_model_select_item (troupe_history_page_get_selection (fixture.page), 0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.export", "s", "markdown"));
  g_assert_nonnull (troupe_history_page_get_chooser (fixture.page));
  gtk_native_dialog_hide (GTK_NATIVE_DIALOG (troupe_history_page_get_chooser (fixture.page)));
  fixture_finish (&fixture);
  fflush (stdout);
  _exit (0);
}

/* ---- flags, damaged replies, retries ---- */

/* The trigger and memory flags the API gives are shown, not dropped. */
static void
test_flags (void)
{
  const char *args[] = { "--seed-history=5:8", NULL };
  Fixture fixture = { 0 };
  TroupeHistorySession *in_memory = NULL;
  GListModel *interactions;
  guint triggers = 0;

  fixture_start_seeded (&fixture, args);
  fixture_open (&fixture, 1100, 700);
  g_assert_cmpuint (g_list_model_get_n_items (page_sessions (&fixture)), ==, 5);
  for (guint i = 0; i < 5; i++)
    if (troupe_history_session_get_is_added_to_memory (session_at (&fixture, i)))
      in_memory = session_at (&fixture, i);
  g_assert_nonnull (in_memory);
  g_assert_cmpint (troupe_history_session_get_n_turns (in_memory), ==, 8);

  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.open-session", "s",
                              troupe_history_session_get_session_id (in_memory));
  wait_until (transcript_settled, troupe_history_page_get_transcript (fixture.page), "the transcript");
  interactions = troupe_history_transcript_get_interactions (troupe_history_page_get_transcript (fixture.page));
  for (guint i = 0; i < g_list_model_get_n_items (interactions); i++)
    {
      g_autoptr(ConvaiInteraction) interaction = g_list_model_get_item (interactions, i);

      triggers += convai_interaction_get_is_trigger_input (interaction);
    }
  g_assert_cmpuint (triggers, >, 0);
  g_assert_true (strstr (troupe_history_transcript_get_summary (troupe_history_page_get_transcript (fixture.page)), "Added to the character's memory") != NULL);
  render (&fixture, "history-flags");
  fixture_finish (&fixture);
}

/* Every third entry of each reply is malformed: skipped and counted. */
static void
test_partial_entries (void)
{
  const char *args[] = { "--seed-history=4:3", "--fault-partial-history", NULL };
  Fixture fixture = { 0 };
  TroupeSessionStore *store;
  TroupeHistorySession *first;

  fixture_start_seeded (&fixture, args);
  fixture_open (&fixture, 1100, 700);
  store = troupe_history_page_get_store (fixture.page);
  g_assert_cmpstr (troupe_history_page_get_state (fixture.page), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (page_sessions (&fixture)), ==, 3);
  g_assert_cmpuint (troupe_session_store_get_n_skipped (store), ==, 1);
  g_assert_nonnull (troupe_history_page_get_note (fixture.page));
  first = session_at (&fixture, 0);
  g_assert_cmpint (troupe_history_session_get_n_turns (first), ==, 2);

  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.open-session", "s",
                              troupe_history_session_get_session_id (first));
  wait_until (transcript_settled, troupe_history_page_get_transcript (fixture.page), "the transcript");
  g_assert_cmpstr (troupe_history_transcript_get_state (troupe_history_page_get_transcript (fixture.page)), ==, "transcript");
  g_assert_cmpuint (troupe_history_transcript_get_n_skipped (troupe_history_page_get_transcript (fixture.page)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (troupe_history_transcript_get_interactions (troupe_history_page_get_transcript (fixture.page))), ==, 2);
  render (&fixture, "history-partial");
  fixture_finish (&fixture);
}

/* A 429 on the list is waited out and tried again (it is safe to repeat);
 * a 429 on delete is not (it is not), and nothing is lost. */
static void
test_rate_limited (void)
{
  const char *args[] = { "--seed-history=3:2", "--fault-retry-after=0",
                         "--fault-status-once=/character/chatHistory/list:429",
                         "--fault-status-once=/character/chatHistory/delete:429", NULL };
  Fixture fixture = { 0 };
  g_autoptr(GListModel) left = NULL;

  fixture_start_seeded (&fixture, args);
  fixture_open (&fixture, 1100, 700);
  g_assert_cmpstr (troupe_history_page_get_state (fixture.page), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (page_sessions (&fixture)), ==, 3);

  gtk_selection_model_select_item (troupe_history_page_get_selection (fixture.page), 0, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "history.delete", NULL);
  answer_dialog (wait_for_dialog (), "delete");
  wait_until (page_idle, fixture.page, "the delete");
  g_assert_cmpuint (g_list_model_get_n_items (page_sessions (&fixture)), ==, 3);
  left = list_sessions (fixture.client, fixture.char_id);
  g_assert_cmpuint (g_list_model_get_n_items (left), ==, 3);
  fixture_finish (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  troupe_test_ui_init (&argc, &argv);
  /* Continue in Chat sends a turn through the chat pane, which speaks. */
  gst_init (&argc, &argv);

  g_test_add_func ("/troupe/history/sessions-and-transcript", test_sessions_and_transcript);
  g_test_add_func ("/troupe/history/newest-first", test_newest_first);
  g_test_add_func ("/troupe/history/continue-in-chat", test_continue_in_chat);
  g_test_add_func ("/troupe/history/empty", test_empty);
  g_test_add_func ("/troupe/history/error-and-retry", test_error_and_retry);
  g_test_add_func ("/troupe/history/recent-then-all", test_recent_then_all);
  g_test_add_func ("/troupe/history/search", test_search);
  g_test_add_func ("/troupe/history/search-everyone", test_search_everyone);
  g_test_add_func ("/troupe/history/date-range", test_date_range);
  g_test_add_func ("/troupe/history/corrupt-index", test_corrupt_index);
  g_test_add_func ("/troupe/history/query", test_query);
  g_test_add_func ("/troupe/history/offline-cached", test_offline_cached);
  g_test_add_func ("/troupe/history/delete-several", test_delete_several);
  g_test_add_func ("/troupe/history/session-gone", test_session_gone);
  g_test_add_func ("/troupe/history/export", test_export);
  g_test_add_func ("/troupe/history/export-asks-where", test_export_asks_where);
  g_test_add_func ("/troupe/history/flags", test_flags);
  g_test_add_func ("/troupe/history/partial-entries", test_partial_entries);
  g_test_add_func ("/troupe/history/rate-limited", test_rate_limited);
  return g_test_run ();
}
