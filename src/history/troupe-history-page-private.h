/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-history-export.h"
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
  GtkCustomFilter         *filter;             /* the search, over dates and first lines */
  GtkFilterListModel      *filtered;
  GtkMultiSelection       *selection;          /* over filtered */
  char                    *search_folded;      /* the search, case-folded */
  GCancellable            *cancellable;        /* the page's: cancelled in dispose */
  GtkFileChooserNative    *chooser;            /* the export being asked for */
  guint                    busy_count;

  /* Template widgets */
  GtkLabel                *count_label;
  GtkMenuButton           *export_button;
  AdwLeaflet              *leaflet;
  GtkButton               *load_all_button;
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
char  **troupe_history_page_dup_all      (TroupeHistoryPage *self);
void    troupe_history_page_open         (TroupeHistoryPage *self,
                                          const char        *session_id);

/* troupe-history-page-actions.c: export and delete, and the tests' way in
 * past the file chooser. */
void    troupe_history_page_install_actions (GtkWidgetClass *widget_class);
void    troupe_history_page_export_to       (TroupeHistoryPage   *self,
                                             const char * const  *session_ids,
                                             TroupeHistoryFormat  format,
                                             GFile               *target,
                                             gboolean             target_is_folder);
/* The chooser an export is waiting on, for tests. */
GtkFileChooserNative *troupe_history_page_get_chooser (TroupeHistoryPage *self);

G_END_DECLS
