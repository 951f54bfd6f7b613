/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-character.h"

#include "convai-error.h"
#include "convai-json-private.h"

struct _ConvaiCharacter
{
  GObject     parent_instance;
  char       *id;
  char       *name;
  char       *voice_type;
  char       *backstory;
  char       *timestamp;
  char      **language_codes;
  char      **actions;
  /* character_actions as it came, written back unless the actions changed. */
  JsonNode   *actions_node;
  JsonObject *extra;
};

G_DEFINE_FINAL_TYPE (ConvaiCharacter, convai_character, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_VOICE_TYPE,
  PROP_BACKSTORY,
  PROP_TIMESTAMP,
  PROP_LANGUAGE_CODES,
  PROP_ACTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const known_fields[] = {
  "character_id", "character_name", "voice_type", "backstory", "timestamp",
  "language_codes", "character_actions", NULL
};

static void
convai_character_finalize (GObject *object)
{
  ConvaiCharacter *self = CONVAI_CHARACTER (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->voice_type);
  g_free (self->backstory);
  g_free (self->timestamp);
  g_strfreev (self->language_codes);
  g_strfreev (self->actions);
  g_clear_pointer (&self->actions_node, json_node_unref);
  g_clear_pointer (&self->extra, json_object_unref);
  G_OBJECT_CLASS (convai_character_parent_class)->finalize (object);
}

static void
convai_character_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ConvaiCharacter *self = CONVAI_CHARACTER (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_VOICE_TYPE: g_value_set_string (value, self->voice_type); break;
    case PROP_BACKSTORY: g_value_set_string (value, self->backstory); break;
    case PROP_TIMESTAMP: g_value_set_string (value, self->timestamp); break;
    case PROP_LANGUAGE_CODES: g_value_set_boxed (value, self->language_codes); break;
    case PROP_ACTIONS: g_value_set_boxed (value, self->actions); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convai_character_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ConvaiCharacter *self = CONVAI_CHARACTER (object);

  switch (prop_id)
    {
    case PROP_NAME: convai_character_set_name (self, g_value_get_string (value)); break;
    case PROP_VOICE_TYPE: convai_character_set_voice_type (self, g_value_get_string (value)); break;
    case PROP_BACKSTORY: convai_character_set_backstory (self, g_value_get_string (value)); break;
    case PROP_LANGUAGE_CODES: convai_character_set_language_codes (self, g_value_get_boxed (value)); break;
    case PROP_ACTIONS: convai_character_set_actions (self, g_value_get_boxed (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convai_character_class_init (ConvaiCharacterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = convai_character_finalize;
  object_class->get_property = convai_character_get_property;
  object_class->set_property = convai_character_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_VOICE_TYPE] = g_param_spec_string ("voice-type", NULL, NULL, NULL, rw);
  properties[PROP_BACKSTORY] = g_param_spec_string ("backstory", NULL, NULL, NULL, rw);
  properties[PROP_TIMESTAMP] = g_param_spec_string ("timestamp", NULL, NULL, NULL, ro);
  properties[PROP_LANGUAGE_CODES] = g_param_spec_boxed ("language-codes", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_ACTIONS] = g_param_spec_boxed ("actions", NULL, NULL, G_TYPE_STRV, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convai_character_init (ConvaiCharacter *self)
{
  self->extra = json_object_new ();
}

ConvaiCharacter *
convai_character_new (void)
{
  return g_object_new (CONVAI_TYPE_CHARACTER, NULL);
}

/* Actions come as a list of strings, as one comma-separated string (the
 * form create takes), or as a list of {"name"/"action": ...} objects. */
static gboolean
parse_actions (ConvaiCharacter *self,
               JsonObject      *object,
               GError         **error)
{
  JsonNode *node = json_object_get_member (object, "character_actions");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  self->actions_node = json_node_copy (node);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_auto(GStrv) parts = g_strsplit (json_node_get_string (node), ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (*g_strstrip (parts[i]) != '\0')
          g_strv_builder_add (builder, parts[i]);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *action = NULL;

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            action = json_node_get_string (element);
          else if (JSON_NODE_HOLDS_OBJECT (element))
            {
              JsonObject *o = json_node_get_object (element);

              if (!convai_json_optional_string (o, "action", &action, error))
                return FALSE;
              if (action == NULL && !convai_json_optional_string (o, "name", &action, error))
                return FALSE;
            }
          if (action == NULL)
            {
              g_autofree char *field = g_strdup_printf ("character_actions[%u]", i);
              convai_json_set_field_error (error, field, "is not an action");
              return FALSE;
            }
          g_strv_builder_add (builder, action);
        }
    }
  else
    {
      convai_json_set_field_error (error, "character_actions", "is not a list");
      return FALSE;
    }
  self->actions = g_strv_builder_end (builder);
  return TRUE;
}

/* Timestamps are strings on Convai; accept a number from other servers. */
static gboolean
parse_timestamp (ConvaiCharacter *self,
                 JsonObject      *object,
                 GError         **error)
{
  JsonNode *node = json_object_get_member (object, "timestamp");

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && (json_node_get_value_type (node) == G_TYPE_INT64
          || json_node_get_value_type (node) == G_TYPE_DOUBLE))
    {
      self->timestamp = g_strdup_printf ("%.0f", json_node_get_double (node));
      return TRUE;
    }
  {
    const char *timestamp;

    if (!convai_json_optional_string (object, "timestamp", &timestamp, error))
      return FALSE;
    self->timestamp = g_strdup (timestamp);
  }
  return TRUE;
}

static gboolean
parse_strings (ConvaiCharacter *self,
               JsonObject      *object,
               GError         **error)
{
  const char *id, *name, *voice_type = NULL, *backstory = NULL;

  if (!(id = convai_json_require_string (object, "character_id", error))
      || !(name = convai_json_require_string (object, "character_name", error))
      || !convai_json_optional_string (object, "voice_type", &voice_type, error)
      || !convai_json_optional_string (object, "backstory", &backstory, error))
    return FALSE;
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->voice_type = g_strdup (voice_type);
  self->backstory = g_strdup (backstory);
  return TRUE;
}

/* Older replies carry one `language_code` instead of the list. */
static gboolean
parse_language_codes (ConvaiCharacter *self,
                      JsonObject      *object,
                      GError         **error)
{
  const char *single = NULL;

  if (!convai_json_optional_strv (object, "language_codes", &self->language_codes, error))
    return FALSE;
  if (self->language_codes != NULL)
    return TRUE;
  if (!convai_json_optional_string (object, "language_code", &single, error))
    return FALSE;
  if (single != NULL)
    {
      const char *codes[] = { single, NULL };
      self->language_codes = g_strdupv ((char **) codes);
    }
  return TRUE;
}

ConvaiCharacter *
convai_character_new_from_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(ConvaiCharacter) self = convai_character_new ();
  JsonObject *object;

  if (!(object = convai_json_node_object (node, "character", error))
      || !parse_strings (self, object, error)
      || !parse_timestamp (self, object, error)
      || !parse_language_codes (self, object, error)
      || !parse_actions (self, object, error))
    return NULL;
  json_object_unref (self->extra);
  self->extra = convai_json_object_without (object, known_fields);
  return g_steal_pointer (&self);
}

static void
set_optional_string (JsonObject *object,
                     const char *field,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, field, value);
}

JsonNode *
convai_character_to_json (ConvaiCharacter *self)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (CONVAI_IS_CHARACTER (self), NULL);

  set_optional_string (object, "character_id", self->id);
  set_optional_string (object, "character_name", self->name);
  set_optional_string (object, "voice_type", self->voice_type);
  set_optional_string (object, "backstory", self->backstory);
  set_optional_string (object, "timestamp", self->timestamp);
  if (self->language_codes != NULL)
    json_object_set_member (object, "language_codes",
                            convai_json_strv_node ((const char * const *) self->language_codes));
  if (self->actions_node != NULL)
    json_object_set_member (object, "character_actions", json_node_copy (self->actions_node));
  else if (self->actions != NULL)
    json_object_set_member (object, "character_actions",
                            convai_json_strv_node ((const char * const *) self->actions));
  convai_json_object_merge (object, self->extra);
  json_node_take_object (node, object);
  return node;
}

const char *
convai_character_get_id (ConvaiCharacter *self)
{
  g_return_val_if_fail (CONVAI_IS_CHARACTER (self), NULL);
  return self->id;
}

const char *
convai_character_get_name (ConvaiCharacter *self)
{
  g_return_val_if_fail (CONVAI_IS_CHARACTER (self), NULL);
  return self->name;
}

const char *
convai_character_get_voice_type (ConvaiCharacter *self)
{
  g_return_val_if_fail (CONVAI_IS_CHARACTER (self), NULL);
  return self->voice_type;
}

const char *
convai_character_get_backstory (ConvaiCharacter *self)
{
  g_return_val_if_fail (CONVAI_IS_CHARACTER (self), NULL);
  return self->backstory;
}

const char *
convai_character_get_timestamp (ConvaiCharacter *self)
{
  g_return_val_if_fail (CONVAI_IS_CHARACTER (self), NULL);
  return self->timestamp;
}

const char * const *
convai_character_get_language_codes (ConvaiCharacter *self)
{
  g_return_val_if_fail (CONVAI_IS_CHARACTER (self), NULL);
  return (const char * const *) self->language_codes;
}

const char * const *
convai_character_get_actions (ConvaiCharacter *self)
{
  g_return_val_if_fail (CONVAI_IS_CHARACTER (self), NULL);
  return (const char * const *) self->actions;
}

JsonObject *
convai_character_get_extra (ConvaiCharacter *self)
{
  g_return_val_if_fail (CONVAI_IS_CHARACTER (self), NULL);
  return self->extra;
}

static void
replace_string (ConvaiCharacter *self,
                char           **field,
                const char      *value,
                guint            prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
convai_character_set_name (ConvaiCharacter *self,
                           const char      *name)
{
  g_return_if_fail (CONVAI_IS_CHARACTER (self));
  replace_string (self, &self->name, name, PROP_NAME);
}

void
convai_character_set_voice_type (ConvaiCharacter *self,
                                 const char      *voice_type)
{
  g_return_if_fail (CONVAI_IS_CHARACTER (self));
  replace_string (self, &self->voice_type, voice_type, PROP_VOICE_TYPE);
}

void
convai_character_set_backstory (ConvaiCharacter *self,
                                const char      *backstory)
{
  g_return_if_fail (CONVAI_IS_CHARACTER (self));
  replace_string (self, &self->backstory, backstory, PROP_BACKSTORY);
}

static gboolean
strv_equal0 (char               **a,
             const char * const  *b)
{
  if (a == NULL || b == NULL)
    return (gpointer) a == (gpointer) b;
  return g_strv_equal ((const char * const *) a, b);
}

void
convai_character_set_language_codes (ConvaiCharacter    *self,
                                     const char * const *codes)
{
  g_return_if_fail (CONVAI_IS_CHARACTER (self));
  if (strv_equal0 (self->language_codes, codes))
    return;
  g_strfreev (self->language_codes);
  self->language_codes = g_strdupv ((char **) codes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE_CODES]);
}

void
convai_character_set_actions (ConvaiCharacter    *self,
                              const char * const *actions)
{
  g_return_if_fail (CONVAI_IS_CHARACTER (self));
  if (strv_equal0 (self->actions, actions))
    return;
  g_strfreev (self->actions);
  self->actions = g_strdupv ((char **) actions);
  g_clear_pointer (&self->actions_node, json_node_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIONS]);
}
