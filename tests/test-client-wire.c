/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libconvai against stub servers that do what troupe-sandbox never will:
 * redirect, cut a chunked stream mid-event, answer garbage, and record the
 * exact bytes of a request. */
#include "convai-test-util.h"
#include "troupe-test-stub.h"

#include <string.h>

#define KEY "wire-test-key"

static const char list_reply[] =
  "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 18\r\n"
  "Connection: close\r\n\r\n{\"characters\": []}";

static GListModel *
list_characters (ConvaiClient  *client,
                 GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  convai_client_list_characters_async (client, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  return convai_client_list_characters_finish (client, result, error);
}

static char *
redirect_reply (guint       status,
                const char *location)
{
  return g_strdup_printf ("HTTP/1.1 %u Moved\r\nLocation: %s\r\nContent-Length: 0\r\n"
                          "Connection: close\r\n\r\n", status, location);
}

/* Convai never redirects its API: a redirect is refused, with where it
 * pointed, and the key never reaches the other server, whatever the status
 * (301/302 turn a POST into a GET; 307/308 would resend the body too). */
static void
test_redirect_to_other_port (void)
{
  const guint statuses[] = { 301, 302, 303, 307, 308 };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(TroupeTestStub) target = troupe_test_stub_new (list_reply, -1);
      g_autofree char *location = g_strconcat (troupe_test_stub_get_url (target), "/character/list", NULL);
      g_autofree char *reply = redirect_reply (statuses[i], location);
      g_autoptr(TroupeTestStub) api = troupe_test_stub_new (reply, -1);
      g_autoptr(ConvaiClient) client = convai_client_new (troupe_test_stub_get_url (api), KEY);
      g_autoptr(GListModel) list = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *request = NULL;

      list = list_characters (client, &error);
      g_assert_null (list);
      g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL);
      g_assert_nonnull (strstr (error->message, "redirected to"));
      g_assert_nonnull (strstr (error->message, location));
      g_assert_nonnull (strstr (error->message, "check the API URL"));
      g_assert_cmpuint (convai_error_get_status (error), ==, statuses[i]);
      g_assert_cmpuint (troupe_test_stub_count_requests (api), ==, 1);
      request = troupe_test_stub_dup_request (api, 0);
      g_assert_nonnull (strstr (request, "CONVAI-API-KEY: " KEY));
      g_assert_cmpuint (troupe_test_stub_count_requests (target), ==, 0);
    }
}

/* To plain http on another host: the worst case, refused the same way
 * before any lookup of that host. */
static void
test_redirect_to_plain_http_elsewhere (void)
{
  g_autofree char *reply = redirect_reply (302, "http://attacker.invalid/steal");
  g_autoptr(TroupeTestStub) api = troupe_test_stub_new (reply, -1);
  g_autoptr(ConvaiClient) client = convai_client_new (troupe_test_stub_get_url (api), KEY);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  list = list_characters (client, &error);
  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "http://attacker.invalid/steal"));
}

static void
stream_finished_cb (GObject       *stream,
                    const GError  *error,
                    GError       **out)
{
  *out = error ? g_error_copy (error) : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "no error");
}

static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

/* Runs a text stream to its end; the error, or G_IO_ERROR_FAILED "no error". */
static GError *
run_text_stream (ConvaiTextStream *stream)
{
  GError *error = NULL;

  g_signal_connect (stream, "finished", G_CALLBACK (stream_finished_cb), &error);
  convai_text_stream_start (stream);
  troupe_test_wait_until (error_set, &error, "the text stream to end");
  return error;
}

static GError *
run_chat_stream (ConvaiChatStream *stream)
{
  GError *error = NULL;

  g_signal_connect (stream, "finished", G_CALLBACK (stream_finished_cb), &error);
  convai_chat_stream_start (stream);
  troupe_test_wait_until (error_set, &error, "the chat stream to end");
  return error;
}

static gboolean
is_no_error (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED) && g_str_equal (error->message, "no error");
}

/* A chunked event stream whose connection closes in the middle of its
 * second event, without the chunked body's last chunk. */
static char *
cut_chunked_reply (const char *whole_event,
                   const char *half_event)
{
  return g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                          "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                          "%zx\r\n%s\r\n%zx\r\n%s\r\n",
                          strlen (whole_event), whole_event, strlen (half_event), half_event);
}

static void
test_cut_starters (void)
{
  g_autofree char *reply = cut_chunked_reply ("data: What is your name?\n\n", "data: What is yo");
  g_autoptr(TroupeTestStub) api = troupe_test_stub_new (reply, -1);
  g_autoptr(ConvaiClient) client = convai_client_new (troupe_test_stub_get_url (api), KEY);
  g_autoptr(ConvaiTextStream) stream = convai_client_stream_starters (client, "c1", NULL, NULL);
  g_autoptr(GError) error = run_text_stream (stream);
  const char *kept[] = { "What is your name?", NULL };

  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "cut before the reply ended"));
  g_assert_true (convai_error_is_cut (error));
  g_assert_cmpstrv (convai_text_stream_get_lines (stream), kept);
  g_assert_cmpstr (convai_text_stream_get_text (stream), ==, "What is your name?");
}

static void
test_cut_chat_stream (void)
{
  g_autofree char *reply = cut_chunked_reply ("data: {\"sessionID\": \"s1\"}\n\ndata: {\"text\": \"Hello \"}\n\n",
                                              "data: {\"text\": \"wor");
  g_autoptr(TroupeTestStub) api = troupe_test_stub_new (reply, -1);
  g_autoptr(ConvaiClient) client = convai_client_new (troupe_test_stub_get_url (api), KEY);
  g_autoptr(ConvaiChatRequest) request = convai_chat_request_new_text ("c1", NULL, "Hi");
  g_autoptr(ConvaiChatStream) stream = convai_client_stream_response (client, request, NULL);
  g_autoptr(GError) error = run_chat_stream (stream);

  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "cut before the reply ended"));
  g_assert_true (convai_error_is_cut (error));
  g_assert_cmpstr (convai_chat_stream_get_text (stream), ==, "Hello ");
  g_assert_cmpstr (convai_chat_stream_get_session_id (stream), ==, "s1");
}

#define EVENT_STREAM_HEAD "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"

static void
count_audio_cb (ConvaiChatStream *stream,
                GBytes           *wav,
                guint             sample_rate,
                gsize            *total)
{
  *total += g_bytes_get_size (wav);
}

/* A chat stream of @body's events, run to its end against a stub; the bytes
 * of speech it handed on are added to @audio_total if given. */
static GError *
run_chat_against (GString           *body,
                  gsize             *audio_total,
                  ConvaiChatStream **out)
{
  g_autoptr(TroupeTestStub) api = troupe_test_stub_new (body->str, body->len);
  g_autoptr(ConvaiClient) client = convai_client_new (troupe_test_stub_get_url (api), KEY);
  g_autoptr(ConvaiChatRequest) request = convai_chat_request_new_text ("c1", NULL, "Hi");

  *out = convai_client_stream_response (client, request, NULL);
  if (audio_total != NULL)
    g_signal_connect (*out, "audio-chunk", G_CALLBACK (count_audio_cb), audio_total);
  return run_chat_stream (*out);
}

/* One event that never ends (no blank line, no line end): the client stops
 * at 16 MiB with a protocol error rather than holding it all. */
static void
test_endless_event (void)
{
  g_autoptr(GString) body = g_string_new (EVENT_STREAM_HEAD "data: {\"sessionID\": \"s1\"}\n\ndata: ");
  g_autoptr(ConvaiChatStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 17 * 1024; i++)
    g_string_append_printf (body, "%01023u", i);
  error = run_chat_against (body, NULL, &stream);
  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "one event of more than 16 MiB"));
  g_assert_cmpstr (convai_chat_stream_get_session_id (stream), ==, "s1");
}

/* A reply whose words go on and on: stopped past 1 MiB of text, the words
 * before kept. */
static void
test_endless_words (void)
{
  g_autoptr(GString) body = g_string_new (EVENT_STREAM_HEAD "data: {\"sessionID\": \"s1\"}\n\n");
  g_autoptr(ConvaiChatStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  for (guint i = 0; i < 12000; i++)
    g_string_append_printf (body, "data: {\"text\": \"%099u\"}\n\n", i);
  error = run_chat_against (body, NULL, &stream);
  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "past 1024 KiB of text"));
  len = strlen (convai_chat_stream_get_text (stream));
  g_assert_cmpuint (len, <=, 1024 * 1024);
  g_assert_cmpuint (len, >, 1024 * 1024 - 100);
  g_assert_true (g_str_has_prefix (convai_chat_stream_get_text (stream), "00000000"));
}

/* A reply whose speech goes on and on: no chunk past 32 MiB is played. */
static void
test_endless_speech (void)
{
  g_autoptr(GString) body = g_string_new (EVENT_STREAM_HEAD);
  g_autofree guchar *second = g_malloc0 (1024 * 1024);
  g_autofree char *encoded = g_base64_encode (second, 1024 * 1024);
  g_autoptr(ConvaiChatStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  gsize total = 0;

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (body, "data: {\"audio\": \"%s\", \"sample_rate\": 16000}\n\n", encoded);
  error = run_chat_against (body, &total, &stream);
  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "speech went on past 32 MiB"));
  g_assert_cmpuint (total, ==, 32 * 1024 * 1024);
}

/* A stream of events the client reads and drops (fields it does not know)
 * that goes on and on: stopped at 64 MiB read. */
static void
test_endless_stream (void)
{
  g_autoptr(GString) body = g_string_new (EVENT_STREAM_HEAD);
  g_autofree char *filler = g_strnfill (1024 * 1024, 'x');
  g_autoptr(ConvaiChatStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 70; i++)
    g_string_append_printf (body, "data: {\"actionSequence\": \"%s\"}\n\n", filler);
  error = run_chat_against (body, NULL, &stream);
  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "went on past 64 MiB"));
  g_assert_cmpuint (convai_chat_stream_get_n_skipped (stream), ==, 0);
}

/* The same stream, whole: the last chunk and the blank line are there. */
static void
test_whole_starters (void)
{
  const char *reply = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                      "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                      "1a\r\ndata: What is your name?\n\n\r\n0\r\n\r\n";
  g_autoptr(TroupeTestStub) api = troupe_test_stub_new (reply, -1);
  g_autoptr(ConvaiClient) client = convai_client_new (troupe_test_stub_get_url (api), KEY);
  g_autoptr(ConvaiTextStream) stream = convai_client_stream_starters (client, "c1", NULL, NULL);
  g_autoptr(GError) error = run_text_stream (stream);
  const char *lines[] = { "What is your name?", NULL };

  g_assert_true (is_no_error (error));
  g_assert_cmpstrv (convai_text_stream_get_lines (stream), lines);
}

/* Starters come as an event stream and nothing else: a byte of garbage is
 * a protocol error, not a suggestion. */
static void
test_garbage_starters (void)
{
  const char *replies[] = {
    "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 1\r\n"
    "Connection: close\r\n\r\n\211",
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n"
    "Connection: close\r\n\r\nWhat is it?\n",
    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: 9\r\n"
    "Connection: close\r\n\r\ndata: \211\n\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_autoptr(TroupeTestStub) api = troupe_test_stub_new (replies[i], -1);
      g_autoptr(ConvaiClient) client = convai_client_new (troupe_test_stub_get_url (api), KEY);
      g_autoptr(ConvaiTextStream) stream = convai_client_stream_starters (client, "c1", NULL, NULL);
      g_autoptr(GError) error = run_text_stream (stream);

      g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL);
      g_assert_cmpstr (convai_text_stream_get_lines (stream)[0], ==, NULL);
    }
}

/* The Interaction API page: the body "should be form-data" (its cURL
 * samples use --form), for a typed turn too. */
static void
test_typed_turn_is_multipart (void)
{
  const char *reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 39\r\n"
                      "Connection: close\r\n\r\n{\"text\": \"Hello.\", \"sessionID\": \"s1\"}\n\n";
  g_autoptr(TroupeTestStub) api = troupe_test_stub_new (reply, -1);
  g_autoptr(ConvaiClient) client = convai_client_new (troupe_test_stub_get_url (api), KEY);
  g_autoptr(ConvaiChatRequest) request = convai_chat_request_new_text ("c1", NULL, "Hi & bye=1");
  g_autoptr(ConvaiChatReply) chat_reply = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sent = NULL;
  GAsyncResult *slot = NULL;

  convai_client_get_response_async (client, request, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  chat_reply = convai_client_get_response_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (convai_chat_reply_get_text (chat_reply), ==, "Hello.");
  sent = troupe_test_stub_dup_request (api, 0);
  g_assert_nonnull (strstr (sent, "\r\nContent-Type: multipart/form-data; boundary="));
  g_assert_nonnull (strstr (sent, "Content-Disposition: form-data; name=\"userText\"\r\n\r\nHi & bye=1\r\n"));
  g_assert_nonnull (strstr (sent, "name=\"charID\"\r\n\r\nc1\r\n"));
  g_assert_nonnull (strstr (sent, "name=\"stream\"\r\n\r\nFalse\r\n"));
}

static void
test_streamed_typed_turn_is_multipart (void)
{
  const char *reply = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: 43\r\n"
                      "Connection: close\r\n\r\ndata: {\"sessionID\": \"s1\", \"tag\": \"end\"}\n\n";
  g_autoptr(TroupeTestStub) api = troupe_test_stub_new (reply, -1);
  g_autoptr(ConvaiClient) client = convai_client_new (troupe_test_stub_get_url (api), KEY);
  g_autoptr(ConvaiChatRequest) request = convai_chat_request_new_text ("c1", NULL, "Hi");
  g_autoptr(ConvaiChatStream) stream = convai_client_stream_response (client, request, NULL);
  g_autoptr(GError) error = run_chat_stream (stream);
  g_autofree char *sent = troupe_test_stub_dup_request (api, 0);

  g_assert_true (is_no_error (error));
  g_assert_nonnull (strstr (sent, "\r\nContent-Type: multipart/form-data; boundary="));
  g_assert_nonnull (strstr (sent, "name=\"userText\"\r\n\r\nHi\r\n"));
  g_assert_nonnull (strstr (sent, "name=\"stream\"\r\n\r\nTrue\r\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/troupe/client-wire/redirect-to-other-port", test_redirect_to_other_port);
  g_test_add_func ("/troupe/client-wire/redirect-to-plain-http-elsewhere", test_redirect_to_plain_http_elsewhere);
  g_test_add_func ("/troupe/client-wire/cut-starters", test_cut_starters);
  g_test_add_func ("/troupe/client-wire/cut-chat-stream", test_cut_chat_stream);
  g_test_add_func ("/troupe/client-wire/whole-starters", test_whole_starters);
  g_test_add_func ("/troupe/client-wire/endless-event", test_endless_event);
  g_test_add_func ("/troupe/client-wire/endless-words", test_endless_words);
  g_test_add_func ("/troupe/client-wire/endless-speech", test_endless_speech);
  g_test_add_func ("/troupe/client-wire/endless-stream", test_endless_stream);
  g_test_add_func ("/troupe/client-wire/garbage-starters", test_garbage_starters);
  g_test_add_func ("/troupe/client-wire/typed-turn-is-multipart", test_typed_turn_is_multipart);
  g_test_add_func ("/troupe/client-wire/streamed-typed-turn-is-multipart", test_streamed_typed_turn_is_multipart);
  return g_test_run ();
}
