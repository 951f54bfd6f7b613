/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Replaces @file's contents with @bytes atomically (a temporary file renamed
 * over it), creating the parent folders first when they are missing. The
 * folders are made in a worker thread; the write is g_file_replace_contents. */
void     troupe_file_write_async  (GFile                *file,
                                   GBytes               *bytes,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
gboolean troupe_file_write_finish (GFile                *file,
                                   GAsyncResult         *result,
                                   GError              **error);

G_END_DECLS
