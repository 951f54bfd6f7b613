/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-character-store.h"
#include "troupe-document.h"
#include "troupe-document-versions.h"
#include "troupe-store.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_DOCUMENT_STORE (troupe_document_store_get_type ())
G_DECLARE_FINAL_TYPE (TroupeDocumentStore, troupe_document_store, TROUPE, DOCUMENT_STORE, TroupeStore)

/* Every document of the account (a TroupeStore whose "documents" is a
 * GListModel of TroupeDocument), shared by every view of the window, so a
 * state change shows everywhere at once.
 *
 * Convai lists the Knowledge Bank only through a character (list takes a
 * character_id and says, for that one, which documents are connected), so
 * the store lists through the account's first character ("has-lister" is
 * FALSE when there is none), then reads each other character's list once
 * to learn the connections ("connections-loading"). Any view that reads a
 * character's list passes it on with troupe_document_store_take_list().
 *
 * While watched and a document is processing, the list is read again, one
 * list call per tick, after 1 s, doubling to 30 s. A document processing
 * longer than "stall-seconds" (600, Convai's stated limit) is stalled: it is
 * no longer waited for until troupe_document_store_keep_waiting().
 *
 * Signals: "document-updated" (TroupeDocument: its state or version
 * changed), "document-removed" (the id of one deleted here). */
TroupeDocumentStore *troupe_document_store_new            (TroupeCharacterStore   *characters,
                                                           TroupeDocumentVersions *versions);
GListModel          *troupe_document_store_get_documents  (TroupeDocumentStore    *self);
TroupeDocument      *troupe_document_store_lookup         (TroupeDocumentStore    *self,
                                                           const char             *doc_id);
gboolean             troupe_document_store_get_has_lister (TroupeDocumentStore    *self);
gboolean             troupe_document_store_get_connections_loading (TroupeDocumentStore *self);
/* Counted: polling runs while at least one view holds a watch. */
void                 troupe_document_store_watch          (TroupeDocumentStore    *self);
void                 troupe_document_store_unwatch        (TroupeDocumentStore    *self);
gboolean             troupe_document_store_get_polling    (TroupeDocumentStore    *self);
/* The interval of the next poll, in ms (0 when none is due). */
guint                troupe_document_store_get_poll_interval (TroupeDocumentStore *self);
void                 troupe_document_store_set_stall_seconds (TroupeDocumentStore *self,
                                                              guint                seconds);
/* Waits another "stall-seconds" for a stalled document. */
void                 troupe_document_store_keep_waiting   (TroupeDocumentStore    *self,
                                                           const char             *doc_id);

/* What a list call for @char_id answered (@complete: the whole account, so
 * documents missing from it are gone), or a few documents an upload or a
 * connect answered. */
void                 troupe_document_store_take_list      (TroupeDocumentStore    *self,
                                                           const char             *char_id,
                                                           GListModel             *docs,
                                                           gboolean                complete);
/* A document the upload call answered: new, or a new version. */
void                 troupe_document_store_take_uploaded  (TroupeDocumentStore    *self,
                                                           ConvaiKnowledgeDoc     *doc,
                                                           const char             *char_id_or_null);

/* Deletes it from the account (and so from every character); it leaves
 * the list when the server says so, or says it is already gone. */
void                 troupe_document_store_delete_async   (TroupeDocumentStore    *self,
                                                           const char             *doc_id,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
gboolean             troupe_document_store_delete_finish  (TroupeDocumentStore    *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);

G_END_DECLS
