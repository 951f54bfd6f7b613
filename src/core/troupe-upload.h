/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  TROUPE_UPLOAD_QUEUED,
  TROUPE_UPLOAD_SENDING,
  TROUPE_UPLOAD_DONE,
  TROUPE_UPLOAD_FAILED,
  TROUPE_UPLOAD_CANCELLED,
  TROUPE_UPLOAD_REFUSED,     /* type/size/unreadable/0-byte/folder: never sent */
  TROUPE_UPLOAD_INTERRUPTED, /* was in the queue when the app quit */
} TroupeUploadState;

/* One file on its way to the Knowledge Bank. Properties (read-only outside
 * the queue): "file", "display-name", "state", "bytes-sent", "bytes-total",
 * "rate" (bytes/s, smoothed), "seconds-left" (-1 = not known yet),
 * "error-message" (what happened and what to do), "document-id" (when done,
 * or the document a new version replaces), "character-id" (Upload and Add). */
#define TROUPE_TYPE_UPLOAD (troupe_upload_get_type ())
G_DECLARE_FINAL_TYPE (TroupeUpload, troupe_upload, TROUPE, UPLOAD, GObject)

GFile             *troupe_upload_get_file          (TroupeUpload *upload);
const char        *troupe_upload_get_display_name  (TroupeUpload *upload);
TroupeUploadState  troupe_upload_get_state         (TroupeUpload *upload);
goffset            troupe_upload_get_bytes_sent    (TroupeUpload *upload);
goffset            troupe_upload_get_bytes_total   (TroupeUpload *upload);
double             troupe_upload_get_rate          (TroupeUpload *upload);
double             troupe_upload_get_seconds_left  (TroupeUpload *upload);
const char        *troupe_upload_get_error_message (TroupeUpload *upload);
const char        *troupe_upload_get_document_id   (TroupeUpload *upload);
const char        *troupe_upload_get_character_id  (TroupeUpload *upload);
gboolean           troupe_upload_is_new_version    (TroupeUpload *upload);

/* Queued: never sent. Sending: stopped; the server keeps nothing. */
void               troupe_upload_cancel            (TroupeUpload *upload);

G_END_DECLS
