/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-knowledge-page.h"
#include "troupe-list-page.h"

G_BEGIN_DECLS

struct _TroupeKnowledgePage
{
  AdwBin                 parent_instance;

  TroupeContext         *context;
  ConvaiCharacter       *character;
  TroupeCharacterDocs   *docs;
  GtkFilterListModel    *shown;          /* connected, matching the search */
  GtkCustomFilter       *search_filter;
  char                  *search;         /* casefolded, NULL for none */
  GCancellable          *cancellable;    /* the page's: cancelled in dispose */
  TroupeKnowledgePicker *picker;
  char                 **undo_ids;       /* what the last Disconnect took away */
  GQueue                 changes;        /* waiting to be written, one at a time */
  char                  *news;
  guint                  busy_count;
  GtkFileChooserNative  *chooser;        /* Upload and Add, while open */

  /* Template widgets */
  GtkLabel              *count_label;
  AdwBin                *uploads_bin;    /* the app's upload queue */
  GtkListView           *list_view;
  TroupeListPage        *list_page;
};

/* troupe-knowledge-page.c */
void  troupe_knowledge_page_hold_busy    (TroupeKnowledgePage *self);
void  troupe_knowledge_page_release_busy (TroupeKnowledgePage *self);
void  troupe_knowledge_page_update_view  (TroupeKnowledgePage *self);
/* News in a toast; with @undo, the toast offers knowledge.undo. */
void  troupe_knowledge_page_toast        (TroupeKnowledgePage *self,
                                          const char          *text,
                                          gboolean             undo);

/* troupe-knowledge-page-rows.c: the document rows */
GtkListItemFactory *troupe_knowledge_page_make_factory (void);

/* troupe-knowledge-page-actions.c: add, connect, disconnect, undo, reload. */
void  troupe_knowledge_page_install_actions (GtkWidgetClass      *widget_class);
/* Forgets the changes not written yet (dispose). */
void  troupe_knowledge_page_drop_changes    (TroupeKnowledgePage *self);

G_END_DECLS
