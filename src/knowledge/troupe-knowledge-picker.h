/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <convai.h>

G_BEGIN_DECLS

#define TROUPE_TYPE_KNOWLEDGE_PICKER (troupe_knowledge_picker_get_type ())
G_DECLARE_FINAL_TYPE (TroupeKnowledgePicker, troupe_knowledge_picker, TROUPE, KNOWLEDGE_PICKER, AdwWindow)

/* A dialog offering the account's documents that are not connected yet
 * (from @documents, ConvaiKnowledgeDoc with "is-connected" for the open
 * character), searchable by name, several picked with their check boxes.
 * Only processed ("is-available") documents can be picked; the others are
 * shown, saying why not.
 * Add emits "add" with the picked ids (a NULL-terminated array) and
 * closes; Cancel or Escape closes without it.
 *
 * Widget actions: picker.toggle (s: a document id), picker.add,
 * picker.cancel. */
TroupeKnowledgePicker *troupe_knowledge_picker_new          (GListModel            *documents,
                                                             const char            *char_name);
void                   troupe_knowledge_picker_set_search   (TroupeKnowledgePicker *self,
                                                             const char            *text);
/* The documents shown now (after the search). */
GListModel            *troupe_knowledge_picker_get_shown    (TroupeKnowledgePicker *self);
/* The picked ids (owned, NULL-terminated). */
char                 **troupe_knowledge_picker_dup_picked   (TroupeKnowledgePicker *self);

G_END_DECLS
