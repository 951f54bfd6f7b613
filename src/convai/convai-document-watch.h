/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convai-client.h"

G_BEGIN_DECLS

#define CONVAI_TYPE_DOCUMENT_WATCH (convai_document_watch_get_type ())
G_DECLARE_FINAL_TYPE (ConvaiDocumentWatch, convai_document_watch, CONVAI, DOCUMENT_WATCH, GObject)

/* Polls knowledge-bank/list for @char_id until document @doc_id is
 * available, waiting 1 s, then doubling up to 30 s between polls. Signals:
 *   changed   (ConvaiKnowledgeDoc *doc)  each poll whose doc differs
 *   available (ConvaiKnowledgeDoc *doc)  once, then it stops
 *   failed    (const GError *error)      an error other than cancellation,
 *                                        or the document is gone; it stops
 * It stops when asked, and when disposed (an owner that goes away).
 * Properties: "client", "character-id", "document-id", "document"
 * (the latest ConvaiKnowledgeDoc), "running", "initial-interval" and
 * "max-interval" (milliseconds; 1000 and 30000). */
ConvaiDocumentWatch *convai_document_watch_new          (ConvaiClient        *client,
                                                          const char          *char_id,
                                                          const char          *doc_id);
void                 convai_document_watch_start        (ConvaiDocumentWatch *self);
void                 convai_document_watch_stop         (ConvaiDocumentWatch *self);
gboolean             convai_document_watch_get_running  (ConvaiDocumentWatch *self);
ConvaiKnowledgeDoc  *convai_document_watch_get_document (ConvaiDocumentWatch *self);
void                 convai_document_watch_set_intervals (ConvaiDocumentWatch *self,
                                                          guint                initial_ms,
                                                          guint                max_ms);

G_END_DECLS
