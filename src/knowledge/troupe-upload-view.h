/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "troupe-upload-queue.h"

G_BEGIN_DECLS

/* The upload queue as a list of TroupeUploadRow under a header with
 * "Clear Finished" ("uploads.clear-finished": done, cancelled and refused
 * rows go) and "Cancel All" ("uploads.cancel-all"). Hidden while the queue
 * is empty. */
#define TROUPE_TYPE_UPLOAD_VIEW (troupe_upload_view_get_type ())
G_DECLARE_FINAL_TYPE (TroupeUploadView, troupe_upload_view, TROUPE, UPLOAD_VIEW, GtkWidget)

GtkWidget *troupe_upload_view_new      (TroupeUploadQueue *queue);
GtkListBox *troupe_upload_view_get_list (TroupeUploadView  *self);

G_END_DECLS
