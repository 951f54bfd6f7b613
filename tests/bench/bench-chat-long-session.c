/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A 2,000-turn conversation (4,000 messages of a sentence or three each)
 * in the chat pane: putting it in the pane's list as a restored session
 * is (troupe_chat_pane_put_earlier(), and the batches it puts in over the
 * next frames), then scrolling it from end to start a screen at a time,
 * one step a frame. Every frame's length (the frame clock's before-paint
 * to after-paint) is kept, and for the longest its phases and how much of
 * it the main thread ran (on a shared machine a frame can be long because
 * another process had the CPU). While opening, the longest the main loop
 * went without polling is kept too: the work between frames (putting
 * messages in makes rows) delays the next frame as much as a long frame.
 * Target: no frame over 16 ms, opening or scrolling, and no wait between
 * polls over 16 ms while opening. */
#include <adwaita.h>
#include <stdlib.h>
#include <time.h>

#include "troupe-chat-message.h"
#include "troupe-chat-pane-private.h"
#include "troupe-context.h"
#include "troupe-paint-memory.h"
#include "troupe-renderer-choice.h"
#include "troupe-test-ui.h"

#define N_TURNS         2000
#define TARGET_FRAME_US 16000

typedef struct
{
  gint64  frame_start;
  gint64  frame_cpu_start;   /* the main thread's CPU time at the frame's start */
  gint64  layout_start, layout_cpu;
  gint64  paint_start, paint_cpu;
  GArray *frames;
  GArray *frames_cpu;        /* the main thread's CPU time in each frame */
  /* The longest frame: its phases, and how much of it the main thread ran
   * (less than its length when the shared machine's other work took the CPU). */
  gint64  worst, worst_update, worst_layout, worst_paint, worst_cpu;
  gint64  worst_layout_cpu, worst_paint_cpu;
} Watch;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The phases are timed from emission hooks, which run before every
 * handler: GTK's own layout and paint are handlers of the frame clock's
 * signals, connected before any of ours. A frame starts at before-paint,
 * which every frame has (update only those with a tick callback). */
static Watch *watched;

static gboolean
phase_hook_cb (GSignalInvocationHint *hint,
               guint                  n_values,
               const GValue          *values,
               gpointer               user_data)
{
  const char *phase = user_data;
  gint64 now = g_get_monotonic_time ();

  if (watched == NULL)
    return TRUE;
  if (g_str_equal (phase, "before-paint"))
    {
      watched->frame_start = now;
      watched->frame_cpu_start = thread_cpu_us ();
      watched->layout_start = watched->paint_start = 0;
    }
  else if (g_str_equal (phase, "layout") && watched->layout_start == 0)
    {
      watched->layout_start = now;   /* the first of up to four layout passes */
      watched->layout_cpu = thread_cpu_us ();
    }
  else if (g_str_equal (phase, "paint"))
    {
      watched->paint_start = now;
      watched->paint_cpu = thread_cpu_us ();
    }
  return TRUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  Watch *watch = watched;
  gint64 now = g_get_monotonic_time ();

  if (watch == NULL || watch->frame_start == 0)
    return;
  if (watch->layout_start == 0)
    {
      watch->layout_start = watch->frame_start;
      watch->layout_cpu = watch->frame_cpu_start;
    }
  if (watch->paint_start == 0)
    {
      watch->paint_start = watch->layout_start;
      watch->paint_cpu = watch->layout_cpu;
    }
  g_array_append_val (watch->frames, (gint64) { now - watch->frame_start });
  g_array_append_val (watch->frames_cpu, (gint64) { thread_cpu_us () - watch->frame_cpu_start });
  if (now - watch->frame_start > watch->worst)
    {
      watch->worst = now - watch->frame_start;
      watch->worst_update = watch->layout_start - watch->frame_start;
      watch->worst_layout = watch->paint_start - watch->layout_start;
      watch->worst_paint = now - watch->paint_start;
      watch->worst_cpu = thread_cpu_us () - watch->frame_cpu_start;
      watch->worst_layout_cpu = watch->paint_cpu - watch->layout_cpu;
      watch->worst_paint_cpu = thread_cpu_us () - watch->paint_cpu;
    }
  watch->frame_start = 0;
}

static void
watch_clock (GdkFrameClock *clock)
{
  const char *phases[] = { "before-paint", "layout", "paint" };

  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    g_signal_add_emission_hook (g_signal_lookup (phases[i], GDK_TYPE_FRAME_CLOCK), 0,
                                phase_hook_cb, (gpointer) phases[i], NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

static void
print_worst (const char *what,
             Watch      *watch)
{
  g_print ("chat-long-session: the longest %s frame: update %.1f, layout %.1f, paint %.1f ms; "
           "the main thread ran %.1f ms of it (layout %.1f, paint %.1f)\n", what, watch->worst_update / 1000.0,
           watch->worst_layout / 1000.0, watch->worst_paint / 1000.0, watch->worst_cpu / 1000.0,
           watch->worst_layout_cpu / 1000.0, watch->worst_paint_cpu / 1000.0);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* p90 and p99 of the frames' lengths and of the main thread's CPU time in
 * them: steadier than the longest on a shared machine, to compare builds. */
static void
print_spread (const char *what,
              Watch      *watch)
{
  guint n = watch->frames->len;

  if (n == 0)
    return;
  g_array_sort (watch->frames, compare_gint64);
  g_array_sort (watch->frames_cpu, compare_gint64);
  g_print ("chat-long-session: %s frames: p90 %.1f ms, p99 %.1f ms; the main thread's CPU in them: "
           "p50 %.1f, p90 %.1f, p99 %.1f ms\n", what,
           g_array_index (watch->frames, gint64, n * 9 / 10) / 1000.0,
           g_array_index (watch->frames, gint64, n * 99 / 100) / 1000.0,
           g_array_index (watch->frames_cpu, gint64, n / 2) / 1000.0,
           g_array_index (watch->frames_cpu, gint64, n * 9 / 10) / 1000.0,
           g_array_index (watch->frames_cpu, gint64, n * 99 / 100) / 1000.0);
}

static gint64
longest (GArray *frames,
         guint  *n)
{
  gint64 worst = 0;

  *n = frames->len;
  for (guint i = 0; i < frames->len; i++)
    worst = MAX (worst, g_array_index (frames, gint64, i));
  return worst;
}

/* @last's text is on screen: mapped, within the scrolled window's height. */
static gboolean
last_turn_on_screen (TroupeChatPane    *pane,
                     TroupeChatMessage *last)
{
  return troupe_test_ui_text_on_screen (GTK_WIDGET (pane->list_view), GTK_WIDGET (pane->scroller),
                                        troupe_chat_message_get_text (last));
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
  g_autoptr(GPtrArray) turns = g_ptr_array_new_with_free_func (g_object_unref);
  Watch opening = { .frames = g_array_new (FALSE, FALSE, sizeof (gint64)),
                    .frames_cpu = g_array_new (FALSE, FALSE, sizeof (gint64)) };
  Watch scrolling = { .frames = g_array_new (FALSE, FALSE, sizeof (gint64)),
                      .frames_cpu = g_array_new (FALSE, FALSE, sizeof (gint64)) };
  GSource *loop_watch;
  gint64 put_us, put_cpu, stall, opened_us;
  GtkAdjustment *adjustment;
  GdkFrameClock *clock;
  GtkWindow *window;
  TroupeChatPane *pane;
  gint64 open_worst, scroll_worst;
  guint open_n, scroll_n;

  /* As the app's main() and window do. */
  troupe_paint_memory_prefer_huge_pages (argv);
  troupe_renderer_choose_for_machine ();
  g_print ("chat-long-session: GSK_RENDERER=%s\n", g_getenv ("GSK_RENDERER"));
  gtk_init ();
  adw_init ();
  recent = troupe_recent_characters_new (recent_file);
  store = troupe_character_store_new (recent);
  drafts = troupe_draft_store_new (drafts_dir);
  sessions = troupe_chat_sessions_new (sessions_file);
  context = troupe_context_new_with_stores (store, drafts);

  pane = troupe_chat_pane_new_with_sessions (context, sessions);
  window = GTK_WINDOW (gtk_window_new ());
  troupe_paint_memory_keep_pool (window);
  gtk_window_set_default_size (window, 480, 800);
  gtk_window_set_child (window, GTK_WIDGET (pane));
  gtk_window_present (window);
  troupe_test_ui_wait_for_paint (GTK_WIDGET (window));
  troupe_test_ui_iterate (200);

  for (guint i = 0; i < N_TURNS; i++)
    {
      TroupeChatMessage *said = troupe_chat_message_new (TROUPE_CHAT_ROLE_USER, "What did you build today, and why?");
      g_autofree char *answer = g_strdup_printf ("Turn %u. I worked on the difference engine's carry "
                                                 "mechanism; the gears jam when the ninth column "
                                                 "overflows, so I drew a new lever for it.%s", i,
                                                 i % 3 == 0 ? " Tomorrow I will test it with the "
                                                              "tables of logarithms." : "");
      TroupeChatMessage *reply = troupe_chat_message_new (TROUPE_CHAT_ROLE_CHARACTER, answer);

      troupe_chat_message_set_speaker (reply, "Ada");
      troupe_chat_message_set_first_word_ms (reply, 120 + i % 40);
      g_ptr_array_add (turns, said);
      g_ptr_array_add (turns, reply);
    }

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  /* Opening: the session as the pane puts it in, a batch a frame. */
  watch_clock (clock);
  watched = &opening;
  /* As a restored session opens: the pane puts the earlier turns in, as
   * it does from the handler of the reply that brought them. */
  loop_watch = troupe_test_ui_watch_loop ();
  put_us = g_get_monotonic_time ();
  put_cpu = thread_cpu_us ();
  troupe_chat_pane_put_earlier (pane, (TroupeChatMessage **) turns->pdata, turns->len);
  put_cpu = thread_cpu_us () - put_cpu;
  opened_us = put_us;
  put_us = g_get_monotonic_time () - put_us;
  while (troupe_chat_pane_is_revealing (pane))
    troupe_test_ui_iterate (1);
  opened_us = g_get_monotonic_time () - opened_us;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pane->messages)), ==, turns->len);
  troupe_test_ui_iterate (300);
  watched = NULL;
  stall = MAX (put_us, troupe_test_ui_loop_longest_us (loop_watch));
  g_source_destroy (loop_watch);
  g_source_unref (loop_watch);
  g_print ("chat-long-session: opening: the pane took %.1f ms (main thread %.1f) to take the session; all of it "
           "in the list after %.0f ms; the longest the main loop went without polling: %.1f ms\n",
           put_us / 1000.0, put_cpu / 1000.0, opened_us / 1000.0, stall / 1000.0);
  /* Measured where a person would be: at the end of the session. */
  if (!last_turn_on_screen (pane, turns->pdata[turns->len - 1]))
    {
      g_printerr ("chat-long-session: the session did not open at its end\n");
      return EXIT_FAILURE;
    }

  /* Scrolling: a screen up each frame, from the end to the start. */
  adjustment = gtk_scrolled_window_get_vadjustment (pane->scroller);
  watched = &scrolling;
  for (guint step = 0; step < 400 && gtk_adjustment_get_value (adjustment) > 0; step++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment)
                                            - gtk_adjustment_get_page_size (adjustment));
      troupe_test_ui_wait_for_paint (GTK_WIDGET (window));
      troupe_test_ui_iterate (17);
    }
  watched = NULL;

  /* Seen on the shared machine under load (before the pane's changes too;
   * in most runs under `xvfb-run -a`, in 1 of 7 under `xvfb-run -n`):
   * GDK's frame clock stops after its first frames and the window paints
   * nothing more. Said so, rather than a row of zeros. */
  if (opening.frames->len == 0 && scrolling.frames->len == 0)
    {
      g_printerr ("chat-long-session: no frame was painted (the frame clock stopped at frame %" G_GINT64_FORMAT
                  "); this run measured nothing, run it again\n", gdk_frame_clock_get_frame_counter (clock));
      return EXIT_FAILURE;
    }
  open_worst = longest (opening.frames, &open_n);
  scroll_worst = longest (scrolling.frames, &scroll_n);
  g_array_sort (scrolling.frames, compare_gint64);
  g_print ("chat-long-session: %u turns; opening: %u frames, longest %.1f ms; scrolling: %u frames, "
           "p50 %.1f ms, longest %.1f ms (target <= %.0f ms)\n", N_TURNS, open_n, open_worst / 1000.0,
           scroll_n, scroll_n ? g_array_index (scrolling.frames, gint64, scroll_n / 2) / 1000.0 : 0.0,
           scroll_worst / 1000.0, TARGET_FRAME_US / 1000.0);
  print_spread ("scrolling", &scrolling);
  print_worst ("opening", &opening);
  print_worst ("scrolling", &scrolling);
  gtk_window_destroy (window);
  return open_worst <= TARGET_FRAME_US && stall <= TARGET_FRAME_US && scroll_worst <= TARGET_FRAME_US && scroll_n > 10
         ? EXIT_SUCCESS : EXIT_FAILURE;
}
