/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CONVAI_TYPE_MULTIPART_STREAM (convai_multipart_stream_get_type ())
G_DECLARE_FINAL_TYPE (ConvaiMultipartStream, convai_multipart_stream, CONVAI, MULTIPART_STREAM, GInputStream)

/* A multipart/form-data request body that reads its file parts from disk in
 * chunks while it is read: the same memory for 1 KiB or 4 GiB, and a total
 * length known before the first byte (for Content-Length). Add every part
 * first, then read. Progress (bytes read of total) is reported from the
 * reads, on the reader's main context for async reads. */
ConvaiMultipartStream *convai_multipart_stream_new              (const char            *boundary);
void                   convai_multipart_stream_add_field        (ConvaiMultipartStream *self,
                                                                  const char            *name,
                                                                  const char            *value);
/* Queries the file's size now; the file is opened on the first read. */
gboolean               convai_multipart_stream_add_file         (ConvaiMultipartStream *self,
                                                                  const char            *name,
                                                                  const char            *file_name,
                                                                  const char            *content_type,
                                                                  GFile                 *file,
                                                                  GCancellable          *cancellable,
                                                                  GError               **error);
/* @progress runs on the thread that set it (its thread-default context),
 * whichever thread reads the body; steps read on another thread are told
 * at most once a frame (1/60 s), folded together, the last byte at once. */
void                   convai_multipart_stream_set_progress_callback (ConvaiMultipartStream *self,
                                                                  GFileProgressCallback  progress,
                                                                  gpointer               progress_data);
const char            *convai_multipart_stream_get_boundary     (ConvaiMultipartStream *self);
/* "multipart/form-data; boundary=..." */
char                  *convai_multipart_stream_dup_content_type (ConvaiMultipartStream *self);
goffset                convai_multipart_stream_get_length       (ConvaiMultipartStream *self);
goffset                convai_multipart_stream_get_position     (ConvaiMultipartStream *self);

G_END_DECLS
