/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-test-util.h"

#include <string.h>

/* Each case starts its own sandbox with the fault options it needs. */
typedef struct
{
  TroupeTestSandbox *sandbox;
  ConvaiClient      *client;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(GStrv) args = data ? g_strsplit (data, " ", -1) : NULL;

  fixture->sandbox = troupe_test_sandbox_start ((const char * const *) args);
  fixture->client = convai_test_client_new (fixture->sandbox);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->sandbox, troupe_test_sandbox_stop);
}

static GListModel *
list_characters (ConvaiClient  *client,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  convai_client_list_characters_async (client, cancellable, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  return convai_client_list_characters_finish (client, result, error);
}

static void
test_wrong_key (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ConvaiClient) wrong = convai_client_new (fixture->sandbox->base_url, "not-the-key");
  g_autoptr(ConvaiClient) none = convai_client_new (fixture->sandbox->base_url, NULL);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  list = list_characters (wrong, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_UNAUTHORIZED);
  /* The server's words only: the advice (key, plan) is the caller's. */
  g_assert_cmpstr (error->message, ==, "Invalid API key provided.");
  g_assert_cmpuint (convai_error_get_status (error), ==, 401);
  g_clear_error (&error);

  list = list_characters (none, NULL, &error);
  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "api_key not found."));
}

/* A 429 on a list is retried after Retry-After (1 s) and then succeeds. */
static void
test_rate_limit_retried (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  list = list_characters (fixture->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * G_TIME_SPAN_MILLISECOND);
}

/* Always 429: three tries, then the server's words. */
static void
test_rate_limit_gives_up (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  list = list_characters (fixture->client, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_RATE_LIMITED);
  g_assert_cmpuint (convai_error_get_status (error), ==, 429);
  g_assert_cmpuint (convai_error_get_attempts (error), ==, 3);
  g_assert_true (convai_error_get_retry_safe (error));
}

/* A create is never repeated behind the caller's back. */
static void
test_create_not_retried (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GAsyncResult *slot = NULL;

  convai_client_create_character_async (fixture->client, "Ada", "MALE", "Story.", NULL, NULL,
                                        convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  id = convai_client_create_character_finish (fixture->client, result, &error);
  g_assert_null (id);
  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_RATE_LIMITED);
  g_assert_cmpuint (convai_error_get_attempts (error), ==, 1);
  g_assert_false (convai_error_get_retry_safe (error));
  g_clear_error (&error);
  list = list_characters (fixture->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
}

static void
test_cancel_during_retry_wait (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  GAsyncResult *slot = NULL;

  convai_client_list_characters_async (fixture->client, cancellable, convai_test_result_cb, &slot);
  g_timeout_add_once (300, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  result = convai_test_await (&slot);
  list = convai_client_list_characters_finish (fixture->client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* The server asked for 30 s: the cancel did not wait for them. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_TIME_SPAN_SECOND);
}

static void
test_server_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  list = list_characters (fixture->client, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_SERVER);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_garbage_is_protocol_error (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  list = list_characters (fixture->client, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL);
}

static void
test_connection_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(ConvaiClient) client = NULL;
  g_autofree char *url = NULL;

  /* A port that was just free: bind, note it, close. */
  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_listener_close (listener);
  client = convai_client_new (url, "key");
  list = list_characters (client, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_NETWORK);
}

/* The key never travels in the clear beyond this machine. */
static void
test_plain_http_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ConvaiClient) client = convai_client_new ("http://convai.example.com", "key");
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  list = list_characters (client, NULL, &error);
  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "https"));
}

static void
test_cancelled_before (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  list = list_characters (fixture->client, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Deleting a knowledge document: any 2xx body, even garbage, is success. */
static void
test_non_json_delete_is_success (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  convai_client_delete_document_async (fixture->client, "any-id", NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  g_assert_true (convai_client_delete_document_finish (fixture->client, result, &error));
  g_assert_no_error (error);
}

/* getResponse for a character that is not there: 404 with the words in
 * "text" ("process_failure, error: ..."). */
static void
test_unknown_character_chat (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(ConvaiChatRequest) request = convai_chat_request_new_text ("no-such-character", NULL, "Hi");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ConvaiChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  convai_client_get_response_async (fixture->client, request, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  reply = convai_client_get_response_finish (fixture->client, result, &error);
  g_assert_null (reply);
  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "process_failure"));
}

static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
stream_finished_cb (ConvaiChatStream *stream,
                    const GError     *error,
                    GError          **out)
{
  *out = error ? g_error_copy (error) : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "no error");
}

/* A streamed reply that is neither events nor JSON is a protocol error,
 * not a silent empty answer. */
static void
test_garbage_stream (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *id = convai_test_create_character (fixture->client, "Ada", "I keep the light.");
  g_autoptr(ConvaiChatRequest) request = convai_chat_request_new_text (id, NULL, "Hi");
  g_autoptr(ConvaiChatStream) stream = convai_client_stream_response (fixture->client, request, NULL);
  g_autoptr(GError) error = NULL;

  g_signal_connect (stream, "finished", G_CALLBACK (stream_finished_cb), &error);
  convai_chat_stream_start (stream);
  troupe_test_wait_until (error_set, &error, "the stream to fail");
  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL);
  g_assert_cmpstr (convai_chat_stream_get_text (stream), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, args, func) \
  g_test_add (path, Fixture, args, fixture_set_up, func, fixture_tear_down)
  ADD ("/troupe/client-errors/wrong-key", NULL, test_wrong_key);
  ADD ("/troupe/client-errors/rate-limit-retried",
       "--fault-status-once=/character/list:429 --fault-retry-after=1", test_rate_limit_retried);
  ADD ("/troupe/client-errors/rate-limit-gives-up",
       "--fault-status=/character/list:429 --fault-retry-after=0", test_rate_limit_gives_up);
  ADD ("/troupe/client-errors/create-not-retried",
       "--fault-status-once=/character/create:429", test_create_not_retried);
  ADD ("/troupe/client-errors/cancel-during-retry-wait",
       "--fault-status=/character/list:503 --fault-retry-after=30", test_cancel_during_retry_wait);
  ADD ("/troupe/client-errors/server-error", "--fault-status=/character/list:500", test_server_error);
  ADD ("/troupe/client-errors/garbage", "--fault-garbage=/character/list", test_garbage_is_protocol_error);
  ADD ("/troupe/client-errors/connection-refused", NULL, test_connection_refused);
  ADD ("/troupe/client-errors/plain-http-refused", NULL, test_plain_http_refused);
  ADD ("/troupe/client-errors/cancelled-before", NULL, test_cancelled_before);
  ADD ("/troupe/client-errors/non-json-delete",
       "--fault-garbage=/character/knowledge-bank/delete", test_non_json_delete_is_success);
  ADD ("/troupe/client-errors/unknown-character-chat", NULL, test_unknown_character_chat);
  ADD ("/troupe/client-errors/garbage-stream", "--fault-garbage=/character/getResponse", test_garbage_stream);
#undef ADD
  return g_test_run ();
}
