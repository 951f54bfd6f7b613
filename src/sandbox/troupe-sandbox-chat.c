/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-chat.h"

#include <string.h>

#include "troupe-sandbox-chat-private.h"
#include "troupe-sandbox-reply.h"
#include "troupe-sandbox-responder.h"
#include "troupe-sandbox-speech.h"
#include "troupe-sandbox-voices.h"
#include "troupe-sandbox-wav.h"

#define BOTH_OR_NEITHER "Expecting only one; either an audio file or user's query as a string"
#define CORPUS_SENTENCES 2000

static void
exchange_free (TroupeSandboxExchange *exchange)
{
  if (exchange->request != NULL)
    g_signal_handlers_disconnect_by_data (exchange->request->msg, exchange);
  troupe_sandbox_request_unref (exchange->request);
  troupe_sandbox_character_free (exchange->character);
  g_free (exchange->session_id);
  g_free (exchange->user_text);
  g_clear_pointer (&exchange->audio_in, g_bytes_unref);
  g_free (exchange->reply);
  g_clear_pointer (&exchange->audio_out, g_bytes_unref);
  g_free (exchange);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroupeSandboxExchange, exchange_free)

/* The character's own sentences (backstory first, then its knowledge),
 * so the recogniser expects its words. */
static GPtrArray *
character_corpus (TroupeSandboxStore           *store,
                  const TroupeSandboxCharacter *character)
{
  GPtrArray *sentences = troupe_sandbox_store_sentences (store, character->id, CORPUS_SENTENCES);

  g_ptr_array_add (sentences, g_strdup (character->name));
  return sentences;
}

static gboolean
transcribe (TroupeSandboxExchange            *exchange,
            TroupeSandboxStore  *store,
            GError             **error)
{
  g_autoptr(GPtrArray) corpus = character_corpus (store, exchange->character);

  exchange->user_text = troupe_sandbox_speech_transcribe (exchange->audio_in, corpus, error);
  return exchange->user_text != NULL;
}

/* "Tell me more" continues the session's last real question, skipping
 * what the character already said about it. */
static char *
compose_reply (TroupeSandboxStore *store,
               TroupeSandboxExchange           *exchange)
{
  g_autoptr(GPtrArray) interactions = NULL;
  g_autoptr(GString) said = g_string_new (NULL);
  const char *previous = NULL;

  if (!troupe_sandbox_responder_is_continuation (exchange->user_text))
    return troupe_sandbox_responder_reply (store, exchange->character, exchange->user_text);
  interactions = troupe_sandbox_store_list_interactions (store, exchange->character->id, exchange->session_id);
  for (guint i = interactions->len; i > 0 && previous == NULL; i--)
    {
      TroupeSandboxInteraction *interaction = g_ptr_array_index (interactions, i - 1);

      g_string_append_printf (said, "%s\n", interaction->character_text);
      if (!troupe_sandbox_responder_is_continuation (interaction->user_text))
        previous = interaction->user_text;
    }
  return troupe_sandbox_responder_continue (store, exchange->character, previous, said->str);
}

static void
compose_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TroupeSandboxExchange *exchange = task_data;
  TroupeSandboxStore *store = exchange->request->server->store;
  GError *error = NULL;

  if (exchange->audio_in != NULL && !transcribe (exchange, store, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  exchange->reply = compose_reply (store, exchange);
  troupe_sandbox_store_add_interaction (store, exchange->character->id, exchange->session_id,
                                        exchange->user_text, exchange->reply, FALSE);
  if (exchange->voice && !exchange->stream)
    {
      g_autofree char *voice = troupe_sandbox_voices_espeak_name (exchange->character->voice_type,
                                                                  exchange->character->language_codes[0]);

      exchange->audio_out = troupe_sandbox_speech_synthesize (exchange->reply, voice, &error);
      if (exchange->audio_out == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

/* ---- whole replies ---- */

static void
reply_whole (TroupeSandboxExchange *exchange)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "charID", exchange->character->id);
  json_object_set_string_member (object, "text", exchange->reply);
  if (exchange->audio_out != NULL)
    {
      g_autofree char *base64 = g_base64_encode (g_bytes_get_data (exchange->audio_out, NULL),
                                                 g_bytes_get_size (exchange->audio_out));
      g_autofree char *rate = g_strdup_printf ("%d", TROUPE_SANDBOX_SPEECH_RATE);

      json_object_set_string_member (object, "audio", base64);
      json_object_set_string_member (object, "sample_rate", rate);
    }
  else
    {
      json_object_set_null_member (object, "audio");
      json_object_set_null_member (object, "sample_rate");
    }
  json_object_set_string_member (object, "sessionID", exchange->session_id);
  if (exchange->audio_in != NULL)
    json_object_set_string_member (object, "UserQuery", exchange->user_text);
  troupe_sandbox_reply_object (exchange->request->msg, SOUP_STATUS_OK, object);
}

/* ---- the request ---- */

static void
reply_failure (TroupeSandboxExchange *exchange,
               GError   *error)
{
  SoupServerMessage *msg = exchange->request->msg;

  if (g_error_matches (error, TROUPE_SANDBOX_SPEECH_ERROR, TROUPE_SANDBOX_SPEECH_ERROR_MISSING_PLUGIN))
    troupe_sandbox_reply_message (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "INTERNAL_ERROR", error->message);
  else
    troupe_sandbox_reply_message (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", error->message);
}

static void
composed_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  TroupeSandboxExchange *exchange = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (exchange->client_gone)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      soup_server_message_unpause (exchange->request->msg);
      reply_failure (exchange, error);
    }
  else if (exchange->stream)
    troupe_sandbox_chat_reply_streamed (exchange);
  else
    {
      soup_server_message_unpause (exchange->request->msg);
      reply_whole (exchange);
    }
}

static void
client_gone_cb (TroupeSandboxExchange *exchange)
{
  exchange->client_gone = TRUE;
}

static void
reply_unknown_character (TroupeSandboxRequest *request,
                         const char           *id)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *text = g_strdup_printf ("process_failure, error: character %s not found",
                                           id != NULL ? id : "(none)");

  json_object_set_string_member (object, "charID", id != NULL ? id : "");
  json_object_set_string_member (object, "text", text);
  troupe_sandbox_reply_object (request->msg, SOUP_STATUS_NOT_FOUND, object);
}

static char *
session_for (TroupeSandboxRequest *request)
{
  const char *session = troupe_sandbox_request_field (request, "sessionID");

  if (session == NULL || strcmp (session, "-1") == 0)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      GString *hex = g_string_new (NULL);

      for (const char *p = uuid; *p; p++)
        if (*p != '-')
          g_string_append_c (hex, *p);
      return g_string_free (hex, FALSE);
    }
  return g_strdup (session);
}

static void
handle_get_response (TroupeSandboxRequest *request)
{
  const char *text = troupe_sandbox_request_field (request, "userText");
  const char *id = troupe_sandbox_request_field (request, "charID");
  g_autoptr(TroupeSandboxExchange) exchange = NULL;
  g_autofree char *wav_error = NULL;
  g_autoptr(GTask) task = NULL;

  if ((text != NULL) == (request->file != NULL))
    {
      troupe_sandbox_reply_message (request->msg, SOUP_STATUS_BAD_REQUEST, "ERROR", BOTH_OR_NEITHER);
      return;
    }
  if (request->file != NULL && !troupe_sandbox_wav_check_input (request->file, &wav_error))
    {
      troupe_sandbox_reply_message (request->msg, SOUP_STATUS_BAD_REQUEST, "ERROR", wav_error);
      return;
    }
  exchange = g_new0 (TroupeSandboxExchange, 1);
  exchange->character = id ? troupe_sandbox_store_get_character (request->server->store, id) : NULL;
  if (exchange->character == NULL)
    {
      reply_unknown_character (request, id);
      return;
    }
  exchange->request = troupe_sandbox_request_ref (request);
  exchange->session_id = session_for (request);
  exchange->user_text = g_strdup (text);
  exchange->audio_in = request->file ? g_bytes_ref (request->file) : NULL;
  exchange->voice = troupe_sandbox_request_flag (request, "voiceResponse");
  exchange->stream = troupe_sandbox_request_flag (request, "stream");
  soup_server_message_pause (request->msg);
  g_signal_connect_swapped (request->msg, "finished", G_CALLBACK (client_gone_cb), exchange);
  task = g_task_new (NULL, NULL, composed_cb, NULL);
  g_task_set_task_data (task, g_steal_pointer (&exchange), (GDestroyNotify) exchange_free);
  troupe_sandbox_server_run_in_thread (request->server, task, compose_thread);
}

void
troupe_sandbox_chat_register (TroupeSandboxServer *server)
{
  troupe_sandbox_server_route (server, "POST", "/character/getResponse", handle_get_response);
}
