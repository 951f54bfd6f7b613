/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "troupe-character-draft.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_DRAFT_STORE (troupe_draft_store_get_type ())
G_DECLARE_FINAL_TYPE (TroupeDraftStore, troupe_draft_store, TROUPE, DRAFT_STORE, GObject)

/* Drafts on disk, one JSON file per character: <dir>/<character-id>.json
 * ($XDG_DATA_HOME/troupe/drafts by default). Writes and removals of one
 * character run one after the other in the order asked, so a late write
 * never brings back a removed draft. Signal "write-failed" (char_id,
 * GError) says when a draft could not be kept; "changed" (char_id) when a
 * character gains or loses its draft (also for those found on disk at
 * start, which is read asynchronously). */
TroupeDraftStore     *troupe_draft_store_new          (GFile             *dir);
TroupeDraftStore     *troupe_draft_store_new_default  (void);
GFile                *troupe_draft_store_get_dir      (TroupeDraftStore  *self);

void                  troupe_draft_store_save         (TroupeDraftStore           *self,
                                                       const char                 *char_id,
                                                       const TroupeCharacterDraft *draft);
void                  troupe_draft_store_remove       (TroupeDraftStore  *self,
                                                       const char        *char_id);
/* Writes now, blocking: only for the moment the app exits, when an async
 * write would never finish. */
gboolean              troupe_draft_store_save_now     (TroupeDraftStore           *self,
                                                       const char                 *char_id,
                                                       const TroupeCharacterDraft *draft,
                                                       GError                    **error);
/* Whether @char_id has a draft (kept or on its way to disk). */
gboolean              troupe_draft_store_has_draft    (TroupeDraftStore  *self,
                                                       const char        *char_id);
/* Whether a write or removal is queued or running. */
gboolean              troupe_draft_store_is_busy      (TroupeDraftStore  *self);

/* No draft is no error: the result is NULL with no error set. A draft that
 * does not parse is an error (and stays on disk for a person to rescue). */
void                  troupe_draft_store_load_async   (TroupeDraftStore     *self,
                                                       const char           *char_id,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
TroupeCharacterDraft *troupe_draft_store_load_finish  (TroupeDraftStore     *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

G_END_DECLS
