/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-test-util.h"

typedef struct
{
  TroupeTestSandbox *sandbox;
  ConvaiClient      *client;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->sandbox = troupe_test_sandbox_start (NULL);
  fixture->client = convai_test_client_new (fixture->sandbox);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->sandbox, troupe_test_sandbox_stop);
}

static ConvaiCharacter *
get_character (ConvaiClient *client,
               const char   *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  ConvaiCharacter *character;

  convai_client_get_character_async (client, id, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  character = convai_client_get_character_finish (client, result, &error);
  g_assert_no_error (error);
  return character;
}

static GListModel *
list_characters (ConvaiClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GListModel *list;

  convai_client_list_characters_async (client, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  list = convai_client_list_characters_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (list) == CONVAI_TYPE_CHARACTER);
  return list;
}

static void
test_create_get_list (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *id = convai_test_create_character (fixture->client, "Ada",
                                                      "I keep the lighthouse on the cape.");
  g_autoptr(ConvaiCharacter) character = get_character (fixture->client, id);
  g_autoptr(GListModel) list = list_characters (fixture->client);
  g_autoptr(ConvaiCharacter) first = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ConvaiCharacter) by_name = NULL;
  g_autoptr(GError) error = NULL;
  const char *actions[] = { "Wave", "Light the lamp", NULL };
  GAsyncResult *slot = NULL;

  g_assert_cmpstr (convai_character_get_id (character), ==, id);
  g_assert_cmpstr (convai_character_get_name (character), ==, "Ada");
  g_assert_cmpstr (convai_character_get_voice_type (character), ==, "MALE");
  g_assert_cmpstr (convai_character_get_backstory (character), ==, "I keep the lighthouse on the cape.");
  g_assert_cmpstrv (convai_character_get_actions (character), actions);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  first = g_list_model_get_item (list, 0);
  g_assert_cmpstr (convai_character_get_id (first), ==, id);

  convai_client_get_character_by_name_async (fixture->client, "Ada", NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  by_name = convai_client_get_character_by_name_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (convai_character_get_id (by_name), ==, id);
}

static void
test_update_only_changed (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *id = convai_test_create_character (fixture->client, "Ada", "Old story.");
  g_autoptr(ConvaiCharacterPatch) patch = convai_character_patch_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ConvaiCharacter) after = NULL;
  g_autoptr(GError) error = NULL;
  const char *actions[] = { "Bow", "Sing", NULL };
  const char *codes[] = { "en-US", "fr-FR", NULL };
  GAsyncResult *slot = NULL;

  convai_character_patch_set_backstory (patch, "New story.");
  convai_character_patch_set_actions (patch, actions);
  convai_character_patch_set_language_codes (patch, codes);
  convai_client_update_character_async (fixture->client, id, patch, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  g_assert_true (convai_client_update_character_finish (fixture->client, result, &error));
  g_assert_no_error (error);

  after = get_character (fixture->client, id);
  g_assert_cmpstr (convai_character_get_backstory (after), ==, "New story.");
  g_assert_cmpstr (convai_character_get_name (after), ==, "Ada");
  g_assert_cmpstr (convai_character_get_voice_type (after), ==, "MALE");
  g_assert_cmpstrv (convai_character_get_actions (after), actions);
  g_assert_cmpstrv (convai_character_get_language_codes (after), codes);
}

static void
test_clone_and_delete (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *id = convai_test_create_character (fixture->client, "Ada", "Story.");
  g_autofree char *clone_id = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(ConvaiCharacter) clone = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  convai_client_clone_character_async (fixture->client, id, TRUE, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  clone_id = convai_client_clone_character_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clone_id, !=, id);
  clone = get_character (fixture->client, clone_id);
  g_assert_cmpstr (convai_character_get_backstory (clone), ==, "Story.");
  g_clear_object (&result);

  convai_client_delete_character_async (fixture->client, id, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  g_assert_true (convai_client_delete_character_finish (fixture->client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  list = list_characters (fixture->client);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  convai_client_get_character_async (fixture->client, id, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  g_assert_null (convai_client_get_character_finish (fixture->client, result, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == CONVAI_ERROR);
  g_assert_true (error->code == CONVAI_ERROR_NOT_FOUND || error->code == CONVAI_ERROR_BAD_REQUEST);
}

static void
test_voices_languages_usage (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) voices = NULL, languages = NULL;
  g_autoptr(ConvaiUsage) usage = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  gboolean found_male = FALSE;

  convai_client_list_voices_async (fixture->client, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  voices = convai_client_list_voices_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (voices), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (voices); i++)
    {
      g_autoptr(ConvaiVoice) voice = g_list_model_get_item (voices, i);
      found_male |= g_strcmp0 (convai_voice_get_voice_value (voice), "MALE") == 0;
    }
  g_assert_true (found_male);
  g_clear_object (&result);

  convai_client_list_languages_async (fixture->client, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  languages = convai_client_list_languages_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (languages), ==, 24);
  g_clear_object (&result);

  convai_client_get_usage_async (fixture->client, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  usage = convai_client_get_usage_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (usage);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/troupe/client-characters/create-get-list", test_create_get_list);
  ADD ("/troupe/client-characters/update-only-changed", test_update_only_changed);
  ADD ("/troupe/client-characters/clone-and-delete", test_clone_and_delete);
  ADD ("/troupe/client-characters/voices-languages-usage", test_voices_languages_usage);
#undef ADD
  return g_test_run ();
}
