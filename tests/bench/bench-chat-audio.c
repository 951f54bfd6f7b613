/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The two audio latencies of the live chat, 30 times each:
 *
 * first sound: a reply's first chunk handed to TroupeStreamPlayer → the
 *   sink renders its first buffer. The sink is a fakesink that syncs to the
 *   pipeline's clock (the system clock, as with a real speaker sink), and
 *   both instants are read from that clock. Target: at most 150 ms.
 * push-to-talk: TroupeRecorder started (what a key press does) → its
 *   pipeline is running, from a live source (audiotestsrc, as no
 *   microphone is on a build machine). Target: at most 50 ms.
 *
 * The figures are p50, p99 and the worst of the runs. */
#include <gst/gst.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "troupe-recorder.h"
#include "troupe-stream-player.h"

#define RUNS                    30
#define TARGET_FIRST_SOUND_MS   150
#define TARGET_TALK_MS          50
#define RATE                    22050

/* Written by the sink's streaming thread, read here. */
static GMutex       rendered_lock;
static GstClockTime rendered_at;

static GstClockTime
get_rendered_at (void)
{
  GstClockTime at;

  g_mutex_lock (&rendered_lock);
  at = rendered_at;
  g_mutex_unlock (&rendered_lock);
  return at;
}

static GBytes *
tone_wav (void)
{
  guint frames = RATE / 2;
  gsize data_len = frames * 2;
  guint8 *wav = g_malloc0 (44 + data_len);
  gint16 *samples = (gint16 *) (wav + 44);
  guint32 v;

  memcpy (wav, "RIFF", 4);
  v = GUINT32_TO_LE (36 + data_len); memcpy (wav + 4, &v, 4);
  memcpy (wav + 8, "WAVEfmt ", 8);
  v = GUINT32_TO_LE (16); memcpy (wav + 16, &v, 4);
  wav[20] = 1; wav[22] = 1;                          /* PCM, mono */
  v = GUINT32_TO_LE (RATE); memcpy (wav + 24, &v, 4);
  v = GUINT32_TO_LE (RATE * 2); memcpy (wav + 28, &v, 4);
  wav[32] = 2; wav[34] = 16;
  memcpy (wav + 36, "data", 4);
  v = GUINT32_TO_LE (data_len); memcpy (wav + 40, &v, 4);
  for (guint i = 0; i < frames; i++)
    samples[i] = GINT16_TO_LE ((gint16) (8000 * ((i / 50) % 2 ? 1 : -1)));
  return g_bytes_new_take (wav, 44 + data_len);
}

/* Every fakesink's handoff, hooked on the signal itself: the player makes
 * its sink inside _push(), and the first buffer may be rendered before a
 * handler could be connected to that instance. */
static gboolean
handoff_hook (GSignalInvocationHint *hint,
              guint                  n_params,
              const GValue          *params,
              gpointer               user_data)
{
  GstClock *clock = user_data;

  g_mutex_lock (&rendered_lock);
  if (rendered_at == 0)
    rendered_at = gst_clock_get_time (clock);
  g_mutex_unlock (&rendered_lock);
  return TRUE;
}

static int
compare (const void *a,
         const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
report (const char *what,
        double     *ms,
        double      target)
{
  qsort (ms, RUNS, sizeof *ms, compare);
  g_print ("%s: p50 %.1f ms, p99 %.1f ms, worst %.1f ms (target <= %.0f ms, %d runs)\n",
           what, ms[RUNS / 2], ms[(RUNS * 99) / 100], ms[RUNS - 1], target, RUNS);
  return ms[(RUNS * 99) / 100];
}

static double
first_sound (void)
{
  g_autoptr(TroupeStreamPlayer) player = troupe_stream_player_new ();
  g_autoptr(GBytes) wav = tone_wav ();
  g_autoptr(GstClock) clock = gst_system_clock_obtain ();
  double ms[RUNS];

  GstElement *probe = gst_element_factory_make ("fakesink", NULL);

  g_assert_nonnull (probe);
  g_signal_add_emission_hook (g_signal_lookup ("handoff", G_OBJECT_TYPE (probe)), 0, handoff_hook, clock, NULL);
  gst_object_unref (probe);
  troupe_stream_player_set_sink (player, "fakesink sync=true signal-handoffs=true");
  for (int i = 0; i < RUNS; i++)
    {
      GstClockTime pushed;
      gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

      g_mutex_lock (&rendered_lock);
      rendered_at = 0;
      g_mutex_unlock (&rendered_lock);
      troupe_stream_player_begin (player);
      pushed = gst_clock_get_time (clock);
      g_assert_true (troupe_stream_player_push (player, wav, NULL));
      while (get_rendered_at () == 0 && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, FALSE);
      g_assert_cmpuint (get_rendered_at (), !=, 0);
      ms[i] = (double) (get_rendered_at () - pushed) / GST_MSECOND;
      troupe_stream_player_stop (player);
    }
  return report ("first chunk received -> first sound", ms, TARGET_FIRST_SOUND_MS);
}

static void
running_cb (TroupeRecorder *recorder,
            gint64         *at)
{
  *at = g_get_monotonic_time ();
}

static double
push_to_talk (void)
{
  g_autoptr(TroupeRecorder) recorder = troupe_recorder_new ();
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "bench-chat-audio.wav", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  double ms[RUNS];
  gint64 running_at = 0;

  troupe_recorder_set_source (recorder, "audiotestsrc is-live=true wave=sine");
  g_signal_connect (recorder, "running", G_CALLBACK (running_cb), &running_at);
  for (int i = 0; i < RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 pressed, deadline;

      running_at = 0;
      pressed = g_get_monotonic_time ();
      deadline = pressed + 5 * G_USEC_PER_SEC;
      g_assert_true (troupe_recorder_start (recorder, file, &error));
      while (running_at == 0 && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (running_at, !=, 0);
      ms[i] = (running_at - pressed) / 1000.0;
      troupe_recorder_cancel (recorder);
    }
  g_unlink (path);
  return report ("push-to-talk start -> recording running", ms, TARGET_TALK_MS);
}

int
main (int   argc,
      char *argv[])
{
  double sound_p99, talk_p99;

  gst_init (&argc, &argv);
  sound_p99 = first_sound ();
  talk_p99 = push_to_talk ();
  return sound_p99 <= TARGET_FIRST_SOUND_MS && talk_p99 <= TARGET_TALK_MS ? EXIT_SUCCESS : EXIT_FAILURE;
}
