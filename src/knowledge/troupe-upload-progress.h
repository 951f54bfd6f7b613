/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A horizontal progress bar that looks like GtkProgressBar (the same CSS
 * nodes: progressbar > trough > progress) but whose fraction only redraws
 * it: it never lays out the window again. Its value is exposed to
 * accessibility as a progress bar's, 0 to 1. */
#define TROUPE_TYPE_UPLOAD_PROGRESS (troupe_upload_progress_get_type ())
G_DECLARE_FINAL_TYPE (TroupeUploadProgress, troupe_upload_progress, TROUPE, UPLOAD_PROGRESS, GtkWidget)

GtkWidget *troupe_upload_progress_new          (void);
double     troupe_upload_progress_get_fraction (TroupeUploadProgress *self);
void       troupe_upload_progress_set_fraction (TroupeUploadProgress *self,
                                                double                fraction);

G_END_DECLS
