/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The live chat pane against a real troupe-sandbox, driven through its
 * actions and models: typed and streamed turns, starters, sessions kept
 * across a restart, New Session, and each fault the sandbox can inject. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "troupe-chat-message.h"
#include "troupe-chat-pane.h"
#include "troupe-chat-pane-private.h"
#include "troupe-chat-row.h"
#include "troupe-character-page.h"
#include "troupe-character-view.h"
#include "troupe-chat-sessions.h"
#include "troupe-context.h"
#include "troupe-test-sandbox.h"
#include "troupe-test-ui.h"

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

static gboolean
pane_idle (gpointer data)
{
  return !troupe_chat_pane_get_busy (data);
}

static gboolean
has_two_messages (gpointer data)
{
  return g_list_model_get_n_items (troupe_chat_pane_get_messages (data)) == 2;
}

static gboolean
has_starters (gpointer data)
{
  return troupe_chat_pane_get_starters (data)[0] != NULL;
}

static gboolean
player_silent (gpointer data)
{
  return !troupe_stream_player_get_playing (data);
}

static gboolean
has_message (gpointer data)
{
  return g_list_model_get_n_items (troupe_chat_pane_get_messages (data)) > 0;
}

static gboolean
has_four_messages (gpointer data)
{
  return g_list_model_get_n_items (troupe_chat_pane_get_messages (data)) >= 4;
}

static gboolean
has_six_messages (gpointer data)
{
  return g_list_model_get_n_items (troupe_chat_pane_get_messages (data)) >= 6;
}

static gboolean
sessions_idle (gpointer data)
{
  return !troupe_chat_sessions_is_busy (data);
}

static ConvaiCharacter *
create_character (ConvaiClient *client)
{
  g_autoptr(GAsyncResult) created = NULL, fetched = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  ConvaiCharacter *character;

  convai_client_create_character_async (client, "Ada", "FEMALE",
                                        "Ada is a mathematician who loves engines and poetry.",
                                        NULL, NULL, result_cb, &created);
  wait_until (has_result, &created, "create");
  id = convai_client_create_character_finish (client, created, &error);
  g_assert_no_error (error);
  convai_client_get_character_async (client, id, NULL, result_cb, &fetched);
  wait_until (has_result, &fetched, "get");
  character = convai_client_get_character_finish (client, fetched, &error);
  g_assert_no_error (error);
  return character;
}

/* A pane in a window of its own, talking to one sandbox. */
typedef struct
{
  TroupeTestSandbox  *sandbox;
  ConvaiClient       *client;
  TroupeContext      *context;
  TroupeChatSessions *sessions;
  ConvaiCharacter    *character;
  GtkWindow          *window;
  TroupeChatPane     *pane;
} Fixture;

static TroupeChatSessions *
sessions_new (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "troupe", "chat-sessions", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return troupe_chat_sessions_new (file);
}

static void
fixture_open_pane (Fixture *fixture,
                   int      width)
{
  fixture->pane = troupe_chat_pane_new_with_sessions (fixture->context, fixture->sessions);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, width, 640);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->pane));
  gtk_window_present (fixture->window);
  troupe_chat_pane_set_character (fixture->pane, fixture->character);
  troupe_test_ui_wait_for_paint (GTK_WIDGET (fixture->window));
}

static void
fixture_close_pane (Fixture *fixture)
{
  gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  fixture->pane = NULL;
}

static void
fixture_open (Fixture            *fixture,
              const char * const *sandbox_args)
{
  fixture->sandbox = troupe_test_sandbox_start (sandbox_args);
  fixture->client = convai_client_new (fixture->sandbox->base_url, fixture->sandbox->api_key);
  fixture->context = troupe_context_new ();
  troupe_context_set_client (fixture->context, fixture->client);
  fixture->sessions = sessions_new ();
  fixture->character = create_character (fixture->client);
  fixture_open_pane (fixture, 400);
  /* Only the tests that listen get a real sink; the rest hear nothing. */
  troupe_stream_player_set_sink (troupe_chat_pane_get_player (fixture->pane), "fakesink");
}

static void
fixture_close (Fixture *fixture)
{
  if (fixture->window != NULL)
    fixture_close_pane (fixture);
  wait_until (sessions_idle, fixture->sessions, "the sessions to be written");
  g_clear_object (&fixture->sessions);
  g_clear_object (&fixture->character);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->sandbox, troupe_test_sandbox_stop);
}

static char *
entry_text (TroupeChatPane *pane)
{
  GtkTextBuffer *buffer = troupe_chat_pane_get_entry_buffer (pane);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
type_and_send (TroupeChatPane *pane,
               const char     *text)
{
  gtk_text_buffer_set_text (troupe_chat_pane_get_entry_buffer (pane), text, -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "chat.send", NULL));
}

static TroupeChatMessage *
message_at (TroupeChatPane *pane,
            guint           position)
{
  GListModel *messages = troupe_chat_pane_get_messages (pane);
  g_autoptr(TroupeChatMessage) message = g_list_model_get_item (messages, position);

  g_assert_nonnull (message);
  return message;   /* the model keeps it */
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

/* ---- the tests ---- */

static void
test_typed_turn_streams (void)
{
  Fixture fixture = { 0 };
  TroupeChatMessage *said, *reply;
  g_autofree char *left = NULL;
  guint updates = 0;

  fixture_open (&fixture, NULL);
  /* An empty session offers starters as buttons. */
  wait_until (has_starters, fixture.pane, "the conversation starters");
  g_assert_null (troupe_chat_pane_get_session_id (fixture.pane));
  troupe_test_ui_iterate (200);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), "chat-empty-starters"));

  type_and_send (fixture.pane, "Hello Ada, what are you working on?");
  g_assert_true (troupe_chat_pane_get_busy (fixture.pane));
  g_assert_cmpstr (troupe_chat_pane_get_status (fixture.pane), ==, "Thinking…");
  left = entry_text (fixture.pane);
  g_assert_cmpstr (left, ==, "");
  reply = message_at (fixture.pane, 1);
  g_assert_cmpint (troupe_chat_message_get_state (reply), ==, TROUPE_CHAT_MESSAGE_STREAMING);
  g_signal_connect (reply, "notify::text", G_CALLBACK (count_cb), &updates);
  /* The starters went with the empty session. */
  g_assert_null (troupe_chat_pane_get_starters (fixture.pane)[0]);
  wait_until (pane_idle, fixture.pane, "the reply");

  said = message_at (fixture.pane, 0);
  g_assert_cmpuint (g_list_model_get_n_items (troupe_chat_pane_get_messages (fixture.pane)), ==, 2);
  g_assert_cmpint (troupe_chat_message_get_role (said), ==, TROUPE_CHAT_ROLE_USER);
  g_assert_cmpstr (troupe_chat_message_get_text (said), ==, "Hello Ada, what are you working on?");
  g_assert_cmpint (troupe_chat_message_get_role (reply), ==, TROUPE_CHAT_ROLE_CHARACTER);
  g_assert_cmpint (troupe_chat_message_get_state (reply), ==, TROUPE_CHAT_MESSAGE_DONE);
  g_assert_cmpstr (troupe_chat_message_get_text (reply), !=, "");
  /* Word by word as the events came, not once at the end. */
  g_assert_cmpuint (updates, >, 1);
  g_assert_cmpint (troupe_chat_message_get_first_word_ms (reply), >=, 0);
  g_assert_nonnull (troupe_chat_pane_get_session_id (fixture.pane));
  g_assert_null (troupe_chat_pane_get_problem (fixture.pane));
  wait_until (player_silent, troupe_chat_pane_get_player (fixture.pane), "the voice to end");
  g_assert_null (troupe_chat_pane_get_status (fixture.pane));
  troupe_test_ui_iterate (200);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), "chat-conversation"));

  fixture_close (&fixture);
}

static void
test_starter_sends_itself (void)
{
  Fixture fixture = { 0 };
  g_autofree char *starter = NULL;

  fixture_open (&fixture, NULL);
  wait_until (has_starters, fixture.pane, "the conversation starters");
  starter = g_strdup (troupe_chat_pane_get_starters (fixture.pane)[0]);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.pane), "chat.send-starter", "s", starter));
  wait_until (pane_idle, fixture.pane, "the reply");
  g_assert_cmpstr (troupe_chat_message_get_text (message_at (fixture.pane, 0)), ==, starter);
  g_assert_cmpstr (troupe_chat_message_get_text (message_at (fixture.pane, 1)), !=, "");
  fixture_close (&fixture);
}

static void
test_session_survives_restart_and_new_session (void)
{
  Fixture fixture = { 0 };
  g_autofree char *session = NULL;
  g_autofree char *first_reply = NULL;

  fixture_open (&fixture, NULL);
  type_and_send (fixture.pane, "Remember the number seven.");
  wait_until (pane_idle, fixture.pane, "the reply");
  /* Streamed word by word, the reply ends in the space after its last word. */
  first_reply = g_strchomp (g_strdup (troupe_chat_message_get_text (message_at (fixture.pane, 1))));
  session = g_strdup (troupe_chat_pane_get_session_id (fixture.pane));
  g_assert_nonnull (session);

  /* A restart: a new pane over what is on disk. */
  fixture_close_pane (&fixture);
  wait_until (sessions_idle, fixture.sessions, "the sessions to be written");
  g_clear_object (&fixture.sessions);
  fixture.sessions = sessions_new ();
  fixture_open_pane (&fixture, 400);
  g_assert_cmpstr (troupe_chat_pane_get_session_id (fixture.pane), ==, session);
  /* The earlier turn is read back from the chat history and shown. */
  wait_until (has_two_messages, fixture.pane, "the earlier turn of the session");
  g_assert_cmpint (troupe_chat_message_get_role (message_at (fixture.pane, 0)), ==, TROUPE_CHAT_ROLE_USER);
  g_assert_cmpstr (troupe_chat_message_get_text (message_at (fixture.pane, 0)), ==, "Remember the number seven.");
  g_assert_cmpint (troupe_chat_message_get_role (message_at (fixture.pane, 1)), ==, TROUPE_CHAT_ROLE_CHARACTER);
  g_assert_cmpstr (troupe_chat_message_get_text (message_at (fixture.pane, 1)), ==, first_reply);
  troupe_test_ui_wait_for_paint (GTK_WIDGET (fixture.window));
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), "chat-restored-session"));
  /* Not an empty session: no starters are asked for. */
  troupe_test_ui_iterate (300);
  g_assert_null (troupe_chat_pane_get_starters (fixture.pane)[0]);
  g_assert_cmpuint (g_list_model_get_n_items (troupe_chat_pane_get_messages (fixture.pane)), ==, 2);
  type_and_send (fixture.pane, "Which number?");
  wait_until (pane_idle, fixture.pane, "the reply");
  g_assert_cmpstr (troupe_chat_pane_get_session_id (fixture.pane), ==, session);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.pane), "chat.new-session", NULL));
  g_assert_null (troupe_chat_pane_get_session_id (fixture.pane));
  g_assert_cmpuint (g_list_model_get_n_items (troupe_chat_pane_get_messages (fixture.pane)), ==, 0);
  wait_until (has_starters, fixture.pane, "the starters of the new session");
  type_and_send (fixture.pane, "Hello again.");
  wait_until (pane_idle, fixture.pane, "the reply");
  g_assert_nonnull (troupe_chat_pane_get_session_id (fixture.pane));
  g_assert_cmpstr (troupe_chat_pane_get_session_id (fixture.pane), !=, session);
  fixture_close (&fixture);
}

static void
test_cut_stream_keeps_partial_with_retry (void)
{
  const char *args[] = { "--fault-cut-stream", "3", NULL };
  Fixture fixture = { 0 };
  TroupeChatMessage *reply;

  fixture_open (&fixture, args);
  type_and_send (fixture.pane, "Tell me a long story about the Analytical Engine.");
  wait_until (pane_idle, fixture.pane, "the cut reply");
  reply = message_at (fixture.pane, 1);
  g_assert_cmpint (troupe_chat_message_get_state (reply), ==, TROUPE_CHAT_MESSAGE_INTERRUPTED);
  g_assert_cmpstr (troupe_chat_message_get_text (reply), !=, "");
  g_assert_nonnull (troupe_chat_pane_get_problem (fixture.pane));
  troupe_test_ui_iterate (200);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), "chat-interrupted"));

  /* Retry asks again with the same words. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.pane), "chat.retry", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (troupe_chat_pane_get_messages (fixture.pane)), ==, 4);
  g_assert_cmpstr (troupe_chat_message_get_text (message_at (fixture.pane, 2)), ==,
                   "Tell me a long story about the Analytical Engine.");
  wait_until (pane_idle, fixture.pane, "the retried reply");
  fixture_close (&fixture);
}

/* An unreadable event in the stream: skipped, the reply goes on and ends
 * well, and the row says a part could not be read. */
static void
test_malformed_event_is_noted (void)
{
  const char *args[] = { "--fault-malformed-event", "2", NULL };
  Fixture fixture = { 0 };
  TroupeChatMessage *reply;
  g_autoptr(TroupeChatRow) row = g_object_ref_sink (troupe_chat_row_new ());

  fixture_open (&fixture, args);
  type_and_send (fixture.pane, "Tell me about the Analytical Engine.");
  wait_until (pane_idle, fixture.pane, "the reply");
  reply = message_at (fixture.pane, 1);
  g_assert_cmpint (troupe_chat_message_get_state (reply), ==, TROUPE_CHAT_MESSAGE_DONE);
  g_assert_null (troupe_chat_pane_get_problem (fixture.pane));
  g_assert_null (strstr (troupe_chat_message_get_text (reply), "unfinished"));
  g_assert_cmpuint (troupe_chat_message_get_n_skipped (reply), ==, 1);
  troupe_chat_row_set_message (row, reply);
  g_assert_nonnull (strstr (troupe_chat_row_get_note (row), "1 part of this reply could not be read"));
  troupe_chat_row_set_message (row, NULL);
  /* A reply read whole says nothing of the kind. */
  g_assert_cmpuint (troupe_chat_message_get_n_skipped (message_at (fixture.pane, 0)), ==, 0);
  troupe_test_ui_iterate (200);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), "chat-malformed-event"));
  fixture_close (&fixture);
}

static void
refused_turn_keeps_the_message (const char *status)
{
  g_autofree char *spec = g_strdup_printf ("character/getResponse:%s", status);
  const char *args[] = { "--fault-status", spec, NULL };
  Fixture fixture = { 0 };
  g_autofree char *left = NULL;
  g_autofree char *name = g_strdup_printf ("chat-refused-%s", status);

  fixture_open (&fixture, args);
  type_and_send (fixture.pane, "Are you there?");
  wait_until (pane_idle, fixture.pane, "the refusal");
  left = entry_text (fixture.pane);
  g_assert_cmpstr (left, ==, "Are you there?");
  g_assert_cmpuint (g_list_model_get_n_items (troupe_chat_pane_get_messages (fixture.pane)), ==, 0);
  g_assert_nonnull (troupe_chat_pane_get_problem (fixture.pane));
  g_assert_nonnull (strstr (troupe_chat_pane_get_problem (fixture.pane), "could not answer"));
  troupe_test_ui_iterate (200);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), name));
  fixture_close (&fixture);
}

static void
test_429_keeps_the_message (void)
{
  refused_turn_keeps_the_message ("429");
}

static void
test_500_keeps_the_message (void)
{
  refused_turn_keeps_the_message ("500");
}

/* A reply that is not what the API sends (a proxy's error page with a 200)
 * is told, and the typed message is kept. */
static void
test_garbage_reply_keeps_the_message (void)
{
  const char *args[] = { "--fault-garbage", "/character/getResponse", NULL };
  Fixture fixture = { 0 };
  g_autofree char *left = NULL;

  fixture_open (&fixture, args);
  type_and_send (fixture.pane, "Hello?");
  wait_until (pane_idle, fixture.pane, "the garbage reply");
  left = entry_text (fixture.pane);
  g_assert_cmpstr (left, ==, "Hello?");
  g_test_message ("%s", troupe_chat_pane_get_problem (fixture.pane));
  g_assert_nonnull (troupe_chat_pane_get_problem (fixture.pane));
  g_assert_cmpuint (g_list_model_get_n_items (troupe_chat_pane_get_messages (fixture.pane)), ==, 0);
  fixture_close (&fixture);
}

static void
test_slow_first_byte_thinks_and_cancels (void)
{
  const char *args[] = { "--fault-delay-ms", "4000", NULL };
  Fixture fixture = { 0 };
  g_autofree char *left = NULL;

  fixture_open (&fixture, args);
  type_and_send (fixture.pane, "Take your time.");
  troupe_test_ui_iterate (500);
  g_assert_true (troupe_chat_pane_get_busy (fixture.pane));
  g_assert_cmpstr (troupe_chat_pane_get_status (fixture.pane), ==, "Thinking…");
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), "chat-thinking"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.pane), "chat.cancel", NULL));
  wait_until (pane_idle, fixture.pane, "the cancel");
  g_assert_null (troupe_chat_pane_get_status (fixture.pane));
  left = entry_text (fixture.pane);
  g_assert_cmpstr (left, ==, "Take your time.");
  g_assert_cmpuint (g_list_model_get_n_items (troupe_chat_pane_get_messages (fixture.pane)), ==, 0);
  fixture_close (&fixture);
}

static guint32
le32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

/* The voice is played as it streams, to a sink that writes a WAV: the file
 * holds the reply's speech (16-bit, the sandbox's rate, not silence). */
static void
test_spoken_reply_played_to_a_wav (void)
{
  Fixture fixture = { 0 };
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "spoken.wav", NULL);
  g_autofree char *sink = g_strdup_printf ("wavenc ! filesink location=\"%s\"", path);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  TroupeStreamPlayer *player;
  TroupeChatMessage *reply;
  gboolean was_speaking = FALSE;
  gsize len = 0;
  guint32 data_len, nonzero = 0;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  fixture_open (&fixture, NULL);
  player = troupe_chat_pane_get_player (fixture.pane);
  troupe_stream_player_set_sink (player, sink);
  type_and_send (fixture.pane, "Say something about engines.");
  wait_until (pane_idle, fixture.pane, "the reply");
  reply = message_at (fixture.pane, 1);
  /* The words are all in; the voice may still be going. */
  if (troupe_stream_player_get_playing (player))
    {
      was_speaking = TRUE;
      g_assert_cmpstr (troupe_chat_pane_get_status (fixture.pane), ==, "Speaking…");
      troupe_test_ui_iterate (100);
      g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), "chat-speaking"));
    }
  wait_until (player_silent, player, "the voice to end");
  g_test_message ("speaking after the words: %d", was_speaking);
  g_assert_cmpint (troupe_chat_message_get_first_sound_ms (reply), >=, 0);

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 44);
  g_assert_cmpmem (contents, 4, "RIFF", 4);
  g_assert_cmpmem (contents + 36, 4, "data", 4);
  g_assert_cmpuint (le32 ((guint8 *) contents + 24), ==, 22050);  /* the sandbox's voice */
  data_len = le32 ((guint8 *) contents + 40);
  /* At least a fifth of a second of speech, and not silence. */
  g_assert_cmpuint (data_len, >=, 22050 * 2 / 5);
  for (gsize i = 44; i + 1 < len; i += 2)
    nonzero += contents[i] != 0 || contents[i + 1] != 0;
  g_assert_cmpuint (nonzero, >, data_len / 8);
  fixture_close (&fixture);
}

/* Stop Speaking silences the voice at once; speaking off asks for none. */
static void
test_stop_speaking_and_speak_off (void)
{
  Fixture fixture = { 0 };
  TroupeStreamPlayer *player;

  fixture_open (&fixture, NULL);
  player = troupe_chat_pane_get_player (fixture.pane);
  troupe_stream_player_set_sink (player, "fakesink sync=true");
  type_and_send (fixture.pane, "Tell me everything about the Analytical Engine, at length.");
  wait_until (pane_idle, fixture.pane, "the reply");
  if (troupe_stream_player_get_playing (player))
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.pane), "chat.stop-speaking", NULL));
      g_assert_false (troupe_stream_player_get_playing (player));
      g_assert_null (troupe_chat_pane_get_status (fixture.pane));
    }
  troupe_chat_pane_set_speak_replies (fixture.pane, FALSE);
  type_and_send (fixture.pane, "And briefly?");
  wait_until (pane_idle, fixture.pane, "the unspoken reply");
  g_assert_false (troupe_stream_player_get_playing (player));
  g_assert_cmpint (troupe_chat_message_get_first_sound_ms (message_at (fixture.pane, 3)), ==, -1);
  fixture_close (&fixture);
}

static gboolean
message_or_problem (gpointer data)
{
  return has_message (data) || troupe_chat_pane_get_problem (data) != NULL;
}

static gboolean
has_problem (gpointer data)
{
  return troupe_chat_pane_get_problem (data) != NULL;
}

/* Xvfb runs no window manager: X gives the focus to whatever window is
 * under the pointer, so a test window loses it at random, and the pane
 * rightly stops listening when it does. Tests that are about something
 * else stop the pane watching the focus once it started listening. */
static void
start_talking (TroupeChatPane *pane)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "chat.start-talking", NULL));
  if (pane->active_window != NULL)
    {
      g_clear_signal_handler (&pane->active_handler, pane->active_window);
      g_clear_object (&pane->active_window);
    }
}

/* A phrase spoken by espeak into a WAV file: what a microphone would have
 * heard. */
static char *
spoken_wav (const char *phrase)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "question.wav", NULL);
  g_autofree char *description =
    g_strdup_printf ("espeak text=\"%s\" voice=en-us ! audioconvert ! audioresample ! "
                     "audio/x-raw,format=S16LE,channels=1,rate=16000 ! wavenc ! filesink location=\"%s\"",
                     phrase, path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 20 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return g_steal_pointer (&path);
}

/* A spoken turn through the real recording pipeline, fed from a WAV file
 * instead of a microphone: the sandbox transcribes it, the words appear as
 * the user's message and the character answers. */
static void
test_push_to_talk_from_a_wav (void)
{
  Fixture fixture = { 0 };
  g_autofree char *wav = spoken_wav ("tell me about your poetry");
  g_autofree char *source = g_strdup_printf ("filesrc location=\"%s\" ! wavparse", wav);
  TroupeChatMessage *said;

  fixture_open (&fixture, NULL);
  troupe_recorder_set_source (fixture.pane->recorder, source);
  start_talking (fixture.pane);
  /* The file ends by itself, as a released key would end the turn. */
  wait_until (message_or_problem, fixture.pane, "the spoken turn to be sent");
  g_assert_cmpstr (troupe_chat_pane_get_problem (fixture.pane), ==, NULL);
  said = message_at (fixture.pane, 0);
  wait_until (pane_idle, fixture.pane, "the reply");
  g_test_message ("heard: %s", troupe_chat_message_get_text (said));
  g_assert_cmpint (troupe_chat_message_get_state (said), ==, TROUPE_CHAT_MESSAGE_DONE);
  g_assert_nonnull (strstr (troupe_chat_message_get_text (said), "poetry"));
  g_assert_cmpstr (troupe_chat_message_get_text (message_at (fixture.pane, 1)), !=, "");
  g_assert_null (troupe_chat_pane_get_problem (fixture.pane));
  fixture_close (&fixture);
}

static gboolean
not_listening (gpointer data)
{
  return g_strcmp0 (troupe_chat_pane_get_status (data), "Listening…") != 0;
}

/* A turn that goes on past the cap is sent at the cap, as if the key had
 * been released then. The cap is 60 s; the test shortens it. */
static void
test_turn_is_capped (void)
{
  Fixture fixture = { 0 };
  gint64 started, took;

  fixture_open (&fixture, NULL);
  g_assert_cmpuint (troupe_chat_pane_get_talk_cap_ms (fixture.pane), ==, 60000);
  troupe_chat_pane_set_talk_cap_ms (fixture.pane, 1000);
  /* A voice that never ends by itself. */
  troupe_recorder_set_source (fixture.pane->recorder, "audiotestsrc wave=sine freq=300 volume=0.4 is-live=true");
  started = g_get_monotonic_time ();
  start_talking (fixture.pane);
  g_assert_cmpstr (troupe_chat_pane_get_status (fixture.pane), ==, "Listening…");
  wait_until (not_listening, fixture.pane, "the cap to end the turn");
  took = (g_get_monotonic_time () - started) / 1000;
  g_test_message ("the turn ended after %" G_GINT64_FORMAT " ms", took);
  g_assert_cmpint (took, >=, 950);
  g_assert_cmpint (took, <, 4000);
  /* Sent, not dropped: the turn goes to the server and comes back. */
  wait_until (message_or_problem, fixture.pane, "the capped turn to be sent");
  wait_until (pane_idle, fixture.pane, "the reply");
  if (troupe_chat_pane_get_problem (fixture.pane) != NULL)
    g_assert_null (strstr (troupe_chat_pane_get_problem (fixture.pane), "focus"));
  else
    g_assert_cmpuint (g_list_model_get_n_items (troupe_chat_pane_get_messages (fixture.pane)), >=, 1);
  fixture_close (&fixture);
}

static gboolean
window_active (gpointer data)
{
  return gtk_window_is_active (data);
}

/* Losing the window's focus while listening stops listening and sends
 * nothing: the key's release would never come back to this window. */
static void
test_focus_loss_stops_listening (void)
{
  Fixture fixture = { 0 };
  GtkWindow *other;
  gint64 deadline;

  fixture_open (&fixture, NULL);
  troupe_recorder_set_source (fixture.pane->recorder, "audiotestsrc wave=sine freq=300 volume=0.4 is-live=true");
  /* Xvfb has no window manager: present asks X for the focus directly. */
  gtk_window_present (fixture.window);
  deadline = g_get_monotonic_time () + troupe_test_timeout_usec (3);
  while (!window_active (fixture.window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  if (!window_active (fixture.window))
    {
      g_test_skip ("the X server never gave the test window the focus");
      fixture_close (&fixture);
      return;
    }
  /* The action itself, so the pane watches the focus. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.pane), "chat.start-talking", NULL));
  g_assert_cmpstr (troupe_chat_pane_get_status (fixture.pane), ==, "Listening…");
  other = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (other, "Another window");
  gtk_window_present (other);
  wait_until (has_problem, fixture.pane, "the focus loss to stop listening");
  g_assert_nonnull (strstr (troupe_chat_pane_get_problem (fixture.pane), "lost the focus"));
  g_assert_null (troupe_chat_pane_get_status (fixture.pane));
  g_assert_false (troupe_recorder_get_recording (fixture.pane->recorder));
  troupe_test_ui_iterate (300);
  g_assert_cmpuint (g_list_model_get_n_items (troupe_chat_pane_get_messages (fixture.pane)), ==, 0);
  gtk_window_destroy (other);
  fixture_close (&fixture);
}

/* A source that gives only silence (as the default one does with no sound
 * server) is told within about a second, and nothing is sent. */
static void
test_silent_microphone_is_told (void)
{
  Fixture fixture = { 0 };
  gint64 started;

  fixture_open (&fixture, NULL);
  troupe_recorder_set_source (fixture.pane->recorder, "audiotestsrc wave=silence is-live=true");
  started = g_get_monotonic_time ();
  start_talking (fixture.pane);
  g_assert_cmpstr (troupe_chat_pane_get_status (fixture.pane), ==, "Listening…");
  troupe_test_ui_iterate (300);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), "chat-listening"));
  wait_until (has_problem, fixture.pane, "the silence to be told");
  g_test_message ("silence told after %" G_GINT64_FORMAT " ms: %s", (g_get_monotonic_time () - started) / 1000,
                  troupe_chat_pane_get_problem (fixture.pane));
  g_assert_cmpint (g_get_monotonic_time () - started, <, 1500 * 1000);
  g_assert_nonnull (strstr (troupe_chat_pane_get_problem (fixture.pane), "silence"));
  g_assert_cmpuint (g_list_model_get_n_items (troupe_chat_pane_get_messages (fixture.pane)), ==, 0);
  g_assert_null (troupe_chat_pane_get_status (fixture.pane));
  troupe_test_ui_iterate (100);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), "chat-no-microphone"));
  fixture_close (&fixture);
}

/* A microphone that cannot be opened is told at once. */
static void
test_no_microphone_is_told (void)
{
  Fixture fixture = { 0 };

  fixture_open (&fixture, NULL);
  troupe_recorder_set_source (fixture.pane->recorder, "pulsesrc server=unix:/nonexistent/pulse");
  start_talking (fixture.pane);
  wait_until (has_problem, fixture.pane, "the missing microphone to be told");
  g_test_message ("%s", troupe_chat_pane_get_problem (fixture.pane));
  g_assert_nonnull (strstr (troupe_chat_pane_get_problem (fixture.pane), "microphone"));
  g_assert_cmpuint (g_list_model_get_n_items (troupe_chat_pane_get_messages (fixture.pane)), ==, 0);
  g_assert_false (troupe_recorder_get_recording (fixture.pane->recorder));

  /* A source GStreamer does not have says what to install. */
  troupe_recorder_set_source (fixture.pane->recorder, "troupenosuchsrc");
  gtk_widget_activate_action (GTK_WIDGET (fixture.pane), "chat.start-talking", NULL);
  g_assert_nonnull (strstr (troupe_chat_pane_get_problem (fixture.pane), "install"));
  g_assert_false (troupe_recorder_get_recording (fixture.pane->recorder));
  fixture_close (&fixture);
}

/* A message's Copy button puts its words on the clipboard. */
static void
test_copy_a_message (void)
{
  g_autoptr(TroupeChatMessage) message = troupe_chat_message_new (TROUPE_CHAT_ROLE_CHARACTER, "Engines weave algebra.");
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  TroupeChatRow *row = troupe_chat_row_new ();
  GtkWidget *button = NULL;
  GdkContentProvider *content;
  GValue value = G_VALUE_INIT;
  g_autofree char *copied = NULL;

  gtk_window_set_child (window, GTK_WIDGET (row));
  gtk_window_present (window);
  troupe_chat_row_set_message (row, message);
  troupe_test_ui_wait_for_paint (GTK_WIDGET (window));
  for (GtkWidget *w = GTK_WIDGET (row); w != NULL && button == NULL; )
    {
      /* The row's only button, depth first. */
      if (GTK_IS_BUTTON (w) && w != GTK_WIDGET (row))
        button = w;
      else if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w != NULL ? gtk_widget_get_next_sibling (w) : NULL;
        }
    }
  g_assert_nonnull (button);
  /* Activating a button clicks it a moment later, as a key press does. */
  gtk_widget_activate (button);
  troupe_test_ui_iterate (400);
  /* Read back what this process put there, without an X round trip. */
  content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (row)));
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  copied = g_value_dup_string (&value);
  g_value_unset (&value);
  g_assert_cmpstr (copied, ==, "Engines weave algebra.");
  gtk_window_destroy (window);
}

/* The words of the labels under @row, in order, joined by @separator. */
static char *
row_words (TroupeChatRow *row,
           const char    *separator)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  GtkWidget *label;

  /* The speaker's label first, the note's last: the words are between. */
  for (guint n = 1; (label = troupe_test_ui_find_by_type (GTK_WIDGET (row), GTK_TYPE_LABEL, n)) != NULL; n++)
    if (gtk_widget_get_visible (label) && !gtk_widget_has_css_class (label, "caption"))
      g_ptr_array_add (parts, (gpointer) gtk_label_get_text (GTK_LABEL (label)));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (separator, (char **) parts->pdata);
}

/* A long reply streamed word by word is shown as settled passages and the
 * part still arriving (only that part is laid out again per frame): every
 * word shows, in order, in the row's order of labels; the row given a
 * short message afterwards shows only that. */
static void
test_long_reply_in_passages (void)
{
  g_autoptr(TroupeChatMessage) reply = troupe_chat_message_new (TROUPE_CHAT_ROLE_CHARACTER, "");
  g_autoptr(TroupeChatMessage) other = troupe_chat_message_new (TROUPE_CHAT_ROLE_USER, "And then?");
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  TroupeChatRow *row = troupe_chat_row_new ();
  g_autofree char *shown = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *after = NULL;
  guint n_labels = 0;

  gtk_window_set_default_size (window, 420, 600);
  gtk_window_set_child (window, GTK_WIDGET (row));
  gtk_window_present (window);
  troupe_chat_message_set_speaker (reply, "Ada");
  troupe_chat_message_set_state (reply, TROUPE_CHAT_MESSAGE_STREAMING);
  troupe_chat_row_set_message (row, reply);
  troupe_test_ui_wait_for_paint (GTK_WIDGET (window));
  for (guint i = 0; i < 400; i++)
    {
      g_string_append_printf (text, "word%u%s", i, i % 25 == 24 ? ". " : " ");
      troupe_chat_message_set_text (reply, text->str);
      if (i % 40 == 0)
        troupe_test_ui_wait_for_paint (GTK_WIDGET (window));
    }
  troupe_chat_message_set_state (reply, TROUPE_CHAT_MESSAGE_DONE);
  troupe_test_ui_wait_for_paint (GTK_WIDGET (window));

  /* Passages are cut after a sentence, so joined by a space they are the text. */
  shown = row_words (row, " ");
  g_strchomp (shown);
  flat = g_strdup (text->str);
  g_strchomp (flat);
  g_assert_cmpstr (shown, ==, flat);
  for (GtkWidget *label; (label = troupe_test_ui_find_by_type (GTK_WIDGET (row), GTK_TYPE_LABEL, n_labels)) != NULL; )
    n_labels++;
  /* The speaker, four or more passages, the note (hidden). */
  g_assert_cmpuint (n_labels, >=, 6);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (window), "chat-row-long-reply"));

  troupe_chat_row_set_message (row, other);
  troupe_test_ui_wait_for_paint (GTK_WIDGET (window));
  after = row_words (row, " ");
  g_assert_cmpstr (after, ==, "And then?");
  gtk_window_destroy (window);
}

/* The pane in the character view's flap: the view's toggle shows it, and
 * it follows the view's character. Rendered wide and narrow. */
static void
test_pane_in_the_character_view (void)
{
  Fixture fixture = { 0 };
  TroupeCharacterView *view;
  TroupeCharacterPage *page;
  TroupeChatPane *pane;
  GtkWindow *window;

  fixture_open (&fixture, NULL);
  fixture_close_pane (&fixture);
  view = troupe_character_view_new ();
  page = troupe_character_page_new (fixture.context);
  troupe_character_view_add_page (view, TROUPE_PAGE (page), "character", "Character", NULL);
  pane = troupe_chat_pane_new_with_sessions (fixture.context, fixture.sessions);
  troupe_stream_player_set_sink (troupe_chat_pane_get_player (pane), "fakesink");
  troupe_character_view_set_chat (view, GTK_WIDGET (pane));
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1280, 760);
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  troupe_character_view_set_character (view, fixture.character);
  g_assert_true (troupe_chat_pane_get_character (pane) == fixture.character);
  g_assert_false (troupe_character_view_get_chat_shown (view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.toggle-chat", NULL));
  g_assert_true (troupe_character_view_get_chat_shown (view));
  wait_until (has_starters, pane, "the conversation starters");
  type_and_send (pane, "Hello from the character view.");
  wait_until (pane_idle, pane, "the reply");
  troupe_test_ui_iterate (400);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (window), "chat-in-view-wide"));
  gtk_window_set_default_size (window, 620, 760);
  troupe_test_ui_iterate (600);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (window), "chat-in-view-narrow"));
  gtk_window_set_default_size (window, 360, 760);
  troupe_test_ui_iterate (600);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (window), "chat-in-view-360"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.toggle-chat", NULL));
  g_assert_false (troupe_character_view_get_chat_shown (view));
  gtk_window_destroy (window);
  fixture_close (&fixture);
}

/* The key controller of @widget that has a "key-pressed" handler of ours. */
static GtkEventController *
key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        return controller;   /* the widget keeps it */
    }
  g_assert_not_reached ();
}

static gboolean
press (GtkEventController *keys,
       guint               keyval,
       GdkModifierType     state)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, state, &handled);
  return handled;
}

/* Enter sends, Shift+Enter does not; Space (entry unfocused) held starts
 * listening once however often the key repeats, and its release ends the
 * turn; Ctrl+Space is not push-to-talk. Keys go through the pane's own
 * key controllers (GTK 4.8 cannot inject key events). */
static void
test_keys (void)
{
  Fixture fixture = { 0 };
  GtkEventController *entry_keys, *pane_keys;
  TroupeChatPane *pane;

  fixture_open (&fixture, NULL);
  pane = fixture.pane;
  entry_keys = key_controller (GTK_WIDGET (pane->entry));
  pane_keys = key_controller (GTK_WIDGET (pane));

  gtk_text_buffer_set_text (troupe_chat_pane_get_entry_buffer (pane), "First line", -1);
  g_assert_false (press (entry_keys, GDK_KEY_Return, GDK_SHIFT_MASK));
  g_assert_false (troupe_chat_pane_get_busy (pane));
  g_assert_true (press (entry_keys, GDK_KEY_Return, 0));
  g_assert_true (troupe_chat_pane_get_busy (pane));
  wait_until (pane_idle, pane, "the reply");
  g_assert_cmpstr (troupe_chat_message_get_text (message_at (pane, 0)), ==, "First line");

  troupe_recorder_set_source (pane->recorder, "audiotestsrc is-live=true wave=sine");
  gtk_widget_grab_focus (GTK_WIDGET (pane->new_session_button));
  g_assert_false (press (pane_keys, GDK_KEY_space, GDK_CONTROL_MASK));
  g_assert_false (troupe_recorder_get_recording (pane->recorder));
  g_assert_true (press (pane_keys, GDK_KEY_space, 0));
  g_assert_true (troupe_recorder_get_recording (pane->recorder));
  if (pane->active_window != NULL)
    {
      g_clear_signal_handler (&pane->active_handler, pane->active_window);
      g_clear_object (&pane->active_window);
    }
  /* Auto-repeat: more presses, no release between them. */
  g_assert_true (press (pane_keys, GDK_KEY_space, 0));
  g_assert_true (press (pane_keys, GDK_KEY_space, 0));
  g_assert_true (troupe_recorder_get_recording (pane->recorder));
  g_assert_cmpstr (troupe_chat_pane_get_status (pane), ==, "Listening…");
  troupe_test_ui_iterate (300);
  g_signal_emit_by_name (pane_keys, "key-released", GDK_KEY_space, 0, 0);
  g_assert_cmpstr (troupe_chat_pane_get_status (pane), ==, "Sending…");
  wait_until (has_four_messages, pane, "the spoken turn");
  wait_until (pane_idle, pane, "its reply");

  /* As a toggle, a repeated press would end the turn at once if repeats
   * were not ignored. */
  g_settings_set_boolean (troupe_context_get_settings (fixture.context), "push-to-talk-toggle", TRUE);
  g_assert_true (press (pane_keys, GDK_KEY_space, 0));
  if (pane->active_window != NULL)
    {
      g_clear_signal_handler (&pane->active_handler, pane->active_window);
      g_clear_object (&pane->active_window);
    }
  g_assert_true (press (pane_keys, GDK_KEY_space, 0));
  g_assert_true (troupe_recorder_get_recording (pane->recorder));
  g_signal_emit_by_name (pane_keys, "key-released", GDK_KEY_space, 0, 0);
  g_assert_true (troupe_recorder_get_recording (pane->recorder));
  troupe_test_ui_iterate (300);
  g_assert_true (press (pane_keys, GDK_KEY_space, 0));
  g_assert_cmpstr (troupe_chat_pane_get_status (pane), ==, "Sending…");
  g_signal_emit_by_name (pane_keys, "key-released", GDK_KEY_space, 0, 0);
  g_settings_set_boolean (troupe_context_get_settings (fixture.context), "push-to-talk-toggle", FALSE);
  wait_until (has_six_messages, pane, "the toggled turn");
  wait_until (pane_idle, pane, "its reply");
  fixture_close (&fixture);
}

static void
test_render_dark_and_narrow (void)
{
  Fixture fixture = { 0 };

  fixture_open (&fixture, NULL);
  type_and_send (fixture.pane, "Describe the engine in one paragraph, please.");
  wait_until (pane_idle, fixture.pane, "the reply");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  troupe_test_ui_iterate (300);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), "chat-dark"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  fixture_close_pane (&fixture);
  fixture_open_pane (&fixture, 340);
  troupe_test_ui_iterate (300);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture.window), "chat-narrow"));
  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  troupe_test_ui_init (&argc, &argv);
  gst_init (&argc, &argv);

  g_test_add_func ("/troupe/chat/typed-turn-streams", test_typed_turn_streams);
  g_test_add_func ("/troupe/chat/starter-sends-itself", test_starter_sends_itself);
  g_test_add_func ("/troupe/chat/session-survives-restart-and-new-session", test_session_survives_restart_and_new_session);
  g_test_add_func ("/troupe/chat/cut-stream-keeps-partial-with-retry", test_cut_stream_keeps_partial_with_retry);
  g_test_add_func ("/troupe/chat/malformed-event-is-noted", test_malformed_event_is_noted);
  g_test_add_func ("/troupe/chat/429-keeps-the-message", test_429_keeps_the_message);
  g_test_add_func ("/troupe/chat/500-keeps-the-message", test_500_keeps_the_message);
  g_test_add_func ("/troupe/chat/garbage-reply-keeps-the-message", test_garbage_reply_keeps_the_message);
  g_test_add_func ("/troupe/chat/slow-first-byte-thinks-and-cancels", test_slow_first_byte_thinks_and_cancels);
  g_test_add_func ("/troupe/chat/spoken-reply-played-to-a-wav", test_spoken_reply_played_to_a_wav);
  g_test_add_func ("/troupe/chat/stop-speaking-and-speak-off", test_stop_speaking_and_speak_off);
  g_test_add_func ("/troupe/chat/push-to-talk-from-a-wav", test_push_to_talk_from_a_wav);
  g_test_add_func ("/troupe/chat/silent-microphone-is-told", test_silent_microphone_is_told);
  g_test_add_func ("/troupe/chat/no-microphone-is-told", test_no_microphone_is_told);
  g_test_add_func ("/troupe/chat/turn-is-capped", test_turn_is_capped);
  g_test_add_func ("/troupe/chat/focus-loss-stops-listening", test_focus_loss_stops_listening);
  g_test_add_func ("/troupe/chat/copy-a-message", test_copy_a_message);
  g_test_add_func ("/troupe/chat/long-reply-in-passages", test_long_reply_in_passages);
  g_test_add_func ("/troupe/chat/pane-in-the-character-view", test_pane_in_the_character_view);
  g_test_add_func ("/troupe/chat/keys", test_keys);
  g_test_add_func ("/troupe/chat/render-dark-and-narrow", test_render_dark_and_narrow);

  return g_test_run ();
}
