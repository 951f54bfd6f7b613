/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The live chat in the character view: beside the pages on a wide window,
 * folded to a view of its own (full width, a back button to the pages) on
 * a narrow one, toggled the same way both times. Driven through the view's
 * actions and its public state; against a real troupe-sandbox, so the
 * renders show a real reply. */
#include "config.h"

#include <adwaita.h>

#include "troupe-character-page.h"
#include "troupe-character-view.h"
#include "troupe-chat-message.h"
#include "troupe-chat-pane.h"
#include "troupe-chat-pane-private.h"
#include "troupe-chat-sessions.h"
#include "troupe-context.h"
#include "troupe-test-sandbox.h"
#include "troupe-test-ui.h"

typedef struct
{
  TroupeTestSandbox   *sandbox;
  ConvaiClient        *client;
  TroupeContext       *context;
  TroupeChatSessions  *sessions;
  ConvaiCharacter     *character;
  GtkWindow           *window;
  TroupeCharacterView *view;
  TroupeCharacterPage *page;
  TroupeChatPane      *pane;
} Fixture;

static ConvaiCharacter *
create_character (ConvaiClient *client)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) created = NULL, fetched = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  ConvaiCharacter *character;

  convai_client_create_character_async (client, "Ada", "FEMALE",
                                        "Ada is a mathematician who loves engines and poetry.",
                                        NULL, NULL, troupe_test_result_cb, &slot);
  created = troupe_test_wait_for_result (&slot, "create");
  id = convai_client_create_character_finish (client, created, &error);
  g_assert_no_error (error);
  convai_client_get_character_async (client, id, NULL, troupe_test_result_cb, &slot);
  fetched = troupe_test_wait_for_result (&slot, "get");
  character = convai_client_get_character_finish (client, fetched, &error);
  g_assert_no_error (error);
  return character;
}

/* The sandbox's --seed-history character, and the id of its newest
 * session (the sandbox names its sessions by a digest of both). */
static ConvaiCharacter *
find_seeded_character (ConvaiClient *client,
                       char        **newest_session)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GListModel) characters = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seed = NULL;

  convai_client_list_characters_async (client, NULL, troupe_test_result_cb, &slot);
  listed = troupe_test_wait_for_result (&slot, "list");
  characters = convai_client_list_characters_finish (client, listed, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (characters); i++)
    {
      g_autoptr(ConvaiCharacter) character = g_list_model_get_item (characters, i);

      if (g_strcmp0 (convai_character_get_name (character), "Chronicle") != 0)
        continue;
      seed = g_strdup_printf ("%s/0", convai_character_get_id (character));
      *newest_session = g_compute_checksum_for_string (G_CHECKSUM_MD5, seed, -1);
      return g_steal_pointer (&character);
    }
  g_assert_not_reached ();
}

/* @seed_history: the sandbox's --seed-history, whose character is then
 * the one open, continuing its newest session; or NULL for a new "Ada". */
static void
fixture_open_with (Fixture    *fixture,
                   int         width,
                   const char *seed_history)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "troupe", "chat-sessions", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *seed_arg = seed_history ? g_strconcat ("--seed-history=", seed_history, NULL) : NULL;
  const char *args[] = { seed_arg, NULL };

  fixture->sandbox = troupe_test_sandbox_start (args);
  fixture->client = convai_client_new (fixture->sandbox->base_url, fixture->sandbox->api_key);
  fixture->context = troupe_context_new ();
  troupe_context_set_client (fixture->context, fixture->client);
  fixture->sessions = troupe_chat_sessions_new (file);
  if (seed_history != NULL)
    {
      g_autofree char *session = NULL;

      fixture->character = find_seeded_character (fixture->client, &session);
      troupe_chat_sessions_set (fixture->sessions, convai_character_get_id (fixture->character), session);
    }
  else
    fixture->character = create_character (fixture->client);

  fixture->view = troupe_character_view_new ();
  fixture->page = troupe_character_page_new (fixture->context);
  troupe_character_view_add_page (fixture->view, TROUPE_PAGE (fixture->page), "character", "Character", NULL);
  fixture->pane = troupe_chat_pane_new_with_sessions (fixture->context, fixture->sessions);
  troupe_stream_player_set_sink (troupe_chat_pane_get_player (fixture->pane), "fakesink");
  troupe_character_view_set_chat (fixture->view, GTK_WIDGET (fixture->pane));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, width, 760);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  troupe_character_view_set_character (fixture->view, fixture->character);
  troupe_test_ui_wait_for_paint (GTK_WIDGET (fixture->window));
}

static void
fixture_open (Fixture *fixture,
              int      width)
{
  fixture_open_with (fixture, width, NULL);
}

static gboolean
sessions_idle (gpointer data)
{
  return !troupe_chat_sessions_is_busy (data);
}

static void
fixture_close (Fixture *fixture)
{
  gtk_window_destroy (fixture->window);
  troupe_test_wait_until (sessions_idle, fixture->sessions, "the sessions to be written");
  g_clear_object (&fixture->sessions);
  g_clear_object (&fixture->character);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->sandbox, troupe_test_sandbox_stop);
}

static gboolean
pane_idle (gpointer data)
{
  return !troupe_chat_pane_get_busy (data);
}

static gboolean
has_600_messages (gpointer data)
{
  return g_list_model_get_n_items (data) >= 600;
}

static gboolean
has_starters (gpointer data)
{
  return troupe_chat_pane_get_starters (data)[0] != NULL;
}

/* Shown on its own: the leaflet has slid to it and left the pages. */
static gboolean
chat_alone_and_still (gpointer data)
{
  Fixture *fixture = data;

  return troupe_character_view_get_chat_alone (fixture->view) &&
         gtk_widget_get_mapped (GTK_WIDGET (fixture->pane)) &&
         !gtk_widget_get_mapped (GTK_WIDGET (fixture->page));
}

static gboolean
pages_alone_and_still (gpointer data)
{
  Fixture *fixture = data;

  return !troupe_character_view_get_chat_shown (fixture->view) &&
         gtk_widget_get_mapped (GTK_WIDGET (fixture->page)) &&
         !gtk_widget_get_mapped (GTK_WIDGET (fixture->pane));
}

static gboolean
side_by_side (gpointer data)
{
  Fixture *fixture = data;

  return troupe_character_view_get_chat_shown (fixture->view) &&
         !troupe_character_view_get_chat_alone (fixture->view) &&
         gtk_widget_get_mapped (GTK_WIDGET (fixture->pane)) &&
         gtk_widget_get_mapped (GTK_WIDGET (fixture->page));
}

/* The header's Live Chat toggle, found as a person finds it: by its tooltip. */
static GtkToggleButton *
chat_toggle (Fixture *fixture)
{
  GtkWidget *button;

  for (guint n = 0; (button = troupe_test_ui_find_by_type (GTK_WIDGET (fixture->view), GTK_TYPE_TOGGLE_BUTTON, n)); n++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (button), "Live Chat (F9)") == 0)
      return GTK_TOGGLE_BUTTON (button);
  g_assert_not_reached ();
}

static void
resize (Fixture *fixture,
        int      width)
{
  gtk_window_set_default_size (fixture->window, width, 760);
  troupe_test_ui_iterate (300);
}

static void
send_one_turn (Fixture *fixture)
{
  troupe_test_wait_until (has_starters, fixture->pane, "the conversation starters");
  gtk_text_buffer_set_text (troupe_chat_pane_get_entry_buffer (fixture->pane),
                            "Describe the engine in one paragraph, please.", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "chat.send", NULL));
  troupe_test_wait_until (pane_idle, fixture->pane, "the reply");
  troupe_test_ui_iterate (300);
}

/* Wide: the chat comes beside the pages and goes with the same toggle. */
static void
test_beside_the_pages_when_wide (void)
{
  Fixture fixture = { 0 };
  int view_width;

  fixture_open (&fixture, 1280);
  g_assert_false (troupe_character_view_get_chat_shown (fixture.view));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (fixture.pane)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.view), "view.toggle-chat", NULL));
  troupe_test_wait_until (side_by_side, &fixture, "the chat beside the pages");
  send_one_turn (&fixture);
  view_width = gtk_widget_get_width (GTK_WIDGET (fixture.view));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture.pane)), <, view_width / 2);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture.page)), >, view_width / 2);
  /* Beside the pages, the header's back button is the window's, not the chat's. */
  g_assert_false (gtk_widget_get_visible (troupe_test_ui_find_by_action (GTK_WIDGET (fixture.view), "view.toggle-chat")));
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), "chat-view-wide"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.view), "view.toggle-chat", NULL));
  troupe_test_wait_until (pages_alone_and_still, &fixture, "the chat to go");
  fixture_close (&fixture);
}

/* Narrow: toggled, the chat is the view's one visible child, full width,
 * with a back button in the header; back (the button, or the toggle)
 * brings the pages back full width. Widened while shown, it goes beside
 * them again. */
static void
test_folds_to_its_own_view_when_narrow (void)
{
  Fixture fixture = { 0 };
  GtkWidget *back;

  fixture_open (&fixture, 480);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.view), "view.toggle-chat", NULL));
  g_assert_true (troupe_character_view_get_chat_shown (fixture.view));
  troupe_test_wait_until (chat_alone_and_still, &fixture, "the chat on its own");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture.pane)), ==, gtk_widget_get_width (GTK_WIDGET (fixture.view)));
  back = troupe_test_ui_find_by_action (GTK_WIDGET (fixture.view), "view.toggle-chat");
  g_assert_true (gtk_widget_get_visible (back));
  g_assert_true (gtk_widget_get_mapped (back));
  send_one_turn (&fixture);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), "chat-view-narrow"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  troupe_test_ui_iterate (300);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), "chat-view-narrow-dark"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Back, as a person does: the header's back button. */
  g_assert_true (gtk_widget_activate (back));
  troupe_test_wait_until (pages_alone_and_still, &fixture, "the pages back");
  g_assert_false (gtk_widget_get_visible (back));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture.page)), ==, gtk_widget_get_width (GTK_WIDGET (fixture.view)));
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), "chat-view-narrow-back"));

  /* The header's toggle shows it again, and follows it; it goes beside
   * the pages when there is room, and on its own again when narrow. */
  g_assert_false (gtk_toggle_button_get_active (chat_toggle (&fixture)));
  gtk_toggle_button_set_active (chat_toggle (&fixture), TRUE);
  troupe_test_wait_until (chat_alone_and_still, &fixture, "the chat on its own again");
  resize (&fixture, 1280);
  troupe_test_wait_until (side_by_side, &fixture, "the chat beside the pages once wide");
  g_assert_false (gtk_widget_get_visible (back));
  resize (&fixture, 480);
  troupe_test_wait_until (chat_alone_and_still, &fixture, "the chat on its own once narrow");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.view), "view.toggle-chat", NULL));
  troupe_test_wait_until (pages_alone_and_still, &fixture, "the pages back by the toggle");
  g_assert_false (gtk_toggle_button_get_active (chat_toggle (&fixture)));
  fixture_close (&fixture);
}

typedef struct
{
  Fixture    *fixture;
  const char *text;
} Shown;

/* @text is on screen in the conversation: its label is mapped and lies
 * within the scrolled window's visible height. */
static gboolean
text_on_screen (gpointer data)
{
  Shown *shown = data;
  GtkWidget *list = troupe_test_ui_find_by_type (GTK_WIDGET (shown->fixture->pane), GTK_TYPE_LIST_BASE, 0);

  return troupe_test_ui_text_on_screen (list, gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW), shown->text);
}

static GtkAdjustment *
conversation_adjustment (Fixture *fixture)
{
  GtkWidget *list = troupe_test_ui_find_by_type (GTK_WIDGET (fixture->pane), GTK_TYPE_LIST_BASE, 0);

  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
}

static void
send_turn (Fixture    *fixture,
           const char *text)
{
  gtk_text_buffer_set_text (troupe_chat_pane_get_entry_buffer (fixture->pane), text, -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "chat.send", NULL));
  troupe_test_wait_until (pane_idle, fixture->pane, "the reply");
}

static gboolean
revealed (gpointer data)
{
  return !troupe_chat_pane_is_revealing (data);
}

/* Every row the conversation shows is at least as tall as its words need
 * for its width; returns how many rows were shown. */
static guint
check_rows_fit (GtkWidget *list)
{
  guint shown = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t box;
      int min, across, along;

      if (!gtk_widget_get_mapped (row))
        continue;
      /* Measured as laid out: its border box and margins. */
      g_assert_true (gtk_widget_compute_bounds (row, row, &box));
      across = box.size.width + gtk_widget_get_margin_start (row) + gtk_widget_get_margin_end (row);
      along = box.size.height + gtk_widget_get_margin_top (row) + gtk_widget_get_margin_bottom (row);
      gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, across, &min, NULL, NULL, NULL);
      g_assert_cmpint (along, >=, min);
      shown++;
    }
  return shown;
}

/* Messages of a line and of many, as sessions hold them, at the end and in
 * the middle of the conversation: every row is as tall as its words need
 * (the conversation is a grid view of one column, which sizes each row by
 * its own message). */
static void
test_rows_as_tall_as_their_words (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  GtkAdjustment *adjustment;
  GtkWidget *list;

  fixture_open (&fixture, 480);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.view), "view.toggle-chat", NULL));
  troupe_test_wait_until (chat_alone_and_still, &fixture, "the chat on its own");
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      TroupeChatMessage *message;

      for (guint w = 0; w < (i % 3 == 0 ? 120 : 3); w++)
        g_string_append_printf (text, "word%u%u ", i, w);
      message = troupe_chat_message_new (i % 2 ? TROUPE_CHAT_ROLE_CHARACTER : TROUPE_CHAT_ROLE_USER, text->str);
      troupe_chat_message_set_speaker (message, "Ada");
      g_ptr_array_add (messages, message);
    }
  troupe_chat_pane_put_earlier (fixture.pane, (TroupeChatMessage **) messages->pdata, messages->len);
  troupe_test_wait_until (revealed, fixture.pane, "the messages in the conversation");
  troupe_test_ui_wait_for_paint (GTK_WIDGET (fixture.window));
  list = troupe_test_ui_find_by_type (GTK_WIDGET (fixture.pane), GTK_TYPE_LIST_BASE, 0);
  g_assert_cmpuint (check_rows_fit (list), >=, 3);

  adjustment = conversation_adjustment (&fixture);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  troupe_test_ui_wait_for_paint (GTK_WIDGET (fixture.window));
  troupe_test_ui_iterate (100);
  g_assert_cmpuint (check_rows_fit (list), >=, 3);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), "chat-view-rows-of-many-heights"));
  fixture_close (&fixture);
}

/* A session of 300 exchanges goes on: its earlier turns are read back, and
 * the conversation opens at its end (the last reply on screen), not at its
 * first turn with the scrollbar at the end, as GTK 4.8's list view did when
 * the pane set its scrollbar from the list's own layout. A new turn keeps
 * the end in sight as its reply streams in; scrolled up to read, the next
 * turn leaves the view where it is; back at the end, it follows again. */
static void
test_long_session_opens_at_its_end (void)
{
  Fixture fixture = { 0 };
  GListModel *messages;
  g_autoptr(TroupeChatMessage) last = NULL;
  g_autoptr(TroupeChatMessage) first = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *first_text = NULL;
  Shown shown = { &fixture, NULL };
  GtkAdjustment *adjustment;

  fixture_open_with (&fixture, 480, "1:300");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.view), "view.toggle-chat", NULL));
  troupe_test_wait_until (chat_alone_and_still, &fixture, "the chat on its own");
  messages = troupe_chat_pane_get_messages (fixture.pane);
  troupe_test_wait_until (has_600_messages, messages, "the session's 300 earlier exchanges");
  last = g_list_model_get_item (messages, 599);
  shown.text = troupe_chat_message_get_text (last);
  troupe_test_wait_until (text_on_screen, &shown, "the last reply on screen");
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), "chat-view-long-session"));

  send_turn (&fixture, "And after that?");
  g_clear_object (&last);
  last = g_list_model_get_item (messages, g_list_model_get_n_items (messages) - 1);
  reply = g_strdup (troupe_chat_message_get_text (last));
  shown.text = reply;
  troupe_test_wait_until (text_on_screen, &shown, "the new reply on screen");

  /* Sent, then scrolled up to the first exchange while the reply streams
   * in, as a person drags the scrollbar: the words arriving leave the
   * view where it is. (Sending itself goes to the end, as chats do.) */
  adjustment = conversation_adjustment (&fixture);
  first = g_list_model_get_item (messages, 0);
  first_text = g_strdup (troupe_chat_message_get_text (first));
  gtk_text_buffer_set_text (troupe_chat_pane_get_entry_buffer (fixture.pane), "What came first?", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.pane), "chat.send", NULL));
  gtk_adjustment_set_value (adjustment, 0);
  troupe_test_wait_until (pane_idle, fixture.pane, "the reply");
  troupe_test_ui_iterate (300);
  shown.text = first_text;
  g_assert_true (text_on_screen (&shown));
  g_clear_object (&last);
  last = g_list_model_get_item (messages, g_list_model_get_n_items (messages) - 1);
  g_free (reply);
  reply = g_strdup (troupe_chat_message_get_text (last));
  shown.text = reply;
  g_assert_false (text_on_screen (&shown));

  /* Back at the end: the next reply is followed again. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  troupe_test_wait_until (text_on_screen, &shown, "the end on screen again");
  send_turn (&fixture, "And last?");
  g_clear_object (&last);
  last = g_list_model_get_item (messages, g_list_model_get_n_items (messages) - 1);
  g_free (reply);
  reply = g_strdup (troupe_chat_message_get_text (last));
  shown.text = reply;
  troupe_test_wait_until (text_on_screen, &shown, "the last reply on screen again");
  fixture_close (&fixture);
}

static gboolean
has_messages (gpointer data)
{
  return g_list_model_get_n_items (data) > 0;
}

static gboolean
has_602_messages (gpointer data)
{
  return g_list_model_get_n_items (data) >= 602;
}

/* The texts of @session_id's messages as the server keeps them, oldest
 * first. */
static GPtrArray *
session_texts (Fixture    *fixture,
               const char *session_id)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) read = NULL;
  g_autoptr(GListModel) interactions = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  guint skipped = 0;

  convai_client_get_session_skipping_async (fixture->client, convai_character_get_id (fixture->character),
                                            session_id, NULL, troupe_test_result_cb, &slot);
  read = troupe_test_wait_for_result (&slot, "the session");
  interactions = convai_client_get_session_skipping_finish (fixture->client, read, &skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (skipped, ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (interactions); i++)
    {
      g_autoptr(ConvaiInteraction) interaction = g_list_model_get_item (interactions, i);

      for (guint m = 0; m < convai_interaction_get_n_messages (interaction); m++)
        g_ptr_array_add (texts, g_strdup (convai_interaction_get_text (interaction, m)));
    }
  return texts;
}

/* A long session goes into the list a batch a frame, the last turns
 * first. What a person does meanwhile must not mix it up: a turn sent
 * while the earlier ones still go in stays last, and every earlier message
 * lands in the order the server keeps them; New Session while they go in
 * leaves an empty conversation, with nothing of the old one arriving
 * after. */
static void
test_long_session_going_in_then_more (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GPtrArray) expected = NULL;
  g_autofree char *session_id = NULL;
  GListModel *messages;

  fixture_open_with (&fixture, 480, "1:300");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.view), "view.toggle-chat", NULL));
  messages = troupe_chat_pane_get_messages (fixture.pane);
  session_id = g_strdup (troupe_chat_pane_get_session_id (fixture.pane));
  expected = session_texts (&fixture, session_id);
  g_assert_cmpuint (expected->len, ==, 600);

  troupe_test_wait_until (has_messages, messages, "the last turns of the session");
  g_assert_cmpuint (g_list_model_get_n_items (messages), <, 600);
  gtk_text_buffer_set_text (troupe_chat_pane_get_entry_buffer (fixture.pane), "Mid-way?", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.pane), "chat.send", NULL));
  troupe_test_wait_until (pane_idle, fixture.pane, "the reply");
  troupe_test_wait_until (has_602_messages, messages, "the whole session and the new turn");
  troupe_test_ui_iterate (200);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 602);
  for (guint i = 0; i < 602; i++)
    {
      g_autoptr(TroupeChatMessage) message = g_list_model_get_item (messages, i);
      const char *want = i < 600 ? expected->pdata[i] : i == 600 ? "Mid-way?" : NULL;

      if (want != NULL)
        g_assert_cmpstr (troupe_chat_message_get_text (message), ==, want);
      else
        g_assert_cmpuint (troupe_chat_message_get_role (message), ==, TROUPE_CHAT_ROLE_CHARACTER);
    }

  /* The long session again (from History's Continue in Chat), and New
   * Session before it is all in. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.pane), "chat.new-session", NULL));
  troupe_chat_pane_continue_session (fixture.pane, session_id);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 0);
  troupe_test_wait_until (has_messages, messages, "the last turns of the session again");
  g_assert_cmpuint (g_list_model_get_n_items (messages), <, 602);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.pane), "chat.new-session", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 0);
  troupe_test_ui_iterate (500);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 0);
  g_assert_null (troupe_chat_pane_get_session_id (fixture.pane));
  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  troupe_test_ui_init (&argc, &argv);
  gst_init (&argc, &argv);

  g_test_add_func ("/troupe/chat-view/beside-the-pages-when-wide", test_beside_the_pages_when_wide);
  g_test_add_func ("/troupe/chat-view/folds-to-its-own-view-when-narrow", test_folds_to_its_own_view_when_narrow);
  g_test_add_func ("/troupe/chat-view/long-session-opens-at-its-end", test_long_session_opens_at_its_end);
  g_test_add_func ("/troupe/chat-view/long-session-going-in-then-more", test_long_session_going_in_then_more);
  g_test_add_func ("/troupe/chat-view/rows-as-tall-as-their-words", test_rows_as_tall_as_their_words);

  return g_test_run ();
}
