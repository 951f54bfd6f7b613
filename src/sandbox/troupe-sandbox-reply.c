/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-reply.h"

#include <string.h>

void
troupe_sandbox_reply_text (SoupServerMessage *msg,
                           guint              status,
                           const char        *content_type,
                           const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, text, strlen (text));
}

void
troupe_sandbox_reply_json (SoupServerMessage *msg,
                           guint              status,
                           JsonNode          *root)
{
  g_autofree char *text = json_to_string (root, FALSE);

  troupe_sandbox_reply_text (msg, status, "application/json", text);
}

void
troupe_sandbox_reply_object (SoupServerMessage *msg,
                             guint              status,
                             JsonObject        *object)
{
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), object);

  troupe_sandbox_reply_json (msg, status, root);
}

void
troupe_sandbox_reply_message (SoupServerMessage *msg,
                              guint              status,
                              const char        *key,
                              const char        *message)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, key, message);
  troupe_sandbox_reply_object (msg, status, object);
}
