/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-cli-args.h"
#include "troupe-cli-commands.h"
#include "troupe-cli-output.h"
#include "troupe-cli-transcript.h"
#include "troupe-transcript.h"

#include <stdio.h>
#include <string.h>

/* ---- list ---- */

static void
print_sessions (GListModel *sessions)
{
  const char *headers[] = { "SESSION", "DATE (UTC)", "IN MEMORY", NULL };
  g_autoptr(TroupeCliTable) table = troupe_cli_table_new (headers);
  guint n = g_list_model_get_n_items (sessions);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiSessionSummary) session = g_list_model_get_item (sessions, i);
      GDateTime *date_time = convai_session_summary_get_date_time (session);
      g_autofree char *when = date_time != NULL ? g_date_time_format (date_time, "%Y-%m-%d %H:%M:%S") : NULL;
      const char *row[] = {
        convai_session_summary_get_session_id (session),
        when != NULL ? when : "",
        convai_session_summary_get_is_added_to_memory (session) ? "yes" : "no",
        NULL
      };

      troupe_cli_table_add_row (table, row);
    }
  troupe_cli_table_print_or (table, "No sessions.");
}

static void
list_finished_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GError *error = NULL;
  g_autoptr(GListModel) sessions =
    convai_client_list_sessions_finish (CONVAI_CLIENT (source), result, &error);

  troupe_cli_finish_list (user_data, sessions, error,
                          (TroupeCliToJson) convai_session_summary_to_json,
                          (TroupeCliPrintFunc) print_sessions);
}

static void
list_run (TroupeCli  *cli,
          char      **argv)
{
  int limit = -1;
  const GOptionEntry entries[] = {
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, "Show at most N sessions (default: all)", "N" },
    { NULL }
  };
  ConvaiClient *client;

  if (!troupe_cli_parse_command (cli, &argv, "CHAR_ID", "List a character's chat sessions.",
                                 NULL, entries, 1, 1))
    return;
  if (limit == 0 || limit < -1)
    {
      troupe_cli_usage_failed (cli, "history list: --limit must be a positive number");
      return;
    }
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  convai_client_list_sessions_async (client, argv[1], limit, cli->cancellable, list_finished_cb, cli);
}

/* ---- show, export ---- */

typedef enum
{
  FORMAT_TEXT,
  FORMAT_MARKDOWN,
  FORMAT_JSON,
} TranscriptFormat;

typedef struct
{
  TroupeCli        *cli;
  char             *char_id;
  char             *session_id;
  TranscriptFormat  format;
  char             *output;   /* a path, or "-" for stdout */
} Transcript;

static void
transcript_free (Transcript *transcript)
{
  g_free (transcript->char_id);
  g_free (transcript->session_id);
  g_free (transcript->output);
  g_free (transcript);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Transcript, transcript_free)

static char *
render_transcript (Transcript *transcript,
                   GListModel *interactions)
{
  switch (transcript->format)
    {
    case FORMAT_MARKDOWN:
      return troupe_transcript_to_markdown (transcript->char_id, transcript->session_id, interactions);
    case FORMAT_JSON:
      return troupe_transcript_to_json (interactions);
    case FORMAT_TEXT:
    default:
      return troupe_cli_transcript_to_text (interactions);
    }
}

static void
session_finished_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Transcript) transcript = user_data;
  TroupeCli *cli = transcript->cli;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) interactions = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *text;

  interactions = convai_client_get_session_finish (CONVAI_CLIENT (source), result, &error);
  if (interactions == NULL)
    {
      troupe_cli_finish (cli, g_steal_pointer (&error));
      return;
    }
  text = render_transcript (transcript, interactions);
  bytes = g_bytes_new_take (text, strlen (text));
  if (!troupe_cli_write_output (transcript->output, bytes, &error))
    {
      troupe_cli_finish (cli, g_steal_pointer (&error));
      return;
    }
  if (g_strcmp0 (transcript->output, "-") != 0)
    g_printerr ("Wrote %s\n", transcript->output);
  troupe_cli_finish (cli, NULL);
}

static void
fetch_transcript (TroupeCli  *cli,
                  char      **argv,
                  Transcript *transcript)
{
  ConvaiClient *client = troupe_cli_get_client (cli);

  if (client == NULL)
    {
      transcript_free (transcript);
      return;
    }
  transcript->cli = cli;
  transcript->char_id = g_strdup (argv[1]);
  transcript->session_id = g_strdup (argv[2]);
  convai_client_get_session_async (client, transcript->char_id, transcript->session_id,
                                   cli->cancellable, session_finished_cb, transcript);
}

static void
show_run (TroupeCli  *cli,
          char      **argv)
{
  Transcript *transcript;

  if (!troupe_cli_parse_command (cli, &argv, "CHAR_ID SESSION_ID", "Show a session's transcript.",
                                 NULL, NULL, 2, 2))
    return;
  transcript = g_new0 (Transcript, 1);
  transcript->format = cli->json ? FORMAT_JSON : FORMAT_TEXT;
  transcript->output = g_strdup ("-");
  fetch_transcript (cli, argv, transcript);
}

static gboolean
parse_format (const char       *name,
              TranscriptFormat *format)
{
  if (name == NULL || g_ascii_strcasecmp (name, "markdown") == 0 || g_ascii_strcasecmp (name, "md") == 0)
    *format = FORMAT_MARKDOWN;
  else if (g_ascii_strcasecmp (name, "json") == 0)
    *format = FORMAT_JSON;
  else
    return FALSE;
  return TRUE;
}

static void
export_run (TroupeCli  *cli,
            char      **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, "markdown (default) or json", "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE instead of stdout", "FILE" },
    { NULL }
  };
  TranscriptFormat format;
  Transcript *transcript;

  if (!troupe_cli_parse_command (cli, &argv, "CHAR_ID SESSION_ID",
                                 "Export a session's transcript as Markdown or JSON.",
                                 NULL, entries, 2, 2))
    return;
  if (format_name == NULL && cli->json)
    format_name = g_strdup ("json");
  if (!parse_format (format_name, &format))
    {
      troupe_cli_usage_failed (cli, "history export: unknown format “%s” (markdown or json)", format_name);
      return;
    }
  transcript = g_new0 (Transcript, 1);
  transcript->format = format;
  transcript->output = output != NULL ? g_steal_pointer (&output) : g_strdup ("-");
  fetch_transcript (cli, argv, transcript);
}

/* ---- delete ---- */

static void
delete_finished_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  TroupeCli *cli = user_data;
  g_autoptr(GError) error = NULL;

  if (!convai_client_delete_sessions_finish (CONVAI_CLIENT (source), result, &error))
    {
      troupe_cli_finish (cli, g_steal_pointer (&error));
      return;
    }
  if (cli->json)
    troupe_cli_print_json_member ("status", "SUCCESSFULLY DELETED");
  else
    g_print ("Deleted.\n");
  troupe_cli_finish (cli, NULL);
}

static void
delete_run (TroupeCli  *cli,
            char      **argv)
{
  ConvaiClient *client;

  if (!troupe_cli_parse_command (cli, &argv, "CHAR_ID SESSION_ID…", "Delete chat sessions.",
                                 NULL, NULL, 2, G_MAXUINT))
    return;
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  convai_client_delete_sessions_async (client, argv[1], (const char * const *) argv + 2,
                                       cli->cancellable, delete_finished_cb, cli);
}

static const TroupeCliCommand commands[] = {
  { "list",   "List a character's sessions", list_run },
  { "show",   "Show a session's transcript", show_run },
  { "export", "Export a transcript as Markdown or JSON", export_run },
  { "delete", "Delete sessions", delete_run },
  { NULL }
};

void
troupe_cli_history_run (TroupeCli  *cli,
                        char      **argv)
{
  troupe_cli_run_group (cli, argv, "Read back and manage chat history.", commands);
}
