/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <convai.h>

#include "troupe-character-store.h"
#include "troupe-connection.h"
#include "troupe-document-store.h"
#include "troupe-draft-store.h"
#include "troupe-upload-connector.h"
#include "troupe-upload-queue.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_CONTEXT (troupe_context_get_type ())
G_DECLARE_FINAL_TYPE (TroupeContext, troupe_context, TROUPE, CONTEXT, GObject)

/* The services a window's views ask for, in one place (as gnome-calendar's
 * GcalContext): the connection it follows, the client it talks through, the
 * stores of what the account holds, the drafts and the settings. One per
 * window. Views take it when they are made; nothing is wired by hand.
 *
 * Property "client" (read-only): what every call goes through now, NULL with
 * no connection. When it changes, "notify::client" is emitted first, so a
 * view can close what belonged to the old endpoint, and the stores follow
 * after it. */
TroupeContext        *troupe_context_new               (void);
/* The same, around stores made elsewhere (tests, benchmarks). */
TroupeContext        *troupe_context_new_with_stores   (TroupeCharacterStore *characters,
                                                        TroupeDraftStore     *drafts);
/* Talks through @connection's client from now on, following its changes. */
void                  troupe_context_follow_connection (TroupeContext        *self,
                                                        TroupeConnection     *connection);
/* Talks to @client from now on instead of following a connection (tests,
 * and scripts that bring their own client). */
void                  troupe_context_set_client        (TroupeContext        *self,
                                                        ConvaiClient         *client);
/* The connection followed, or NULL once a client was set by hand. */
TroupeConnection     *troupe_context_get_connection    (TroupeContext        *self);
ConvaiClient         *troupe_context_get_client        (TroupeContext        *self);
TroupeCharacterStore *troupe_context_get_characters    (TroupeContext        *self);
TroupeDraftStore     *troupe_context_get_drafts        (TroupeContext        *self);
GSettings            *troupe_context_get_settings      (TroupeContext        *self);
/* The files on their way to the Knowledge Bank; they go through the client. */
TroupeUploadQueue    *troupe_context_get_uploads       (TroupeContext        *self);
/* Every document of the account, shared by the views. It has no client and
 * reads nothing until a view first sets the context's client on it
 * (troupe_store_set_client()); from then on it follows the context's. */
TroupeDocumentStore  *troupe_context_get_documents     (TroupeContext        *self);
/* Connects what "Upload and Add" uploaded once it is processed. */
TroupeUploadConnector *troupe_context_get_upload_connector (TroupeContext     *self);

G_END_DECLS
