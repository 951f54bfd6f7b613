/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-language.h"

#include "convai-json-private.h"

struct _ConvaiLanguage
{
  GObject  parent_instance;
  char    *code;
  char    *name;
};

G_DEFINE_FINAL_TYPE (ConvaiLanguage, convai_language, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
convai_language_finalize (GObject *object)
{
  ConvaiLanguage *self = CONVAI_LANGUAGE (object);

  g_free (self->code);
  g_free (self->name);
  G_OBJECT_CLASS (convai_language_parent_class)->finalize (object);
}

static void
convai_language_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ConvaiLanguage *self = CONVAI_LANGUAGE (object);

  switch (prop_id)
    {
    case PROP_CODE: g_value_set_string (value, self->code); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convai_language_class_init (ConvaiLanguageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = convai_language_finalize;
  object_class->get_property = convai_language_get_property;
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convai_language_init (ConvaiLanguage *self)
{
}

ConvaiLanguage *
convai_language_new (const char *code,
                     const char *name)
{
  ConvaiLanguage *self = g_object_new (CONVAI_TYPE_LANGUAGE, NULL);

  self->code = g_strdup (code);
  self->name = g_strdup (name);
  return self;
}

const char *
convai_language_get_code (ConvaiLanguage *self)
{
  g_return_val_if_fail (CONVAI_IS_LANGUAGE (self), NULL);
  return self->code;
}

const char *
convai_language_get_name (ConvaiLanguage *self)
{
  g_return_val_if_fail (CONVAI_IS_LANGUAGE (self), NULL);
  return self->name;
}

/* One element: {"en-US": {"lang_code": "en-US", "lang_name": "English"}}.
 * The key is the code when lang_code is absent. */
static gboolean
add_entry (GListStore  *store,
           JsonNode    *node,
           GError     **error)
{
  JsonObject *entry = convai_json_node_object (node, "languages[]", error);
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (entry == NULL)
    return FALSE;
  json_object_iter_init (&iter, entry);
  while (json_object_iter_next (&iter, &key, &value))
    {
      g_autoptr(ConvaiLanguage) language = NULL;
      const char *code = NULL, *name;
      JsonObject *details;

      if (!(details = convai_json_node_object (value, key, error))
          || !convai_json_optional_string (details, "lang_code", &code, error)
          || !(name = convai_json_require_string (details, "lang_name", error)))
        return FALSE;
      language = convai_language_new (code ? code : key, name);
      g_list_store_append (store, language);
    }
  return TRUE;
}

GListModel *
convai_language_list_from_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CONVAI_TYPE_LANGUAGE);
  JsonArray *array = convai_json_node_array (node, "languages", error);

  if (array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!add_entry (store, json_array_get_element (array, i), error))
      return NULL;
  return G_LIST_MODEL (g_steal_pointer (&store));
}
