/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <convai.h>

#include <string.h>

/* The reply-to-error mapping is private to libconvai, tested here. */
#include "convai-client-private.h"
#include "convai-json-private.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

/* @json must fail to decode with a protocol error naming @field. */
#define assert_protocol_error(decoder, json, field)                          \
  G_STMT_START {                                                              \
    g_autoptr(JsonNode) _node = parse (json);                                 \
    g_autoptr(GError) _error = NULL;                                          \
    gpointer _result = decoder (_node, &_error);                              \
    g_assert_null (_result);                                                  \
    g_assert_error (_error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL);             \
    g_assert_nonnull (strstr (_error->message, field));                       \
  } G_STMT_END

static const char *character_json =
  "{\"character_id\": \"c1\", \"character_name\": \"Ada\", \"voice_type\": \"FEMALE\","
  " \"backstory\": \"Keeps the light.\", \"timestamp\": \"2024-09-17 20:51:09\","
  " \"language_codes\": [\"en-US\", \"fr-FR\"], \"character_actions\": [\"Wave\", \"Open Door\"],"
  " \"model_details\": {\"modelType\": \"gpt\", \"temperature\": 0.7},"
  " \"is_narrative_driven\": false, \"user_id\": \"u9\"}";

static void
test_character_decode (void)
{
  g_autoptr(JsonNode) node = parse (character_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvaiCharacter) character = convai_character_new_from_json (node, &error);
  const char *codes[] = { "en-US", "fr-FR", NULL };
  const char *actions[] = { "Wave", "Open Door", NULL };
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (convai_character_get_id (character), ==, "c1");
  g_assert_cmpstr (convai_character_get_name (character), ==, "Ada");
  g_assert_cmpstr (convai_character_get_voice_type (character), ==, "FEMALE");
  g_assert_cmpstr (convai_character_get_backstory (character), ==, "Keeps the light.");
  g_assert_cmpstr (convai_character_get_timestamp (character), ==, "2024-09-17 20:51:09");
  g_assert_cmpstrv (convai_character_get_language_codes (character), codes);
  g_assert_cmpstrv (convai_character_get_actions (character), actions);
  g_object_get (character, "name", &name, NULL);
  g_assert_cmpstr (name, ==, "Ada");
}

/* Unknown fields survive a round trip unchanged; known ones follow edits. */
static void
test_character_round_trip (void)
{
  g_autoptr(JsonNode) node = parse (character_json);
  g_autoptr(ConvaiCharacter) character = convai_character_new_from_json (node, NULL);
  g_autoptr(JsonNode) out = convai_character_to_json (character);
  g_autoptr(JsonNode) edited = NULL;
  JsonObject *object;

  g_assert_true (json_node_equal (node, out));

  convai_character_set_backstory (character, "A new story.");
  edited = convai_character_to_json (character);
  object = json_node_get_object (edited);
  g_assert_cmpstr (json_object_get_string_member (object, "backstory"), ==, "A new story.");
  g_assert_cmpstr (json_object_get_string_member (object, "user_id"), ==, "u9");
  g_assert_true (json_node_equal (json_object_get_member (object, "model_details"),
                                  json_object_get_member (json_node_get_object (node), "model_details")));
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_character_notify (void)
{
  g_autoptr(JsonNode) node = parse (character_json);
  g_autoptr(ConvaiCharacter) character = convai_character_new_from_json (node, NULL);
  guint notified = 0;

  g_signal_connect (character, "notify::name", G_CALLBACK (count_cb), &notified);
  convai_character_set_name (character, "Ada");
  g_assert_cmpuint (notified, ==, 0);
  convai_character_set_name (character, "Grace");
  g_assert_cmpuint (notified, ==, 1);
}

static void
test_character_action_forms (void)
{
  const char *expected[] = { "Wave", "Open Door", NULL };
  g_autoptr(JsonNode) text = parse ("{\"character_id\": \"c\", \"character_name\": \"n\","
                                    " \"character_actions\": \"Wave, Open Door\"}");
  g_autoptr(JsonNode) objects = parse ("{\"character_id\": \"c\", \"character_name\": \"n\","
                                       " \"character_actions\": [{\"action\": \"Wave\"}, {\"name\": \"Open Door\"}],"
                                       " \"language_code\": \"de-DE\"}");
  g_autoptr(ConvaiCharacter) a = convai_character_new_from_json (text, NULL);
  g_autoptr(ConvaiCharacter) b = convai_character_new_from_json (objects, NULL);
  const char *de[] = { "de-DE", NULL };

  g_assert_cmpstrv (convai_character_get_actions (a), expected);
  g_assert_cmpstrv (convai_character_get_actions (b), expected);
  g_assert_cmpstrv (convai_character_get_language_codes (b), de);
}

static void
test_character_errors (void)
{
  assert_protocol_error (convai_character_new_from_json, "[]", "character");
  assert_protocol_error (convai_character_new_from_json, "{\"character_name\": \"x\"}", "character_id");
  assert_protocol_error (convai_character_new_from_json,
                         "{\"character_id\": \"c\", \"character_name\": 5}", "character_name");
  assert_protocol_error (convai_character_new_from_json,
                         "{\"character_id\": \"c\", \"character_name\": \"n\", \"backstory\": []}", "backstory");
  assert_protocol_error (convai_character_new_from_json,
                         "{\"character_id\": \"c\", \"character_name\": \"n\", \"language_codes\": [\"en-US\", 3]}",
                         "language_codes[1]");
  assert_protocol_error (convai_character_new_from_json,
                         "{\"character_id\": \"c\", \"character_name\": \"n\", \"character_actions\": 3}",
                         "character_actions");
}

static void
test_patch (void)
{
  g_autoptr(ConvaiCharacterPatch) patch = convai_character_patch_new ();
  const char *actions[] = { "Wave", "Open Door", NULL };
  const char *codes[] = { "en-US", NULL };
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) expected = NULL;

  g_assert_true (convai_character_patch_is_empty (patch));
  body = convai_character_patch_to_json (patch, "c1");
  expected = parse ("{\"charID\": \"c1\"}");
  g_assert_true (json_node_equal (body, expected));
  g_clear_pointer (&body, json_node_unref);
  g_clear_pointer (&expected, json_node_unref);

  convai_character_patch_set_backstory (patch, "B");
  convai_character_patch_set_actions (patch, actions);
  convai_character_patch_set_language_codes (patch, codes);
  convai_character_patch_set_document_connected (patch, "d1", TRUE);
  convai_character_patch_set_document_connected (patch, "d2", TRUE);
  convai_character_patch_set_document_connected (patch, "d1", FALSE);
  g_assert_false (convai_character_patch_is_empty (patch));
  body = convai_character_patch_to_json (patch, "c1");
  expected = parse ("{\"charID\": \"c1\", \"backstory\": \"B\", \"action\": \"Wave, Open Door\","
                    " \"languageCodes\": [\"en-US\"],"
                    " \"docs\": [{\"id\": \"d1\", \"status\": \"inactive\"}, {\"id\": \"d2\", \"status\": \"active\"}]}");
  g_assert_true (json_node_equal (body, expected));
}

static gpointer
decode_voices (JsonNode *node, GError **error)
{
  return convai_voice_list_from_json (node, error);
}

static void
test_voices (void)
{
  g_autoptr(JsonNode) node = parse (
    "{\"Azure\": [{\"Aria\": {\"voice_value\": \"en-US-AriaNeural\", \"lang_codes\": [\"en-US\"],"
    " \"gender\": \"FEMALE\", \"deployment_env\": [\"PRODUCTION\"], \"sample_link\": \"https://x/a.wav\"}},"
    " {\"Beta\": {\"voice_value\": \"beta\", \"lang_codes\": [], \"gender\": \"MALE\", \"deployment_env\": [\"STAGING\"]}}],"
    " \"Basic\": [{\"Male\": {\"voice_value\": \"MALE\", \"lang_codes\": [\"en-US\"], \"deployment_env\": [\"PRODUCTION\"]}}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) voices = convai_voice_list_from_json (node, &error);
  g_autoptr(ConvaiVoice) aria = NULL, beta = NULL, male = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (voices), ==, 3);
  aria = g_list_model_get_item (voices, 0);
  beta = g_list_model_get_item (voices, 1);
  male = g_list_model_get_item (voices, 2);
  g_assert_cmpstr (convai_voice_get_section (aria), ==, "Azure");
  g_assert_cmpstr (convai_voice_get_name (aria), ==, "Aria");
  g_assert_cmpstr (convai_voice_get_voice_value (aria), ==, "en-US-AriaNeural");
  g_assert_cmpstr (convai_voice_get_gender (aria), ==, "FEMALE");
  g_assert_cmpstr (convai_voice_get_sample_link (aria), ==, "https://x/a.wav");
  g_assert_true (convai_voice_is_production (aria));
  g_assert_false (convai_voice_is_production (beta));
  g_assert_cmpstr (convai_voice_get_section (male), ==, "Basic");

  assert_protocol_error (decode_voices, "{\"Azure\": [{\"Aria\": {\"lang_codes\": []}}]}", "voice_value");
  assert_protocol_error (decode_voices, "{\"Azure\": {}}", "Azure");
}

static gpointer
decode_languages (JsonNode *node, GError **error)
{
  return convai_language_list_from_json (node, error);
}

static void
test_languages (void)
{
  g_autoptr(JsonNode) node = parse ("[{\"en-US\": {\"lang_code\": \"en-US\", \"lang_name\": \"English\"}},"
                                    " {\"ar\": {\"lang_name\": \"Arabic\"}}]");
  g_autoptr(GListModel) languages = convai_language_list_from_json (node, NULL);
  g_autoptr(ConvaiLanguage) en = g_list_model_get_item (languages, 0);
  g_autoptr(ConvaiLanguage) ar = g_list_model_get_item (languages, 1);

  g_assert_cmpstr (convai_language_get_code (en), ==, "en-US");
  g_assert_cmpstr (convai_language_get_name (en), ==, "English");
  g_assert_cmpstr (convai_language_get_code (ar), ==, "ar");
  assert_protocol_error (decode_languages, "[{\"en-US\": {\"lang_code\": \"en-US\"}}]", "lang_name");
}

static gpointer
decode_docs (JsonNode *node, GError **error)
{
  return convai_knowledge_doc_list_from_json (node, error);
}

/* The documented quirk: elements are JSON strings holding the object; an
 * object is accepted as well. */
static void
test_knowledge_double_encoded (void)
{
  g_autoptr(JsonNode) node = parse (
    "{\"docs\": [\"{\\\"id\\\": \\\"d1\\\", \\\"file_name\\\": \\\"a.txt\\\", \\\"is_available\\\": true,"
    " \\\"status\\\": \\\"active\\\", \\\"timestamp\\\": \\\"t\\\", \\\"file_size\\\": \\\"72374\\\"}\","
    " {\"id\": \"d2\", \"file_name\": \"b.md\", \"is_available\": false, \"status\": \"inactive\","
    "  \"file_size\": \"5000000000\", \"extra\": 1}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) docs = convai_knowledge_doc_list_from_json (node, &error);
  g_autoptr(ConvaiKnowledgeDoc) d1 = NULL, d2 = NULL;
  g_autoptr(JsonNode) d2_json = NULL;
  guint64 size = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (docs), ==, 2);
  d1 = g_list_model_get_item (docs, 0);
  d2 = g_list_model_get_item (docs, 1);
  g_assert_cmpstr (convai_knowledge_doc_get_id (d1), ==, "d1");
  g_assert_cmpstr (convai_knowledge_doc_get_file_name (d1), ==, "a.txt");
  g_assert_true (convai_knowledge_doc_get_is_available (d1));
  g_assert_true (convai_knowledge_doc_get_is_connected (d1));
  g_assert_cmpuint (convai_knowledge_doc_get_file_size (d1), ==, 72374);
  g_assert_false (convai_knowledge_doc_get_is_connected (d2));
  g_object_get (d2, "file-size", &size, NULL);
  g_assert_cmpuint (size, ==, G_GUINT64_CONSTANT (5000000000));
  d2_json = convai_knowledge_doc_to_json (d2);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (d2_json), "extra"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (d2_json), "file_size"), ==, "5000000000");

  assert_protocol_error (decode_docs, "{\"docs\": [\"not json\"]}", "docs[0]");
  assert_protocol_error (decode_docs, "{\"docs\": [{\"id\": \"d\", \"file_size\": \"big\"}]}", "file_size");
  assert_protocol_error (decode_docs, "{\"documents\": []}", "docs");
  assert_protocol_error (decode_docs, "{\"docs\": [{\"id\": \"d\", \"is_available\": 1}]}", "is_available");
}

static gpointer
decode_sessions (JsonNode *node, GError **error)
{
  return convai_session_summary_list_from_json (node, error);
}

static void
test_sessions (void)
{
  g_autoptr(JsonNode) node = parse ("[{\"sessionID\": \"s1\", \"date\": \"25-09-2024\", \"time\": \"20:52:57\","
                                    " \"is_added_to_memory\": false}]");
  g_autoptr(GListModel) sessions = convai_session_summary_list_from_json (node, NULL);
  g_autoptr(ConvaiSessionSummary) s1 = g_list_model_get_item (sessions, 0);
  GDateTime *when = convai_session_summary_get_date_time (s1);

  g_assert_cmpstr (convai_session_summary_get_session_id (s1), ==, "s1");
  g_assert_cmpint (g_date_time_get_year (when), ==, 2024);
  g_assert_cmpint (g_date_time_get_month (when), ==, 9);
  g_assert_cmpint (g_date_time_get_day_of_month (when), ==, 25);
  g_assert_cmpint (g_date_time_get_hour (when), ==, 20);
  g_assert_cmpint (g_date_time_get_second (when), ==, 57);
  g_assert_false (convai_session_summary_get_is_added_to_memory (s1));

  assert_protocol_error (decode_sessions, "[{\"sessionID\": \"s\", \"date\": \"2024-09-25\"}]", "date");
  assert_protocol_error (decode_sessions, "[{\"sessionID\": \"s\", \"date\": \"31-02-2024\"}]", "date");
  assert_protocol_error (decode_sessions, "[{\"date\": \"25-09-2024\"}]", "sessionID");
  assert_protocol_error (decode_sessions, "{}", "sessions");
}

/* The history browser's list is decoded from the text an entry at a time
 * (convai-json-list.c): the same sessions as a whole parse, whatever the
 * strings and unknown fields hold, malformed entries skipped and counted,
 * and a reply that is not a list or not JSON still an error. */
static void
test_sessions_from_text (void)
{
  const char *text =
    " [ {\"sessionID\": \"a]},\\\"[{\", \"date\": \"25-09-2024\", \"time\": \"20:52:57\",\n"
    "     \"extra\": {\"list\": [1, {\"x\": \"}]\"}], \"s\": \"\\u00e9\"}, \"is_added_to_memory\": true},\n"
    "   {\"date\": \"25-09-2024\"},\n"
    "   {\"sessionID\": \"b\", \"date\": \"26-09-2024\", \"time\": null} ]\n";
  g_autoptr(GError) error = NULL;
  guint n_skipped = 99;
  g_autoptr(GListModel) sessions =
    convai_session_summary_list_from_text_skipping (text, strlen (text), &n_skipped, &error);
  g_autoptr(ConvaiSessionSummary) a = NULL;
  g_autoptr(ConvaiSessionSummary) b = NULL;
  g_autoptr(JsonNode) a_json = NULL;
  JsonObject *extra;
  const char *not_lists[] = { "{}", "\"sessions\"", "" };
  const char *not_json[] = { "[", "[{\"sessionID\": \"s\", \"date\": \"25-09-2024\"} x]",
                             "[{\"sessionID\": \"s\"}", "[{]}", "[1,]", "[1] 2", "[{\"a\": \"\xff\"}]" };

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 2);
  g_assert_cmpuint (n_skipped, ==, 1);
  g_assert_cmpuint (convai_json_list_get_n_skipped (sessions), ==, 1);
  a = g_list_model_get_item (sessions, 0);
  b = g_list_model_get_item (sessions, 1);
  g_assert_cmpstr (convai_session_summary_get_session_id (a), ==, "a]},\"[{");
  g_assert_true (convai_session_summary_get_is_added_to_memory (a));
  g_assert_cmpint (g_date_time_get_hour (convai_session_summary_get_date_time (a)), ==, 20);
  g_assert_cmpstr (convai_session_summary_get_session_id (b), ==, "b");
  g_assert_cmpint (g_date_time_get_day_of_month (convai_session_summary_get_date_time (b)), ==, 26);
  /* The row as it came, unknown fields included, from the kept text. */
  a_json = convai_session_summary_to_json (a);
  extra = json_object_get_object_member (json_node_get_object (a_json), "extra");
  g_assert_cmpstr (json_object_get_string_member (extra, "s"), ==, "\u00e9");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (extra, "list")), ==, 2);

  /* An entry that is no object: the whole reply parsed, the entry skipped. */
  {
    const char *mixed = "[3, {\"sessionID\": \"c\", \"date\": \"26-09-2024\"}, \"x\"]";
    g_autoptr(GListModel) some = convai_session_summary_list_from_text_skipping (mixed, strlen (mixed), &n_skipped, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (some), ==, 1);
    g_assert_cmpuint (n_skipped, ==, 2);
  }
  for (guint i = 0; i < 3; i++)
    {
      const char *empty[] = { "[]", " [ ]\n", "[\n]" };
      g_autoptr(GListModel) none = convai_session_summary_list_from_text_skipping (empty[i], strlen (empty[i]), NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_lists); i++)
    {
      g_autoptr(GListModel) none =
        convai_session_summary_list_from_text_skipping (not_lists[i], strlen (not_lists[i]), NULL, &error);

      g_assert_null (none);
      g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL);
      g_clear_error (&error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_json); i++)
    {
      g_autoptr(GListModel) none =
        convai_session_summary_list_from_text_skipping (not_json[i], strlen (not_json[i]), NULL, &error);

      g_assert_null (none);
      g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL);
      g_assert_nonnull (strstr (error->message, "JSON"));
      g_clear_error (&error);
    }
}

static gpointer
decode_interactions (JsonNode *node, GError **error)
{
  return convai_interaction_list_from_json (node, error);
}

static void
test_interactions (void)
{
  g_autoptr(JsonNode) node = parse ("[{\"timestamp\": \"2024-09-25 19:54:59.124733\", \"interaction\":"
                                    " [{\"speaker\": \"User\", \"message\": \"Hi there\"},"
                                    "  {\"speaker\": \"Character\", \"message\": \"Welcome.\"}],"
                                    " \"is_trigger_input\": true}]");
  g_autoptr(GListModel) list = convai_interaction_list_from_json (node, NULL);
  g_autoptr(ConvaiInteraction) first = g_list_model_get_item (list, 0);

  g_assert_cmpuint (convai_interaction_get_n_messages (first), ==, 2);
  g_assert_cmpstr (convai_interaction_get_speaker (first, 1), ==, "Character");
  g_assert_cmpstr (convai_interaction_get_text (first, 0), ==, "Hi there");
  g_assert_cmpstr (convai_interaction_find_text (first, "Character"), ==, "Welcome.");
  g_assert_true (convai_interaction_get_is_trigger_input (first));
  assert_protocol_error (decode_interactions, "[{\"interaction\": [{\"speaker\": \"User\"}]}]", "message");
  assert_protocol_error (decode_interactions, "[{\"interaction\": 3}]", "interaction");
}

static gpointer
decode_usage (JsonNode *node, GError **error)
{
  return convai_usage_new_from_json (node, error);
}

static void
test_usage (void)
{
  g_autoptr(JsonNode) node = parse ("{\"usage_v2\": {\"plan_name\": \"Professional\", \"expiry_ts\": 1700000000,"
                                    " \"metrics\": [{\"id\": \"interactions\", \"usage_details\": [{\"limit\": 1000, \"usage\": \"12\"}]}]},"
                                    " \"usage\": {\"daily_limit\": 5}}");
  g_autoptr(ConvaiUsage) usage = convai_usage_new_from_json (node, NULL);
  g_autoptr(JsonNode) out = convai_usage_to_json (usage);
  double used = 0, limit = 0;

  g_assert_cmpstr (convai_usage_get_plan_name (usage), ==, "Professional");
  g_assert_cmpstr (convai_usage_get_expiry (usage), ==, "1700000000");
  g_assert_cmpuint (convai_usage_get_n_metrics (usage), ==, 1);
  g_assert_cmpstr (convai_usage_get_metric (usage, 0, &used, &limit), ==, "interactions");
  g_assert_cmpfloat (used, ==, 12);
  g_assert_cmpfloat (limit, ==, 1000);
  g_assert_true (json_node_equal (node, out));
  assert_protocol_error (decode_usage, "{\"usage_v2\": {\"metrics\": [{\"usage_details\": []}]}}", "id");
}

static gpointer
decode_reply (JsonNode *node, GError **error)
{
  return convai_chat_reply_new_from_json (node, error);
}

static void
test_chat_reply (void)
{
  g_autoptr(JsonNode) with_audio = parse ("{\"charID\": \"c\", \"text\": \"Hi.\", \"audio\": \"UklGRgAB\","
                                          " \"sample_rate\": \"22050\", \"sessionID\": \"s\"}");
  g_autoptr(JsonNode) without = parse ("{\"charID\": \"c\", \"text\": \"Hi.\", \"audio\": null,"
                                       " \"sample_rate\": null, \"sessionID\": \"s\", \"UserQuery\": \"hello\"}");
  g_autoptr(ConvaiChatReply) a = convai_chat_reply_new_from_json (with_audio, NULL);
  g_autoptr(ConvaiChatReply) b = convai_chat_reply_new_from_json (without, NULL);
  gsize len = 0;
  const char *wav = g_bytes_get_data (convai_chat_reply_get_audio (a), &len);

  g_assert_cmpuint (len, ==, 6);
  g_assert_cmpmem (wav, 4, "RIFF", 4);
  g_assert_cmpuint (convai_chat_reply_get_sample_rate (a), ==, 22050);
  g_assert_cmpstr (convai_chat_reply_get_session_id (a), ==, "s");
  g_assert_null (convai_chat_reply_get_audio (b));
  g_assert_cmpuint (convai_chat_reply_get_sample_rate (b), ==, 0);
  g_assert_cmpstr (convai_chat_reply_get_user_query (b), ==, "hello");
  assert_protocol_error (decode_reply, "{\"text\": \"x\"}", "sessionID");
  assert_protocol_error (decode_reply, "{\"text\": \"x\", \"sessionID\": \"s\", \"sample_rate\": \"fast\"}", "sample_rate");
}

static GError *
reply_error (guint       status,
             const char *reason,
             const char *body)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  return convai_error_new_from_reply (status, reason, bytes);
}

static void
test_reply_errors (void)
{
  g_autoptr(GError) wrong_key = reply_error (401, "Unauthorized", "{\"API_ERROR\": \"Invalid API key provided.\"}");
  g_autoptr(GError) forbidden = reply_error (403, "Forbidden", "");
  g_autoptr(GError) not_found = reply_error (404, "Not Found", "{\"charID\": \"c\", \"text\": \"process_failure, error: gone\"}");
  g_autoptr(GError) bad = reply_error (400, "Bad Request", "{\"ERROR\": \"Expecting only one\"}");
  g_autoptr(GError) internal = reply_error (400, "Bad Request", "{\"INTERNAL_ERROR\": \"Error in creating the character.\"}");
  g_autoptr(GError) limited = reply_error (429, "Too Many Requests", "{\"API_ERROR\": \"API rate limit exceeded. Please try again later.\"}");
  g_autoptr(GError) html = reply_error (502, "Bad Gateway", "<html><body>nginx</body></html>");
  g_autoptr(GError) garbage = reply_error (500, "Internal Server Error", "\x01\x02 stack trace");
  g_autoptr(GError) text = reply_error (413, "Payload Too Large", "File too big.");

  g_assert_error (wrong_key, CONVAI_ERROR, CONVAI_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (wrong_key->message, ==, "Invalid API key provided.");
  g_assert_error (forbidden, CONVAI_ERROR, CONVAI_ERROR_FORBIDDEN);
  g_assert_cmpstr (forbidden->message, ==, "403 Forbidden");
  g_assert_error (not_found, CONVAI_ERROR, CONVAI_ERROR_NOT_FOUND);
  g_assert_cmpstr (not_found->message, ==, "process_failure, error: gone");
  g_assert_error (bad, CONVAI_ERROR, CONVAI_ERROR_BAD_REQUEST);
  g_assert_cmpstr (bad->message, ==, "Expecting only one");
  g_assert_cmpstr (internal->message, ==, "Error in creating the character.");
  g_assert_error (limited, CONVAI_ERROR, CONVAI_ERROR_RATE_LIMITED);
  g_assert_cmpstr (limited->message, ==, "API rate limit exceeded. Please try again later.");
  g_assert_error (html, CONVAI_ERROR, CONVAI_ERROR_SERVER);
  g_assert_cmpstr (html->message, ==, "502 Bad Gateway");
  g_assert_error (garbage, CONVAI_ERROR, CONVAI_ERROR_SERVER);
  g_assert_cmpstr (garbage->message, ==, "500 Internal Server Error");
  g_assert_error (text, CONVAI_ERROR, CONVAI_ERROR_BAD_REQUEST);
  g_assert_cmpstr (text->message, ==, "File too big.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/troupe/models/character-decode", test_character_decode);
  g_test_add_func ("/troupe/models/character-round-trip", test_character_round_trip);
  g_test_add_func ("/troupe/models/character-notify", test_character_notify);
  g_test_add_func ("/troupe/models/character-action-forms", test_character_action_forms);
  g_test_add_func ("/troupe/models/character-errors", test_character_errors);
  g_test_add_func ("/troupe/models/patch", test_patch);
  g_test_add_func ("/troupe/models/voices", test_voices);
  g_test_add_func ("/troupe/models/languages", test_languages);
  g_test_add_func ("/troupe/models/knowledge-double-encoded", test_knowledge_double_encoded);
  g_test_add_func ("/troupe/models/sessions", test_sessions);
  g_test_add_func ("/troupe/models/sessions-from-text", test_sessions_from_text);
  g_test_add_func ("/troupe/models/interactions", test_interactions);
  g_test_add_func ("/troupe/models/usage", test_usage);
  g_test_add_func ("/troupe/models/chat-reply", test_chat_reply);
  g_test_add_func ("/troupe/models/reply-errors", test_reply_errors);
  return g_test_run ();
}
