/* SPDX-License-Identifier: GPL-3.0-or-later */
/* TroupeStore, the base of every list the app fetches, through
 * TroupeCharacterStore against a real sandbox: the states a load goes
 * through, and that a reply a reload, a stop or another client overtook
 * changes nothing. */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "troupe-character-store.h"
#include "troupe-test-sandbox.h"
#include "troupe-test-ui.h"

static gboolean
not_loading (gpointer data)
{
  return !troupe_store_get_loading (data);
}

static TroupeCharacterStore *
new_store (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "troupe", "recent-characters", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TroupeRecentCharacters) recent = troupe_recent_characters_new (file);

  return troupe_character_store_new (recent);
}

static void
record_state_cb (TroupeStore *store,
                 GParamSpec  *pspec,
                 GString     *states)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (TROUPE_TYPE_STORE_STATE);

  g_string_append_printf (states, "%s ", g_enum_get_value (klass, troupe_store_get_state (store))->value_nick);
}

static void
count_cb (gpointer  object,
          guint     position,
          guint     removed,
          guint     added,
          guint    *count)
{
  (*count)++;
}

static void
test_states (void)
{
  const char *args[] = { "--demo", "--fault-status-once=/character/list:500", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_autoptr(ConvaiClient) client = convai_client_new (sandbox->base_url, sandbox->api_key);
  g_autoptr(TroupeCharacterStore) characters = new_store ();
  TroupeStore *store = TROUPE_STORE (characters);
  g_autoptr(GString) states = g_string_new (NULL);

  g_assert_cmpint (troupe_store_get_state (store), ==, TROUPE_STORE_IDLE);
  g_signal_connect (store, "notify::state", G_CALLBACK (record_state_cb), states);

  troupe_store_set_client (store, client);
  g_assert_true (troupe_store_get_client (store) == client);
  g_assert_true (troupe_character_store_get_client (characters) == client);
  troupe_test_wait_until (not_loading, store, "the failed load");
  g_assert_nonnull (strstr (troupe_store_get_error_message (store), "Could not load the characters"));
  g_assert_false (troupe_store_get_loaded (store));

  troupe_store_reload (store);
  g_assert_null (troupe_store_get_error_message (store));
  troupe_test_wait_until (not_loading, store, "the list");
  g_assert_true (troupe_store_get_loaded (store));
  g_assert_cmpuint (g_list_model_get_n_items (troupe_character_store_get_characters (characters)), ==, 1);
  g_assert_cmpstr (states->str, ==, "loading error loading loaded ");

  /* No client: nothing of the previous one, nothing loading. */
  troupe_store_set_client (store, NULL);
  g_assert_cmpint (troupe_store_get_state (store), ==, TROUPE_STORE_IDLE);
  g_assert_cmpuint (g_list_model_get_n_items (troupe_character_store_get_characters (characters)), ==, 0);
}

static void
test_overtaken_replies_are_dropped (void)
{
  const char *args[] = { "--demo", "--fault-delay-ms=300", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_autoptr(ConvaiClient) client = convai_client_new (sandbox->base_url, sandbox->api_key);
  g_autoptr(TroupeCharacterStore) characters = new_store ();
  TroupeStore *store = TROUPE_STORE (characters);
  GListModel *model = troupe_character_store_get_characters (characters);
  GCancellable *first;
  guint changes = 0;

  troupe_store_set_client (store, client);
  /* Counted from here: a new client empties the (empty) lists first. */
  g_signal_connect (model, "items-changed", G_CALLBACK (count_cb), &changes);
  first = g_object_ref (troupe_store_get_cancellable (store));
  troupe_store_reload (store);
  /* The first load's cancellable is cancelled and replaced. */
  g_assert_true (g_cancellable_is_cancelled (first));
  g_assert_false (troupe_store_get_cancellable (store) == first);
  g_object_unref (first);
  troupe_test_wait_until (not_loading, store, "the second load");
  troupe_test_ui_iterate (700);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpint (troupe_store_get_state (store), ==, TROUPE_STORE_LOADED);

  /* A stopped load says so, and its reply never lands. */
  troupe_store_reload (store);
  troupe_store_cancel_load (store);
  g_assert_false (troupe_store_get_loading (store));
  g_assert_cmpint (troupe_store_get_state (store), ==, TROUPE_STORE_ERROR);
  g_assert_nonnull (strstr (troupe_store_get_error_message (store), "stopped"));
  troupe_test_ui_iterate (700);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpint (troupe_store_get_state (store), ==, TROUPE_STORE_ERROR);

  /* Nor does the reply of a client that was replaced mid-load. */
  troupe_store_reload (store);
  troupe_store_set_client (store, NULL);
  troupe_test_ui_iterate (700);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpint (troupe_store_get_state (store), ==, TROUPE_STORE_IDLE);
}

int
main (int   argc,
      char *argv[])
{
  troupe_test_ui_init (&argc, &argv);

  g_test_add_func ("/troupe/store/states", test_states);
  g_test_add_func ("/troupe/store/overtaken-replies-are-dropped", test_overtaken_replies_are_dropped);

  return g_test_run ();
}
