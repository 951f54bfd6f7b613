/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-error-banner.h"
#include "troupe-knowledge-window.h"
#include "troupe-list-page.h"

G_BEGIN_DECLS

typedef enum { SORT_NAME, SORT_DATE, SORT_SIZE, SORT_STATE } TroupeKnowledgeSort;

struct _TroupeKnowledgeWindow
{
  AdwWindow             parent_instance;

  TroupeContext        *context;
  TroupeDocumentStore  *store;          /* the context's */
  gboolean              watching;
  GtkCustomFilter      *search_filter;
  GtkCustomSorter      *sorter;
  GtkFilterListModel   *filtered;
  GtkSortListModel     *shown;
  char                 *search;         /* casefolded, or NULL */
  TroupeKnowledgeSort   sort;
  GtkFileChooserNative *chooser;
  AdwMessageDialog     *dialog;
  char                 *news;
  GCancellable         *cancellable;
  guint                 updates_id;     /* sorting and counting again, once */

  AdwToastOverlay      *toast_overlay;
  GtkWidget            *drop_area;
  TroupeErrorBanner    *error_banner;
  AdwBin               *uploads_bin;
  GtkLabel             *count_label;
  TroupeListPage       *list_page;
  GtkGridView          *list_view;      /* one column: see the .ui */
};

void troupe_knowledge_window_install_actions (GtkWidgetClass        *widget_class);
void troupe_knowledge_window_update_view     (TroupeKnowledgeWindow *self);
void troupe_knowledge_window_focus_search    (TroupeKnowledgeWindow *self);
void troupe_knowledge_window_toast           (TroupeKnowledgeWindow *self,
                                              const char            *text);

G_END_DECLS
