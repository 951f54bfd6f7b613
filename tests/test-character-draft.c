/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "troupe-character-draft.h"

static ConvaiCharacter *
saved_character (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  ConvaiCharacter *character;

  json_parser_load_from_data (parser,
                              "{\"character_id\": \"c1\", \"character_name\": \"Ada\","
                              " \"voice_type\": \"MALE\", \"backstory\": \"Keeps the light.\","
                              " \"timestamp\": \"t\", \"language_codes\": [\"en-US\"],"
                              " \"character_actions\": [\"Wave\", \"Nod\"], \"model_details\": {\"x\": 1}}",
                              -1, &error);
  g_assert_no_error (error);
  character = convai_character_new_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  return character;
}

static JsonObject *
patch_body (ConvaiCharacterPatch *patch)
{
  g_autoptr(JsonNode) node = convai_character_patch_to_json (patch, "c1");

  return json_object_ref (json_node_get_object (node));
}

static void
test_unchanged_is_not_dirty (void)
{
  g_autoptr(ConvaiCharacter) saved = saved_character ();
  g_autoptr(TroupeCharacterDraft) draft = troupe_character_draft_new_from_character (saved);
  g_autoptr(ConvaiCharacterPatch) patch = troupe_character_draft_make_patch (draft, saved);

  g_assert_false (troupe_character_draft_differs (draft, saved));
  g_assert_true (convai_character_patch_is_empty (patch));
}

static void
test_patch_has_only_changed_fields (void)
{
  g_autoptr(ConvaiCharacter) saved = saved_character ();
  g_autoptr(TroupeCharacterDraft) draft = troupe_character_draft_new_from_character (saved);
  g_autoptr(ConvaiCharacterPatch) patch = NULL;
  g_autoptr(JsonObject) body = NULL;
  const char *actions[] = { "Nod", "Wave", NULL };

  g_free (draft->backstory);
  draft->backstory = g_strdup ("Keeps the light, and the logbook.");
  g_strfreev (draft->actions);
  draft->actions = g_strdupv ((char **) actions);
  g_assert_true (troupe_character_draft_differs (draft, saved));

  patch = troupe_character_draft_make_patch (draft, saved);
  body = patch_body (patch);
  g_assert_cmpstr (json_object_get_string_member (body, "charID"), ==, "c1");
  g_assert_cmpstr (json_object_get_string_member (body, "backstory"), ==, "Keeps the light, and the logbook.");
  g_assert_cmpstr (json_object_get_string_member (body, "action"), ==, "Nod, Wave");
  g_assert_false (json_object_has_member (body, "charName"));
  g_assert_false (json_object_has_member (body, "voiceType"));
  g_assert_false (json_object_has_member (body, "languageCodes"));
}

static void
test_apply_makes_it_clean (void)
{
  g_autoptr(ConvaiCharacter) saved = saved_character ();
  g_autoptr(TroupeCharacterDraft) draft = troupe_character_draft_new_from_character (saved);
  const char *codes[] = { "en-US", "de-DE", NULL };

  g_free (draft->name);
  draft->name = g_strdup ("Ada Marrow");
  g_strfreev (draft->language_codes);
  draft->language_codes = g_strdupv ((char **) codes);
  troupe_character_draft_apply (draft, saved);
  g_assert_false (troupe_character_draft_differs (draft, saved));
  g_assert_cmpstr (convai_character_get_name (saved), ==, "Ada Marrow");
  g_assert_cmpstrv (convai_character_get_language_codes (saved), codes);
}

static void
test_json_round_trip (void)
{
  g_autoptr(ConvaiCharacter) saved = saved_character ();
  g_autoptr(TroupeCharacterDraft) draft = troupe_character_draft_new_from_character (saved);
  g_autoptr(TroupeCharacterDraft) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_free (draft->backstory);
  draft->backstory = g_strdup ("Line one\nLine two, with “quotes” and ünïcödé");
  node = troupe_character_draft_to_json (draft, "c1");
  back = troupe_character_draft_new_from_json (node, &id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "c1");
  g_assert_cmpstr (back->name, ==, draft->name);
  g_assert_cmpstr (back->voice_type, ==, draft->voice_type);
  g_assert_cmpstr (back->backstory, ==, draft->backstory);
  g_assert_cmpstrv (back->language_codes, draft->language_codes);
  g_assert_cmpstrv (back->actions, draft->actions);
}

static void
test_bad_json_is_an_error (void)
{
  const char *bad[] = {
    "[]",
    "{\"version\": 2, \"charID\": \"c1\", \"fields\": {}}",
    "{\"version\": 1, \"fields\": {}}",
    "{\"version\": 1, \"charID\": \"c1\"}",
    "{\"version\": 1, \"charID\": \"c1\", \"fields\": {\"name\": \"A\", \"voiceType\": \"M\","
    " \"backstory\": \"B\", \"languageCodes\": [1], \"actions\": []}}",
    "{\"version\": 1, \"charID\": \"c1\", \"fields\": {\"name\": 3, \"voiceType\": \"M\","
    " \"backstory\": \"B\", \"languageCodes\": [], \"actions\": []}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(TroupeCharacterDraft) draft = NULL;

      g_assert_true (json_parser_load_from_data (parser, bad[i], -1, NULL));
      draft = troupe_character_draft_new_from_json (json_parser_get_root (parser), NULL, &error);
      g_assert_null (draft);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

/* Unsaved edits over a server copy that changed meanwhile: fields the
 * person edited stay, the rest follow the server. */
static void
test_rebase_keeps_edits (void)
{
  g_autoptr(ConvaiCharacter) saved = saved_character ();
  g_autoptr(TroupeCharacterDraft) draft = troupe_character_draft_new_from_character (saved);
  g_autoptr(TroupeCharacterDraft) server = troupe_character_draft_new_from_character (saved);
  g_autoptr(TroupeCharacterDraft) same = NULL;
  const char *server_actions[] = { "Wave", "Nod", "Bow", NULL };

  g_free (draft->name);
  draft->name = g_strdup ("Ada Marrow");
  g_free (server->name);
  server->name = g_strdup ("Ada the Elder");
  g_free (server->backstory);
  server->backstory = g_strdup ("Keeps the light, and a cat.");
  g_strfreev (server->actions);
  server->actions = g_strdupv ((char **) server_actions);

  g_assert_true (troupe_character_draft_rebase (draft, saved, server));
  g_assert_cmpstr (draft->name, ==, "Ada Marrow");
  g_assert_cmpstr (draft->backstory, ==, "Keeps the light, and a cat.");
  g_assert_cmpstrv (draft->actions, server_actions);
  g_assert_cmpstr (draft->voice_type, ==, "MALE");
  same = troupe_character_draft_copy (draft);
  g_assert_false (troupe_character_draft_rebase (draft, saved, server));
  g_assert_cmpstr (draft->backstory, ==, same->backstory);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/troupe/character-draft/unchanged-is-not-dirty", test_unchanged_is_not_dirty);
  g_test_add_func ("/troupe/character-draft/patch-has-only-changed-fields", test_patch_has_only_changed_fields);
  g_test_add_func ("/troupe/character-draft/apply-makes-it-clean", test_apply_makes_it_clean);
  g_test_add_func ("/troupe/character-draft/rebase-keeps-edits", test_rebase_keeps_edits);
  g_test_add_func ("/troupe/character-draft/json-round-trip", test_json_round_trip);
  g_test_add_func ("/troupe/character-draft/bad-json-is-an-error", test_bad_json_is_an_error);

  return g_test_run ();
}
