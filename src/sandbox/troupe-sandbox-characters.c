/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-characters.h"

#include <string.h>

#include "troupe-sandbox-reply.h"
#include "troupe-sandbox-voices.h"

#define CREATE_ERROR "Error in creating the character. Check if all the input data is valid. " \
                     "Contact support for more info."

/* Convai's servers stamp in UTC, without a zone. */
char *
troupe_sandbox_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%d %H:%M:%S.%f");
}

static JsonArray *
split_actions (const char *actions)
{
  g_auto(GStrv) parts = g_strsplit (actions != NULL ? actions : "", ",", -1);
  JsonArray *array = json_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *action = g_strstrip (parts[i]);

      if (*action != '\0')
        json_array_add_string_element (array, action);
    }
  return array;
}

JsonObject *
troupe_sandbox_character_to_json (const TroupeSandboxCharacter *character)
{
  JsonObject *object = json_object_new ();
  JsonArray *codes = json_array_new ();
  JsonObject *model = json_object_new ();
  JsonObject *memory = json_object_new ();

  for (guint i = 0; character->language_codes[i] != NULL; i++)
    json_array_add_string_element (codes, character->language_codes[i]);
  json_object_set_string_member (model, "modelType", "troupe-sandbox-retrieval");
  json_object_set_string_member (model, "modelName",
                                 "Troupe sandbox: a local retrieval stand-in, not Convai's language model");
  json_object_set_boolean_member (memory, "enabled", FALSE);

  json_object_set_string_member (object, "character_name", character->name);
  json_object_set_string_member (object, "user_id", "troupe-sandbox-user");
  json_object_set_string_member (object, "character_id", character->id);
  json_object_set_string_member (object, "voice_type", character->voice_type);
  json_object_set_string_member (object, "timestamp", character->timestamp);
  json_object_set_string_member (object, "backstory", character->backstory);
  json_object_set_array_member (object, "language_codes", codes);
  json_object_set_string_member (object, "language_code", character->language_codes[0]);
  json_object_set_array_member (object, "character_actions", split_actions (character->actions));
  json_object_set_object_member (object, "model_details", model);
  json_object_set_boolean_member (object, "is_narrative_driven", FALSE);
  json_object_set_object_member (object, "memory_settings", memory);
  return object;
}

static void
reply_char_id (SoupServerMessage *msg,
               const char        *id)
{
  troupe_sandbox_reply_message (msg, SOUP_STATUS_OK, "charID", id);
}

static void
reply_unknown_character (SoupServerMessage *msg,
                         const char        *id)
{
  g_autofree char *message = g_strdup_printf ("Character %s not found.", id != NULL ? id : "(none)");

  troupe_sandbox_reply_message (msg, SOUP_STATUS_NOT_FOUND, "ERROR", message);
}

static void
handle_create (TroupeSandboxRequest *request)
{
  TroupeSandboxServer *server = request->server;
  const char *name = troupe_sandbox_request_field (request, "charName");
  const char *voice = troupe_sandbox_request_field (request, "voiceType");
  const char *backstory = troupe_sandbox_request_field (request, "backstory");
  g_autoptr(TroupeSandboxCharacter) character = NULL;
  g_autoptr(GError) error = NULL;

  if (name == NULL || voice == NULL || backstory == NULL)
    {
      troupe_sandbox_reply_message (request->msg, SOUP_STATUS_BAD_REQUEST, "INTERNAL_ERROR",
                                    CREATE_ERROR " (charName, voiceType and backstory are required.)");
      return;
    }
  if (!troupe_sandbox_voices_is_valid (voice))
    {
      g_autofree char *message = g_strdup_printf (CREATE_ERROR " (Unknown voiceType \"%s\".)", voice);

      troupe_sandbox_reply_message (request->msg, SOUP_STATUS_BAD_REQUEST, "INTERNAL_ERROR", message);
      return;
    }
  character = troupe_sandbox_character_new ();
  character->id = g_uuid_string_random ();
  character->name = g_strdup (name);
  character->voice_type = g_strdup (voice);
  character->backstory = g_strdup (backstory);
  character->actions = g_strdup (troupe_sandbox_request_field (request, "actions"));
  character->language_codes = g_strsplit ("en-US", ",", -1);
  character->timestamp = troupe_sandbox_timestamp_now ();
  if (!troupe_sandbox_store_save_character (server->store, character, &error))
    troupe_sandbox_reply_message (request->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                                  error->message);
  else
    reply_char_id (request->msg, character->id);
}

/* languageCodes: 1 to 4 known codes. */
static char **
read_language_codes (JsonNode  *node,
                     char     **error_message)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node) ||
      (n = json_array_get_length (array = json_node_get_array (node))) < 1 || n > 4)
    {
      *error_message = g_strdup ("languageCodes must be a list of 1 to 4 language codes.");
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      const char *code = json_array_get_string_element (array, i);

      if (code == NULL || !troupe_sandbox_languages_is_valid (code))
        {
          *error_message = g_strdup_printf ("Unsupported language code \"%s\".", code ? code : "");
          return NULL;
        }
      g_strv_builder_add (builder, code);
    }
  return g_strv_builder_end (builder);
}

/* docs: [{"id", "status": "active"|"inactive"}], checked in full before
 * any is applied. */
static gboolean
check_docs (TroupeSandboxServer *server,
            JsonNode            *node,
            char               **error_message)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      *error_message = g_strdup ("docs must be a list of {\"id\", \"status\"} objects.");
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *doc = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *id = doc ? json_object_get_string_member_with_default (doc, "id", NULL) : NULL;
      const char *status = doc ? json_object_get_string_member_with_default (doc, "status", NULL) : NULL;
      g_autoptr(TroupeSandboxDoc) found = NULL;

      if (id == NULL || status == NULL ||
          (strcmp (status, "active") != 0 && strcmp (status, "inactive") != 0))
        {
          *error_message = g_strdup ("Each docs entry needs an \"id\" and a \"status\" of \"active\" or \"inactive\".");
          return FALSE;
        }
      found = troupe_sandbox_store_get_doc (server->store, id, NULL);
      if (found == NULL)
        {
          *error_message = g_strdup_printf ("Knowledge bank document %s not found.", id);
          return FALSE;
        }
      /* A strict server's answer, with --fault-processing-ms only: the
       * sandbox itself lets a document be connected while it is processed. */
      if (server->faults->processing_ms > 0 && strcmp (status, "active") == 0
          && !found->is_available && found->error == NULL)
        {
          *error_message = g_strdup ("Document is not available yet.");
          return FALSE;
        }
    }
  return TRUE;
}

static void
apply_docs (TroupeSandboxServer *server,
            const char          *character_id,
            JsonNode            *node)
{
  JsonArray *array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *doc = json_array_get_object_element (array, i);

      troupe_sandbox_store_connect_doc (server->store, character_id,
                                        json_object_get_string_member (doc, "id"),
                                        strcmp (json_object_get_string_member (doc, "status"), "active") == 0);
    }
}

static void
replace_string (char       **field,
                const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static gboolean
apply_scalar_updates (TroupeSandboxRequest    *request,
                      TroupeSandboxCharacter  *character,
                      char                   **error_message)
{
  const char *name = troupe_sandbox_request_field (request, "charName");
  const char *voice = troupe_sandbox_request_field (request, "voiceType");
  const char *backstory = troupe_sandbox_request_field (request, "backstory");
  const char *actions = g_hash_table_lookup (request->fields, "action");

  if (actions == NULL)
    actions = g_hash_table_lookup (request->fields, "actions");
  if (voice != NULL && !troupe_sandbox_voices_is_valid (voice))
    {
      *error_message = g_strdup_printf ("Unknown voiceType \"%s\".", voice);
      return FALSE;
    }
  if (name != NULL)
    replace_string (&character->name, name);
  if (voice != NULL)
    replace_string (&character->voice_type, voice);
  if (backstory != NULL)
    replace_string (&character->backstory, backstory);
  if (actions != NULL)
    replace_string (&character->actions, actions);
  return TRUE;
}

static void
handle_update (TroupeSandboxRequest *request)
{
  TroupeSandboxServer *server = request->server;
  const char *id = troupe_sandbox_request_field (request, "charID");
  g_autoptr(TroupeSandboxCharacter) character = NULL;
  g_autofree char *error_message = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *codes = request->json ? json_object_get_member (request->json, "languageCodes") : NULL;
  JsonNode *docs = request->json ? json_object_get_member (request->json, "docs") : NULL;
  char **new_codes = NULL;

  if (id == NULL || (character = troupe_sandbox_store_get_character (server->store, id)) == NULL)
    {
      troupe_sandbox_reply_message (request->msg, id ? SOUP_STATUS_NOT_FOUND : SOUP_STATUS_BAD_REQUEST,
                                    "ERROR", "Could not fetch character details from all_characters table.");
      return;
    }
  if ((codes != NULL && (new_codes = read_language_codes (codes, &error_message)) == NULL) ||
      (docs != NULL && !check_docs (server, docs, &error_message)) ||
      !apply_scalar_updates (request, character, &error_message))
    {
      g_strfreev (new_codes);
      troupe_sandbox_reply_message (request->msg, SOUP_STATUS_BAD_REQUEST, "ERROR", error_message);
      return;
    }
  if (new_codes != NULL)
    {
      g_strfreev (character->language_codes);
      character->language_codes = new_codes;
    }
  if (!troupe_sandbox_store_save_character (server->store, character, &error))
    {
      troupe_sandbox_reply_message (request->msg, SOUP_STATUS_BAD_REQUEST, "ERROR",
                                    "Could not update all_characters table.");
      return;
    }
  if (docs != NULL)
    apply_docs (server, id, docs);
  troupe_sandbox_reply_message (request->msg, SOUP_STATUS_OK, "STATUS", "SUCCESS");
}

static void
handle_get (TroupeSandboxRequest *request)
{
  TroupeSandboxStore *store = request->server->store;
  const char *id = troupe_sandbox_request_field (request, "charID");
  const char *name = troupe_sandbox_request_field (request, "charName");
  g_autoptr(TroupeSandboxCharacter) character = NULL;
  g_autoptr(JsonObject) object = NULL;

  if (id == NULL && name == NULL)
    {
      troupe_sandbox_reply_message (request->msg, SOUP_STATUS_BAD_REQUEST, "ERROR",
                                    "Either charID or charName is required.");
      return;
    }
  character = id ? troupe_sandbox_store_get_character (store, id)
                 : troupe_sandbox_store_find_character (store, name);
  if (character == NULL)
    {
      reply_unknown_character (request->msg, id ? id : name);
      return;
    }
  object = troupe_sandbox_character_to_json (character);
  troupe_sandbox_reply_object (request->msg, SOUP_STATUS_OK, object);
}

static void
handle_list (TroupeSandboxRequest *request)
{
  g_autoptr(GPtrArray) characters = troupe_sandbox_store_list_characters (request->server->store);
  g_autoptr(JsonObject) object = json_object_new ();
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < characters->len; i++)
    json_array_add_object_element (array, troupe_sandbox_character_to_json (g_ptr_array_index (characters, i)));
  json_object_set_array_member (object, "characters", array);
  troupe_sandbox_reply_object (request->msg, SOUP_STATUS_OK, object);
}

static void
handle_clone (TroupeSandboxRequest *request)
{
  TroupeSandboxStore *store = request->server->store;
  const char *id = troupe_sandbox_request_field (request, "charID");
  g_autoptr(TroupeSandboxCharacter) character = NULL;
  g_autofree char *source_id = NULL;
  g_autoptr(GError) error = NULL;

  if (id == NULL || (character = troupe_sandbox_store_get_character (store, id)) == NULL)
    {
      reply_unknown_character (request->msg, id);
      return;
    }
  source_id = g_steal_pointer (&character->id);
  character->id = g_uuid_string_random ();
  g_free (character->timestamp);
  character->timestamp = troupe_sandbox_timestamp_now ();
  if (!troupe_sandbox_store_save_character (store, character, &error))
    {
      troupe_sandbox_reply_message (request->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                                    error->message);
      return;
    }
  if (troupe_sandbox_request_flag (request, "KB"))
    troupe_sandbox_store_copy_connections (store, source_id, character->id);
  reply_char_id (request->msg, character->id);
}

static void
handle_delete (TroupeSandboxRequest *request)
{
  const char *id = troupe_sandbox_request_field (request, "charID");

  if (id == NULL || !troupe_sandbox_store_delete_character (request->server->store, id))
    {
      reply_unknown_character (request->msg, id);
      return;
    }
  troupe_sandbox_reply_message (request->msg, SOUP_STATUS_OK, "STATUS", "SUCCESS");
}

void
troupe_sandbox_characters_register (TroupeSandboxServer *server)
{
  troupe_sandbox_server_route (server, "POST", "/character/create", handle_create);
  troupe_sandbox_server_route (server, "POST", "/character/update", handle_update);
  troupe_sandbox_server_route (server, "POST", "/character/get", handle_get);
  troupe_sandbox_server_route (server, "POST", "/character/list", handle_list);
  troupe_sandbox_server_route (server, "POST", "/user/clone_character", handle_clone);
  troupe_sandbox_server_route (server, "POST", "/character/delete", handle_delete);
}
