/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-document-store.h"
#include "troupe-store.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_CHARACTER_DOCS (troupe_character_docs_get_type ())
G_DECLARE_FINAL_TYPE (TroupeCharacterDocs, troupe_character_docs, TROUPE, CHARACTER_DOCS, TroupeStore)

/* One character's view of the knowledge bank (a TroupeStore): every
 * document of the account as the list call answers it for that character,
 * so each says whether it is connected to it. "documents" is all of them,
 * "connected" those connected, both in the server's order; a document
 * whose copy changed is replaced in place so rows rebind. */
TroupeCharacterDocs *troupe_character_docs_new            (void);
/* Another character: forgets the list and loads that one's (none for NULL). */
void                 troupe_character_docs_set_char_id    (TroupeCharacterDocs *self,
                                                           const char          *char_id);
const char          *troupe_character_docs_get_char_id    (TroupeCharacterDocs *self);
GListModel          *troupe_character_docs_get_documents  (TroupeCharacterDocs *self);
GListModel          *troupe_character_docs_get_connected  (TroupeCharacterDocs *self);
ConvaiKnowledgeDoc  *troupe_character_docs_lookup         (TroupeCharacterDocs *self,
                                                           const char          *doc_id);
/* While watched (a page shows the list) and a document is being
 * processed, the list is read again after 1 s, then at doubling intervals
 * up to 30 s, until none is; nothing runs otherwise. */
void                 troupe_character_docs_set_watched    (TroupeCharacterDocs *self,
                                                           gboolean             watched);
gboolean             troupe_character_docs_get_polling    (TroupeCharacterDocs *self);
/* What a write answered (troupe_document_connect_finish()), or a newer
 * copy of some documents: each replaces its old copy, documents missing
 * from a whole list (@complete) leave it. */
void                 troupe_character_docs_update         (TroupeCharacterDocs *self,
                                                           GListModel          *docs,
                                                           gboolean             complete);

/* The window's store of every document: told each list this one reads,
 * and followed for changes it sees (the Knowledge Bank manager's polling),
 * so both show the same state at once. */
void                 troupe_character_docs_set_shared     (TroupeCharacterDocs *self,
                                                           TroupeDocumentStore *shared);

G_END_DECLS
