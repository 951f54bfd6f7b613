/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cli-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize len = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &len) : NULL;

  return g_strndup (data ? data : "", len);
}

void
run_cli_at (CliRun             *run,
            const char         *url,
            const char         *key,
            const char         *input,
            const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) stdin_bytes = g_bytes_new_static (input ? input : "", input ? strlen (input) : 0);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("TROUPE_CLI_BIN");

  g_assert_nonnull (bin);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* No keyring: a test never picks up a stored key. No desktop proxy
   * settings either (the isolated dirs hold no GSettings schemas for them),
   * and the servers are on loopback anyway. */
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_subprocess_launcher_setenv (launcher, "CONVAI_API_URL", url, TRUE);
  g_subprocess_launcher_setenv (launcher, "CONVAI_API_KEY", key ? key : "", TRUE);
  g_ptr_array_add (argv, (char *) bin);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, stdin_bytes, NULL, &out, &err, &error);
  g_assert_no_error (error);
  run->out = bytes_to_string (out);
  run->err = bytes_to_string (err);
  if (!g_subprocess_get_if_exited (process))
    g_error ("troupe-cli %s died of signal %d; stderr: %s", args[0],
             g_subprocess_get_term_sig (process), run->err);
  run->status = g_subprocess_get_exit_status (process);
  if (g_test_verbose ())
    g_test_message ("troupe-cli %s -> %d\nstdout: %s\nstderr: %s",
                    args[0], run->status, run->out, run->err);
}

void
run_cli_full (CliRun             *run,
              TroupeTestSandbox  *sandbox,
              const char         *key,
              const char         *input,
              const char * const *args)
{
  /* Without a sandbox, a loopback port nobody serves: a test that reached
   * the network by mistake fails here instead of calling api.convai.com. */
  run_cli_at (run, sandbox != NULL ? sandbox->base_url : "http://127.0.0.1:9",
              key != NULL ? key : sandbox != NULL ? sandbox->api_key : "", input, args);
}

void
assert_ok (const CliRun *run)
{
  if (run->status != 0)
    g_error ("troupe-cli failed (%d): %s%s", run->status, run->out, run->err);
}

JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

char *
scratch_path (const char *name)
{
  const char *dir = g_get_user_cache_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

char *
first_line (const char *text)
{
  return g_strndup (text, strcspn (text, "\n"));
}

guint16
closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return port;
}
