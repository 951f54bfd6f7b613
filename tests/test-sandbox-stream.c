/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Streamed getResponse: SSE framing, words arriving one by one, and fifty
 * streamed chats at once. */
#include <signal.h>
#include <string.h>

#include "sandbox-test-client.h"
#include "troupe-test-wait.h"

#define QUESTION "Tell me about the lamp and the storm"
#define CONCURRENT_CHATS 50

typedef struct
{
  guint      status;
  char      *content_type;
  GPtrArray *payloads;     /* data payloads, in order */
  GArray    *arrivals_us;  /* monotonic time each payload was read */
  gboolean   clean_end;
} Stream;

static void
stream_free (Stream *stream)
{
  g_free (stream->content_type);
  g_ptr_array_unref (stream->payloads);
  g_array_unref (stream->arrivals_us);
  g_free (stream);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Stream, stream_free)

static char *
first_character (TroupeTestSandbox *sandbox)
{
  g_autoptr(SandboxReply) list = sandbox_post_json (sandbox, "/character/list", "{}");
  g_autoptr(JsonNode) node = sandbox_reply_json (list);
  JsonArray *characters = json_object_get_array_member (json_node_get_object (node), "characters");

  return g_strdup (json_object_get_string_member (json_array_get_object_element (characters, 0), "character_id"));
}

/* Every line is checked: only `data: ` lines and the blank lines that end
 * events, nothing else. */
static Stream *
stream_chat (TroupeTestSandbox *sandbox,
             const char        *character_id,
             const char        *question)
{
  g_autofree char *url = g_strconcat (sandbox->base_url, "/character/getResponse", NULL);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, "timeout", 60, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autofree char *form = soup_form_encode ("charID", character_id, "sessionID", "-1", "userText", question,
                                            "voiceResponse", "False", "stream", "True", NULL);
  g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  Stream *stream = g_new0 (Stream, 1);
  gboolean expect_blank = FALSE;
  char *line;

  stream->payloads = g_ptr_array_new_with_free_func (g_free);
  stream->arrivals_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  soup_message_headers_append (soup_message_get_request_headers (msg), "CONVAI-API-KEY", sandbox->api_key);
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  input = soup_session_send (session, msg, NULL, &error);
  g_assert_no_error (error);
  stream->status = soup_message_get_status (msg);
  stream->content_type = g_strdup (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL));
  lines = g_data_input_stream_new (input);
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      gint64 now = g_get_monotonic_time ();

      if (expect_blank)
        g_assert_cmpstr (line, ==, "");
      else
        {
          g_assert_true (g_str_has_prefix (line, "data: "));
          g_ptr_array_add (stream->payloads, g_strdup (line + strlen ("data: ")));
          g_array_append_val (stream->arrivals_us, now);
        }
      expect_blank = !expect_blank;
      g_free (line);
    }
  stream->clean_end = error == NULL && !expect_blank;
  return stream;
}

static JsonObject *
payload_object (Stream *stream,
                guint   index)
{
  g_autoptr(JsonNode) node = json_from_string (g_ptr_array_index (stream->payloads, index), NULL);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static void
test_framing (void)
{
  const char *args[] = { "--demo", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_autofree char *id = first_character (sandbox);
  g_autoptr(Stream) stream = stream_chat (sandbox, id, QUESTION);
  g_autofree char *whole = sandbox_ask (sandbox, id, QUESTION);
  g_autoptr(JsonObject) first = payload_object (stream, 0);
  g_autoptr(JsonObject) last = payload_object (stream, stream->payloads->len - 1);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_cmpuint (stream->status, ==, 200);
  g_assert_cmpstr (stream->content_type, ==, "text/event-stream");
  g_assert_true (stream->clean_end);
  g_assert_cmpuint (strlen (json_object_get_string_member (first, "sessionID")), ==, 32);
  g_assert_cmpstr (json_object_get_string_member (last, "tag"), ==, "end");
  for (guint i = 1; i + 1 < stream->payloads->len; i++)
    {
      g_autoptr(JsonObject) event = payload_object (stream, i);
      const char *word = json_object_get_string_member (event, "text");

      /* One word and its space per event. */
      g_assert_nonnull (word);
      g_assert_true (g_str_has_suffix (word, " "));
      g_assert_null (strchr (word, ' ') == word + strlen (word) - 1 ? NULL : word);
      g_string_append (text, word);
    }
  g_assert_cmpuint (stream->payloads->len, >, 10);
  /* Deterministic: the streamed words are the whole reply. */
  g_assert_cmpstr (g_strchomp (text->str), ==, whole);
}

static void
test_word_by_word (void)
{
  const char *args[] = { "--demo", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_autofree char *id = first_character (sandbox);
  g_autoptr(Stream) stream = stream_chat (sandbox, id, QUESTION);
  guint words = stream->payloads->len - 2;
  gint64 first_word = g_array_index (stream->arrivals_us, gint64, 1);
  gint64 last_word = g_array_index (stream->arrivals_us, gint64, words);
  guint distinct = 1;

  for (guint i = 2; i <= words; i++)
    distinct += g_array_index (stream->arrivals_us, gint64, i) - g_array_index (stream->arrivals_us, gint64, i - 1) > 1000;
  g_test_message ("%u words over %.1f ms, %u separate arrivals",
                  words, (last_word - first_word) / 1000.0, distinct);
  /* Words reach the client as they are written, not in one burst. */
  g_assert_cmpint (last_word - first_word, >=, (gint64) (words - 1) * 4000);
  g_assert_cmpuint (distinct, >=, words / 2);
}

typedef struct
{
  TroupeTestSandbox *sandbox;
  const char        *character_id;
  guint              index;
} ChatJob;

static gpointer
concurrent_chat_thread (gpointer data)
{
  ChatJob *job = data;
  g_autofree char *question = g_strdup_printf ("%s, please (%u)", QUESTION, job->index);
  Stream *stream = stream_chat (job->sandbox, job->character_id, question);

  return stream;
}

static void
test_fifty_concurrent (void)
{
  const char *args[] = { "--demo", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_autofree char *id = first_character (sandbox);
  GThread *threads[CONCURRENT_CHATS];
  ChatJob jobs[CONCURRENT_CHATS];
  gint64 start = g_get_monotonic_time ();
  gint64 list_us;

  for (guint i = 0; i < CONCURRENT_CHATS; i++)
    {
      jobs[i] = (ChatJob) { sandbox, id, i };
      threads[i] = g_thread_new ("chat", concurrent_chat_thread, &jobs[i]);
    }
  {
    /* The server still answers other calls while fifty streams run. */
    gint64 before = g_get_monotonic_time ();
    g_autoptr(SandboxReply) list = sandbox_post_json (sandbox, "/character/list", "{}");

    list_us = g_get_monotonic_time () - before;
    g_assert_cmpuint (list->status, ==, 200);
  }
  for (guint i = 0; i < CONCURRENT_CHATS; i++)
    {
      g_autoptr(Stream) stream = g_thread_join (threads[i]);
      g_autoptr(JsonObject) last = NULL;

      g_assert_cmpuint (stream->status, ==, 200);
      g_assert_true (stream->clean_end);
      g_assert_cmpuint (stream->payloads->len, >, 3);
      last = payload_object (stream, stream->payloads->len - 1);
      g_assert_cmpstr (json_object_get_string_member (last, "tag"), ==, "end");
    }
  g_test_message ("%d streamed chats in %.0f ms; a list call meanwhile took %.1f ms",
                  CONCURRENT_CHATS, (g_get_monotonic_time () - start) / 1000.0, list_us / 1000.0);
  /* Two seconds, stretched as the other waits are for sanitizer runs. */
  g_assert_cmpint (list_us, <, troupe_test_timeout_usec (2));
}

static void
test_client_gone (void)
{
  const char *args[] = { "--demo", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_autofree char *id = first_character (sandbox);
  g_autofree char *url = g_strconcat (sandbox->base_url, "/character/getResponse", NULL);

  /* Clients that hang up mid-stream leave the server healthy. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
      g_autofree char *form = soup_form_encode ("charID", id, "sessionID", "-1", "userText", QUESTION,
                                                "stream", "True", NULL);
      g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));
      g_autoptr(GInputStream) input = NULL;
      char buffer[16];

      soup_message_headers_append (soup_message_get_request_headers (msg), "CONVAI-API-KEY", sandbox->api_key);
      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
      input = soup_session_send (session, msg, NULL, NULL);
      g_assert_nonnull (input);
      g_input_stream_read (input, buffer, sizeof buffer, NULL, NULL);
      g_input_stream_close (input, NULL, NULL);
      soup_session_abort (session);
    }
  {
    g_autoptr(Stream) stream = stream_chat (sandbox, id, QUESTION);

    g_assert_true (stream->clean_end);
  }
}

/* SIGTERM while replies stream: the server waits for its workers and
 * exits cleanly. */
static void
test_clean_exit_mid_stream (void)
{
  const char *args[] = { "--demo", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_autofree char *id = first_character (sandbox);
  g_autofree char *url = g_strconcat (sandbox->base_url, "/character/getResponse", NULL);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autofree char *form = soup_form_encode ("charID", id, "sessionID", "-1", "userText", QUESTION,
                                            "voiceResponse", "True", "stream", "True", NULL);
  g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  char buffer[64];

  soup_message_headers_append (soup_message_get_request_headers (msg), "CONVAI-API-KEY", sandbox->api_key);
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  input = soup_session_send (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_input_stream_read (input, buffer, sizeof buffer, NULL, NULL), >, 0);
  g_subprocess_send_signal (sandbox->process, SIGTERM);
  g_subprocess_wait (sandbox->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (sandbox->process));
  g_assert_cmpint (g_subprocess_get_exit_status (sandbox->process), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/troupe/sandbox-stream/framing", test_framing);
  g_test_add_func ("/troupe/sandbox-stream/word-by-word", test_word_by_word);
  g_test_add_func ("/troupe/sandbox-stream/fifty-concurrent", test_fifty_concurrent);
  g_test_add_func ("/troupe/sandbox-stream/client-gone", test_client_gone);
  g_test_add_func ("/troupe/sandbox-stream/clean-exit-mid-stream", test_clean_exit_mid_stream);
  return g_test_run ();
}
