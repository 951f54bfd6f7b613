/* SPDX-License-Identifier: GPL-3.0-or-later */
/* troupe-cli finds the API key the app saved in the keyring. The test runs
 * on a private D-Bus with its own gnome-keyring, so it touches nobody's
 * real keys. */
#include "troupe-test-keyring.h"
#include "troupe-test-sandbox.h"

#include <string.h>

static gboolean keyring_available;

/* Saves or forgets the key as the app does (src/common/troupe-secret-schema.c:
 * schema io.github.troupe.Troupe.ApiKey, attribute base-url), through
 * secret-tool, so this process holds no libsecret state on the bus. */
static void
secret_tool (const char *input,
             const char *action,
             const char *base_url)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (action, "store") == 0)
    process = g_subprocess_launcher_spawn (launcher, &error, "secret-tool", "store", "--label=Troupe API key",
                                           "xdg:schema", "io.github.troupe.Troupe.ApiKey",
                                           "base-url", base_url, NULL);
  else
    process = g_subprocess_launcher_spawn (launcher, &error, "secret-tool", action,
                                           "xdg:schema", "io.github.troupe.Troupe.ApiKey",
                                           "base-url", base_url, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
}

static int
run_cli (const char *url,
         char      **err)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_setenv (launcher, "CONVAI_API_KEY", "", TRUE);
  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
#ifdef __SANITIZE_ADDRESS__
  /* GDBus's shared worker thread outlives every connection and may hold a
   * message it was reading when the process exits; LeakSanitizer reports
   * that GIO-internal memory. Address errors are still caught. */
  {
    g_autofree char *options = g_strconcat (g_getenv ("ASAN_OPTIONS") ?: "", ":detect_leaks=0", NULL);

    g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", options, TRUE);
  }
#endif
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("TROUPE_CLI_BIN"),
                                         "--url", url, "characters", "list", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process))
    g_error ("troupe-cli died of signal %d; stderr: %s", g_subprocess_get_term_sig (process), *err);
  return g_subprocess_get_exit_status (process);
}

static void
test_key_from_keyring (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = NULL;
  g_autofree char *err = NULL;
  g_autofree char *other_err = NULL;
  g_autofree char *slash_err = NULL;
  g_autofree char *with_slash = NULL;

  if (!keyring_available)
    {
      g_test_skip ("no Secret Service (gnome-keyring-daemon) available");
      return;
    }
  sandbox = troupe_test_sandbox_start (NULL);
  secret_tool (sandbox->api_key, "store", sandbox->base_url);

  if (run_cli (sandbox->base_url, &err) != 0)
    g_error ("troupe-cli did not find the stored key: %s", err);
  /* The same server spelled with a trailing slash finds the same entry. */
  with_slash = g_strconcat (sandbox->base_url, "/", NULL);
  g_assert_cmpint (run_cli (with_slash, &slash_err), ==, 0);
  /* Another server has no key stored: a usage error, not a wrong key sent. */
  g_assert_cmpint (run_cli ("http://127.0.0.1:1", &other_err), ==, 2);
  g_assert_nonnull (strstr (other_err, "No API key"));

  secret_tool (NULL, "clear", sandbox->base_url);
}

int
main (int    argc,
      char **argv)
{
  GTestDBus *bus;
  g_autoptr(GSubprocess) keyring = NULL;
  g_autofree char *secret_tool_path = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  keyring = troupe_test_keyring_start ();
  /* The keys are stored and cleared through secret-tool. */
  secret_tool_path = g_find_program_in_path ("secret-tool");
  keyring_available = keyring != NULL && secret_tool_path != NULL;

  g_test_add_func ("/troupe/cli-keyring/key-from-keyring", test_key_from_keyring);
  status = g_test_run ();

  if (keyring != NULL)
    g_subprocess_force_exit (keyring);
  g_test_dbus_down (bus);
  g_object_unref (bus);
  return status;
}
