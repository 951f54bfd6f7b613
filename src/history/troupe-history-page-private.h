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
  GtkFilterListModel      *shown;              /* the store's sessions in the date range */
  GtkCustomFilter         *date_filter;
  GtkMultiSelection       *selection;          /* over shown */
  TroupeHistoryIndex      *index;
  GListStore              *hits;               /* TroupeHistoryHit of the search shown */
  GListModel              *hits_shown;         /* of hits: those handed to the view so far */
  GCancellable            *search_cancellable; /* the search in flight: at most one */
  gboolean                 search_queued;      /* another is to start when it returns */
  char                    *search_text;        /* NULL: no search, the sessions show */
  char                    *asked_text;         /* what the search in flight asks for */
  char                    *asked_scope;        /* and where: characters, filters, dates */
  char                    *hits_text;          /* what the hits shown were found for */
  gboolean                 searching;          /* a search runs for search_text */
  gboolean                 search_everyone;    /* every character's sessions */
  gboolean                 triggers_only;
  char                    *date_range;         /* "any", "today", "last-7-days", "last-30-days", "custom" */
  GDate                    date_from;          /* custom: the first day, or invalid */
  GDate                    date_to;            /* custom: the last day, or invalid */
  gint64                   since_us;           /* the bounds the list is filtered by now */
  gint64                   until_us;
  gboolean                 editing_to;         /* the calendar edits the custom range's end */
  char                    *pending_session_id; /* to open once the list has it */
  guint                    pending_position;
  char                    *progress_text;      /* an export's, shown under the list */
  GCancellable            *cancellable;        /* the page's: cancelled in dispose */
  GtkFileChooserNative    *chooser;            /* the export being asked for */
  guint                    busy_count;

  /* Template widgets */
  GtkLabel                *count_label;
  GtkCalendar             *date_calendar;
  GtkMenuButton           *date_button;
  GtkToggleButton         *date_from_button;
  GtkWidget               *date_chip;          /* the range said, with Clear */
  GtkLabel                *date_label;
  GtkToggleButton         *date_to_button;
  GtkWidget               *date_custom_box;
  GtkMenuButton           *export_button;
  AdwLeaflet              *leaflet;
  GtkButton               *load_all_button;
  GtkButton               *continue_button;  /* view.continue-chat with the open session */
  GtkStack                *content_stack;
  GtkRevealer             *filters_revealer;   /* shown while searching or in a date range */
  GtkWidget               *search_filters;     /* All Characters, Triggers Only: while searching */
  GtkListView             *hits_view;
  TroupeListPage          *list_page;
  GtkLabel                *more_label;
  GtkRevealer             *more_revealer;
  GtkScrolledWindow       *sessions_scroller;
  GtkGridView             *sessions_view;      /* one column: see the .ui */
  TroupeHistoryTranscript *transcript;
};

/* troupe-history-page.c */
void    troupe_history_page_notify_date_range (TroupeHistoryPage *self);
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

/* troupe-history-date-range.c: the date range filter of the list and the
 * search */
void     troupe_history_page_init_dates        (TroupeHistoryPage *self);
void     troupe_history_page_finalize_dates    (TroupeHistoryPage *self);
void     troupe_history_page_install_date_actions (GtkWidgetClass *widget_class);
gboolean troupe_history_page_set_date_range    (TroupeHistoryPage *self,
                                                const char        *range);
char    *troupe_history_page_dup_date_from     (TroupeHistoryPage *self);
char    *troupe_history_page_dup_date_to       (TroupeHistoryPage *self);
gboolean troupe_history_page_get_date_filtered (TroupeHistoryPage *self);
void     troupe_history_page_refresh_dates     (TroupeHistoryPage *self);
/* The range as µs since the epoch (0: unbounded), as of now. */
void     troupe_history_page_get_date_bounds   (TroupeHistoryPage *self,
                                                gint64            *since_us,
                                                gint64            *until_us);

/* troupe-history-page-actions.c: export and delete. */
void    troupe_history_page_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
