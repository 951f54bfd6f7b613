/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-chat-stream.h"

#include "convai-chat-reply.h"
#include "convai-error.h"
#include "convai-error-private.h"
#include "convai-json-private.h"
#include "convai-sse-request-private.h"
#include "convai-stream-private.h"

#include <string.h>

/* What one reply may hold: Convai's replies are some sentences and a
 * minute or two of speech. A server that streams on and on (a fault, or
 * worse) is stopped there, with what came kept, rather than read into
 * memory without end. The event stream as a whole is capped too
 * (convai-sse-reader.c). */
#define MAX_REPLY_TEXT_BYTES  (1024 * 1024)
#define MAX_REPLY_AUDIO_BYTES (32 * 1024 * 1024)

struct _ConvaiChatStream
{
  GObject          parent_instance;
  ConvaiSseRequest request;
  GString         *text;
  char            *session_id;
  char            *user_query;
  GError          *pending_error;  /* a bad plain reply, or one too long: it stops the reading */
  guint64          audio_bytes;    /* of speech so far, decoded */
  guint            n_skipped;      /* events that could not be read, skipped */
  GError          *error;
  gboolean         complete;       /* the final event ("tag") arrived */
  gboolean         finished;
};

G_DEFINE_FINAL_TYPE (ConvaiChatStream, convai_chat_stream, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_SESSION_ID,
  PROP_USER_QUERY,
  PROP_FINISHED,
  PROP_N_SKIPPED,
  N_PROPS
};

enum {
  SIGNAL_SESSION_ID,
  SIGNAL_USER_QUERY,
  SIGNAL_TEXT_DELTA,
  SIGNAL_AUDIO_CHUNK,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
convai_chat_stream_dispose (GObject *object)
{
  ConvaiChatStream *self = CONVAI_CHAT_STREAM (object);

  convai_sse_request_stop (&self->request);
  G_OBJECT_CLASS (convai_chat_stream_parent_class)->dispose (object);
}

static void
convai_chat_stream_finalize (GObject *object)
{
  ConvaiChatStream *self = CONVAI_CHAT_STREAM (object);

  convai_sse_request_clear (&self->request);
  g_string_free (self->text, TRUE);
  g_free (self->session_id);
  g_free (self->user_query);
  g_clear_error (&self->pending_error);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (convai_chat_stream_parent_class)->finalize (object);
}

static void
convai_chat_stream_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ConvaiChatStream *self = CONVAI_CHAT_STREAM (object);

  switch (prop_id)
    {
    case PROP_TEXT: g_value_set_string (value, self->text->str); break;
    case PROP_SESSION_ID: g_value_set_string (value, self->session_id); break;
    case PROP_USER_QUERY: g_value_set_string (value, self->user_query); break;
    case PROP_FINISHED: g_value_set_boolean (value, self->finished); break;
    case PROP_N_SKIPPED: g_value_set_uint (value, self->n_skipped); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convai_chat_stream_class_init (ConvaiChatStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = convai_chat_stream_dispose;
  object_class->finalize = convai_chat_stream_finalize;
  object_class->get_property = convai_chat_stream_get_property;

  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, "", ro);
  properties[PROP_SESSION_ID] = g_param_spec_string ("session-id", NULL, NULL, NULL, ro);
  properties[PROP_USER_QUERY] = g_param_spec_string ("user-query", NULL, NULL, NULL, ro);
  properties[PROP_FINISHED] = g_param_spec_boolean ("finished", NULL, NULL, FALSE, ro);
  properties[PROP_N_SKIPPED] = g_param_spec_uint ("n-skipped", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SESSION_ID] =
    g_signal_new ("session-id", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_USER_QUERY] =
    g_signal_new ("user-query", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_TEXT_DELTA] =
    g_signal_new ("text-delta", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_AUDIO_CHUNK] =
    g_signal_new ("audio-chunk", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BYTES, G_TYPE_UINT);
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
convai_chat_stream_init (ConvaiChatStream *self)
{
  self->text = g_string_new (NULL);
}

ConvaiChatStream *
convai_chat_stream_new (ConvaiClient *client,
                        SoupMessage  *message,
                        GError       *error,
                        GCancellable *cancellable)
{
  ConvaiChatStream *self = g_object_new (CONVAI_TYPE_CHAT_STREAM, NULL);

  convai_sse_request_init (&self->request, client, message, error, cancellable);
  return self;
}

static void
set_session_id (ConvaiChatStream *self,
                const char       *session_id)
{
  if (g_strcmp0 (self->session_id, session_id) == 0)
    return;
  g_free (self->session_id);
  self->session_id = g_strdup (session_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_ID]);
  g_signal_emit (self, signals[SIGNAL_SESSION_ID], 0, session_id);
}

static void
set_user_query (ConvaiChatStream *self,
                const char       *user_query)
{
  g_free (self->user_query);
  self->user_query = g_strdup (user_query);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_QUERY]);
  g_signal_emit (self, signals[SIGNAL_USER_QUERY], 0, user_query);
}

static void stop_with_error (ConvaiChatStream *self, GError *error);

static void
append_text (ConvaiChatStream *self,
             const char       *delta)
{
  gsize len = strlen (delta);

  if (len == 0 || self->pending_error != NULL)
    return;
  if (self->text->len + len > MAX_REPLY_TEXT_BYTES)
    {
      stop_with_error (self, g_error_new (CONVAI_ERROR, CONVAI_ERROR_PROTOCOL,
                                          "The reply went on past %d KiB of text; the rest was not read",
                                          MAX_REPLY_TEXT_BYTES / 1024));
      return;
    }
  g_string_append_len (self->text, delta, len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  g_signal_emit (self, signals[SIGNAL_TEXT_DELTA], 0, delta);
}

GBytes *
convai_base64_decode_bytes (const char *text,
                            gsize       len)
{
  /* Step in slices: the decoder's state carries partial quads across. */
  const gsize slice = 64 * 1024;
  guchar *out = g_malloc ((len / 4) * 3 + 3);
  gsize written = 0;
  int state = 0;
  guint save = 0;

  for (gsize done = 0; done < len; done += slice)
    written += g_base64_decode_step (text + done, MIN (slice, len - done),
                                     out + written, &state, &save);
  return g_bytes_new_take (g_realloc (out, MAX (written, 1)), written);
}

/* sample_rate comes as a number or as its text; 0 when absent. */
static guint
event_sample_rate (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "sample_rate");
  guint64 rate = 0;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return CLAMP (json_node_get_int (node), 0, G_MAXUINT);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXUINT, &rate, NULL);
  return (guint) rate;
}

static gboolean
handle_audio (ConvaiChatStream  *self,
              JsonObject        *object,
              GError           **error)
{
  g_autoptr(GBytes) wav = NULL;
  const char *audio;

  if (!convai_json_optional_string (object, "audio", &audio, error))
    return FALSE;
  if (audio == NULL || *audio == '\0' || self->pending_error != NULL)
    return TRUE;
  wav = convai_base64_decode_bytes (audio, strlen (audio));
  self->audio_bytes += g_bytes_get_size (wav);
  if (self->audio_bytes > MAX_REPLY_AUDIO_BYTES)
    {
      stop_with_error (self, g_error_new (CONVAI_ERROR, CONVAI_ERROR_PROTOCOL,
                                          "The reply’s speech went on past %d MiB; the rest was not read",
                                          MAX_REPLY_AUDIO_BYTES / (1024 * 1024)));
      return TRUE;
    }
  g_signal_emit (self, signals[SIGNAL_AUDIO_CHUNK], 0, wav, event_sample_rate (object));
  return TRUE;
}

/* One event: any of sessionID, UserQuery, text, audio (+ sample_rate),
 * tag; unknown fields (actionSequence...) are ignored. */
static gboolean
handle_event_object (ConvaiChatStream  *self,
                     JsonObject        *object,
                     GError           **error)
{
  const char *session_id, *user_query, *text;

  if (!convai_json_optional_string (object, "sessionID", &session_id, error)
      || !convai_json_optional_string (object, "UserQuery", &user_query, error)
      || !convai_json_optional_string (object, "text", &text, error))
    return FALSE;
  if (session_id != NULL)
    set_session_id (self, session_id);
  if (user_query != NULL)
    set_user_query (self, user_query);
  if (text != NULL)
    append_text (self, text);
  if (!handle_audio (self, object, error))
    return FALSE;
  if (json_object_has_member (object, "tag"))
    self->complete = TRUE;
  return TRUE;
}

static void
stop_with_error (ConvaiChatStream *self,
                 GError           *error)
{
  if (self->pending_error == NULL)
    self->pending_error = error;
  else
    g_error_free (error);
  g_cancellable_cancel (self->request.cancellable);
}

static void
event_cb (const char *event_type,
          const char *data,
          gsize       len,
          gpointer    user_data)
{
  ConvaiChatStream *self = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonObject *object;

  if (self->pending_error != NULL)
    return;
  /* One unreadable event is one lost part of the reply, not the end of
   * it: the words after it still come. It is counted, so it can be told. */
  if (!(root = convai_json_parse (data, len, &error))
      || !(object = convai_json_node_object (root, "event", &error))
      || !handle_event_object (self, object, &error))
    {
      g_debug ("Skipping an unreadable getResponse event: %s", error->message);
      g_error_free (error);
      self->n_skipped++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SKIPPED]);
    }
}

guint
convai_chat_stream_get_n_skipped (ConvaiChatStream *self)
{
  g_return_val_if_fail (CONVAI_IS_CHAT_STREAM (self), 0);
  return self->n_skipped;
}

/* A server that ignored stream=True answers one JSON reply: replay it as
 * events, so callers see the same thing either way. */
static void
replay_plain_reply (ConvaiChatStream *self,
                    GBytes           *body)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ConvaiChatReply) reply = NULL;
  GError *error = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);

  if (!(root = convai_json_parse (data, len, &error))
      || !(reply = convai_chat_reply_new_from_json (root, &error)))
    {
      stop_with_error (self, error);
      return;
    }
  set_session_id (self, convai_chat_reply_get_session_id (reply));
  if (convai_chat_reply_get_user_query (reply) != NULL)
    set_user_query (self, convai_chat_reply_get_user_query (reply));
  append_text (self, convai_chat_reply_get_text (reply));
  if (convai_chat_reply_get_audio (reply) != NULL)
    g_signal_emit (self, signals[SIGNAL_AUDIO_CHUNK], 0, convai_chat_reply_get_audio (reply),
                   convai_chat_reply_get_sample_rate (reply));
  self->complete = TRUE;
}

static void
plain_cb (GBytes   *body,
          gpointer  user_data)
{
  replay_plain_reply (CONVAI_CHAT_STREAM (user_data), body);
  g_bytes_unref (body);
}

static void
finish_with (ConvaiChatStream *self,
             GError           *error)
{
  g_assert (!self->finished);
  self->finished = TRUE;
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, error);
}

static void
done_cb (const GError *error,
         gpointer      user_data)
{
  ConvaiChatStream *self = user_data;

  if (self->pending_error != NULL)
    finish_with (self, g_steal_pointer (&self->pending_error));
  else if (error != NULL)
    finish_with (self, g_error_copy (error));
  else if (!self->complete)
    finish_with (self, convai_error_new_cut (NULL));
  else
    finish_with (self, NULL);
}

void
convai_chat_stream_start (ConvaiChatStream *self)
{
  g_return_if_fail (CONVAI_IS_CHAT_STREAM (self));
  g_return_if_fail (!self->request.started);

  convai_sse_request_start (&self->request, G_OBJECT (self), event_cb, plain_cb, done_cb);
}

void
convai_chat_stream_cancel (ConvaiChatStream *self)
{
  g_return_if_fail (CONVAI_IS_CHAT_STREAM (self));
  g_cancellable_cancel (self->request.cancellable);
}

const char *
convai_chat_stream_get_text (ConvaiChatStream *self)
{
  g_return_val_if_fail (CONVAI_IS_CHAT_STREAM (self), NULL);
  return self->text->str;
}

const char *
convai_chat_stream_get_session_id (ConvaiChatStream *self)
{
  g_return_val_if_fail (CONVAI_IS_CHAT_STREAM (self), NULL);
  return self->session_id;
}

const char *
convai_chat_stream_get_user_query (ConvaiChatStream *self)
{
  g_return_val_if_fail (CONVAI_IS_CHAT_STREAM (self), NULL);
  return self->user_query;
}

gboolean
convai_chat_stream_get_finished (ConvaiChatStream *self)
{
  g_return_val_if_fail (CONVAI_IS_CHAT_STREAM (self), FALSE);
  return self->finished;
}

const GError *
convai_chat_stream_get_error (ConvaiChatStream *self)
{
  g_return_val_if_fail (CONVAI_IS_CHAT_STREAM (self), NULL);
  return self->error;
}
