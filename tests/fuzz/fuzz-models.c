/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the JSON model decoders and the error mapping: any
 * input is either decoded or refused with a CONVAI_ERROR, never a crash. A
 * decoded character must survive its own round trip. */
#include <convai.h>
#include <libsoup/soup.h>

#include <stdlib.h>

#include "convai-client-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

typedef gpointer (*Decoder) (JsonNode *node, GError **error);

static gpointer decode_character (JsonNode *n, GError **e) { return convai_character_new_from_json (n, e); }
static gpointer decode_voices (JsonNode *n, GError **e) { return convai_voice_list_from_json (n, e); }
static gpointer decode_languages (JsonNode *n, GError **e) { return convai_language_list_from_json (n, e); }
static gpointer decode_docs (JsonNode *n, GError **e) { return convai_knowledge_doc_list_from_json (n, e); }
static gpointer decode_doc (JsonNode *n, GError **e) { return convai_knowledge_doc_new_from_json (n, e); }
static gpointer decode_sessions (JsonNode *n, GError **e) { return convai_session_summary_list_from_json (n, e); }
static gpointer decode_interactions (JsonNode *n, GError **e) { return convai_interaction_list_from_json (n, e); }
static gpointer decode_usage (JsonNode *n, GError **e) { return convai_usage_new_from_json (n, e); }
static gpointer decode_reply (JsonNode *n, GError **e) { return convai_chat_reply_new_from_json (n, e); }

static const Decoder decoders[] = {
  decode_character, decode_voices, decode_languages, decode_docs, decode_doc,
  decode_sessions, decode_interactions, decode_usage, decode_reply,
};

static void
check_character_round_trip (ConvaiCharacter *character)
{
  JsonNode *json = convai_character_to_json (character);
  GError *error = NULL;
  ConvaiCharacter *again = convai_character_new_from_json (json, &error);

  if (again == NULL
      || g_strcmp0 (convai_character_get_id (again), convai_character_get_id (character)) != 0
      || g_strcmp0 (convai_character_get_backstory (again), convai_character_get_backstory (character)) != 0)
    abort ();
  g_object_unref (again);
  json_node_unref (json);
}

/* The session list decoded from the text an entry at a time must agree
 * with the whole parse: the same sessions, or an error where it fails. */
static void
check_sessions_from_text (const guint8 *data,
                          size_t        size,
                          JsonNode     *root)
{
  GError *error = NULL;
  guint n_skipped = 0, whole_skipped = 0;
  GListModel *sessions = convai_session_summary_list_from_text_skipping ((const char *) data, size, &n_skipped, &error);
  GListModel *whole = root != NULL ? convai_session_summary_list_from_json_skipping (root, &whole_skipped, NULL) : NULL;

  if ((sessions == NULL) == (error == NULL) || (error != NULL && !g_error_matches (error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL)))
    abort ();
  if ((sessions == NULL) != (whole == NULL))
    abort ();
  if (sessions != NULL)
    {
      guint n = g_list_model_get_n_items (sessions);

      if (n != g_list_model_get_n_items (whole) || n_skipped != whole_skipped)
        abort ();
      for (guint i = 0; i < n; i++)
        {
          ConvaiSessionSummary *one = g_list_model_get_item (sessions, i);
          ConvaiSessionSummary *other = g_list_model_get_item (whole, i);
          JsonNode *json = convai_session_summary_to_json (one);

          if (g_strcmp0 (convai_session_summary_get_session_id (one), convai_session_summary_get_session_id (other)) != 0
              || !JSON_NODE_HOLDS_OBJECT (json))
            abort ();
          json_node_unref (json);
          g_object_unref (one);
          g_object_unref (other);
        }
    }
  g_clear_error (&error);
  g_clear_object (&sessions);
  g_clear_object (&whole);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  JsonParser *parser = json_parser_new_immutable ();
  GBytes *body = g_bytes_new (data, size);
  GError *mapped = convai_error_new_from_reply (400 + (size % 200), "Reason", body);

  if (mapped->domain != CONVAI_ERROR)
    abort ();
  g_error_free (mapped);
  g_bytes_unref (body);

  if (!json_parser_load_from_data (parser, (const char *) data, size, NULL))
    check_sessions_from_text (data, size, NULL);
  else if (json_parser_get_root (parser) != NULL)
    {
      check_sessions_from_text (data, size, json_parser_get_root (parser));
      JsonNode *root = json_parser_get_root (parser);

      for (guint i = 0; i < G_N_ELEMENTS (decoders); i++)
        {
          GError *error = NULL;
          gpointer result = decoders[i] (root, &error);

          if ((result == NULL) == (error == NULL))
            abort ();
          if (error != NULL && !g_error_matches (error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL))
            abort ();
          if (result != NULL && i == 0)
            check_character_round_trip (result);
          g_clear_error (&error);
          g_clear_object (&result);
        }
    }
  g_object_unref (parser);
  return 0;
}
