/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "troupe-context.h"
#include "troupe-history-export.h"
#include "troupe-history-index.h"
#include "troupe-history-transcript.h"
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
 * history.triggers-only (toggles), history.open-hit (u: a search hit's
 * position), history.date-range (s: "any", "today", "last-7-days",
 * "last-30-days" or "custom"; the property "date-range") and
 * history.set-custom-range ("(ss)": first and last day as YYYY-MM-DD, ""
 * for no bound; "date-from", "date-to"): the session list and the search
 * keep to the range. */
TroupeHistoryPage  *troupe_history_page_new       (TroupeContext     *context);
/* Opens @session_id (of the character shown) with exchange @position in
 * view, loading every session first if it is not among the recent ones. */
void                troupe_history_page_open_at   (TroupeHistoryPage *self,
                                                   const char        *session_id,
                                                   guint              position);
TroupeSessionStore *troupe_history_page_get_store (TroupeHistoryPage *self);
const char         *troupe_history_page_get_state (TroupeHistoryPage *self);

/* What the page shows, for tests and tools: the transcript pane, the
 * session list's selection, which pane is in front when folded
 * ("sessions" or "transcript"), whether it is folded, the note under the
 * list (NULL when hidden: how many are shown, reading progress, entries
 * left out, an export's progress), whether Load All is offered. */
TroupeHistoryTranscript *troupe_history_page_get_transcript     (TroupeHistoryPage *self);
GtkSelectionModel       *troupe_history_page_get_selection      (TroupeHistoryPage *self);
const char              *troupe_history_page_get_visible_pane   (TroupeHistoryPage *self);
gboolean                 troupe_history_page_get_folded         (TroupeHistoryPage *self);
const char              *troupe_history_page_get_note           (TroupeHistoryPage *self);
gboolean                 troupe_history_page_get_offers_load_all (TroupeHistoryPage *self);

/* The search: its text (as typed in the search entry), its hits
 * (TroupeHistoryHit), the text they were found for (NULL when none are
 * shown; it lags the entry while a search runs), whether one is running,
 * the index it asks. */
void                troupe_history_page_set_search_text (TroupeHistoryPage *self,
                                                         const char        *text);
GListModel         *troupe_history_page_get_hits        (TroupeHistoryPage *self);
const char         *troupe_history_page_get_hits_text   (TroupeHistoryPage *self);
gboolean            troupe_history_page_get_searching   (TroupeHistoryPage *self);
TroupeHistoryIndex *troupe_history_page_get_index       (TroupeHistoryPage *self);

/* What the file chooser's answer starts: @session_ids written to @target
 * (a file, or a folder with @target_is_folder). */
void                  troupe_history_page_export_to     (TroupeHistoryPage   *self,
                                                         const char * const  *session_ids,
                                                         TroupeHistoryFormat  format,
                                                         GFile               *target,
                                                         gboolean             target_is_folder);
/* The chooser an export is waiting on, if any. */
GtkFileChooserNative *troupe_history_page_get_chooser   (TroupeHistoryPage   *self);
/* Every listed session's id, newest first. */
char                **troupe_history_page_dup_all       (TroupeHistoryPage   *self);

G_END_DECLS
