/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "troupe-upload-queue.h"

G_BEGIN_DECLS

/* One upload as a list row: its name, a progress bar moving with the bytes,
 * "12.3 MB of 1.0 GB · 45 MB/s · 20 s left" or the reason it stopped, and
 * Cancel or Retry (actions "upload.cancel", "upload.retry"). */
#define TROUPE_TYPE_UPLOAD_ROW (troupe_upload_row_get_type ())
G_DECLARE_FINAL_TYPE (TroupeUploadRow, troupe_upload_row, TROUPE, UPLOAD_ROW, GtkListBoxRow)

GtkWidget    *troupe_upload_row_new        (TroupeUploadQueue *queue,
                                            TroupeUpload      *upload);
TroupeUpload *troupe_upload_row_get_upload (TroupeUploadRow   *self);
/* What the status line says now: the figures while queued or sending
 * (brought up to date), else the outcome. */
const char   *troupe_upload_row_get_status (TroupeUploadRow   *self);
/* Where the progress bar stands, 0 to 1. */
double        troupe_upload_row_get_fraction (TroupeUploadRow *self);
/* How many times the row has shown new progress: at most once a frame,
 * however often the upload notifies (for tests and the benchmark). */
guint         troupe_upload_row_get_n_refreshes (TroupeUploadRow *self);

G_END_DECLS
