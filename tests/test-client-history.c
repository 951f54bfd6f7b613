/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-test-util.h"

typedef struct
{
  TroupeTestSandbox *sandbox;
  ConvaiClient      *client;
  char              *char_id;
  char              *session_id;
} Fixture;

static char *
say (Fixture    *fixture,
     const char *session_id,
     const char *text)
{
  g_autoptr(ConvaiChatRequest) request = convai_chat_request_new_text (fixture->char_id, session_id, text);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ConvaiChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  convai_client_get_response_async (fixture->client, request, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  reply = convai_client_get_response_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  return g_strdup (convai_chat_reply_get_session_id (reply));
}

/* One session of two exchanges, and a second session of one. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *other = NULL;

  fixture->sandbox = troupe_test_sandbox_start (NULL);
  fixture->client = convai_test_client_new (fixture->sandbox);
  fixture->char_id = convai_test_create_character (fixture->client, "Ada",
                                                   "I keep the lighthouse on the cape.");
  fixture->session_id = say (fixture, "-1", "Hello there");
  g_free (say (fixture, fixture->session_id, "What do you keep?"));
  other = say (fixture, "-1", "Good evening");
  g_assert_cmpstr (other, !=, fixture->session_id);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->char_id);
  g_free (fixture->session_id);
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->sandbox, troupe_test_sandbox_stop);
}

static GListModel *
list_sessions (Fixture *fixture,
               int      limit)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GListModel *sessions;

  convai_client_list_sessions_async (fixture->client, fixture->char_id, limit, NULL,
                                     convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  sessions = convai_client_list_sessions_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  return sessions;
}

static gboolean
has_session (GListModel *sessions,
             const char *session_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(ConvaiSessionSummary) summary = g_list_model_get_item (sessions, i);
      if (g_strcmp0 (convai_session_summary_get_session_id (summary), session_id) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GListModel) all = list_sessions (fixture, -1);
  g_autoptr(GListModel) one = list_sessions (fixture, 1);
  g_autoptr(ConvaiSessionSummary) first = g_list_model_get_item (all, 0);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (one), ==, 1);
  g_assert_true (has_session (all, fixture->session_id));
  /* Recorded a moment ago (the wire has second precision, zone unstated). */
  g_assert_cmpint (ABS (g_date_time_difference (now, convai_session_summary_get_date_time (first))),
                   <, 14 * G_TIME_SPAN_HOUR);
}

static void
test_details (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) interactions = NULL;
  g_autoptr(ConvaiInteraction) first = NULL;
  g_autoptr(ConvaiInteraction) second = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  convai_client_get_session_async (fixture->client, fixture->char_id, fixture->session_id, NULL,
                                   convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  interactions = convai_client_get_session_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (interactions), ==, 2);
  first = g_list_model_get_item (interactions, 0);
  second = g_list_model_get_item (interactions, 1);
  g_assert_cmpstr (convai_interaction_find_text (first, "User"), ==, "Hello there");
  g_assert_nonnull (convai_interaction_find_text (first, "Character"));
  g_assert_cmpstr (convai_interaction_find_text (second, "User"), ==, "What do you keep?");
  g_assert_false (convai_interaction_get_is_trigger_input (first));
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  const char *ids[] = { fixture->session_id, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  convai_client_delete_sessions_async (fixture->client, fixture->char_id, ids, NULL,
                                       convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  g_assert_true (convai_client_delete_sessions_finish (fixture->client, result, &error));
  g_assert_no_error (error);
  after = list_sessions (fixture, -1);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 1);
  g_assert_false (has_session (after, fixture->session_id));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/troupe/client-history/list", test_list);
  ADD ("/troupe/client-history/details", test_details);
  ADD ("/troupe/client-history/delete", test_delete);
#undef ADD
  return g_test_run ();
}
