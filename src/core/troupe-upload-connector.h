/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <convai.h>

#include "troupe-upload-queue.h"

G_BEGIN_DECLS

/* Upload and Add: an upload made for a character (its "character-id") is
 * connected to that character once the server has processed it, since a
 * strict server refuses to connect a document before. Until then the
 * character's document list is read after 1 s, then at doubling intervals
 * up to 30 s, one list call per tick for every waiting document of that
 * character; nothing runs while none waits. The connection is read, then
 * written whole (troupe_document_connect_async()), so it drops no other.
 *
 * Lives beside the context's upload queue, so a document is connected even
 * when no Knowledge page is open.
 *
 * Signals: "connected" (char_id, GListModel of every document as the
 * write answered), "failed" (char_id, file name, what went wrong and what
 * to do). Property "n-waiting". */
#define TROUPE_TYPE_UPLOAD_CONNECTOR (troupe_upload_connector_get_type ())
G_DECLARE_FINAL_TYPE (TroupeUploadConnector, troupe_upload_connector, TROUPE, UPLOAD_CONNECTOR, GObject)

TroupeUploadConnector *troupe_upload_connector_new        (TroupeUploadQueue     *queue);
/* Another client: what waited for the previous one is forgotten. */
void                   troupe_upload_connector_set_client (TroupeUploadConnector *self,
                                                           ConvaiClient          *client);
guint                  troupe_upload_connector_get_n_waiting (TroupeUploadConnector *self);

G_END_DECLS
