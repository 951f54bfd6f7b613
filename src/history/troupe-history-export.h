/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <convai.h>

G_BEGIN_DECLS

typedef enum
{
  TROUPE_HISTORY_FORMAT_MARKDOWN,
  TROUPE_HISTORY_FORMAT_JSON,
} TroupeHistoryFormat;

gboolean    troupe_history_format_parse     (const char          *name,
                                             TroupeHistoryFormat *format);
/* ".md" or ".json". */
const char *troupe_history_format_extension (TroupeHistoryFormat  format);

/* Called on the caller's thread before each session is read. */
typedef void (*TroupeHistoryExportProgress) (guint    done,
                                             guint    total,
                                             gpointer user_data);

/* Writes sessions' transcripts in the format troupe-cli writes (the shared
 * troupe-transcript code): one session to @target as a file, several into
 * @target as a folder, one "<session id>.md" or ".json" each. Each
 * transcript is read (chatHistory/details) one after another and written
 * atomically before the next is read, so a failure leaves whole files.
 * A session gone from the server (404) is skipped and counted. */
void     troupe_history_export_async  (ConvaiClient        *client,
                                       const char          *char_id,
                                       const char * const  *session_ids,
                                       TroupeHistoryFormat  format,
                                       GFile               *target,
                                       gboolean             target_is_folder,
                                       TroupeHistoryExportProgress progress,
                                       gpointer             progress_data,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* @n_written, @n_gone: how many files were written, sessions skipped. */
gboolean troupe_history_export_finish (GAsyncResult        *result,
                                       guint               *n_written,
                                       guint               *n_gone,
                                       GError             **error);

G_END_DECLS
