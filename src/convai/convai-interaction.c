/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-interaction.h"

#include "convai-error.h"
#include "convai-json-private.h"

typedef struct
{
  char *speaker;
  char *text;
} Message;

struct _ConvaiInteraction
{
  GObject     parent_instance;
  char       *timestamp;
  gboolean    is_trigger_input;
  GArray     *messages;
  JsonObject *json;
};

G_DEFINE_FINAL_TYPE (ConvaiInteraction, convai_interaction, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMESTAMP,
  PROP_N_MESSAGES,
  PROP_IS_TRIGGER_INPUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_message (gpointer data)
{
  Message *message = data;

  g_free (message->speaker);
  g_free (message->text);
}

static void
convai_interaction_finalize (GObject *object)
{
  ConvaiInteraction *self = CONVAI_INTERACTION (object);

  g_free (self->timestamp);
  g_array_unref (self->messages);
  g_clear_pointer (&self->json, json_object_unref);
  G_OBJECT_CLASS (convai_interaction_parent_class)->finalize (object);
}

static void
convai_interaction_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ConvaiInteraction *self = CONVAI_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_TIMESTAMP: g_value_set_string (value, self->timestamp); break;
    case PROP_N_MESSAGES: g_value_set_uint (value, self->messages->len); break;
    case PROP_IS_TRIGGER_INPUT: g_value_set_boolean (value, self->is_trigger_input); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convai_interaction_class_init (ConvaiInteractionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = convai_interaction_finalize;
  object_class->get_property = convai_interaction_get_property;
  properties[PROP_TIMESTAMP] = g_param_spec_string ("timestamp", NULL, NULL, NULL, ro);
  properties[PROP_N_MESSAGES] = g_param_spec_uint ("n-messages", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_IS_TRIGGER_INPUT] = g_param_spec_boolean ("is-trigger-input", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convai_interaction_init (ConvaiInteraction *self)
{
  self->messages = g_array_new (FALSE, TRUE, sizeof (Message));
  g_array_set_clear_func (self->messages, clear_message);
}

static gboolean
parse_messages (ConvaiInteraction  *self,
                JsonObject         *object,
                GError            **error)
{
  JsonArray *array = convai_json_node_array (json_object_get_member (object, "interaction"),
                                             "interaction", error);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *speaker, *text;
      JsonObject *entry;
      Message message;

      if (!(entry = convai_json_node_object (json_array_get_element (array, i), "interaction[]", error))
          || !(speaker = convai_json_require_string (entry, "speaker", error))
          || !(text = convai_json_require_string (entry, "message", error)))
        return FALSE;
      message.speaker = g_strdup (speaker);
      message.text = g_strdup (text);
      g_array_append_val (self->messages, message);
    }
  return TRUE;
}

ConvaiInteraction *
convai_interaction_new_from_json (JsonNode  *node,
                                  GError   **error)
{
  g_autoptr(ConvaiInteraction) self = g_object_new (CONVAI_TYPE_INTERACTION, NULL);
  const char *timestamp = NULL;
  JsonObject *object;

  if (!(object = convai_json_node_object (node, "interaction", error))
      || !convai_json_optional_string (object, "timestamp", &timestamp, error)
      || !convai_json_optional_boolean (object, "is_trigger_input", &self->is_trigger_input, error)
      || !parse_messages (self, object, error))
    return NULL;
  self->timestamp = g_strdup (timestamp);
  self->json = json_object_ref (object);
  return g_steal_pointer (&self);
}

JsonNode *
convai_interaction_to_json (ConvaiInteraction *self)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (CONVAI_IS_INTERACTION (self), NULL);
  json_node_set_object (node, self->json);
  return node;
}

const char *
convai_interaction_get_timestamp (ConvaiInteraction *self)
{
  g_return_val_if_fail (CONVAI_IS_INTERACTION (self), NULL);
  return self->timestamp;
}

gboolean
convai_interaction_get_is_trigger_input (ConvaiInteraction *self)
{
  g_return_val_if_fail (CONVAI_IS_INTERACTION (self), FALSE);
  return self->is_trigger_input;
}

guint
convai_interaction_get_n_messages (ConvaiInteraction *self)
{
  g_return_val_if_fail (CONVAI_IS_INTERACTION (self), 0);
  return self->messages->len;
}

const char *
convai_interaction_get_speaker (ConvaiInteraction *self,
                                guint              position)
{
  g_return_val_if_fail (CONVAI_IS_INTERACTION (self), NULL);
  g_return_val_if_fail (position < self->messages->len, NULL);
  return g_array_index (self->messages, Message, position).speaker;
}

const char *
convai_interaction_get_text (ConvaiInteraction *self,
                             guint              position)
{
  g_return_val_if_fail (CONVAI_IS_INTERACTION (self), NULL);
  g_return_val_if_fail (position < self->messages->len, NULL);
  return g_array_index (self->messages, Message, position).text;
}

const char *
convai_interaction_find_text (ConvaiInteraction *self,
                              const char        *speaker)
{
  g_return_val_if_fail (CONVAI_IS_INTERACTION (self), NULL);
  for (guint i = 0; i < self->messages->len; i++)
    if (g_strcmp0 (g_array_index (self->messages, Message, i).speaker, speaker) == 0)
      return g_array_index (self->messages, Message, i).text;
  return NULL;
}

GListModel *
convai_interaction_list_from_json (JsonNode  *node,
                                   GError   **error)
{
  JsonArray *array = convai_json_node_array (node, "interactions", error);

  if (array == NULL)
    return NULL;
  return convai_json_array_to_list (array, CONVAI_TYPE_INTERACTION,
                                    (ConvaiJsonItemFunc) convai_interaction_new_from_json, error);
}

GListModel *
convai_interaction_list_from_json_skipping (JsonNode  *node,
                                   guint     *n_skipped,
                                   GError   **error)
{
  JsonArray *array = convai_json_node_array (node, "interactions", error);

  if (array == NULL)
    return NULL;
  return convai_json_array_to_list_skipping (array, CONVAI_TYPE_INTERACTION,
                                             (ConvaiJsonItemFunc) convai_interaction_new_from_json, n_skipped);
}
