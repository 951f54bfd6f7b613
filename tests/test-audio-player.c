/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gst/gst.h>

#include "troupe-audio-player.h"
#include "troupe-test-wait.h"

typedef struct
{
  gboolean  finished;
  GError   *error;
} Outcome;

static void
finished_cb (TroupeAudioPlayer *player,
             const GError      *error,
             Outcome           *outcome)
{
  outcome->finished = TRUE;
  if (error != NULL)
    outcome->error = g_error_copy (error);
}

/* A short WAV made by GStreamer itself, so the test needs no data file. */
static char *
make_wav (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "tone.wav", NULL);
  g_autofree char *description =
    g_strdup_printf ("audiotestsrc num-buffers=8 ! audio/x-raw,format=S16LE,channels=1,rate=22050 "
                     "! wavenc ! filesink location=\"%s\"", path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  g_assert_no_error (error);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 10 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return g_steal_pointer (&path);
}

static TroupeAudioPlayer *
player_with_fakesink (void)
{
  TroupeAudioPlayer *player = troupe_audio_player_new ();
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);

  /* sync keeps real time, as a speaker would; the clip is short. */
  g_object_set (sink, "sync", TRUE, NULL);
  troupe_audio_player_set_audio_sink (player, sink);
  return player;
}

static void
test_plays_to_the_end (void)
{
  g_autofree char *path = make_wav ();
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(TroupeAudioPlayer) player = player_with_fakesink ();
  g_autoptr(GError) error = NULL;
  Outcome outcome = { 0 };

  g_signal_connect (player, "finished", G_CALLBACK (finished_cb), &outcome);
  g_assert_true (troupe_audio_player_play_uri (player, uri, &error));
  g_assert_no_error (error);
  g_assert_true (troupe_audio_player_get_playing (player));
  g_assert_cmpstr (troupe_audio_player_get_uri (player), ==, uri);
  troupe_test_wait_for_flag (&outcome.finished, "the clip to finish");
  g_assert_no_error (outcome.error);
  g_assert_false (troupe_audio_player_get_playing (player));
}

static void
test_missing_file_is_an_error (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "no-such.wav", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(TroupeAudioPlayer) player = player_with_fakesink ();
  g_autoptr(GError) error = NULL;
  Outcome outcome = { 0 };

  g_signal_connect (player, "finished", G_CALLBACK (finished_cb), &outcome);
  if (troupe_audio_player_play_uri (player, uri, &error))
    {
      troupe_test_wait_for_flag (&outcome.finished, "the player to give up");
      error = g_steal_pointer (&outcome.error);
    }
  g_assert_error (error, TROUPE_AUDIO_PLAYER_ERROR, TROUPE_AUDIO_PLAYER_ERROR_FAILED);
  g_assert_false (troupe_audio_player_get_playing (player));
}

static void
test_not_a_uri_is_refused (void)
{
  g_autoptr(TroupeAudioPlayer) player = player_with_fakesink ();
  g_autoptr(GError) error = NULL;

  g_assert_false (troupe_audio_player_play_uri (player, "not a uri", &error));
  g_assert_error (error, TROUPE_AUDIO_PLAYER_ERROR, TROUPE_AUDIO_PLAYER_ERROR_FAILED);
}

static gboolean
stop_soon_cb (gpointer user_data)
{
  troupe_audio_player_stop (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_stop_ends_without_finished (void)
{
  g_autofree char *path = make_wav ();
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(TroupeAudioPlayer) player = player_with_fakesink ();
  g_autoptr(GError) error = NULL;
  Outcome outcome = { 0 };

  g_signal_connect (player, "finished", G_CALLBACK (finished_cb), &outcome);
  g_assert_true (troupe_audio_player_play_uri (player, uri, &error));
  g_idle_add (stop_soon_cb, player);
  troupe_test_iterate (1000);
  g_assert_false (troupe_audio_player_get_playing (player));
  g_assert_false (outcome.finished);

  /* And it plays again afterwards. */
  g_assert_true (troupe_audio_player_play_uri (player, uri, &error));
  troupe_test_wait_for_flag (&outcome.finished, "the clip to finish");
  g_assert_no_error (outcome.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gst_init (&argc, &argv);

  g_test_add_func ("/troupe/audio-player/plays-to-the-end", test_plays_to_the_end);
  g_test_add_func ("/troupe/audio-player/missing-file-is-an-error", test_missing_file_is_an_error);
  g_test_add_func ("/troupe/audio-player/not-a-uri-is-refused", test_not_a_uri_is_refused);
  g_test_add_func ("/troupe/audio-player/stop-ends-without-finished", test_stop_ends_without_finished);

  return g_test_run ();
}
