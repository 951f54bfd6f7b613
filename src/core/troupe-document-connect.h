/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <convai.h>

G_BEGIN_DECLS

/* Connects and disconnects knowledge documents for one character as the
 * API allows it: read the character's document list (knowledge-bank/list
 * with its id says which are connected), then write the whole connected
 * list back through character/update `docs`, the changes applied. A
 * document another client connected since the caller last looked is in
 * what is read, so it is written back connected and never dropped. One
 * connected but being processed again (a new version) is left out of the
 * write unless it is to change: a strict server refuses a list naming a
 * document as active before it is available.
 *
 * @shown (nullable): the documents the caller last showed as connected
 * (ConvaiKnowledgeDoc). What the read found different is put in words in
 * @meanwhile by the finish call ("“notes.md” was connected elsewhere…"),
 * NULL when nothing differs or @shown was NULL. Documents to connect that
 * were deleted meanwhile are left out of the write and said there too.
 *
 * The finish call answers every document of the account as read, with
 * "is-connected" as written. */
void        troupe_document_connect_async  (ConvaiClient        *client,
                                            const char          *char_id,
                                            const char * const  *connect_ids,
                                            const char * const  *disconnect_ids,
                                            GListModel          *shown,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GListModel *troupe_document_connect_finish (GAsyncResult        *result,
                                            char               **meanwhile,
                                            GError             **error);

/* The connected ones of @docs (ConvaiKnowledgeDoc), in their order. */
GListModel *troupe_document_connect_filter_connected (GListModel *docs);

G_END_DECLS
