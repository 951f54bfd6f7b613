/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <convai.h>

#include "troupe-history-index.h"
#include "troupe-history-session.h"
#include "troupe-store.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_SESSION_STORE (troupe_session_store_get_type ())
G_DECLARE_FINAL_TYPE (TroupeSessionStore, troupe_session_store, TROUPE, SESSION_STORE, TroupeStore)

/* How many sessions the first load asks for; the rest come on demand. */
#define TROUPE_SESSION_STORE_RECENT_LIMIT 50

/* One character's chat sessions (chatHistory/list), newest first, as
 * TroupeHistorySession: a TroupeStore (client, cancellable, loading,
 * loaded, error message). Setting the client or the character loads the
 * recent ones; troupe_session_store_load_all() asks for every one ("-1").
 * Then it reads the loaded sessions' transcripts one at a time in the
 * background, for their number of exchanges and first player line; a
 * session that is gone (404) leaves the list.
 *
 * Every reply names the load it answers and is dropped when the store has
 * moved on to another character or client.
 *
 * Properties, beside TroupeStore's: "has-more" (the recent load was full:
 * there may be older sessions), "filling" (transcripts
 * are being read), "n-unread" (loaded sessions whose transcript was not
 * read yet), "n-skipped" (malformed entries the last list held: they are
 * left out, never fatal). Signal "session-gone" (id) when a session was deleted
 * elsewhere. */
TroupeSessionStore   *troupe_session_store_new               (void);
void                  troupe_session_store_set_char_id       (TroupeSessionStore *self,
                                                              const char         *char_id);
const char           *troupe_session_store_get_char_id       (TroupeSessionStore *self);
/* The name the index files the character's sessions under. */
void                  troupe_session_store_set_char_name     (TroupeSessionStore *self,
                                                              const char         *char_name);
/* Where read transcripts are kept for search, and what a fill resumes
 * from; NULL (the default) keeps none. */
void                  troupe_session_store_set_index         (TroupeSessionStore *self,
                                                              TroupeHistoryIndex *index);
/* Loads the recent sessions again (Try Again, Refresh). */
void                  troupe_session_store_reload            (TroupeSessionStore *self);
void                  troupe_session_store_load_all          (TroupeSessionStore *self);

GListModel           *troupe_session_store_get_sessions      (TroupeSessionStore *self);
gboolean              troupe_session_store_get_has_more      (TroupeSessionStore *self);
gboolean              troupe_session_store_get_filling       (TroupeSessionStore *self);
guint                 troupe_session_store_get_n_unread      (TroupeSessionStore *self);
guint                 troupe_session_store_get_n_skipped     (TroupeSessionStore *self);

TroupeHistorySession *troupe_session_store_lookup            (TroupeSessionStore *self,
                                                              const char         *session_id);
/* Drops sessions from the list (deleted here, or gone from the server). */
void                  troupe_session_store_remove            (TroupeSessionStore *self,
                                                              const char * const *session_ids);
/* A transcript read elsewhere (the page opened it): its counts, at once. */
void                  troupe_session_store_set_transcript    (TroupeSessionStore *self,
                                                              const char         *session_id,
                                                              GListModel         *interactions);

G_END_DECLS
