/* SPDX-License-Identifier: GPL-3.0-or-later */
/* troupe-cli when things go wrong: stub servers for what the sandbox will
 * not do (redirect, cut a chunked stream mid-event, answer garbage), the
 * sandbox's --fault-* options for the rest. Each case checks the exit code
 * and that stderr says what happened and what to do next. */
#include "cli-test-util.h"
#include "troupe-test-stub.h"

#include <glib/gstdio.h>
#include <string.h>

#define KEY "cli-faults-key"

#define run_cli_stub(run, stub, ...) \
  run_cli_at (run, troupe_test_stub_get_url (stub), KEY, NULL, (const char * const[]) { __VA_ARGS__, NULL })

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not in: %s", part, text);
}

/* ---- stub servers ---- */

static void
test_redirect_refused (void)
{
  g_autoptr(TroupeTestStub) target = troupe_test_stub_new ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                                           "Content-Length: 18\r\nConnection: close\r\n\r\n"
                                                           "{\"characters\": []}", -1);
  g_autofree char *reply = g_strdup_printf ("HTTP/1.1 301 Moved Permanently\r\nLocation: %s/character/list\r\n"
                                            "Content-Length: 0\r\nConnection: close\r\n\r\n",
                                            troupe_test_stub_get_url (target));
  g_autoptr(TroupeTestStub) api = troupe_test_stub_new (reply, -1);
  g_auto(CliRun) run = { 0 };

  run_cli_stub (&run, api, "characters", "list");
  g_assert_cmpint (run.status, ==, 3);
  assert_contains (run.err, "redirected to");
  assert_contains (run.err, troupe_test_stub_get_url (target));
  assert_contains (run.err, "Check the API URL");
  g_assert_cmpuint (troupe_test_stub_count_requests (target), ==, 0);
}

static char *
cut_chunked_reply (const char *whole_events,
                   const char *half_event)
{
  return g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                          "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                          "%zx\r\n%s\r\n%zx\r\n%s\r\n",
                          strlen (whole_events), whole_events, strlen (half_event), half_event);
}

/* The whole suggestion is printed, the half one never; exit 4. */
static void
test_cut_starters (void)
{
  g_autofree char *reply = cut_chunked_reply ("data: What is your name?\n\n", "data: What is yo");
  g_autoptr(TroupeTestStub) api = troupe_test_stub_new (reply, -1);
  g_auto(CliRun) run = { 0 };

  run_cli_stub (&run, api, "starters", "c1");
  g_assert_cmpint (run.status, ==, 4);
  g_assert_cmpstr (run.out, ==, "What is your name?\n");
  assert_contains (run.err, "cut before the reply ended");
  assert_contains (run.err, "only the part of the reply that arrived");
}

static void
test_cut_chat_stream (void)
{
  g_autofree char *reply = cut_chunked_reply ("data: {\"sessionID\": \"s1\"}\n\ndata: {\"text\": \"Hello \"}\n\n",
                                              "data: {\"text\": \"wor");
  g_autoptr(TroupeTestStub) api = troupe_test_stub_new (reply, -1);
  g_auto(CliRun) text = { 0 };
  g_auto(CliRun) json = { 0 };
  g_autoptr(JsonNode) node = NULL;

  run_cli_stub (&text, api, "chat", "c1", "--stream", "Hi");
  g_assert_cmpint (text.status, ==, 4);
  g_assert_cmpstr (text.out, ==, "Hello \n");
  assert_contains (text.err, "cut before the reply ended");

  run_cli_stub (&json, api, "chat", "c1", "--stream", "--json", "Hi");
  g_assert_cmpint (json.status, ==, 4);
  node = parse_json (json.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "text"), ==, "Hello ");
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "cut"));
}

static void
test_garbage_starters (void)
{
  g_autoptr(TroupeTestStub) api = troupe_test_stub_new ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                                                        "Content-Length: 1\r\nConnection: close\r\n\r\n\211", -1);
  g_auto(CliRun) run = { 0 };

  run_cli_stub (&run, api, "starters", "c1");
  g_assert_cmpint (run.status, ==, 3);
  g_assert_cmpstr (run.out, ==, "");
  assert_contains (run.err, "not an event stream");
}

/* ---- the sandbox's faults ---- */

/* A busy server: each retry is announced, and the end says the status,
 * how often it was asked, and when to try again. */
static void
test_busy_server_retried (void)
{
  const char *faults[] = { "--fault-status=/character/list:503", "--fault-retry-after=0", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (faults);
  g_auto(CliRun) run = { 0 };

  run_cli (&run, sandbox, "characters", "list");
  g_assert_cmpint (run.status, ==, 3);
  assert_contains (run.err, "trying again in 0 s (try 2 of 3)");
  assert_contains (run.err, "trying again in 0 s (try 3 of 3)");
  assert_contains (run.err, "503 Service Unavailable 3 times (retried 2 times)");
  assert_contains (run.err, "Try again in a minute");
}

static void
test_errors_say_what_to_do (void)
{
  const char *faults[] = { "--fault-status=/character/list:502", "--fault-status=/character/create:429",
                           "--fault-retry-after=0", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (faults);
  g_auto(CliRun) list = { 0 };
  g_auto(CliRun) create = { 0 };

  /* An HTML error page: its status says more than its words. */
  run_cli (&list, sandbox, "characters", "list");
  g_assert_cmpint (list.status, ==, 3);
  assert_contains (list.err, "502 Bad Gateway once (not retried)");
  assert_contains (list.err, "Try again in a minute");

  run_cli (&create, sandbox, "characters", "create", "--name", "Ada", "--voice", "FEMALE", "--backstory", "Hi.");
  g_assert_cmpint (create.status, ==, 3);
  assert_contains (create.err, "API rate limit exceeded");
  assert_contains (create.err, "429 Too Many Requests once (not retried: repeating this call could do it twice)");
  assert_contains (create.err, "troupe-cli usage");
}

/* A server that says nothing is given up on after --timeout, not 180 s. */
static void
test_timeout (void)
{
  const char *faults[] = { "--fault-delay-ms=5000", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (faults);
  g_auto(CliRun) run = { 0 };
  gint64 start = g_get_monotonic_time ();

  run_cli (&run, sandbox, "--timeout", "1", "characters", "list");
  g_assert_cmpint (run.status, ==, 4);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_TIME_SPAN_SECOND);
  assert_contains (run.err, "said nothing for 1 s");
  assert_contains (run.err, "--timeout SECONDS");
}

/* Host names are case-insensitive: the CLI and libconvai agree. */
static void
test_localhost_any_case (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autofree char *url = g_strdup_printf ("http://LOCALHOST:%u", sandbox->port);
  g_auto(CliRun) run = { 0 };

  run_cli_at (&run, url, sandbox->api_key, NULL, (const char * const[]) { "characters", "list", NULL });
  assert_ok (&run);
}

static void
test_api_key_file (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autofree char *path = scratch_path ("api-key");
  g_autofree char *empty = scratch_path ("empty-key");
  g_autofree char *contents = g_strdup_printf ("%s\n", sandbox->api_key);
  g_auto(CliRun) from_file = { 0 };
  g_auto(CliRun) from_stdin = { 0 };
  g_auto(CliRun) in_argv = { 0 };
  g_auto(CliRun) no_key = { 0 };

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  g_assert_true (g_file_set_contents (empty, "\n", -1, NULL));
  run_cli_at (&from_file, sandbox->base_url, NULL, NULL,
              (const char * const[]) { "--api-key-file", path, "characters", "list", NULL });
  assert_ok (&from_file);
  g_assert_null (strstr (from_file.err, "warning"));

  run_cli_at (&from_stdin, sandbox->base_url, NULL, contents,
              (const char * const[]) { "characters", "list", "--api-key-file", "-", NULL });
  assert_ok (&from_stdin);

  /* Still works, but says who else can read it. */
  run_cli_at (&in_argv, sandbox->base_url, NULL, NULL,
              (const char * const[]) { "--api-key", sandbox->api_key, "characters", "list", NULL });
  assert_ok (&in_argv);
  assert_contains (in_argv.err, "warning: --api-key shows the key");
  assert_contains (in_argv.err, "--api-key-file");

  run_cli_at (&no_key, sandbox->base_url, NULL, NULL,
              (const char * const[]) { "--api-key-file", empty, "characters", "list", NULL });
  g_assert_cmpint (no_key.status, ==, 2);
  g_unlink (path);
  g_unlink (empty);
}

/* A slow, strict knowledge bank refuses a document still being processed:
 * the help's example waits first, and kb connect --wait does both. */
static void
test_connect_waits_for_document (void)
{
  const char *faults[] = { "--fault-processing-ms=1500", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (faults);
  g_autofree char *path = scratch_path ("slow-notes.md");
  g_autofree char *char_id = NULL;
  g_autofree char *doc_id = NULL;
  g_auto(CliRun) help = { 0 };
  g_auto(CliRun) create = { 0 };
  g_auto(CliRun) upload = { 0 };
  g_auto(CliRun) early = { 0 };
  g_auto(CliRun) connect = { 0 };
  g_autoptr(JsonNode) node = NULL;

  run_cli (&help, NULL, "--help");
  assert_contains (help.out, "kb connect --wait");

  run_cli (&create, sandbox, "characters", "create", "--name", "Ada", "--voice", "FEMALE",
           "--backstory", "I keep the lighthouse.");
  assert_ok (&create);
  char_id = g_strstrip (g_strdup (create.out));
  g_assert_true (g_file_set_contents (path, "The foghorn sounds twice a minute in fog.\n", -1, NULL));
  run_cli (&upload, sandbox, "kb", "upload", path, "--json");
  assert_ok (&upload);
  node = parse_json (upload.out);
  doc_id = g_strdup (json_object_get_string_member (json_node_get_object (node), "id"));

  run_cli (&early, sandbox, "kb", "connect", char_id, doc_id);
  g_assert_cmpint (early.status, ==, 3);
  assert_contains (early.err, "not available yet");

  run_cli (&connect, sandbox, "kb", "connect", "--wait", char_id, doc_id);
  assert_ok (&connect);
  assert_contains (connect.out, "is available");
  assert_contains (connect.out, "Connected.");
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/troupe/cli-faults/redirect-refused", test_redirect_refused);
  g_test_add_func ("/troupe/cli-faults/cut-starters", test_cut_starters);
  g_test_add_func ("/troupe/cli-faults/cut-chat-stream", test_cut_chat_stream);
  g_test_add_func ("/troupe/cli-faults/garbage-starters", test_garbage_starters);
  g_test_add_func ("/troupe/cli-faults/busy-server-retried", test_busy_server_retried);
  g_test_add_func ("/troupe/cli-faults/errors-say-what-to-do", test_errors_say_what_to_do);
  g_test_add_func ("/troupe/cli-faults/timeout", test_timeout);
  g_test_add_func ("/troupe/cli-faults/localhost-any-case", test_localhost_any_case);
  g_test_add_func ("/troupe/cli-faults/api-key-file", test_api_key_file);
  g_test_add_func ("/troupe/cli-faults/connect-waits-for-document", test_connect_waits_for_document);
  return g_test_run ();
}
