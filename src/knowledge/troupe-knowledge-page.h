/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "troupe-character-docs.h"
#include "troupe-context.h"
#include "troupe-knowledge-picker.h"
#include "troupe-page.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_KNOWLEDGE_PAGE (troupe_knowledge_page_get_type ())
G_DECLARE_FINAL_TYPE (TroupeKnowledgePage, troupe_knowledge_page, TROUPE, KNOWLEDGE_PAGE, AdwBin)

/* The character's Knowledge page: the knowledge-bank documents connected
 * to it, with their state (processing, ready, failed), name and size; Add
 * Documents… (a picker of the others) and Disconnect
 * per row with Undo. Every change reads the character's list and writes
 * the whole of it back (troupe-document-connect.h), so a document
 * connected elsewhere meanwhile is kept, and said. It loads when it is
 * first shown for a character, not before.
 *
 * Property "state" of the list: "loading", "empty", "error", "offline",
 * "no-results" or "list". "busy" while a change is being written.
 * Widget actions: knowledge.reload, knowledge.add (opens the picker),
 * knowledge.connect (as: document ids), knowledge.disconnect (s: a
 * document id), knowledge.undo (connects again what was last
 * disconnected). */
TroupeKnowledgePage   *troupe_knowledge_page_new             (TroupeContext       *context);
TroupeCharacterDocs   *troupe_knowledge_page_get_docs        (TroupeKnowledgePage *self);
const char            *troupe_knowledge_page_get_state       (TroupeKnowledgePage *self);
/* The connected documents shown now (after the search). */
GListModel            *troupe_knowledge_page_get_shown       (TroupeKnowledgePage *self);
void                   troupe_knowledge_page_set_search_text (TroupeKnowledgePage *self,
                                                              const char          *text);
/* The open Add Documents dialog, if any. */
TroupeKnowledgePicker *troupe_knowledge_page_get_picker      (TroupeKnowledgePage *self);
/* The last news the page gave in a toast ("Disconnected “notes.md”."), or
 * NULL; what changed meanwhile is part of it. */
/* The Upload and Add file chooser while it is open. */
GtkFileChooserNative  *troupe_knowledge_page_get_chooser     (TroupeKnowledgePage *self);
const char            *troupe_knowledge_page_get_news        (TroupeKnowledgePage *self);

G_END_DECLS
