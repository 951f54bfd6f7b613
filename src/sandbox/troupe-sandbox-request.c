/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-request.h"

#include <glib/gstdio.h>
#include <string.h>

#include "troupe-sandbox-json-check.h"
#include "troupe-sandbox-multipart.h"

static void
add_json_scalars (GHashTable *fields,
                  JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);
      char *value = NULL;

      if (!JSON_NODE_HOLDS_VALUE (node))
        continue;
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          value = g_strdup (json_node_get_string (node));
          break;
        case G_TYPE_BOOLEAN:
          value = g_strdup (json_node_get_boolean (node) ? "True" : "False");
          break;
        case G_TYPE_INT64:
          value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          value = g_strdup_printf ("%g", json_node_get_double (node));
          break;
        default:
          continue;
        }
      g_hash_table_insert (fields, g_strdup (l->data), value);
    }
}

static gboolean
decode_json (TroupeSandboxRequest *self,
             GBytes               *body,
             char                **error_message)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  JsonNode *root;

  if (len == 0)
    return TRUE;
  if (!troupe_sandbox_json_check (data, len, error_message))
    return FALSE;
  if (!json_parser_load_from_data (parser, data, (gssize) len, &error))
    {
      *error_message = g_strdup_printf ("Request body is not valid JSON: %s", error->message);
      return FALSE;
    }
  /* A body of only whitespace parses, to no root at all. */
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      *error_message = g_strdup ("Request body must be a JSON object.");
      return FALSE;
    }
  self->json = json_object_ref (json_node_get_object (root));
  add_json_scalars (self->fields, self->json);
  return TRUE;
}

static void
merge_fields (GHashTable *into,
              GHashTable *from)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (into, g_strdup (key), g_strdup (value));
}

/* The sandbox's own parser, not soup_multipart_new_from_message(): on
 * libsoup 3.2.3 a crafted body gives a part of size (gsize) -1 there. Every
 * part other than "file" is read as a field, whatever its filename:
 * Convai's own sample sends file_name as a file tuple. */
static gboolean
decode_multipart (TroupeSandboxRequest *self,
                  SoupMessageHeaders   *headers,
                  GBytes               *body,
                  char                **error_message)
{
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(TroupeSandboxMultipart) parser = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_path = NULL;
  gint64 file_size = 0;
  const char *boundary;
  gsize len;
  const guint8 *data = g_bytes_get_data (body, &len);

  soup_message_headers_get_content_type (headers, &params);
  boundary = params != NULL ? g_hash_table_lookup (params, "boundary") : NULL;
  if (boundary == NULL || *boundary == '\0')
    {
      *error_message = g_strdup ("Malformed multipart/form-data body.");
      return FALSE;
    }
  parser = troupe_sandbox_multipart_new (boundary, NULL);
  troupe_sandbox_multipart_feed (parser, data, len);
  if (!troupe_sandbox_multipart_finish (parser, &fields, &file_path, &self->file_name, &file_size, &error))
    {
      *error_message = g_strdup_printf ("Malformed multipart/form-data body: %s", error->message);
      return FALSE;
    }
  self->file = troupe_sandbox_multipart_take_file_data (parser);
  merge_fields (self->fields, fields);
  return TRUE;
}

static gboolean
decode_form (TroupeSandboxRequest *self,
             GBytes               *body)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autoptr(GHashTable) form = soup_form_decode (text);

  merge_fields (self->fields, form);
  return TRUE;
}

static gboolean
decode_body (TroupeSandboxRequest *self,
             SoupMessageHeaders   *headers,
             const char           *query,
             GBytes               *body,
             char                **error_message)
{
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  if (query != NULL)
    {
      g_autoptr(GHashTable) fields = soup_form_decode (query);
      merge_fields (self->fields, fields);
    }
  if (type != NULL && g_ascii_strcasecmp (type, "multipart/form-data") == 0)
    return decode_multipart (self, headers, body, error_message);
  if (type != NULL && g_ascii_strcasecmp (type, "application/x-www-form-urlencoded") == 0)
    return decode_form (self, body);
  if (g_bytes_get_size (body) == 0)
    return TRUE;
  /* JSON is the default: some clients omit the Content-Type. */
  return decode_json (self, body, error_message);
}

TroupeSandboxRequest *
troupe_sandbox_request_decode (TroupeSandboxServer  *server,
                               SoupServerMessage    *msg,
                               const char           *path,
                               SoupMessageHeaders   *headers,
                               const char           *query,
                               GBytes               *body,
                               char                **error_message)
{
  TroupeSandboxRequest *self = g_rc_box_new0 (TroupeSandboxRequest);

  self->server = server;
  self->msg = msg != NULL ? g_object_ref (msg) : NULL;
  self->path = g_strdup (path);
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!decode_body (self, headers, query, body, error_message))
    {
      troupe_sandbox_request_unref (self);
      return NULL;
    }
  return self;
}

TroupeSandboxRequest *
troupe_sandbox_request_new (TroupeSandboxServer  *server,
                            SoupServerMessage    *msg,
                            const char           *path,
                            char                **error_message)
{
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (request_body);

  return troupe_sandbox_request_decode (server, msg, path, soup_server_message_get_request_headers (msg),
                                        g_uri_get_query (soup_server_message_get_uri (msg)),
                                        body, error_message);
}

TroupeSandboxRequest *
troupe_sandbox_request_new_from_parts (TroupeSandboxServer *server,
                                       SoupServerMessage   *msg,
                                       const char          *path,
                                       GHashTable          *fields,
                                       char                *file_path,
                                       char                *file_name,
                                       gint64               file_size)
{
  TroupeSandboxRequest *self = g_rc_box_new0 (TroupeSandboxRequest);

  self->server = server;
  self->msg = g_object_ref (msg);
  self->path = g_strdup (path);
  self->fields = fields;
  self->file_path = file_path;
  self->file_name = file_name;
  self->file_size = file_size;
  return self;
}

TroupeSandboxRequest *
troupe_sandbox_request_ref (TroupeSandboxRequest *self)
{
  return g_rc_box_acquire (self);
}

static void
request_clear (TroupeSandboxRequest *self)
{
  g_clear_object (&self->msg);
  g_free (self->path);
  g_hash_table_unref (self->fields);
  g_clear_pointer (&self->json, json_object_unref);
  g_clear_pointer (&self->file, g_bytes_unref);
  g_free (self->file_name);
  if (self->file_path != NULL)
    g_unlink (self->file_path);
  g_free (self->file_path);
}

void
troupe_sandbox_request_unref (TroupeSandboxRequest *self)
{
  if (self != NULL)
    g_rc_box_release_full (self, (GDestroyNotify) request_clear);
}

const char *
troupe_sandbox_request_field (TroupeSandboxRequest *self,
                              const char           *name)
{
  const char *value = g_hash_table_lookup (self->fields, name);

  return (value != NULL && *value != '\0') ? value : NULL;
}

gboolean
troupe_sandbox_request_flag (TroupeSandboxRequest *self,
                             const char           *name)
{
  const char *value = troupe_sandbox_request_field (self, name);

  return value != NULL && (g_ascii_strcasecmp (value, "true") == 0 || strcmp (value, "1") == 0);
}
