/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-history-export.h"
#include "troupe-history-index.h"
#include "troupe-history-page.h"
#include "troupe-history-transcript.h"
#include "troupe-list-page.h"

G_BEGIN_DECLS

struct _TroupeHistoryPage
{
  AdwBin                   parent_instance;

  TroupeContext           *context;
  ConvaiCharacter         *character;
  TroupeSessionStore      *store;
  GtkMultiSelection       *selection;          /* over the store's sessions */
  TroupeHistoryIndex      *index;
  GListStore              *hits;               /* TroupeHistoryHit of the search shown */
  GCancellable            *search_cancellable; /* the search running */
  char                    *search_text;        /* NULL: no search, the sessions show */
  gboolean                 searching;          /* a search runs for search_text */
  gboolean                 search_everyone;    /* every character's sessions */
  gboolean                 triggers_only;
  char                    *pending_session_id; /* to open once the list has it */
  guint                    pending_position;
  char                    *progress_text;      /* an export's, shown under the list */
  GCancellable            *cancellable;        /* the page's: cancelled in dispose */
  GtkFileChooserNative    *chooser;            /* the export being asked for */
  guint                    busy_count;

  /* Template widgets */
  GtkLabel                *count_label;
  GtkMenuButton           *export_button;
  AdwLeaflet              *leaflet;
  GtkButton               *load_all_button;
  GtkButton               *continue_button;  /* view.continue-chat with the open session */
  GtkStack                *content_stack;
  GtkRevealer             *filters_revealer;
  GtkListView             *hits_view;
  TroupeListPage          *list_page;
  GtkLabel                *more_label;
  GtkRevealer             *more_revealer;
  GtkScrolledWindow       *sessions_scroller;
  GtkListView             *sessions_view;
  TroupeHistoryTranscript *transcript;
};

/* troupe-history-page.c */
void    troupe_history_page_hold_busy    (TroupeHistoryPage *self);
void    troupe_history_page_release_busy (TroupeHistoryPage *self);
/* The selected sessions' ids, newest first (NULL-terminated). */
char  **troupe_history_page_dup_selected (TroupeHistoryPage *self);
void    troupe_history_page_update_view  (TroupeHistoryPage *self);
/* What a long operation (an export) is doing, under the list; NULL when
 * it is done. */
void    troupe_history_page_set_progress (TroupeHistoryPage *self,
                                          const char        *text);

/* troupe-history-page-rows.c: the session rows */
GtkListItemFactory *troupe_history_page_make_session_factory (void);

/* troupe-history-search.c: the search over the local index */
void    troupe_history_page_init_search   (TroupeHistoryPage *self);
void    troupe_history_page_run_search    (TroupeHistoryPage *self);
void    troupe_history_page_stop_search   (TroupeHistoryPage *self);
void    troupe_history_page_hit_activated (TroupeHistoryPage *self,
                                           guint              position);

/* troupe-history-page-actions.c: export and delete. */
void    troupe_history_page_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
