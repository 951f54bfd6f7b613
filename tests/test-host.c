/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <convai.h>

/* One check decides where plain http may carry the key: the library, the
 * CLI and the app all ask it, so spelling must not change the answer. */
static void
test_loopback_hosts (void)
{
  const char *loopback[] = { "localhost", "LOCALHOST", "LocalHost.", "127.0.0.1", "127.1.2.3",
                             "127.255.255.254", "::1", "[::1]", NULL };
  const char *elsewhere[] = { "128.0.0.1", "126.255.255.255", "localhost.evil.invalid",
                              "evil-localhost", "localhost..", "api.convai.com", "::2", "[::1",
                              "0.0.0.0", "::", "", NULL };

  for (guint i = 0; loopback[i] != NULL; i++)
    if (!convai_host_is_loopback (loopback[i]))
      g_error ("“%s” should count as this machine", loopback[i]);
  for (guint i = 0; elsewhere[i] != NULL; i++)
    if (convai_host_is_loopback (elsewhere[i]))
      g_error ("“%s” should not count as this machine", elsewhere[i]);
  g_assert_false (convai_host_is_loopback (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/troupe/host/loopback", test_loopback_hosts);
  return g_test_run ();
}
