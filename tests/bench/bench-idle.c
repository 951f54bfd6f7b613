/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Idle means asleep: a window left alone wakes nothing. For each state a
 * person can leave the window in, a child process shows it, waits 15 s
 * without input (past GTK's cursor blink timeout), then counts its main
 * thread's context switches over 20 s: each wakeup of the main loop is one.
 * The target is at most 1 wakeup a second on average in every state. The
 * children run side by side, with accessibility on, as on a desktop.
 *
 * The list's "loading" state is left out on purpose: its spinner moves
 * because something is on its way, a reason a person would name. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <adwaita.h>

#include "troupe-application.h"
#include "troupe-character-sidebar.h"
#include "troupe-character-store.h"
#include "troupe-renderer-choice.h"
#include "troupe-test-sandbox.h"
#include "troupe-window.h"

#define SETTLE_S 15
#define MEASURE_S 20
#define TARGET_PER_S 1.0

static const char *states[] = {
  "sandbox-list",      /* the app's own offline sandbox, nothing open */
  "character-open",
  "no-results",
  "empty",
  "error",
  "offline",
  "preferences",
  "knowledge-bank",    /* the manager, every document processed */
};

static guint64
main_thread_switches (void)
{
  g_autofree char *path = g_strdup_printf ("/proc/self/task/%d/status", (int) getpid ());
  g_autofree char *text = NULL;
  guint64 total = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    g_error ("cannot read %s", path);
  for (char *line = strtok (text, "\n"); line != NULL; line = strtok (NULL, "\n"))
    if (g_str_has_prefix (line, "voluntary_ctxt_switches:") ||
        g_str_has_prefix (line, "nonvoluntary_ctxt_switches:"))
      total += g_ascii_strtoull (strchr (line, ':') + 1, NULL, 10);
  return total;
}

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
wait_for_state (TroupeCharacterSidebar *sidebar,
                const char             *state)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_strcmp0 (troupe_character_sidebar_get_state (sidebar), state) != 0)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the list never showed “%s” (it shows “%s”)", state,
                 troupe_character_sidebar_get_state (sidebar));
      g_main_context_iteration (NULL, TRUE);
    }
}

static TroupeWindow *
show_state (TroupeApplication  *app,
            const char         *state,
            TroupeTestSandbox **sandbox)
{
  TroupeWindow *window = troupe_window_new (app);
  TroupeCharacterSidebar *sidebar = troupe_window_get_sidebar (window);
  g_autoptr(ConvaiClient) client = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  if (g_str_equal (state, "empty"))
    {
      *sandbox = troupe_test_sandbox_start (NULL);
      client = convai_client_new ((*sandbox)->base_url, (*sandbox)->api_key);
      troupe_window_set_client (window, client);
    }
  else if (g_str_equal (state, "error"))
    {
      const char *args[] = { "--fault-status", "/character/list:500", NULL };

      *sandbox = troupe_test_sandbox_start (args);
      client = convai_client_new ((*sandbox)->base_url, (*sandbox)->api_key);
      troupe_window_set_client (window, client);
    }
  else if (g_str_equal (state, "offline"))
    troupe_window_set_client (window, NULL);
  gtk_window_present (GTK_WINDOW (window));

  if (g_str_equal (state, "empty") || g_str_equal (state, "error") || g_str_equal (state, "offline"))
    {
      wait_for_state (sidebar, state);
      return window;
    }
  /* The rest follow the application's connection: the offline sandbox
   * with its demo character, as on a first launch. */
  wait_for_state (sidebar, "list");
  if (g_str_equal (state, "character-open"))
    {
      g_autoptr(ConvaiCharacter) first =
        g_list_model_get_item (troupe_character_sidebar_get_model (sidebar), 0);

      troupe_window_open_character (window, first);
    }
  else if (g_str_equal (state, "no-results"))
    {
      troupe_character_sidebar_set_search (sidebar, "nobody by this name");
      wait_for_state (sidebar, "no-results");
    }
  else if (g_str_equal (state, "preferences"))
    troupe_application_show_preferences (app, NULL);
  else if (g_str_equal (state, "knowledge-bank"))
    {
      gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.knowledge-bank", NULL);
      while (g_strcmp0 (troupe_knowledge_window_get_state (troupe_window_get_knowledge_window (window)), "list") != 0)
        {
          g_main_context_iteration (NULL, TRUE);
          if (g_get_monotonic_time () > deadline)
            g_error ("the Knowledge Bank manager never listed the documents");
        }
    }
  return window;
}

/* One state, in this process: prints "STATE wakeups/s N cpu-ms M". */
static int
measure_state (const char *state)
{
  g_autoptr(TroupeApplication) app = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  TroupeTestSandbox *sandbox = NULL;
  TroupeWindow *window;
  guint64 before, after;
  gint64 cpu_before, cpu_after;
  double per_second;

  troupe_renderer_choose_for_machine ();
  gtk_init ();
  adw_init ();
  app = troupe_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  window = show_state (app, state, &sandbox);
  iterate_for (SETTLE_S * 1000);

  before = main_thread_switches ();
  cpu_before = thread_cpu_us ();
  g_timeout_add_seconds (MEASURE_S, quit_cb, loop);
  g_main_loop_run (loop);
  after = main_thread_switches ();
  cpu_after = thread_cpu_us ();

  per_second = (double) (after - before) / MEASURE_S;
  g_print ("%s wakeups/s %.2f cpu-ms %.1f\n", state, per_second, (cpu_after - cpu_before) / 1000.0);
  gtk_window_destroy (GTK_WINDOW (window));
  g_application_release (G_APPLICATION (app));
  g_clear_pointer (&sandbox, troupe_test_sandbox_stop);
  return per_second <= TARGET_PER_S ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* Each child in its own folders, so their drafts and settings are apart. */
static GSubprocess *
spawn_state (const char *self_path,
             const char *state,
             const char *root)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  const char *dirs[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "HOME" };
  g_autoptr(GError) error = NULL;
  GSubprocess *child;

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (root, state, dirs[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_subprocess_launcher_setenv (launcher, dirs[i], dir, TRUE);
    }
  /* What a person runs: accessibility on. */
  g_subprocess_launcher_unsetenv (launcher, "GTK_A11Y");
  g_subprocess_launcher_unsetenv (launcher, "NO_AT_BRIDGE");
  child = g_subprocess_launcher_spawn (launcher, &error, self_path, "--state", state, NULL);
  g_assert_no_error (error);
  return child;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = NULL;
  GSubprocess *children[G_N_ELEMENTS (states)];
  int status = EXIT_SUCCESS;

  if (argc == 3 && g_str_equal (argv[1], "--state"))
    return measure_state (argv[2]);

  root = g_dir_make_tmp ("troupe-bench-idle-XXXXXX", NULL);
  g_print ("idle: %d s without input, then main-thread wakeups over %d s (target <= %.0f/s)\n",
           SETTLE_S, MEASURE_S, TARGET_PER_S);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    children[i] = spawn_state (argv[0], states[i], root);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autofree char *out = NULL;
      g_autoptr(GError) error = NULL;

      g_subprocess_communicate_utf8 (children[i], NULL, NULL, &out, NULL, &error);
      g_assert_no_error (error);
      g_print ("idle: %s", out != NULL && *out != '\0' ? out : "(no figure)\n");
      if (!g_subprocess_get_successful (children[i]))
        {
          g_print ("idle: %s is over target or failed\n", states[i]);
          status = EXIT_FAILURE;
        }
      g_object_unref (children[i]);
    }
  return status;
}
