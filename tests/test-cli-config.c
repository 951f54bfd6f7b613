/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-cli-args.h"
#include "troupe-cli-config.h"
#include "troupe-cli-context.h"

static void
test_url_https_allowed (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (troupe_cli_check_url ("https://api.convai.com", &error));
  g_assert_no_error (error);
  g_assert_true (troupe_cli_check_url ("https://example.org:8443/base", &error));
  g_assert_no_error (error);
}

static void
test_url_http_loopback_only (void)
{
  const char *allowed[] = {
    "http://127.0.0.1:8080", "http://127.1.2.3", "http://localhost:9", "http://LOCALHOST",
    "http://[::1]:4000",
  };
  const char *refused[] = {
    "http://api.convai.com", "http://192.168.1.5:8080", "http://128.0.0.1", "http://[::2]",
    "http://localhost.example.com", "http://0.0.0.0:80",
  };

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (troupe_cli_check_url (allowed[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (troupe_cli_check_url (refused[i], &error));
      g_assert_error (error, TROUPE_CLI_USAGE_ERROR, 0);
      g_assert_nonnull (strstr (error->message, "http://"));
      g_assert_cmpint (troupe_cli_exit_code_for_error (error), ==, TROUPE_CLI_EXIT_USAGE);
    }
}

static void
test_url_malformed (void)
{
  const char *bad[] = { "api.convai.com", "ftp://api.convai.com", "https://", "not a url" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (troupe_cli_check_url (bad[i], &error));
      g_assert_error (error, TROUPE_CLI_USAGE_ERROR, 0);
    }
}

static void
test_resolve_url (void)
{
  g_autofree char *fallback = NULL;
  g_autofree char *from_env = NULL;
  g_autofree char *from_option = NULL;

  g_setenv ("CONVAI_API_URL", "", TRUE);
  fallback = troupe_cli_resolve_url (NULL);
  g_assert_cmpstr (fallback, ==, "https://api.convai.com");

  g_setenv ("CONVAI_API_URL", "http://127.0.0.1:9999/", TRUE);
  from_env = troupe_cli_resolve_url (NULL);
  g_assert_cmpstr (from_env, ==, "http://127.0.0.1:9999");
  from_option = troupe_cli_resolve_url (" https://other.example// ");
  g_assert_cmpstr (from_option, ==, "https://other.example");
  g_unsetenv ("CONVAI_API_URL");
}

static void
test_resolve_api_key (void)
{
  g_autofree char *none = NULL;
  g_autofree char *from_env = NULL;
  g_autofree char *from_option = NULL;

  /* No session bus here (isolated runtime dir): no keyring, no key. */
  g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  g_setenv ("CONVAI_API_KEY", "", TRUE);
  none = troupe_cli_resolve_api_key (NULL, "https://api.convai.com");
  g_assert_null (none);

  g_setenv ("CONVAI_API_KEY", "env-key", TRUE);
  from_env = troupe_cli_resolve_api_key (NULL, "https://api.convai.com");
  g_assert_cmpstr (from_env, ==, "env-key");
  from_option = troupe_cli_resolve_api_key ("option-key", "https://api.convai.com");
  g_assert_cmpstr (from_option, ==, "option-key");
  g_unsetenv ("CONVAI_API_KEY");
}

static void
test_exit_codes (void)
{
  struct { GQuark domain; int code; int exit_code; } cases[] = {
    { G_IO_ERROR, G_IO_ERROR_CANCELLED, 130 },
    { G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION, 2 },
    { TROUPE_CLI_USAGE_ERROR, 0, 2 },
    { CONVAI_ERROR, CONVAI_ERROR_UNAUTHORIZED, 3 },
    { CONVAI_ERROR, CONVAI_ERROR_NOT_FOUND, 3 },
    { CONVAI_ERROR, CONVAI_ERROR_PROTOCOL, 3 },
    { CONVAI_ERROR, CONVAI_ERROR_SERVER, 3 },
    { CONVAI_ERROR, CONVAI_ERROR_NETWORK, 4 },
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, 4 },
    { G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, 4 },
    { G_FILE_ERROR, G_FILE_ERROR_ACCES, 1 },
  };

  g_assert_cmpint (troupe_cli_exit_code_for_error (NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (cases[i].domain, cases[i].code, "x");

      g_assert_cmpint (troupe_cli_exit_code_for_error (error), ==, cases[i].exit_code);
    }
}

static void
test_split_list (void)
{
  const char *values[] = { "Wave", " Sit , Stand,", ",", NULL };
  g_auto(GStrv) list = troupe_cli_split_list (values);
  const char *expected[] = { "Wave", "Sit", "Stand", NULL };

  g_assert_true (g_strv_equal ((const char * const *) list, expected));
  g_assert_null (troupe_cli_split_list (NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/troupe/cli-config/url-https", test_url_https_allowed);
  g_test_add_func ("/troupe/cli-config/url-http-loopback-only", test_url_http_loopback_only);
  g_test_add_func ("/troupe/cli-config/url-malformed", test_url_malformed);
  g_test_add_func ("/troupe/cli-config/resolve-url", test_resolve_url);
  g_test_add_func ("/troupe/cli-config/resolve-api-key", test_resolve_api_key);
  g_test_add_func ("/troupe/cli-config/exit-codes", test_exit_codes);
  g_test_add_func ("/troupe/cli-config/split-list", test_split_list);
  return g_test_run ();
}
