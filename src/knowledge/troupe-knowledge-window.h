/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "troupe-context.h"

G_BEGIN_DECLS

/* The Knowledge Bank manager: every document of the account from the
 * context's TroupeDocumentStore (name, size, upload time, version, state,
 * the characters using it), searchable and sorted; the upload queue above
 * it. Files come in through Upload… (kb.upload) or dropped on the window.
 * Actions, each with the document's id where it takes one: kb.replace (a
 * new version), kb.retry, kb.keep-waiting, kb.delete (asks first, naming
 * the characters it leaves), kb.sort ("name", "date", "size", "state"),
 * kb.reload. While shown it keeps the store's processing watch. */
#define TROUPE_TYPE_KNOWLEDGE_WINDOW (troupe_knowledge_window_get_type ())
G_DECLARE_FINAL_TYPE (TroupeKnowledgeWindow, troupe_knowledge_window, TROUPE, KNOWLEDGE_WINDOW, AdwWindow)

TroupeKnowledgeWindow *troupe_knowledge_window_new             (TroupeContext         *context);
/* What a file chooser or a drop gave: each file into the upload queue. */
void                   troupe_knowledge_window_upload_files    (TroupeKnowledgeWindow *self,
                                                                GListModel            *files);
/* A new version of @doc_id from @file (what kb.replace's chooser gives). */
void                   troupe_knowledge_window_replace_with    (TroupeKnowledgeWindow *self,
                                                                const char            *doc_id,
                                                                GFile                 *file);
/* The documents shown (TroupeDocument), searched and sorted. */
GListModel            *troupe_knowledge_window_get_shown       (TroupeKnowledgeWindow *self);
/* The list's state: "loading", "empty", "no-results", "error", "offline", "list". */
const char            *troupe_knowledge_window_get_state       (TroupeKnowledgeWindow *self);
void                   troupe_knowledge_window_set_search_text (TroupeKnowledgeWindow *self,
                                                                const char            *text);
/* The open file chooser or question, if any (tests answer them). */
GtkFileChooserNative  *troupe_knowledge_window_get_chooser     (TroupeKnowledgeWindow *self);
AdwMessageDialog      *troupe_knowledge_window_get_dialog      (TroupeKnowledgeWindow *self);
/* The banner's text, or NULL; the last toast's. */
const char            *troupe_knowledge_window_get_problem     (TroupeKnowledgeWindow *self);
const char            *troupe_knowledge_window_get_news        (TroupeKnowledgeWindow *self);

G_END_DECLS
