/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "troupe-sandbox-demo.h"
#include "troupe-sandbox-seed.h"
#include "troupe-sandbox-server.h"

typedef struct
{
  TroupeSandboxFaults *faults;
  TroupeSandboxLimits  limits;
  int                  port;
  char                *data_dir;
  char                *api_key;
  gboolean             demo;
  char                *seed_history;
  guint                seed_sessions;
  guint                seed_turns;
  guint                seed_minutes;
} Options;

static gboolean
parse_fault_status_cb (const char  *name,
                       const char  *value,
                       gpointer     user_data,
                       GError     **error)
{
  Options *options = user_data;

  return troupe_sandbox_faults_add_status (options->faults, value,
                                           g_str_equal (name, "--fault-status-once"), error);
}

static gboolean
parse_fault_garbage_cb (const char  *name,
                        const char  *value,
                        gpointer     user_data,
                        GError     **error)
{
  Options *options = user_data;

  troupe_sandbox_faults_add_garbage (options->faults, value);
  return TRUE;
}

static gboolean
parse_options (Options   *options,
               int       *argc,
               char    ***argv,
               GError   **error)
{
  int delay_ms = 0, retry_after = 1, cut_stream = -1, malformed_event = -1, processing_ms = 0;
  gboolean partial_history = FALSE;
  int max_connections = TROUPE_SANDBOX_DEFAULT_MAX_CONNECTIONS;
  int idle_timeout = TROUPE_SANDBOX_DEFAULT_IDLE_TIMEOUT_S;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &options->port, "Port on 127.0.0.1 (0: any free port)", "N" },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &options->data_dir, "Folder for the database and documents", "DIR" },
    { "api-key", 0, 0, G_OPTION_ARG_STRING, &options->api_key,
      "The key clients must send (default: $TROUPE_SANDBOX_API_KEY)", "KEY" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &options->demo, "Seed a demo character into an empty data folder", NULL },
    { "seed-history", 0, 0, G_OPTION_ARG_STRING, &options->seed_history,
      "Add a character with SESSIONS chat sessions of TURNS exchanges each, MINUTES apart (tests, benchmarks)", "SESSIONS:TURNS[:MINUTES]" },
    { "max-upload", 0, 0, G_OPTION_ARG_INT64, &options->limits.max_upload,
      "Largest knowledge-bank upload body (default 256 MiB)", "BYTES" },
    { "max-connections", 0, 0, G_OPTION_ARG_INT, &max_connections,
      "Connections served at once (default 256, fewer if file descriptors are short)", "N" },
    { "idle-timeout", 0, 0, G_OPTION_ARG_INT, &idle_timeout,
      "Close a connection idle this long (default 15)", "SECONDS" },
    { "fault-delay-ms", 0, 0, G_OPTION_ARG_INT, &delay_ms, "Delay every reply", "N" },
    { "fault-status", 0, 0, G_OPTION_ARG_CALLBACK, parse_fault_status_cb, "Always answer PATH with CODE", "PATH:CODE" },
    { "fault-status-once", 0, 0, G_OPTION_ARG_CALLBACK, parse_fault_status_cb,
      "Answer the first request to PATH with CODE", "PATH:CODE" },
    { "fault-retry-after", 0, 0, G_OPTION_ARG_INT, &retry_after, "Retry-After on injected 429/503 (default 1)", "SECONDS" },
    { "fault-cut-stream", 0, 0, G_OPTION_ARG_INT, &cut_stream, "Cut SSE replies after N events", "N" },
    { "fault-malformed-event", 0, 0, G_OPTION_ARG_INT, &malformed_event,
      "Send an event that is not JSON before word N of each streamed reply", "N" },
    { "fault-garbage", 0, 0, G_OPTION_ARG_CALLBACK, parse_fault_garbage_cb, "Answer PATH with a non-JSON 200", "PATH" },
    { "fault-partial-history", 0, 0, G_OPTION_ARG_NONE, &partial_history,
      "Make every third chatHistory list and details entry malformed", NULL },
    { "fault-processing-ms", 0, 0, G_OPTION_ARG_INT, &processing_ms,
      "Take N ms to process each knowledge-bank document, and refuse to connect one meanwhile", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- a Convai-compatible server on loopback");
  GOptionGroup *group = g_option_group_new (NULL, NULL, NULL, options, NULL);

  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  g_option_context_set_summary (context, "Serves the Convai REST API from a local SQLite database, "
                                         "for Troupe's offline mode and tests.");
  g_option_context_set_description (context,
    "Once listening, prints \"READY http://127.0.0.1:PORT\" as its first line. Stops on SIGTERM or\n"
    "SIGINT, and when the process that started it exits. Data defaults to\n"
    "$XDG_DATA_HOME/troupe/sandbox. Replies come from a local retrieval stand-in, not a language\n"
    "model. Voice needs the Debian packages gstreamer1.0-pocketsphinx, pocketsphinx-en-us and\n"
    "gstreamer1.0-espeak.");
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (options->port < 0 || options->port > 65535 || delay_ms < 0 || retry_after < 0 || processing_ms < 0 ||
      options->limits.max_upload <= 0 || max_connections <= 0 || idle_timeout <= 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--port, --max-upload, --max-connections, --idle-timeout, --fault-delay-ms, "
                           "--fault-retry-after and --fault-processing-ms must be in range");
      return FALSE;
    }
  options->limits.max_connections = (guint) max_connections;
  options->limits.idle_timeout_s = (guint) idle_timeout;
  options->faults->delay_ms = (guint) delay_ms;
  options->faults->retry_after = (guint) retry_after;
  options->faults->cut_stream_after = cut_stream;
  options->faults->malformed_word = malformed_event;
  options->faults->processing_ms = (guint) processing_ms;
  options->faults->partial_history = partial_history;
  if (options->seed_history != NULL &&
      !troupe_sandbox_seed_parse (options->seed_history, &options->seed_sessions, &options->seed_turns,
                                  &options->seed_minutes, error))
    return FALSE;
  return TRUE;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static char *
default_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "troupe", "sandbox", NULL);
}

int
main (int   argc,
      char *argv[])
{
  Options options = {
    .faults = troupe_sandbox_faults_new (),
    .limits.max_upload = TROUPE_SANDBOX_DEFAULT_MAX_UPLOAD,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TroupeSandboxServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;

#ifdef __linux__
  /* A sandbox outliving the app (or test) that started it would hold its
   * port and data folder for nothing. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
  if (!parse_options (&options, &argc, &argv, &error))
    {
      g_printerr ("troupe-sandbox: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (options.api_key == NULL)
    options.api_key = g_strdup (g_getenv ("TROUPE_SANDBOX_API_KEY"));
  if (options.api_key == NULL || *options.api_key == '\0')
    {
      g_printerr ("troupe-sandbox: an API key is required: --api-key KEY or TROUPE_SANDBOX_API_KEY\n");
      return EXIT_FAILURE;
    }
  if (options.data_dir == NULL)
    options.data_dir = default_data_dir ();
  server = troupe_sandbox_server_new (options.data_dir, options.api_key, (guint16) options.port,
                                      &options.limits, options.faults, &error);
  if (server == NULL || (options.demo && !troupe_sandbox_demo_seed (server, &error)) ||
      (options.seed_history != NULL &&
       !troupe_sandbox_seed_history (server, options.seed_sessions, options.seed_turns,
                                                  options.seed_minutes, &error)))
    {
      g_printerr ("troupe-sandbox: %s\n", error->message);
      return EXIT_FAILURE;
    }
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  /* The one line a parent process waits for. */
  printf ("READY %s\n", server->base_url);
  fflush (stdout);
  g_main_loop_run (loop);
  g_free (options.data_dir);
  g_free (options.api_key);
  g_free (options.seed_history);
  return EXIT_SUCCESS;
}
