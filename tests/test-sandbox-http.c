/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every troupe-sandbox endpoint over raw HTTP: status codes, bodies and
 * the quirks Convai's own pages document. */
#include <string.h>

#include "sandbox-test-client.h"

#define BACKSTORY "Mira Quill repairs clocks in the old harbour town of Westmere. " \
                  "She learned the trade from her grandmother, who built the tower clock."

static TroupeTestSandbox *
start (void)
{
  return troupe_test_sandbox_start (NULL);
}

static void
assert_message (SandboxReply *reply,
                guint         status,
                const char   *key,
                const char   *message)
{
  g_autoptr(JsonNode) node = sandbox_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, status);
  if (message != NULL)
    g_assert_cmpstr (sandbox_json_string (node, key), ==, message);
  else
    g_assert_nonnull (sandbox_json_string (node, key));
}

static void
test_auth (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = start ();
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(SandboxReply) missing = sandbox_request (sandbox, "POST", "/character/list", NULL,
                                                     "application/json", body);
  g_autoptr(SandboxReply) wrong = sandbox_request (sandbox, "POST", "/character/list", "not-the-key",
                                                   "application/json", body);
  g_autoptr(SandboxReply) wrong_get = sandbox_request (sandbox, "GET", "/tts/get_available_voices",
                                                       "not-the-key", NULL, NULL);
  g_autoptr(SandboxReply) right = sandbox_post_json (sandbox, "/character/list", "{}");

  assert_message (missing, 401, "API_ERROR", "api_key not found.");
  assert_message (wrong, 401, "API_ERROR", "Invalid API key provided.");
  assert_message (wrong_get, 401, "API_ERROR", "Invalid API key provided.");
  g_assert_cmpuint (right->status, ==, 200);
}

static void
test_routes (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = start ();
  g_autoptr(SandboxReply) unknown = sandbox_post_json (sandbox, "/character/nope", "{}");
  g_autoptr(SandboxReply) wrong_method = sandbox_get (sandbox, "/character/list");
  g_autoptr(SandboxReply) bad_json = sandbox_post_json (sandbox, "/character/create", "{\"charName\": ");

  g_assert_cmpuint (unknown->status, ==, 404);
  g_assert_cmpuint (wrong_method->status, ==, 405);
  assert_message (bad_json, 400, "ERROR", NULL);
}

static JsonObject *
get_character (TroupeTestSandbox *sandbox,
               const char        *json,
               guint              expected_status)
{
  g_autoptr(SandboxReply) reply = sandbox_post_json (sandbox, "/character/get", json);
  g_autoptr(JsonNode) node = sandbox_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, expected_status);
  return json_object_ref (json_node_get_object (node));
}

static void
test_characters (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = start ();
  g_autoptr(SandboxReply) created = sandbox_post_json (sandbox, "/character/create",
    "{\"charName\": \"Mira\", \"voiceType\": \"FEMALE\", \"backstory\": \"" BACKSTORY "\","
    " \"actions\": \"Wave, Open Door\"}");
  g_autoptr(JsonNode) created_node = sandbox_reply_json (created);
  const char *id = sandbox_json_string (created_node, "charID");
  g_autofree char *by_id = g_strdup_printf ("{\"charID\": \"%s\"}", id);
  g_autoptr(JsonObject) character = get_character (sandbox, by_id, 200);
  g_autoptr(JsonObject) by_name = get_character (sandbox, "{\"charName\": \"Mira\"}", 200);
  JsonArray *actions = json_object_get_array_member (character, "character_actions");

  g_assert_cmpuint (created->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (character, "character_name"), ==, "Mira");
  g_assert_cmpstr (json_object_get_string_member (character, "character_id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (character, "voice_type"), ==, "FEMALE");
  g_assert_cmpstr (json_object_get_string_member (character, "backstory"), ==, BACKSTORY);
  g_assert_nonnull (json_object_get_string_member (character, "timestamp"));
  g_assert_cmpuint (json_array_get_length (actions), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (actions, 1), ==, "Open Door");
  g_assert_cmpstr (json_object_get_string_member (by_name, "character_id"), ==, id);
}

static void
test_create_errors (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = start ();
  g_autoptr(SandboxReply) missing = sandbox_post_json (sandbox, "/character/create", "{\"charName\": \"X\"}");
  g_autoptr(SandboxReply) bad_voice = sandbox_post_json (sandbox, "/character/create",
    "{\"charName\": \"X\", \"voiceType\": \"NO SUCH VOICE\", \"backstory\": \"b\"}");
  g_autoptr(SandboxReply) unknown_get = sandbox_post_json (sandbox, "/character/get", "{\"charID\": \"nope\"}");
  g_autoptr(SandboxReply) unknown_update = sandbox_post_json (sandbox, "/character/update",
                                                              "{\"charID\": \"nope\", \"charName\": \"Y\"}");
  g_autoptr(SandboxReply) unknown_delete = sandbox_post_json (sandbox, "/character/delete", "{\"charID\": \"nope\"}");

  assert_message (missing, 400, "INTERNAL_ERROR", NULL);
  assert_message (bad_voice, 400, "INTERNAL_ERROR", NULL);
  assert_message (unknown_get, 404, "ERROR", NULL);
  assert_message (unknown_update, 404, "ERROR", "Could not fetch character details from all_characters table.");
  assert_message (unknown_delete, 404, "ERROR", NULL);
}

static void
test_update (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = start ();
  g_autofree char *id = sandbox_create_character (sandbox, "Mira", BACKSTORY);
  g_autofree char *update = g_strdup_printf ("{\"charID\": \"%s\", \"charName\": \"Mira Quill\","
                                             " \"action\": \"Wind Clock\","
                                             " \"languageCodes\": [\"en-US\", \"fr-FR\"]}", id);
  g_autofree char *bad_language = g_strdup_printf ("{\"charID\": \"%s\", \"languageCodes\": [\"xx-XX\"]}", id);
  g_autofree char *too_many = g_strdup_printf ("{\"charID\": \"%s\", \"languageCodes\":"
                                               " [\"en-US\", \"fr-FR\", \"de-DE\", \"it-IT\", \"es-ES\"]}", id);
  g_autofree char *bad_doc = g_strdup_printf ("{\"charID\": \"%s\", \"docs\": [{\"id\": \"nope\", \"status\": \"active\"}]}", id);
  g_autofree char *by_id = g_strdup_printf ("{\"charID\": \"%s\"}", id);
  g_autoptr(SandboxReply) updated = sandbox_post_json (sandbox, "/character/update", update);
  g_autoptr(SandboxReply) rejected = sandbox_post_json (sandbox, "/character/update", bad_language);
  g_autoptr(SandboxReply) rejected_count = sandbox_post_json (sandbox, "/character/update", too_many);
  g_autoptr(SandboxReply) rejected_doc = sandbox_post_json (sandbox, "/character/update", bad_doc);
  g_autoptr(JsonObject) character = get_character (sandbox, by_id, 200);
  JsonArray *codes = json_object_get_array_member (character, "language_codes");
  JsonArray *actions = json_object_get_array_member (character, "character_actions");

  assert_message (updated, 200, "STATUS", "SUCCESS");
  assert_message (rejected, 400, "ERROR", NULL);
  assert_message (rejected_count, 400, "ERROR", NULL);
  assert_message (rejected_doc, 400, "ERROR", NULL);
  g_assert_cmpstr (json_object_get_string_member (character, "character_name"), ==, "Mira Quill");
  /* Fields not sent are unchanged. */
  g_assert_cmpstr (json_object_get_string_member (character, "backstory"), ==, BACKSTORY);
  g_assert_cmpuint (json_array_get_length (codes), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (codes, 1), ==, "fr-FR");
  g_assert_cmpuint (json_array_get_length (actions), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (actions, 0), ==, "Wind Clock");
}

static guint
count_characters (TroupeTestSandbox *sandbox)
{
  g_autoptr(SandboxReply) reply = sandbox_post_json (sandbox, "/character/list", "{}");
  g_autoptr(JsonNode) node = sandbox_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 200);
  return json_array_get_length (json_object_get_array_member (json_node_get_object (node), "characters"));
}

static void
test_clone_and_delete (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = start ();
  g_autofree char *id = sandbox_create_character (sandbox, "Mira", BACKSTORY);
  g_autofree char *clone_request = g_strdup_printf ("{\"charID\": \"%s\", \"KB\": true}", id);
  g_autoptr(SandboxReply) cloned = sandbox_post_json (sandbox, "/user/clone_character", clone_request);
  g_autoptr(JsonNode) cloned_node = sandbox_reply_json (cloned);
  const char *clone_id = sandbox_json_string (cloned_node, "charID");
  g_autofree char *delete_request = g_strdup_printf ("{\"charID\": \"%s\"}", id);
  g_autoptr(SandboxReply) deleted = NULL;
  g_autoptr(JsonObject) gone = NULL;
  g_autofree char *clone_get = g_strdup_printf ("{\"charID\": \"%s\"}", clone_id);
  g_autoptr(JsonObject) clone = NULL;

  g_assert_cmpuint (cloned->status, ==, 200);
  g_assert_cmpstr (clone_id, !=, id);
  g_assert_cmpuint (count_characters (sandbox), ==, 2);
  deleted = sandbox_post_json (sandbox, "/character/delete", delete_request);
  assert_message (deleted, 200, "STATUS", "SUCCESS");
  gone = get_character (sandbox, delete_request, 404);
  clone = get_character (sandbox, clone_get, 200);
  g_assert_cmpstr (json_object_get_string_member (clone, "backstory"), ==, BACKSTORY);
  g_assert_cmpuint (count_characters (sandbox), ==, 1);
}

static gboolean
is_hex_session (const char *id)
{
  if (id == NULL || strlen (id) != 32)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

static void
test_get_response (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = start ();
  g_autofree char *id = sandbox_create_character (sandbox, "Mira", BACKSTORY);
  g_autoptr(SandboxReply) reply = sandbox_post_form (sandbox, "/character/getResponse",
                                                     "charID", id, "sessionID", "-1",
                                                     "userText", "Who did you learn the clock trade from?",
                                                     "voiceResponse", "False", NULL);
  g_autoptr(JsonNode) node = sandbox_reply_json (reply);
  JsonObject *object = json_node_get_object (node);
  const char *session = sandbox_json_string (node, "sessionID");
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autoptr(SandboxReply) again = NULL;
  g_autoptr(JsonNode) again_node = NULL;

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (sandbox_json_string (node, "charID"), ==, id);
  g_assert_true (is_hex_session (session));
  g_assert_true (json_object_has_member (object, "audio"));
  g_assert_true (json_node_is_null (json_object_get_member (object, "audio")));
  g_assert_true (json_node_is_null (json_object_get_member (object, "sample_rate")));
  /* The reply speaks as Mira, from her backstory. */
  g_assert_nonnull (strstr (sandbox_json_string (node, "text"), "grandmother"));
  g_assert_nonnull (strstr (sandbox_json_string (node, "text"), "I learned"));

  /* Multipart works too, and a session id is kept. */
  soup_multipart_append_form_string (multipart, "charID", id);
  soup_multipart_append_form_string (multipart, "sessionID", session);
  soup_multipart_append_form_string (multipart, "userText", "Tell me about the harbour town");
  soup_multipart_append_form_string (multipart, "voiceResponse", "False");
  again = sandbox_post_multipart (sandbox, "/character/getResponse", multipart);
  again_node = sandbox_reply_json (again);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpstr (sandbox_json_string (again_node, "sessionID"), ==, session);
  g_assert_nonnull (strstr (sandbox_json_string (again_node, "text"), "Westmere"));
}

static char *
ask_in_session (TroupeTestSandbox *sandbox,
                const char        *id,
                char             **session,
                const char        *question)
{
  g_autoptr(SandboxReply) reply = sandbox_post_form (sandbox, "/character/getResponse", "charID", id,
                                                     "sessionID", *session ? *session : "-1",
                                                     "userText", question, NULL);
  g_autoptr(JsonNode) node = sandbox_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 200);
  if (*session == NULL)
    *session = g_strdup (sandbox_json_string (node, "sessionID"));
  return g_strdup (sandbox_json_string (node, "text"));
}

/* "Tell me more" goes on with the same question, never repeating. */
static void
test_continuation (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = start ();
  g_autofree char *id = sandbox_create_character (sandbox, "Mira",
    "Mira Quill repairs clocks in Westmere. The tower clock loses a minute every winter. "
    "Mira oils the clocks of the harbour master every month. Her favourite clocks are the brass carriage clocks. "
    "The oldest clocks in her shop are Dutch.");
  g_autofree char *session = NULL;
  g_autofree char *first = ask_in_session (sandbox, id, &session, "Tell me about the clocks");
  g_autofree char *second = ask_in_session (sandbox, id, &session, "Tell me more");
  g_autofree char *third = ask_in_session (sandbox, id, &session, "What else?");
  g_autofree char *fresh = NULL;
  g_autofree char *fresh_session = NULL;

  g_test_message ("%s | %s | %s", first, second, third);
  g_assert_nonnull (strstr (first, "clock"));
  g_assert_nonnull (strstr (second, "clock"));
  g_assert_null (strstr (first, second));
  g_assert_cmpstr (third, ==, "That is all I can tell you about that.");
  /* A new session has nothing to continue. */
  fresh = ask_in_session (sandbox, id, &fresh_session, "Tell me more");
  g_assert_cmpstr (fresh, ==, "What would you like to hear more about?");
}

static void
test_get_response_errors (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = start ();
  g_autofree char *id = sandbox_create_character (sandbox, "Mira", BACKSTORY);
  g_autoptr(SandboxReply) neither = sandbox_post_form (sandbox, "/character/getResponse",
                                                       "charID", id, "sessionID", "-1", NULL);
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autoptr(GBytes) wav = g_bytes_new_static ("RIFF", 4);
  g_autoptr(SandboxReply) both = NULL;
  g_autoptr(SandboxReply) unknown = sandbox_post_form (sandbox, "/character/getResponse",
                                                       "charID", "no-such-character", "sessionID", "-1",
                                                       "userText", "Hello", NULL);
  g_autoptr(JsonNode) unknown_node = sandbox_reply_json (unknown);

  assert_message (neither, 400, "ERROR", "Expecting only one; either an audio file or user's query as a string");
  soup_multipart_append_form_string (multipart, "charID", id);
  soup_multipart_append_form_string (multipart, "sessionID", "-1");
  soup_multipart_append_form_string (multipart, "userText", "Hello");
  soup_multipart_append_form_file (multipart, "file", "audio.wav", "audio/wav", wav);
  both = sandbox_post_multipart (sandbox, "/character/getResponse", multipart);
  assert_message (both, 400, "ERROR", "Expecting only one; either an audio file or user's query as a string");
  g_assert_cmpuint (unknown->status, ==, 404);
  g_assert_cmpstr (sandbox_json_string (unknown_node, "charID"), ==, "no-such-character");
  g_assert_true (g_str_has_prefix (sandbox_json_string (unknown_node, "text"), "process_failure, error: "));
}

static void
test_history (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = start ();
  g_autofree char *id = sandbox_create_character (sandbox, "Mira", BACKSTORY);
  g_autoptr(SandboxReply) first = sandbox_post_form (sandbox, "/character/getResponse", "charID", id,
                                                     "sessionID", "-1", "userText", "Hello there", NULL);
  g_autoptr(JsonNode) first_node = sandbox_reply_json (first);
  g_autofree char *session = g_strdup (sandbox_json_string (first_node, "sessionID"));
  g_autoptr(SandboxReply) second = sandbox_post_form (sandbox, "/character/getResponse", "charID", id,
                                                      "sessionID", session, "userText", "Who built the tower clock?",
                                                      NULL);
  g_autofree char *list_request = g_strdup_printf ("{\"charID\": \"%s\", \"limit\": \"-1\"}", id);
  g_autoptr(SandboxReply) list = sandbox_post_json (sandbox, "/character/chatHistory/list", list_request);
  g_autoptr(JsonNode) list_node = sandbox_reply_json (list);
  JsonArray *sessions = json_node_get_array (list_node);
  JsonObject *summary = json_array_get_object_element (sessions, 0);
  g_autofree char *details_request = g_strdup_printf ("{\"charID\": \"%s\", \"sessionID\": \"%s\"}", id, session);
  g_autoptr(SandboxReply) details = sandbox_post_json (sandbox, "/character/chatHistory/details", details_request);
  g_autoptr(JsonNode) details_node = sandbox_reply_json (details);
  JsonArray *interactions = json_node_get_array (details_node);
  JsonObject *exchange = json_array_get_object_element (interactions, 1);
  JsonArray *lines = json_object_get_array_member (exchange, "interaction");
  g_autofree char *delete_request = g_strdup_printf ("{\"charID\": \"%s\", \"sessionIDs\": [\"%s\"]}", id, session);
  g_autoptr(SandboxReply) deleted = NULL;
  g_autoptr(SandboxReply) relisted = NULL;
  g_autoptr(JsonNode) relisted_node = NULL;

  g_assert_cmpuint (second->status, ==, 200);
  g_assert_cmpuint (list->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (sessions), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (summary, "sessionID"), ==, session);
  g_assert_true (g_regex_match_simple ("^\\d\\d-\\d\\d-\\d{4}$", json_object_get_string_member (summary, "date"), 0, 0));
  g_assert_true (g_regex_match_simple ("^\\d\\d:\\d\\d:\\d\\d$", json_object_get_string_member (summary, "time"), 0, 0));
  g_assert_false (json_object_get_boolean_member (summary, "is_added_to_memory"));
  g_assert_cmpuint (details->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (interactions), ==, 2);
  g_assert_nonnull (json_object_get_string_member (exchange, "timestamp"));
  g_assert_false (json_object_get_boolean_member (exchange, "is_trigger_input"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 0), "speaker"), ==, "User");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 0), "message"), ==,
                   "Who built the tower clock?");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 1), "speaker"), ==, "Character");

  deleted = sandbox_post_json (sandbox, "/character/chatHistory/delete", delete_request);
  assert_message (deleted, 200, "status", "SUCCESSFULLY DELETED");
  relisted = sandbox_post_json (sandbox, "/character/chatHistory/list", list_request);
  relisted_node = sandbox_reply_json (relisted);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (relisted_node)), ==, 0);
}

static void
test_knowledge_quirks (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = start ();
  g_autofree char *id = sandbox_create_character (sandbox, "Mira", BACKSTORY);
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autoptr(GBytes) file = g_bytes_new_static ("Clock oil is changed every spring.\n", 35);
  g_autoptr(SandboxReply) uploaded = NULL;
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(SandboxReply) list = NULL;
  g_autoptr(JsonNode) list_node = NULL;
  JsonArray *docs;
  g_autoptr(SandboxReply) deleted = NULL;
  g_autofree char *deleted_text = NULL;

  soup_multipart_append_form_string (multipart, "file_name", "oil.txt");
  soup_multipart_append_form_file (multipart, "file", "oil.txt", "text/plain", file);
  uploaded = sandbox_post_multipart (sandbox, "/character/knowledge-bank/upload", multipart);
  g_assert_cmpuint (uploaded->status, ==, 200);
  doc = sandbox_reply_json (uploaded);
  g_assert_cmpstr (sandbox_json_string (doc, "file_name"), ==, "oil.txt");
  g_assert_cmpstr (sandbox_json_string (doc, "status"), ==, "inactive");
  g_assert_cmpstr (sandbox_json_string (doc, "file_size"), ==, "35");   /* a string */
  g_assert_false (json_object_get_boolean_member (json_node_get_object (doc), "is_available"));
  g_assert_nonnull (sandbox_json_string (doc, "timestamp"));

  /* knowledge-bank/list takes form fields and double-encodes each doc. */
  list = sandbox_post_form (sandbox, "/character/knowledge-bank/list", "character_id", id, NULL);
  list_node = sandbox_reply_json (list);
  docs = json_object_get_array_member (json_node_get_object (list_node), "docs");
  g_assert_cmpuint (json_array_get_length (docs), ==, 1);
  g_assert_cmpint (json_node_get_value_type (json_array_get_element (docs, 0)), ==, G_TYPE_STRING);
  g_assert_nonnull (strstr (json_array_get_string_element (docs, 0), sandbox_json_string (doc, "id")));

  /* knowledge-bank/delete answers a body that is not valid JSON. */
  deleted = sandbox_post_form (sandbox, "/character/knowledge-bank/delete",
                               "document_id", sandbox_json_string (doc, "id"), NULL);
  deleted_text = sandbox_reply_text (deleted);
  g_assert_cmpuint (deleted->status, ==, 200);
  g_assert_cmpstr (deleted_text, ==, "{\"Successfully deleted document\"}");
  g_assert_null (json_from_string (deleted_text, NULL));
}

static void
test_voices_and_languages (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = start ();
  g_autoptr(SandboxReply) voices = sandbox_get (sandbox, "/tts/get_available_voices");
  g_autoptr(JsonNode) voices_node = sandbox_reply_json (voices);
  g_autoptr(SandboxReply) languages = sandbox_get (sandbox, "/tts/get_available_languages");
  g_autoptr(JsonNode) languages_node = sandbox_reply_json (languages);
  g_autoptr(GList) sections = json_object_get_members (json_node_get_object (voices_node));
  gboolean saw_male = FALSE, saw_non_production = FALSE;
  JsonArray *codes = json_node_get_array (languages_node);

  g_assert_cmpuint (voices->status, ==, 200);
  g_assert_cmpuint (g_list_length (sections), >=, 3);
  for (GList *l = sections; l != NULL; l = l->next)
    {
      JsonArray *section = json_object_get_array_member (json_node_get_object (voices_node), l->data);

      for (guint i = 0; i < json_array_get_length (section); i++)
        {
          JsonObject *entry = json_array_get_object_element (section, i);
          g_autoptr(GList) names = json_object_get_members (entry);
          JsonObject *voice = json_object_get_object_member (entry, names->data);
          JsonArray *envs = json_object_get_array_member (voice, "deployment_env");
          gboolean production = FALSE;

          g_assert_nonnull (json_object_get_string_member (voice, "voice_value"));
          g_assert_nonnull (json_object_get_string_member (voice, "gender"));
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (voice, "lang_codes")), >=, 1);
          g_assert_true (g_str_has_prefix (json_object_get_string_member (voice, "sample_link"), sandbox->base_url));
          for (guint e = 0; e < json_array_get_length (envs); e++)
            production |= g_str_equal (json_array_get_string_element (envs, e), "PRODUCTION");
          saw_non_production |= !production;
          saw_male |= g_str_equal (json_object_get_string_member (voice, "voice_value"), "MALE");
        }
    }
  g_assert_true (saw_male);
  g_assert_true (saw_non_production);

  g_assert_cmpuint (languages->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (codes), ==, 24);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_array_get_object_element (codes, 0), "en-US"), "lang_name"), ==, "English");
}

static GPtrArray *
read_sse_payloads (SandboxReply *reply)
{
  g_autofree char *text = sandbox_reply_text (reply);
  g_auto(GStrv) events = g_strsplit (text, "\n\n", -1);
  GPtrArray *payloads = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; events[i] != NULL; i++)
    if (g_str_has_prefix (events[i], "data: "))
      g_ptr_array_add (payloads, g_strdup (events[i] + strlen ("data: ")));
  return payloads;
}

static void
test_starters_and_backstory (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = start ();
  g_autofree char *id = sandbox_create_character (sandbox, "Mira", BACKSTORY " Westmere has a harbour.");
  g_autoptr(SandboxReply) starters = sandbox_post_form (sandbox, "/character/generate-starter-conversation",
                                                        "charId", id, "sessionId", "-1", NULL);
  g_autoptr(GPtrArray) suggestions = read_sse_payloads (starters);
  g_autoptr(SandboxReply) backstory = sandbox_post_form (sandbox, "/character/generate-backstory",
                                                         "charName", "Tomas", "inputText",
                                                         "A ferryman who sings to seals", NULL);
  g_autoptr(GPtrArray) chunks = read_sse_payloads (backstory);
  g_autoptr(GString) joined = g_string_new (NULL);
  gboolean mentions_westmere = FALSE;

  g_assert_cmpuint (starters->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (starters->headers, NULL), ==, "text/event-stream");
  g_assert_cmpuint (suggestions->len, ==, 3);
  for (guint i = 0; i < suggestions->len; i++)
    mentions_westmere |= strstr (g_ptr_array_index (suggestions, i), "Westmere") != NULL;
  g_assert_true (mentions_westmere);

  /* Within a session, the suggestions follow the last reply's topics. */
  {
    g_autoptr(SandboxReply) chat = sandbox_post_form (sandbox, "/character/getResponse", "charID", id,
                                                      "sessionID", "-1", "userText", "Tell me about the tower clock",
                                                      NULL);
    g_autoptr(JsonNode) chat_node = sandbox_reply_json (chat);
    g_autoptr(SandboxReply) follow_ups = sandbox_post_form (sandbox, "/character/generate-starter-conversation",
                                                            "charId", id, "sessionId",
                                                            sandbox_json_string (chat_node, "sessionID"), NULL);
    g_autoptr(GPtrArray) next = read_sse_payloads (follow_ups);

    g_assert_cmpuint (next->len, ==, 3);
    g_assert_nonnull (strstr (g_ptr_array_index (next, 0), "more about"));
  }

  g_assert_cmpuint (backstory->status, ==, 200);
  g_assert_cmpuint (chunks->len, >, 5);
  for (guint i = 0; i < chunks->len; i++)
    g_string_append (joined, g_ptr_array_index (chunks, i));
  g_assert_true (g_str_has_prefix (joined->str, "Tomas "));
  g_assert_nonnull (strstr (joined->str, "A ferryman who sings to seals."));
}

static void
test_usage (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = start ();
  g_autoptr(SandboxReply) reply = sandbox_post_json (sandbox, "/user/user-api-usage", "{}");
  g_autoptr(JsonNode) node = sandbox_reply_json (reply);
  JsonObject *usage = json_object_get_object_member (json_node_get_object (node), "usage_v2");
  JsonArray *metrics = json_object_get_array_member (usage, "metrics");
  JsonObject *first = json_array_get_object_element (metrics, 0);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_nonnull (json_object_get_string_member (usage, "plan_name"));
  g_assert_true (json_object_has_member (usage, "expiry_ts"));
  g_assert_nonnull (json_object_get_string_member (first, "id"));
  g_assert_true (json_object_has_member (json_array_get_object_element (
                   json_object_get_array_member (first, "usage_details"), 0), "limit"));
}

static void
test_demo (void)
{
  const char *args[] = { "--demo", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_autoptr(SandboxReply) list = sandbox_post_json (sandbox, "/character/list", "{}");
  g_autoptr(JsonNode) node = sandbox_reply_json (list);
  JsonArray *characters = json_object_get_array_member (json_node_get_object (node), "characters");
  JsonObject *ada = json_array_get_object_element (characters, 0);
  const char *id = json_object_get_string_member (ada, "character_id");
  g_autoptr(SandboxReply) docs = sandbox_post_form (sandbox, "/character/knowledge-bank/list",
                                                    "character_id", id, NULL);
  g_autoptr(JsonNode) docs_node = sandbox_reply_json (docs);
  JsonArray *doc_list = json_object_get_array_member (json_node_get_object (docs_node), "docs");
  g_autoptr(JsonNode) doc = json_from_string (json_array_get_string_element (doc_list, 0), NULL);
  g_autofree char *answer = sandbox_ask (sandbox, id, "How far does the beam of the lamp reach?");

  g_assert_cmpuint (json_array_get_length (characters), ==, 1);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (ada, "character_name"), "Ada"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ada, "character_actions")), ==, 2);
  g_assert_cmpuint (json_array_get_length (doc_list), ==, 1);
  g_assert_true (g_str_has_suffix (sandbox_json_string (doc, "file_name"), ".md"));
  g_assert_cmpstr (sandbox_json_string (doc, "status"), ==, "active");
  g_assert_true (json_object_get_boolean_member (json_node_get_object (doc), "is_available"));
  /* The logbook's fact, available at once. */
  g_assert_nonnull (strstr (answer, "twenty-two nautical miles"));
}

/* The seed goes into an empty folder only: a second start with the same
 * data keeps what is there, documents included. */
static void
test_demo_once (void)
{
  g_autofree char *dir = g_dir_make_tmp ("troupe-demo-XXXXXX", NULL);
  const char *args[] = { "--demo", "--data-dir", dir, NULL };

  for (guint start = 0; start < 2; start++)
    {
      g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);

      g_assert_cmpuint (count_characters (sandbox), ==, 1);
    }
  {
    g_autofree char *db = g_build_filename (dir, "sandbox.sqlite3", NULL);
    const char *remove[] = { "rm", "-rf", "--", dir, NULL };

    g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
    g_spawn_sync (NULL, (char **) remove, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/troupe/sandbox-http/auth", test_auth);
  g_test_add_func ("/troupe/sandbox-http/routes", test_routes);
  g_test_add_func ("/troupe/sandbox-http/characters", test_characters);
  g_test_add_func ("/troupe/sandbox-http/create-errors", test_create_errors);
  g_test_add_func ("/troupe/sandbox-http/update", test_update);
  g_test_add_func ("/troupe/sandbox-http/clone-and-delete", test_clone_and_delete);
  g_test_add_func ("/troupe/sandbox-http/get-response", test_get_response);
  g_test_add_func ("/troupe/sandbox-http/get-response-errors", test_get_response_errors);
  g_test_add_func ("/troupe/sandbox-http/continuation", test_continuation);
  g_test_add_func ("/troupe/sandbox-http/history", test_history);
  g_test_add_func ("/troupe/sandbox-http/knowledge-quirks", test_knowledge_quirks);
  g_test_add_func ("/troupe/sandbox-http/voices-and-languages", test_voices_and_languages);
  g_test_add_func ("/troupe/sandbox-http/starters-and-backstory", test_starters_and_backstory);
  g_test_add_func ("/troupe/sandbox-http/usage", test_usage);
  g_test_add_func ("/troupe/sandbox-http/demo", test_demo);
  g_test_add_func ("/troupe/sandbox-http/demo-once", test_demo_once);
  return g_test_run ();
}
