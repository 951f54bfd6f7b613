/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "troupe-history-hit.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_HISTORY_INDEX (troupe_history_index_get_type ())
G_DECLARE_FINAL_TYPE (TroupeHistoryIndex, troupe_history_index, TROUPE, HISTORY_INDEX, GObject)

/* The local search index of fetched transcripts: the Chat History API has
 * no search. An SQLite FTS5 database in the user's cache folder; it holds
 * only what the server also has, so deleting it loses nothing, and one
 * that is corrupt or of another version is deleted and made again.
 * Every call runs in a worker thread, one at a time; searches run on a
 * connection of their own, so they do not wait for writes, and a
 * cancelled one stops mid-query. */
TroupeHistoryIndex *troupe_history_index_new            (GFile               *file);
/* $XDG_CACHE_HOME/troupe/history-index.sqlite3 */
GFile              *troupe_history_index_default_file   (void);

/* Replaces what the index holds of one session with @interactions
 * (ConvaiInteraction, as chatHistory/details gave them). */
void      troupe_history_index_add_async      (TroupeHistoryIndex  *self,
                                               const char          *char_id,
                                               const char          *char_name,
                                               const char          *session_id,
                                               GDateTime           *date_time,
                                               GListModel          *interactions,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean  troupe_history_index_add_finish     (TroupeHistoryIndex  *self,
                                               GAsyncResult        *result,
                                               GError             **error);
/* Forgets sessions (deleted on the server). */
void      troupe_history_index_remove_async   (TroupeHistoryIndex  *self,
                                               const char          *char_id,
                                               const char * const  *session_ids,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean  troupe_history_index_remove_finish  (TroupeHistoryIndex  *self,
                                               GAsyncResult        *result,
                                               GError             **error);
/* What the index holds of one session. */
typedef struct
{
  int   n_turns;
  char *first_line;  /* the player's, or NULL */
} TroupeHistoryKnown;

/* What is indexed of @char_id's sessions: session id ->
 * TroupeHistoryKnown, so a fill resumes where it stopped. */
void        troupe_history_index_known_async  (TroupeHistoryIndex  *self,
                                               const char          *char_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GHashTable *troupe_history_index_known_finish (TroupeHistoryIndex  *self,
                                               GAsyncResult        *result,
                                               GError             **error);
/* A session's transcript as it was last read here (GListModel of
 * ConvaiInteraction), for reading it while the server cannot be reached;
 * G_IO_ERROR_NOT_FOUND when it never was. */
void        troupe_history_index_get_transcript_async  (TroupeHistoryIndex  *self,
                                                        const char          *char_id,
                                                        const char          *session_id,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GListModel *troupe_history_index_get_transcript_finish (TroupeHistoryIndex  *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
/* The exchanges that have every word of @text (the last one as a
 * prefix): of @char_id's
 * sessions, or every character's with NULL; only trigger exchanges with
 * @triggers_only; sessions from @since_us to @until_us (0 for no bound).
 * At most @limit hits, the most recently indexed, in date order (newest
 * session first). */
void        troupe_history_index_search_async  (TroupeHistoryIndex  *self,
                                                const char          *text,
                                                const char          *char_id,
                                                gboolean             triggers_only,
                                                gint64               since_us,
                                                gint64               until_us,
                                                guint                limit,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* A GListModel of TroupeHistoryHit. */
GListModel *troupe_history_index_search_finish (TroupeHistoryIndex  *self,
                                                GAsyncResult        *result,
                                                GError             **error);
/* How a search text becomes an FTS5 query: each word quoted, all of them
 * required, the last one a prefix (it may be unfinished); NULL when @text
 * has no word. Pure, for tests. */
char       *troupe_history_index_make_query    (const char          *text);

G_END_DECLS
