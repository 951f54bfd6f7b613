/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Waiting on the default main context, for every test (no GTK here).
 *
 * Each wait gives up after a time that $TROUPE_TEST_TIMEOUT_MULTIPLIER
 * stretches (a number, default 1), as `meson test --timeout-multiplier`
 * does for the whole test: a sanitizer build runs several times slower. */

typedef gboolean (*TroupeTestCondition) (gpointer data);

/* How many microseconds @seconds of waiting may take in this run. */
gint64        troupe_test_timeout_usec    (guint                 seconds);

/* Iterates the default main context until @condition (@data) holds, for
 * at most the default time; FALSE if it never did. For tests that say more
 * than troupe_test_wait_until() can when time runs out. */
gboolean      troupe_test_poll_until      (TroupeTestCondition   condition,
                                           gpointer              data);
/* The same, and fails the test with "timed out waiting for @what". */
void          troupe_test_wait_until      (TroupeTestCondition   condition,
                                           gpointer              data,
                                           const char           *what);
/* Until *@flag is TRUE. */
void          troupe_test_wait_for_flag   (gboolean             *flag,
                                           const char           *what);
/* Runs the main loop for about @ms milliseconds, whatever happens. */
void          troupe_test_iterate         (guint                 ms);

/* One async call's result: pass troupe_test_result_cb with &slot (a NULL
 * GAsyncResult *) as the callback and its data, then wait for the result,
 * which is returned owned and *@slot cleared for the next call. */
void          troupe_test_result_cb       (GObject              *source,
                                           GAsyncResult         *result,
                                           gpointer              user_data);
GAsyncResult *troupe_test_wait_for_result (GAsyncResult        **slot,
                                           const char           *what);

G_END_DECLS
