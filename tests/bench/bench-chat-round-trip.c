/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The whole spoken round trip against troupe-sandbox, per stage, 5 times:
 * a question spoken by espeak is played in real time (identity sync=true)
 * into the pane's real recording pipeline instead of a microphone; the
 * key is released (chat.stop-talking) after it, then:
 *   release → WAV complete → transcript shown → first word → first audio
 *   chunk → first sound (a fakesink that syncs to the pipeline's clock).
 * Prints each stage's median and worst; fails only if a stage never comes.
 * The sandbox transcribes with pocketsphinx and speaks with espeak on this
 * machine's CPU, which the figures include. */
#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "troupe-chat-message.h"
#include "troupe-chat-pane-private.h"
#include "troupe-context.h"
#include "troupe-paint-memory.h"
#include "troupe-renderer-choice.h"
#include "troupe-test-sandbox.h"
#include "troupe-test-ui.h"

#define RUNS 5

enum { RELEASED, RECORDED, TRANSCRIBED, FIRST_WORD, FIRST_CHUNK, FIRST_SOUND, N_MARKS };
static const char *stage_names[] = {
  NULL, "release -> WAV complete", "WAV complete -> transcript", "transcript -> first word",
  "first word -> first audio chunk", "first audio chunk -> first sound",
};

static gint64 marks[N_MARKS];

static void
mark (guint which)
{
  if (marks[which] == 0)
    marks[which] = g_get_monotonic_time ();
}

static void recorded_cb (void) { mark (RECORDED); }
static void first_sound_cb (void) { mark (FIRST_SOUND); }

static void
playing_cb (TroupeStreamPlayer *player)
{
  if (troupe_stream_player_get_playing (player))
    mark (FIRST_CHUNK);
}

static void
said_text_cb (TroupeChatMessage *said)
{
  if (*troupe_chat_message_get_text (said) != '\0')
    mark (TRANSCRIBED);
}

static void
reply_text_cb (TroupeChatMessage *reply)
{
  if (*troupe_chat_message_get_text (reply) != '\0')
    mark (FIRST_WORD);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(TroupeChatMessage) message = g_list_model_get_item (model, i);

      if (troupe_chat_message_get_role (message) == TROUPE_CHAT_ROLE_USER)
        g_signal_connect (message, "notify::text", G_CALLBACK (said_text_cb), NULL);
      else
        g_signal_connect (message, "notify::text", G_CALLBACK (reply_text_cb), NULL);
    }
}

static char *
spoken_wav (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "question.wav", NULL);
  g_autofree char *description =
    g_strdup_printf ("espeak text=\"tell me about your poetry\" voice=en-us ! audioconvert ! audioresample ! "
                     "audio/x-raw,format=S16LE,channels=1,rate=16000 ! wavenc ! filesink location=\"%s\"", path);
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, NULL);
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr(GstMessage) message = NULL;

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 20 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_true (message != NULL && GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return g_steal_pointer (&path);
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = g_dir_make_tmp ("troupe-bench-XXXXXX", NULL);
  g_autofree char *recent_path = g_build_filename (tmp, "recent", NULL);
  g_autofree char *drafts_path = g_build_filename (tmp, "drafts", NULL);
  g_autofree char *sessions_path = g_build_filename (tmp, "sessions", NULL);
  g_autoptr(GFile) recent_file = g_file_new_for_path (recent_path);
  g_autoptr(GFile) drafts_dir = g_file_new_for_path (drafts_path);
  g_autoptr(GFile) sessions_file = g_file_new_for_path (sessions_path);
  g_autoptr(TroupeRecentCharacters) recent = NULL;
  g_autoptr(TroupeCharacterStore) store = NULL;
  g_autoptr(TroupeDraftStore) drafts = NULL;
  g_autoptr(TroupeChatSessions) sessions = NULL;
  g_autoptr(TroupeContext) context = NULL;
  g_autoptr(TroupeTestSandbox) sandbox = NULL;
  g_autoptr(ConvaiClient) client = NULL;
  g_autoptr(ConvaiCharacter) character = NULL;
  g_autoptr(GAsyncResult) created = NULL, fetched = NULL;
  g_autofree char *id = NULL, *wav = NULL, *source = NULL;
  gint64 stages[N_MARKS][RUNS];
  GtkWindow *window;
  TroupeChatPane *pane;

  /* As the app's main() and window do. */
  troupe_paint_memory_prefer_huge_pages (argv);
  troupe_renderer_choose_for_machine ();
  gtk_init ();
  adw_init ();
  gst_init (&argc, &argv);
  recent = troupe_recent_characters_new (recent_file);
  store = troupe_character_store_new (recent);
  drafts = troupe_draft_store_new (drafts_dir);
  sessions = troupe_chat_sessions_new (sessions_file);
  context = troupe_context_new_with_stores (store, drafts);
  sandbox = troupe_test_sandbox_start (NULL);
  client = convai_client_new (sandbox->base_url, sandbox->api_key);
  troupe_context_set_client (context, client);

  convai_client_create_character_async (client, "Ada", "FEMALE", "Ada is a mathematician who loves engines and poetry.",
                                        NULL, NULL, result_cb, &created);
  wait_for (&created);
  id = convai_client_create_character_finish (client, created, NULL);
  g_assert_nonnull (id);
  convai_client_get_character_async (client, id, NULL, result_cb, &fetched);
  wait_for (&fetched);
  character = convai_client_get_character_finish (client, fetched, NULL);
  g_assert_nonnull (character);

  wav = spoken_wav (tmp);
  /* Played in real time, as a person speaks. */
  source = g_strdup_printf ("filesrc location=\"%s\" ! wavparse ! identity sync=true", wav);
  pane = troupe_chat_pane_new_with_sessions (context, sessions);
  window = GTK_WINDOW (gtk_window_new ());
  troupe_paint_memory_keep_pool (window);
  gtk_window_set_default_size (window, 480, 800);
  gtk_window_set_child (window, GTK_WIDGET (pane));
  gtk_window_present (window);
  troupe_chat_pane_set_character (pane, character);
  troupe_test_ui_wait_for_paint (GTK_WIDGET (window));
  troupe_recorder_set_source (pane->recorder, source);
  troupe_stream_player_set_sink (pane->player, "fakesink sync=true");
  g_signal_connect (pane->recorder, "finished", G_CALLBACK (recorded_cb), NULL);
  g_signal_connect (pane->player, "started", G_CALLBACK (first_sound_cb), NULL);
  g_signal_connect (pane->player, "notify::playing", G_CALLBACK (playing_cb), NULL);
  g_signal_connect (troupe_chat_pane_get_messages (pane), "items-changed", G_CALLBACK (items_changed_cb), NULL);

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 deadline;

      memset (marks, 0, sizeof marks);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "chat.start-talking", NULL));
      /* Xvfb has no window manager: the focus wanders; see test-chat.c. */
      if (pane->active_window != NULL)
        {
          g_clear_signal_handler (&pane->active_handler, pane->active_window);
          g_clear_object (&pane->active_window);
        }
      troupe_test_ui_iterate (1200);   /* the question is about a second long */
      marks[RELEASED] = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (pane), "chat.stop-talking", NULL);
      deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
      while (marks[FIRST_SOUND] == 0 && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      for (guint m = RECORDED; m < N_MARKS; m++)
        {
          if (marks[m] == 0)
            {
              g_printerr ("chat-round-trip: run %u never reached “%s”\n", run, stage_names[m]);
              return EXIT_FAILURE;
            }
          stages[m][run] = marks[m] - marks[m - 1];
        }
      while (troupe_chat_pane_get_busy (pane) || troupe_stream_player_get_playing (pane->player))
        g_main_context_iteration (NULL, TRUE);
    }

  for (guint m = RECORDED; m < N_MARKS; m++)
    {
      qsort (stages[m], RUNS, sizeof (gint64), (GCompareFunc) compare_gint64);
      g_print ("chat-round-trip: %-34s median %7.1f ms, worst %7.1f ms\n", stage_names[m],
               stages[m][RUNS / 2] / 1000.0, stages[m][RUNS - 1] / 1000.0);
    }
  {
    gint64 total[RUNS];

    for (guint run = 0; run < RUNS; run++)
      {
        total[run] = 0;
        for (guint m = RECORDED; m < N_MARKS; m++)
          total[run] += stages[m][run];
      }
    qsort (total, RUNS, sizeof (gint64), (GCompareFunc) compare_gint64);
    g_print ("chat-round-trip: %-34s median %7.1f ms (each run's stages added), %d runs\n",
             "release -> first sound", total[RUNS / 2] / 1000.0, RUNS);
  }
  gtk_window_destroy (window);
  return EXIT_SUCCESS;
}
