/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-knowledge-doc.h"

#include "convai-error.h"
#include "convai-json-private.h"

struct _ConvaiKnowledgeDoc
{
  GObject     parent_instance;
  char       *id;
  char       *file_name;
  gboolean    is_available;
  char       *status;
  char       *timestamp;
  guint64     file_size;
  JsonObject *extra;
};

G_DEFINE_FINAL_TYPE (ConvaiKnowledgeDoc, convai_knowledge_doc, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FILE_NAME,
  PROP_IS_AVAILABLE,
  PROP_STATUS,
  PROP_IS_CONNECTED,
  PROP_TIMESTAMP,
  PROP_FILE_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const known_fields[] = {
  "id", "file_name", "is_available", "status", "timestamp", "file_size", NULL
};

static void
convai_knowledge_doc_finalize (GObject *object)
{
  ConvaiKnowledgeDoc *self = CONVAI_KNOWLEDGE_DOC (object);

  g_free (self->id);
  g_free (self->file_name);
  g_free (self->status);
  g_free (self->timestamp);
  g_clear_pointer (&self->extra, json_object_unref);
  G_OBJECT_CLASS (convai_knowledge_doc_parent_class)->finalize (object);
}

static void
convai_knowledge_doc_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ConvaiKnowledgeDoc *self = CONVAI_KNOWLEDGE_DOC (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_FILE_NAME: g_value_set_string (value, self->file_name); break;
    case PROP_IS_AVAILABLE: g_value_set_boolean (value, self->is_available); break;
    case PROP_STATUS: g_value_set_string (value, self->status); break;
    case PROP_IS_CONNECTED: g_value_set_boolean (value, convai_knowledge_doc_get_is_connected (self)); break;
    case PROP_TIMESTAMP: g_value_set_string (value, self->timestamp); break;
    case PROP_FILE_SIZE: g_value_set_uint64 (value, self->file_size); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convai_knowledge_doc_class_init (ConvaiKnowledgeDocClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = convai_knowledge_doc_finalize;
  object_class->get_property = convai_knowledge_doc_get_property;
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_FILE_NAME] = g_param_spec_string ("file-name", NULL, NULL, NULL, ro);
  properties[PROP_IS_AVAILABLE] = g_param_spec_boolean ("is-available", NULL, NULL, FALSE, ro);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, ro);
  properties[PROP_IS_CONNECTED] = g_param_spec_boolean ("is-connected", NULL, NULL, FALSE, ro);
  properties[PROP_TIMESTAMP] = g_param_spec_string ("timestamp", NULL, NULL, NULL, ro);
  properties[PROP_FILE_SIZE] = g_param_spec_uint64 ("file-size", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convai_knowledge_doc_init (ConvaiKnowledgeDoc *self)
{
}

ConvaiKnowledgeDoc *
convai_knowledge_doc_new_from_json (JsonNode  *node,
                                    GError   **error)
{
  g_autoptr(ConvaiKnowledgeDoc) self = g_object_new (CONVAI_TYPE_KNOWLEDGE_DOC, NULL);
  const char *id, *file_name = NULL, *status = NULL, *timestamp = NULL;
  JsonObject *object;

  if (!(object = convai_json_node_object (node, "document", error))
      || !(id = convai_json_require_string (object, "id", error))
      || !convai_json_optional_string (object, "file_name", &file_name, error)
      || !convai_json_optional_boolean (object, "is_available", &self->is_available, error)
      || !convai_json_optional_string (object, "status", &status, error)
      || !convai_json_optional_string (object, "timestamp", &timestamp, error)
      || !convai_json_optional_uint64 (object, "file_size", &self->file_size, error))
    return NULL;
  self->id = g_strdup (id);
  self->file_name = g_strdup (file_name);
  self->status = g_strdup (status);
  self->timestamp = g_strdup (timestamp);
  self->extra = convai_json_object_without (object, known_fields);
  return g_steal_pointer (&self);
}

JsonNode *
convai_knowledge_doc_to_json (ConvaiKnowledgeDoc *self)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *size = NULL;

  g_return_val_if_fail (CONVAI_IS_KNOWLEDGE_DOC (self), NULL);
  size = g_strdup_printf ("%" G_GUINT64_FORMAT, self->file_size);
  json_object_set_string_member (object, "id", self->id);
  if (self->file_name != NULL)
    json_object_set_string_member (object, "file_name", self->file_name);
  json_object_set_boolean_member (object, "is_available", self->is_available);
  if (self->status != NULL)
    json_object_set_string_member (object, "status", self->status);
  if (self->timestamp != NULL)
    json_object_set_string_member (object, "timestamp", self->timestamp);
  json_object_set_string_member (object, "file_size", size);
  convai_json_object_merge (object, self->extra);
  json_node_take_object (node, object);
  return node;
}

/* Documented quirk: list elements are JSON strings holding the object. */
static ConvaiKnowledgeDoc *
doc_from_element (JsonNode  *element,
                  guint      position,
                  GError   **error)
{
  g_autoptr(JsonNode) inner = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
    return convai_knowledge_doc_new_from_json (element, error);
  inner = convai_json_parse (json_node_get_string (element), -1, &local_error);
  if (inner == NULL)
    {
      g_autofree char *field = g_strdup_printf ("docs[%u]", position);
      convai_json_set_field_error (error, field, "is neither a document nor one encoded as text");
      return NULL;
    }
  return convai_knowledge_doc_new_from_json (inner, error);
}

GListModel *
convai_knowledge_doc_list_from_json (JsonNode  *node,
                                     GError   **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CONVAI_TYPE_KNOWLEDGE_DOC);
  JsonObject *root;
  JsonArray *docs;

  if (!(root = convai_json_node_object (node, "knowledge-bank list", error))
      || !(docs = convai_json_node_array (json_object_get_member (root, "docs"), "docs", error)))
    return NULL;
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = doc_from_element (json_array_get_element (docs, i), i, error);

      if (doc == NULL)
        return NULL;
      g_list_store_append (store, doc);
    }
  return G_LIST_MODEL (g_steal_pointer (&store));
}

const char *
convai_knowledge_doc_get_id (ConvaiKnowledgeDoc *self)
{
  g_return_val_if_fail (CONVAI_IS_KNOWLEDGE_DOC (self), NULL);
  return self->id;
}

const char *
convai_knowledge_doc_get_file_name (ConvaiKnowledgeDoc *self)
{
  g_return_val_if_fail (CONVAI_IS_KNOWLEDGE_DOC (self), NULL);
  return self->file_name;
}

gboolean
convai_knowledge_doc_get_is_available (ConvaiKnowledgeDoc *self)
{
  g_return_val_if_fail (CONVAI_IS_KNOWLEDGE_DOC (self), FALSE);
  return self->is_available;
}

const char *
convai_knowledge_doc_get_status (ConvaiKnowledgeDoc *self)
{
  g_return_val_if_fail (CONVAI_IS_KNOWLEDGE_DOC (self), NULL);
  return self->status;
}

gboolean
convai_knowledge_doc_get_is_connected (ConvaiKnowledgeDoc *self)
{
  g_return_val_if_fail (CONVAI_IS_KNOWLEDGE_DOC (self), FALSE);
  return g_strcmp0 (self->status, "active") == 0;
}

const char *
convai_knowledge_doc_get_timestamp (ConvaiKnowledgeDoc *self)
{
  g_return_val_if_fail (CONVAI_IS_KNOWLEDGE_DOC (self), NULL);
  return self->timestamp;
}

guint64
convai_knowledge_doc_get_file_size (ConvaiKnowledgeDoc *self)
{
  g_return_val_if_fail (CONVAI_IS_KNOWLEDGE_DOC (self), 0);
  return self->file_size;
}
