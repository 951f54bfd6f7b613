/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "troupe-character-store.h"
#include "troupe-document.h"

G_BEGIN_DECLS

/* One document in the Knowledge Bank manager: name; size, version and
 * upload time; its state (processing with a spinner, ready, failed with the
 * server's reason, stalled) and which characters use it; Keep Waiting or
 * Retry where they apply, Replace with New Version and Delete. It follows
 * the document's "changed" signal, so it shows each change as it arrives.
 * Its buttons activate kb.keep-waiting, kb.retry, kb.replace and kb.delete
 * with the document's id. */
#define TROUPE_TYPE_DOCUMENT_ROW (troupe_document_row_get_type ())
G_DECLARE_FINAL_TYPE (TroupeDocumentRow, troupe_document_row, TROUPE, DOCUMENT_ROW, GtkWidget)

GtkWidget      *troupe_document_row_new          (TroupeCharacterStore *characters);
void            troupe_document_row_set_document (TroupeDocumentRow    *self,
                                                  TroupeDocument       *document);
TroupeDocument *troupe_document_row_get_document (TroupeDocumentRow    *self);

/* "Used by Ada and 3 others", "Not used by any character", or NULL while
 * the connections are not known. */
char           *troupe_document_describe_users   (TroupeDocument       *document,
                                                  TroupeCharacterStore *characters);

G_END_DECLS
