/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-cli-args.h"
#include "troupe-cli-commands.h"
#include "troupe-cli-conversation.h"
#include "troupe-cli-output.h"
#include "troupe-wav-join.h"

#include <stdio.h>

typedef struct
{
  TroupeCli        *cli;
  char             *char_id;
  char             *voice_out;
  ConvaiChatStream *stream;
  TroupeWavJoiner  *joiner;
  GError           *audio_error;
} Chat;

static void
chat_free (Chat *chat)
{
  g_free (chat->char_id);
  g_free (chat->voice_out);
  g_clear_object (&chat->stream);
  g_clear_pointer (&chat->joiner, troupe_wav_joiner_free);
  g_clear_error (&chat->audio_error);
  g_free (chat);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Chat, chat_free)

/* The reply object of the non-streamed call, without the audio (it went to
 * --voice-out, if anywhere): scripts want the text and the session. */
static void
print_reply_json (const char *char_id,
                  const char *text,
                  const char *session_id,
                  const char *user_query,
                  const char *voice_out,
                  gboolean    cut)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "charID");
  json_builder_add_string_value (builder, char_id);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "sessionID");
  json_builder_add_string_value (builder, session_id);
  if (user_query != NULL)
    {
      json_builder_set_member_name (builder, "UserQuery");
      json_builder_add_string_value (builder, user_query);
    }
  if (voice_out != NULL)
    {
      json_builder_set_member_name (builder, "audio_file");
      json_builder_add_string_value (builder, voice_out);
    }
  if (cut)
    {
      /* The text is only what arrived before the connection was cut. */
      json_builder_set_member_name (builder, "cut");
      json_builder_add_boolean_value (builder, TRUE);
    }
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  troupe_cli_print_json (node);
}

static void
announce_session (const char *session_id)
{
  /* On stderr, so stdout stays the reply alone; scripts pick it up to
   * continue the conversation with --session. */
  if (session_id != NULL)
    g_printerr ("Session: %s\n", session_id);
}

static void
announce_user_query (const char *transcript)
{
  if (transcript[0] == '\0')
    g_printerr ("You said: (nothing the server could make out)\n");
  else
    g_printerr ("You said: %s\n", transcript);
}

static gboolean
save_voice (Chat    *chat,
            GBytes  *wav,
            GError **error)
{
  if (chat->voice_out == NULL)
    return TRUE;
  if (wav == NULL || g_bytes_get_size (wav) == 0)
    {
      g_set_error_literal (error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL,
                           "The reply carried no audio to write to --voice-out");
      return FALSE;
    }
  if (!troupe_cli_write_output (chat->voice_out, wav, error))
    return FALSE;
  if (g_strcmp0 (chat->voice_out, "-") != 0)
    g_printerr ("Wrote %s\n", chat->voice_out);
  return TRUE;
}

/* ---- one reply ---- */

static void
response_finished_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Chat) chat = user_data;
  TroupeCli *cli = chat->cli;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvaiChatReply) reply = NULL;
  const char *user_query;

  reply = convai_client_get_response_finish (CONVAI_CLIENT (source), result, &error);
  if (reply == NULL)
    {
      troupe_cli_finish (cli, g_steal_pointer (&error));
      return;
    }
  user_query = convai_chat_reply_get_user_query (reply);
  if (user_query != NULL && !cli->json)
    announce_user_query (user_query);
  announce_session (convai_chat_reply_get_session_id (reply));
  if (!save_voice (chat, convai_chat_reply_get_audio (reply), &error))
    {
      troupe_cli_finish (cli, g_steal_pointer (&error));
      return;
    }
  if (cli->json)
    print_reply_json (convai_chat_reply_get_char_id (reply), convai_chat_reply_get_text (reply),
                      convai_chat_reply_get_session_id (reply), user_query, chat->voice_out, FALSE);
  else
    g_print ("%s\n", convai_chat_reply_get_text (reply));
  troupe_cli_finish (cli, NULL);
}

/* ---- streamed ---- */

static void
stream_session_id_cb (ConvaiChatStream *stream,
                      const char       *session_id,
                      Chat             *chat)
{
  announce_session (session_id);
}

static void
stream_user_query_cb (ConvaiChatStream *stream,
                      const char       *transcript,
                      Chat             *chat)
{
  if (!chat->cli->json)
    announce_user_query (transcript);
}

static void
stream_text_delta_cb (ConvaiChatStream *stream,
                      const char       *delta,
                      Chat             *chat)
{
  if (chat->cli->json)
    return;
  fputs (delta, stdout);
  fflush (stdout);
}

static void
stream_audio_chunk_cb (ConvaiChatStream *stream,
                       GBytes           *wav,
                       guint             sample_rate,
                       Chat             *chat)
{
  if (chat->joiner == NULL || chat->audio_error != NULL)
    return;
  troupe_wav_joiner_append (chat->joiner, wav, &chat->audio_error);
}

static void
stream_finished_cb (ConvaiChatStream *stream,
                    const GError     *stream_error,
                    Chat             *owned)
{
  g_autoptr(Chat) chat = owned;
  TroupeCli *cli = chat->cli;
  g_autoptr(GBytes) wav = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_by_data (stream, chat);
  if (!cli->json)
    g_print ("\n");
  /* A cut stream keeps what arrived: the text is already printed, or goes
   * into the JSON marked as cut; stderr and the exit code say so too. */
  if (stream_error != NULL)
    {
      if (cli->json && convai_error_is_cut (stream_error))
        print_reply_json (chat->char_id, convai_chat_stream_get_text (stream),
                          convai_chat_stream_get_session_id (stream),
                          convai_chat_stream_get_user_query (stream), NULL, TRUE);
      troupe_cli_finish (cli, g_error_copy (stream_error));
      return;
    }
  if (chat->audio_error != NULL)
    {
      troupe_cli_finish (cli, g_steal_pointer (&chat->audio_error));
      return;
    }
  if (chat->joiner != NULL)
    wav = troupe_wav_joiner_to_bytes (chat->joiner);
  if (!save_voice (chat, wav, &error))
    {
      troupe_cli_finish (cli, g_steal_pointer (&error));
      return;
    }
  if (cli->json)
    print_reply_json (chat->char_id, convai_chat_stream_get_text (stream), convai_chat_stream_get_session_id (stream),
                      convai_chat_stream_get_user_query (stream), chat->voice_out, FALSE);
  troupe_cli_finish (cli, NULL);
}

static void
start_stream (Chat                    *chat,
              ConvaiClient            *client,
              const ConvaiChatRequest *request)
{
  chat->stream = convai_client_stream_response (client, request, chat->cli->cancellable);
  if (chat->voice_out != NULL)
    chat->joiner = troupe_wav_joiner_new ();
  g_signal_connect (chat->stream, "session-id", G_CALLBACK (stream_session_id_cb), chat);
  g_signal_connect (chat->stream, "user-query", G_CALLBACK (stream_user_query_cb), chat);
  g_signal_connect (chat->stream, "text-delta", G_CALLBACK (stream_text_delta_cb), chat);
  g_signal_connect (chat->stream, "audio-chunk", G_CALLBACK (stream_audio_chunk_cb), chat);
  g_signal_connect (chat->stream, "finished", G_CALLBACK (stream_finished_cb), chat);
  convai_chat_stream_start (chat->stream);
}

/* ---- the command ---- */

/* The words after CHAR_ID, or stdin for "-". */
static char *
user_text_from_args (char    **words,
                     GError  **error)
{
  if (words[0] == NULL)
    return NULL;
  if (g_strcmp0 (words[0], "-") == 0 && words[1] == NULL)
    return troupe_cli_read_text ("-", error);
  return g_strjoinv (" ", words);
}

static void
start_interactive (TroupeCli   *cli,
                   char       **argv,
                   const char  *session_id,
                   gboolean     audio_options)
{
  ConvaiClient *client;

  if (argv[2] != NULL || audio_options || cli->json)
    {
      troupe_cli_usage_failed (cli, "chat --interactive takes its messages from stdin, as text: "
                                    "no TEXT, --wav, --voice-out, --sample-rate or --json");
      return;
    }
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  troupe_cli_conversation_start (cli, client, argv[1], session_id);
}

void
troupe_cli_chat_run (TroupeCli  *cli,
                     char      **argv)
{
  g_autofree char *wav_path = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *voice_out = NULL;
  g_autofree char *text = NULL;
  gboolean stream = FALSE;
  gboolean interactive = FALSE;
  int sample_rate = 0;
  const GOptionEntry entries[] = {
    { "wav", 'w', 0, G_OPTION_ARG_FILENAME, &wav_path, "Speak: send FILE (PCM WAV, mono, 16-bit) instead of text", "FILE" },
    { "stream", 's', 0, G_OPTION_ARG_NONE, &stream, "Print the reply word by word as it arrives", NULL },
    { "voice-out", 'o', 0, G_OPTION_ARG_FILENAME, &voice_out, "Ask for a spoken reply and write it to FILE (WAV)", "FILE" },
    { "session", 0, 0, G_OPTION_ARG_STRING, &session_id, "Continue session ID (default: a new session)", "ID" },
    { "sample-rate", 0, 0, G_OPTION_ARG_INT, &sample_rate, "Sample rate of the spoken reply", "HZ" },
    { "interactive", 'i', 0, G_OPTION_ARG_NONE, &interactive, "Converse: each line of stdin is a message, replies streamed, one session", NULL },
    { NULL }
  };
  g_autoptr(ConvaiChatRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) wav = NULL;
  ConvaiClient *client;
  Chat *chat;

  if (!troupe_cli_parse_command (cli, &argv, "CHAR_ID [TEXT…]",
                                 "Talk to a character: TEXT (\"-\" reads stdin), --wav FILE, or --interactive.",
                                 "The reply goes to stdout, the session id to stderr (“Session: ID”).",
                                 entries, 1, G_MAXUINT))
    return;
  if (interactive)
    {
      start_interactive (cli, argv, session_id, wav_path != NULL || voice_out != NULL || sample_rate != 0);
      return;
    }
  text = user_text_from_args (argv + 2, &error);
  if (error != NULL)
    {
      troupe_cli_finish (cli, g_steal_pointer (&error));
      return;
    }
  if ((text != NULL) == (wav_path != NULL) || (text != NULL && text[0] == '\0'))
    {
      troupe_cli_usage_failed (cli, "chat: give either TEXT or --wav FILE");
      return;
    }
  if (sample_rate < 0)
    {
      troupe_cli_usage_failed (cli, "chat: --sample-rate must be positive");
      return;
    }
  if (wav_path != NULL && (wav = troupe_cli_input_file (wav_path, &error)) == NULL)
    {
      troupe_cli_finish (cli, g_steal_pointer (&error));
      return;
    }
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;

  if (wav != NULL)
    request = convai_chat_request_new_audio (argv[1], session_id, wav);
  else
    request = convai_chat_request_new_text (argv[1], session_id, text);
  request->voice_response = voice_out != NULL;
  request->sample_rate = (guint) sample_rate;

  chat = g_new0 (Chat, 1);
  chat->cli = cli;
  chat->char_id = g_strdup (argv[1]);
  chat->voice_out = g_steal_pointer (&voice_out);
  if (stream)
    start_stream (chat, client, request);
  else
    convai_client_get_response_async (client, request, cli->cancellable, response_finished_cb, chat);
}
