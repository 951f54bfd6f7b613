/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-test-wait.h"

/* Long enough for a sandbox call on a busy machine; a wait that needs more
 * is a hang, and says so well before meson's own timeout. */
#define DEFAULT_TIMEOUT_SECONDS 30

gint64
troupe_test_timeout_usec (guint seconds)
{
  const char *value = g_getenv ("TROUPE_TEST_TIMEOUT_MULTIPLIER");
  double multiplier = value != NULL && *value != '\0' ? g_ascii_strtod (value, NULL) : 1.0;

  if (!(multiplier >= 1.0))
    multiplier = 1.0;
  return (gint64) (seconds * multiplier * G_USEC_PER_SEC);
}

/* Never blocks in the main context: some conditions (a file another
 * process writes, a process ending) change without waking it. */
gboolean
troupe_test_poll_until (TroupeTestCondition condition,
                        gpointer            data)
{
  gint64 deadline = g_get_monotonic_time () + troupe_test_timeout_usec (DEFAULT_TIMEOUT_SECONDS);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

void
troupe_test_wait_until (TroupeTestCondition  condition,
                        gpointer             data,
                        const char          *what)
{
  if (!troupe_test_poll_until (condition, data))
    g_error ("timed out waiting for %s", what);
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

void
troupe_test_wait_for_flag (gboolean   *flag,
                           const char *what)
{
  troupe_test_wait_until (flag_is_set, flag, what);
}

void
troupe_test_iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

void
troupe_test_result_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static gboolean
result_arrived (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

GAsyncResult *
troupe_test_wait_for_result (GAsyncResult **slot,
                             const char    *what)
{
  troupe_test_wait_until (result_arrived, slot, what);
  return g_steal_pointer (slot);
}
