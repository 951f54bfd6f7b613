/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "troupe-context.h"
#include "troupe-page.h"
#include "troupe-session-store.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_HISTORY_PAGE (troupe_history_page_get_type ())
G_DECLARE_FINAL_TYPE (TroupeHistoryPage, troupe_history_page, TROUPE, HISTORY_PAGE, AdwBin)

/* The character's History page: its chat sessions newest first (the
 * recent ones, the rest on demand) beside the open session's transcript.
 * It loads when it is first shown for a character, not before.
 *
 * Property "state" of the list: "loading", "empty", "error", "offline",
 * "no-results" or "list". The search runs over the local index of read
 * transcripts (TroupeHistoryIndex), of this character or, with
 * "search-everyone", of every character; "triggers-only" narrows it.
 * Signal "show-turn" (char id, session id, position): a search hit of
 * another character was chosen; the window opens it.
 * Widget actions: history.reload, history.load-all, history.open-session
 * (s), history.export (s: "markdown" or "json", the selected sessions),
 * history.export-all (s), history.delete (the selected, after asking),
 * history.back (to the list when folded), history.search-everyone and
 * history.triggers-only (toggles). */
TroupeHistoryPage  *troupe_history_page_new       (TroupeContext     *context);
/* Opens @session_id (of the character shown) with exchange @position in
 * view, loading every session first if it is not among the recent ones. */
void                troupe_history_page_open_at   (TroupeHistoryPage *self,
                                                   const char        *session_id,
                                                   guint              position);
TroupeSessionStore *troupe_history_page_get_store (TroupeHistoryPage *self);
const char         *troupe_history_page_get_state (TroupeHistoryPage *self);

G_END_DECLS
