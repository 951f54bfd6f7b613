/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <convai.h>

G_BEGIN_DECLS

typedef enum
{
  TROUPE_DOCUMENT_PROCESSING, /* uploaded; the server is still reading it */
  TROUPE_DOCUMENT_AVAILABLE,  /* processed: characters can use it */
  TROUPE_DOCUMENT_FAILED,     /* the server could not process it (the reason is kept) */
} TroupeDocumentState;

#define TROUPE_TYPE_DOCUMENT (troupe_document_get_type ())
G_DECLARE_FINAL_TYPE (TroupeDocument, troupe_document, TROUPE, DOCUMENT, GObject)

/* One document of the account as the Knowledge Bank manager knows it: the
 * server's latest copy, plus what no single list reply says: which
 * characters it is connected to (each character's list says so only for
 * itself), the version (counted here: the upload time changes with each new
 * version), and whether it has been processing for too long. Its fields
 * change in place, so every view of it follows; signal "changed" says so. */
TroupeDocument      *troupe_document_new               (ConvaiKnowledgeDoc *doc);

ConvaiKnowledgeDoc  *troupe_document_get_doc           (TroupeDocument     *self);
const char          *troupe_document_get_id            (TroupeDocument     *self);
/* The file name, or the id when the server gave none. */
const char          *troupe_document_get_name          (TroupeDocument     *self);
/* For sorting by name, as a file manager does ("Chapter 2" before "Chapter 10"). */
const char          *troupe_document_get_sort_key      (TroupeDocument     *self);
guint64              troupe_document_get_file_size     (TroupeDocument     *self);
/* When the current version was uploaded (the server's UTC timestamp), or NULL. */
GDateTime           *troupe_document_get_uploaded      (TroupeDocument     *self);
TroupeDocumentState  troupe_document_get_state         (TroupeDocument     *self);
/* Why processing failed, as the server said (FAILED only). */
const char          *troupe_document_get_error_message (TroupeDocument     *self);
guint                troupe_document_get_version       (TroupeDocument     *self);
void                 troupe_document_set_version       (TroupeDocument     *self,
                                                        guint               version);
/* Still processing after the store's limit (Convai says up to 10 minutes). */
gboolean             troupe_document_get_stalled       (TroupeDocument     *self);
void                 troupe_document_set_stalled       (TroupeDocument     *self,
                                                        gboolean            stalled);
/* The ids of the characters it is connected to, sorted; NULL while not
 * known yet. */
const char * const  *troupe_document_get_connected_ids (TroupeDocument     *self);
gboolean             troupe_document_is_connected_to   (TroupeDocument     *self,
                                                        const char         *char_id);

/* A newer copy from the server (the same id): TRUE when anything shown
 * changed. A new upload time counts as a new version. */
gboolean             troupe_document_update            (TroupeDocument     *self,
                                                        ConvaiKnowledgeDoc *doc);
/* What one character's list said about it; TRUE when that changed. */
gboolean             troupe_document_set_connected     (TroupeDocument     *self,
                                                        const char         *char_id,
                                                        gboolean            connected);
/* Every character's list has been read: connections are known now. */
void                 troupe_document_set_connections_known (TroupeDocument *self);
/* Emits "changed". */
void                 troupe_document_changed           (TroupeDocument     *self);

/* The reason a processing failure gives in the document's "error" field
 * (the sandbox's, and perhaps Convai's; the document keeps unknown
 * fields), or NULL; NULL for a processed document. The one place that
 * reads it: the manager, the Knowledge page and the connector ask here. */
char                *troupe_document_dup_processing_error (ConvaiKnowledgeDoc *doc);

G_END_DECLS
