/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TROUPE_TYPE_LIST_PAGE (troupe_list_page_get_type ())
G_DECLARE_FINAL_TYPE (TroupeListPage, troupe_list_page, TROUPE, LIST_PAGE, AdwBin)

/* A search entry above either the list (the "content" widget a page
 * supplies, such as a GtkListView in a GtkScrolledWindow) or a page saying
 * why there is no list. The owner decides the state; this widget shows it:
 *
 *   "loading"     a spinner, "loading-text", and a Cancel button offered
 *                 after a few seconds while "can-cancel" is set
 *   "empty"       nothing to list: "empty-*", with an optional action button
 *   "no-results"  the search matches nothing: "no-results-*"
 *   "error"       "error-title", "error-message" and Try Again
 *   "offline"     no connection, so nothing is on its way: "offline-*"
 *   "list"        the content
 *
 * The words are properties, so each list says them its own way. The search
 * can only be used in "list" and "no-results".
 *
 * Signals: "search-changed" (the text changed: the first change after a
 * quiet moment at once, the ones during the next "search-delay" ms
 * together at its end; every change at once with a delay of 0),
 * "search-activated" (Enter in the search), "retry" (Try Again; action
 * list-page.retry), "cancel-load" (Cancel; action list-page.cancel-load). */
TroupeListPage *troupe_list_page_new                    (void);

const char     *troupe_list_page_get_state              (TroupeListPage *self);
void            troupe_list_page_set_state              (TroupeListPage *self,
                                                         const char     *state);
GtkWidget      *troupe_list_page_get_content            (TroupeListPage *self);
void            troupe_list_page_set_content            (TroupeListPage *self,
                                                         GtkWidget      *content);

const char     *troupe_list_page_get_search_text        (TroupeListPage *self);
/* Sets the text; "search-changed" follows as a key would make it. */
void            troupe_list_page_set_search_text        (TroupeListPage *self,
                                                         const char     *text);
/* "search-delay": ms after an announced change during which further ones
 * are coalesced (150 by default; 0 announces each change at once, for an
 * owner that coalesces by itself). */
guint           troupe_list_page_get_search_delay       (TroupeListPage *self);
void            troupe_list_page_set_search_delay       (TroupeListPage *self,
                                                         guint           delay_ms);
/* Ctrl+F: focuses the search with its text selected. */
void            troupe_list_page_focus_search           (TroupeListPage *self);

/* Whether a load is running that Cancel could stop. */
gboolean        troupe_list_page_get_can_cancel         (TroupeListPage *self);
void            troupe_list_page_set_can_cancel         (TroupeListPage *self,
                                                         gboolean        can_cancel);
/* Whether the loading page shows its Cancel button now. */
gboolean        troupe_list_page_offers_cancel          (TroupeListPage *self);

/* The texts that change while the page is in use; the others are set once,
 * as properties (in a template). */
const char     *troupe_list_page_get_loading_text       (TroupeListPage *self);
void            troupe_list_page_set_loading_text       (TroupeListPage *self,
                                                         const char     *text);
void            troupe_list_page_set_no_results_description (TroupeListPage *self,
                                                             const char     *description);
void            troupe_list_page_set_error_message      (TroupeListPage *self,
                                                         const char     *message);

G_END_DECLS
