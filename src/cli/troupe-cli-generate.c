/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The generators: conversation starters and backstories. */
#include "troupe-cli-commands.h"
#include "troupe-cli-output.h"

#include <stdio.h>

/* ---- starters ---- */

/* The suggestions that arrived whole are printed even when the stream was
 * cut (exit 4 then, and stderr says so): a half line never is. */
static void
starters_finished_cb (ConvaiTextStream *stream,
                      const GError     *error,
                      TroupeCli        *cli)
{
  const char * const *starters = convai_text_stream_get_lines (stream);

  g_signal_handlers_disconnect_by_data (stream, cli);
  if (error == NULL || convai_error_is_cut (error))
    {
      if (cli->json)
        {
          g_autoptr(JsonArray) array = json_array_new ();
          g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

          for (guint i = 0; starters[i] != NULL; i++)
            json_array_add_string_element (array, starters[i]);
          json_node_set_array (node, array);
          troupe_cli_print_json (node);
        }
      else
        for (guint i = 0; starters[i] != NULL; i++)
          g_print ("%s\n", starters[i]);
    }
  troupe_cli_finish (cli, error != NULL ? g_error_copy (error) : NULL);
  /* The stream was kept alive by the reference taken at start. */
  g_object_unref (stream);
}

void
troupe_cli_starters_run (TroupeCli  *cli,
                         char      **argv)
{
  g_autofree char *session_id = NULL;
  const GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_STRING, &session_id, "Suggest how to go on in session ID (default: openers)", "ID" },
    { NULL }
  };
  ConvaiClient *client;
  ConvaiTextStream *stream;

  if (!troupe_cli_parse_command (cli, &argv, "CHAR_ID",
                                 "Suggest things to say to a character, one per line.",
                                 NULL, entries, 1, 1))
    return;
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  stream = convai_client_stream_starters (client, argv[1], session_id, cli->cancellable);
  g_signal_connect (stream, "finished", G_CALLBACK (starters_finished_cb), cli);
  convai_text_stream_start (stream);
}

/* ---- backstory ---- */

static void
backstory_delta_cb (ConvaiTextStream *stream,
                    const char       *data,
                    TroupeCli        *cli)
{
  if (cli->json)
    return;
  fputs (data, stdout);
  fflush (stdout);
}

static void
backstory_finished_cb (ConvaiTextStream *stream,
                       const GError     *error,
                       TroupeCli        *cli)
{
  g_signal_handlers_disconnect_by_data (stream, cli);
  if (cli->json && (error == NULL || convai_error_is_cut (error)))
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_string_member (object, "backstory", convai_text_stream_get_text (stream));
      /* Only what arrived before the connection was cut. */
      if (error != NULL)
        json_object_set_boolean_member (object, "cut", TRUE);
      json_node_set_object (node, object);
      troupe_cli_print_json (node);
    }
  else if (!cli->json)
    g_print ("\n");
  troupe_cli_finish (cli, error != NULL ? g_error_copy (error) : NULL);
  /* The stream was kept alive by the reference taken at start. */
  g_object_unref (stream);
}

void
troupe_cli_backstory_run (TroupeCli  *cli,
                          char      **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *input = NULL;
  const GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, "The character's name (required)", "NAME" },
    { NULL }
  };
  ConvaiClient *client;
  ConvaiTextStream *stream;

  if (!troupe_cli_parse_command (cli, &argv, "DESCRIPTION…",
                                 "Generate a backstory from a short description; printed as it arrives.",
                                 NULL, entries, 1, G_MAXUINT))
    return;
  if (name == NULL || name[0] == '\0')
    {
      troupe_cli_usage_failed (cli, "backstory: --name is required");
      return;
    }
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  input = g_strjoinv (" ", argv + 1);
  stream = convai_client_stream_backstory (client, input, name, cli->cancellable);
  g_signal_connect (stream, "delta", G_CALLBACK (backstory_delta_cb), cli);
  g_signal_connect (stream, "finished", G_CALLBACK (backstory_finished_cb), cli);
  convai_text_stream_start (stream);
}
