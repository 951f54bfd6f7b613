/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The keyring schema is how stored API keys are found again: the app and
 * troupe-cli share it, and a change to its name or attributes would lose
 * every key users have saved. */
#include "troupe-secret-schema.h"

static void
test_unchanged (void)
{
  const SecretSchema *schema = TROUPE_SECRET_SCHEMA;

  g_assert_cmpstr (schema->name, ==, "io.github.troupe.Troupe.ApiKey");
  g_assert_cmpint (schema->flags, ==, SECRET_SCHEMA_NONE);
  g_assert_cmpstr (schema->attributes[0].name, ==, "base-url");
  g_assert_cmpint (schema->attributes[0].type, ==, SECRET_SCHEMA_ATTRIBUTE_STRING);
  g_assert_null (schema->attributes[1].name);
  g_assert_true (troupe_secret_schema () == schema);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/troupe/secret-schema/unchanged", test_unchanged);
  return g_test_run ();
}
