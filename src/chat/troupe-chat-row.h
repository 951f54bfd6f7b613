/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "troupe-chat-message.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_CHAT_ROW (troupe_chat_row_get_type ())
G_DECLARE_FINAL_TYPE (TroupeChatRow, troupe_chat_row, TROUPE, CHAT_ROW, GtkWidget)

/* One message in the chat list: who said it, the words (following the
 * message as they stream in), a note under it (time to first word, or that
 * the reply was interrupted) and a Copy button. Rows are recycled by the
 * list view, so the message is set and unset. */
TroupeChatRow *troupe_chat_row_new         (void);
void           troupe_chat_row_set_message (TroupeChatRow     *self,
                                            TroupeChatMessage *message);
/* A list item factory of rows over TroupeChatMessage items. */
GtkListItemFactory *troupe_chat_row_factory_new (void);
/* The note under the message as shown, or NULL when hidden (tests). */
const char    *troupe_chat_row_get_note    (TroupeChatRow     *self);

G_END_DECLS
