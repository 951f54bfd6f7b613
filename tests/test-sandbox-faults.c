/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fault injection: each command-line option changes what a client sees,
 * and only on the paths it names. */
#include <string.h>

#include "sandbox-test-client.h"

static char *
first_character (TroupeTestSandbox *sandbox)
{
  g_autoptr(SandboxReply) list = sandbox_post_json (sandbox, "/character/list", "{}");
  g_autoptr(JsonNode) node = sandbox_reply_json (list);
  JsonArray *characters = json_object_get_array_member (json_node_get_object (node), "characters");

  return g_strdup (json_object_get_string_member (json_array_get_object_element (characters, 0), "character_id"));
}

static void
test_delay (void)
{
  const char *args[] = { "--fault-delay-ms=300", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  gint64 start = g_get_monotonic_time ();
  g_autoptr(SandboxReply) reply = sandbox_post_json (sandbox, "/character/list", "{}");
  gint64 elapsed_ms = (g_get_monotonic_time () - start) / 1000;

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (elapsed_ms, >=, 300);
}

static void
test_status_always (void)
{
  const char *args[] = { "--fault-status=/character/list:503", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SandboxReply) reply = sandbox_post_json (sandbox, "/character/list", "{}");

      g_assert_cmpuint (reply->status, ==, 503);
      g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Retry-After"), ==, "1");
    }
  {
    /* Other paths are untouched. */
    g_autoptr(SandboxReply) other = sandbox_post_json (sandbox, "/user/user-api-usage", "{}");

    g_assert_cmpuint (other->status, ==, 200);
  }
}

static void
test_status_once (void)
{
  const char *args[] = { "--fault-status-once=character/list:429", "--fault-retry-after=7", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_autoptr(SandboxReply) first = sandbox_post_json (sandbox, "/character/list", "{}");
  g_autoptr(JsonNode) first_node = sandbox_reply_json (first);
  g_autoptr(SandboxReply) second = sandbox_post_json (sandbox, "/character/list", "{}");

  g_assert_cmpuint (first->status, ==, 429);
  g_assert_cmpstr (sandbox_json_string (first_node, "API_ERROR"), ==,
                   "API rate limit exceeded. Please try again later.");
  g_assert_cmpstr (soup_message_headers_get_one (first->headers, "Retry-After"), ==, "7");
  g_assert_cmpuint (second->status, ==, 200);
}

static void
test_garbage (void)
{
  const char *args[] = { "--fault-garbage=/character/list", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_autoptr(SandboxReply) reply = sandbox_post_json (sandbox, "/character/list", "{}");
  g_autofree char *text = sandbox_reply_text (reply);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_null (json_from_string (text, NULL));
}

/* Reads a streamed reply until the server stops, however it stops. */
static GPtrArray *
read_stream (TroupeTestSandbox *sandbox,
             const char        *character_id,
             gboolean          *clean_end)
{
  g_autofree char *url = g_strconcat (sandbox->base_url, "/character/getResponse", NULL);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autofree char *form = soup_form_encode ("charID", character_id, "sessionID", "-1",
                                            "userText", "Tell me about the lamp and the storm",
                                            "stream", "True", NULL);
  g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *payloads = g_ptr_array_new_with_free_func (g_free);
  char *line;

  soup_message_headers_append (soup_message_get_request_headers (msg), "CONVAI-API-KEY", sandbox->api_key);
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  stream = soup_session_send (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  lines = g_data_input_stream_new (stream);
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      if (g_str_has_prefix (line, "data: "))
        g_ptr_array_add (payloads, g_strdup (line + strlen ("data: ")));
      g_free (line);
    }
  *clean_end = error == NULL;
  if (error != NULL)
    g_test_message ("stream ended with: %s", error->message);
  return payloads;
}

/* The whole HTTP exchange as bytes, read until the server closes. */
static char *
raw_streamed_exchange (TroupeTestSandbox *sandbox,
                       const char        *character_id)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) connection = g_socket_client_connect_to_host (client, "127.0.0.1", sandbox->port,
                                                                             NULL, &error);
  g_autofree char *form = soup_form_encode ("charID", character_id, "sessionID", "-1",
                                            "userText", "Tell me about the lamp", "stream", "True", NULL);
  g_autofree char *request = g_strdup_printf ("POST /character/getResponse HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                              "CONVAI-API-KEY: %s\r\n"
                                              "Content-Type: application/x-www-form-urlencoded\r\n"
                                              "Content-Length: %zu\r\n\r\n%s",
                                              sandbox->api_key, strlen (form), form);
  GOutputStream *out;
  GInputStream *in;
  GString *received = g_string_new (NULL);
  char buffer[4096];
  gssize n;

  g_assert_no_error (error);
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  g_output_stream_write_all (out, request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);
  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (received, buffer, n);
  return g_string_free (received, FALSE);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint count = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    count++;
  return count;
}

static void
test_cut_stream (void)
{
  const char *args[] = { "--demo", "--fault-cut-stream=3", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_autofree char *id = first_character (sandbox);
  gboolean clean_end = TRUE;
  g_autoptr(GPtrArray) payloads = read_stream (sandbox, id, &clean_end);
  g_autofree char *raw = raw_streamed_exchange (sandbox, id);

  /* Three events, then the connection closes with no final event... */
  g_assert_cmpuint (payloads->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (payloads, 0), "sessionID"));
  for (guint i = 0; i < payloads->len; i++)
    g_assert_null (strstr (g_ptr_array_index (payloads, i), "\"tag\""));
  /* ...and without the chunk that ends a complete body. */
  g_assert_true (g_str_has_prefix (raw, "HTTP/1.1 200"));
  g_assert_cmpuint (count_occurrences (raw, "data: "), ==, 3);
  g_assert_false (g_str_has_suffix (raw, "\r\n0\r\n\r\n"));
}

static void
test_uncut_stream (void)
{
  const char *args[] = { "--demo", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_autofree char *id = first_character (sandbox);
  gboolean clean_end = FALSE;
  g_autoptr(GPtrArray) payloads = read_stream (sandbox, id, &clean_end);

  g_assert_cmpuint (payloads->len, >, 5);
  g_assert_cmpstr (g_ptr_array_index (payloads, payloads->len - 1), ==, "{\"tag\":\"end\"}");
  g_assert_true (clean_end);
}

static void
test_bad_option (void)
{
  const char *bin = g_getenv ("TROUPE_SANDBOX_BIN");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                                     &error, bin, "--api-key", "k", "--port=0",
                                                     "--fault-status=no-code-here", NULL);
  g_autofree char *stderr_text = NULL;

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &stderr_text, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_successful (process));
  g_assert_nonnull (strstr (stderr_text, "PATH:CODE"));
}

static void
test_missing_key (void)
{
  const char *bin = g_getenv ("TROUPE_SANDBOX_BIN");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *stderr_text = NULL;

  g_subprocess_launcher_unsetenv (launcher, "TROUPE_SANDBOX_API_KEY");
  process = g_subprocess_launcher_spawn (launcher, &error, bin, "--port=0", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &stderr_text, &error);
  g_assert_false (g_subprocess_get_successful (process));
  g_assert_nonnull (strstr (stderr_text, "API key"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/troupe/sandbox-faults/delay", test_delay);
  g_test_add_func ("/troupe/sandbox-faults/status-always", test_status_always);
  g_test_add_func ("/troupe/sandbox-faults/status-once", test_status_once);
  g_test_add_func ("/troupe/sandbox-faults/garbage", test_garbage);
  g_test_add_func ("/troupe/sandbox-faults/cut-stream", test_cut_stream);
  g_test_add_func ("/troupe/sandbox-faults/uncut-stream", test_uncut_stream);
  g_test_add_func ("/troupe/sandbox-faults/bad-option", test_bad_option);
  g_test_add_func ("/troupe/sandbox-faults/missing-key", test_missing_key);
  return g_test_run ();
}
