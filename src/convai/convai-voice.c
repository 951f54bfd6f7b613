/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-voice.h"

#include "convai-error.h"
#include "convai-json-private.h"

struct _ConvaiVoice
{
  GObject     parent_instance;
  char       *section;
  char       *name;
  char       *voice_value;
  char      **lang_codes;
  char       *gender;
  char      **deployment_envs;
  char       *sample_link;
  JsonObject *extra;
};

G_DEFINE_FINAL_TYPE (ConvaiVoice, convai_voice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SECTION,
  PROP_NAME,
  PROP_VOICE_VALUE,
  PROP_LANG_CODES,
  PROP_GENDER,
  PROP_DEPLOYMENT_ENVS,
  PROP_SAMPLE_LINK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const known_fields[] = {
  "voice_value", "lang_codes", "gender", "deployment_env", "sample_link", NULL
};

static void
convai_voice_finalize (GObject *object)
{
  ConvaiVoice *self = CONVAI_VOICE (object);

  g_free (self->section);
  g_free (self->name);
  g_free (self->voice_value);
  g_strfreev (self->lang_codes);
  g_free (self->gender);
  g_strfreev (self->deployment_envs);
  g_free (self->sample_link);
  g_clear_pointer (&self->extra, json_object_unref);
  G_OBJECT_CLASS (convai_voice_parent_class)->finalize (object);
}

static void
convai_voice_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ConvaiVoice *self = CONVAI_VOICE (object);

  switch (prop_id)
    {
    case PROP_SECTION: g_value_set_string (value, self->section); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_VOICE_VALUE: g_value_set_string (value, self->voice_value); break;
    case PROP_LANG_CODES: g_value_set_boxed (value, self->lang_codes); break;
    case PROP_GENDER: g_value_set_string (value, self->gender); break;
    case PROP_DEPLOYMENT_ENVS: g_value_set_boxed (value, self->deployment_envs); break;
    case PROP_SAMPLE_LINK: g_value_set_string (value, self->sample_link); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convai_voice_class_init (ConvaiVoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = convai_voice_finalize;
  object_class->get_property = convai_voice_get_property;

  properties[PROP_SECTION] = g_param_spec_string ("section", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_VOICE_VALUE] = g_param_spec_string ("voice-value", NULL, NULL, NULL, ro);
  properties[PROP_LANG_CODES] = g_param_spec_boxed ("lang-codes", NULL, NULL, G_TYPE_STRV, ro);
  properties[PROP_GENDER] = g_param_spec_string ("gender", NULL, NULL, NULL, ro);
  properties[PROP_DEPLOYMENT_ENVS] = g_param_spec_boxed ("deployment-envs", NULL, NULL, G_TYPE_STRV, ro);
  properties[PROP_SAMPLE_LINK] = g_param_spec_string ("sample-link", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convai_voice_init (ConvaiVoice *self)
{
}

static ConvaiVoice *
voice_new_from_json (const char  *section,
                     const char  *name,
                     JsonNode    *node,
                     GError     **error)
{
  g_autoptr(ConvaiVoice) self = g_object_new (CONVAI_TYPE_VOICE, NULL);
  const char *voice_value, *gender = NULL, *sample_link = NULL;
  JsonObject *object;

  if (!(object = convai_json_node_object (node, name, error))
      || !(voice_value = convai_json_require_string (object, "voice_value", error))
      || !convai_json_optional_string (object, "gender", &gender, error)
      || !convai_json_optional_string (object, "sample_link", &sample_link, error)
      || !convai_json_optional_strv (object, "lang_codes", &self->lang_codes, error)
      || !convai_json_optional_strv (object, "deployment_env", &self->deployment_envs, error))
    return NULL;
  self->section = g_strdup (section);
  self->name = g_strdup (name);
  self->voice_value = g_strdup (voice_value);
  self->gender = g_strdup (gender);
  self->sample_link = g_strdup (sample_link);
  self->extra = convai_json_object_without (object, known_fields);
  return g_steal_pointer (&self);
}

/* Each section is a list of one-member objects {"<Voice Name>": {...}}. */
static gboolean
add_section (GListStore  *store,
             const char  *section,
             JsonNode    *node,
             GError     **error)
{
  JsonArray *array = convai_json_node_array (node, section, error);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry;
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      if (!(entry = convai_json_node_object (json_array_get_element (array, i), section, error)))
        return FALSE;
      json_object_iter_init (&iter, entry);
      while (json_object_iter_next (&iter, &name, &value))
        {
          g_autoptr(ConvaiVoice) voice = voice_new_from_json (section, name, value, error);

          if (voice == NULL)
            return FALSE;
          g_list_store_append (store, voice);
        }
    }
  return TRUE;
}

GListModel *
convai_voice_list_from_json (JsonNode  *node,
                             GError   **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CONVAI_TYPE_VOICE);
  JsonObject *root = convai_json_node_object (node, "voices", error);
  JsonObjectIter iter;
  const char *section;
  JsonNode *value;

  if (root == NULL)
    return NULL;
  json_object_iter_init (&iter, root);
  while (json_object_iter_next (&iter, &section, &value))
    if (!add_section (store, section, value, error))
      return NULL;
  return G_LIST_MODEL (g_steal_pointer (&store));
}

JsonNode *
convai_voice_to_json (ConvaiVoice *self)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (CONVAI_IS_VOICE (self), NULL);
  json_object_set_string_member (object, "section", self->section);
  json_object_set_string_member (object, "name", self->name);
  json_object_set_string_member (object, "voice_value", self->voice_value);
  json_object_set_member (object, "lang_codes",
                          convai_json_strv_node ((const char * const *) self->lang_codes));
  if (self->gender != NULL)
    json_object_set_string_member (object, "gender", self->gender);
  json_object_set_member (object, "deployment_env",
                          convai_json_strv_node ((const char * const *) self->deployment_envs));
  if (self->sample_link != NULL)
    json_object_set_string_member (object, "sample_link", self->sample_link);
  convai_json_object_merge (object, self->extra);
  json_node_take_object (node, object);
  return node;
}

const char *
convai_voice_get_section (ConvaiVoice *self)
{
  g_return_val_if_fail (CONVAI_IS_VOICE (self), NULL);
  return self->section;
}

const char *
convai_voice_get_name (ConvaiVoice *self)
{
  g_return_val_if_fail (CONVAI_IS_VOICE (self), NULL);
  return self->name;
}

const char *
convai_voice_get_voice_value (ConvaiVoice *self)
{
  g_return_val_if_fail (CONVAI_IS_VOICE (self), NULL);
  return self->voice_value;
}

const char * const *
convai_voice_get_lang_codes (ConvaiVoice *self)
{
  g_return_val_if_fail (CONVAI_IS_VOICE (self), NULL);
  return (const char * const *) self->lang_codes;
}

const char *
convai_voice_get_gender (ConvaiVoice *self)
{
  g_return_val_if_fail (CONVAI_IS_VOICE (self), NULL);
  return self->gender;
}

const char * const *
convai_voice_get_deployment_envs (ConvaiVoice *self)
{
  g_return_val_if_fail (CONVAI_IS_VOICE (self), NULL);
  return (const char * const *) self->deployment_envs;
}

const char *
convai_voice_get_sample_link (ConvaiVoice *self)
{
  g_return_val_if_fail (CONVAI_IS_VOICE (self), NULL);
  return self->sample_link;
}

gboolean
convai_voice_is_production (ConvaiVoice *self)
{
  g_return_val_if_fail (CONVAI_IS_VOICE (self), FALSE);
  return self->deployment_envs != NULL
         && g_strv_contains ((const char * const *) self->deployment_envs, "PRODUCTION");
}
