/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CONVAI_TYPE_SESSION_SUMMARY (convai_session_summary_get_type ())
G_DECLARE_FINAL_TYPE (ConvaiSessionSummary, convai_session_summary, CONVAI, SESSION_SUMMARY, GObject)

/* One row of chatHistory/list. Properties: "session-id", "date-time"
 * (GDateTime in UTC, from "DD-MM-YYYY" + "HH:MM:SS"), "is-added-to-memory". */
ConvaiSessionSummary *convai_session_summary_new_from_json        (JsonNode              *node,
                                                                    GError               **error);
JsonNode             *convai_session_summary_to_json              (ConvaiSessionSummary  *self);
const char           *convai_session_summary_get_session_id       (ConvaiSessionSummary  *self);
GDateTime            *convai_session_summary_get_date_time        (ConvaiSessionSummary  *self);
gboolean              convai_session_summary_get_is_added_to_memory (ConvaiSessionSummary *self);

/* The whole chatHistory/list reply (a JSON array). */
GListModel           *convai_session_summary_list_from_json       (JsonNode              *node,
                                                                    GError               **error);
/* The same, skipping malformed entries instead of failing: @n_skipped
 * (may be NULL) says how many. Fails only when the reply is no array. */
GListModel *convai_session_summary_list_from_json_skipping (JsonNode  *node,
                                               guint     *n_skipped,
                                               GError   **error);
/* The same from the reply's text, parsed one entry at a time in a little
 * memory (10,000 sessions: 11 MB less to fault in); each summary keeps its
 * entry's text for convai_session_summary_to_json(). Fails when the reply
 * is no array or not JSON. */
GListModel *convai_session_summary_list_from_text_skipping (const char  *data,
                                                            gsize        len,
                                                            guint       *n_skipped,
                                                            GError     **error);

G_END_DECLS
