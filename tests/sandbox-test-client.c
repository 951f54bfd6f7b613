/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sandbox-test-client.h"

#include <string.h>

void
sandbox_reply_free (SandboxReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_free (reply);
}

static SoupSession *
test_session (void)
{
  /* One per thread: the stream tests talk from many threads at once. */
  static GPrivate session_key = G_PRIVATE_INIT (g_object_unref);
  SoupSession *session = g_private_get (&session_key);

  if (session == NULL)
    {
      /* Loopback only: no proxy, which also keeps GSettings out of it. */
      session = soup_session_new_with_options ("timeout", 60, "max-conns-per-host", 64,
                                               "proxy-resolver", NULL, NULL);
      g_private_set (&session_key, session);
    }
  return session;
}

SandboxReply *
sandbox_request (TroupeTestSandbox *sandbox,
                 const char        *method,
                 const char        *path,
                 const char        *key,
                 const char        *content_type,
                 GBytes            *body)
{
  g_autofree char *url = g_strconcat (sandbox->base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  SandboxReply *reply = g_new0 (SandboxReply, 1);

  g_assert_nonnull (msg);
  if (key != NULL)
    soup_message_headers_append (soup_message_get_request_headers (msg), "CONVAI-API-KEY", key);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);
  reply->body = soup_session_send_and_read (test_session (), msg, NULL, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return reply;
}

SandboxReply *
sandbox_post_json (TroupeTestSandbox *sandbox,
                   const char        *path,
                   const char        *json)
{
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

  return sandbox_request (sandbox, "POST", path, sandbox->api_key, "application/json", body);
}

SandboxReply *
sandbox_post_form (TroupeTestSandbox *sandbox,
                   const char        *path,
                   ...)
{
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GBytes) body = NULL;
  char *encoded;
  const char *name;
  va_list args;

  va_start (args, path);
  while ((name = va_arg (args, const char *)) != NULL)
    g_hash_table_insert (form, (gpointer) name, va_arg (args, char *));
  va_end (args);
  encoded = soup_form_encode_hash (form);
  body = g_bytes_new_take (encoded, strlen (encoded));
  return sandbox_request (sandbox, "POST", path, sandbox->api_key,
                          "application/x-www-form-urlencoded", body);
}

SandboxReply *
sandbox_post_multipart (TroupeTestSandbox *sandbox,
                        const char        *path,
                        SoupMultipart     *multipart)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(GBytes) body = NULL;
  const char *type;

  soup_multipart_to_message (multipart, headers, &body);
  type = soup_message_headers_get_one (headers, "Content-Type");
  return sandbox_request (sandbox, "POST", path, sandbox->api_key, type, body);
}

SandboxReply *
sandbox_get (TroupeTestSandbox *sandbox,
             const char        *path)
{
  return sandbox_request (sandbox, "GET", path, sandbox->api_key, NULL, NULL);
}

char *
sandbox_reply_text (SandboxReply *reply)
{
  return g_strndup (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body));
}

JsonNode *
sandbox_reply_json (SandboxReply *reply)
{
  g_autofree char *text = sandbox_reply_text (reply);
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  if (error != NULL)
    g_test_message ("not JSON: %s", text);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

const char *
sandbox_json_string (JsonNode   *node,
                     const char *member)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_get_string_member_with_default (json_node_get_object (node), member, NULL);
}

char *
sandbox_create_character (TroupeTestSandbox *sandbox,
                          const char        *name,
                          const char        *backstory)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autofree char *json = NULL;
  g_autoptr(SandboxReply) reply = NULL;
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "charName");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "voiceType");
  json_builder_add_string_value (builder, "MALE");
  json_builder_set_member_name (builder, "backstory");
  json_builder_add_string_value (builder, backstory);
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);
  json = json_to_string (request, FALSE);
  reply = sandbox_post_json (sandbox, "/character/create", json);
  g_assert_cmpuint (reply->status, ==, 200);
  node = sandbox_reply_json (reply);
  g_assert_nonnull (sandbox_json_string (node, "charID"));
  return g_strdup (sandbox_json_string (node, "charID"));
}

char *
sandbox_upload_document (TroupeTestSandbox *sandbox,
                         const char        *file_name,
                         const char        *contents)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autoptr(GBytes) file = g_bytes_new (contents, strlen (contents));
  g_autoptr(SandboxReply) reply = NULL;
  g_autoptr(JsonNode) node = NULL;

  soup_multipart_append_form_string (multipart, "file_name", file_name);
  soup_multipart_append_form_file (multipart, "file", file_name, "text/plain", file);
  reply = sandbox_post_multipart (sandbox, "/character/knowledge-bank/upload", multipart);
  g_assert_cmpuint (reply->status, ==, 200);
  node = sandbox_reply_json (reply);
  return g_strdup (sandbox_json_string (node, "id"));
}

void
sandbox_connect_document (TroupeTestSandbox *sandbox,
                          const char        *character_id,
                          const char        *doc_id,
                          gboolean           connected)
{
  g_autofree char *json = g_strdup_printf ("{\"charID\": \"%s\", \"docs\": [{\"id\": \"%s\", \"status\": \"%s\"}]}",
                                           character_id, doc_id, connected ? "active" : "inactive");
  g_autoptr(SandboxReply) reply = sandbox_post_json (sandbox, "/character/update", json);
  g_autoptr(JsonNode) node = sandbox_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (sandbox_json_string (node, "STATUS"), ==, "SUCCESS");
}

JsonObject *
sandbox_find_document (TroupeTestSandbox *sandbox,
                       const char        *character_id,
                       const char        *doc_id)
{
  g_autoptr(SandboxReply) reply = sandbox_post_form (sandbox, "/character/knowledge-bank/list",
                                                     "character_id", character_id, NULL);
  g_autoptr(JsonNode) node = sandbox_reply_json (reply);
  JsonArray *docs;

  g_assert_cmpuint (reply->status, ==, 200);
  docs = json_object_get_array_member (json_node_get_object (node), "docs");
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      /* Double-encoded: each element is a JSON string. */
      const char *encoded = json_array_get_string_element (docs, i);
      g_autoptr(JsonNode) doc = NULL;

      g_assert_nonnull (encoded);
      doc = json_from_string (encoded, NULL);
      g_assert_nonnull (doc);
      if (g_strcmp0 (sandbox_json_string (doc, "id"), doc_id) == 0)
        return json_object_ref (json_node_get_object (doc));
    }
  return NULL;
}

JsonObject *
sandbox_wait_document (TroupeTestSandbox *sandbox,
                       const char        *character_id,
                       const char        *doc_id)
{
  for (guint attempt = 0; attempt < 200; attempt++)
    {
      JsonObject *doc = sandbox_find_document (sandbox, character_id, doc_id);

      g_assert_nonnull (doc);
      if (json_object_get_boolean_member (doc, "is_available") || json_object_has_member (doc, "error"))
        return doc;
      json_object_unref (doc);
      g_usleep (25 * 1000);
    }
  g_assert_not_reached ();
  return NULL;
}

char *
sandbox_ask (TroupeTestSandbox *sandbox,
             const char        *character_id,
             const char        *question)
{
  g_autoptr(SandboxReply) reply = sandbox_post_form (sandbox, "/character/getResponse",
                                                     "charID", character_id, "sessionID", "-1",
                                                     "userText", question, "voiceResponse", "False",
                                                     NULL);
  g_autoptr(JsonNode) node = sandbox_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 200);
  return g_strdup (sandbox_json_string (node, "text"));
}
