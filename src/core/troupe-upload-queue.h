/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convai-client.h"
#include "troupe-upload.h"

G_BEGIN_DECLS

/* The files on their way to the Knowledge Bank: a GListModel of
 * TroupeUpload, in the order they were added. At most two send at once.
 * Signal "upload-done" (TroupeUpload *, ConvaiKnowledgeDoc *). */
#define TROUPE_TYPE_UPLOAD_QUEUE (troupe_upload_queue_get_type ())
G_DECLARE_FINAL_TYPE (TroupeUploadQueue, troupe_upload_queue, TROUPE, UPLOAD_QUEUE, GObject)

TroupeUploadQueue *troupe_upload_queue_new             (void);
/* The same, keeping the unfinished uploads in @state_file (written
 * atomically as they change); those found there at start are INTERRUPTED,
 * appended once the file is read. */
TroupeUploadQueue *troupe_upload_queue_new_saved       (GFile             *state_file);
/* In the user's data folder. */
TroupeUploadQueue *troupe_upload_queue_new_default     (void);
/* Uploads wait (QUEUED) while there is no client. */
void               troupe_upload_queue_set_client      (TroupeUploadQueue *self,
                                                        ConvaiClient      *client);
/* The largest file sent (default 256 MiB, the sandbox's default cap; a
 * sandbox started with a larger --max-upload takes more). */
void               troupe_upload_queue_set_max_bytes   (TroupeUploadQueue *self,
                                                        goffset            max_bytes);
TroupeUpload      *troupe_upload_queue_add_file        (TroupeUploadQueue *self,
                                                        GFile             *file,
                                                        const char        *char_id_or_null);
TroupeUpload      *troupe_upload_queue_add_new_version (TroupeUploadQueue *self,
                                                        const char        *doc_id,
                                                        GFile             *file);
void               troupe_upload_queue_retry           (TroupeUploadQueue *self,
                                                        TroupeUpload      *upload);
void               troupe_upload_queue_cancel_all      (TroupeUploadQueue *self);
/* Takes away the rows of what is done, cancelled or refused. */
void               troupe_upload_queue_clear_finished  (TroupeUploadQueue *self);

G_END_DECLS
