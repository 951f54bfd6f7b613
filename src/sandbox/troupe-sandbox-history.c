/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-history.h"

#include <string.h>

#include "troupe-sandbox-reply.h"

static gboolean
require_character (TroupeSandboxRequest *request,
                   const char           *id)
{
  g_autoptr(TroupeSandboxCharacter) character = NULL;
  g_autofree char *message = NULL;

  if (id != NULL && (character = troupe_sandbox_store_get_character (request->server->store, id)) != NULL)
    return TRUE;
  message = g_strdup_printf ("Character %s not found.", id != NULL ? id : "(none)");
  troupe_sandbox_reply_message (request->msg, id ? SOUP_STATUS_NOT_FOUND : SOUP_STATUS_BAD_REQUEST,
                                "ERROR", message);
  return FALSE;
}

/* --fault-partial-history: every third entry loses what makes it whole,
 * as a reply cut short by a proxy or a server bug would. */
static gboolean
make_partial (TroupeSandboxRequest *request,
              guint                 index)
{
  return request->server->faults->partial_history && index % 3 == 2;
}

/* A JSON string: json-glib's generator escapes the same characters. */
static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* One session as the list shows it, written straight into the reply: a
 * json-glib tree of 10,000 sessions is 11 MB of fresh memory, and faulting
 * it in was most of the time of listing them. @local is the zone made once
 * for the whole list: each new local zone looks at /etc/localtime again (a
 * stat and a readlink), which was half of the rest. */
static void
append_session (GString                    *out,
                const TroupeSandboxSession *session,
                GTimeZone                  *local,
                gboolean                    partial)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (session->created_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) created = g_date_time_to_timezone (utc, local);

  g_string_append_c (out, '{');
  if (!partial)
    {
      g_string_append (out, "\"sessionID\":");
      append_json_string (out, session->id);
      g_string_append_c (out, ',');
    }
  g_string_append_printf (out, "\"date\":\"%02d-%02d-%04d\",\"time\":\"%02d:%02d:%02d\",\"is_added_to_memory\":%s}",
                          g_date_time_get_day_of_month (created), g_date_time_get_month (created),
                          g_date_time_get_year (created), g_date_time_get_hour (created),
                          g_date_time_get_minute (created), g_date_time_get_second (created),
                          session->is_added_to_memory ? "true" : "false");
}

static void
reply_array (SoupServerMessage *msg,
             JsonArray         *array)
{
  g_autoptr(JsonNode) root = json_node_init_array (json_node_alloc (), array);

  troupe_sandbox_reply_json (msg, SOUP_STATUS_OK, root);
}

/* limit is a string; "-1" (or none) means every session. */
static void
handle_list (TroupeSandboxRequest *request)
{
  const char *id = troupe_sandbox_request_field (request, "charID");
  const char *limit_text = troupe_sandbox_request_field (request, "limit");
  g_autoptr(GString) out = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  gint64 limit = -1;

  if (!require_character (request, id))
    return;
  if (limit_text != NULL && !g_ascii_string_to_signed (limit_text, 10, -1, G_MAXINT, &limit, NULL))
    {
      troupe_sandbox_reply_message (request->msg, SOUP_STATUS_BAD_REQUEST, "ERROR",
                                    "limit must be a whole number, or \"-1\" for every session.");
      return;
    }
  sessions = troupe_sandbox_store_list_sessions (request->server->store, id, (int) limit);
  out = g_string_sized_new (128 + 120 * sessions->len);
  g_string_append_c (out, '[');
  for (guint i = 0; i < sessions->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_session (out, g_ptr_array_index (sessions, i), local, make_partial (request, i));
    }
  g_string_append_c (out, ']');
  troupe_sandbox_reply_text (request->msg, SOUP_STATUS_OK, "application/json", out->str);
}

static JsonObject *
speaker_line (const char *speaker,
              const char *message)
{
  JsonObject *line = json_object_new ();

  json_object_set_string_member (line, "speaker", speaker);
  json_object_set_string_member (line, "message", message);
  return line;
}

static JsonObject *
interaction_to_json (const TroupeSandboxInteraction *interaction)
{
  JsonObject *object = json_object_new ();
  JsonArray *lines = json_array_new ();

  json_array_add_object_element (lines, speaker_line ("User", interaction->user_text));
  json_array_add_object_element (lines, speaker_line ("Character", interaction->character_text));
  json_object_set_string_member (object, "timestamp", interaction->timestamp);
  json_object_set_array_member (object, "interaction", lines);
  json_object_set_boolean_member (object, "is_trigger_input", interaction->is_trigger);
  return object;
}

static void
handle_details (TroupeSandboxRequest *request)
{
  TroupeSandboxStore *store = request->server->store;
  const char *id = troupe_sandbox_request_field (request, "charID");
  const char *session = troupe_sandbox_request_field (request, "sessionID");
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(GPtrArray) interactions = NULL;

  if (!require_character (request, id))
    return;
  if (session == NULL || !troupe_sandbox_store_has_session (store, id, session))
    {
      g_autofree char *message = g_strdup_printf ("Session %s not found.", session ? session : "(none)");

      troupe_sandbox_reply_message (request->msg, SOUP_STATUS_NOT_FOUND, "ERROR", message);
      return;
    }
  interactions = troupe_sandbox_store_list_interactions (store, id, session);
  for (guint i = 0; i < interactions->len; i++)
    {
      JsonObject *object = interaction_to_json (g_ptr_array_index (interactions, i));

      if (make_partial (request, i))
        json_object_set_int_member (object, "interaction", 3);
      json_array_add_object_element (array, object);
    }
  reply_array (request->msg, array);
}

static char **
read_session_ids (TroupeSandboxRequest *request)
{
  JsonNode *node = request->json ? json_object_get_member (request->json, "sessionIDs") : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *session = json_array_get_string_element (array, i);

      if (session == NULL)
        return NULL;
      g_strv_builder_add (builder, session);
    }
  return g_strv_builder_end (builder);
}

static void
handle_delete (TroupeSandboxRequest *request)
{
  const char *id = troupe_sandbox_request_field (request, "charID");
  g_auto(GStrv) sessions = NULL;

  if (!require_character (request, id))
    return;
  sessions = read_session_ids (request);
  if (sessions == NULL)
    {
      troupe_sandbox_reply_message (request->msg, SOUP_STATUS_BAD_REQUEST, "ERROR",
                                    "sessionIDs must be a JSON list of session id strings.");
      return;
    }
  troupe_sandbox_store_delete_sessions (request->server->store, id, (const char * const *) sessions);
  troupe_sandbox_reply_message (request->msg, SOUP_STATUS_OK, "status", "SUCCESSFULLY DELETED");
}

void
troupe_sandbox_history_register (TroupeSandboxServer *server)
{
  troupe_sandbox_server_route (server, "POST", "/character/chatHistory/list", handle_list);
  troupe_sandbox_server_route (server, "POST", "/character/chatHistory/details", handle_details);
  troupe_sandbox_server_route (server, "POST", "/character/chatHistory/delete", handle_delete);
}
