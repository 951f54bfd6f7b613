/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the queue (and only the queue) does to an upload. */

#include "convai-client.h"
#include "troupe-upload.h"

G_BEGIN_DECLS

/* The server's cap unless told otherwise (the sandbox's default --max-upload;
 * Convai documents none). */
#define TROUPE_UPLOAD_MAX_BYTES ((goffset) 256 * 1024 * 1024)

TroupeUpload *troupe_upload_new   (GFile      *file,
                                   const char *document_id,
                                   gboolean    new_version,
                                   const char *character_id);
/* Checks the file, sends it, checks it did not change meanwhile; the state
 * ends as DONE (then @done is called with the document), FAILED, REFUSED or
 * CANCELLED. */
typedef void (*TroupeUploadDoneFunc) (TroupeUpload *upload, ConvaiKnowledgeDoc *doc, gpointer data);
void          troupe_upload_start (TroupeUpload         *upload,
                                   ConvaiClient         *client,
                                   goffset               max_bytes,
                                   TroupeUploadDoneFunc  done,
                                   gpointer              data);
/* Back to QUEUED, counters zeroed (Convai has no resumable upload). */
void          troupe_upload_reset (TroupeUpload *upload);
gboolean      troupe_upload_is_finished (TroupeUpload *upload);
/* Found in the saved queue at start: it never finished. */
void          troupe_upload_set_interrupted (TroupeUpload *upload);

G_END_DECLS
