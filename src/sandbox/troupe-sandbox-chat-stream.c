/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-chat-private.h"

#include "troupe-sandbox-speech.h"
#include "troupe-sandbox-sse.h"
#include "troupe-sandbox-text.h"
#include "troupe-sandbox-voices.h"

#define WORD_INTERVAL_MS 8

typedef struct
{
  TroupeSandboxSse *sse;
  char             *payload;   /* NULL: the end */
} StreamEvent;

static gboolean
deliver_event_cb (gpointer user_data)
{
  StreamEvent *event = user_data;

  if (event->payload != NULL)
    troupe_sandbox_sse_queue (event->sse, event->payload);
  else
    troupe_sandbox_sse_queue_end (event->sse);
  troupe_sandbox_sse_unref (event->sse);
  g_free (event->payload);
  g_free (event);
  return G_SOURCE_REMOVE;
}

/* From a worker thread to the SSE writer, which lives on the main loop. */
static void
deliver_event (TroupeSandboxSse *sse,
               char             *payload)
{
  StreamEvent *event = g_new0 (StreamEvent, 1);

  event->sse = troupe_sandbox_sse_ref (sse);
  event->payload = payload;
  g_idle_add (deliver_event_cb, event);
}

static char *
audio_event (GBytes *wav)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *base64 = g_base64_encode (g_bytes_get_data (wav, NULL), g_bytes_get_size (wav));

  json_object_set_string_member (object, "audio", base64);
  json_object_set_int_member (object, "sample_rate", TROUPE_SANDBOX_SPEECH_RATE);
  node = json_node_init_object (json_node_alloc (), object);
  return json_to_string (node, FALSE);
}

static char *
error_event (const char *message)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  json_object_set_string_member (object, "ERROR", message);
  node = json_node_init_object (json_node_alloc (), object);
  return json_to_string (node, FALSE);
}

static char *
end_event (void)
{
  return g_strdup ("{\"tag\":\"end\"}");
}

typedef struct
{
  TroupeSandboxSse *sse;
  char             *reply;
  char             *voice;
} Speaking;

static void
speaking_free (Speaking *speaking)
{
  troupe_sandbox_sse_unref (speaking->sse);
  g_free (speaking->reply);
  g_free (speaking->voice);
  g_free (speaking);
}

/* One audio event per sentence, each a complete WAV, then the end. */
static void
speak_sentences_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  Speaking *speaking = task_data;
  g_autoptr(GPtrArray) sentences = troupe_sandbox_text_sentences (speaking->reply);
  GCancellable *gone = troupe_sandbox_sse_get_cancellable (speaking->sse);

  for (guint i = 0; i < sentences->len && !g_cancellable_is_cancelled (gone); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) wav = troupe_sandbox_speech_synthesize (g_ptr_array_index (sentences, i),
                                                                speaking->voice, &error);

      if (wav == NULL)
        {
          deliver_event (speaking->sse, error_event (error->message));
          break;
        }
      deliver_event (speaking->sse, audio_event (wav));
    }
  deliver_event (speaking->sse, end_event ());
  deliver_event (speaking->sse, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
speak_in_background (TroupeSandboxExchange         *exchange,
                     TroupeSandboxSse *sse)
{
  Speaking *speaking = g_new0 (Speaking, 1);
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  speaking->sse = troupe_sandbox_sse_ref (sse);
  speaking->reply = g_strdup (exchange->reply);
  speaking->voice = troupe_sandbox_voices_espeak_name (exchange->character->voice_type,
                                                       exchange->character->language_codes[0]);
  g_task_set_task_data (task, speaking, (GDestroyNotify) speaking_free);
  troupe_sandbox_server_run_in_thread (exchange->request->server, task, speak_sentences_thread);
}

static void
queue_words (TroupeSandboxSse *sse,
             const char       *reply,
             int               malformed_word)
{
  g_auto(GStrv) words = g_strsplit (reply, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autofree char *chunk = NULL;

      /* --fault-malformed-event: an event cut off mid-object, as a broken
       * proxy or server might send; the words themselves all follow. */
      if ((int) i == malformed_word)
        troupe_sandbox_sse_queue (sse, "{\"text\": \"unfinished");
      if (*words[i] == '\0')
        continue;
      chunk = g_strconcat (words[i], " ", NULL);
      json_object_set_string_member (object, "text", chunk);
      troupe_sandbox_sse_queue_json (sse, object);
    }
}

void
troupe_sandbox_chat_reply_streamed (TroupeSandboxExchange *exchange)
{
  TroupeSandboxServer *server = exchange->request->server;
  g_autoptr(TroupeSandboxSse) sse = troupe_sandbox_sse_new (exchange->request->msg, WORD_INTERVAL_MS,
                                                            server->faults->cut_stream_after);
  g_autoptr(JsonObject) first = json_object_new ();

  json_object_set_string_member (first, "sessionID", exchange->session_id);
  if (exchange->audio_in != NULL)
    json_object_set_string_member (first, "UserQuery", exchange->user_text);
  troupe_sandbox_sse_queue_json (sse, first);
  queue_words (sse, exchange->reply, server->faults->malformed_word);
  if (exchange->voice)
    speak_in_background (exchange, sse);
  else
    {
      g_autofree char *end = end_event ();

      troupe_sandbox_sse_queue (sse, end);
      troupe_sandbox_sse_queue_end (sse);
    }
}

