/* SPDX-License-Identifier: GPL-3.0-or-later */
/* troupe-sandbox against a hostile local client (issue 10): bodies where
 * none is read, deep and repeated JSON, wrong keys with large bodies,
 * chunked bodies past the caps, descriptor exhaustion, and who may read
 * its files. Each prints the sandbox's peak RSS, for the record. */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "sandbox-test-client.h"

#define MiB (1024 * 1024)

/* ---- the sandbox process ---- */

static gint64
status_kib (TroupeTestSandbox *sandbox,
            const char        *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", g_subprocess_get_identifier (sandbox->process));
  g_autofree char *text = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  line = strstr (text, field);
  g_assert_nonnull (line);
  return g_ascii_strtoll (line + strlen (field) + 1, NULL, 10);
}

static gint64
rss_mib (TroupeTestSandbox *sandbox)
{
  return status_kib (sandbox, "VmRSS:") / 1024;
}

static gint64
peak_rss_mib (TroupeTestSandbox *sandbox)
{
  return status_kib (sandbox, "VmHWM:") / 1024;
}

static void
assert_alive (TroupeTestSandbox *sandbox)
{
  g_autoptr(SandboxReply) reply = sandbox_post_json (sandbox, "/character/list", "{}");

  g_assert_cmpuint (reply->status, ==, 200);
}

/* ---- raw HTTP, for requests no polite client sends ---- */

static GSocketConnection *
connect_raw (TroupeTestSandbox *sandbox)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection = g_socket_client_connect_to_host (client, "127.0.0.1", sandbox->port,
                                                                  NULL, &error);

  g_assert_no_error (error);
  return connection;
}

/* Whatever arrives within `timeout_s`: an answer sent while the body was
 * still coming, or nothing. */
static char *
read_answer (GSocketConnection *connection,
             guint              timeout_s)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GString *received = g_string_new (NULL);
  char buffer[4096];
  gssize n;

  g_socket_set_timeout (socket, timeout_s);
  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL)) > 0)
    {
      g_string_append_len (received, buffer, n);
      if (strstr (received->str, "\r\n\r\n") != NULL && strstr (received->str, "}") != NULL)
        break;
    }
  return g_string_free (received, FALSE);
}

static void
send_text (GSocketConnection *connection,
           const char        *text,
           gsize              len)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_output_stream_write_all (out, text, len, NULL, NULL, NULL);
}

/* Headers announcing `length` bytes, then only `sent` of them. */
static char *
post_partly (TroupeTestSandbox *sandbox,
             const char        *method,
             const char        *path,
             const char        *key,
             gsize              length,
             gsize              sent)
{
  g_autoptr(GSocketConnection) connection = connect_raw (sandbox);
  g_autofree char *head = g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s%s%s"
                                           "Content-Type: application/json\r\n"
                                           "Content-Length: %zu\r\n\r\n",
                                           method, path, key ? "CONVAI-API-KEY: " : "",
                                           key ? key : "", key ? "\r\n" : "", length);
  g_autofree char *body = g_malloc0 (sent);

  memset (body, ' ', sent);
  send_text (connection, head, strlen (head));
  send_text (connection, body, sent);
  return read_answer (connection, 3);
}

static guint
answer_status (const char *answer)
{
  if (!g_str_has_prefix (answer, "HTTP/1.1 "))
    return 0;
  return (guint) g_ascii_strtoull (answer + strlen ("HTTP/1.1 "), NULL, 10);
}

/* ---- item 1: /samples takes no key, so it reads no body ---- */

static void
test_samples_body (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autofree char *answer = post_partly (sandbox, "GET", "/samples/MALE.wav", NULL, 512 * MiB, 64 * 1024);
  g_autofree char *form = post_partly (sandbox, "POST", "/samples/x", NULL, 16, 16);

  g_test_message ("no-key body on /samples: peak RSS %" G_GINT64_FORMAT " MiB", peak_rss_mib (sandbox));
  /* Answered from the headers, though most of the body never came. */
  g_assert_cmpuint (answer_status (answer), ==, 413);
  g_assert_nonnull (strstr (answer, "take no request body"));
  g_assert_cmpuint (answer_status (form), ==, 413);
  assert_alive (sandbox);
}

/* ---- item 2: nesting json-glib's recursion cannot take ---- */

static char *
nested (guint depth)
{
  GString *text = g_string_new ("{\"charName\": ");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

static void
test_deep_json (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autofree char *deep = nested (100000);
  g_autofree char *fine = nested (500);
  g_autoptr(SandboxReply) refused = sandbox_post_json (sandbox, "/character/create", deep);
  g_autoptr(SandboxReply) parsed = sandbox_post_json (sandbox, "/character/create", fine);
  g_autoptr(JsonNode) node = sandbox_reply_json (refused);

  g_test_message ("100,000-deep JSON: peak RSS %" G_GINT64_FORMAT " MiB", peak_rss_mib (sandbox));
  g_assert_cmpuint (refused->status, ==, 400);
  g_assert_nonnull (strstr (sandbox_json_string (node, "ERROR"), "nested deeper than 512"));
  /* 500 levels still reach the handler, which finds no name in them. */
  g_assert_cmpuint (parsed->status, ==, 400);
  assert_alive (sandbox);
}

/* ---- item 3: json-glib keeps every top-level value but the last ---- */

static void
test_repeated_json (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  GString *body = g_string_sized_new (MiB);
  gint64 before;
  gint64 after;

  while (body->len < MiB)
    g_string_append (body, "{}");
  assert_alive (sandbox);
  before = rss_mib (sandbox);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SandboxReply) reply = sandbox_post_json (sandbox, "/character/list", body->str);
      g_autoptr(JsonNode) node = sandbox_reply_json (reply);

      g_assert_cmpuint (reply->status, ==, 400);
      g_assert_nonnull (strstr (sandbox_json_string (node, "ERROR"), "more than one value"));
    }
  after = rss_mib (sandbox);
  g_test_message ("2 x 1 MiB of {}: RSS %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT " MiB, peak %"
                  G_GINT64_FORMAT " MiB", before, after, peak_rss_mib (sandbox));
  /* Before the fix each request kept about 150 MiB of JSON nodes. */
  g_assert_cmpint (after - before, <, 32);
  g_string_free (body, TRUE);
}

/* ---- item 4: a wrong key is refused before the body is read ---- */

static void
test_wrong_key_large_body (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  gint64 start = g_get_monotonic_time ();
  g_autofree char *answer = post_partly (sandbox, "POST", "/character/create", "not-the-key",
                                         (gsize) 2048 * MiB, 4 * MiB);

  g_test_message ("wrong key, 2 GiB announced, 4 MiB sent: answered in %" G_GINT64_FORMAT " ms, peak RSS %"
                  G_GINT64_FORMAT " MiB", (g_get_monotonic_time () - start) / 1000, peak_rss_mib (sandbox));
  g_assert_cmpuint (answer_status (answer), ==, 401);
  g_assert_nonnull (strstr (answer, "Invalid API key provided."));
  g_assert_nonnull (strstr (answer, "Connection: close"));
  g_assert_cmpint (peak_rss_mib (sandbox), <, 64);
  assert_alive (sandbox);
}

/* ---- item 5: chunked bodies and uploads have caps too ---- */

/* Sends `total` bytes chunked, 1 MiB a chunk, stopping early when the
 * sandbox answers; returns the answer. */
static char *
post_chunked (TroupeTestSandbox *sandbox,
              const char        *path,
              const char        *content_type,
              const char        *prefix,
              gsize              total)
{
  g_autoptr(GSocketConnection) connection = connect_raw (sandbox);
  GSocket *socket = g_socket_connection_get_socket (connection);
  g_autofree char *head = g_strdup_printf ("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nCONVAI-API-KEY: %s\r\n"
                                           "Content-Type: %s\r\nTransfer-Encoding: chunked\r\n\r\n"
                                           "%zx\r\n%s\r\n",
                                           path, sandbox->api_key, content_type, strlen (prefix), prefix);
  g_autofree char *chunk = g_malloc (MiB);
  g_autofree char *size = g_strdup_printf ("%x\r\n", MiB);

  memset (chunk, 'a', MiB);
  send_text (connection, head, strlen (head));
  for (gsize sent = 0; sent < total; sent += MiB)
    {
      if (g_socket_condition_check (socket, G_IO_IN) & G_IO_IN)
        break;
      send_text (connection, size, strlen (size));
      send_text (connection, chunk, MiB);
      send_text (connection, "\r\n", 2);
    }
  send_text (connection, "0\r\n\r\n", 5);
  return read_answer (connection, 5);
}

static void
test_chunked_over_cap (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autofree char *answer = post_chunked (sandbox, "/character/create", "application/json", "{\"a\": \"",
                                          96 * MiB);

  g_test_message ("96 MiB chunked to character/create: peak RSS %" G_GINT64_FORMAT " MiB",
                  peak_rss_mib (sandbox));
  g_assert_cmpuint (answer_status (answer), ==, 413);
  g_assert_cmpint (peak_rss_mib (sandbox), <, 200);
  assert_alive (sandbox);
}

static void
test_upload_over_cap (void)
{
  const char *args[] = { "--max-upload=1048576", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  const char *prefix = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n";
  g_autofree char *chunked = post_chunked (sandbox, "/character/knowledge-bank/upload",
                                           "multipart/form-data; boundary=XyZ", prefix, 8 * MiB);
  g_autofree char *announced = post_partly (sandbox, "POST", "/character/knowledge-bank/upload",
                                            sandbox->api_key, 2 * MiB, 1024);
  g_autofree char *kb = g_build_filename (sandbox->data_dir, "kb", NULL);
  g_autoptr(GDir) dir = g_dir_open (kb, 0, NULL);

  g_assert_cmpuint (answer_status (chunked), ==, 413);
  g_assert_nonnull (strstr (chunked, "1048576 bytes at most"));
  g_assert_cmpuint (answer_status (announced), ==, 413);
  /* Nothing is left behind on disk. */
  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));
  assert_alive (sandbox);
}

static void
test_upload_fields (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autoptr(SoupMultipart) many = soup_multipart_new ("multipart/form-data");
  g_autoptr(SoupMultipart) large = soup_multipart_new ("multipart/form-data");
  g_autofree char *big = g_malloc (65 * 1024 + 1);
  g_autoptr(GBytes) file = g_bytes_new_static ("The lamp is lit at dusk.", 24);
  g_autoptr(SandboxReply) many_reply = NULL;
  g_autoptr(SandboxReply) large_reply = NULL;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("field%u", i);

      soup_multipart_append_form_string (many, name, "value");
    }
  memset (big, 'a', 65 * 1024);
  big[65 * 1024] = '\0';
  soup_multipart_append_form_string (large, "file_name", big);
  /* Uploads the sandbox would take, but for their fields. */
  soup_multipart_append_form_file (many, "file", "a.txt", "text/plain", file);
  soup_multipart_append_form_file (large, "file", "a.txt", "text/plain", file);
  many_reply = sandbox_post_multipart (sandbox, "/character/knowledge-bank/upload", many);
  large_reply = sandbox_post_multipart (sandbox, "/character/knowledge-bank/upload", large);
  g_assert_cmpuint (many_reply->status, ==, 400);
  g_assert_cmpuint (large_reply->status, ==, 400);
  assert_alive (sandbox);
}

/* ---- found by fuzzing ---- */

/* What the request fuzzer found: a part whose headers end only past the
 * next boundary, which libsoup 3.2.3's multipart parser made a part of
 * size (gsize) -1, and the sandbox asked GLib for that many bytes. */
static void
test_malformed_multipart (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  static const char body[] =
    "--XyZ\r\nContent-Disposition: form-data; n"
    "ame=\377-Ty\220\240\003--XyZ\r\nCo:hr caaID\"\r\n\r\ncba\r\n-"
    "-XyZ\r\nContent-Disposition: form-data; na"
    "me=\"fPRIORITY\032CooAudion:chr/wID\"\r\n\ra\n--X"
    "yZ\r\n\r\n--XyZ\r\n\r\nR`IFF\r\n--Xyv\r\n\r\nRIFF\r\n--X"
    "yZ--Z--\r\n\r\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (body, sizeof body - 1);
  g_autoptr(SandboxReply) reply = sandbox_request (sandbox, "POST", "/character/create", sandbox->api_key,
                                                   "multipart/form-data; boundary=XyZ", bytes);

  g_assert_cmpuint (reply->status, ==, 400);
  assert_alive (sandbox);
}

/* A WAV header claiming 4 GHz and 64 KiB frames: voice input is padded
 * with silence sized from the header. */
static void
test_hostile_wav (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autofree char *id = sandbox_create_character (sandbox, "Ada", "Ada keeps the lighthouse.");
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  guint8 wav[44 + 64] = "RIFF\0\0\0\0WAVEfmt \x10\0\0\0\x01\0\x01\0\0\x28\x6b\xee\0\0\0\0\xff\xff\x10\0data\x40";
  g_autoptr(GBytes) file = g_bytes_new (wav, sizeof wav);
  g_autoptr(SandboxReply) reply = NULL;
  g_autoptr(JsonNode) node = NULL;

  soup_multipart_append_form_string (multipart, "charID", id);
  soup_multipart_append_form_string (multipart, "sessionID", "-1");
  soup_multipart_append_form_string (multipart, "voiceResponse", "False");
  soup_multipart_append_form_file (multipart, "file", "audio.wav", "audio/wav", file);
  reply = sandbox_post_multipart (sandbox, "/character/getResponse", multipart);
  node = sandbox_reply_json (reply);
  g_test_message ("4 GHz WAV header: peak RSS %" G_GINT64_FORMAT " MiB", peak_rss_mib (sandbox));
  g_assert_cmpuint (reply->status, ==, 400);
  g_assert_nonnull (strstr (sandbox_json_string (node, "ERROR"), "too high"));
  assert_alive (sandbox);
}

/* ---- item 6: out of descriptors, and back ---- */

static void
lower_fd_limit_cb (gpointer user_data)
{
  struct rlimit limit = { 64, 64 };

  setrlimit (RLIMIT_NOFILE, &limit);
}

static void
test_descriptor_exhaustion (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  const char *args[] = { "--idle-timeout=1", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = NULL;
  g_autoptr(GPtrArray) idle = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SandboxReply) reply = NULL;
  gint64 start;
  gint64 elapsed_ms;

  g_subprocess_launcher_set_child_setup (launcher, lower_fd_limit_cb, NULL, NULL);
  sandbox = troupe_test_sandbox_start_with (launcher, args);
  /* More idle connections than the sandbox has descriptors. */
  for (guint i = 0; i < 100; i++)
    g_ptr_array_add (idle, connect_raw (sandbox));
  g_usleep (200 * 1000);
  start = g_get_monotonic_time ();
  reply = sandbox_post_json (sandbox, "/character/list", "{}");
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_test_message ("100 idle connections, 64 descriptors: served again after %" G_GINT64_FORMAT " ms",
                  elapsed_ms);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (elapsed_ms, <, 15000);
}

/* ---- item 7: a connection closed before its request line ---- */

static void
test_closed_before_request (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(TroupeTestSandbox) sandbox = NULL;

  /* A critical warning would end the sandbox. */
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "fatal-criticals", TRUE);
  sandbox = troupe_test_sandbox_start_with (launcher, NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GSocketConnection) connection = connect_raw (sandbox);

      /* The request line, but not the end of the headers. */
      if (i > 0)
        send_text (connection, "GET / HTTP/1.1\r\n", strlen ("GET / HTTP/1.1\r\n"));
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
  g_usleep (100 * 1000);
  assert_alive (sandbox);
}

/* ---- item 9: files private whatever folder they are in ---- */

static guint
file_mode (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  struct stat info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  return info.st_mode & 0777;
}

static void
test_file_modes (void)
{
  g_autofree char *parent = g_dir_make_tmp ("troupe-sandbox-modes-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (parent, "shared", NULL);
  const char *args[] = { "--data-dir", data, NULL };
  g_autoptr(TroupeTestSandbox) sandbox = NULL;
  g_autofree char *id = NULL;
  g_autofree char *kb = g_build_filename (data, "kb", NULL);

  /* A folder anyone may read, made by someone else. */
  g_assert_cmpint (g_mkdir (data, 0755), ==, 0);
  g_assert_cmpint (g_chmod (data, 0755), ==, 0);
  sandbox = troupe_test_sandbox_start (args);
  g_free (sandbox_create_character (sandbox, "Ada", "Ada keeps the lighthouse."));
  id = sandbox_upload_document (sandbox, "notes.txt", "The lamp is lit at dusk.");
  g_assert_cmpuint (file_mode (data, "sandbox.sqlite3"), ==, 0600);
  g_assert_cmpuint (file_mode (data, "sandbox.sqlite3-wal"), ==, 0600);
  g_assert_cmpuint (file_mode (data, "sandbox.sqlite3-shm"), ==, 0600);
  g_assert_cmpuint (file_mode (kb, id), ==, 0600);
  g_clear_pointer (&sandbox, troupe_test_sandbox_stop);
  /* The sandbox stopped: its files go, then the folders. */
  {
    g_autofree char *kb_file = g_build_filename (kb, id, NULL);
    const char *names[] = { "sandbox.sqlite3", "sandbox.sqlite3-wal", "sandbox.sqlite3-shm" };

    g_unlink (kb_file);
    g_rmdir (kb);
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (data, names[i], NULL);

        g_unlink (path);
      }
    g_rmdir (data);
    g_rmdir (parent);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/troupe/sandbox-attacks/samples-body", test_samples_body);
  g_test_add_func ("/troupe/sandbox-attacks/deep-json", test_deep_json);
  g_test_add_func ("/troupe/sandbox-attacks/repeated-json", test_repeated_json);
  g_test_add_func ("/troupe/sandbox-attacks/wrong-key-large-body", test_wrong_key_large_body);
  g_test_add_func ("/troupe/sandbox-attacks/chunked-over-cap", test_chunked_over_cap);
  g_test_add_func ("/troupe/sandbox-attacks/upload-over-cap", test_upload_over_cap);
  g_test_add_func ("/troupe/sandbox-attacks/upload-fields", test_upload_fields);
  g_test_add_func ("/troupe/sandbox-attacks/malformed-multipart", test_malformed_multipart);
  g_test_add_func ("/troupe/sandbox-attacks/hostile-wav", test_hostile_wav);
  g_test_add_func ("/troupe/sandbox-attacks/descriptor-exhaustion", test_descriptor_exhaustion);
  g_test_add_func ("/troupe/sandbox-attacks/closed-before-request", test_closed_before_request);
  g_test_add_func ("/troupe/sandbox-attacks/file-modes", test_file_modes);
  return g_test_run ();
}
