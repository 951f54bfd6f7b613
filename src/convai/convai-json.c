/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-json-private.h"

#include "convai-error.h"

#include <stdlib.h>

void
convai_json_set_field_error (GError     **error,
                             const char  *field,
                             const char  *problem)
{
  g_set_error (error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL,
               "Unexpected reply from the server: “%s” %s", field, problem);
}

JsonNode *
convai_json_parse (const char  *data,
                   gssize       len,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (data == NULL || len == 0
      || !json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_set_error (error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL,
                   "The server’s reply is not valid JSON%s%s",
                   local_error ? ": " : "",
                   local_error ? local_error->message : "");
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL,
                           "The server’s reply is empty");
      return NULL;
    }
  return json_node_ref (root);
}

JsonObject *
convai_json_node_object (JsonNode    *node,
                         const char  *what,
                         GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      convai_json_set_field_error (error, what, "is not an object");
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
convai_json_node_array (JsonNode    *node,
                        const char  *what,
                        GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      convai_json_set_field_error (error, what, "is not a list");
      return NULL;
    }
  return json_node_get_array (node);
}

static gboolean
is_string_node (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING;
}

const char *
convai_json_require_string (JsonObject  *object,
                            const char  *field,
                            GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      convai_json_set_field_error (error, field, "is missing");
      return NULL;
    }
  if (!is_string_node (node))
    {
      convai_json_set_field_error (error, field, "is not a string");
      return NULL;
    }
  return json_node_get_string (node);
}

gboolean
convai_json_optional_string (JsonObject  *object,
                             const char  *field,
                             const char **out,
                             GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!is_string_node (node))
    {
      convai_json_set_field_error (error, field, "is not a string");
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

/* Python servers sometimes spell booleans as strings ("True"). */
gboolean
convai_json_optional_boolean (JsonObject  *object,
                              const char  *field,
                              gboolean    *out,
                              GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);

  *out = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *out = json_node_get_boolean (node);
      return TRUE;
    }
  if (is_string_node (node))
    {
      const char *s = json_node_get_string (node);

      if (g_ascii_strcasecmp (s, "true") == 0 || g_ascii_strcasecmp (s, "false") == 0)
        {
          *out = g_ascii_strcasecmp (s, "true") == 0;
          return TRUE;
        }
    }
  convai_json_set_field_error (error, field, "is not a boolean");
  return FALSE;
}

gboolean
convai_json_optional_strv (JsonObject  *object,
                           const char  *field,
                           char      ***out,
                           GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      convai_json_set_field_error (error, field, "is not a list");
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!is_string_node (element))
        {
          g_autofree char *name = g_strdup_printf ("%s[%u]", field, i);
          convai_json_set_field_error (error, name, "is not a string");
          return FALSE;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* Sizes arrive as strings ("72374") or, from other servers, as numbers. */
gboolean
convai_json_optional_uint64 (JsonObject  *object,
                             const char  *field,
                             guint64     *out,
                             GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);

  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_INT64
      && json_node_get_int (node) >= 0)
    {
      *out = (guint64) json_node_get_int (node);
      return TRUE;
    }
  if (is_string_node (node)
      && g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0,
                                     G_MAXUINT64, out, NULL))
    return TRUE;
  convai_json_set_field_error (error, field, "is not a size");
  return FALSE;
}

/* A copy of @object holding only the members not in @known. */
JsonObject *
convai_json_object_without (JsonObject         *object,
                            const char * const *known)
{
  JsonObject *extra = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_strv_contains (known, name))
      json_object_set_member (extra, name, json_node_copy (value));
  return extra;
}

void
convai_json_object_merge (JsonObject *into,
                          JsonObject *from)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, from);
  while (json_object_iter_next (&iter, &name, &value))
    if (!json_object_has_member (into, name))
      json_object_set_member (into, name, json_node_copy (value));
}

JsonNode *
convai_json_strv_node (const char * const *strv)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  json_node_take_array (node, array);
  return node;
}

GListModel *
convai_json_array_to_list (JsonArray           *array,
                           GType                item_type,
                           ConvaiJsonItemFunc   new_item,
                           GError             **error)
{
  g_autoptr(GListStore) store = g_list_store_new (item_type);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GObject) item = new_item (json_array_get_element (array, i), error);

      if (item == NULL)
        return NULL;
      g_list_store_append (store, item);
    }
  return G_LIST_MODEL (g_steal_pointer (&store));
}

static GQuark
n_skipped_quark (void)
{
  return g_quark_from_static_string ("convai-json-n-skipped");
}

GListModel *
convai_json_array_to_list_skipping (JsonArray          *array,
                                    GType               item_type,
                                    ConvaiJsonItemFunc  new_item,
                                    guint              *n_skipped)
{
  g_autoptr(GListStore) store = g_list_store_new (item_type);
  guint skipped = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) item = new_item (json_array_get_element (array, i), &error);

      if (item == NULL)
        {
          g_debug ("Skipped element %u: %s", i, error->message);
          skipped++;
          continue;
        }
      g_list_store_append (store, item);
    }
  g_object_set_qdata (G_OBJECT (store), n_skipped_quark (), GUINT_TO_POINTER (skipped));
  if (n_skipped != NULL)
    *n_skipped = skipped;
  return G_LIST_MODEL (g_steal_pointer (&store));
}

guint
convai_json_list_get_n_skipped (GListModel *list)
{
  return GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (list), n_skipped_quark ()));
}

void
convai_json_list_set_n_skipped (GListModel *list,
                                guint       n_skipped)
{
  g_object_set_qdata (G_OBJECT (list), n_skipped_quark (), GUINT_TO_POINTER (n_skipped));
}

JsonNode *
convai_json_object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

char *
convai_json_to_string (JsonNode *node)
{
  return json_to_string (node, FALSE);
}
