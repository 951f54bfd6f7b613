/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <convai.h>

G_BEGIN_DECLS

#define TROUPE_TYPE_HISTORY_SESSION (troupe_history_session_get_type ())
G_DECLARE_FINAL_TYPE (TroupeHistorySession, troupe_history_session, TROUPE, HISTORY_SESSION, GObject)

/* One row of the History page's session list: what chatHistory/list says
 * (id, when, whether it was added to memory) and, once its transcript was
 * read, how many exchanges it holds and the first thing the player said.
 * The list call gives neither, so they start unknown (-1, NULL).
 *
 * Properties: "session-id", "date-time" (UTC, may be NULL), "n-turns",
 * "first-line", "is-added-to-memory". */
TroupeHistorySession *troupe_history_session_new               (ConvaiSessionSummary *summary);
const char           *troupe_history_session_get_session_id    (TroupeHistorySession *self);
GDateTime            *troupe_history_session_get_date_time     (TroupeHistorySession *self);
gboolean              troupe_history_session_get_is_added_to_memory (TroupeHistorySession *self);
/* The date and time in the local time zone, as the list shows it. */
char                 *troupe_history_session_format_when       (TroupeHistorySession *self);
int                   troupe_history_session_get_n_turns       (TroupeHistorySession *self);
const char           *troupe_history_session_get_first_line    (TroupeHistorySession *self);
/* What its transcript said: the number of exchanges and the player's
 * first message in it. */
void                  troupe_history_session_set_transcript    (TroupeHistorySession *self,
                                                                GListModel           *interactions);
/* The same from what the search index kept of it. */
void                  troupe_history_session_set_counts       (TroupeHistorySession *self,
                                                                int                   n_turns,
                                                                const char           *first_line);
/* Newest first; sessions without a date last; the id breaks ties. */
int                   troupe_history_session_compare_newest    (gconstpointer         a,
                                                                gconstpointer         b,
                                                                gpointer              user_data);

G_END_DECLS
