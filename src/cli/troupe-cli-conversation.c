/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-cli-conversation.h"

#include <gio/gunixinputstream.h>
#include <stdio.h>
#include <unistd.h>

typedef struct
{
  TroupeCli        *cli;
  ConvaiClient     *client;
  char             *char_id;
  char             *session_id;   /* NULL until the server gave one */
  GDataInputStream *input;
  ConvaiChatStream *stream;
  gboolean          prompt;
} Conversation;

static void read_next_line (Conversation *conversation);

static void
conversation_end (Conversation *conversation,
                  GError       *error)
{
  TroupeCli *cli = conversation->cli;

  g_clear_object (&conversation->stream);
  g_clear_object (&conversation->input);
  g_clear_object (&conversation->client);
  g_free (conversation->char_id);
  g_free (conversation->session_id);
  g_free (conversation);
  troupe_cli_finish (cli, error);
}

static void
session_id_cb (ConvaiChatStream *stream,
               const char       *session_id,
               Conversation     *conversation)
{
  if (g_strcmp0 (session_id, conversation->session_id) == 0)
    return;
  g_free (conversation->session_id);
  conversation->session_id = g_strdup (session_id);
  g_printerr ("Session: %s\n", session_id);
}

static void
text_delta_cb (ConvaiChatStream *stream,
               const char       *delta,
               Conversation     *conversation)
{
  fputs (delta, stdout);
  fflush (stdout);
}

static void
reply_finished_cb (ConvaiChatStream *stream,
                   const GError     *error,
                   Conversation     *conversation)
{
  g_signal_handlers_disconnect_by_data (stream, conversation);
  g_print ("\n");
  if (error != NULL)
    {
      conversation_end (conversation, g_error_copy (error));
      return;
    }
  g_clear_object (&conversation->stream);
  read_next_line (conversation);
}

static void
send_line (Conversation *conversation,
           const char   *line)
{
  g_autoptr(ConvaiChatRequest) request =
    convai_chat_request_new_text (conversation->char_id, conversation->session_id, line);

  conversation->stream = convai_client_stream_response (conversation->client, request,
                                                        conversation->cli->cancellable);
  g_signal_connect (conversation->stream, "session-id", G_CALLBACK (session_id_cb), conversation);
  g_signal_connect (conversation->stream, "text-delta", G_CALLBACK (text_delta_cb), conversation);
  g_signal_connect (conversation->stream, "finished", G_CALLBACK (reply_finished_cb), conversation);
  convai_chat_stream_start (conversation->stream);
}

static void
line_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Conversation *conversation = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, &error);
  if (error != NULL)
    {
      conversation_end (conversation, g_steal_pointer (&error));
      return;
    }
  if (line == NULL)
    {
      /* End of input: a clean end of the conversation. */
      if (conversation->prompt)
        g_print ("\n");
      conversation_end (conversation, NULL);
      return;
    }
  g_strstrip (line);
  if (line[0] == '\0')
    read_next_line (conversation);
  else
    send_line (conversation, line);
}

static void
read_next_line (Conversation *conversation)
{
  if (conversation->prompt)
    {
      g_print ("> ");
      fflush (stdout);
    }
  g_data_input_stream_read_line_async (conversation->input, G_PRIORITY_DEFAULT,
                                       conversation->cli->cancellable, line_read_cb, conversation);
}

void
troupe_cli_conversation_start (TroupeCli    *cli,
                               ConvaiClient *client,
                               const char   *char_id,
                               const char   *session_id)
{
  Conversation *conversation = g_new0 (Conversation, 1);
  g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);

  conversation->cli = cli;
  conversation->client = g_object_ref (client);
  conversation->char_id = g_strdup (char_id);
  conversation->session_id = g_strdup (session_id);
  conversation->input = g_data_input_stream_new (in);
  /* A prompt only for a person at a terminal, not for a script's pipe. */
  conversation->prompt = isatty (STDIN_FILENO) && isatty (STDOUT_FILENO);
  if (conversation->prompt)
    g_printerr ("Talking to %s. One message per line; Ctrl+D ends.\n", char_id);
  read_next_line (conversation);
}
