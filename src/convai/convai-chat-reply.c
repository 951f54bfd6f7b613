/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-chat-reply.h"

#include "convai-error.h"
#include "convai-json-private.h"

struct _ConvaiChatReply
{
  GObject  parent_instance;
  char    *char_id;
  char    *text;
  char    *session_id;
  GBytes  *audio;
  guint    sample_rate;
  char    *user_query;
};

G_DEFINE_FINAL_TYPE (ConvaiChatReply, convai_chat_reply, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHAR_ID,
  PROP_TEXT,
  PROP_SESSION_ID,
  PROP_AUDIO,
  PROP_SAMPLE_RATE,
  PROP_USER_QUERY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
convai_chat_reply_finalize (GObject *object)
{
  ConvaiChatReply *self = CONVAI_CHAT_REPLY (object);

  g_free (self->char_id);
  g_free (self->text);
  g_free (self->session_id);
  g_clear_pointer (&self->audio, g_bytes_unref);
  g_free (self->user_query);
  G_OBJECT_CLASS (convai_chat_reply_parent_class)->finalize (object);
}

static void
convai_chat_reply_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ConvaiChatReply *self = CONVAI_CHAT_REPLY (object);

  switch (prop_id)
    {
    case PROP_CHAR_ID: g_value_set_string (value, self->char_id); break;
    case PROP_TEXT: g_value_set_string (value, self->text); break;
    case PROP_SESSION_ID: g_value_set_string (value, self->session_id); break;
    case PROP_AUDIO: g_value_set_boxed (value, self->audio); break;
    case PROP_SAMPLE_RATE: g_value_set_uint (value, self->sample_rate); break;
    case PROP_USER_QUERY: g_value_set_string (value, self->user_query); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convai_chat_reply_class_init (ConvaiChatReplyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = convai_chat_reply_finalize;
  object_class->get_property = convai_chat_reply_get_property;
  properties[PROP_CHAR_ID] = g_param_spec_string ("char-id", NULL, NULL, NULL, ro);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, ro);
  properties[PROP_SESSION_ID] = g_param_spec_string ("session-id", NULL, NULL, NULL, ro);
  properties[PROP_AUDIO] = g_param_spec_boxed ("audio", NULL, NULL, G_TYPE_BYTES, ro);
  properties[PROP_SAMPLE_RATE] = g_param_spec_uint ("sample-rate", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_USER_QUERY] = g_param_spec_string ("user-query", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convai_chat_reply_init (ConvaiChatReply *self)
{
}

/* sample_rate is documented as a string ("22050"); accept a number too. */
static gboolean
parse_sample_rate (ConvaiChatReply  *self,
                   JsonObject       *object,
                   GError          **error)
{
  JsonNode *node = json_object_get_member (object, "sample_rate");
  guint64 rate = 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
      && json_node_get_int (node) > 0 && json_node_get_int (node) <= G_MAXUINT)
    rate = json_node_get_int (node);
  else if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
           || !g_ascii_string_to_unsigned (json_node_get_string (node), 10, 1, G_MAXUINT, &rate, NULL))
    {
      convai_json_set_field_error (error, "sample_rate", "is not a sample rate");
      return FALSE;
    }
  self->sample_rate = (guint) rate;
  return TRUE;
}

static gboolean
parse_audio (ConvaiChatReply  *self,
             JsonObject       *object,
             GError          **error)
{
  const char *audio = NULL;
  guchar *data;
  gsize len = 0;

  if (!convai_json_optional_string (object, "audio", &audio, error))
    return FALSE;
  if (audio == NULL || *audio == '\0')
    return TRUE;
  data = g_base64_decode (audio, &len);
  self->audio = g_bytes_new_take (data, len);
  return TRUE;
}

ConvaiChatReply *
convai_chat_reply_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(ConvaiChatReply) self = g_object_new (CONVAI_TYPE_CHAT_REPLY, NULL);
  const char *char_id = NULL, *text, *session_id, *user_query = NULL;
  JsonObject *object;

  if (!(object = convai_json_node_object (node, "reply", error))
      || !(text = convai_json_require_string (object, "text", error))
      || !(session_id = convai_json_require_string (object, "sessionID", error))
      || !convai_json_optional_string (object, "charID", &char_id, error)
      || !convai_json_optional_string (object, "UserQuery", &user_query, error)
      || !parse_sample_rate (self, object, error)
      || !parse_audio (self, object, error))
    return NULL;
  self->char_id = g_strdup (char_id);
  self->text = g_strdup (text);
  self->session_id = g_strdup (session_id);
  self->user_query = g_strdup (user_query);
  return g_steal_pointer (&self);
}

const char *
convai_chat_reply_get_char_id (ConvaiChatReply *self)
{
  g_return_val_if_fail (CONVAI_IS_CHAT_REPLY (self), NULL);
  return self->char_id;
}

const char *
convai_chat_reply_get_text (ConvaiChatReply *self)
{
  g_return_val_if_fail (CONVAI_IS_CHAT_REPLY (self), NULL);
  return self->text;
}

const char *
convai_chat_reply_get_session_id (ConvaiChatReply *self)
{
  g_return_val_if_fail (CONVAI_IS_CHAT_REPLY (self), NULL);
  return self->session_id;
}

GBytes *
convai_chat_reply_get_audio (ConvaiChatReply *self)
{
  g_return_val_if_fail (CONVAI_IS_CHAT_REPLY (self), NULL);
  return self->audio;
}

guint
convai_chat_reply_get_sample_rate (ConvaiChatReply *self)
{
  g_return_val_if_fail (CONVAI_IS_CHAT_REPLY (self), 0);
  return self->sample_rate;
}

const char *
convai_chat_reply_get_user_query (ConvaiChatReply *self)
{
  g_return_val_if_fail (CONVAI_IS_CHAT_REPLY (self), NULL);
  return self->user_query;
}
