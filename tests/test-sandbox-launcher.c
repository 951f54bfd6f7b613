/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <unistd.h>

#include "troupe-sandbox-launcher.h"
#include "troupe-test-wait.h"

/* The launcher against stand-in scripts that misbehave in one way each,
 * and against the real troupe-sandbox. */

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} StartResult;

static void
started_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  StartResult *start = user_data;

  start->ok = troupe_sandbox_launcher_start_finish (TROUPE_SANDBOX_LAUNCHER (source), result, &start->error);
  start->done = TRUE;
}

static void
start_and_wait (TroupeSandboxLauncher *launcher,
                StartResult           *start)
{
  troupe_sandbox_launcher_start_async (launcher, NULL, started_cb, start);
  troupe_test_wait_for_flag (&start->done, "the sandbox to start");
}

/* A shell script standing in for troupe-sandbox; TROUPE_SANDBOX_BIN points at it. */
static char *
install_fake_sandbox (const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fake-sandbox-XXXXXX", &error);
  g_autofree char *script = g_strconcat ("#!/bin/sh\n", body, "\n", NULL);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, "troupe-sandbox", NULL);
  g_file_set_contents (path, script, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  g_setenv ("TROUPE_SANDBOX_BIN", path, TRUE);
  return path;
}

static char *real_sandbox;

static void
restore_real_sandbox (void)
{
  g_setenv ("TROUPE_SANDBOX_BIN", real_sandbox, TRUE);
}

static void
test_real_sandbox_starts_and_stops (void)
{
  g_autoptr(TroupeSandboxLauncher) launcher = troupe_sandbox_launcher_new (NULL);
  g_autofree char *expected_dir = g_build_filename (g_get_user_data_dir (), "troupe", "sandbox", NULL);
  StartResult start = { 0 };

  start_and_wait (launcher, &start);
  g_assert_no_error (start.error);
  g_assert_true (start.ok);
  g_assert_true (troupe_sandbox_launcher_is_running (launcher));
  g_assert_true (g_str_has_prefix (troupe_sandbox_launcher_get_base_url (launcher), "http://127.0.0.1:"));
  g_assert_cmpuint (strlen (troupe_sandbox_launcher_get_api_key (launcher)), ==, 48);
  g_assert_cmpstr (troupe_sandbox_launcher_get_data_dir (launcher), ==, expected_dir);
  g_assert_true (g_file_test (expected_dir, G_FILE_TEST_IS_DIR));

  troupe_sandbox_launcher_stop (launcher);
  g_assert_false (troupe_sandbox_launcher_is_running (launcher));
}

/* The key goes in the environment (not in /proc/PID/cmdline), fresh each launch. */
static void
test_arguments_and_fresh_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sandbox-args-XXXXXX", &error);
  g_autofree char *record = g_build_filename (dir, "record", NULL);
  g_autofree char *body = g_strdup_printf ("echo \"$@\" > %s\necho \"$TROUPE_SANDBOX_API_KEY\" >> %s\n"
                                           "echo READY http://127.0.0.1:9\nexec sleep 30",
                                           record, record);
  g_autofree char *script = install_fake_sandbox (body);
  g_autofree char *first_key = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected_args = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(TroupeSandboxLauncher) launcher = troupe_sandbox_launcher_new (dir);
      StartResult start = { 0 };

      start_and_wait (launcher, &start);
      g_assert_no_error (start.error);
      g_assert_cmpstr (troupe_sandbox_launcher_get_base_url (launcher), ==, "http://127.0.0.1:9");
      g_file_get_contents (record, &contents, NULL, &error);
      g_assert_no_error (error);
      lines = g_strsplit (contents, "\n", -1);
      expected_args = g_strdup_printf ("--port=0 --data-dir %s --demo", dir);
      g_assert_cmpstr (lines[0], ==, expected_args);
      g_assert_cmpstr (lines[1], ==, troupe_sandbox_launcher_get_api_key (launcher));
      g_assert_null (strstr (lines[0], lines[1]));
      if (first_key == NULL)
        first_key = g_strdup (lines[1]);
      else
        g_assert_cmpstr (first_key, !=, lines[1]);
      g_clear_pointer (&contents, g_free);
      g_clear_pointer (&lines, g_strfreev);
      g_clear_pointer (&expected_args, g_free);
    }
  restore_real_sandbox ();
}

static void
test_no_ready_line_times_out (void)
{
  g_autofree char *script = install_fake_sandbox ("echo 'still thinking' >&2\nexec sleep 30");
  g_autoptr(TroupeSandboxLauncher) launcher = troupe_sandbox_launcher_new (NULL);
  StartResult start = { 0 };
  gint64 began = g_get_monotonic_time ();

  troupe_sandbox_launcher_set_ready_timeout (launcher, 300);
  start_and_wait (launcher, &start);
  g_assert_false (start.ok);
  g_assert_error (start.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (start.error->message, "did not report that it was ready"));
  g_assert_nonnull (strstr (start.error->message, "still thinking"));
  g_assert_cmpint (g_get_monotonic_time () - began, <, 5 * G_USEC_PER_SEC);
  g_assert_false (troupe_sandbox_launcher_is_running (launcher));
  g_clear_error (&start.error);
  restore_real_sandbox ();
}

static void
test_early_exit_says_why (void)
{
  g_autofree char *script = install_fake_sandbox ("echo 'troupe-sandbox: cannot open the database' >&2\nexit 3");
  g_autoptr(TroupeSandboxLauncher) launcher = troupe_sandbox_launcher_new (NULL);
  StartResult start = { 0 };

  start_and_wait (launcher, &start);
  g_assert_false (start.ok);
  g_assert_nonnull (start.error);
  g_assert_nonnull (strstr (start.error->message, "exit status 3"));
  g_assert_nonnull (strstr (start.error->message, "cannot open the database"));
  g_clear_error (&start.error);
  restore_real_sandbox ();
}

static void
test_off_loopback_ready_refused (void)
{
  g_autofree char *script = install_fake_sandbox ("echo READY http://example.com:80\nexec sleep 30");
  g_autoptr(TroupeSandboxLauncher) launcher = troupe_sandbox_launcher_new (NULL);
  StartResult start = { 0 };

  start_and_wait (launcher, &start);
  g_assert_false (start.ok);
  g_assert_nonnull (strstr (start.error->message, "unusable address"));
  g_clear_error (&start.error);
  restore_real_sandbox ();
}

static void
exited_cb (TroupeSandboxLauncher  *launcher,
           const char             *how,
           char                  **out)
{
  *out = g_strdup (how);
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_exit_after_ready_is_signalled (void)
{
  g_autofree char *script = install_fake_sandbox ("echo READY http://127.0.0.1:9\nsleep 0.2\n"
                                                  "echo 'out of disk' >&2\nexit 5");
  g_autoptr(TroupeSandboxLauncher) launcher = troupe_sandbox_launcher_new (NULL);
  StartResult start = { 0 };
  g_autofree char *how = NULL;

  g_signal_connect (launcher, "exited", G_CALLBACK (exited_cb), &how);
  start_and_wait (launcher, &start);
  g_assert_true (start.ok);
  troupe_test_wait_until (is_set, &how, "the exit to be signalled");
  g_assert_nonnull (how);
  g_assert_nonnull (strstr (how, "exit status 5"));
  g_assert_nonnull (strstr (how, "out of disk"));
  g_assert_false (troupe_sandbox_launcher_is_running (launcher));
  restore_real_sandbox ();
}

static gboolean
process_is_gone (int pid)
{
  g_autofree char *stat_path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  const char *state;

  if (kill (pid, 0) != 0 && errno == ESRCH)
    return TRUE;
  /* An orphan nobody has reaped yet is dead too. */
  if (!g_file_get_contents (stat_path, &stat, NULL, NULL))
    return TRUE;
  state = strrchr (stat, ')');
  return state != NULL && state[1] == ' ' && state[2] == 'Z';
}

/* A crashed app runs no shutdown: the kernel must stop the sandbox. */
static void
test_dies_with_app (void)
{
  g_autofree char *contents = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  g_autofree char *script = NULL;
  gint64 deadline;
  int pid;

  if (g_test_subprocess ())
    {
      g_autoptr(TroupeSandboxLauncher) launcher = troupe_sandbox_launcher_new (NULL);
      StartResult start = { 0 };

      start_and_wait (launcher, &start);
      g_assert_true (start.ok);
      _exit (0); /* no dispose, no SIGTERM: like a crash */
    }

  dir = g_dir_make_tmp ("sandbox-orphan-XXXXXX", NULL);
  path = g_build_filename (dir, "pid", NULL);
  body = g_strdup_printf ("echo $$ > %s\necho READY http://127.0.0.1:9\nexec sleep 30", path);
  script = install_fake_sandbox (body);
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  restore_real_sandbox ();

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  pid = atoi (contents);
  g_assert_cmpint (pid, >, 1);
  /* Not the shared wait: this one is a bound, since the orphan ends by
   * itself after 30 s and would pass a longer wait. */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!process_is_gone (pid) && g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);
  g_assert_true (process_is_gone (pid));
}

static void
test_bad_binary_from_env (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  g_setenv ("TROUPE_SANDBOX_BIN", "/nonexistent/troupe-sandbox", TRUE);
  found = troupe_sandbox_launcher_find_binary (NULL, &error);
  g_assert_null (found);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "TROUPE_SANDBOX_BIN"));
  g_assert_nonnull (strstr (error->message, "/nonexistent/troupe-sandbox"));
  restore_real_sandbox ();
}

static void
test_not_found_anywhere (void)
{
  g_autofree char *installed = g_build_filename (BINDIR, "troupe-sandbox", NULL);
  g_autofree char *path = g_strdup (g_getenv ("PATH"));
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  if (g_file_test (installed, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("troupe-sandbox is installed in BINDIR");
      return;
    }
  g_unsetenv ("TROUPE_SANDBOX_BIN");
  g_setenv ("PATH", "/nonexistent", TRUE);
  found = troupe_sandbox_launcher_find_binary (NULL, &error);
  g_setenv ("PATH", path, TRUE);
  restore_real_sandbox ();

  g_assert_null (found);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "troupe-sandbox was not found"));
  g_assert_nonnull (strstr (error->message, "build-aux/run"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  real_sandbox = g_strdup (g_getenv ("TROUPE_SANDBOX_BIN"));
  if (real_sandbox == NULL || *real_sandbox == '\0')
    {
      g_test_skip ("TROUPE_SANDBOX_BIN is not set: run through meson test");
      return g_test_run ();
    }

  g_test_add_func ("/troupe/sandbox-launcher/real-sandbox", test_real_sandbox_starts_and_stops);
  g_test_add_func ("/troupe/sandbox-launcher/arguments-and-fresh-key", test_arguments_and_fresh_key);
  g_test_add_func ("/troupe/sandbox-launcher/no-ready-line-times-out", test_no_ready_line_times_out);
  g_test_add_func ("/troupe/sandbox-launcher/early-exit-says-why", test_early_exit_says_why);
  g_test_add_func ("/troupe/sandbox-launcher/off-loopback-ready-refused", test_off_loopback_ready_refused);
  g_test_add_func ("/troupe/sandbox-launcher/exit-after-ready", test_exit_after_ready_is_signalled);
  g_test_add_func ("/troupe/sandbox-launcher/dies-with-app", test_dies_with_app);
  g_test_add_func ("/troupe/sandbox-launcher/bad-binary-from-env", test_bad_binary_from_env);
  g_test_add_func ("/troupe/sandbox-launcher/not-found-anywhere", test_not_found_anywhere);

  return g_test_run ();
}
